/* Every page, small: the language switch that keeps the reader's section, glossary terms that open
   their definition in place, localised permalink titles. (Tables come labelled for a phone from the
   build: course_builder/render/tables.py.) */
(function () {
  "use strict";
  // The course's languages, the default first (filled in at build: course_builder/render/assets.py).
  var texts = {{site_texts}};
  var S = texts[document.documentElement.lang] || texts[Object.keys(texts)[0]];
  var here = document.currentScript && document.currentScript.src;
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  all(".headerlink").forEach(function (a) { a.title = S.permalink; a.setAttribute("aria-label", S.permalink); });
  // The language switch: the same section in the other language (headings match one to one).
  var heads = all(".md-content h2[id], .md-content h3[id]");
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[hreflang]");
    if (!a || !heads.length) return;
    var n = -1;
    heads.forEach(function (h, i) { if (h.getBoundingClientRect().top < innerHeight * 0.4) n = i; });
    if (n >= 0) a.href = a.href.split("#")[0] + "#cb-h" + n;
  }, true);
  var m = /^#cb-h(\d+)$/.exec(location.hash), target = m && heads[+m[1]];
  if (target) { history.replaceState(null, "", "#" + target.id); target.scrollIntoView(); }
  // Offline (sw.js, written by course_builder/render/offline.py): once the page has loaded, the
  // worker keeps the language being read; on a connection that asks to save data, only when the
  // participant presses the button. Not inside an LMS frame, nor from disk.
  var sw = navigator.serviceWorker;
  if (sw && here && location.protocol.indexOf("http") === 0 && window.top === window) {
    var net = navigator.connection || {}, frugal = !!net.saveData || /(^|-)2g$/.test(net.effectiveType || "");
    var button = null;
    sw.addEventListener("message", function (ev) {
      var d = ev.data || {};
      if (d.type === "status" && !d.ok) offer();
      if (d.type === "cached" && button) { button.textContent = d.ok ? S.offline_ready : S.offline_save; button.disabled = d.ok; }
    });
    var offer = function () {
      var p = document.createElement("p"), box = document.querySelector(".md-content__inner");
      if (!box) return;
      button = document.createElement("button");
      p.className = "cb-offline"; p.setAttribute("aria-live", "polite");
      button.type = "button"; button.className = "md-button"; button.textContent = S.offline_save;
      button.addEventListener("click", function () {
        button.disabled = true; button.textContent = S.offline_saving;
        sw.ready.then(function (reg) { reg.active.postMessage({ type: "cache", lang: document.documentElement.lang }); });
      });
      p.appendChild(button); box.appendChild(p);
    };
    window.addEventListener("load", function () {
      sw.register(new URL("../../sw.js", here).href).then(function () { return sw.ready; }).then(function (reg) {
        reg.active.postMessage({ type: frugal ? "status" : "cache", lang: document.documentElement.lang });
      }).catch(function () { /* offline use is a bonus: the page works without it */ });
    });
  }
  // The search page opened from the header's search button: ready to type (after search.js has run).
  window.addEventListener("load", function () {
    var q = document.getElementById("cb-q");
    if (q && !q.value && document.referrer.indexOf(location.origin) === 0) q.focus();
  });
  // Glossary terms: a tap or Enter opens the definition right below, a second one (or Escape) closes it.
  all('.md-content a[href*="{{slugs.glossary}}/#"]').forEach(function (a) {
    var def = a.getAttribute("title");
    if (!def) return;
    a.dataset.def = def;
    a.removeAttribute("title");  // the popover replaces the theme's hover-only tooltip
    a.setAttribute("aria-expanded", "false");
  });
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[data-def]");
    if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    ev.preventDefault();
    var open = a.getAttribute("aria-expanded") === "true";
    all(".cb-pop").forEach(function (p) { p.remove(); });
    document.body.classList.toggle("cb-pop-open", !open);
    all("a[data-def]").forEach(function (x) { x.setAttribute("aria-expanded", "false"); });
    if (open) return;
    var pop = document.createElement("div"), id = "cb-pop-" + Date.now();
    pop.className = "cb-pop"; pop.id = id; pop.setAttribute("role", "note"); pop.tabIndex = -1;
    var strong = document.createElement("strong"); strong.textContent = a.textContent + ": ";
    var more = document.createElement("a"); more.href = a.href; more.textContent = S.glossary_see;
    var close = document.createElement("button"); close.type = "button"; close.textContent = S.close;
    pop.append(strong, a.dataset.def + " ", more, close);
    function shut() { pop.remove(); document.body.classList.remove("cb-pop-open"); a.setAttribute("aria-expanded", "false"); a.focus(); }
    close.addEventListener("click", shut);
    pop.addEventListener("keydown", function (e) { if (e.key === "Escape") shut(); });
    a.setAttribute("aria-expanded", "true"); a.setAttribute("aria-controls", id);
    (a.closest("p, li, dd") || a).after(pop); pop.focus();  // below the sentence, which stays whole
  });
})();
