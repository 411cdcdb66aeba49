/* ---- attendance codes of the live sessions (the programme page) ----
   The page carries, per live session, a salt and the PBKDF2-SHA256 hash of the session's code
   (course_builder/attendance.py derives them from the build's secret and says what a brute force
   costs); what the participant types is read as attendance.read_code reads it and hashed the same way
   by the browser's SubtleCrypto. A right code is kept in the record as the session's id (att:
   {id: 1}), which tabs merge, the file and the LMS keep and progress codes carry (js/41-code.js).
   A link from the session's last slide (<programme>/#<anchor>?s=<session>&c=<code>) fills in and
   checks the code at once. */
var ATT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// Six symbols of Crockford's base 32: separators dropped, any case, O read as 0 and I, L as 1.
function readAttendance(typed) {
  var s = String(typed || "").normalize("NFKC").replace(/[\s\u200b\ufeff\u00ad\u2010-\u2015\u2212-]+/g, "")
    .toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1");
  if (s.length !== 6) return null;
  for (var i = 0; i < s.length; i++) if (ATT_ALPHABET.indexOf(s.charAt(i)) < 0) return null;
  return s;
}
function fromBase64(b64) {
  var bin = atob(b64), out = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
// Resolves to the base64 PBKDF2-SHA256 of `code` (attendance.digest).
function attendanceHash(code, salt, rounds) {
  var subtle = window.crypto.subtle;
  return subtle.importKey("raw", new TextEncoder().encode(code), "PBKDF2", false, ["deriveBits"]).then(function (key) {
    return subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: fromBase64(salt), iterations: rounds }, key, 256);
  }).then(function (bits) { return btoa(String.fromCharCode.apply(null, new Uint8Array(bits))); });
}
function attendanceApp(root, map, store) {
  var s = map.strings, count = root.querySelector(".cb-attend-count");
  function paint() {
    var att = store.data.att || {};
    if (count) count.textContent = fmt(s.att_count, { n: map.required.filter(function (id) { return att[id]; }).length, total: map.required.length });
    all(root, ".cb-attend").forEach(function (box) {
      var done = !!att[box.dataset.session];
      box.classList.toggle("cb-attended", done);
      box.querySelector(".cb-attend-done").hidden = !done;
      box.querySelector(".cb-attend-form").hidden = done;
    });
  }
  function say(box, text, bad) {
    var msg = box.querySelector(".cb-attend-msg"), input = box.querySelector("input");
    msg.textContent = text;
    msg.classList.toggle("cb-no", !!bad);
    msg.classList.toggle("cb-ok", bad === false);
    if (bad) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  }
  function check(box, typed) {
    var id = box.dataset.session, entry = map.sessions[id], code = readAttendance(typed);
    if (!code) return say(box, s.att_unreadable, true);
    if (!(window.crypto && window.crypto.subtle && window.TextEncoder)) return say(box, s.att_no_crypto, true);
    say(box, s.att_checking);
    attendanceHash(code, entry.salt, map.iter).then(function (got) {
      if (got !== entry.hash) { say(box, s.att_bad, true); box.querySelector("input").focus(); return; }
      store.data.att = store.data.att || {};
      store.data.att[id] = 1;
      store.save();
      paint();
      say(box, s.att_ok, false);
    }, function () { say(box, s.att_no_crypto, true); });
  }
  all(root, ".cb-attend").forEach(function (box) {
    box.querySelector(".cb-attend-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      check(box, box.querySelector("input").value);
    });
  });
  live(paint, store);
  // The link of the session's last slide: #<anchor>?s=<session>&c=<code>. The code leaves the address
  // bar (and the history) once it is read.
  var h = window.location.hash, at = h.indexOf("?");
  if (at > 0 && decodeURIComponent(h.slice(1, at)) === map.anchor) {
    var params = new URLSearchParams(h.slice(at + 1)), box = root.querySelector('.cb-attend[data-session="' + (params.get("s") || "").replace(/["\\]/g, "") + '"]');
    try { history.replaceState(null, "", window.location.pathname + window.location.search + "#" + (box ? box.dataset.session : map.anchor)); } catch (e) { /* file:// in some browsers */ }
    if (box) {
      box.scrollIntoView();
      if (!(store.data.att || {})[box.dataset.session]) {
        box.querySelector("input").value = params.get("c") || "";
        check(box, params.get("c"));
      }
    }
  }
}
