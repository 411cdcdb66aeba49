/* ---- storage: one JSON record per course, keyed by ids, never by URL ----
   Several tabs (or an import) may change the record while a page is open, so a page never
   writes back what it read at load: every save re-reads the stored record and merges this
   page's changes into it, and a change made in another tab is merged in when the browser
   announces it (storage event). */
var VERSION = 2;
// `att`: the live sessions whose attendance code was entered ({session id: 1}, js/70-attendance.js).
// Records without it are of the same format: a page that does not know it carries it along untouched.
function blank() { return { v: VERSION, course: "", seed: "", q: {}, quiz: {}, cases: {}, visited: {}, att: {}, last: "" }; }
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
var PARTS = ["q", "quiz", "cases", "visited", "att"], FIELDS = ["last", "name", "done"];
// Three-way merge. `base` is the record as this page last read or wrote it, `mine` the page's
// record now, `theirs` the stored one. What this page changed since `base` is its newest word and
// wins (an answer, a restart, a cleared quiz); everything else comes from `theirs`. Modules read,
// sessions attended, case endings and assessment results are never lost: they are united.
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
  ["visited", "att"].forEach(function (part) {
    Object.keys(mine[part] || {}).forEach(function (id) { if (!(id in out[part])) out[part][id] = mine[part][id]; });
  });
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
// What a stored text holds: nothing (null), a record this page can use ({data}), a record of a newer
// version of the site ({newer}), or something this page cannot read ({bad}). A newer record is known
// by its version number alone: this page cannot know what else a newer version changed.
function readRecord(raw, courseId) {
  if (!raw) return null;
  var d;
  try { d = expand(JSON.parse(raw)); } catch (e) { return { bad: true }; }
  if (!plainObject(d)) return { bad: true };
  if (typeof d.v === "number" && d.v > VERSION && (!d.course || d.course === courseId)) return { newer: true };
  try {
    var migrated = d.v !== VERSION;
    d = migrate(d);
    if (!d.course) d.course = courseId;
    d = merge(blank(), d);
    return valid(d, courseId) ? { data: d, migrated: migrated } : { bad: true };
  } catch (e) { return { bad: true }; }
}
function quotaError(e) {
  return !!e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);
}
/* The record lives under "cb:<course>". A page never destroys what it cannot read:
   - a text it cannot read (damaged) is first copied, untouched, to "cb:<course>:kept:<hash>"; only
     once that copy is written may the main key take new progress;
   - a record of a newer version of the site stays where it is and this page never writes over it
     (nor does a storage event from a newer tab make it do so): its own progress goes to
     "cb:<course>:v<VERSION>" instead (`target`), which a newer page joins in when it starts;
   - on every start, records kept aside that this page can read are joined into the record and
     removed once it is saved; those it cannot read are listed in `kept` (the progress page offers
     them as files).
   A save the browser refuses (storage full) leaves `base` where it was, so the next save that
   succeeds writes every change made since the last one that did (`pending` until then). */
