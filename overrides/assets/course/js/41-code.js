/* ---- progress codes a phone camera reads ----
   The record written against the course's own structure (map.shape: modules, module quizzes and their
   questions, the final assessment's pool, cases and their endings, in course order), a few bits per
   question, in 44 characters of the QR code's alphanumeric set, so the QR code uses its dense
   alphanumeric mode. course_builder/progress_code.py reads and writes the same codes (and explains
   the bit layout): keep the two in step. No general-purpose compressor: on ~150 bytes of packed bits
   deflate gains nothing, and CompressionStream is missing from older browsers. */
var PC_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:";
var PC_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
var PC_EXTRA = "áéíóúñüÁÉÍÓÚÑÜàèìòùâêîôûãõçÀÈÌÒÙÂÊÎÔÛÃÕÇäëïöÄËÏÖ-'.,()/&_@:;!?";
var PC_EPOCH = 1577836800, PC_DAY = 86400000;  // 2020-01-01T00:00:00Z in seconds

// Format 2 adds the live sessions (the shape's "a": one bit each, attended or not); format 1 codes, made before,
// are read as they were written (no session attended).
var PC_FORMAT = 2;
function pcLists(s, fmt) {
  var lists = [["c", [s.c]], ["m", s.m], ["q", s.q.map(function (z) { return z[0]; })]];
  s.q.forEach(function (z) { lists.push(["q:" + z[0], z[1]]); });
  lists.push(["f", [s.f]], ["p", s.p.map(function (p) { return p[0]; })], ["k", s.k.map(function (k) { return k[0]; })]);
  s.k.forEach(function (k) { lists.push(["k:" + k[0], k[1]]); });
  if (fmt >= 2) lists.push(["a", s.a || []]);
  return lists;
}
function pcListHash(label, items) { return hash(label + "\n" + items.join("\n")); }
function pcCombine(hashes) {
  var h = 2166136261;
  hashes.forEach(function (x) { h ^= x >>> 16; h = Math.imul(h, 16777619); h ^= x & 0xffff; h = Math.imul(h, 16777619); });
  return h >>> 0;
}
function pcFingerprint(s, fmt) { return pcCombine(pcLists(s, fmt).map(function (l) { return pcListHash(l[0], l[1]); })); }
function pcValuesHash(s, drawn) {
  return hash(drawn.map(function (i) { var p = s.p[i]; return p[0] + ":" + p[1] + ":" + p[2].join(","); }).join("\n")) & 255;
}
function pcWidth(n) { var w = 1; while ((1 << w) <= n) w++; return w; }  // bits for 0..n

function PcBits(bytes) { this.out = []; this.data = bytes || []; this.at = 0; }
PcBits.prototype.put = function (value, n) { for (var i = n - 1; i >= 0; i--) this.out.push(Math.floor(value / Math.pow(2, i)) % 2); };
PcBits.prototype.gamma = function (n) { var w = pcWidth(n + 1); this.put(0, w - 1); this.put(n + 1, w); };
PcBits.prototype.text = function (s) {
  this.gamma(s.length);
  for (var i = 0; i < s.length; i++) {
    var c = s.charAt(i), k = PC_CHARS.indexOf(c), x = PC_EXTRA.indexOf(c);
    if (k >= 0) this.put(k, 6);
    else if (x >= 0) { this.put(63, 6); this.put(x, 6); }
    else { this.put(63, 6); this.put(63, 6); this.put(s.charCodeAt(i), 16); }
  }
};
PcBits.prototype.bytes = function () {
  var out = [];
  for (var i = 0; i < this.out.length; i += 8) {
    var b = 0;
    for (var j = 0; j < 8; j++) b = b * 2 + (this.out[i + j] || 0);
    out.push(b);
  }
  return out;
};
PcBits.prototype.get = function (n) {
  var v = 0;
  for (var i = 0; i < n; i++) {
    if (this.at >= this.data.length * 8) throw new RangeError("cut short");
    v = v * 2 + ((this.data[this.at >> 3] >> (7 - (this.at & 7))) & 1);
    this.at++;
  }
  return v;
};
PcBits.prototype.ungamma = function () {
  var zeros = 0;
  while (!this.get(1)) if (++zeros > 32) throw new RangeError("garbled");
  return Math.pow(2, zeros) + this.get(zeros) - 1;
};
PcBits.prototype.untext = function () {
  var n = this.ungamma(), out = "";
  if (n > 1000) throw new RangeError("garbled");
  for (var i = 0; i < n; i++) {
    var c = this.get(6);
    if (c < 63) { out += PC_CHARS.charAt(c); continue; }
    c = this.get(6);
    if (c < PC_EXTRA.length) out += PC_EXTRA.charAt(c);
    else if (c === 63) out += String.fromCharCode(this.get(16));
    else throw new RangeError("garbled");
  }
  return out;
};

