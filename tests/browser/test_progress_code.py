"""Issue 20, item 3: moving progress to another phone by QR code, on this repository's own course.

A participant who finished everything (every module quiz, every case ending, the final assessment
with a long draw history, a 60-character name): the code on "My progress" has at most 400 characters
and its QR code, version 10 or less at error correction M, is read back from a screenshot of the
canvas by a real decoder (jsQR, pinned in tests/js) into the same code; that code, read by
`course_builder.progress_code` (what `build_course.py verify` uses) and imported in another browser,
is the same record. The sizes for an empty, a half and a complete record are printed.
"""
from __future__ import annotations

import copy
import json
import os
import subprocess
from pathlib import Path

import pytest

from course_builder import pipeline, progress_code
from tests.browser.conftest import guarded_page, ready
from tests.browser.test_qr import png_pixels
from tests.browser.test_scorm_again import worst_case_record

pytestmark = pytest.mark.browser
JSQR = Path(__file__).resolve().parents[1] / "js" / "node_modules" / "jsqr" / "dist" / "jsQR.js"
NAME = "María José Fernández de la Peña Núñez, Ana Sofía Ruiz-Ortega"  # 60 characters


@pytest.fixture(scope="module")
def course(real_project):
    if not JSQR.is_file():
        if os.environ.get("CI"):
            pytest.fail("jsqr is missing: run scripts/install.sh --test (npm ci --prefix tests/js)")
        pytest.skip("jsqr not installed (npm ci --prefix tests/js)")
    loaded, _ = pipeline.load(real_project)
    return loaded


def complete_record(course) -> dict:
    record = worst_case_record(course)  # every answer, ending and module, the longest draw, 99 draws
    record["name"] = NAME
    assert len(NAME) == 60
    return record


