/* ---- certificate codes and their verification ----
   The site has no server, so nothing here can prove who studied. What it can do: the code printed
   on a certificate depends on the participant's progress record (through its random seed, which
   is never printed), so a code cannot be made up for a name without a record, and checking a
   certificate means reading the record the participant sends: does it show every graded quiz and
   the final assessment passed, with the printed name, date and score? `build_course.py verify`
   does the same check for trainers; keep the two in step. */
// A code is 12 symbols of Crockford's base 32 (no I, L, O, U), XXXX-XXXX-XXXX; codes issued before
// (legacyCode: JavaScript's base 32, with the look-alikes O/0, I/L/1) still verify. readCode is the
// spec of what may be typed, written out in course_builder/verification.py: the same there, and
// tests/unit/test_certificate_codes.py runs both on the same inputs.
var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
var SEPARATORS = /[ \t\n\r\f\v\u200b\ufeff\u00ad\u2010-\u2015\u2212-]+/g;
function codeHashes(parts) {
  var s = parts.map(function (p) { return norm(String(p)); }).join("|");
  return [hash("a" + s), hash("b" + s)];
}
function group(n) { return n.slice(0, 4) + "-" + n.slice(4, 8) + "-" + n.slice(8, 12); }
// The first hash's 32 bits and the second's top 28, five bits a symbol, in two 30-bit halves that
// stay within the 32-bit integers of JavaScript's bit operators.
function code(parts) {
  var h = codeHashes(parts), n = "";
  [h[0] >>> 2, (h[0] & 3) << 28 | h[1] >>> 4].forEach(function (x) {
    for (var shift = 25; shift >= 0; shift -= 5) n += ALPHABET.charAt(x >>> shift & 31);
  });
  return group(n);
}
function legacyCode(parts) {
  var h = codeHashes(parts), n = (h[0].toString(32) + h[1].toString(32)).toUpperCase().replace(/[^0-9A-Z]/g, "");
  while (n.length < 12) n += "0";
  return group(n);
}
function lookAlikes(s) { return s.replace(/O/g, "0").replace(/[IL]/g, "1"); }
// A typed code as the 12 symbols it stands for, or null when it is not readable as a code.
function readCode(typed) {
  var s = String(typed).normalize("NFKC").replace(SEPARATORS, "");
  return /^[0-9A-Za-z]{12}$/.test(s) ? lookAlikes(s.toUpperCase()) : null;
}
function codeMatches(reading, parts) {
  return reading === code(parts).replace(/-/g, "") || reading === lookAlikes(legacyCode(parts).replace(/-/g, ""));
}
function certificateParts(data, name, date, score, version) { return [name, date, version, score, data.seed]; }
function certificateCode(data, name, date, score, version) {
  return code(certificateParts(data, name, date, score, version));
}

// {month name: 1-12} from the locale key `months` of every course language (map.months); the
// same table as verification.month_numbers.
function monthNumbers(months) {
  var out = {};
  (months || []).forEach(function (names) {
    names.split(",").forEach(function (name, i) { var k = norm(name); if (!(k in out)) out[k] = i + 1; });
  });
  return out;
}
function monthOf(w, months) {
  if (months[w]) return months[w];
  var k = w.length >= 3 && Object.keys(months).filter(function (m) { return m.indexOf(w) === 0; })[0];
  return k ? months[k] : 0;
}
// A date as the certificate prints it ("2 de diciembre de 2026", "2 December 2026") or as ISO,
// to YYYY-MM-DD; null when it cannot be read.
function isoDate(textValue, months) {
  var t = norm(textValue), m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t), day, month, year;
  if (m) { year = +m[1]; month = +m[2]; day = +m[3]; }
  else {
    t.replace(/[,.]/g, " ").split(" ").forEach(function (w) {
      if (/^\d{4}$/.test(w)) year = +w;
      else if (/^\d{1,2}$/.test(w)) day = +w;
      else if (!month) month = monthOf(w, months);
    });
  }
  if (!(year && month && day) || month > 12 || day > 31) return null;
  return year + "-" + (month < 10 ? "0" : "") + month + "-" + (day < 10 ? "0" : "") + day;
}

