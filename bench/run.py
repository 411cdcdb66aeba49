#!/usr/bin/env python3
"""Benchmarks (issue 6), written to bench/RESULTS.md: full build vs plain MkDocs build of the same
generated docs/ (ratio, median of N) for the course and synthetic courses of 10/50/200 modules per
language, `check` time, and page weights of the built course.

    .venv/bin/python bench/run.py [--runs 5] [--sizes 10 50 200]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import make_course  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
# MkDocs alone on the docs/ the warm-up wrote: the plugin is told docs/ is ready, as `build` tells it.
PLAIN = ("import sys; from pathlib import Path; from course_builder.site import run_mkdocs; "
         "sys.exit(not run_mkdocs(Path(sys.argv[1]), Path(sys.argv[2])).ok)")


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(project: Path, runs: int, out: Path) -> dict[str, float]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    full = [PY, str(REPO / "build_course.py"), "--project", str(project), "build", "--site-dir", str(out / "full")]
    plain = [PY, "-c", PLAIN, str(project), str(out / "plain")]
    cold = [*full, "--no-cache"]
    check = [PY, str(REPO / "build_course.py"), "--project", str(project), "check"]
    timed(full, env)  # warm-up; also writes docs/ (later runs reuse it: see course_builder/cache.py)
    f, k, p, c = [], [], [], []
    for _ in range(runs):  # interleaved so machine load drifts hit all alike
        f.append(timed(full, env))
        k.append(timed(cold, env))
        p.append(timed(plain, env))
        c.append(timed(check, env))
    return {"full": statistics.median(f), "cold": statistics.median(k), "plain": statistics.median(p),
            "check": statistics.median(c)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 50, 200])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp_path = Path(tmp)
        projects = [("course (8 modules)", REPO)] + [
            (f"synthetic {n} modules", make_course(tmp_path / f"synth{n}", n)) for n in args.sizes]
        for name, project in projects:
            r = measure(project, args.runs, tmp_path / "out")
            rows.append((name, r))
            print(f"{name:22} full {r['full']:6.2f} s  cold {r['cold']:6.2f} s  plain {r['plain']:6.2f} s  "
                  f"ratio {r['full'] / r['plain']:.2f} (cold {r['cold'] / r['plain']:.2f})  check {r['check']:5.2f} s",
                  flush=True)
    weights = subprocess.run([PY, str(REPO / "bench" / "page_weight.py")], capture_output=True, text=True).stdout
    lines = [
        "# Benchmark results", "",
        f"Measured {dt.date.today()} on {platform.machine()} with {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; median of {args.runs} interleaved runs. Written by `bench/run.py`.", "",
        "| project | full build (s) | ratio (target ≤ 1.10) | cold full build (s) | cold ratio | plain `mkdocs build` (s) | `check` (s) |",
        "|---|---|---|---|---|---|---|",
        *(f"| {n} | {r['full']:.2f} | {r['full'] / r['plain']:.2f} | {r['cold']:.2f} | {r['cold'] / r['plain']:.2f} | "
          f"{r['plain']:.2f} | {r['check']:.2f} |" for n, r in rows),
        "", "The full build is `build_course.py build` (sources unchanged since the last build, as when MkDocs",
        "settings or the theme change: validation and generation are reused, see course_builder/cache.py); the",
        "cold full build is `build --no-cache` (everything validated and generated again). Both include MkDocs",
        "into a temporary folder and the swap. The plain build is `mkdocs build --strict` on the same docs/.", "",
        "## Page weight (gzip -9, as GitHub Pages serves it)", "", "```", weights.strip(), "```", "",
    ]
    (REPO / "bench" / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print(weights)
    return 0


if __name__ == "__main__":
    sys.exit(main())
