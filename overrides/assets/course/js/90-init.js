// Inside an LMS the record is kept by the platform: the page's "this browser only" line is not true there.
function lmsNote(app, s) {
  var intro = app.previousElementSibling;
  if (intro && intro.tagName === "P") intro.hidden = true;
  app.prepend(el("p", { "class": "cb-lms-note", role: "note", text: s.lms_note }));
}
function init() {
  // Each bundle (course.js, app.js: render/assets.py) runs only the parts it carries.
  var quizzes = typeof Quiz === "function" ? all(document, ".cb-quiz") : [];
  var cases = typeof Case === "function" ? all(document, ".cb-case") : [];
  var apps = typeof certificateApp === "function" ? all(document, ".cb-app") : [];
  var first = quizzes[0] || cases[0] || apps[0];
  if (!first) return;
  var store = new Store(first.dataset.course), strings = null;
  var module = first.dataset.module;
  if (module) { store.data.visited[module] = store.data.visited[module] || Date.now(); store.data.last = module; store.save(); }
  quizzes.forEach(function (q) {
    var quiz = new Quiz(q, store), again = q.querySelector(".cb-again");
    strings = quiz.s;
    if (again) again.addEventListener("click", function () { quiz.restart(); });
  });
  cases.forEach(function (c) { new Case(c, store); });
  apps.forEach(function (a) {
    var map = JSON.parse(a.querySelector("script.cb-map").textContent);
    strings = map.strings;
    ({ home: homeApp, progress: progressApp, certificate: certificateApp, verify: verifyApp })[a.dataset.app](a, map, store);
    if (store.lms && a.dataset.app === "progress") lmsNote(a, map.strings);
    // Everything passed: an LMS may now close the attempt normally (export/scorm_files/scorm12.js).
    var st = a.dataset.app !== "verify" && status(map, store.data);
    if (st && st.done === st.total && !store.data.done) { store.data.done = true; store.save(); }
  });
  if (store.reset || store.migrated) store.save();
  var notice = !store.ok ? "no_storage" : (store.reset ? "corrupted" : null);
  if (notice && strings) first.prepend(el("p", { "class": "cb-storage-note", role: "note", text: strings[notice] }));
}
// After the theme's own DOMContentLoaded work (Material registers first, from its bundle at the end
// of the body, and measures the page there): what this script adds or changes is laid out once, in
// the next frame, instead of inside the theme's forced layout. Still before "load".
if (document.readyState === "complete") init(); else document.addEventListener("DOMContentLoaded", init);
