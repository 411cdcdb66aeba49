"""The QR code of the progress code on "My progress": qr.js loads only when asked for, and the
canvas it draws is, pixel for pixel, the reference encoder's symbol of the code in the text box."""
from __future__ import annotations

import base64
import struct
import zlib

import pytest
from playwright.sync_api import expect

from tests.browser.test_participant import pass_module_one

segno = pytest.importorskip("segno")
from segno import encoder  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def standard_segno(monkeypatch):
    # segno 1.6.6 adds a stray 0x00 codeword when the bit stream ends on a codeword boundary
    # (heuer/segno #123, #148); ISO/IEC 18004 7.4.10 adds padding bits only when it does not.
    monkeypatch.setattr(encoder, "write_padding_bits", lambda buff, version, length: buff.extend([0] * (-length % 8)))


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


def reference(text: str, version: int, level: str, mask: int) -> list[str]:
    qr = segno.make(text, error=level.lower(), version=version, mask=mask, mode="byte",
                    encoding="utf-8", boost_error=False, micro=False)
    return ["".join(str(m) for m in row) for row in qr.matrix]


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
