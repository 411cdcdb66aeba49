/* True or false: two options in a fixed order (a shuffled "false, true" reads as a trap). */
QTYPES["true_false"] = {
  evaluate: pickedEvaluate,
  mark: pickedMark,
  answer: pickedAnswer,
  empty: function (s) { return s.choose_first; },
  shuffle: false
};
