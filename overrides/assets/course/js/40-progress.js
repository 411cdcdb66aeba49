/* ---- course-wide pages: progress, certificate, verification ---- */
function quizScore(quiz, q) {
  var ids = Object.keys(quiz.q), ok = 0, answered = 0;
  ids.forEach(function (id) {
    var e = q[id];
    if (e && e.final && (!e.h || e.h === quiz.q[id])) { answered++; if (e.ok) ok++; }
  });
  var score = ids.length ? Math.round(100 * ok / ids.length) : 0;
  return { answered: answered, total: ids.length, score: score, passed: answered === ids.length && score >= quiz.pass };
}
function status(map, data) {
  var rows = map.modules.map(function (m) {
    var graded = m.quizzes.filter(function (z) { return z.graded; }).map(function (z) { return [z, quizScore(z, data.q)]; });
    var passed = graded.every(function (g) { return g[1].passed; });
    var state = graded.length ? (passed ? "passed" : (graded.some(function (g) { return g[1].answered; }) ? "failed" : null)) : null;
    if (!state) state = data.visited[m.id] ? (graded.length ? "read" : "ungraded") : "new";
    var score = graded.length && graded[0][1].answered ? graded.map(function (g) { return g[1].score + " %"; }).join(", ") : "";
    return { m: m, state: state, score: score, missing: graded.filter(function (g) { return !g[1].passed; }).map(function (g) { return g[0].title; }), done: !graded.length ? !!data.visited[m.id] : passed };
  });
  var fin = map.final && (data.quiz[map.final.id] || {}).result;
  return { rows: rows, final: fin || null };
}

function progressApp(root, map, store) {
  var s = map.strings, st = status(map, store.data), live = el("p", { role: "status", "aria-live": "polite" });
  var done = st.rows.filter(function (r) { return r.done; }).length + (st.final && st.final.passed ? 1 : 0);
  var total = st.rows.length + (map.final ? 1 : 0);
  var last = map.modules.filter(function (m) { return m.id === store.data.last; })[0];
  root.appendChild(el("p", { "class": "cb-overall", text: fmt(s.overall, { done: done, total: total }) }));
  var cont = last || map.modules[0];
  root.appendChild(el("p", {}, [el("a", { href: href(cont.url), "class": "md-button md-button--primary", text: last ? fmt(s["continue"], { title: last.title }) : s.start })]));
  var body = el("tbody");
  st.rows.forEach(function (r) {
    body.appendChild(el("tr", { "data-module": r.m.id }, [el("td", {}, [el("a", { href: href(r.m.url), text: r.m.title })]),
      el("td", { text: s["st_" + r.state] }), el("td", { text: r.score })]));
  });
  if (map.final) {
    body.appendChild(el("tr", { "data-module": "final" }, [el("td", {}, [el("a", { href: map.final.url ? href(map.final.url) : "#", text: map.final.title })]),
      el("td", { text: st.final ? s[st.final.passed ? "st_passed" : "st_failed"] : s.st_new }),
      el("td", { text: st.final ? st.final.score + " %" : "" })]));
  }
  root.appendChild(el("table", { "class": "cb-progress" }, [el("thead", {}, [el("tr", {}, [
    el("th", { scope: "col", text: s.th_module }), el("th", { scope: "col", text: s.th_status }), el("th", { scope: "col", text: s.th_score })])]), body]));
  var codeBox = el("textarea", { id: "cb-code", readonly: "", rows: "3" });
  codeBox.value = encode(store.data);
  var copy = el("button", { type: "button", "class": "md-button", text: s.copy });
  copy.addEventListener("click", function () { codeBox.select(); try { document.execCommand("copy"); } catch (e) { /* select is enough */ } live.textContent = s.copied; });
  var dl = el("a", { "class": "md-button", download: map.course + "-progress.json", text: s.download,
    href: "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(store.data)) });
  var qrBtn = el("button", { type: "button", "class": "md-button", text: s.qr_show }), qrBox = el("p");
  qrBtn.addEventListener("click", function show() {  // loads qr.js on first use, then draws
    if (!window.CB_QR) return document.head.appendChild(el("script", { src: new URL("qr.js", HERE) })).addEventListener("load", show);
    var c = el("canvas", { role: "img", "aria-label": s.qr_label });
    window.CB_QR.draw(c, codeBox.value); qrBox.replaceChildren(c);
  });
  var input = el("textarea", { id: "cb-import", rows: "3" });
  var imp = el("button", { type: "button", "class": "md-button", text: s["import"] });
  function load(text) {
    var d = decode(text, map.course);
    if (!d) { live.textContent = s.import_bad; return; }
    d.seed = store.data.seed;
    store.replace(d); live.textContent = s.import_ok;
    window.setTimeout(function () { window.location.reload(); }, 600);
  }
  imp.addEventListener("click", function () { load(input.value); });
  var file = el("input", { type: "file", id: "cb-file", accept: ".json,application/json" });
  file.addEventListener("change", function () {
    var f = file.files[0];
    if (f) f.text().then(load, function () { live.textContent = s.import_bad; });
  });
  var reset = el("button", { type: "button", "class": "md-button cb-reset", text: s.reset });
  var confirmBtn = el("button", { type: "button", "class": "md-button cb-reset-confirm", text: s.reset_confirm, hidden: "" });
  reset.addEventListener("click", function () { confirmBtn.hidden = false; confirmBtn.focus(); });
  confirmBtn.addEventListener("click", function () {
    var seed = store.data.seed;
    store.replace(merge(blank(), { course: map.course, seed: seed }));
    live.textContent = s.reset_done;
    window.setTimeout(function () { window.location.reload(); }, 600);
  });
  root.appendChild(el("h2", { text: s.move_title }));
  root.appendChild(el("p", {}, [el("label", { "for": "cb-code", text: s.code_label }), codeBox, copy, dl, qrBtn]));
  root.appendChild(qrBox);
  root.appendChild(el("p", {}, [el("label", { "for": "cb-import", text: s.import_label }), input, imp]));
  root.appendChild(el("p", {}, [el("label", { "for": "cb-file", text: s.import_file }), file]));
  root.appendChild(el("p", {}, [reset, confirmBtn]));
  root.appendChild(live);
}
