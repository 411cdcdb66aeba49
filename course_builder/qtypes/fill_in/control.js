/* A typed answer, right when its normalized form (norm, as the generator's normalize_answer) is one of
   key.answers; key.shown is the answer stated when it is revealed. */
QTYPES["fill_in"] = {
  evaluate: function (form, key) {
    var value = form.querySelector("input[type=text]").value;
    if (!norm(value)) return null;
    return { ok: key.answers.indexOf(norm(value)) >= 0 };
  },
  mark: function (form, key, result, s) {
    tagRight(form.querySelector(".cb-fill"), result.ok, s);
    return [];
  },
  answer: function (form, key, keep) {
    var input = form.querySelector("input[type=text]");
    if (!keep) input.value = key.shown;
    return key.shown;
  },
  empty: function (s) { return s.type_first; },
  shuffle: true
};