function pcText(bytes) {
  var check = hash(String.fromCharCode.apply(null, bytes)) & 0xffff, out = "", data = bytes.concat([check >> 8, check & 255]);
  for (var i = 0; i < data.length; i += 2) {
    if (i + 1 < data.length) {
      var v = data[i] * 256 + data[i + 1];
      out += PC_ALPHABET.charAt(v % 44) + PC_ALPHABET.charAt(Math.floor(v / 44) % 44) + PC_ALPHABET.charAt(Math.floor(v / 1936));
    } else out += PC_ALPHABET.charAt(data[i] % 44) + PC_ALPHABET.charAt(Math.floor(data[i] / 44));
  }
  return out;
}
// The bytes of a code (its check verified), or null.
function pcBytes(text) {
  text = text.replace(/\s+/g, "").toUpperCase();
  if (!/^[0-9A-Z$%*+\-.\/:]+$/.test(text) || text.length % 3 === 1) return null;
  var out = [];
  for (var i = 0; i < text.length; i += 3) {
    var a = PC_ALPHABET.indexOf(text.charAt(i)), b = PC_ALPHABET.indexOf(text.charAt(i + 1)), v;
    if (i + 2 < text.length) {
      v = a + 44 * b + 1936 * PC_ALPHABET.indexOf(text.charAt(i + 2));
      if (v > 0xffff) return null;
      out.push(v >> 8, v & 255);
    } else {
      v = a + 44 * b;
      if (v > 255) return null;
      out.push(v);
    }
  }
  if (out.length < 7) return null;
  var data = out.slice(0, -2);
  return (hash(String.fromCharCode.apply(null, data)) & 0xffff) === out[out.length - 2] * 256 + out[out.length - 1] ? data : null;
}

function pcResult(b, r) {
  b.put(r ? 1 : 0, 1);
  if (!r) return;
  b.put(Math.max(0, Math.min(100, Math.round(r.score || 0))), 7);
  b.put(r.passed ? 1 : 0, 1);
  var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(r.at)), day = m ? Math.round((Date.UTC(+m[1], +m[2] - 1, +m[3]) - PC_EPOCH * 1000) / PC_DAY) : 0;
  b.put(Math.max(0, Math.min(0xffff, day)), 16);
}
function pcUnresult(b) {
  if (!b.get(1)) return null;
  var score = b.get(7), passed = !!b.get(1), day = b.get(16);
  return { score: score, passed: passed, at: new Date(PC_EPOCH * 1000 + day * PC_DAY).toISOString().slice(0, 10) };
}
function pcUseful(st) {
  return Object.keys(st || {}).some(function (k) {
    var v = st[k];
    return !(v === null || v === undefined || v === false || v === 0 || (typeof v === "object" && !Object.keys(v).length));
  });
}

