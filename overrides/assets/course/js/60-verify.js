/* ---- certificate codes and their verification ---- */
function code(parts) {
  // A checksum that ties the printed details together; anyone can recompute it, so it shows
  // that details were not edited, not who issued them.
  var s = parts.map(function (p) { return norm(String(p)); }).join("|"), a = hash("a" + s), b = hash("b" + s);
  var n = (a.toString(32) + b.toString(32)).toUpperCase().replace(/[^0-9A-Z]/g, "");
  while (n.length < 12) n += "0";
  return n.slice(0, 4) + "-" + n.slice(4, 8) + "-" + n.slice(8, 12);
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
