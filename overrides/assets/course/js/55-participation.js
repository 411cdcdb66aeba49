/* ---- the certificate of participation (certificate and verification pages) ----
   course.yml `participation:` says what it needs (map.participation: the required live sessions as
   [id, title, date], and whether the certificate of completion's steps count too); the sessions attended
   are the record's `att` (js/70-attendance.js). Its code is made like the completion certificate's
   (code() in js/60-verify.js) from "participation", the name, the date, the version and the record's
   seed; its date is the latest required session's, or the final assessment's if later.
   course_builder/participation.py checks the same for `verify`; keep the two in step. */
function participationStatus(map, data, st) {
  var p = map.participation, att = data.att || {}, dates = [];
  var missing = p.sessions.filter(function (x) { dates.push(x[2]); return !att[x[0]]; });
  var completed = !p.completion || !!st.next.cert;
  if (p.completion && st.final && st.final.at) dates.push(st.final.at);
  dates.sort();
  return { earned: !missing.length && completed, missing: missing, completed: completed,
    attended: p.sessions.length - missing.length, total: p.sessions.length, date: dates[dates.length - 1] };
}
function participationParts(data, name, date, version) { return ["participation", name, date, version, data.seed]; }
// The requirements drawn at build time (templates/app.html.j2) marked done; the form once all are.
function participationView(root, map, store, st) {
  var s = map.strings, box = root.querySelector(".cb-participation"), ps = participationStatus(map, store.data, st);
  if (!box) return;
  all(box, "li[data-p]").forEach(function (li) {
    var ok = li.dataset.p === "completion" ? ps.completed : !!(store.data.att || {})[li.dataset.p];
    li.classList.toggle("cb-done", ok);
    li.querySelector(".cb-step-state").textContent = ok ? "✓ " + s.step_done : "";
  });
  var view = box.querySelector(".cb-p-view");
  if (!ps.earned) { view.replaceChildren(); return; }
  if (!view.firstChild) view.appendChild(participationForm(map, store, ps));
}
function participationForm(map, store, ps) {
  var s = map.strings, p = map.participation, root = el("div");
  var live = el("p", { role: "status", "aria-live": "polite" });
  var name = el("input", { type: "text", id: "cb-pname", autocomplete: "name" });
  name.value = store.data.name || "";
  var make = el("button", { type: "button", "class": "md-button md-button--primary", text: s.p_make });
  var printBtn = el("button", { type: "button", "class": "md-button", text: s.print, hidden: "" });
  var out = el("div", { "class": "cb-certificate", hidden: "" });
  make.addEventListener("click", function () {
    var who = name.value.trim().replace(/\s+/g, " ");
    if (!who) { live.textContent = s.name_needed; name.focus(); return; }
    store.data.name = who; store.save();
    var c = code(participationParts(store.data, who, ps.date, map.version));
    var titles = p.sessions.map(function (x) { return x[1]; }).join("; ");
    out.replaceChildren();
    [el("p", { "class": "cb-issuers", text: map.issuers.join(" · ") }), el("h2", { text: s.p_heading }),
      el("p", { "class": "cb-cert-name", text: who }),
      el("p", { text: fmt(p.completion ? s.p_body_completion : s.p_body, { name: who, title: map.title, version: map.version, sessions: titles }) }),
      el("p", { text: fmt(s.cert_date, { date: longDate(ps.date, map.lang) }) }),
      el("p", { "class": "cb-cert-code", text: fmt(s.cert_code, { code: c }) }),
      el("p", { "class": "cb-cert-verify", text: new URL(href(map.verify), window.location.href).href }),
      el("p", { "class": "cb-cert-note", text: s.p_note }),
      map.pending ? el("p", { "class": "cb-cert-note", text: s.cert_pending }) : null].forEach(function (e) { if (e) out.appendChild(e); });
    out.hidden = false; printBtn.hidden = false; out.tabIndex = -1; out.focus();
  });
  // Only this certificate is printed (print.css), not the certificate of completion above it.
  printBtn.addEventListener("click", function () {
    document.body.dataset.cbPrint = "participation";
    window.addEventListener("afterprint", function () { delete document.body.dataset.cbPrint; }, { once: true });
    window.print();
  });
  root.appendChild(el("p", { "class": "cb-cert-form" }, [el("label", { "for": "cb-pname", text: s.name_label }), name, make, printBtn]));
  root.appendChild(live);
  root.appendChild(out);
  return root;
}
// A code typed on the verification page: the record's certificate of participation, or null (then it is
// checked as a certificate of completion). Look-alikes (O/0, I/L/1) and separators as readCode reads them.
function checkParticipation(map, record, given) {
  if (!map.participation) return null;
  var st = status(map, record), ps = participationStatus(map, record, st);
  var name = (record.name || "").trim().replace(/\s+/g, " "), typed = String(given.reading || given.code || "");
  function fold(x) { return x.normalize("NFKC").replace(/[\s\u200b\ufeff\u00ad\u2010-\u2015\u2212-]+/g, "").toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1"); }
  if (!name || !typed || fold(code(participationParts(record, name, ps.date, map.version))) !== fold(typed)) return null;
  var missing = ps.missing.map(function (x) { return x[1]; }), problems = [];
  if (!ps.completed) st.rows.forEach(function (r) { r.missing.forEach(function (t) { missing.push(t); }); });
  if (!ps.completed && map.final && !(st.final && st.final.passed)) missing.push(map.final.title);
  if (missing.length) problems.push("missing");
  if (given.name && norm(given.name) !== norm(name)) problems.push("name");
  if (given.date && isoDate(given.date, monthNumbers(map.months)) !== ps.date) problems.push("date");
  return { kind: "participation", name: name, date: ps.date, n: ps.attended, total: ps.total, missing: missing, problems: problems };
}
