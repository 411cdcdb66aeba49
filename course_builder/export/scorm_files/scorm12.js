/* SCORM 1.2 launch page of the course, which is packaged as one SCO. It finds the LMS's API,
   opens the session once and keeps it while the participant browses the course in the iframe
   below; course.js (inside the iframe) reads and saves its compact progress record through
   window.CB_BRIDGE, and every save is passed on as cmi.suspend_data, plus the score and
   passed/failed once the final assessment has a result. Outside an LMS the page steps aside:
   it is replaced by the course's home page, which keeps progress in the browser as usual. */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("cb-scorm").textContent);
  var LIMIT = 4096;  // cmi.suspend_data is a CMIString4096 in SCORM 1.2

  // ADL's search: this window, then up the parent chain (at most 7 levels), then the opener's.
  function findAPI(win) {
    for (var tries = 0; win && tries <= 7; tries++) {
      try { if (win.API) return win.API; } catch (e) { /* a frame of another origin: keep climbing */ }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }
  function getAPI() {
    var api = findAPI(window);
    try { if (!api && window.opener && !window.opener.closed) api = findAPI(window.opener); } catch (e) { api = null; }
    return api;
  }
  function str(v) { return v === null || v === undefined ? "" : String(v); }

  var api = getAPI();
  function warn(what) {
    var code = "";
    try {
      code = str(api.LMSGetLastError());
      code += " " + str(api.LMSGetErrorString(code));
    } catch (e) { /* nothing more to say */ }
    console.warn("SCORM: " + what + " failed" + (code ? " (" + code.trim() + ")" : ""));
  }
  if (!api || str(api.LMSInitialize("")) !== "true") {
    if (api) warn("LMSInitialize");
    window.location.replace(cfg.home);
    return;
  }

  // Values already in the LMS, so each change is sent once and a commit only follows a change.
  // An LMS may refuse a value or a commit ("false", or LMSGetLastError not "0": its server is down,
  // the session timed out). What it refused stays in `wanted` and is sent again, with every later
  // value, by the next commit that succeeds: a retry waits 2 s, then twice as long each time (at
  // most a minute), and any new save tries at once. The course page is told (listen) while the LMS
  // refuses and once it takes everything again.
  var sent = {}, wanted = {}, finished = false, complete = false, started = Date.now();
  var ok = true, listener = null, retry = null, wait = 0;
  function refused() {
    var code = "";
    try { code = str(api.LMSGetLastError()).trim(); } catch (e) { code = ""; }
    return code !== "" && code !== "0";
  }
  function read(name) { var v = str(api.LMSGetValue(name)); sent[name] = v; return v; }
  function put(name, value) { if (sent[name] !== value || name in wanted) wanted[name] = value; }
  function tell(now) {
    if (ok === now) return;
    ok = now;
    try { if (listener) listener(ok); } catch (e) { listener = null; }  // a page that has gone
  }
  function commit() {
    var names = Object.keys(wanted), failed = false;
    if (!names.length) return true;
    names.forEach(function (name) {
      if (failed) return;
      if (str(api.LMSSetValue(name, wanted[name])) !== "true" || refused()) { warn("LMSSetValue(" + name + ")"); failed = true; }
    });
    if (!failed && (str(api.LMSCommit("")) !== "true" || refused())) { warn("LMSCommit"); failed = true; }
    if (failed) {
      tell(false);
      if (!retry && !finished) {
        wait = Math.min(60000, wait ? wait * 2 : 2000);
        retry = window.setTimeout(function () { retry = null; commit(); }, wait);
      }
      return false;
    }
    names.forEach(function (name) { sent[name] = wanted[name]; delete wanted[name]; });
    wait = 0;
    tell(true);
    return true;
  }

  if (read("cmi.core.lesson_status") === "not attempted") put("cmi.core.lesson_status", "incomplete");
  var record = read("cmi.suspend_data");
  try { complete = !!JSON.parse(record).x; } catch (e) { complete = false; }
  put("cmi.core.exit", complete ? "" : "suspend");  // set now too: a session may end without pagehide
  commit();

  // The final assessment decides: its score (0-100) and passed/failed. Until it has a result the
  // status stays as it is ("incomplete" on a first attempt; a pass is never taken back).
  function report(json) {
    var data = null;
    try { data = JSON.parse(json); } catch (e) { return; }
    if (!data || data.c !== cfg.course) return;
    complete = !!data.x;
    var state = cfg.final && ((data.z || {})[cfg.final] || {}), result = state && (state.result || (data.a || {})[cfg.final]);
    if (!result || typeof result.score !== "number") return;
    put("cmi.core.score.min", "0");
    put("cmi.core.score.max", "100");
    put("cmi.core.score.raw", String(Math.max(0, Math.min(100, Math.round(result.score)))));
    put("cmi.core.lesson_status", result.passed ? "passed" : "failed");
  }

  window.CB_BRIDGE = {
    get: function () { return record || null; },
    // `ok` (below): whether the LMS took the last save; `listen(fn)`: fn(ok) whenever that changes,
    // for the course page now in the frame (one at a time).
    listen: function (fn) { listener = fn; },
    set: function (json) {
      if (finished) return;
      record = json = String(json);  // this session goes on with it even if the LMS cannot hold it
      if (json.length > LIMIT) {
        console.warn("SCORM: the progress record has " + json.length + " characters, more than the " + LIMIT +
                     " cmi.suspend_data holds; the LMS keeps the previous one.");
      } else {
        put("cmi.suspend_data", json);
      }
      report(json);
      if (retry) { window.clearTimeout(retry); retry = null; }
      return commit();
    }
  };
  Object.defineProperty(window.CB_BRIDGE, "ok", { get: function () { return ok; } });

  function two(n) { return (n < 10 ? "0" : "") + n; }
  function finish() {
    if (finished) return;
    finished = true;
    var s = Math.floor((Date.now() - started) / 1000);
    var hours = Math.min(9999, Math.floor(s / 3600));
    put("cmi.core.session_time", two(hours) + ":" + two(Math.floor(s / 60) % 60) + ":" + two(s % 60));
    // "suspend" until the course is complete: an LMS may hand no suspend_data back to an attempt
    // that was left normally, and the participant would come back to nothing.
    put("cmi.core.exit", complete && (wanted["cmi.core.lesson_status"] || sent["cmi.core.lesson_status"]) === "passed" ? "" : "suspend");
    if (retry) window.clearTimeout(retry);
    commit();  // one last try: what the LMS still refuses is lost with the session, as the page said
    if (str(api.LMSFinish("")) !== "true") warn("LMSFinish");
  }
  window.addEventListener("pagehide", finish);
  window.addEventListener("unload", finish);
  // Back from the browser's page cache after the session was closed: start a new one.
  window.addEventListener("pageshow", function (ev) { if (ev.persisted && finished) window.location.reload(); });

  var frame = document.createElement("iframe");
  frame.title = document.title;
  frame.src = cfg.home;
  document.body.appendChild(frame);
})();
