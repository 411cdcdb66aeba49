/* Every right option among several (checkboxes): the verdict counts the right ones missed and the
   wrong ones picked. */
QTYPES["multiple"] = {
  evaluate: pickedEvaluate,
  mark: function (form, key, result, s) {
    pickedMark(form, key, result, s);
    var parts = [];
    if (!result.ok && result.missed) parts.push(fmt(s.missed, { n: result.missed }));
    if (!result.ok && result.wrong) parts.push(fmt(s.wrong_picked, { n: result.wrong }));
    return parts;
  },
  answer: pickedAnswer,
  empty: function (s) { return s.choose_first; },
  shuffle: true
};
