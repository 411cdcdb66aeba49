"""Runs functions of the course's browser script (overrides/assets/course/js/) under Node, so a unit test
can hold the Python mirror of a function (verification.py, strings.py) to the script itself on many
inputs at once. The parts are joined as the build joins them (one function scope); Node's `vm` gives
them an empty `document` and `window`, enough for the helpers, which touch neither when called."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import REPO

JS = REPO / "overrides" / "assets" / "course" / "js"

_RUNNER = r"""
const vm = require("vm"), fs = require("fs");
const job = JSON.parse(fs.readFileSync(0, "utf8"));
const names = [...new Set(job.calls.map(c => c[0]))];
const body = job.parts.map(p => fs.readFileSync(p, "utf8")).join("\n") + "\n" + job.extra + "\nreturn {" +
  names.map(n => JSON.stringify(n) + ": " + n).join(",") + "};";
const fns = vm.runInNewContext("(function () {\n\"use strict\";\n" + body + "\n})()",
  { document: { currentScript: null }, window: {} });
const out = job.calls.map(c => { const r = fns[c[0]].apply(null, c[1]); return r === undefined ? null : r; });
process.stdout.write(JSON.stringify(out));
"""


def node() -> str:
    path = shutil.which("node")
    if not path:
        pytest.skip("node is not installed (scripts/install.sh --test installs it)")
    return path


def run(parts: list[str], calls: list[tuple[str, list]], extra: str = "") -> list:
    """The results of ``calls`` ((function name, arguments), JSON values both ways) with the script
    parts ``parts`` (file names in js/, e.g. "00-core.js") and ``extra`` source joined after them."""
    job = {"parts": [str(JS / p) for p in parts], "calls": calls, "extra": extra}
    proc = subprocess.run([node(), "-e", _RUNNER], input=json.dumps(job), capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)