// What a progress record says about a certificate: its details, whether it passes, and whether
// the code (given.reading, from readCode) and, when typed, the name and date match.
function checkCertificate(map, record, given) {
  var st = status(map, record), fin = st.final, missing = [];
  st.rows.forEach(function (r) { r.missing.forEach(function (t) { missing.push(t); }); });
  if (map.final && !(fin && fin.passed)) missing.push(map.final.title);
  var name = (record.name || "").trim().replace(/\s+/g, " ");
  var out = { name: name, date: fin && fin.at, score: fin && fin.score, missing: missing, problems: [] };
  if (missing.length) out.problems.push("missing");
  if (!name || !fin) { out.problems.push("no_certificate"); return out; }
  if (!codeMatches(given.reading, certificateParts(record, name, fin.at, fin.score, map.version))) out.problems.push("code");
  if (given.name && norm(given.name) !== norm(name)) out.problems.push("name");
  if (given.date && isoDate(given.date, monthNumbers(map.months)) !== fin.at) out.problems.push("date");
  return out;
}

function verifyApp(root, map) {
  var s = map.strings, live = el("div", { role: "status", "aria-live": "polite", "class": "cb-verify-result" });
  var form = el("form", { "class": "cb-verify" }), fields = {};
  function field(k, tag) {
    fields[k] = el(tag || "input", tag ? { id: "cb-v-" + k, name: k, rows: "3", spellcheck: "false" } : { type: "text", id: "cb-v-" + k, name: k });
    form.appendChild(el("p", {}, [el("label", { "for": "cb-v-" + k, text: s["v_" + k] }), fields[k]]));
  }
  field("code"); field("progress", "textarea");
  // Codes are typed from paper: no spelling fixes, capitals offered on phones (any case is read).
  fields.code.setAttribute("autocomplete", "off"); fields.code.setAttribute("autocapitalize", "characters");
  fields.code.setAttribute("spellcheck", "false");
  var file = el("input", { type: "file", id: "cb-v-file", accept: ".json,application/json" });
  form.appendChild(el("p", {}, [el("label", { "for": "cb-v-file", text: s.v_file }), file]));
  field("name"); field("date");
  form.appendChild(el("button", { type: "submit", "class": "md-button md-button--primary", text: s.v_check }));
  file.addEventListener("change", function () {
    var f = file.files[0];
    if (f) f.text().then(function (t) { fields.progress.value = t; });
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var got = readProgress(fields.progress.value, map), record = got && got.data, reading = readCode(fields.code.value), lines = [];
    // Unreadable input is named, one sentence each, before anything is checked.
    if (!reading) lines.push(el("p", { text: s.v_unreadable_code }));
    if (!record) lines.push(el("p", { text: s.v_bad_progress }));
    if (lines.length) { live.replaceChildren.apply(live, lines); return; }
    var given = { reading: reading, code: fields.code.value, name: fields.name.value, date: fields.date.value };
    var r = checkCertificate(map, record, given);
    // A code of the record's certificate of participation is checked as one (js/55-participation.js).
    var p = checkParticipation(map, record, given);
    r = p || r;
    lines.push(el("p", { "class": "cb-score " + (r.problems.length ? "cb-no" : "cb-ok"), text: r.problems.length ? s.v_bad : p ? s.v_p_ok : s.v_ok }));
    if (r.problems.indexOf("code") < 0 && r.problems.indexOf("no_certificate") < 0) lines.push(el("p", { "class": "cb-verify-kind", text: p ? s.v_kind_participation : s.v_kind_completion }));
    if (p) lines.push(el("p", { text: fmt(s.v_p_details, { name: p.name, n: p.n, total: p.total, date: longDate(p.date, map.lang) }) }));
    else if (r.name && r.date) lines.push(el("p", { text: fmt(s.v_details, { name: r.name, date: r.date ? longDate(r.date, map.lang) : "—", score: r.score === undefined ? "—" : r.score }) }));
    r.problems.forEach(function (p) { if (p !== "missing") lines.push(el("p", { text: s["v_why_" + p] })); });
    if (r.missing.length) {
      lines.push(el("p", { text: s.v_why_missing }));
      lines.push(el("ul", {}, r.missing.map(function (t) { return el("li", { text: t }); })));
    }
    live.replaceChildren.apply(live, lines);
  });
  root.appendChild(el("p", { "class": "cb-verify-scope", text: s.v_scope }));
  root.appendChild(form); root.appendChild(live);
}