// The progress code of a record against structure `s`.
function encodeCode(data, s) {
  var b = new PcBits(), name = (data.name || "").slice(0, NAME_MAX), visited = data.visited || {}, answers = data.q || {};
  b.put(PC_FORMAT, 4);
  b.put(pcFingerprint(s, PC_FORMAT), 32);
  b.text(String(data.seed || ""));
  b.put(name ? 1 : 0, 1);
  if (name) b.text(name);
  b.put(data.done ? 1 : 0, 1);
  s.m.forEach(function (m) { b.put(m in visited ? 1 : 0, 1); });
  b.put(s.m.indexOf(data.last) + 1, pcWidth(s.m.length));
  s.q.forEach(function (z) {
    var states = z[1].map(function (id) {
      var e = answers[id] || {};
      return !e.final ? [2, 2] : firstTry(e) ? [0, 1] : e.ok ? [6, 3] : [7, 3];
    });
    var any = states.some(function (x) { return x[0] !== 2; });
    b.put(any ? 1 : 0, 1);
    if (any) states.forEach(function (x) { b.put(x[0], x[1]); });
  });
  s.k.forEach(function (k) {
    var reached = ((data.cases || {})[k[0]] || {}).endings || [], any = k[1].some(function (e) { return reached.indexOf(e) >= 0; });
    b.put(any ? 1 : 0, 1);
    if (any) k[1].forEach(function (e) { b.put(reached.indexOf(e) >= 0 ? 1 : 0, 1); });
  });
  (s.a || []).forEach(function (id) { b.put((data.att || {})[id] ? 1 : 0, 1); });
  var st = (s.f && (data.quiz || {})[s.f]) || {};
  b.put(pcUseful(st) ? 1 : 0, 1);
  if (pcUseful(st)) pcFinal(b, st, s);
  return pcText(b.bytes());
}
function pcFinal(b, st, s) {
  var pool = s.p.map(function (p) { return p[0]; }), ans = st.answers || {};
  b.gamma(st.draws || 0);
  b.gamma(st.attempts || 0);
  b.put(st.submitted ? 1 : 0, 1);
  var drawn = st.drawn && st.drawn.length && st.drawn.every(function (q) { return pool.indexOf(q) >= 0; }) ?
    st.drawn.map(function (q) { return pool.indexOf(q); }) : null;
  b.put(drawn ? 1 : 0, 1);
  if (drawn) {
    b.gamma(drawn.length);
    drawn.forEach(function (i) { b.put(i, pcWidth(pool.length - 1)); });
    drawn.forEach(function (i) { var e = ans[pool[i]]; b.put(!e ? 0 : e.final ? (e.ok ? 2 : 3) : 1, 2); });
  }
  var seen = st.seen || {};
  b.put(Object.keys(seen).length ? 1 : 0, 1);
  if (Object.keys(seen).length) {  // drawn least-seen first, the counts differ little: the fewest, then each excess
    var counts = pool.map(function (q) { return seen[q] || 0; }), least = Math.min.apply(null, counts);
    b.gamma(least);
    counts.forEach(function (n) { b.gamma(n - least); });
  }
  pcResult(b, st.result);
  var kept = same(st.last || null, st.result || null);
  b.put(kept ? 1 : 0, 1);
  if (!kept) pcResult(b, st.last);
  ["t", "end"].forEach(function (k) {
    var ok = typeof st[k] === "number";
    b.put(ok ? 1 : 0, 1);
    if (ok) b.put(Math.max(0, Math.min(0xffffffff, Math.floor(st[k] / 1000) - PC_EPOCH)), 32);
  });
  if (!drawn) return;
  b.put(pcValuesHash(s, drawn), 8);
  drawn.forEach(function (i) {
    var qid = s.p[i][0], kind = s.p[i][1], ids = s.p[i][2], v = {}, picked = [];
    ((ans[qid] || {}).v || []).forEach(function (p) { v[p[0]] = p[1]; if (p[0] === "q-" + qid) picked.push(p[1]); });
    if (kind === "c") b.put(ids.indexOf(picked[0]) + 1, pcWidth(ids.length));
    else if (kind === "m") ids.forEach(function (o) { b.put(picked.indexOf(o) >= 0 ? 1 : 0, 1); });
    else if (kind === "t") b.text(picked.length ? String(picked[0]).slice(0, TYPED_MAX) : "");
    else ids.forEach(function (item) {
      var got = String(v["q-" + qid + "-" + item] || ""), k = kind === "o" ? +got : ids.indexOf(got.slice(2)) + 1;
      b.put(k > 0 && k <= ids.length && (kind === "o" ? String(k) === got : got.indexOf("r-") === 0) ? k : 0, pcWidth(ids.length));
    });
  });
}

