// Folder URLs need an explicit index.html where the site is browsed without a web server's
// directory index (an LMS package, the offline zip opened from disk).
function href(url) {
  var at = url.search(/[?#]/), path = at < 0 ? url : url.slice(0, at), rest = at < 0 ? "" : url.slice(at);
  return /\.html$/.test(window.location.pathname) && /\/$/.test(path) ? path + "index.html" + rest : url;
}
// Inside an LMS the record is kept by the platform: the page's "this browser only" line is not true there.
function lmsNote(app, s) {
  var intro = app.previousElementSibling;
  if (intro && intro.tagName === "P") intro.hidden = true;
  app.prepend(el("p", { "class": "cb-lms-note", role: "note", text: s.lms_note }));
}
// Set once everything this bundle placed on the page has started (tests and tools wait for it).
function ready() { document.documentElement.dataset.cbReady = "true"; }

// What the participant is told about saving. At the start, a line above the page's first widget:
// storage blocked, a record this page could not read kept aside, or a newer version's record left
// alone. While saves fail (storage full, the LMS refusing them), an alert at the foot of the window;
// once a save succeeds again, a status line saying so, which goes after a while.
function storeNotices(store, s, first, start) {
  if (!s) return;
  function note(text) { first.prepend(el("p", { "class": "cb-storage-note", role: "status", text: text })); }
  var told = store.told;
  if (start || told) {
    if (start && !store.ok) note(s.no_storage);
    else if (store.held && !(told && told.held)) note(s.store_newer);
    else if (store.kept.length > (told ? told.kept : 0) && store.kept.some(function (k) { return k.fresh; })) note(s.store_kept);
    store.told = { held: store.held, kept: store.kept.length };
  }
  var failing = store.pending ? s.store_full : store.lmsDown ? s.lms_failed : "";
  var bar = document.querySelector(".cb-save-state");
  if (failing) {
    if (!bar || bar.getAttribute("role") !== "alert") {
      if (bar) bar.remove();
      bar = document.body.appendChild(el("div", { "class": "cb-save-state cb-save-failed", role: "alert" }));
    }
    if (bar.textContent !== failing) bar.textContent = failing;
    bar.dataset.what = store.pending ? "store" : "lms";
  } else if (bar && bar.getAttribute("role") === "alert") {
    var again = el("div", { "class": "cb-save-state", role: "status" }), what = bar.dataset.what;
    bar.replaceWith(again);
    // A live region is announced when its text changes after it is in the page.
    window.setTimeout(function () { again.textContent = what === "lms" ? s.lms_saved : s.store_saved; }, 50);
    window.setTimeout(function () { if (again.getAttribute("role") === "status") again.remove(); }, 15000);
  }
}
function init() {
  // Each bundle (course.js, app.js: render/assets.py) runs only the parts it carries.
  var quizzes = typeof Quiz === "function" ? all(document, ".cb-quiz") : [];
  var cases = typeof Case === "function" ? all(document, ".cb-case") : [];
  var apps = typeof certificateApp === "function" ? all(document, ".cb-app") : [];
  var first = quizzes[0] || cases[0] || apps[0];
  if (!first) return ready();
  var store = null, strings = null, noted = false;
  // The record is read, and this module noted as visited, before the first part starts.
  function open() { read(); note(); }
  function read() {
    if (store) return;
    store = new Store(first.dataset.course);
    store.watch(function () { storeNotices(store, texts(), first, false); });
  }
  // The page's texts: an app's, or the first quiz's (also before that quiz has started).
  function texts() {
    var d = !strings && document.querySelector("script.cb-data");
    if (d) strings = JSON.parse(d.textContent).strings;
    return strings;
  }
  function note() {
    var module = first.dataset.module;
    if (noted) return;
    noted = true;
    if (module) { store.data.visited[module] = store.data.visited[module] || Date.now(); store.data.last = module; store.save(); }
  }
  if (apps.length) open();
  apps.forEach(function (a) {
    var map = JSON.parse(a.querySelector("script.cb-map").textContent);
    strings = map.strings;
    ({ home: homeApp, progress: progressApp, certificate: certificateApp, verify: verifyApp, attendance: attendanceApp })[a.dataset.app](a, map, store);
    if (store.lms && a.dataset.app === "progress") lmsNote(a, map.strings);
    // Everything passed: an LMS may now close the attempt normally (export/scorm_files/scorm12.js).
    var st = map.modules && a.dataset.app !== "verify" && status(map, store.data);
    if (st && st.done === st.total && !store.data.done) { store.data.done = true; store.save(); }
  });

  // Quizzes and cases sit far below the first screen: they start once the page has loaded, when the
  // browser is idle, one step per idle task (a case, a quiz's set-up, each of its questions), so none
  // of it joins the theme's start-up task nor holds the main thread for long. One the participant
  // reaches first (focus, touch, a key) finishes starting at once, before the event goes on.
  var queue = [];  // [widget, step], in page order
  all(document, ".cb-quiz, .cb-case").forEach(function (w) {
    if (cases.indexOf(w) >= 0) queue.push([w, function () { new Case(w, store); }]);
    else if (quizzes.indexOf(w) >= 0) queue.push([w, function () { return begin(w); }]);
  });
  function begin(w) {
    var quiz = new Quiz(w, store), again = w.querySelector(".cb-again");
    strings = quiz.s;
    if (again) again.addEventListener("click", function () { quiz.restart(); });
    return quiz.todo;
  }
  // A step may return further steps of its widget: they take its place in the queue.
  function run(at) {
    var item = queue.splice(at, 1)[0], more = item[1]() || [];
    queue.splice.apply(queue, [at, 0].concat(more.map(function (step) { return [item[0], step]; })));
  }
  function at(w) { for (var i = 0; i < queue.length; i++) if (queue[i][0] === w) return i; return -1; }
  function start(w) {
    if (at(w) < 0) return;
    open();
    var active = document.activeElement;
    while (at(w) >= 0) run(at(w));
    // Shuffling re-inserts options: the one just focused keeps the focus.
    if (active && w.contains(active) && document.activeElement !== active) active.focus();
    if (!queue.length) done();
  }
  function reached(ev) {
    var w = ev.target.closest && ev.target.closest(".cb-quiz, .cb-case");
    if (w) start(w);
  }
  function done() {
    ["focusin", "pointerdown", "keydown"].forEach(function (t) { document.removeEventListener(t, reached, true); });
    if (store.reset || store.migrated) store.save();
    storeNotices(store, texts(), first, true);
    ready();
  }
  var idle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 1); };
  function next() {  // reading the record (the first use of storage is slow) and noting the visit are slices of their own
    if (!store) read();
    else if (!noted) note();
    else if (queue.length) { run(0); if (!queue.length) done(); }
    if (queue.length) idle(next, { timeout: 300 });
  }
  if (!queue.length) return done();
  ["focusin", "pointerdown", "keydown"].forEach(function (t) { document.addEventListener(t, reached, true); });
  // A link to a place inside or below a quiz: everything above it has its final size at once.
  if (window.location.hash) while (queue.length) start(queue[0][0]);
  else if (document.readyState === "complete") idle(next, { timeout: 300 });
  else window.addEventListener("load", function () { idle(next, { timeout: 300 }); });
}
// After the theme's own DOMContentLoaded work (Material registers first, from its bundle at the end
// of the body, and measures the page there): what this script adds or changes is laid out once, in
// the next frame, instead of inside the theme's forced layout.
if (document.readyState === "complete") init(); else document.addEventListener("DOMContentLoaded", init);
