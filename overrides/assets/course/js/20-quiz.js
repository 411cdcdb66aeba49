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
