#!/usr/bin/env python3
"""All benchmarks in one run, side by side with the stock stack (MkDocs + Material + static-i18n +
Material's search on our generated docs/: bench/common.stock_config), written to bench/RESULTS.md.

    .venv/bin/python bench/run.py                 # everything (about 40 min on 2 busy cores)
    .venv/bin/python bench/run.py --quick         # a 2-minute smoke: 1 run, 10 modules, no Lighthouse; prints only
    .venv/bin/python bench/run.py --no-lighthouse --runs 3 --sizes 10 50

One module per measurement: build_time.py (builds, memory), preview.py (serve latency),
page_weight.py (first-visit bytes), main_thread.py (script runs at 4x CPU), lighthouse.py (scores); synth.py makes the synthetic courses.
"""
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_time  # noqa: E402
import lighthouse  # noqa: E402
import main_thread  # noqa: E402
import page_weight  # noqa: E402
import preview  # noqa: E402
from common import REPO, machine, ratio, table  # noqa: E402
from synth import make_course  # noqa: E402

REAL = "course (8 modules)"


def slug(name: str) -> str:
    """A folder name for a project's row: course, s10, s200…"""
    return "course" if name == REAL else "s" + "".join(c for c in name if c.isdigit())


def build_section(rows: dict[str, dict]) -> str:
    return table(
        ["project", "ours warm (s)", "ours cold (s)", "ours first (s)", "stock (s)", "warm / stock",
         "cold / stock", "first / stock", "peak MiB ours cold", "peak MiB stock", "memory / stock"],
        [[name, r["warm"]["s"], r["cold"]["s"], r["first"]["s"], r["stock"]["s"], ratio(r["warm"]["s"], r["stock"]["s"]),
          ratio(r["cold"]["s"], r["stock"]["s"]), ratio(r["first"]["s"], r["stock"]["s"]), f"{r['cold']['mib']:.0f}",
          f"{r['stock']['mib']:.0f}", ratio(r["cold"]["mib"], r["stock"]["mib"])] for name, r in rows.items()])


def preview_section(rows: dict[str, dict]) -> str:
    out = []
    for name, r in rows.items():
        for lang in ("es", "en"):
            o, s = r[f"ours {lang}"], r[f"stock {lang}"]
            out.append([name, lang, o["page"], s["page"], ratio(o["page"], s["page"]), o["idle"], s["idle"],
                        ratio(o["idle"], s["idle"]), f"{o['cpu']:.2f}", f"{s['cpu']:.2f}"])
    return table(["project", "edit", "ours page (s)", "stock page (s)", "page / stock", "ours idle (s)",
                  "stock idle (s)", "idle / stock", "ours waiting (% core)", "stock waiting (% core)"], out)


def weight_section(rows: dict[str, dict]) -> str:
    kib = lambda n: f"{n / 1024:.1f}"  # noqa: E731
    return table(["language", "ours KiB gz (all)", "ours by load", "stock KiB gz (all)", "stock by load",
                  "all / stock", "ours requests", "stock requests", "other-language pages fetched (ours)"],
                 [[lang, kib(o["bytes"]), kib(o["load"]), kib(s["bytes"]), kib(s["load"]),
                   ratio(o["bytes"], s["bytes"]), o["requests"], s["requests"], o["other"]]
                  for lang, (o, s) in rows.items()])


def lighthouse_section(ours: dict, stock: dict) -> str:
    others = ("accessibility", "best-practices", "seo")
    out = []
    for key in ours:
        o, s = ours[key], stock[key]
        out.append([*key, f"{o['performance']:.0f}", f"{s['performance']:.0f}", f"{o['tbt']:.0f}", f"{s['tbt']:.0f}",
                    f"{o['cls']:.3f}", f"{s['cls']:.3f}", f"{o['lcp'] / 1000:.2f}", f"{s['lcp'] / 1000:.2f}",
                    f"{min(o[c] for c in others):.0f}", f"{min(s[c] for c in others):.0f}"])
    return table(["page", "lang", "perf ours", "perf stock", "TBT ms ours", "TBT ms stock", "CLS ours", "CLS stock",
                  "LCP s ours", "LCP s stock", "lowest a11y/BP/SEO ours", "… stock"], out)


def main_thread_section(ours: dict, stock: dict) -> str:
    return table(["page", "lang", "our scripts' longest run (ms)", "longest frame blocking ours (ms)", "… stock (ms)"],
                 [[*key, f"{o['ours']:.0f}", f"{o['blocking']:.0f}", f"{stock[key]['blocking']:.0f}"]
                  for key, o in ours.items()])


def section(title: str, body: str, note: str) -> list[str]:
    """A section of RESULTS.md: its heading, its table and what the figures mean."""
    return [f"## {title}", "", body, "", note, ""]


