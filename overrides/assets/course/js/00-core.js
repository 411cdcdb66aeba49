/* Quizzes and branching cases of the course: checks answers in the browser and keeps progress
   on this device. Content is never inserted as HTML: feedback is pre-rendered by the generator
   and only shown or hidden here; the live regions get plain textContent.
   The files of js/ are joined in name order into one script, course.js, inside one function scope
   at build time (course_builder/render/assets.py): one request, and helpers shared without globals. */
// Where this script lives: qr.js beside it is loaded only when a QR code is asked for.
var HERE = (document.currentScript || {}).src;

// A text that counts may come in plural forms ({one: …, other: …}, course_builder/strings.py): the
// form is chosen by values.n, the number it counts, with the page language's CLDR rule; `other`
// stands in for a form not given. A language the browser has no rule for: one for 1, else other
// (strings.plural does the same).
var PAGE_LANG = (document.documentElement || {}).lang || "en";
function pluralCategory(n, lang) {
  try {
    if (Intl.PluralRules.supportedLocalesOf([lang]).length) return new Intl.PluralRules(lang).select(n);
  } catch (e) { /* an invalid language tag: as unknown */ }
  return n === 1 ? "one" : "other";
}
function fmt(s, values) {
  if (s && typeof s === "object") s = s[pluralCategory(Number(values.n), PAGE_LANG)] || s.other;
  return s.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
}
function norm(s) {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ")
    .replace(/^[ .,;:!?¡¿"'«»()]+|[ .,;:!?¡¿"'«»()]+$/g, "");
}
function hash(s) {
  var h = 2166136261;
  for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
  return h >>> 0;
}
function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
function text(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }

function el(tag, attrs, kids) {
  var e = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) { if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); });
  (kids || []).forEach(function (k) { if (k) e.appendChild(k); });
  return e;
}

function longDate(iso, lang) {
  try { return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso + "T00:00:00Z")); }
  catch (e) { return iso; }
}

function longTime(ms, lang) {
  try { return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" }).format(new Date(ms)); }
  catch (e) { return new Date(ms).toISOString(); }
}

// Folder URLs need an explicit index.html where the site is browsed without a web server's
// directory index (an LMS package, the offline zip opened from disk).
function href(url) {
  var at = url.search(/[?#]/), path = at < 0 ? url : url.slice(0, at), rest = at < 0 ? "" : url.slice(at);
  return /\.html$/.test(window.location.pathname) && /\/$/.test(path) ? path + "index.html" + rest : url;
}
