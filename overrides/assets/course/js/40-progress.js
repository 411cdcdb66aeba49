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
      state === "progress" && answered ? fmt(s.answered, { answered: answered, total: total }) : "";
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
function bar(s, st) {
  var pct = Math.round(100 * st.done / st.total);
  return el("div", { "class": "cb-overall-box" }, [el("p", { "class": "cb-overall", text: fmt(s.overall, { done: st.done, total: st.total }) }),
    el("div", { "class": "cb-bar", "aria-hidden": "true" }, [el("span", { style: "width:" + pct + "%" })])]);
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
  live(function () {
    var st = status(map, store.data), main = root.querySelector(".cb-main");
    if (main) { main.textContent = st.next.label; main.href = href(st.next.url); }
    root.querySelector(".cb-overall-box").replaceWith(bar(s, st));
    st.rows.forEach(function (r) {
      var card = root.querySelector('.cb-card[data-module="' + r.m.id + '"]');
      if (!card) return;
      card.className = "cb-card cb-" + r.state;
      card.querySelector(".cb-card-state").textContent = stateText(s, r);
    });
    markPath(map, st);
  }, store);
  // The handbook's size, when the site serves it (HEAD: nothing is downloaded).
  if (pdf && window.fetch && location.protocol.indexOf("http") === 0) {
    fetch(pdf.href, { method: "HEAD" }).then(function (r) {
      var n = +r.headers.get("content-length");
      if (r.ok && n) root.querySelector(".cb-pdf-size").textContent = " (PDF, " + fmt(s.size, { size: (n / 1048576).toFixed(1) }) + ")";
    }, function () {});
  }
}

function progressApp(root, map, store) {
  var s = map.strings, view = el("div"), msg = el("p", { role: "status", "aria-live": "polite" });
  root.appendChild(view);
  var codeBox = el("textarea", { id: "cb-code", readonly: "", rows: "3" });
  var copy = el("button", { type: "button", "class": "md-button", text: s.copy });
  copy.addEventListener("click", function () { codeBox.select(); try { document.execCommand("copy"); } catch (e) { /* select is enough */ } msg.textContent = s.copied; });
  var dl = el("a", { "class": "md-button", download: map.course + "-progress.json", text: s.download, href: "#" });
  var qrBtn = el("button", { type: "button", "class": "md-button", text: s.qr_show }), qrBox = el("p");
  qrBtn.addEventListener("click", function show() {  // loads qr.js on first use, then draws
    if (!window.CB_QR) return document.head.appendChild(el("script", { src: new URL("qr.js", HERE) })).addEventListener("load", show);
    var c = el("canvas", { role: "img", "aria-label": s.qr_label });
    window.CB_QR.draw(c, codeBox.value); qrBox.replaceChildren(c);
  });
  live(function () {
    var st = status(map, store.data), cards = st.rows.map(function (r) {
      return el("li", { "class": "cb-card cb-" + r.state, "data-module": r.m.id }, [el("a", { "class": "cb-card-link", href: href(r.m.url), text: r.m.title }),
        el("p", { "class": "cb-card-meta" }, [el("span", { "class": "cb-card-state", text: stateText(s, r) })])]);
    });
    if (map.final) {
      var f = st.final, r = { state: f ? (f.passed ? "passed" : "failed") : "new", info: f ? fmt(s.pct, { n: f.score }) : "" };
      cards.push(el("li", { "class": "cb-card cb-" + r.state, "data-module": "final" }, [el("a", { "class": "cb-card-link", href: map.final.url ? href(map.final.url) : "#", text: map.final.title }),
        el("p", { "class": "cb-card-meta" }, [el("span", { "class": "cb-card-state", text: stateText(s, r) })])]));
    }
    view.replaceChildren(bar(s, st), el("p", {}, [el("a", { href: href(st.next.url), "class": "md-button md-button--primary cb-main", text: st.next.label })]),
      el("ol", { "class": "cb-cards" }, cards));
    markPath(map, st);
    codeBox.value = encode(store.data);
    dl.href = "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(store.data));
  }, store);
  var input = el("textarea", { id: "cb-import", rows: "3" });
  var imp = el("button", { type: "button", "class": "md-button", text: s["import"] });
  var replace = el("input", { type: "checkbox", id: "cb-import-replace" });
  function load(text) {
    var d = decode(text, map.course);
    if (!d) { msg.textContent = s.import_bad; return; }
    if (replace.checked) { d.seed = d.seed || store.data.seed; store.replace(d); } else store.join(d);
    msg.textContent = s.import_ok;
    window.setTimeout(function () { window.location.reload(); }, 600);
  }
  imp.addEventListener("click", function () { load(input.value); });
  var file = el("input", { type: "file", id: "cb-file", accept: ".json,application/json" });
  file.addEventListener("change", function () {
    var f = file.files[0];
    if (f) f.text().then(load, function () { msg.textContent = s.import_bad; });
  });
  var reset = el("button", { type: "button", "class": "md-button cb-reset", text: s.reset });
  var confirmBtn = el("button", { type: "button", "class": "md-button cb-reset-confirm", text: s.reset_confirm, hidden: "" });
  reset.addEventListener("click", function () { confirmBtn.hidden = false; confirmBtn.focus(); });
  confirmBtn.addEventListener("click", function () {
    var seed = store.data.seed;
    store.replace(merge(blank(), { course: map.course, seed: seed }));
    msg.textContent = s.reset_done;
    window.setTimeout(function () { window.location.reload(); }, 600);
  });
  root.appendChild(el("h2", { text: s.move_title }));
  root.appendChild(el("p", {}, [el("label", { "for": "cb-code", text: s.code_label }), codeBox, copy, dl, qrBtn]));
  root.appendChild(qrBox);
  root.appendChild(el("p", {}, [el("label", { "for": "cb-import", text: s.import_label }), input, imp]));
  root.appendChild(el("p", {}, [el("label", { "for": "cb-file", text: s.import_file }), file]));
  root.appendChild(el("p", { "class": "cb-check-line" }, [replace, el("label", { "for": "cb-import-replace", text: s.import_replace })]));
  root.appendChild(el("p", {}, [reset, confirmBtn]));
  root.appendChild(msg);
}
