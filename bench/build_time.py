#!/usr/bin/env python3
"""Build times and peak memory: `build_course.py build` next to the stock stack building the same
generated docs/ (bench/common.stock_config), interleaved runs, medians.

    .venv/bin/python bench/build_time.py [--runs 5] [--project .]

ours warm   `build` with sources unchanged since the last build (docs/ reused, MkDocs runs)
ours cold   `build --no-cache` (everything read, validated and generated again; the per-file parse
            cache of course_builder/parsecache.py stays, as the sources did not change)
ours first  `build --no-cache` after deleting docs/ and the parse cache: a fresh checkout (own copy)
stock       `mkdocs build` of the stock config (it keeps nothing between builds: cold = warm)
memory      peak resident memory of the whole process tree, sampled every 50 ms from /proc
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BUILD, MKDOCS, REPO, copy_project, median, timed, write_stock  # noqa: E402

KINDS = ("warm", "cold", "first", "stock")


def measure(project: Path, runs: int, work: Path) -> dict[str, dict[str, float]]:
    """``project``'s sources are copied into ``work``; returns {kind: {"s": median seconds,
    "mib": median peak MiB}}; ``work``/ours/site and ``work``/stock/site hold the last sites built."""
    ours, fresh = copy_project(project, work / "ours"), copy_project(project, work / "first")
    build = [*BUILD, "--project", str(ours), "-q", "build", "--site-dir", str(ours / "site")]
    timed(build)  # writes docs/, which the stock project copies
    stock_yml = write_stock(ours, work / "stock")
    commands = {"warm": build, "cold": [*build, "--no-cache"],
                "first": [*BUILD, "--project", str(fresh), "-q", "build", "--no-cache", "--site-dir", str(fresh / "site")],
                "stock": [*MKDOCS, "build", "-q", "-f", str(stock_yml)]}
    for kind in ("cold", "stock"):  # the parse cache is written once docs/ exists; first runs warm the OS caches
        timed(commands[kind])
    seconds: dict[str, list[float]] = {k: [] for k in KINDS}
    peaks: dict[str, list[float]] = {k: [] for k in KINDS}
    for _ in range(runs):  # interleaved, so drift in machine load hits every kind alike
        for kind in KINDS:
            if kind == "first":  # a fresh checkout, in a copy of its own so the others keep their caches
                shutil.rmtree(fresh / "docs", ignore_errors=True)
                shutil.rmtree(fresh / ".cache", ignore_errors=True)
            s, peak = timed(commands[kind])
            seconds[kind].append(s)
            peaks[kind].append(peak / 2**20)
    return {k: {"s": median(seconds[k]), "mib": median(peaks[k])} for k in KINDS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", type=Path, default=REPO)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        r = measure(args.project.resolve(), args.runs, Path(tmp))
    for kind in KINDS:
        print(f"{kind:6} {r[kind]['s']:6.2f} s  {r[kind]['s'] / r['stock']['s']:.2f}× stock  "
              f"peak {r[kind]['mib']:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
