function code(parts) {
  // A checksum that ties the printed details together; anyone can recompute it, so it shows
  // that details were not edited, not who issued them.
  var s = parts.map(function (p) { return norm(String(p)); }).join("|"), a = hash("a" + s), b = hash("b" + s);
  var n = (a.toString(32) + b.toString(32)).toUpperCase().replace(/[^0-9A-Z]/g, "");
  while (n.length < 12) n += "0";
  return n.slice(0, 4) + "-" + n.slice(4, 8) + "-" + n.slice(8, 12);
}

function certificateApp(root, map, store) {
  var s = map.strings, st = status(map, store.data), missing = [];
  st.rows.forEach(function (r) { r.missing.forEach(function (t) { missing.push(t); }); });
  if (map.final && !(st.final && st.final.passed)) missing.push(map.final.title);
  if (missing.length) {
    root.appendChild(el("p", { "class": "cb-left", text: s.left }));
    root.appendChild(el("ul", { "class": "cb-left-list" }, missing.map(function (t) { return el("li", { text: t }); })));
    return;
  }
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
    var c = code([who, date, map.version, score]);
    while (out.firstChild) out.removeChild(out.firstChild);
    [el("p", { "class": "cb-issuers", text: map.issuers.join(" · ") }), el("h2", { text: s.cert_heading }),
      el("p", { "class": "cb-cert-name", text: who }),
      el("p", { text: fmt(s.cert_body, { name: who, title: map.title, version: map.version, hours: map.hours, score: score }) }),
      el("p", { text: fmt(s.cert_date, { date: longDate(date, map.lang) }) }),
      el("p", { "class": "cb-cert-code", text: fmt(s.cert_code, { code: c }) }),
      el("p", { "class": "cb-cert-verify", text: new URL(href("../verificar/"), window.location.href).href }),
      el("p", { "class": "cb-cert-note", text: s.cert_note })].forEach(function (e) { out.appendChild(e); });
    out.hidden = false; printBtn.hidden = false; out.tabIndex = -1; out.focus();
  });
  var printBtn = el("button", { type: "button", "class": "md-button", text: s.print, hidden: "" });
  printBtn.addEventListener("click", function () { window.print(); });
  root.appendChild(el("p", { "class": "cb-cert-form" }, [el("label", { "for": "cb-name", text: s.name_label }), name, make, printBtn]));
  root.appendChild(live);
  root.appendChild(out);
}

function verifyApp(root, map) {
  var s = map.strings, fields = {}, live = el("p", { role: "status", "aria-live": "polite", "class": "cb-verify-result" });
  var form = el("form", { "class": "cb-verify" });
  ["name", "date", "version", "score", "code"].forEach(function (k) {
    fields[k] = el("input", { type: "text", id: "cb-v-" + k, name: k });
    form.appendChild(el("p", {}, [el("label", { "for": "cb-v-" + k, text: s["v_" + k] }), fields[k]]));
  });
  fields.version.value = map.version;
  form.appendChild(el("button", { type: "submit", "class": "md-button md-button--primary", text: s.v_check }));
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var who = fields.name.value.trim().replace(/\s+/g, " ");
    var expected = code([who, fields.date.value.trim(), fields.version.value.trim(), fields.score.value.trim().replace(/\s*%$/, "")]);
    live.textContent = expected === fields.code.value.trim().toUpperCase() ? s.v_ok : s.v_bad;
  });
  root.appendChild(form); root.appendChild(live);
}
