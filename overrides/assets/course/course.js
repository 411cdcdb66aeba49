/* Quizzes and branching cases of the course: checks answers in the browser and keeps progress
   on this device. Content is never inserted as HTML: feedback is pre-rendered by the generator
   and only shown or hidden here; the live regions get plain textContent. */
(function () {
  "use strict";
  // Where this script lives: qr.js beside it is loaded only when a QR code is asked for.
  var HERE = (document.currentScript || {}).src;

  /* ---- storage: one JSON record per course, keyed by ids, never by URL ---- */
  var VERSION = 2;
  function blank() { return { v: VERSION, course: "", seed: "", q: {}, quiz: {}, cases: {}, visited: {}, last: "" }; }
  // Older records are upgraded, never thrown away: v1 kept answers per quiz.
  function migrate(d) {
    if (d.v === 1) {
      d.q = {};
      Object.keys(d.quiz || {}).forEach(function (id) {
        var done = d.quiz[id].done || {};
        Object.keys(done).forEach(function (qid) { d.q[qid] = done[qid]; });
        delete d.quiz[id].done;
      });
      d.v = 2;
    }
    return d;
  }
  function valid(d, courseId) {
    return d && typeof d === "object" && d.v === VERSION && d.course === courseId &&
      typeof d.q === "object" && typeof d.quiz === "object" && typeof d.visited === "object";
  }
  // Inside an LMS package a launch page offers a bridge (get/set of the JSON record) that keeps
  // progress in the LMS instead of this browser.
  function bridge() {
    try { return window.CB_BRIDGE || (window.parent !== window && window.parent.CB_BRIDGE) || null; }
    catch (e) { return null; }
  }
  function Store(courseId) {
    this.key = "cb:" + courseId; this.course = courseId; this.ok = true; this.reset = false;
    this.data = blank();
    this.bridge = bridge();
    var raw = null;
    try { raw = this.bridge ? this.bridge.get() : window.localStorage.getItem(this.key); } catch (e) { this.ok = false; }
    if (raw) {
      var parsed = null;
      try {
        parsed = expand(JSON.parse(raw));
        this.migrated = parsed && parsed.v !== VERSION;
        parsed = migrate(parsed);
        if (parsed && !parsed.course) parsed.course = courseId;
      } catch (e) { parsed = null; }
      if (valid(parsed, courseId)) this.data = merge(blank(), parsed); else this.reset = true;
    }
    this.data.course = courseId;
    if (!this.data.seed) this.data.seed = Math.random().toString(36).slice(2);
  }
  Store.prototype.save = function () {
    try {
      if (this.bridge) this.bridge.set(compact(this.data));
      else window.localStorage.setItem(this.key, JSON.stringify(this.data));
    } catch (e) { this.ok = false; }
  };
  Store.prototype.replace = function (data) { this.data = data; this.save(); };
  function merge(base, extra) {
    Object.keys(extra).forEach(function (k) { base[k] = extra[k]; });
    return base;
  }

  function fmt(s, values) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }
  function norm(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ")
      .replace(/^[ .,;:!?¡¿"'«»()]+|[ .,;:!?¡¿"'«»()]+$/g, "");
  }
  function hash(s) {
    var h = 2166136261;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  }
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function text(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }

  /* ---- one question ---- */
  function evaluate(form, key) {
    var t = key.type, inputs, wrong = 0, missed = 0;
    if (t === "single" || t === "true_false" || t === "multiple") {
      var picked = all(form, "input:checked").map(function (i) { return i.value; });
      if (!picked.length) return null;
      key.correct.forEach(function (c) { if (picked.indexOf(c) < 0) missed++; });
      picked.forEach(function (p) { if (key.correct.indexOf(p) < 0) wrong++; });
      return { ok: !wrong && !missed, wrong: wrong, missed: missed, picked: picked };
    }
    if (t === "fill_in") {
      var value = form.querySelector("input[type=text]").value;
      if (!norm(value)) return null;
      return { ok: key.answers.indexOf(norm(value)) >= 0 };
    }
    inputs = all(form, "select");
    if (inputs.some(function (s) { return !s.value; })) return null;
    inputs.forEach(function (s, i) {
      var expected = t === "ordering" ? String(key.order.indexOf(s.name) + 1) : key.pairs[s.name];
      var right = s.value === expected;
      if (!right) wrong++;
      s.parentNode.querySelector(".cb-mark").textContent = right ? "✓" : "✗";
      s.closest("li, .cb-match-row").className = s.closest("li, .cb-match-row").className.replace(/ cb-(right|wrong)/g, "") + (right ? " cb-right" : " cb-wrong");
    });
    return { ok: !wrong, wrong: wrong };
  }

  function Quiz(root, store) {
    var data = JSON.parse(root.querySelector("script.cb-data").textContent);
    this.root = root; this.data = data; this.store = store; this.s = data.strings;
    this.forms = all(root, "form.cb-question");  // an assessment has none until the draw
    this.state = store.data.quiz[data.quiz] = store.data.quiz[data.quiz] || {};
    this.assessment = data.kind === "assessment";
    // Module quizzes share one answer map keyed by question id (unique in the course); an
    // assessment attempt keeps its own, so a new attempt starts clean.
    this.done = this.assessment ? (this.state.answers = this.state.answers || {}) : store.data.q;
    if (this.assessment) this.drawQuestions();
    if (data.shuffle) this.shuffle();
    var self = this;
    this.forms.forEach(function (form) {
      form.addEventListener("submit", function (ev) { ev.preventDefault(); self.check(form); });
      form.querySelector(".cb-retry").addEventListener("click", function () { self.retry(form); });
      form.querySelector(".cb-reveal").addEventListener("click", function () { self.reveal(form); });
      var qid = form.dataset.qid, saved = self.done[qid];
      // Rewritten since it was answered: start over. Records from before hashes (v1) are trusted.
      if (saved && saved.h && saved.h !== data.questions[qid].h) { delete self.done[qid]; saved = null; }
      if (saved && !form.hidden) self.restore(form, saved);
    });
    this.updateScore(false);
  }

  // Pool questions arrive as inert <template>s: only the drawn ones become part of the page.
  Quiz.prototype.drawQuestions = function () {
    var data = this.data, state = this.state, root = this.root, s = this.s, byId = {}, pools = {};
    all(root, "template.cb-pool").forEach(function (t) {
      byId[t.dataset.qid] = t;
      (pools[t.dataset.pool] = pools[t.dataset.pool] || []).push(t.dataset.qid);
    });
    if (!state.drawn || !state.drawn.length || state.drawn.some(function (q) { return !byId[q]; })) {
      var names = Object.keys(pools), drawn = [], round = 0;
      names.forEach(function (n) { pools[n].sort(function () { return Math.random() - 0.5; }); });
      while (drawn.length < data.draw && round < 1000) {
        names.forEach(function (n) { if (drawn.length < data.draw && pools[n][round]) drawn.push(pools[n][round]); });
        round++;
      }
      state.drawn = drawn; this.done = state.answers = {};
    }
    var score = root.querySelector(".cb-score");
    this.forms = state.drawn.map(function (qid, i) {
      var form = byId[qid].content.firstElementChild.cloneNode(true);
      form.querySelector(".cb-qnum").textContent = fmt(s.qnum, { n: i + 1, total: state.drawn.length });
      root.insertBefore(form, score);
      return form;
    });
  };

  Quiz.prototype.shuffle = function () {
    var seed = this.store.data.seed;
    this.forms.forEach(function (form) {
      var box = form.querySelector(".cb-options");
      if (!box || form.dataset.type === "true_false") return;
      all(box, ".cb-option").map(function (el) { return [hash(seed + form.dataset.qid + el.dataset.option), el]; })
        .sort(function (a, b) { return a[0] - b[0]; })
        .forEach(function (pair) { box.appendChild(pair[1]); });
    });
  };

  Quiz.prototype.status = function (form, message) { form.querySelector(".cb-status").textContent = message; };

  Quiz.prototype.check = function (form) {
    var key = this.data.questions[form.dataset.qid], s = this.s, result = evaluate(form, key);
    if (!result) { this.status(form, s.choose_first); return; }
    var qid = form.dataset.qid, entry = this.done[qid] || { tries: 0 };
    entry.h = key.h;
    entry.tries++;
    var multiple = key.type === "multiple";
    var parts = [result.ok ? s.correct : (multiple && result.missed && !result.wrong ? s.partly : s.incorrect)];
    if (!result.ok && result.missed && multiple) parts.push(fmt(s.missed, { n: result.missed }));
    var what = { multiple: s.wrong_picked, ordering: s.order_wrong, matching: s.match_wrong }[key.type];
    if (!result.ok && result.wrong && what) parts.push(fmt(what, { n: result.wrong }));
    (result.picked || []).forEach(function (id) {
      var opt = form.querySelector('.cb-option[data-option="' + id + '"]');
      var fb = opt && opt.querySelector(".cb-option-feedback");
      opt.querySelector(".cb-mark").textContent = key.correct.indexOf(id) >= 0 ? "✓" : "✗";
      opt.classList.add(key.correct.indexOf(id) >= 0 ? "cb-right" : "cb-wrong");
      if (fb) { fb.hidden = false; parts.push(text(fb)); }
    });
    this.status(form, parts.join(" "));
    form.classList.add("cb-answered");
    all(form, "input, select").forEach(function (i) { i.disabled = true; });
    form.querySelector(".cb-check").hidden = true;
    if (result.ok || this.assessment) {
      entry.ok = result.ok; entry.final = true;
      this.finish(form);
    } else {
      var retry = form.querySelector(".cb-retry");
      retry.hidden = false;
      if (this.data.reveal && entry.tries >= this.data.reveal) form.querySelector(".cb-reveal").hidden = false;
      retry.focus();
    }
    this.done[qid] = entry;
    this.updateScore(true);
  };

  Quiz.prototype.finish = function (form) {
    var expl = form.querySelector(".cb-explanation");
    form.querySelector(".cb-retry").hidden = true;
    form.querySelector(".cb-reveal").hidden = true;
    var target = expl || form.querySelector(".cb-status");
    if (expl) expl.hidden = false;
    target.tabIndex = -1;
    target.focus();
  };

  Quiz.prototype.retry = function (form) {
    form.classList.remove("cb-answered");
    all(form, "input, select").forEach(function (i) { i.disabled = false; });
    all(form, ".cb-right, .cb-wrong").forEach(function (o) { o.classList.remove("cb-right", "cb-wrong"); });
    all(form, ".cb-mark").forEach(function (m) { m.textContent = ""; });
    all(form, ".cb-option-feedback").forEach(function (f) { f.hidden = true; });
    form.querySelector(".cb-retry").hidden = true;
    form.querySelector(".cb-reveal").hidden = true;
    form.querySelector(".cb-check").hidden = false;
    this.status(form, "");
    var first = form.querySelector("input, select");
    if (first) first.focus();
  };

  Quiz.prototype.answer = function (form) {
    var key = this.data.questions[form.dataset.qid];
    if (key.correct) {
      all(form, "input").forEach(function (i) { i.checked = key.correct.indexOf(i.value) >= 0; });
      return key.correct.map(function (id) {
        return text(form.querySelector('.cb-option[data-option="' + id + '"] label'));
      }).join("; ");
    }
    if (key.type === "fill_in") { form.querySelector("input[type=text]").value = key.shown; return key.shown; }
    all(form, "select").forEach(function (s) {
      s.value = key.type === "ordering" ? String(key.order.indexOf(s.name) + 1) : key.pairs[s.name];
      s.parentNode.querySelector(".cb-mark").textContent = "✓";
      s.closest("li, .cb-match-row").classList.remove("cb-wrong");
    });
    return "";
  };

  Quiz.prototype.reveal = function (form) {
    var shown = this.answer(form);
    all(form, "input, select").forEach(function (i) { i.disabled = true; });
    var entry = this.done[form.dataset.qid];
    entry.ok = false; entry.final = true; entry.revealed = true;
    this.status(form, this.s.revealed + (shown ? " " + fmt(this.s.the_answer_is, { answer: shown }) : ""));
    this.finish(form);
    this.updateScore(true);
  };

  Quiz.prototype.restore = function (form, saved) {
    if (!saved.final) return;
    this.answer(form);
    form.classList.add("cb-answered");
    all(form, "input, select").forEach(function (i) { i.disabled = true; });
    form.querySelector(".cb-check").hidden = true;
    var expl = form.querySelector(".cb-explanation");
    if (expl) expl.hidden = false;
    this.status(form, saved.ok ? this.s.correct : this.s.revealed);
  };

  Quiz.prototype.updateScore = function (announce) {
    var done = this.done, total = this.forms.length, answered = 0, correct = 0;
    this.forms.forEach(function (f) {
      var e = done[f.dataset.qid];
      if (e && e.final) { answered++; if (e.ok) correct++; }
    });
    var box = this.root.querySelector(".cb-score"), s = this.s;
    if (answered < total) { box.textContent = fmt(s.progress, { answered: answered, total: total }); }
    else {
      var score = Math.round(100 * correct / total), passed = score >= this.data.pass;
      if (this.assessment && (!this.state.result || !this.state.result.passed)) {
        this.state.result = { score: score, passed: passed, at: new Date().toISOString().slice(0, 10) };
      }
      box.textContent = fmt(s.score, { score: score, correct: correct, total: total }) + " " +
        (this.data.graded ? fmt(passed ? s.passed : s.not_passed, { pass: this.data.pass }) : "");
      var again = this.root.querySelector(".cb-again");
      if (again) again.hidden = false;
    }
    if (announce) this.store.save();
  };

  Quiz.prototype.restart = function () {
    var done = this.done;
    if (this.assessment) this.state.drawn = null;
    else this.forms.forEach(function (f) { delete done[f.dataset.qid]; });
    this.store.save();
    window.location.reload();
  };

  /* ---- branching case ---- */
  function Case(root, store) {
    var nodes = all(root, ".cb-case-node"), start = root.dataset.start, id = root.dataset.case;
    root.classList.add("cb-js");
    function show(name, focus) {
      nodes.forEach(function (n) { n.hidden = n.dataset.node !== name; });
      all(root, ".cb-case-feedback").forEach(function (f) { f.hidden = true; });
      all(root, ".cb-case-choice").forEach(function (c) { c.removeAttribute("aria-disabled"); c.classList.remove("cb-chosen"); });
      var node = root.querySelector('[data-node="' + name + '"]');
      if (node && node.dataset.ending) {
        var rec = store.data.cases[id] = store.data.cases[id] || { endings: [] };
        if (rec.endings.indexOf(name) < 0) rec.endings.push(name);
        store.save();
      }
      if (focus && node) node.focus();
    }
    root.addEventListener("click", function (ev) {
      var a = ev.target.closest("a");
      if (!a || !root.contains(a)) return;
      if (a.classList.contains("cb-case-choice")) {
        ev.preventDefault();
        var li = a.parentNode, fb = li.querySelector(".cb-case-feedback");
        all(a.closest("ul"), ".cb-case-feedback").forEach(function (f) { f.hidden = f !== fb; });
        all(a.closest("ul"), ".cb-case-choice").forEach(function (c) { c.classList.toggle("cb-chosen", c === a); });
        fb.hidden = false; fb.tabIndex = -1; fb.focus();
      } else if (a.classList.contains("cb-case-next")) {
        ev.preventDefault(); show(a.dataset.next, true);
      } else if (a.classList.contains("cb-case-restart")) {
        ev.preventDefault(); show(start, true);
      }
    });
    show(start, false);
  }

  /* ---- course-wide pages: progress, certificate, verification ---- */
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); });
    (kids || []).forEach(function (k) { if (k) e.appendChild(k); });
    return e;
  }
  function quizScore(quiz, q) {
    var ids = Object.keys(quiz.q), ok = 0, answered = 0;
    ids.forEach(function (id) {
      var e = q[id];
      if (e && e.final && (!e.h || e.h === quiz.q[id])) { answered++; if (e.ok) ok++; }
    });
    var score = ids.length ? Math.round(100 * ok / ids.length) : 0;
    return { answered: answered, total: ids.length, score: score, passed: answered === ids.length && score >= quiz.pass };
  }
  function status(map, data) {
    var rows = map.modules.map(function (m) {
      var graded = m.quizzes.filter(function (z) { return z.graded; }).map(function (z) { return [z, quizScore(z, data.q)]; });
      var passed = graded.every(function (g) { return g[1].passed; });
      var state = graded.length ? (passed ? "passed" : (graded.some(function (g) { return g[1].answered; }) ? "failed" : null)) : null;
      if (!state) state = data.visited[m.id] ? (graded.length ? "read" : "ungraded") : "new";
      var score = graded.length && graded[0][1].answered ? graded.map(function (g) { return g[1].score + " %"; }).join(", ") : "";
      return { m: m, state: state, score: score, missing: graded.filter(function (g) { return !g[1].passed; }).map(function (g) { return g[0].title; }), done: !graded.length ? !!data.visited[m.id] : passed };
    });
    var fin = map.final && (data.quiz[map.final.id] || {}).result;
    return { rows: rows, final: fin || null };
  }
  function code(parts) {
    // A checksum that ties the printed details together; anyone can recompute it, so it shows
    // that details were not edited, not who issued them.
    var s = parts.map(function (p) { return norm(String(p)); }).join("|"), a = hash("a" + s), b = hash("b" + s);
    var n = (a.toString(32) + b.toString(32)).toUpperCase().replace(/[^0-9A-Z]/g, "");
    while (n.length < 12) n += "0";
    return n.slice(0, 4) + "-" + n.slice(4, 8) + "-" + n.slice(8, 12);
  }
  function longDate(iso, lang) {
    try { return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso + "T00:00:00Z")); }
    catch (e) { return iso; }
  }
  // The code carries only what progress needs (ids of answered questions, assessment results,
  // modules read), so it stays short enough to copy by hand (and to fit an LMS's 4,096-character
  // suspend_data); the file carries the full record.
  function compact(data) {
    var ok = [], no = [], a = {};
    Object.keys(data.q).forEach(function (id) { var e = data.q[id]; if (e.final) (e.ok ? ok : no).push(id); });
    Object.keys(data.quiz).forEach(function (id) { if (data.quiz[id].result) a[id] = data.quiz[id].result; });
    return JSON.stringify({ v: data.v, c: data.course, ok: ok, no: no, a: a, m: Object.keys(data.visited), l: data.last });
  }
  function expand(d) {
    if (!d || !d.c) return d;
    var full = merge(blank(), { v: d.v, course: d.c, last: d.l || "" });
    (d.ok || []).forEach(function (id) { full.q[id] = { ok: true, final: true, tries: 1 }; });
    (d.no || []).forEach(function (id) { full.q[id] = { ok: false, final: true, tries: 1 }; });
    Object.keys(d.a || {}).forEach(function (id) { full.quiz[id] = { result: d.a[id] }; });
    (d.m || []).forEach(function (id) { full.visited[id] = 1; });
    return full;
  }
  function encode(data) {
    return btoa(unescape(encodeURIComponent(compact(data)))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function decode(text, courseId) {
    try {
      text = text.trim();
      var d = expand(JSON.parse(text.charAt(0) === "{" ? text : decodeURIComponent(escape(atob(text.replace(/-/g, "+").replace(/_/g, "/"))))));
      d = merge(blank(), migrate(d));
      return valid(d, courseId) ? d : null;
    } catch (e) { return null; }
  }

  // Folder URLs need an explicit index.html where the site is browsed without a web server's
  // directory index (an LMS package, the offline zip opened from disk).
  function href(url) {
    return /\.html$/.test(window.location.pathname) && /\/$/.test(url) ? url + "index.html" : url;
  }

  function progressApp(root, map, store) {
    var s = map.strings, st = status(map, store.data), live = el("p", { role: "status", "aria-live": "polite" });
    var done = st.rows.filter(function (r) { return r.done; }).length + (st.final && st.final.passed ? 1 : 0);
    var total = st.rows.length + (map.final ? 1 : 0);
    var last = map.modules.filter(function (m) { return m.id === store.data.last; })[0];
    root.appendChild(el("p", { "class": "cb-overall", text: fmt(s.overall, { done: done, total: total }) }));
    var cont = last || map.modules[0];
    root.appendChild(el("p", {}, [el("a", { href: href(cont.url), "class": "md-button md-button--primary", text: last ? fmt(s["continue"], { title: last.title }) : s.start })]));
    var body = el("tbody");
    st.rows.forEach(function (r) {
      body.appendChild(el("tr", { "data-module": r.m.id }, [el("td", {}, [el("a", { href: href(r.m.url), text: r.m.title })]),
        el("td", { text: s["st_" + r.state] }), el("td", { text: r.score })]));
    });
    if (map.final) {
      body.appendChild(el("tr", { "data-module": "final" }, [el("td", {}, [el("a", { href: map.final.url ? href(map.final.url) : "#", text: map.final.title })]),
        el("td", { text: st.final ? s[st.final.passed ? "st_passed" : "st_failed"] : s.st_new }),
        el("td", { text: st.final ? st.final.score + " %" : "" })]));
    }
    root.appendChild(el("table", { "class": "cb-progress" }, [el("thead", {}, [el("tr", {}, [
      el("th", { scope: "col", text: s.th_module }), el("th", { scope: "col", text: s.th_status }), el("th", { scope: "col", text: s.th_score })])]), body]));
    var codeBox = el("textarea", { id: "cb-code", readonly: "", rows: "3" });
    codeBox.value = encode(store.data);
    var copy = el("button", { type: "button", "class": "md-button", text: s.copy });
    copy.addEventListener("click", function () { codeBox.select(); try { document.execCommand("copy"); } catch (e) { /* select is enough */ } live.textContent = s.copied; });
    var dl = el("a", { "class": "md-button", download: map.course + "-progress.json", text: s.download,
      href: "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(store.data)) });
    var qrBtn = el("button", { type: "button", "class": "md-button", text: s.qr_show }), qrBox = el("p");
    qrBtn.addEventListener("click", function show() {  // loads qr.js on first use, then draws
      if (!window.CB_QR) return document.head.appendChild(el("script", { src: new URL("qr.js", HERE) })).addEventListener("load", show);
      var c = el("canvas", { role: "img", "aria-label": s.qr_label });
      window.CB_QR.draw(c, codeBox.value); qrBox.replaceChildren(c);
    });
    var input = el("textarea", { id: "cb-import", rows: "3" });
    var imp = el("button", { type: "button", "class": "md-button", text: s["import"] });
    function load(text) {
      var d = decode(text, map.course);
      if (!d) { live.textContent = s.import_bad; return; }
      d.seed = store.data.seed;
      store.replace(d); live.textContent = s.import_ok;
      window.setTimeout(function () { window.location.reload(); }, 600);
    }
    imp.addEventListener("click", function () { load(input.value); });
    var file = el("input", { type: "file", id: "cb-file", accept: ".json,application/json" });
    file.addEventListener("change", function () {
      var f = file.files[0];
      if (f) f.text().then(load, function () { live.textContent = s.import_bad; });
    });
    var reset = el("button", { type: "button", "class": "md-button cb-reset", text: s.reset });
    var confirmBtn = el("button", { type: "button", "class": "md-button cb-reset-confirm", text: s.reset_confirm, hidden: "" });
    reset.addEventListener("click", function () { confirmBtn.hidden = false; confirmBtn.focus(); });
    confirmBtn.addEventListener("click", function () {
      var seed = store.data.seed;
      store.replace(merge(blank(), { course: map.course, seed: seed }));
      live.textContent = s.reset_done;
      window.setTimeout(function () { window.location.reload(); }, 600);
    });
    root.appendChild(el("h2", { text: s.move_title }));
    root.appendChild(el("p", {}, [el("label", { "for": "cb-code", text: s.code_label }), codeBox, copy, dl, qrBtn]));
    root.appendChild(qrBox);
    root.appendChild(el("p", {}, [el("label", { "for": "cb-import", text: s.import_label }), input, imp]));
    root.appendChild(el("p", {}, [el("label", { "for": "cb-file", text: s.import_file }), file]));
    root.appendChild(el("p", {}, [reset, confirmBtn]));
    root.appendChild(live);
  }

  function certificateApp(root, map, store) {
    var s = map.strings, st = status(map, store.data), missing = [];
    st.rows.forEach(function (r) { r.missing.forEach(function (t) { missing.push(t); }); });
    if (map.final && !(st.final && st.final.passed)) missing.push(map.final.title);
    if (missing.length) {
      root.appendChild(el("p", { "class": "cb-left", text: s.left }));
      root.appendChild(el("ul", { "class": "cb-left-list" }, missing.map(function (t) { return el("li", { text: t }); })));
      return;
    }
    var live = el("p", { role: "status", "aria-live": "polite" });
    var name = el("input", { type: "text", id: "cb-name", autocomplete: "name" });
    name.value = store.data.name || "";
    var make = el("button", { type: "button", "class": "md-button md-button--primary", text: s.make });
    var out = el("div", { "class": "cb-certificate", hidden: "" });
    make.addEventListener("click", function () {
      var who = name.value.trim().replace(/\s+/g, " ");
      if (!who) { live.textContent = s.name_needed; name.focus(); return; }
      store.data.name = who; store.save();
      var date = st.final.at, score = st.final.score;
      var c = code([who, date, map.version, score]);
      while (out.firstChild) out.removeChild(out.firstChild);
      [el("p", { "class": "cb-issuers", text: map.issuers.join(" · ") }), el("h2", { text: s.cert_heading }),
        el("p", { "class": "cb-cert-name", text: who }),
        el("p", { text: fmt(s.cert_body, { name: who, title: map.title, version: map.version, hours: map.hours, score: score }) }),
        el("p", { text: fmt(s.cert_date, { date: longDate(date, map.lang) }) }),
        el("p", { "class": "cb-cert-code", text: fmt(s.cert_code, { code: c }) }),
        el("p", { "class": "cb-cert-verify", text: new URL(href("../verificar/"), window.location.href).href }),
        el("p", { "class": "cb-cert-note", text: s.cert_note })].forEach(function (e) { out.appendChild(e); });
      out.hidden = false; printBtn.hidden = false; out.tabIndex = -1; out.focus();
    });
    var printBtn = el("button", { type: "button", "class": "md-button", text: s.print, hidden: "" });
    printBtn.addEventListener("click", function () { window.print(); });
    root.appendChild(el("p", { "class": "cb-cert-form" }, [el("label", { "for": "cb-name", text: s.name_label }), name, make, printBtn]));
    root.appendChild(live);
    root.appendChild(out);
  }

  function verifyApp(root, map) {
    var s = map.strings, fields = {}, live = el("p", { role: "status", "aria-live": "polite", "class": "cb-verify-result" });
    var form = el("form", { "class": "cb-verify" });
    ["name", "date", "version", "score", "code"].forEach(function (k) {
      fields[k] = el("input", { type: "text", id: "cb-v-" + k, name: k });
      form.appendChild(el("p", {}, [el("label", { "for": "cb-v-" + k, text: s["v_" + k] }), fields[k]]));
    });
    fields.version.value = map.version;
    form.appendChild(el("button", { type: "submit", "class": "md-button md-button--primary", text: s.v_check }));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var who = fields.name.value.trim().replace(/\s+/g, " ");
      var expected = code([who, fields.date.value.trim(), fields.version.value.trim(), fields.score.value.trim().replace(/\s*%$/, "")]);
      live.textContent = expected === fields.code.value.trim().toUpperCase() ? s.v_ok : s.v_bad;
    });
    root.appendChild(form); root.appendChild(live);
  }

  function init() {
    var quizzes = all(document, ".cb-quiz"), cases = all(document, ".cb-case"), apps = all(document, ".cb-app");
    var first = quizzes[0] || cases[0] || apps[0];
    if (!first) return;
    var store = new Store(first.dataset.course), strings = null;
    var module = first.dataset.module;
    if (module) { store.data.visited[module] = store.data.visited[module] || Date.now(); store.data.last = module; store.save(); }
    quizzes.forEach(function (q) {
      var quiz = new Quiz(q, store), again = q.querySelector(".cb-again");
      strings = quiz.s;
      if (again) again.addEventListener("click", function () { quiz.restart(); });
    });
    cases.forEach(function (c) { new Case(c, store); });
    apps.forEach(function (a) {
      var map = JSON.parse(a.querySelector("script.cb-map").textContent);
      strings = map.strings;
      ({ progress: progressApp, certificate: certificateApp, verify: verifyApp })[a.dataset.app](a, map, store);
    });
    if (store.reset || store.migrated) store.save();
    var notice = !store.ok ? "no_storage" : (store.reset ? "corrupted" : null);
    if (notice && strings) first.prepend(el("p", { "class": "cb-storage-note", role: "note", text: strings[notice] }));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
