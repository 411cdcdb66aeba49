/* ---- course-wide pages: home, progress, certificate ---- */
function quizScore(quiz, q) {
  var ids = Object.keys(quiz.q), ok = 0, answered = 0;
  ids.forEach(function (id) {
    var e = q[id];
    if (e && e.final && (!e.h || e.h === quiz.q[id])) { answered++; if (e.ok) ok++; }
  });
  var score = ids.length ? Math.round(100 * ok / ids.length) : 0;
  return { answered: answered, total: ids.length, score: score, passed: answered === ids.length && score >= quiz.pass };
}
// Per module: state (new, progress, passed, failed, read), a short line saying how far it is, the
// graded quizzes still to pass; then the final assessment and the one next step.
function status(map, data) {
  var s = map.strings;
  var rows = map.modules.map(function (m) {
    var graded = m.quizzes.filter(function (z) { return z.graded; }).map(function (z) { return [z, quizScore(z, data.q)]; });
    var answered = 0, total = 0;
    graded.forEach(function (g) { answered += g[1].answered; total += g[1].total; });
    var passed = graded.every(function (g) { return g[1].passed; });
    var state = !graded.length ? (data.visited[m.id] ? "read" : "new") :
      passed ? "passed" : answered === total ? "failed" : (answered || data.visited[m.id]) ? "progress" : "new";
    var info = state === "passed" || state === "failed" ? graded.map(function (g) { return fmt(s.pct, { n: g[1].score }); }).join(", ") :
      state === "progress" && answered ? fmt(s.answered, { answered: answered, total: total, n: answered }) : "";
    var todo = graded.filter(function (g) { return !g[1].passed; }).map(function (g) { return g[0]; });
    return { m: m, state: state, info: info, done: graded.length ? passed : !!data.visited[m.id], todo: todo,
      missing: todo.map(function (z) { return z.title; }) };  // titles: 60-verify.js lists them
  });
  var fin = (map.final && (data.quiz[map.final.id] || {}).result) || null;
  var done = rows.filter(function (r) { return r.done; }).length + (fin && fin.passed ? 1 : 0);
  var total = rows.length + (map.final ? 1 : 0), last = -1;
  rows.forEach(function (r, i) { if (r.m.id === data.last) last = i; });
  var todo = rows.filter(function (r, i) { return !r.done && i >= last; })[0] || rows.filter(function (r) { return !r.done; })[0];
  var next = done === total ? { url: map.cert, label: s.get_cert, cert: true } :
    todo ? { url: todo.m.url, label: Object.keys(data.visited).length ? fmt(s["continue"], { title: todo.m.title }) : s.start } :
    { url: map.final.url, label: fmt(s["continue"], { title: map.final.title }) };
  return { rows: rows, final: fin, done: done, total: total, next: next };
}
function stateText(s, r) { return s["st_" + r.state] + (r.info ? " · " + r.info : ""); }
// The home and progress pages are drawn at build time as a new participant sees them
// (templates/home.html.j2, app.html.j2): this browser's progress is written into those elements in
// place, so nothing on the page moves.
function paint(root, map, st) {
  var s = map.strings, main = root.querySelector(".cb-main"), box = root.querySelector(".cb-overall-box");
  if (main) { main.textContent = st.next.label; main.href = href(st.next.url); }
  if (box) {
    box.querySelector(".cb-overall").textContent = fmt(s.overall, { done: st.done, total: st.total, n: st.total });
    box.querySelector(".cb-bar span").style.width = Math.round(100 * st.done / st.total) + "%";
  }
  var f = st.final, rows = st.rows.concat(map.final ? [{ m: { id: "final" }, state: f ? (f.passed ? "passed" : "failed") : "new", info: f ? fmt(s.pct, { n: f.score }) : "" }] : []);
  rows.forEach(function (r) {
    var card = root.querySelector('.cb-card[data-module="' + r.m.id + '"]');
    if (!card) return;
    card.className = "cb-card cb-" + r.state;
    card.querySelector(".cb-card-state").textContent = stateText(s, r);
  });
  markPath(map, st);
}
// The static list of steps to the certificate (home, progress, certificate pages): done ones marked.
function markPath(map, st) {
  var s = map.strings, passed = {};
  st.rows.forEach(function (r) { r.m.quizzes.forEach(function (z) { passed[z.id] = r.todo.indexOf(z) < 0; }); });
  if (map.final) passed[map.final.id] = !!(st.final && st.final.passed);
  all(document, ".cb-steps li[data-step]").forEach(function (li) {
    var ok = passed[li.dataset.step] || (li.dataset.step === "certificate" && st.next.cert);
    li.classList.toggle("cb-done", !!ok);
    var box = li.querySelector(".cb-step-state");
    if (box) box.textContent = ok ? "✓ " + s.step_done : "";
  });
}
function live(fn, store) { fn(); if (store.on) store.on(fn); }

function homeApp(root, map, store) {
  var s = map.strings, pdf = root.querySelector(".cb-pdf");
  live(function () { paint(root, map, status(map, store.data)); }, store);
  // The handbook's size, when the site serves it (HEAD: nothing is downloaded).
  if (pdf && window.fetch && location.protocol.indexOf("http") === 0) {
    fetch(pdf.href, { method: "HEAD" }).then(function (r) {
      var n = +r.headers.get("content-length");
      if (r.ok && n) root.querySelector(".cb-pdf-size").textContent = " (PDF, " + fmt(s.size, { size: (n / 1048576).toFixed(1) }) + ")";
    }, function () {});
  }
}

function progressApp(root, map, store) {
  var s = map.strings, msg = root.querySelector(".cb-msg");
  function $(sel) { return root.querySelector(sel); }
  var codeBox = $("#cb-code"), dl = $(".cb-download"), qrBox = $(".cb-qr-box"), qrBtn = $(".cb-qr");
  $(".cb-copy").addEventListener("click", function () { codeBox.select(); try { document.execCommand("copy"); } catch (e) { /* select is enough */ } msg.textContent = s.copied; });
  qrBtn.addEventListener("click", function show() {  // loads qr.js on first use, then draws
    if (!window.CB_QR) return document.head.appendChild(el("script", { src: new URL("qr.js", HERE) })).addEventListener("load", show);
    var c = el("canvas", { role: "img", "aria-label": s.qr_label });
    window.CB_QR.draw(c, codeBox.value); qrBox.replaceChildren(c);
  });
  live(function () {
    paint(root, map, status(map, store.data));
    codeBox.value = encode(store.data);
    dl.href = "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(store.data));
  }, store);
  var input = $("#cb-import"), replace = $("#cb-import-replace"), file = $("#cb-file");
  function load(text) {
    var d = decode(text, map.course);
    if (!d) { msg.textContent = s.import_bad; return; }
    if (replace.checked) { d.seed = d.seed || store.data.seed; store.replace(d); } else store.join(d);
    msg.textContent = s.import_ok;
    window.setTimeout(function () { window.location.reload(); }, 600);
  }
  $(".cb-import").addEventListener("click", function () { load(input.value); });
  file.addEventListener("change", function () {
    var f = file.files[0];
    if (f) f.text().then(load, function () { msg.textContent = s.import_bad; });
  });
  var confirmBtn = $(".cb-reset-confirm");
  $(".cb-reset").addEventListener("click", function () { confirmBtn.hidden = false; confirmBtn.focus(); });
  confirmBtn.addEventListener("click", function () {
    var seed = store.data.seed;
    store.replace(merge(blank(), { course: map.course, seed: seed }));
    msg.textContent = s.reset_done;
    window.setTimeout(function () { window.location.reload(); }, 600);
  });
}
