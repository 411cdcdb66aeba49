/* ---- categorize: each item's group, picked in the row's select (quiz.html.j2) ---- */
// The box under a select shows the chosen group whole (a closed select cuts a long text short).
function catEcho(row) {
  var sel = row.querySelector("select"), out = row.querySelector(".cb-chosen");
  if (!sel || !out) return;
  out.textContent = sel.options[Math.max(sel.selectedIndex, 0)].textContent;
  out.classList.toggle("cb-none", !sel.value);
}
function catRows(form) { return all(form, ".cb-categorize .cb-row"); }
QTYPES["categorize"] = {
  evaluate: function (form, key) {
    var rows = catRows(form), wrong = 0;
    if (rows.some(function (r) { return !r.querySelector("select").value; })) return null;
    rows.forEach(function (r) { if (r.querySelector("select").value !== key.cats[r.dataset.item]) wrong++; });
    return { ok: !wrong, wrong: wrong, missed: 0 };
  },
  // Each row ✓ or ✗. An item's feedback says which group it belongs to, so (like the explanation) it
  // shows once the question is right, or with the answer (answer below), never after a wrong try.
  mark: function (form, key, result, s) {
    catRows(form).forEach(function (r) {
      var right = r.querySelector("select").value === key.cats[r.dataset.item], fb = r.querySelector(".cb-option-feedback");
      tag(r, right ? "cb-right" : "cb-wrong", right ? s.ok_mark : s.no_mark);
      if (fb) fb.hidden = !result.ok;
    });
    return !result.ok && result.wrong ? [fmt(key.msg.wrong, { n: result.wrong })] : [];
  },
  // keep: each row says right or wrong, and a wrong one gets its right group in full on the key line
  // (which describes the select); otherwise the right groups are picked.
  answer: function (form, key, keep, s) {
    catRows(form).forEach(function (r) {
      var want = key.cats[r.dataset.item], sel = r.querySelector("select"), right = sel.value === want;
      var line = r.querySelector(".cb-keyline:not(.cb-option-feedback)"), fb = r.querySelector(".cb-option-feedback");
      if (fb) fb.hidden = false;
      if (!keep) { sel.value = want; catEcho(r); tag(r, "cb-key", "✓ " + s.key); return; }
      tag(r, right ? "cb-right" : "cb-wrong", right ? s.ok_mark : s.no_mark);
      if (!right && line) {
        line.textContent = "";
        line.append(el("strong", { text: "✓ " + s.key + ":" }), " " + sel.querySelector('option[value="' + want + '"]').textContent);
        line.hidden = false;
      }
    });
    return "";
  },
  empty: function (s) { return s.all_first; },
  wire: function (form) {
    catRows(form).forEach(catEcho);
    form.addEventListener("change", function (ev) {
      var row = ev.target.closest(".cb-categorize .cb-row");
      if (row) catEcho(row);
    });
  },
  shuffle: true
};
