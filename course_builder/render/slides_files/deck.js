/* The slide deck's engine (course_builder/render/slides.py writes the deck; see ARCHITECTURE.md for why
   it is our own). One slide at a time, scaled to the window; keyboard, touch swipe; the place is the URL's
   hash (the slide's anchor), which the language links carry; ?presenter opens the presenter view, kept in
   step with the audience window through BroadcastChannel and window.opener/postMessage (both work from
   file://). Texts come from the page (data-* on body); the script writes only textContent and clones the
   page's own slides. Without the script every slide is shown one under the other. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var presenter = /[?&]presenter(?:[=&]|$)/.test(location.search);
  if (presenter) root.classList.add("pv");

  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function start() {
    var body = document.body, data = body.dataset;
    var deck = document.querySelector(".deck");
    var slides = [].slice.call(deck.querySelectorAll(".slide"));
    var total = slides.length, cur = -1;
    var live = document.getElementById("live");
    var count = document.querySelector(".bar .count");
    var langLinks = [].slice.call(document.querySelectorAll(".b-lang"));
    var bases = langLinks.map(function (a) { return a.getAttribute("href").split("#")[0]; });
    var key = "cb-deck:" + location.pathname;
    var me = Math.random().toString(36).slice(2), seq = 0, seen = {};
    var peer = presenter ? window.opener : null;
    var channel = null;
    try { channel = new BroadcastChannel(key); } catch (e) { channel = null; }
    var pv = presenter ? buildPresenter() : null;

    function clamp(n) { return Math.max(0, Math.min(total - 1, n)); }
    function indexOf(hash) {
      var id = decodeURIComponent(String(hash || "").replace(/^#/, ""));
      if (!id) return 0;
      if (/^\d+$/.test(id)) return clamp(parseInt(id, 10) - 1);
      var i;
      for (i = 0; i < total; i++) if (slides[i].id === id) return i;
      var base = id.replace(/-\d+$/, "");  // a part the other language's deck has not got
      for (i = 0; i < total; i++) if (slides[i].id === base) return i;
      return 0;
    }
    function titleOf(s) {
      var h = s.querySelector("h2");
      return h ? h.textContent.replace(/\s+/g, " ").trim() : "";
    }
    function go(n, quiet) {
      n = clamp(n);
      if (n === cur) return;
      if (cur >= 0) slides[cur].classList.remove("on");
      cur = n;
      var s = slides[n];
      s.classList.add("on");
      try { history.replaceState(null, "", "#" + s.id); } catch (e) { /* some file:// set-ups refuse it */ }
      if (count) count.textContent = fill(data.counter, { n: n + 1, total: total });
      if (live && !presenter) live.textContent = fill(data.live, { n: n + 1, total: total, title: titleOf(s) });
      langLinks.forEach(function (a, i) { a.setAttribute("href", bases[i] + "#" + s.id); });
      if (pv) pv.paint();
      if (!quiet) send();
    }

    // Both ways, both channels: BroadcastChannel reaches a window the other one did not open (or
    // after a reload); postMessage reaches the opener where BroadcastChannel is missing. A sequence
    // number per sender drops the second copy and anything older.
    function send() {
      var msg = { cbDeck: key, from: me, seq: ++seq, slide: cur };
      if (channel) channel.postMessage(msg);
      if (peer && !peer.closed) { try { peer.postMessage(msg, "*"); } catch (e) { peer = null; } }
    }
    function receive(msg) {
      if (!msg || msg.cbDeck !== key || msg.from === me || typeof msg.slide !== "number") return false;
      if (msg.seq <= (seen[msg.from] || 0)) return true;
      seen[msg.from] = msg.seq;
      go(msg.slide, true);
      return true;
    }
    if (channel) channel.onmessage = function (e) { receive(e.data); };
    window.addEventListener("message", function (e) {
      // Only the slide's number travels; the window that sent it becomes the one we answer.
      if (receive(e.data) && e.source && e.source !== window) peer = e.source;
    });

    function openPresenter() {
      var url = location.href.split("#")[0].split("?")[0] + "?presenter#" + slides[cur].id;
      var w = window.open(url, "cb-presenter", "popup,width=1200,height=760");
      if (w) peer = w;
    }
    function fullscreen() {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (root.requestFullscreen) root.requestFullscreen().catch(function () {});
    }

    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      var k = e.key, tag = e.target && e.target.tagName;
      // Space and Enter on a button or link are that control's.
      if ((k === " " || k === "Enter") && /^(BUTTON|A|INPUT|SELECT|TEXTAREA)$/.test(tag || "")) return;
      var n;
      if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown" || (k === " " && !e.shiftKey)) n = cur + 1;
      else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp" || (k === " " && e.shiftKey)) n = cur - 1;
      else if (k === "Home") n = 0;
      else if (k === "End") n = total - 1;
      else if ((k === "p" || k === "P") && !presenter) { e.preventDefault(); openPresenter(); return; }
      else if (k === "f" || k === "F") { e.preventDefault(); fullscreen(); return; }
      else return;
      e.preventDefault();
      go(n);
    });
    var x0 = null, y0 = 0;
    document.addEventListener("touchstart", function (e) {
      x0 = e.touches.length === 1 ? e.touches[0].clientX : null;
      y0 = e.touches.length === 1 ? e.touches[0].clientY : 0;
    }, { passive: true });
    document.addEventListener("touchend", function (e) {
      if (x0 === null || !e.changedTouches.length) return;
      var dx = e.changedTouches[0].clientX - x0, dy = e.changedTouches[0].clientY - y0;
      x0 = null;
      if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) go(cur + (dx < 0 ? 1 : -1));
    }, { passive: true });
    function on(sel, fn) {
      var b = document.querySelector(sel);
      if (b) b.addEventListener("click", fn);
    }
    on(".b-prev", function () { go(cur - 1); });
    on(".b-next", function () { go(cur + 1); });
    on(".b-presenter", openPresenter);
    window.addEventListener("hashchange", function () { go(indexOf(location.hash)); });

    function fit() {
      root.style.setProperty("--k", String(Math.min(window.innerWidth / 1280, window.innerHeight / 720)));
      if (pv) pv.fit();
    }
    window.addEventListener("resize", fit);
    fit();

    function buildPresenter() {
      var wrap = el("main", "pv-wrap");
      var head = el("div", "pv-head");
      var heading = el("h2", null, data.presenterTitle);
      var time = el("span", "pv-time", "0:00");
      time.setAttribute("role", "timer");
      time.setAttribute("aria-label", data.elapsed);
      var counter = el("span", "pv-count");
      var prev = el("button", null, "‹"), next = el("button", null, "›"), reset = el("button", null, data.reset);
      prev.type = next.type = reset.type = "button";
      prev.setAttribute("aria-label", document.querySelector(".b-prev").getAttribute("aria-label"));
      next.setAttribute("aria-label", document.querySelector(".b-next").getAttribute("aria-label"));
      [heading, time, counter, prev, next, reset].forEach(function (x) { head.appendChild(x); });
      var curBox = el("div", "pv-box pv-cur");
      var nextPane = el("section", "pv-next"), nextBox = el("div", "pv-box");
      nextPane.setAttribute("aria-label", data.nextLabel);
      nextPane.appendChild(el("h3", null, data.nextLabel));
      nextPane.appendChild(nextBox);
      var notes = el("section", "pv-notes");
      notes.setAttribute("aria-label", data.notesLabel);
      notes.tabIndex = 0;  // long notes scroll: reachable by keyboard
      notes.appendChild(el("h3", null, data.notesLabel));
      var notesBody = el("div", "pv-notes-body");
      notes.appendChild(notesBody);
      var views = el("div", "pv-slides");
      views.appendChild(curBox);
      views.appendChild(nextPane);
      [head, views, notes].forEach(function (x) { wrap.appendChild(x); });
      deck.parentNode.replaceChild(wrap, deck);  // the slides stay in memory: the views are their copies
      var started = Date.now();
      function tick() {
        var s = Math.floor((Date.now() - started) / 1000), m = Math.floor(s / 60), h = Math.floor(m / 60);
        time.textContent = (h ? h + ":" + String(m % 60).padStart(2, "0") : m) + ":" + String(s % 60).padStart(2, "0");
      }
      setInterval(tick, 1000);
      prev.addEventListener("click", function () { go(cur - 1); });
      next.addEventListener("click", function () { go(cur + 1); });
      reset.addEventListener("click", function () { started = Date.now(); tick(); });
      function copy(s) {
        var c = s.cloneNode(true);
        [c].concat([].slice.call(c.querySelectorAll("[id]"))).forEach(function (x) { x.removeAttribute("id"); });
        c.removeAttribute("aria-labelledby");
        c.removeAttribute("aria-roledescription");
        var n = c.querySelector(".notes");
        if (n) n.parentNode.removeChild(n);
        c.classList.add("on");
        c.setAttribute("aria-hidden", "true");
        return c;
      }
      function scale(box) {
        box.style.setProperty("--s", String(Math.min(box.clientWidth / 1280, box.clientHeight / 720)));
      }
      return {
        paint: function () {
          curBox.replaceChildren(copy(slides[cur]));
          nextBox.replaceChildren(cur + 1 < total ? copy(slides[cur + 1]) : el("p", "pv-end", data.end));
          var n = slides[cur].querySelector(".notes");
          notesBody.replaceChildren();
          if (n) [].forEach.call(n.childNodes, function (x) { notesBody.appendChild(x.cloneNode(true)); });
          counter.textContent = fill(data.counter, { n: cur + 1, total: total });
          document.title = data.presenterTitle + " · " + fill(data.counter, { n: cur + 1, total: total });
          this.fit();
        },
        fit: function () { scale(curBox); scale(nextBox); }
      };
    }

    go(indexOf(location.hash), true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
