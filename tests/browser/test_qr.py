"""overrides/assets/course/qr.js, the QR code of the progress code, against a reference encoder (segno, PyPI,
tests only), in headless Debian Chromium.

On "My progress": qr.js loads only when asked for, and the canvas it draws is, pixel for pixel, the
reference encoder's symbol of the code in the text box.

The encoder itself: qr.js (minified as the build ships it) runs in a bare page; every symbol it makes
must equal, module for module, the one segno makes for the same bytes, version, error correction
level and mask. The choices qr.js makes itself are checked too: the smallest version at level L, M
only when it fits that version, and the mask of lowest penalty as segno scores the 8 finished symbols.

segno 1.6.6 pads a bit stream that already ends on a codeword boundary with one extra 0x00
codeword (heuer/segno issues #123 and #148; ISO/IEC 18004 7.4.10 adds padding bits only when the
stream does not end on a boundary). Every byte-mode stream with a 4-bit terminator ends on one,
so the tests give segno the standard's rule; symbols decode either way.
"""
from __future__ import annotations

import base64
import html
import json
import random
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
import rjsmin
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_participant import pass_module_one
from tests.conftest import REPO

segno = pytest.importorskip("segno")
from segno import consts, encoder  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.slow]
QR_JS = REPO / "overrides" / "assets" / "course" / "qr.js"
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
ALPHABET44 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:"  # progress codes (js/41-code.js)


def _standard_padding_bits(buff, version, length):
    buff.extend([0] * (-length % 8))


@pytest.fixture(autouse=True)
def standard_segno(monkeypatch):
    monkeypatch.setattr(encoder, "write_padding_bits", _standard_padding_bits)


ALNUM = re.compile(r"[0-9A-Z $%*+\-./:]*")


def reference(text: str, version: int, level: str, mask: int) -> list[str]:
    """segno's symbol for text (alphanumeric mode for a text of its characters, else UTF-8 bytes),
    as rows of '0'/'1' (1 = dark)."""
    mode = "alphanumeric" if ALNUM.fullmatch(text) else "byte"
    qr = segno.make(text, error=level.lower(), version=version, mask=mask, mode=mode,
                    encoding=None if mode == "alphanumeric" else "utf-8", boost_error=False, micro=False)
    assert (qr.version, qr.error, qr.mask, qr.mode) == (version, level, mask, mode)
    return ["".join(str(m) for m in row) for row in qr.matrix]


# --- On the "My progress" page of the built example course -------------------------------------

def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGBA rows of an 8-bit RGBA (or RGB) non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 4 if color == 6 else 3
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line) if bpp == 4 else b"".join(bytes(line[i:i + 3]) + b"\xff" for i in range(0, stride, 3)))
        prev = line
    return width, height, rows


