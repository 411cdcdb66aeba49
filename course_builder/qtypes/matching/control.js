/* One <select> per row, named and valued as the radio buttons it replaced were (stored attempts keep
   their [name, value] pairs); a row is right when it holds the id of its item's right-hand choice. */
function matchExpected(key, id) { return key.pairs[id]; }
// A closed select shows only the start of a long answer: the box under it shows the chosen one whole.
function echo(row) {
  var sel = row.querySelector("select"), out = row.querySelector(".cb-chosen");
  if (!sel || !out) return;
  out.textContent = sel.options[Math.max(sel.selectedIndex, 0)].textContent;
  out.classList.toggle("cb-none", !sel.value);
}
// After a wrong pair is shown: the right answer in full under the row (it also describes the select).
function keyLine(row, label, text) {
  var line = row.querySelector(".cb-keyline");
  if (!line) return;
  line.textContent = "";
  if (label) line.append(el("strong", { text: label }), " " + text);
  line.hidden = !label;
}
QTYPES["matching"] = {
  evaluate: function (form, key) { return rowsEvaluate(form, key, matchExpected); },
  mark: function (form, key, result, s) {
    rowsMark(key, result, s, matchExpected);
    return !result.ok && result.wrong ? [fmt(s.match_wrong, { n: result.wrong })] : [];
  },
  // Each row says right or wrong, and a wrong one gets the right answer in full.
  answer: function (form, key, keep, s) {
    all(form, ".cb-row").forEach(function (r) {
      var want = matchExpected(key, r.dataset.item), sel = r.querySelector("select");
      if (!keep) { sel.value = want; echo(r); tag(r, "cb-key", "✓ " + s.key); return; }
      var ok = rowValue(r) === want;
      tagRight(r, ok, s);
      if (!ok) keyLine(r, "✓ " + s.key + ":", sel.querySelector('option[value="' + want + '"]').textContent);
    });
    return "";
  },
  empty: function (s) { return s.all_first; },
  wire: function (form) {
    all(form, ".cb-match-row").forEach(echo);
    form.addEventListener("change", function (ev) {
      var row = ev.target.closest(".cb-match-row");
      if (row) echo(row);
    });
  },
  shuffle: true
};
