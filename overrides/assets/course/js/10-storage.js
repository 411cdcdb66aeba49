/* ---- storage: one JSON record per course, keyed by ids, never by URL ---- */
var VERSION = 2;
function blank() { return { v: VERSION, course: "", seed: "", q: {}, quiz: {}, cases: {}, visited: {}, last: "" }; }
// Older records are upgraded, never thrown away: v1 kept answers per quiz.
function migrate(d) {
  if (d.v === 1) {
    d.q = {};
    Object.keys(d.quiz || {}).forEach(function (id) {
      var done = d.quiz[id].done || {};
      Object.keys(done).forEach(function (qid) { d.q[qid] = done[qid]; });
      delete d.quiz[id].done;
    });
    d.v = 2;
  }
  return d;
}
function valid(d, courseId) {
  return d && typeof d === "object" && d.v === VERSION && d.course === courseId &&
    typeof d.q === "object" && typeof d.quiz === "object" && typeof d.visited === "object";
}
// Inside an LMS package a launch page offers a bridge (get/set of the JSON record) that keeps
// progress in the LMS instead of this browser.
function bridge() {
  try { return window.CB_BRIDGE || (window.parent !== window && window.parent.CB_BRIDGE) || null; }
  catch (e) { return null; }
}
function Store(courseId) {
  this.key = "cb:" + courseId; this.course = courseId; this.ok = true; this.reset = false;
  this.data = blank();
  this.bridge = bridge();
  var raw = null;
  try { raw = this.bridge ? this.bridge.get() : window.localStorage.getItem(this.key); } catch (e) { this.ok = false; }
  if (raw) {
    var parsed = null;
    try {
      parsed = expand(JSON.parse(raw));
      this.migrated = parsed && parsed.v !== VERSION;
      parsed = migrate(parsed);
      if (parsed && !parsed.course) parsed.course = courseId;
    } catch (e) { parsed = null; }
    if (valid(parsed, courseId)) this.data = merge(blank(), parsed); else this.reset = true;
  }
  this.data.course = courseId;
  if (!this.data.seed) this.data.seed = Math.random().toString(36).slice(2);
}
Store.prototype.save = function () {
  try {
    if (this.bridge) this.bridge.set(compact(this.data));
    else window.localStorage.setItem(this.key, JSON.stringify(this.data));
  } catch (e) { this.ok = false; }
};
Store.prototype.replace = function (data) { this.data = data; this.save(); };
function merge(base, extra) {
  Object.keys(extra).forEach(function (k) { base[k] = extra[k]; });
  return base;
}

// The code carries only what progress needs (ids of answered questions, assessment results,
// modules read), so it stays short enough to copy by hand (and to fit an LMS's 4,096-character
// suspend_data); the file carries the full record.
function compact(data) {
  var ok = [], no = [], a = {};
  Object.keys(data.q).forEach(function (id) { var e = data.q[id]; if (e.final) (e.ok ? ok : no).push(id); });
  Object.keys(data.quiz).forEach(function (id) { if (data.quiz[id].result) a[id] = data.quiz[id].result; });
  return JSON.stringify({ v: data.v, c: data.course, ok: ok, no: no, a: a, m: Object.keys(data.visited), l: data.last });
}
function expand(d) {
  if (!d || !d.c) return d;
  var full = merge(blank(), { v: d.v, course: d.c, last: d.l || "" });
  (d.ok || []).forEach(function (id) { full.q[id] = { ok: true, final: true, tries: 1 }; });
  (d.no || []).forEach(function (id) { full.q[id] = { ok: false, final: true, tries: 1 }; });
  Object.keys(d.a || {}).forEach(function (id) { full.quiz[id] = { result: d.a[id] }; });
  (d.m || []).forEach(function (id) { full.visited[id] = 1; });
  return full;
}
function encode(data) {
  return btoa(unescape(encodeURIComponent(compact(data)))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
function decode(text, courseId) {
  try {
    text = text.trim();
    var d = expand(JSON.parse(text.charAt(0) === "{" ? text : decodeURIComponent(escape(atob(text.replace(/-/g, "+").replace(/_/g, "/"))))));
    d = merge(blank(), migrate(d));
    return valid(d, courseId) ? d : null;
  } catch (e) { return null; }
}