def canvas_modules(canvas, version: int) -> tuple[int, list[str]]:
    """Pixels per module and rows of '0'/'1' read back from the canvas, whose colours, module grid
    and quiet zone of 4 light modules are checked on every pixel."""
    url = canvas.evaluate("c => c.toDataURL('image/png')")
    width, height, rows = png_pixels(base64.b64decode(url.split(",", 1)[1]))
    n = 4 * version + 17
    assert width == height and width % (n + 8) == 0
    scale = width // (n + 8)
    black, white = b"\x00\x00\x00\xff", b"\xff\xff\xff\xff"
    cells = [[rows[y * scale][x * scale * 4:x * scale * 4 + 4] for x in range(n + 8)] for y in range(n + 8)]
    assert all(c in (black, white) for line in cells for c in line), "only black and white"
    assert all(rows[y][x * 4:x * 4 + 4] == cells[y // scale][x // scale] for y in range(width) for x in range(width))
    assert all(c == white for i, line in enumerate(cells) for j, c in enumerate(line)
               if min(i, j) < 4 or max(i, j) >= n + 4), "quiet zone of 4 light modules"
    return scale, ["".join("1" if c == black else "0" for c in line[4:n + 4]) for line in cells[4:n + 4]]


def test_qr_code_loads_on_demand_and_matches_the_progress_code(page, site_url):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    pass_module_one(page, site_url)
    page.goto(f"{site_url}/mi-progreso/")
    page.wait_for_load_state("networkidle")
    code = page.locator("#cb-code").input_value()
    assert code
    assert not [u for u in requested if u.endswith("/qr.js")]
    assert page.evaluate("typeof window.CB_QR") == "undefined"
    assert page.locator(".cb-app canvas").count() == 0

    page.get_by_role("button", name="Mostrar como código QR").click()
    qr = page.get_by_role("img", name="Código QR de su código de avance")
    expect(qr).to_be_visible()
    assert qr.evaluate("c => c.tagName") == "CANVAS"
    assert [u for u in requested if u.endswith("/qr.js")] == [f"{site_url}/assets/course/qr.js"]

    chosen = page.evaluate("t => { const e = window.CB_QR.encode(t); return [e.version, e.level, e.mask]; }", code)
    scale, modules = canvas_modules(qr, chosen[0])
    assert scale >= 3
    assert modules == reference(code, *chosen)
    assert page.errors == [] and page.outside_requests == []


def test_english_label_and_a_second_press_redraws_in_place(page, site_url):
    pass_module_one(page, site_url)
    page.goto(f"{site_url}/en/mi-progreso/")
    button = page.get_by_role("button", name="Show as QR code")
    button.click()
    expect(page.get_by_role("img", name="QR code of your progress code")).to_be_visible()
    button.click()
    expect(page.locator(".cb-app canvas")).to_have_count(1)
    code = page.locator("#cb-code").input_value()
    chosen = page.evaluate("t => { const e = window.CB_QR.encode(t); return [e.version, e.level, e.mask]; }", code)
    modules = canvas_modules(page.get_by_role("img", name="QR code of your progress code"), chosen[0])[1]
    assert modules == reference(code, *chosen)
    assert page.errors == []


# --- The encoder in a bare page, against segno ----------------------------------------------

def max_bytes(version: int, level: str) -> int:
    """Bytes that fit a symbol in byte mode: capacity less mode indicator and character count."""
    bits = consts.SYMBOL_CAPACITY[version][consts.ERROR_MAPPING[level]]
    return (bits - 4 - (8 if version < 10 else 16)) // 8


def max_alnum(version: int, level: str) -> int:
    """Characters that fit a symbol in alphanumeric mode (11 bits a pair, 6 for one left over)."""
    bits = consts.SYMBOL_CAPACITY[version][consts.ERROR_MAPPING[level]] - 4 - (9 if version < 10 else 11 if version < 27 else 13)
    return bits // 11 * 2 + (1 if bits % 11 >= 6 else 0)


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
    """Level M at the smallest version that holds the text; L only past 40-M."""
    cap, n = (max_alnum, len(text)) if ALNUM.fullmatch(text) else (max_bytes, len(text.encode("utf-8")))
    level = "M" if cap(40, "M") >= n else "L"
    version = next(v for v in range(1, 41) if cap(v, level) >= n)
    assert (got["version"], got["level"]) == (version, level)
    assert len(got["rows"]) == 4 * version + 17


def test_matrix_equals_segno_for_typical_progress_codes(tmp_path):
    texts = ["cb", b64url(300, 1), b64url(1500, 2), "Avance: módulo 2, evaluación aprobada — ¡sí! Ñandú, café, 😀"]
    results = in_chromium(tmp_path, texts, MATRIX)
    for text, got in zip(texts, results):
        check_choices(text, got)
        assert got["rows"] == reference(text, got["version"], got["level"], got["mask"]), text[:40]
    assert [r["version"] for r in results] == [1, 13, 32, 5]
    assert {r["level"] for r in results} == {"M"}


def test_progress_codes_use_alphanumeric_mode(tmp_path):
    texts = ["8835MV.D29U2-59%WACU2OZ33", "".join(random.Random(5).choice(ALPHABET44) for _ in range(234)),
             "".join(random.Random(6).choice(ALPHABET44) for _ in range(311)),
             "".join(random.Random(7).choice(ALPHABET44) for _ in range(312))]
    results = in_chromium(tmp_path, texts, MATRIX.replace("mask: m.mask,", "mask: m.mask, mode: m.mode,"))
    for text, got in zip(texts, results):
        assert got["mode"] == "alphanumeric"
        check_choices(text, got)
        assert got["rows"] == reference(text, got["version"], got["level"], got["mask"]), text[:40]
    assert [(r["version"], r["level"]) for r in results] == [(2, "M"), (9, "M"), (10, "M"), (11, "M")]


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
    # The fullest text of each version (no pad codewords) and the shortest (the most padding), at M.
    lengths = [n for v in range(1, 41) for n in (max_bytes(v, "M"), max_bytes(v - 1, "M") + 1 if v > 1 else 1)]
    texts = [b64url(n, n) for n in lengths]
    results = in_chromium(tmp_path, texts, MATRIX)
    assert sorted({r["version"] for r in results}) == list(range(1, 41))
    for text, got in zip(texts, results):
        check_choices(text, got)
        assert got["rows"] == reference(text, got["version"], got["level"], got["mask"]), (len(text), got["version"])


def test_too_long_for_any_version_is_an_error(tmp_path):
    texts = [b64url(max_bytes(40, "M") + 1, 2), b64url(max_bytes(40, "L"), 3), b64url(max_bytes(40, "L") + 1, 4)]
    results = in_chromium(tmp_path, texts, "(function () { try { var e = CB_QR.encode(t); return e.version + e.level; }"
                                            " catch (e) { return e.name; } })()")
    assert results == ["36L", "40L", "RangeError"]  # past 40-M: the smallest version at L