def half_record(course) -> dict:
    full = complete_record(course)
    s = progress_code.shape(course)
    half_quizzes = s["q"][:len(s["q"]) // 2]
    return {"v": 2, "course": course.id, "seed": full["seed"], "last": s["m"][len(s["m"]) // 2],
            "q": {q: {"ok": True, "final": True, "tries": 1} for _, qids in half_quizzes for q in qids},
            "quiz": {}, "visited": {m: 1 for m in s["m"][:len(s["m"]) // 2]},
            "cases": {cid: {"endings": endings[:1]} for cid, endings in s["k"][:len(s["k"]) // 2]}}


def what_a_code_keeps(record: dict, s: dict) -> dict:
    """The record as a progress code carries it: per question right at the first try, right later or
    wrong; modules read (not when); endings in course order; times to the second; entries by field."""
    out = {"v": 2, "course": record["course"], "seed": record["seed"], "last": record.get("last", ""),
           "q": {}, "quiz": {}, "cases": {}, "visited": {m: 1 for m in s["m"] if m in record["visited"]},
           "att": {a: 1 for a in s["a"] if a in (record.get("att") or {})}}
    for k in ("name", "done"):
        if record.get(k):
            out[k] = record[k]
    for qid, e in record["q"].items():
        if e.get("final"):
            first = e.get("ok") and not e.get("revealed") and e.get("tries", 1) == 1
            out["q"][qid] = {"ok": bool(e["ok"]), "final": True, "tries": 1 if first or not e["ok"] else 2}
    for cid, endings in s["k"]:
        reached = record["cases"].get(cid, {}).get("endings", [])
        if reached:
            out["cases"][cid] = {"endings": [e for e in endings if e in reached]}
    st = record["quiz"].get(s["f"])
    if st:
        fin = {"submitted": bool(st.get("submitted")), "drawn": st["drawn"], "seen": st["seen"],
               "draws": st["draws"], "attempts": st["attempts"], "result": st["result"], "last": st["last"],
               "t": st["t"] // 1000 * 1000, "end": st["end"] // 1000 * 1000, "answers": {}}
        for qid, a in st["answers"].items():
            entry = {"tries": 1, "final": True, "ok": a["ok"]} if a.get("final") else {"tries": 1}
            entry["v"] = a["v"]
            fin["answers"][qid] = entry
        out["quiz"][s["f"]] = fin
    return out


def by_field(record: dict) -> dict:
    """Entered values compared as sets of [field, value] (their order is the page's, not the record's)."""
    r = copy.deepcopy(record)
    for st in r["quiz"].values():
        for a in st.get("answers", {}).values():
            if "v" in a:
                a["v"] = sorted(map(tuple, a["v"]))
    return r


def read_qr(png: bytes) -> dict:
    """jsQR's reading of a screenshot: {data, version}."""
    width, height, rows = png_pixels(png)
    raw = Path(os.environ.get("TMPDIR", "/tmp")) / f"qr-{os.getpid()}.rgba"
    raw.write_bytes(b"".join(rows))
    script = (f"const jsQR = require({json.dumps(str(JSQR))}); const fs = require('fs');"
              f"const px = new Uint8ClampedArray(fs.readFileSync({json.dumps(str(raw))}));"
              f"const r = jsQR(px, {width}, {height});"
              "console.log(JSON.stringify(r ? {data: r.data, version: r.version} : null));")
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=120, check=True)
    raw.unlink()
    return json.loads(out.stdout)


def open_progress(browser, url, course, record: dict | None, lang_path=""):
    context = browser.new_context()
    if record is not None:
        context.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', 1); "
                                f"localStorage.setItem('cb:{course.id}', {json.dumps(json.dumps(record))}); }}")
    page = guarded_page(context, url)
    page.goto(f"{url}/{lang_path}{course.slugs['progress']}/")
    ready(page)
    return page


def show_qr(page) -> tuple[str, dict]:
    code = page.locator("#cb-code").input_value()
    page.locator(".cb-qr").click()
    canvas = page.locator(".cb-qr-box canvas")
    canvas.wait_for()
    chosen = page.evaluate("t => { const e = window.CB_QR.encode(t); return {version: e.version, level: e.level, mode: e.mode}; }", code)
    return code, {**chosen, "png": canvas.screenshot()}


def test_a_complete_record_fits_a_qr_code_a_phone_reads_and_comes_back_the_same(browser, course, real_site_url, capsys):
    s = progress_code.shape(course)
    sizes = {}
    for label, record in (("empty", None), ("half", half_record(course)), ("complete", complete_record(course))):
        page = open_progress(browser, real_site_url, course, record)
        code, qr = show_qr(page)
        sizes[label] = (len(code), qr["version"], qr["level"])
        assert qr["mode"] == "alphanumeric" and qr["level"] == "M"
        if label == "complete":
            complete, png = code, qr["png"]
        assert page.errors == [] and page.outside_requests == []
        page.context.close()
    with capsys.disabled():
        print("\nprogress codes of this course: " + "; ".join(
            f"{k}: {n} characters, QR version {v}-{lv}" for k, (n, v, lv) in sizes.items()))
    assert sizes["complete"][0] <= 400 and sizes["complete"][1] <= 10

    scanned = read_qr(png)  # the real decoder, on the pixels the participant's screen shows
    assert scanned == {"data": complete, "version": sizes["complete"][1]}
    record = complete_record(course)
    expected = what_a_code_keeps(record, s)
    assert by_field(progress_code.decode(scanned["data"], s)) == by_field(expected)

    # Another phone imports what it scanned: the same record, and the same certificate code.
    other = open_progress(browser, real_site_url, course, None, "en/")
    other.locator("#cb-import-replace").check()
    other.locator("#cb-import").fill(scanned["data"])
    other.locator("button.cb-import").click()
    other.wait_for_load_state("load")
    ready(other)
    imported = json.loads(other.evaluate(f"localStorage.getItem('cb:{course.id}')"))
    assert by_field(imported) == by_field(expected)
    assert other.errors == [] and other.outside_requests == []
    other.context.close()