function Store(courseId) {
  var self = this;
  this.key = this.target = "cb:" + courseId; this.course = courseId; this.ok = true;
  this.bridge = bridge(); this.lms = !!this.bridge; this.listeners = []; this.watchers = [];
  this.kept = []; this.absorbed = []; this.held = false; this.pending = false; this.lmsDown = false;
  var raw = this.raw(), found = readRecord(raw, courseId), stored = found && found.data;
  this.migrated = !!(found && found.migrated);
  if (found && found.newer) this.hold(raw);
  else if (found && found.bad) { this.reset = true; this.pending = !this.keepAside(raw); }
  if (this.held && !this.lms) stored = (readRecord(this.raw(), courseId) || {}).data || null;
  this.base = stored ? copy(stored) : blank();
  this.data = stored || merge(blank(), { course: courseId });
  if (!this.data.seed) this.data.seed = Math.random().toString(36).slice(2);
  if (this.bridge) {
    if (this.bridge.listen) this.bridge.listen(function (ok) { self.lmsDown = !ok; self.emit(); });
    this.lmsDown = this.bridge.ok === false;
    return;
  }
  this.absorb();
  window.addEventListener("storage", function (ev) {
    if (ev.key !== self.target && ev.key !== null) return;
    var r = readRecord(ev.key === null ? null : ev.newValue, courseId);
    if (r && (r.newer || r.bad)) { self.safe(ev.newValue); return; }  // kept as it is: never merged, never written over
    var theirs = r ? r.data : merge(blank(), { course: courseId, seed: self.data.seed });
    assign(self.data, merge3(self.base, self.data, theirs));
    self.base = theirs;
    self.listeners.forEach(function (fn) { fn(); });
  });
}
Store.prototype.raw = function () {
  try { return this.bridge ? this.bridge.get() : window.localStorage.getItem(this.target); }
  catch (e) { this.ok = false; return null; }
};
// The main key holds a newer record: this page reads and writes a key of its own from now on.
Store.prototype.hold = function (raw) {
  if (!this.held) this.kept.push({ key: this.key, raw: raw, newer: true });
  this.held = true;
  if (!this.lms) this.target = this.key + ":v" + VERSION;
};
// A copy of a text this page cannot read under a key of its own (one copy per text); false when it
// could not be copied (storage full), and then nothing may be written over the original.
Store.prototype.keepAside = function (raw) {
  var known = this.kept.filter(function (k) { return k.raw === raw; })[0];
  if (this.lms) { if (!known) this.kept.push({ key: null, raw: raw }); this.held = true; return false; }
  var key = this.key + ":kept:" + hash(raw).toString(36);
  try {
    if (window.localStorage.getItem(key) !== raw) window.localStorage.setItem(key, raw);
    if (known) known.key = key; else this.kept.push({ key: key, raw: raw, fresh: true });
    return true;
  } catch (e) {
    if (!known) this.kept.push({ key: this.target, raw: raw, fresh: true });
    return false;
  }
};
// Records kept aside that this page can read join the record (removed once it is saved).
Store.prototype.absorb = function () {
  var self = this, prefix = this.key + ":", keys = [];
  try {
    for (var i = 0; i < window.localStorage.length; i++) keys.push(window.localStorage.key(i));
    keys.forEach(function (k) {
      if (!k || k.indexOf(prefix) !== 0 || k === self.target) return;
      var raw = window.localStorage.getItem(k), r = readRecord(raw, self.course);
      if (r && r.data) {
        assign(self.data, joinRecords(self.data, r.data));
        self.absorbed.push(k);
        self.migrated = true;
      } else if (r && !self.kept.some(function (x) { return x.raw === raw; })) self.kept.push({ key: k, raw: raw, newer: !!r.newer });
    });
  } catch (e) { /* blocked storage: nothing was kept aside either */ }
};
// The record now under `target` ({data}, or {} when there is none), once it is safe to write there;
// false when it is not (a damaged record that could not be copied aside yet). A newer record found
// there makes this page write to its own key from now on.
Store.prototype.safe = function (raw) {
  if (raw === undefined) raw = this.raw();
  var found = readRecord(raw, this.course), was = this.held;
  if (found && found.newer && !this.held) {
    this.hold(raw);
    raw = this.lms ? null : this.raw();
    found = readRecord(raw, this.course);
  }
  if (found && found.bad) {
    var copied = this.keepAside(raw);
    this.emit();
    if (!copied) { this.pending = true; return false; }
    found = null;
  }
  if (this.held !== was) this.emit();
  if (this.held && this.lms) return false;
  return { data: found && found.data };
};
Store.prototype.write = function (data) {
  var failed = false, was = this.pending;
  try {
    if (this.bridge) this.bridge.set(compact(data));
    else window.localStorage.setItem(this.target, JSON.stringify(data));
  } catch (e) {
    failed = true;
    if (quotaError(e)) this.pending = true; else this.ok = false;
  }
  assign(this.data, data);
  if (failed) return this.emit();
  // What the LMS holds is the compact record: compare later changes with that, not with details
  // (tries, question hashes) it never held.
  this.base = this.bridge ? expand(JSON.parse(compact(data))) : copy(data);
  this.pending = false;
  this.absorbed.forEach(function (k) { try { window.localStorage.removeItem(k); } catch (e) { /* joined again next time */ } });
  this.absorbed = [];
  if (was) this.emit();
};
Store.prototype.save = function () {
  var now = this.safe();
  if (now) this.write(merge3(this.base, this.data, now.data || this.base));
  else this.emit();
};
Store.prototype.replace = function (data) {
  if (this.safe()) this.write(data); else { assign(this.data, data); this.pending = true; this.emit(); }
};
Store.prototype.join = function (data) {
  var now = this.safe(), joined = joinRecords((now && now.data) || this.data, data);
  if (now) this.write(joined); else { assign(this.data, joined); this.pending = true; this.emit(); }
};
// Runs `fn` after another tab changed the record (this.data is already up to date).
Store.prototype.on = function (fn) { this.listeners.push(fn); };
// Runs `fn` when saving stops or starts working again, or a record is kept aside or held.
Store.prototype.watch = function (fn) { this.watchers.push(fn); };
Store.prototype.emit = function () { this.watchers.forEach(function (fn) { fn(); }); };

// The compact record (progress code, LMS suspend_data) keeps everything a page needs to resume:
// answered questions, every quiz's state (an assessment's drawn questions and answers, results),
// case endings, modules read, sessions attended. It drops what is only bookkeeping (tries, question hashes), so it
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
    m: Object.keys(data.visited), p: Object.keys(data.att || {}).length ? Object.keys(data.att) : undefined, l: data.last, n: data.name && data.name.slice(0, NAME_MAX), x: data.done });
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
  (d.p || []).forEach(function (id) { full.att[id] = 1; });
  return full;
}
// Progress codes before js/41-code.js's: the compact record as JSON, or base64url of it (still read).
function decode(text, courseId) {
  try {
    text = text.trim();
    var d = expand(JSON.parse(text.charAt(0) === "{" ? text : decodeURIComponent(escape(atob(text.replace(/-/g, "+").replace(/_/g, "/"))))));
    d = merge(blank(), migrate(d));
    return valid(d, courseId) ? d : null;
  } catch (e) { return null; }
}
