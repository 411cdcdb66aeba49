/* ---- one question ---- */
// Each question type's control (course_builder/qtypes/<type>/control.js, joined into this bundle after
// these parts) registers itself here; the code below names no type and asks the form's control
// (form.dataset.type) for what differs:
//   evaluate(form, key): null when nothing is entered, else {ok, wrong, missed, picked?, rows?}
//   mark(form, key, result, s): tags what was entered; returns the verdict's extra sentences (array)
//   answer(form, key, keep, s): shows the right answer (keep: what was entered stays, labelled as
//     theirs); returns it as text when the type has one to state, else ""
//   empty(s): the message for Check with nothing entered
//   wire(form) (optional): set-up once placed, after its stored values; shuffle: false keeps the options' order
var QTYPES = {};
function control(form) { return QTYPES[form.dataset.type]; }
function evaluate(form, key) { return control(form).evaluate(form, key); }
// The value chosen in a row (a select, or one of its radio buttons): types made of rows share it.
function rowValue(row) {
  var i = row.querySelector("select, input:checked");
  return i ? i.value : "";
}
function tag(node, cls, label) {
  node.classList.remove("cb-right", "cb-wrong", "cb-key");
  if (cls) node.classList.add(cls);
  var m = node.querySelector(".cb-mark");
  if (m) m.textContent = label || "";
}
function tagRight(node, ok, s) { tag(node, ok ? "cb-right" : "cb-wrong", ok ? s.ok_mark : s.no_mark); }
// With the right answer shown beside theirs, what the participant entered is labelled as theirs.
function yours(node, keep, s) { if (keep) node.appendChild(el("span", { "class": "cb-tag", text: s.yours })); }

// Types whose answer is picked among options (.cb-option with data-option; key.correct lists the right ids).
function pickedEvaluate(form, key) {
  var wrong = 0, missed = 0, picked = all(form, "input:checked").map(function (i) { return i.value; });
  if (!picked.length) return null;
  key.correct.forEach(function (c) { if (picked.indexOf(c) < 0) missed++; });
  picked.forEach(function (p) { if (key.correct.indexOf(p) < 0) wrong++; });
  return { ok: !wrong && !missed, wrong: wrong, missed: missed, picked: picked };
}
function pickedMark(form, key, result, s) {
  result.picked.forEach(function (id) {
    var opt = form.querySelector('.cb-option[data-option="' + id + '"]'), fb = opt.querySelector(".cb-option-feedback");
    tagRight(opt, key.correct.indexOf(id) >= 0, s);
    if (fb) fb.hidden = false;
  });
  return [];
}
function pickedAnswer(form, key, keep, s) {
  all(form, ".cb-option").forEach(function (o) {
    var ok = key.correct.indexOf(o.dataset.option) >= 0, input = o.querySelector("input");
    if (!keep) input.checked = ok;
    if (input.checked && !ok) { tag(o, "cb-wrong"); yours(o.querySelector("label"), keep, s); }
    if (ok) { tag(o, "cb-key", "✓ " + s.key); if (input.checked) yours(o.querySelector("label"), keep, s); }
  });
  return "";
}

// Types made of rows (.cb-row with data-item), each with one right value: expected(key, item id).
function rowsEvaluate(form, key, expected) {
  var rows = all(form, ".cb-row"), wrong = 0;
  if (rows.some(function (r) { return !rowValue(r); })) return null;
  rows.forEach(function (r) { if (rowValue(r) !== expected(key, r.dataset.item)) wrong++; });
  return { ok: !wrong, wrong: wrong, rows: rows };
}
function rowsMark(key, result, s, expected) {
  result.rows.forEach(function (r) { tagRight(r, rowValue(r) === expected(key, r.dataset.item), s); });
}

