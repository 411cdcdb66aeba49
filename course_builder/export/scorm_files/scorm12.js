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
  var sent = {}, dirty = false, finished = false, complete = false, started = Date.now();
  function read(name) { var v = str(api.LMSGetValue(name)); sent[name] = v; return v; }
  function put(name, value) {
    if (sent[name] === value) return;
    if (str(api.LMSSetValue(name, value)) === "true") { sent[name] = value; dirty = true; }
    else warn("LMSSetValue(" + name + ")");
  }
  function commit() {
    if (!dirty) return;
    dirty = false;
    if (str(api.LMSCommit("")) !== "true") warn("LMSCommit");
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
      commit();
    }
  };

  function two(n) { return (n < 10 ? "0" : "") + n; }
  function finish() {
    if (finished) return;
    finished = true;
    var s = Math.floor((Date.now() - started) / 1000);
    var hours = Math.min(9999, Math.floor(s / 3600));
    put("cmi.core.session_time", two(hours) + ":" + two(Math.floor(s / 60) % 60) + ":" + two(s % 60));
    // "suspend" until the course is complete: an LMS may hand no suspend_data back to an attempt
    // that was left normally, and the participant would come back to nothing.
    put("cmi.core.exit", complete && sent["cmi.core.lesson_status"] === "passed" ? "" : "suspend");
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
