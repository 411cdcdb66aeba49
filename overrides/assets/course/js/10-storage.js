/* ---- storage: one JSON record per course, keyed by ids, never by URL ----
   Several tabs (or an import) may change the record while a page is open, so a page never
   writes back what it read at load: every save re-reads the stored record and merges this
   page's changes into it, and a change made in another tab is merged in when the browser
   announces it (storage event). */
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
function merge(base, extra) {
  Object.keys(extra).forEach(function (k) { base[k] = extra[k]; });
  return base;
}
function copy(d) { return JSON.parse(JSON.stringify(d)); }
function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
function plainObject(o) { return o !== null && typeof o === "object" && !Array.isArray(o); }
// Makes `target` equal to `source` without replacing its nested objects: quizzes and cases hold
// references into the record (their answer map, their state), which must stay live.
function assign(target, source) {
  Object.keys(target).forEach(function (k) { if (!(k in source)) delete target[k]; });
  Object.keys(source).forEach(function (k) {
    if (plainObject(target[k]) && plainObject(source[k])) assign(target[k], source[k]);
    else target[k] = copy(source[k]);
  });
  return target;
}
function union(a, b) {
  var out = (a || []).slice();
  (b || []).forEach(function (x) { if (out.indexOf(x) < 0) out.push(x); });
  return out;
}
// Right at the first try: not after a wrong one, nor by "show the answer".
function firstTry(e) { return !!(e && e.final && e.ok && !e.revealed && (e.tries || 1) === 1); }
function better(a, b) {  // of two assessment results, the one a certificate would rest on
  if (!a || !b) return a || b;
  if (a.passed !== b.passed) return a.passed ? a : b;
  return b.score > a.score ? b : a;
}
var PARTS = ["q", "quiz", "cases", "visited"], FIELDS = ["last", "name", "done"];
// Three-way merge. `base` is the record as this page last read or wrote it, `mine` the page's
// record now, `theirs` the stored one. What this page changed since `base` is its newest word and
// wins (an answer, a restart, a cleared quiz); everything else comes from `theirs`. Modules read,
// case endings and assessment results are never lost: they are united.
function merge3(base, mine, theirs) {
  var out = copy(theirs);
  PARTS.forEach(function (part) {
    var b = base[part] || {}, m = mine[part] || {}, o = out[part] = out[part] || {};
    Object.keys(m).concat(Object.keys(b)).forEach(function (id) {
      if (same(m[id], b[id])) return;
      if (id in m) o[id] = copy(m[id]); else delete o[id];
    });
  });
  FIELDS.forEach(function (k) { if (!same(mine[k], base[k])) out[k] = mine[k]; });
  Object.keys(mine.visited || {}).forEach(function (id) { if (!(id in out.visited)) out.visited[id] = mine.visited[id]; });
  Object.keys(mine.cases || {}).forEach(function (id) {
    var o = out.cases[id] = out.cases[id] || { endings: [] };
    o.endings = union(o.endings, mine.cases[id].endings);
  });
  Object.keys(mine.quiz || {}).forEach(function (id) {
    var t = theirs.quiz[id] || {}, r = better(t.result, mine.quiz[id].result);
    if (r && out.quiz[id]) out.quiz[id].result = copy(r);
    // How often each question was drawn only grows: the larger count of the two is kept.
    var seen = mine.quiz[id].seen, other = t.seen;
    if ((seen || other) && out.quiz[id]) {
      var n = out.quiz[id].seen = copy(other || {});
      Object.keys(seen || {}).forEach(function (q) { n[q] = Math.max(n[q] || 0, seen[q]); });
    }
  });
  if (!out.seed) out.seed = mine.seed;
  return out;
}
// An imported record joins this one: per question the more complete answer (right, then final)
// is kept; modules read, case endings and results are united as above.
function joinRecords(current, imported) {
  var out = merge3(blank(), imported, current);
  Object.keys(current.q).forEach(function (id) {
    var c = current.q[id], i = imported.q[id];
    function rank(e) { return e ? (e.final ? 2 : 0) + (e.ok ? 1 : 0) : -1; }
    if (rank(c) >= rank(i)) out.q[id] = copy(c);
  });
  out.seed = current.seed || imported.seed;
  return out;
}