function pcParse(data, s, fmt) {
  var b = new PcBits(data), rec = merge(blank(), { course: s.c });
  b.get(36);
  rec.seed = b.untext();
  if (b.get(1)) rec.name = b.untext();
  if (b.get(1)) rec.done = true;
  s.m.forEach(function (m) { if (b.get(1)) rec.visited[m] = 1; });
  var last = b.get(pcWidth(s.m.length));
  if (last > 0 && last <= s.m.length) rec.last = s.m[last - 1];
  s.q.forEach(function (z) {
    if (!b.get(1)) return;
    z[1].forEach(function (id) {
      if (!b.get(1)) rec.q[id] = { ok: true, final: true, tries: 1 };
      else if (b.get(1)) rec.q[id] = b.get(1) ? { ok: false, final: true, tries: 1 } : { ok: true, final: true, tries: 2 };
    });
  });
  s.k.forEach(function (k) {
    if (!b.get(1)) return;
    rec.cases[k[0]] = { endings: k[1].filter(function () { return b.get(1) === 1; }) };
  });
  if (fmt >= 2) (s.a || []).forEach(function (id) { if (b.get(1)) rec.att[id] = 1; });
  if (s.f && b.get(1)) rec.quiz[s.f] = pcUnfinal(b, s);
  return rec;
}
function pcUnfinal(b, s) {
  var pool = s.p.map(function (p) { return p[0]; }), st = {}, draws = b.ungamma(), attempts = b.ungamma(), drawn = null;
  if (draws) st.draws = draws;
  if (attempts) st.attempts = attempts;
  st.submitted = !!b.get(1);
  if (b.get(1)) {
    var n = b.ungamma();
    drawn = [];
    for (var i = 0; i < n; i++) drawn.push(b.get(pcWidth(pool.length - 1)));
    if (drawn.some(function (x) { return x >= pool.length; })) throw new RangeError("garbled");
    st.drawn = drawn.map(function (x) { return pool[x]; });
    st.answers = {};
    drawn.forEach(function (x) {
      var flag = b.get(2);
      if (flag) st.answers[pool[x]] = flag === 1 ? { tries: 1 } : { tries: 1, final: true, ok: flag === 2 };
    });
  }
  if (b.get(1)) {
    var least = b.ungamma();
    st.seen = {};
    pool.forEach(function (q) { var c = least + b.ungamma(); if (c) st.seen[q] = c; });
  }
  var result = pcUnresult(b);
  if (result) st.result = result;
  var last = b.get(1) ? result : pcUnresult(b);
  if (last) st.last = copy(last);
  ["t", "end"].forEach(function (k) { if (b.get(1)) st[k] = (b.get(32) + PC_EPOCH) * 1000; });
  if (!drawn || b.get(8) !== pcValuesHash(s, drawn)) return st;  // the options changed since: entries left out
  drawn.forEach(function (x) {
    var qid = s.p[x][0], kind = s.p[x][1], ids = s.p[x][2], v = [], k;
    if (kind === "c") { k = b.get(pcWidth(ids.length)); if (k > 0 && k <= ids.length) v.push(["q-" + qid, ids[k - 1]]); }
    else if (kind === "m") ids.forEach(function (o) { if (b.get(1)) v.push(["q-" + qid, o]); });
    else if (kind === "t") { var typed = b.untext(); if (typed) v.push(["q-" + qid, typed]); }
    else ids.forEach(function (item) {
      var c = b.get(pcWidth(ids.length));
      if (c > 0 && c <= ids.length) v.push(["q-" + qid + "-" + item, kind === "o" ? String(c) : "r-" + ids[c - 1]]);
    });
    if (v.length && st.answers[qid]) st.answers[qid].v = v;
  });
  return st;
}

