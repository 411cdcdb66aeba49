/* One right option among several (radio buttons): 20-quiz.js's helpers for picked options. */
QTYPES["single"] = {
  evaluate: pickedEvaluate,
  mark: pickedMark,
  answer: pickedAnswer,
  empty: function (s) { return s.choose_first; },
  shuffle: true
};