// Inside an LMS package a launch page offers a bridge (get/set of the compact record) that keeps
// progress in the LMS instead of this browser.
function bridge() {
  try { return window.CB_BRIDGE || (window.parent !== window && window.parent.CB_BRIDGE) || null; }
  catch (e) { return null; }
}
function Store(courseId) {
  var self = this;
  this.key = "cb:" + courseId; this.course = courseId; this.ok = true;
  this.bridge = bridge(); this.lms = !!this.bridge; this.listeners = [];
  var raw = this.raw(), stored = this.parse(raw);
  this.reset = !!raw && !stored;
  this.base = stored ? copy(stored) : blank();
  this.data = stored || merge(blank(), { course: courseId });
  if (!this.data.seed) this.data.seed = Math.random().toString(36).slice(2);
  if (!this.bridge) {
    window.addEventListener("storage", function (ev) {
      if (ev.key !== self.key && ev.key !== null) return;
      var theirs = self.parse(ev.newValue) || merge(blank(), { course: courseId, seed: self.data.seed });
      assign(self.data, merge3(self.base, self.data, theirs));
      self.base = theirs;
      self.listeners.forEach(function (fn) { fn(); });
    });
  }
}
Store.prototype.raw = function () {
  try { return this.bridge ? this.bridge.get() : window.localStorage.getItem(this.key); }
  catch (e) { this.ok = false; return null; }
};
// The stored text as a current record of this course, or null.
Store.prototype.parse = function (raw) {
  if (!raw) return null;
  try {
    var d = expand(JSON.parse(raw));
    if (d && d.v !== VERSION) this.migrated = true;
    d = migrate(d);
    if (d && !d.course) d.course = this.course;
    d = d && merge(blank(), d);
    return valid(d, this.course) ? d : null;
  } catch (e) { return null; }
};
Store.prototype.write = function (data) {
  try {
    if (this.bridge) this.bridge.set(compact(data));
    else window.localStorage.setItem(this.key, JSON.stringify(data));
  } catch (e) { this.ok = false; }
  // What the LMS holds is the compact record: compare later changes with that, not with details
  // (tries, question hashes) it never held.
  this.base = this.bridge ? expand(JSON.parse(compact(data))) : copy(data);
  assign(this.data, data);
};
Store.prototype.save = function () {
  var theirs = this.parse(this.raw()) || this.base;
  this.write(merge3(this.base, this.data, theirs));
};
Store.prototype.replace = function (data) { this.write(data); };
Store.prototype.join = function (data) { this.write(joinRecords(this.parse(this.raw()) || this.data, data)); };
// Runs `fn` after another tab changed the record (this.data is already up to date).
Store.prototype.on = function (fn) { this.listeners.push(fn); };

