/* Each item's position, chosen among radio buttons ("chips") in its row; a row is right when its
   position is the item's place in key.order. */
function orderExpected(key, id) { return String(key.order.indexOf(id) + 1); }
QTYPES["ordering"] = {
  evaluate: function (form, key) { return rowsEvaluate(form, key, orderExpected); },
  mark: function (form, key, result, s) {
    rowsMark(key, result, s, orderExpected);
    return !result.ok && result.wrong ? [fmt(s.order_wrong, { n: result.wrong })] : [];
  },
  // The right position's chip gets ✓; with `keep`, a wrong row keeps the participant's, labelled.
  answer: function (form, key, keep, s) {
    all(form, ".cb-row").forEach(function (r) {
      var want = orderExpected(key, r.dataset.item);
      if (keep && rowValue(r) === want) return;
      all(r, ".cb-chip").forEach(function (c) {
        var input = c.querySelector("input"), ok = input.value === want;
        if (!keep) input.checked = ok;
        if (ok) { tag(c, "cb-key"); c.appendChild(el("span", { "class": "cb-tag", text: "✓" })); }
        if (input.checked && keep) { tag(c, "cb-wrong"); yours(c, keep, s); }
      });
    });
    return "";
  },
  empty: function (s) { return s.all_first; },
  shuffle: true
};
