"""overrides/assets/course/qr.js, the QR code of the progress code, against a reference encoder.

qr.js (minified as the build ships it) runs in headless Debian Chromium; every symbol it makes must
equal, module for module, the one segno (PyPI, tests only) makes for the same bytes, version,
error correction level and mask. The choices qr.js makes itself are checked too: the smallest
version at level L, M only when it fits that version, and the mask of lowest penalty as segno
scores the 8 finished symbols.

segno 1.6.6 pads a bit stream that already ends on a codeword boundary with one extra 0x00
codeword (heuer/segno issues #123 and #148; ISO/IEC 18004 7.4.10 adds padding bits only when the
stream does not end on a boundary). Every byte-mode stream with a 4-bit terminator ends on one,
so the tests give segno the standard's rule; symbols decode either way.
"""
from __future__ import annotations

import html
import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import rjsmin

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import REPO

segno = pytest.importorskip("segno")
from segno import consts, encoder  # noqa: E402

pytestmark = pytest.mark.browser
QR_JS = REPO / "overrides" / "assets" / "course" / "qr.js"
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _standard_padding_bits(buff, version, length):
    buff.extend([0] * (-length % 8))


@pytest.fixture(autouse=True)
def standard_segno(monkeypatch):
    monkeypatch.setattr(encoder, "write_padding_bits", _standard_padding_bits)


def reference(text: str, version: int, level: str, mask: int) -> list[str]:
    """segno's symbol for the UTF-8 bytes of text, as rows of '0'/'1' (1 = dark)."""
    qr = segno.make(text, error=level.lower(), version=version, mask=mask, mode="byte",
                    encoding="utf-8", boost_error=False, micro=False)
    assert (qr.version, qr.error, qr.mask, qr.mode) == (version, level, mask, "byte")
    return ["".join(str(m) for m in row) for row in qr.matrix]


def max_bytes(version: int, level: str) -> int:
    """Bytes that fit a symbol in byte mode: capacity less mode indicator and character count."""
    bits = consts.SYMBOL_CAPACITY[version][consts.ERROR_MAPPING[level]]
    return (bits - 4 - (8 if version < 10 else 16)) // 8


def b64url(n: int, seed: int) -> str:
    rnd = random.Random(seed)
    return "".join(rnd.choice(B64URL) for _ in range(n))


def in_chromium(tmp_path: Path, texts: list[str], expr: str) -> list:
    """Evaluate expr (a function of t, the text) for each text in a page that loads the minified qr.js."""
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not installed (scripts/install.sh --test installs it)")
    (tmp_path / "qr.js").write_text(rjsmin.jsmin(QR_JS.read_text(encoding="utf-8")), encoding="utf-8")
    (tmp_path / "texts.js").write_text("var TEXTS = " + json.dumps(texts) + ";", encoding="utf-8")
    (tmp_path / "run.js").write_text(
        "var out = [];\n"
        "try { TEXTS.forEach(function (t) { out.push(" + expr + "); }); }\n"
        "catch (e) { out = 'error: ' + e; }\n"
        "document.getElementById('out').textContent = JSON.stringify(out);\n", encoding="utf-8")
    (tmp_path / "page.html").write_text(
        '<!doctype html><meta charset="utf-8"><pre id="out">not run</pre>'
        '<script src="qr.js"></script><script src="texts.js"></script><script src="run.js"></script>',
        encoding="utf-8")
    run = subprocess.run([CHROMIUM, *CHROMIUM_ARGS, "--dump-dom", (tmp_path / "page.html").as_uri()],
                         capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="out">(.*?)</pre>', run.stdout, re.S)
    assert found, run.stderr[-2000:]
    result = json.loads(html.unescape(found.group(1)))
    assert isinstance(result, list), result
    return result


MATRIX = ("(function (m) { return { version: m.version, level: m.level, mask: m.mask,"
          " rows: m.map(function (r) { return r.map(function (d) { return d ? 1 : 0; }).join(''); }) }; })"
          "(CB_QR.matrix(t))")


def check_choices(text: str, got: dict) -> None:
    n = len(text.encode("utf-8"))
    version = next(v for v in range(1, 41) if max_bytes(v, "L") >= n)
    assert got["version"] == version
    assert got["level"] == ("M" if max_bytes(version, "M") >= n else "L")
    assert len(got["rows"]) == 4 * version + 17


def test_matrix_equals_segno_for_typical_progress_codes(tmp_path):
    texts = ["cb", b64url(300, 1), b64url(1500, 2), "Avance: módulo 2, evaluación aprobada — ¡sí! Ñandú, café, 😀"]
    results = in_chromium(tmp_path, texts, MATRIX)
    for text, got in zip(texts, results):
        check_choices(text, got)
        assert got["rows"] == reference(text, got["version"], got["level"], got["mask"]), text[:40]
    assert [r["version"] for r in results] == [1, 11, 28, 4]
    assert results[0]["level"] == "M" and results[2]["level"] == "L"


def test_chosen_mask_has_the_lowest_penalty_of_the_eight(tmp_path):
    texts = ["cb", b64url(300, 1), b64url(1500, 2), "Avance: módulo 2 — ¡sí!"]
    results = in_chromium(tmp_path, texts, "(function (e) { return { version: e.version, level: e.level, mask: e.mask,"
                                            " penalty: e.penalty }; })(CB_QR.encode(t))")
    for text, got in zip(texts, results):
        size = 4 * got["version"] + 17
        scores = []
        for mask in range(8):
            rows = [bytearray(int(c) for c in row) for row in reference(text, got["version"], got["level"], mask)]
            scores.append(encoder.evaluate_mask(rows, size, size))
        assert got["penalty"] == scores[got["mask"]]
        assert got["mask"] == scores.index(min(scores)), (scores, got["mask"])


def test_every_version_from_1_to_40_at_both_ends_of_its_capacity(tmp_path):
    # The fullest text of each version (no pad codewords) and the shortest (the most padding).
    lengths = [n for v in range(1, 41) for n in (max_bytes(v, "L"), max_bytes(v - 1, "L") + 1 if v > 1 else 1)]
    texts = [b64url(n, n) for n in lengths]
    results = in_chromium(tmp_path, texts, MATRIX)
    assert sorted({r["version"] for r in results}) == list(range(1, 41))
    for text, got in zip(texts, results):
        check_choices(text, got)
        assert got["rows"] == reference(text, got["version"], got["level"], got["mask"]), (len(text), got["version"])


def test_too_long_for_any_version_is_an_error(tmp_path):
    texts = [b64url(max_bytes(40, "L"), 3), b64url(max_bytes(40, "L") + 1, 4)]
    results = in_chromium(tmp_path, texts, "(function () { try { return CB_QR.encode(t).version; }"
                                            " catch (e) { return e.name; } })()")
    assert results == [40, "RangeError"]
