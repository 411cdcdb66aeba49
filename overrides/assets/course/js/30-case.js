/* ---- branching case: choices are buttons; a choice opens its consequence, "Continue" moves on ---- */
function Case(root, store) {
  var nodes = all(root, ".cb-case-node"), start = root.dataset.start, id = root.dataset.case;
  root.classList.add("cb-js");
  function show(name, focus) {
    nodes.forEach(function (n) { n.hidden = n.dataset.node !== name; });
    all(root, ".cb-case-feedback").forEach(function (f) { f.hidden = true; });
    all(root, ".cb-case-choice").forEach(function (c) { c.setAttribute("aria-expanded", "false"); });
    var node = root.querySelector('[data-node="' + name + '"]');
    if (node && node.dataset.ending) {
      var rec = store.data.cases[id] = store.data.cases[id] || { endings: [] };
      if (rec.endings.indexOf(name) < 0) rec.endings.push(name);
      store.save();
    }
    if (focus && node) node.focus();
  }
  root.addEventListener("click", function (ev) {
    var a = ev.target.closest("a, button");
    if (!a || !root.contains(a)) return;
    if (a.classList.contains("cb-case-choice")) {
      var fb = document.getElementById(a.getAttribute("aria-controls"));
      all(a.closest("ul"), ".cb-case-feedback").forEach(function (f) { f.hidden = f !== fb; });
      all(a.closest("ul"), ".cb-case-choice").forEach(function (c) { c.setAttribute("aria-expanded", String(c === a)); });
      fb.hidden = false; fb.tabIndex = -1; fb.focus();
    } else if (a.classList.contains("cb-case-next")) {
      ev.preventDefault(); show(a.dataset.next, true);
    } else if (a.classList.contains("cb-case-restart")) {
      ev.preventDefault(); show(start, true);
    }
  });
  show(start, false);
}