// The compact record (progress code, LMS suspend_data) keeps everything a page needs to resume:
// answered questions, every quiz's state (an assessment's drawn questions and answers, results),
// case endings, modules read. It drops what is only bookkeeping (tries, question hashes), so it
// stays short enough to copy by hand and, for a whole course, well under the 4,096 characters of
// an LMS's cmi.suspend_data; the file carries the full record.
// Answered questions as lists of ids: right at the first try, right after a wrong try, wrong (or
// shown). Records made before the second list count every right answer as a first try.
function okLists(answers) {
  var ok = [], later = [], no = [];
  Object.keys(answers || {}).forEach(function (id) {
    var e = answers[id];
    if (e && e.final) (!e.ok ? no : firstTry(e) ? ok : later).push(id);
  });
  return [ok, no, later];
}
function fromLists(lists) {
  var out = {};
  (lists[0] || []).forEach(function (id) { out[id] = { ok: true, final: true, tries: 1 }; });
  (lists[1] || []).forEach(function (id) { out[id] = { ok: false, final: true, tries: 1 }; });
  (lists[2] || []).forEach(function (id) { out[id] = { ok: true, final: true, tries: 2 }; });
  return out;
}
// An assessment attempt keeps what was entered (v) even before it is submitted: [flag, v] per
// question, flag 1 right, 0 wrong, -1 not submitted yet.
var TYPED_MAX = 60, NAME_MAX = 100;
function compactAnswers(answers) {
  var out = {};
  Object.keys(answers || {}).forEach(function (id) {
    var e = answers[id], f = e.final ? (e.ok ? 1 : 0) : -1, prefix = "q-" + id;
    // Field names start with the question's own id: kept once, in the key.
    // Typed answers are short terms: a long one is kept cut, so the record has a known size.
    out[id] = e.v ? [f, e.v.map(function (p) {
      return [p[0].indexOf(prefix) === 0 ? p[0].slice(prefix.length) : p[0], String(p[1]).slice(0, TYPED_MAX)];
    })] : [f];
  });
  return out;
}
function expandAnswers(packed) {
  var out = {};
  Object.keys(packed || {}).forEach(function (id) {
    var p = packed[id], e = out[id] = { tries: 1 };
    if (p[0] >= 0) { e.final = true; e.ok = p[0] === 1; }
    if (p[1]) e.v = p[1].map(function (v) { return [v[0] === "" || v[0].charAt(0) === "-" ? "q-" + id + v[0] : v[0], v[1]]; });
  });
  return out;
}
// How often each question was drawn, grouped by count ({"2": "id id …"}): each id once, without quotes.
function groupCounts(seen) {
  var out = {};
  Object.keys(seen).forEach(function (id) { var n = seen[id]; out[n] = out[n] ? out[n] + " " + id : id; });
  return out;
}
function ungroupCounts(grouped) {
  var out = {};
  Object.keys(grouped).forEach(function (n) {
    var ids = grouped[n];
    if (typeof ids === "string") ids.split(" ").forEach(function (id) { out[id] = +n; }); else out[n] = ids;  // or not grouped
  });
  return out;
}
function compact(data) {
  var z = {}, k = {};
  Object.keys(data.quiz).forEach(function (id) {
    var st = merge({}, data.quiz[id]);
    if (st.answers) st.answers = Object.keys(st.answers).length ? compactAnswers(st.answers) : undefined;
    if (st.seen) st.seen = groupCounts(st.seen);
    if (Object.keys(st).some(function (f) { return st[f] !== undefined && st[f] !== null; })) z[id] = st;
  });
  Object.keys(data.cases).forEach(function (id) { k[id] = data.cases[id].endings; });
  var l = okLists(data.q);
  return JSON.stringify({ v: data.v, c: data.course, s: data.seed, ok: l[0], no: l[1], r: l[2].length ? l[2] : undefined, z: z, k: k,
    m: Object.keys(data.visited), l: data.last, n: data.name && data.name.slice(0, NAME_MAX), x: data.done });
}
function expand(d) {
  if (!d || !d.c) return d;
  var full = merge(blank(), { v: d.v, course: d.c, seed: d.s || "", last: d.l || "" });
  if (d.n) full.name = d.n;
  if (d.x) full.done = d.x;
  full.q = fromLists([d.ok, d.no, d.r]);
  Object.keys(d.a || {}).forEach(function (id) { full.quiz[id] = { result: d.a[id] }; });  // before z
  Object.keys(d.z || {}).forEach(function (id) {
    var st = merge({}, d.z[id]);
    if (st.answers) st.answers = expandAnswers(st.answers);
    if (st.seen) st.seen = ungroupCounts(st.seen);
    full.quiz[id] = st;
  });
  Object.keys(d.k || {}).forEach(function (id) { full.cases[id] = { endings: d.k[id] || [] }; });
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
