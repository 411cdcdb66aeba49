// Parses GIFT files with gift-pegjs (test-only, pinned in package.json) and prints one JSON line per file:
// {"file": ..., "ok": true, "questions": [...]} or {"file": ..., "ok": false, "error": ..., "line": n}.
// Used by tests/unit/test_export_gift.py: node tests/js/parse_gift.js FILE...
"use strict";
const fs = require("fs");
const { parse } = require("gift-pegjs");

for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  try {
    console.log(JSON.stringify({ file, ok: true, questions: parse(text) }));
  } catch (e) {
    console.log(JSON.stringify({ file, ok: false, error: e.message, line: e.location ? e.location.start.line : null }));
  }
}
