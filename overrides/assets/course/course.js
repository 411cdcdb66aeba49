/* Quizzes and branching cases of the course: checks answers in the browser and keeps progress
   on this device. Content is never inserted as HTML: feedback is pre-rendered by the generator
   and only shown or hidden here; the live regions get plain textContent. */
(function () {
  "use strict";
  var VERSION = 1;

  /* ---- storage: one JSON record per course, keyed by ids, never by URL ---- */
  function Store(courseId) {
    this.key = "cb:" + courseId;
    this.ok = true;
    this.data = { v: VERSION, seed: "", q: {}, quiz: {}, draw: {}, cases: {}, visited: {} };
    try {
      var raw = window.localStorage.getItem(this.key);
      var parsed = raw ? JSON.parse(raw) : null;
      if (parsed && parsed.v === VERSION && typeof parsed.q === "object") this.data = merge(this.data, parsed);
    } catch (e) { this.ok = false; }
    if (!this.data.seed) this.data.seed = Math.random().toString(36).slice(2);
  }
  Store.prototype.save = function () {
    try { window.localStorage.setItem(this.key, JSON.stringify(this.data)); } catch (e) { this.ok = false; }
  };
  function merge(base, extra) {
    for (var k in extra) if (Object.prototype.hasOwnProperty.call(extra, k)) base[k] = extra[k];
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
    });
    return { ok: !wrong, wrong: wrong };
  }

  function Quiz(root, store) {
    var data = JSON.parse(root.querySelector("script.cb-data").textContent);
    this.root = root; this.data = data; this.store = store; this.s = data.strings;
    this.forms = all(root, "form.cb-question");
    this.state = store.data.quiz[data.quiz] || { done: {} };
    store.data.quiz[data.quiz] = this.state;
    if (data.kind === "assessment") this.drawQuestions();
    if (data.shuffle) this.shuffle();
    var self = this;
    this.forms.forEach(function (form) {
      form.addEventListener("submit", function (ev) { ev.preventDefault(); self.check(form); });
      form.querySelector(".cb-retry").addEventListener("click", function () { self.retry(form); });
      form.querySelector(".cb-reveal").addEventListener("click", function () { self.reveal(form); });
      var saved = self.state.done[form.dataset.qid];
      if (saved && !form.hidden) self.restore(form, saved);
    });
    this.updateScore(false);
  }

  Quiz.prototype.drawQuestions = function () {
    var data = this.data, state = this.state, forms = this.forms;
    if (!state.drawn || !state.drawn.length) {
      var pools = {};
      forms.forEach(function (f) { (pools[f.dataset.pool] = pools[f.dataset.pool] || []).push(f.dataset.qid); });
      var names = Object.keys(pools), drawn = [], round = 0;
      names.forEach(function (n) { pools[n].sort(function () { return Math.random() - 0.5; }); });
      while (drawn.length < data.draw && round < 1000) {
        names.forEach(function (n) { if (drawn.length < data.draw && pools[n][round]) drawn.push(pools[n][round]); });
        round++;
      }
      state.drawn = drawn; state.done = {};
    }
    var order = state.drawn, s = this.s;
    forms.forEach(function (f) { f.hidden = order.indexOf(f.dataset.qid) < 0; });
    order.forEach(function (qid, i) {
      var f = document.getElementById("q-" + qid);
      if (!f) return;
      f.parentNode.insertBefore(f, f.parentNode.querySelector(".cb-score"));
      f.querySelector(".cb-qnum").textContent = fmt(s.qnum, { n: i + 1, total: order.length });
    });
    this.forms = forms.filter(function (f) { return !f.hidden; });
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
    var qid = form.dataset.qid, entry = this.state.done[qid] || { tries: 0 };
    entry.tries++;
    var multiple = key.type === "multiple";
    var parts = [result.ok ? s.correct : (multiple && result.missed && !result.wrong ? s.partly : s.incorrect)];
    if (!result.ok && result.missed && multiple) parts.push(fmt(s.missed, { n: result.missed }));
    if (!result.ok && result.wrong && multiple) parts.push(fmt(s.wrong_picked, { n: result.wrong }));
    if (!result.ok && result.wrong && key.type === "ordering") parts.push(fmt(s.order_wrong, { n: result.wrong }));
    if (!result.ok && result.wrong && key.type === "matching") parts.push(fmt(s.match_wrong, { n: result.wrong }));
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
    var assessment = this.data.kind === "assessment";
    if (result.ok || assessment) {
      entry.ok = result.ok; entry.final = true;
      this.finish(form);
    } else {
      var retry = form.querySelector(".cb-retry");
      retry.hidden = false;
      if (this.data.reveal && entry.tries >= this.data.reveal) form.querySelector(".cb-reveal").hidden = false;
      retry.focus();
    }
    this.state.done[qid] = entry;
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
    all(form, ".cb-option").forEach(function (o) { o.classList.remove("cb-right", "cb-wrong"); });
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
    });
    return "";
  };

  Quiz.prototype.reveal = function (form) {
    var shown = this.answer(form);
    all(form, "input, select").forEach(function (i) { i.disabled = true; });
    var entry = this.state.done[form.dataset.qid];
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
    var done = this.state.done, total = this.forms.length, answered = 0, correct = 0;
    this.forms.forEach(function (f) {
      var e = done[f.dataset.qid];
      if (e && e.final) { answered++; if (e.ok) correct++; }
    });
    var box = this.root.querySelector(".cb-score"), s = this.s;
    if (answered < total) { box.textContent = fmt(s.progress, { answered: answered, total: total }); }
    else {
      var score = Math.round(100 * correct / total), passed = score >= this.data.pass;
      this.state.score = score; this.state.passed = passed; this.state.graded = this.data.graded;
      box.textContent = fmt(s.score, { score: score, correct: correct, total: total }) + " " +
        (this.data.graded ? fmt(passed ? s.passed : s.not_passed, { pass: this.data.pass }) : "");
      var again = this.root.querySelector(".cb-again");
      if (again) again.hidden = false;
    }
    if (announce) this.store.save();
  };

  Quiz.prototype.restart = function () {
    this.state.done = {}; this.state.drawn = null; this.state.score = null; this.state.passed = false;
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

  function init() {
    var quizzes = all(document, ".cb-quiz"), cases = all(document, ".cb-case");
    if (!quizzes.length && !cases.length) return;
    var first = quizzes[0] && JSON.parse(quizzes[0].querySelector("script.cb-data").textContent);
    var courseId = first ? first.course : document.querySelector("[data-course]").dataset.course;
    var store = new Store(courseId);
    var module = document.querySelector("[data-module]");
    if (module) { store.data.visited[module.dataset.module] = Date.now(); store.save(); }
    quizzes.forEach(function (q) {
      var quiz = new Quiz(q, store), again = q.querySelector(".cb-again");
      if (again) again.addEventListener("click", function () { quiz.restart(); });
    });
    cases.forEach(function (c) { new Case(c, store); });
    if (!store.ok) {
      var note = document.createElement("p");
      note.className = "cb-storage-note";
      note.setAttribute("role", "note");
      note.textContent = (first && first.strings.no_storage) || "";
      (quizzes[0] || cases[0]).prepend(note);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
