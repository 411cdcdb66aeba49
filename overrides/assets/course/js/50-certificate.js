function certificateApp(root, map, store) {
  // The missing steps are drawn at build time as a new participant sees them (templates/app.html.j2).
  var s = map.strings, view = root.querySelector(".cb-view");
  live(function () {
    var st = status(map, store.data);
    markPath(map, st);
    if (map.participation) participationView(root, map, store, st);  // js/55-participation.js
    if (st.next.cert) { if (!view.firstChild || view.querySelector(".cb-left")) view.replaceChildren(certificateForm(map, store, st)); return; }
    // What is missing, each step a link to its quiz.
    var missing = [];
    st.rows.forEach(function (r) { r.todo.forEach(function (z) { missing.push([r.m.url + "#quiz-" + z.id, r.m.title + ": " + z.title]); }); });
    if (map.final && !(st.final && st.final.passed)) missing.push([map.final.url, map.final.title]);
    view.replaceChildren(el("p", { "class": "cb-left", text: s.left }), el("ul", { "class": "cb-left-list" }, missing.map(function (m) {
      return el("li", {}, [el("a", { href: href(m[0]), text: m[1] })]);
    })));
  }, store);
}
function certificateForm(map, store, st) {
  var s = map.strings, root = el("div");
  var live = el("p", { role: "status", "aria-live": "polite" });
  var name = el("input", { type: "text", id: "cb-name", autocomplete: "name" });
  name.value = store.data.name || "";
  var make = el("button", { type: "button", "class": "md-button md-button--primary", text: s.make });
  var out = el("div", { "class": "cb-certificate", hidden: "" });
  make.addEventListener("click", function () {
    var who = name.value.trim().replace(/\s+/g, " ");
    if (!who) { live.textContent = s.name_needed; name.focus(); return; }
    store.data.name = who; store.save();
    var date = st.final.at, score = st.final.score;
    var c = certificateCode(store.data, who, date, score, map.version);
    while (out.firstChild) out.removeChild(out.firstChild);
    [el("p", { "class": "cb-issuers", text: map.issuers.join(" · ") }), el("h2", { text: s.cert_heading }),
      el("p", { "class": "cb-cert-name", text: who }),
      el("p", { text: fmt(s.cert_body, { name: who, title: map.title, version: map.version, hours: map.hours, score: score, n: map.hours }) }),
      el("p", { text: fmt(s.cert_date, { date: longDate(date, map.lang) }) }),
      el("p", { "class": "cb-cert-code", text: fmt(s.cert_code, { code: c }) }),
      el("p", { "class": "cb-cert-verify", text: new URL(href(map.verify), window.location.href).href }),
      el("p", { "class": "cb-cert-note", text: s.cert_note }),
      map.pending ? el("p", { "class": "cb-cert-note", text: s.cert_pending }) : null].forEach(function (e) { if (e) out.appendChild(e); });
    out.hidden = false; printBtn.hidden = false; out.tabIndex = -1; out.focus();
  });
  var printBtn = el("button", { type: "button", "class": "md-button", text: s.print, hidden: "" });
  printBtn.addEventListener("click", function () { window.print(); });
  root.appendChild(el("p", { "class": "cb-cert-form" }, [el("label", { "for": "cb-name", text: s.name_label }), name, make, printBtn]));
  root.appendChild(live);
  root.appendChild(out);
  return root;
}
