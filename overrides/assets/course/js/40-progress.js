/* ---- course-wide pages: home, progress, certificate ---- */
// `score` (answered right, after retries, without "show the answer") decides whether the quiz is
// passed; `first` (right at the first try) is what the participant is shown.
function quizScore(quiz, q) {
  var ids = Object.keys(quiz.q), ok = 0, answered = 0, first = 0;
  ids.forEach(function (id) {
    var e = q[id];
    if (e && e.final && (!e.h || e.h === quiz.q[id])) { answered++; if (e.ok) ok++; if (firstTry(e)) first++; }
  });
  var score = ids.length ? Math.round(100 * ok / ids.length) : 0;
  return { answered: answered, total: ids.length, score: score, first: first,
    passed: answered === ids.length && score >= quiz.pass };
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
    var info = state === "passed" || state === "failed" ? graded.map(function (g) { return fmt(s.first_pct, { first: g[1].first, total: g[1].total }); }).join(", ") :
      state === "progress" && answered ? fmt(s.answered, { answered: answered, total: total, n: answered }) : "";
    var todo = graded.filter(function (g) { return !g[1].passed; }).map(function (g) { return g[0]; });
    return { m: m, state: state, info: info, done: graded.length ? passed : !!data.visited[m.id], todo: todo,
      missing: todo.map(function (z) { return z.title; }) };  // titles: 60-verify.js lists them
  });
  var fin = (map.final && (data.quiz[map.final.id] || {}).result) || null;
  // The steps counted are the ones listed on the way to the certificate (templates/path.html.j2):
  // every graded quiz, the final assessment, then the certificate itself, done once all others are.
  var steps = [];
  rows.forEach(function (r) {
    r.m.quizzes.forEach(function (z) { if (z.graded) steps.push({ done: r.todo.indexOf(z) < 0, url: r.m.url, title: r.m.title }); });
  });
  if (map.final) steps.push({ done: !!(fin && fin.passed), url: map.final.url, title: map.final.title });
  var open = steps.filter(function (x) { return !x.done; }), done = steps.length - open.length + (open.length ? 0 : 1);
  var started = Object.keys(data.visited).length || Object.keys(data.q).length;
  var next = !open.length ? { url: map.cert, label: s.get_cert, cert: true } :
    !started && rows.length ? { url: rows[0].m.url, label: s.start } :
    { url: open[0].url, label: fmt(s["continue"], { title: open[0].title }) };
  return { rows: rows, final: fin, done: done, total: steps.length + 1, next: next };
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
    codeBox.value = encodeCode(store.data, map.shape);
    dl.href = "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(store.data));
  }, store);
  // Records this page could not read, kept aside by js/10-storage.js: offered as files, never deleted here.
  if (store.kept.length) {
    var kept = el("div", { "class": "cb-kept" }, [el("p", { text: s.kept_note })]);
    store.kept.forEach(function (k, i) {
      kept.appendChild(el("p", {}, [el("a", { "class": "md-button cb-kept-download", download: map.course + "-progress-kept-" + (i + 1) + ".json",
        href: "data:application/json;charset=utf-8," + encodeURIComponent(k.raw),
        text: s.kept_download + (store.kept.length > 1 ? " (" + (i + 1) + ")" : "") })]));
    });
    dl.parentNode.after(kept);
  }
  var input = $("#cb-import"), replace = $("#cb-import-replace"), file = $("#cb-file");
  function load(text) {
    var got = readProgress(text, map), d = got && got.data;
    if (!d) { msg.textContent = got ? s.import_changed : s.import_bad; return; }
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
