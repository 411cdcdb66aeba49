/* ---- cloze: a text with gaps, each a select (a choice) or a text box (typed) (quiz.html.j2) ---- */
var clozeEmpty = "";  // this page's "fill in every gap" (empty() is handed the shared strings only)
function clozeGaps(form) { return all(form, ".cb-gap"); }
function clozeRight(gap, key) {
  var want = key.gaps[gap.dataset.gap], input = gap.querySelector("select, input");
  return want.right ? input.value === want.right : want.answers.indexOf(norm(input.value)) >= 0;
}
function clozeFeedback(form, gap) { return form.querySelector('.cb-option-feedback[data-gap="' + gap.dataset.gap + '"]'); }
QTYPES["cloze"] = {
  evaluate: function (form, key) {
    var gaps = clozeGaps(form), wrong = 0;
    clozeEmpty = key.msg.empty;
    if (gaps.some(function (g) { return !norm(g.querySelector("select, input").value); })) return null;
    gaps.forEach(function (g) { if (!clozeRight(g, key)) wrong++; });
    return { ok: !wrong, wrong: wrong, missed: 0 };
  },
  // Each gap ✓ or ✗. A gap's feedback states its answer, so (like the explanation) it shows once the
  // question is right, or with the answer (answer below), never after a wrong try.
  mark: function (form, key, result, s) {
    clozeGaps(form).forEach(function (g) {
      var right = clozeRight(g, key), fb = clozeFeedback(form, g);
      tag(g, right ? "cb-right" : "cb-wrong", right ? s.ok_mark : s.no_mark);
      if (fb) fb.hidden = !result.ok;
    });
    return !result.ok && result.wrong ? [fmt(key.msg.wrong, { n: result.wrong })] : [];
  },
  // keep: each gap says right or wrong, and a wrong one is followed by the right answer; otherwise
  // the right answers are filled in.
  answer: function (form, key, keep, s) {
    clozeGaps(form).forEach(function (g) {
      var want = key.gaps[g.dataset.gap], input = g.querySelector("select, input"), right = clozeRight(g, key);
      var shown = want.right ? input.querySelector('option[value="' + want.right + '"]').textContent : want.shown;
      var fb = clozeFeedback(form, g);
      if (fb) fb.hidden = false;
      if (!keep) { input.value = want.right || want.shown; tag(g, "cb-key", "✓"); return; }
      tag(g, right ? "cb-right" : "cb-wrong", right ? s.ok_mark : s.no_mark);
      if (!right) g.appendChild(el("span", { "class": "cb-tag", text: "✓ " + s.key + ": " + shown }));
    });
    return "";
  },
  empty: function (s) { return clozeEmpty || s.all_first; },
  wire: function (form) {},
  shuffle: true
};