def header(args) -> str:
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "?"
    stack = ", ".join(f"{p} {version(p)}" for p in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n"))
    return "\n".join([
        "# Benchmark results", "",
        f"Written by `bench/run.py` on {dt.datetime.now().isoformat(timespec='minutes')} at commit {commit}.",
        f"Machine: {machine()}.", f"Stock stack: {stack}, Material's search plugin on, building our generated "
        "docs/ with the same theme settings, languages and Markdown extensions (no hooks, no custom_dir).",
        f"Builds: median of {args.runs} interleaved runs; preview: median of {args.preview_runs}; Lighthouse: median "
        f"of {args.lh_runs}. Ratios are ours / stock from the same run: on a shared machine they mean more than "
        "the seconds.", ""])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="build runs per project (median)")
    parser.add_argument("--preview-runs", type=int, default=3)
    parser.add_argument("--lh-runs", type=int, default=3, help="Lighthouse runs and main-thread loads per page (median)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 50, 200], help="synthetic course sizes")
    parser.add_argument("--preview-size", type=int, default=200, help="synthetic size for the preview rows (0: none)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--quick", action="store_true", help="smoke run; prints, writes nothing unless --out")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.quick:
        args.runs, args.preview_runs, args.sizes, args.preview_size, args.no_lighthouse = 1, 1, [10], 0, True
        args.lh_runs = 1
    out = args.out or (None if args.quick else REPO / "bench" / "RESULTS.md")
    if not args.no_lighthouse and not lighthouse.available():
        print("Lighthouse is not installed: (cd bench/lighthouse && npm ci --no-audit --no-fund), or --no-lighthouse",
              file=sys.stderr)
        return 2
    say = lambda text: print(text, flush=True)  # noqa: E731
    sections = [header(args)]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        projects = {REAL: REPO, **{f"synthetic {n} modules": make_course(work / f"src{n}", n) for n in args.sizes}}

        builds = {}
        for name, project in projects.items():
            builds[name] = build_time.measure(project, args.runs, work / "build" / slug(name))
            say(f"build {name}: " + ", ".join(f"{k} {v['s']:.2f} s {v['mib']:.0f} MiB" for k, v in builds[name].items()))
        sections += section("Build time and memory", build_section(builds),
                            "*warm*: `build_course.py build` with unchanged sources (docs/ reused, MkDocs runs). "
                            "*cold*: `build --no-cache` (every source read, validated and generated again; the "
                            "per-file parse cache stays, as the sources did not change). *first*: `build --no-cache`"
                            " after deleting docs/ and the parse cache. *stock*: `mkdocs build` of the stock config,"
                            " which keeps nothing between builds (its cold = warm). Memory: peak resident set of the"
                            " whole process tree, sampled every 50 ms from /proc (median of the runs' peaks).")

        previews = {}
        targets = {REAL: (REPO, "01-marco-conceptual")}
        if args.preview_size:
            size = args.preview_size
            src = projects.get(f"synthetic {size} modules") or make_course(work / f"src{size}", size)
            targets[f"synthetic {size} modules"] = (src, f"{size // 2:03d}-modulo")
        for name, (project, module) in targets.items():
            previews[name] = preview.measure(project, module, args.preview_runs, work / "preview" / slug(name))
            say(f"preview {name}: " + ", ".join(f"{k} {v['page']:.2f}/{v['idle']:.2f} s" for k, v in previews[name].items()))
        sections += section("Preview latency", preview_section(previews),
                            "`build_course.py serve` next to stock `mkdocs serve`, both running, edits alternated. "
                            "An edit appends a line to a module's Markdown (ours: the authored "
                            "`course/<module>/<lang>.md`; stock: its `docs/<lang>/<module>/index.md`). *page*: until"
                            " the served page shows it (HTTP polled every 50 ms). *idle*: until the server's process"
                            " tree stops using CPU (utime+stime from /proc grow by < 2 ticks in 0.5 s).")

        from playwright.sync_api import sync_playwright
        real = work / "build" / "course"
        with sync_playwright() as p:
            browser = page_weight.launch(p)
            weights = {lang: (page_weight.first_visit(browser, real / "ours" / "site", lang),
                              page_weight.first_visit(browser, real / "stock" / "site", lang)) for lang in ("es", "en")}
            threads = [main_thread.measure(browser, real / which / "site", lighthouse.PAGE_TYPES, ["es", "en"],
                                           args.lh_runs) for which in ("ours", "stock")]
            browser.close()
        say("first visit: " + ", ".join(f"{k} {o['bytes'] / 1024:.0f}/{s['bytes'] / 1024:.0f} KiB"
                                        for k, (o, s) in weights.items()))
        sections += section("First visit (real course)", weight_section(weights),
                            "A language's home page on a fresh Chromium profile, served gzip-compressed like GitHub "
                            "Pages (`_Measured` of tests/browser/test_offline.py); *all* counts every byte sent "
                            "until nothing more arrived for 2 s, the service worker's background downloads included;"
                            " *by load* stops at the load event.")

        sections += section("Main thread while loading (real course)", main_thread_section(*threads),
                            "Each page type on a fresh profile with the CPU slowed 4x (as Lighthouse's mobile preset"
                            " assumes), until 1.5 s after the load event (quizzes start in idle slices then); median"
                            f" of {args.lh_runs} loads. From Chromium's Long Animation Frames, which report frames "
                            "over 50 ms: *our scripts' longest run* is the longest time one of assets/course/ ran "
                            "inside such a frame (0: none ran in one); *longest frame blocking* counts every script,"
                            " the theme's included.")

        if not args.no_lighthouse:
            langs = ["es", "en"]
            lh_ours = lighthouse.scores(real / "ours" / "site", lighthouse.PAGE_TYPES, langs, args.lh_runs)
            lh_stock = lighthouse.scores(real / "stock" / "site", lighthouse.PAGE_TYPES, langs, args.lh_runs)
            sections += section("Lighthouse (mobile, real course)", lighthouse_section(lh_ours, lh_stock),
                                "Lighthouse 12.2.3, mobile preset, Debian Chromium, served gzip-compressed under the"
                                " Pages path.")
    sections[0] = header(args)  # the load average at the end
    text = "\n".join(sections)
    print(text)
    if out:
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