// What the participant entered, to keep an exam attempt across reloads: [name, value] pairs.
function typed(i) { return i.type === "text" || i.tagName === "SELECT" || i.tagName === "TEXTAREA"; }
function formFields(form) { return all(form, "input, select, textarea"); }
function values(form) {
  return formFields(form).filter(function (i) { return typed(i) ? i.value : i.checked; })
    .map(function (i) { return [i.name, i.value]; });
}
function setValues(form, vals) {
  (vals || []).forEach(function (p) {
    formFields(form).forEach(function (i) {
      if (i.name !== p[0]) return;
      if (typed(i)) i.value = p[1]; else if (i.value === p[1]) i.checked = true;
    });
  });
}
// The type's own set-up of a placed form (e.g. a box that repeats the chosen text), after its values are set.
function wireType(form) {
  var c = control(form);
  if (c.wire) c.wire(form);
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
  var self = this;
  // What is left to start, one question per step: 90-init.js runs the steps in idle time, one
  // slice each, so a long quiz never holds the main thread, or all at once when it is reached.
  if (this.assessment) {
    this.todo = this.draw().map(function (place) {
      return function () { var form = place(); self.shuffle(form); self.examForm(form); };
    }).concat(function () { self.exam(); });
    return;
  }
  this.todo = this.forms.map(function (form) { return function () { self.wire(form); }; })
    .concat(function () { self.updateScore(false); });
}
Quiz.prototype.wire = function (form) {
  var self = this, qid = form.dataset.qid, saved = this.done[qid];
  this.shuffle(form);
  wireType(form);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); self.check(form); });
  form.querySelector(".cb-retry").addEventListener("click", function () { self.retry(form); });
  form.querySelector(".cb-reveal").addEventListener("click", function () { self.reveal(form); });
  // Rewritten since it was answered: start over. Records from before hashes (v1) are trusted.
  if (saved && saved.h && saved.h !== this.data.questions[qid].h) { delete this.done[qid]; saved = null; }
  if (saved && !form.hidden) this.restore(form, saved);
};

// Pool questions arrive as inert <template>s: only the drawn ones become part of the page. Returns
// one function per drawn question that places it (in order).
Quiz.prototype.draw = function () {
  var data = this.data, state = this.state, root = this.root, s = this.s, forms = this.forms, byId = {}, pools = {};
  all(root, "template.cb-pool").forEach(function (t) {
    byId[t.dataset.qid] = t;
    (pools[t.dataset.pool] = pools[t.dataset.pool] || []).push(t.dataset.qid);
  });
  if (!state.drawn || !state.drawn.length || state.drawn.some(function (q) { return !byId[q]; })) {
    // Questions this participant has seen least come first, so a review never hands out the next
    // attempt's answers while unseen questions remain.
    var seen = state.seen = state.seen || {};
    state.draws = (state.draws || 0) + 1;
    state.drawn = drawQuestions(pools, data.draw, seen, this.store.data.seed + ":" + state.draws);
    state.drawn.forEach(function (q) { seen[q] = (seen[q] || 0) + 1; });
    this.done = state.answers = {}; state.submitted = false;
    this.store.save();  // questions shown are seen: the draw and its count are kept at once
  }
  var anchor = root.querySelector(".cb-exam-actions");
  return state.drawn.map(function (qid, i) {
    return function () {
      var form = byId[qid].content.firstElementChild.cloneNode(true);
      form.querySelector(".cb-qnum").textContent = fmt(s.qnum, { n: i + 1, total: state.drawn.length });
      root.insertBefore(form, anchor);
      forms.push(form);
      return form;
    };
  });
};

Quiz.prototype.shuffle = function (form) {
  var box = form.querySelector(".cb-options");
  if (!this.data.shuffle || !box || control(form).shuffle === false) return;
  shuffled(all(box, ".cb-option"), this.store.data.seed + form.dataset.qid).forEach(function (o) { box.appendChild(o); });
};

Quiz.prototype.status = function (form, message, ok) {
  var box = form.querySelector(".cb-status");
  box.textContent = message;
  box.className = "cb-status" + (ok === true ? " cb-ok" : ok === false ? " cb-no" : "");
};
Quiz.prototype.lock = function (form, locked) {
  form.classList.toggle("cb-answered", locked);
  formFields(form).forEach(function (i) { i.disabled = locked; });
};

