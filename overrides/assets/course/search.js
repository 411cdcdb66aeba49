/* The course's search page: loads this language's index (search.json, beside the page) on first
   use only, matches every word ignoring case and accents, and writes results as text. Opened from
   disk (the offline zip) fetch() of a file:// URL is refused, so the same index is loaded from
   search-index.js (a script setting window.CB_SEARCH_INDEX); it is also the fallback when
   search.json cannot be fetched. */
(function () {
  "use strict";
  function norm(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim(); }
  // A counting text in plural forms: as js/00-core.js fmt (the page language's CLDR rule, by v.n).
  function fmt(s, v) {
    if (s && typeof s === "object") {
      var lang = document.documentElement.lang || "en", rules = Intl.PluralRules.supportedLocalesOf([lang]).length;
      s = s[rules ? new Intl.PluralRules(lang).select(v.n) : v.n === 1 ? "one" : "other"] || s.other;
    }
    return s.replace(/\{(\w+)\}/g, function (m, k) { return k in v ? String(v[k]) : m; });
  }
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); });
    (kids || []).forEach(function (k) { e.appendChild(k); });
    return e;
  }
  // Folder URLs need index.html where there is no directory index (LMS package, offline zip).
  function href(url) {
    var parts = url.split("#"), path = parts[0];
    if (/\.html$/.test(window.location.pathname) && /\/$/.test(path)) path += "index.html";
    return path + (parts[1] ? "#" + parts[1] : "");
  }
  function searchApp(root, map) {
    var s = map.strings, docs = null, loading = null;
    var input = el("input", { type: "search", id: "cb-q", autocomplete: "off" });
    var live = el("p", { role: "status", "aria-live": "polite", "class": "cb-search-status" });
    var list = el("ol", { "class": "cb-results" });
    function fromScript() {
      return new Promise(function (resolve, reject) {
        if (window.CB_SEARCH_INDEX) { resolve(window.CB_SEARCH_INDEX); return; }
        var tag = document.createElement("script");
        tag.src = "search-index.js";
        tag.onload = function () { if (window.CB_SEARCH_INDEX) resolve(window.CB_SEARCH_INDEX); else reject(tag); };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    function fromJson() {
      return fetch("search.json").then(function (r) { if (!r.ok) throw r; return r.json(); });
    }
    function load() {
      if (!loading) {
        live.textContent = s.q_loading;
        loading = (window.location.protocol === "file:" ? fromScript() : fromJson().catch(fromScript))
          .then(function (d) {  // render/search.py: each page's title and URL once
            docs = d.docs.map(function (x) {
              var page = d.pages[x[0]], e = { p: page[0], s: x[1], u: page[1] + (x[2] ? "#" + x[2] : ""), t: x[3] };
              e.n = norm(e.p + " " + e.s + " " + e.t); e.h = norm(e.s + " " + e.p);
              return e;
            });
          })
          .catch(function () { live.textContent = s.q_error; });
      }
      return loading;
    }
    function snippet(text, term) {
      var i = norm(text).indexOf(term), start = Math.max(0, i - 60);
      return (start ? "…" : "") + text.slice(start, start + 180) + (text.length > start + 180 ? "…" : "");
    }
    function run() {
      var terms = norm(input.value).split(" ").filter(function (x) { return x.length > 1; });
      while (list.firstChild) list.removeChild(list.firstChild);
      if (!terms.length || !docs) { if (docs) live.textContent = ""; return; }
      var hits = docs.filter(function (d) { return terms.every(function (w) { return d.n.indexOf(w) >= 0; }); })
        .map(function (d) { return [terms.filter(function (w) { return d.h.indexOf(w) >= 0; }).length, d]; })
        .sort(function (a, b) { return b[0] - a[0]; }).slice(0, 30);
      hits.forEach(function (h) {
        var d = h[1];
        list.appendChild(el("li", {}, [el("a", { href: href(d.u), text: d.s ? d.p + " › " + d.s : d.p }),
          el("p", { text: snippet(d.t, terms[0]) })]));
      });
      live.textContent = hits.length ? fmt(s.q_count, { n: hits.length }) : s.q_none;
    }
    var form = el("form", { role: "search", "class": "cb-search" }, [el("label", { "for": "cb-q", text: s.q_label }), input]);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); load().then(run); });
    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load().then(run); });
    root.appendChild(form); root.appendChild(live); root.appendChild(list);
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; load().then(run); }
  }

  var root = document.querySelector('.cb-app[data-app="search"]');
  if (root) searchApp(root, JSON.parse(root.querySelector("script.cb-map").textContent));
})();