// The structure with fingerprint `fp`: `s` itself, or `s` less up to two of its items (a code made
// before a newer course version added them). Only the lists a cut changes are hashed again.
function pcFind(s, fp, fmt) {
  var lists = pcLists(s, fmt), base = lists.map(function (l) { return pcListHash(l[0], l[1]); }), at = {};
  lists.forEach(function (l, i) { at[l[0]] = i; });
  if (pcCombine(base) === fp) return s;
  var items = [];
  s.m.forEach(function (x, i) { items.push(["m", i]); });
  s.p.forEach(function (x, i) { items.push(["p", i]); });
  if (fmt >= 2) (s.a || []).forEach(function (x, i) { items.push(["a", i]); });
  ["q", "k"].forEach(function (key) {
    s[key].forEach(function (x, i) { items.push([key, i]); x[1].forEach(function (y, j) { items.push([key, i, j]); }); });
  });
  function label(p) { return p.length === 2 ? p[0] : p[0] + ":" + s[p[0]][p[1]][0]; }
  function tryCut(cut) {
    var removed = {}, dropped = {}, hashes = base.slice();
    cut.forEach(function (p) {
      (removed[label(p)] = removed[label(p)] || []).push(p[p.length - 1]);
      if (p.length === 2 && (p[0] === "q" || p[0] === "k")) dropped[p[0] + ":" + s[p[0]][p[1]][0]] = true;
    });
    Object.keys(removed).forEach(function (l) {
      hashes[at[l]] = pcListHash(l, lists[at[l]][1].filter(function (x, k) { return removed[l].indexOf(k) < 0; }));
    });
    return pcCombine(hashes.filter(function (h, i) { return !dropped[lists[i][0]]; })) === fp;
  }
  function inside(p, q) { return p.length === 3 && q.length === 2 && p[0] === q[0] && p[1] === q[1]; }
  for (var i = 0; i < items.length; i++) if (tryCut([items[i]])) return pcWithout(s, [items[i]]);
  for (i = 0; i < items.length; i++) {
    for (var j = i + 1; j < items.length; j++) {
      if (inside(items[i], items[j]) || inside(items[j], items[i])) continue;
      if (tryCut([items[i], items[j]])) return pcWithout(s, [items[i], items[j]]);
    }
  }
  return null;
}
function pcWithout(s, cut) {
  var out = copy(s);
  cut.slice().sort(function (a, b) { return a[1] !== b[1] ? b[1] - a[1] : (b[2] || -1) - (a[2] || -1); }).forEach(function (p) {
    if (p.length === 2) out[p[0]].splice(p[1], 1); else out[p[0]][p[1]][1].splice(p[2], 1);
  });
  return out;
}

// A code read against structure `s`: {data} (the record, by id), {changed: true} (made with a course
// version this one cannot map back), or null (not a code of this format, or damaged).
function decodeCode(text, s) {
  var data = pcBytes(text);
  if (!data || !s) return null;
  try {
    var b = new PcBits(data), fmt = b.get(4);
    if (fmt !== 1 && fmt !== 2) return null;
    var then = pcFind(s, b.get(32), fmt);
    return then ? { data: pcParse(data, then, fmt) } : { changed: true };
  } catch (e) { return null; }
}

// A progress code or file pasted or chosen on the progress or verification page: {data} (a record of
// this course), {changed: true}, or null. Codes of this format, then the older ones (JSON, base64url).
function readProgress(text, map) {
  var t = String(text || "").trim();
  if (t && t.charAt(0) !== "{" && !/^eyJ/.test(t) && /^[0-9A-Za-z$%*+\-.\/:\s]+$/.test(t)) {
    var got = decodeCode(t, map.shape), d = got && got.data && merge(blank(), got.data);
    if (d) return valid(d, map.course) ? { data: d } : null;
    if (got) return got;
  }
  var old = decode(t, map.course);
  return old ? { data: old } : null;
}