// Marks what was entered (the type's control: the picked options, each row, the typed answer).
// Returns the verdict line: correct / incorrect / partly, and the type's own counts.
Quiz.prototype.mark = function (form, key, result) {
  var s = this.s, extra = control(form).mark(form, key, result, s);
  return [result.ok ? s.correct : (result.missed && !result.wrong ? s.partly : s.incorrect)].concat(extra).join(" ");
};
Quiz.prototype.unmark = function (form) {
  all(form, ".cb-option, .cb-row, .cb-fill, .cb-chip, .cb-right, .cb-wrong, .cb-key").forEach(function (o) { tag(o, ""); });
  all(form, ".cb-option-feedback, .cb-explanation").forEach(function (f) { f.hidden = true; });
  all(form, ".cb-tag").forEach(function (x) { x.remove(); });
  // Key lines are written when an answer is shown; feedback kept in the page is only hidden.
  all(form, ".cb-keyline:not(.cb-option-feedback)").forEach(function (l) { l.textContent = ""; l.hidden = true; });
};
Quiz.prototype.empty = function (form) {
  return control(form).empty(this.s);
};

Quiz.prototype.check = function (form) {
  var key = this.data.questions[form.dataset.qid], result = evaluate(form, key);
  if (!result) { this.status(form, this.empty(form)); return; }
  var qid = form.dataset.qid, entry = this.done[qid] || { tries: 0 };
  entry.h = key.h;
  entry.tries++;
  entry.t = Date.now();
  this.status(form, this.mark(form, key, result), result.ok);
  this.lock(form, true);
  form.querySelector(".cb-check").hidden = true;
  if (result.ok) {
    entry.ok = true; entry.final = true;
    this.finish(form);
  } else {
    // A wrong try gets the picked option's feedback and the hint; the explanation states the answer,
    // so it waits for a right answer, "show the answer", or the quiz's explain_after tries.
    var retry = form.querySelector(".cb-retry"), hint = form.querySelector(".cb-hint");
    retry.hidden = false;
    if (hint) hint.open = true;
    if (this.data.explain && entry.tries >= this.data.explain) this.explain(form);
    if (this.data.reveal && entry.tries >= this.data.reveal) form.querySelector(".cb-reveal").hidden = false;
    retry.focus();
  }
  this.done[qid] = entry;
  this.updateScore(true);
};

Quiz.prototype.explain = function (form) {
  var expl = form.querySelector(".cb-explanation");
  if (expl) expl.hidden = false;
  return expl;
};
Quiz.prototype.finish = function (form) {
  form.querySelector(".cb-retry").hidden = true;
  form.querySelector(".cb-reveal").hidden = true;
  var target = this.explain(form) || form.querySelector(".cb-status");
  target.tabIndex = -1;
  target.focus();
};

Quiz.prototype.retry = function (form) {
  this.lock(form, false);
  this.unmark(form);
  form.querySelector(".cb-retry").hidden = true;
  form.querySelector(".cb-reveal").hidden = true;
  form.querySelector(".cb-check").hidden = false;
  this.status(form, "");
  var first = form.querySelector("input, select, textarea");
  if (first) first.focus();
};

// The right answer, shown by the type's control: with `keep`, what the participant entered stays and
// is labelled as theirs, otherwise the right answer is filled in. Returns it as text when the type
// has one to state.
Quiz.prototype.answer = function (form, keep) {
  return control(form).answer(form, this.data.questions[form.dataset.qid], keep, this.s) || "";
};

Quiz.prototype.reveal = function (form) {
  this.unmark(form);
  var shown = this.answer(form, true);
  this.lock(form, true);
  var entry = this.done[form.dataset.qid];
  entry.ok = false; entry.final = true; entry.revealed = true; entry.t = Date.now();
  this.status(form, this.s.revealed + (shown ? " " + fmt(this.s.the_answer_is, { answer: shown }) : ""));
  this.finish(form);
  this.updateScore(true);
};

Quiz.prototype.restore = function (form, saved) {
  if (!saved.final) return;
  this.answer(form, false);
  this.lock(form, true);
  form.querySelector(".cb-check").hidden = true;
  this.explain(form);
  this.status(form, saved.ok ? this.s.correct : this.s.revealed, saved.ok ? true : null);
};

// A module quiz is practice: the participant tries until right, and the score says how many were
// right at the first try. It is complete (passed) when every question is answered and the share
// answered right without "show the answer" reaches the pass mark, as progress and certificates count it.
Quiz.prototype.updateScore = function (announce) {
  var done = this.done, total = this.forms.length, answered = 0, correct = 0, first = 0;
  this.forms.forEach(function (f) {
    var e = done[f.dataset.qid];
    if (e && e.final) { answered++; if (e.ok) correct++; if (firstTry(e)) first++; }
  });
  var box = this.root.querySelector(".cb-score"), s = this.s, next = this.root.querySelector(".cb-next");
  if (answered < total) { box.textContent = fmt(s.progress, { answered: answered, total: total, n: answered }); }
  else {
    var passed = Math.round(100 * correct / total) >= this.data.pass;
    box.textContent = fmt(s.first_try, { score: Math.round(100 * first / total), first: first, total: total }) + " " +
      (this.data.graded ? fmt(passed ? s.complete : s.incomplete, { pass: this.data.pass }) : "");
    box.className = "cb-score " + (passed || !this.data.graded ? "cb-ok" : "cb-no");
    var again = this.root.querySelector(".cb-again");
    if (again) again.hidden = false;
    if (next) next.hidden = !(passed || !this.data.graded);
  }
  if (announce) this.store.save();
};

// A new try of the whole quiz starts in place (no reload, which would keep the old scroll position
// far below): cleared questions, a new draw for an assessment, and focus on question 1.
Quiz.prototype.restart = function () {
  var self = this, done = this.done, state = this.state, root = this.root;
  if (this.assessment) {
    state.drawn = null; state.answers = {}; state.submitted = false; state.t = Date.now();
    this.forms.forEach(function (f) { f.remove(); });
    this.forms.length = 0;
    this.draw().forEach(function (place) { var form = place(); self.shuffle(form); self.examForm(form); });
    root.querySelector(".cb-submit").hidden = false;
  } else {
    this.forms.forEach(function (f) {
      delete done[f.dataset.qid];
      all(f, "input").forEach(function (i) { if (i.type === "text") i.value = ""; else i.checked = false; });
      var hint = f.querySelector(".cb-hint");
      if (hint) hint.open = false;
      self.retry(f);
    });
  }
  var box = root.querySelector(".cb-score"), next = root.querySelector(".cb-next");
  box.textContent = ""; box.className = "cb-score";
  root.querySelector(".cb-again").hidden = true;
  if (next) next.hidden = true;
  if (this.assessment) this.attempts(); else this.updateScore(false);
  this.store.save();
  var first = this.forms[0] && this.forms[0].querySelector("input, select, textarea");
  if (first) { first.focus({ preventScroll: true }); this.forms[0].scrollIntoView({ block: "start" }); }
};

/* ---- exam mode (the final assessment): no feedback until the whole attempt is submitted ---- */
Quiz.prototype.examForm = function (form) {
  var self = this, state = this.state, saved = this.done[form.dataset.qid];
  if (saved) setValues(form, saved.v);
  wireType(form);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("change", function () {
    if (state.submitted) return;
    self.done[form.dataset.qid] = { v: values(form) };
    state.t = Date.now();
    self.store.save();
  });
};
Quiz.prototype.exam = function () {
  var self = this, submit = this.root.querySelector(".cb-submit");
  submit.addEventListener("click", function () { self.submit(); });
  if (this.state.submitted) this.review(false); else submit.hidden = false;
  this.attempts();
};
Quiz.prototype.attempts = function () {
  var p = this.root.querySelector(".cb-attempts"), st = this.state, s = this.s;
  p.hidden = !st.attempts;
  p.textContent = st.attempts ? fmt(s.attempts, { n: st.attempts }) + (st.result ? " " + fmt(s.best, { score: st.result.score }) : "") : "";
};
Quiz.prototype.submit = function () {
  var self = this, s = this.s, state = this.state, box = this.root.querySelector(".cb-score"), missing = [];
  this.forms.forEach(function (f) { if (!evaluate(f, self.data.questions[f.dataset.qid])) missing.push(f); });
  if (missing.length) {
    box.textContent = fmt(s.unanswered, { n: missing.length });
    box.className = "cb-score cb-no";
    missing[0].querySelector("input, select, textarea").focus();
    return;
  }
  var correct = 0;
  this.forms.forEach(function (f) {
    var key = self.data.questions[f.dataset.qid], ok = evaluate(f, key).ok;
    if (ok) correct++;
    self.done[f.dataset.qid] = { v: values(f), ok: ok, final: true, h: key.h };
  });
  var score = Math.round(100 * correct / this.forms.length);
  state.last = { score: score, passed: score >= this.data.pass, at: new Date().toISOString().slice(0, 10) };
  state.result = better(state.result, state.last);
  state.attempts = (state.attempts || 0) + 1;
  state.submitted = true; state.t = state.end = Date.now();
  this.store.save();
  this.review(true);
  this.attempts();
};
// After submission: every question marked right or wrong; the quiz's `review` setting decides what
// else shows: each explanation ("explanations"), and the right answers too ("answers").
Quiz.prototype.review = function (focus) {
  var self = this, s = this.s, state = this.state, correct = 0, mode = this.data.review;
  this.forms.forEach(function (f) {
    var key = self.data.questions[f.dataset.qid], result = evaluate(f, key);
    self.lock(f, true);
    if (!result) return;
    if (result.ok) correct++;
    self.mark(f, key, result);
    var shown = !result.ok && mode === "answers";
    if (shown) self.answer(f, true);
    self.status(f, (result.ok ? s.q_right : s.q_wrong) + (shown && key.shown ? " " + fmt(s.the_answer_is, { answer: key.shown }) : ""), result.ok);
    if (mode !== "marks") self.explain(f);
  });
  this.root.querySelector(".cb-submit").hidden = true;
  var last = state.last || { score: Math.round(100 * correct / this.forms.length) }, passed = last.score >= this.data.pass;
  var box = this.root.querySelector(".cb-score");
  box.textContent = fmt(s.attempt, { n: state.attempts || 1 }) + ": " +
    fmt(s.score, { score: last.score, correct: correct, total: this.forms.length, n: correct }) + " " +
    fmt(passed ? s.passed : s.not_passed, { pass: this.data.pass }) + " " + s["review_" + mode];
  box.className = "cb-score " + (passed ? "cb-ok" : "cb-no");
  this.againState();
  var next = this.root.querySelector(".cb-next");
  if (next) next.hidden = !(state.result && state.result.passed);
  if (focus) { box.tabIndex = -1; box.focus(); }
};
// Whether a new attempt may start now: the quiz may limit attempts and ask for a wait between them.
Quiz.prototype.againState = function () {
  var self = this, d = this.data, st = this.state, s = this.s;
  var again = this.root.querySelector(".cb-again"), note = this.root.querySelector(".cb-again-note");
  if (d.attempts && (st.attempts || 0) >= d.attempts) {
    again.hidden = true;
    note.textContent = fmt(s.no_attempts, { n: d.attempts });
    return;
  }
  var until = st.end && d.wait ? st.end + d.wait : 0, left = until - Date.now();
  again.hidden = false;
  again.disabled = left > 0;
  note.textContent = left > 0 ? fmt(s.wait_until, { time: longTime(until, this.root.dataset.lang) }) : "";
  if (left > 0 && left < 2147483647) window.setTimeout(function () { self.againState(); }, left + 500);
};
