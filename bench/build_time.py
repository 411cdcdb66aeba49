#!/usr/bin/env python3
"""Full `build_course.py build` next to a plain `mkdocs build` of the same generated docs/.

Prints the median of N runs of each and their ratio. A benchmark, not a test: figures are noisy
on a shared 2-core machine, so compare the ratio, not the seconds.

    .venv/bin/python bench/build_time.py [--runs 5] [--project .]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# MkDocs alone on the docs/ the warm-up wrote: the plugin is told docs/ is ready, as `build` tells it.
PLAIN = ("import sys; from pathlib import Path; from course_builder.site import run_mkdocs; "
         "sys.exit(not run_mkdocs(Path(sys.argv[1]), Path(sys.argv[2])).ok)")


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", type=Path, default=REPO)
    args = parser.parse_args()
    project = args.project.resolve()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryDirectory() as tmp:
        full_cmd = [sys.executable, str(REPO / "build_course.py"), "--project", str(project), "build",
                    "--site-dir", str(Path(tmp) / "site-full")]
        plain_cmd = [sys.executable, "-c", PLAIN, str(project), str(Path(tmp) / "site-plain")]
        timed(full_cmd, project, env)  # warm caches and make sure docs/ exists
        full, plain = [], []
        for _ in range(args.runs):  # interleaved, so drift in machine load hits both alike
            full.append(timed(full_cmd, project, env))
            plain.append(timed(plain_cmd, project, env))
    f, p = statistics.median(full), statistics.median(plain)
    print(f"project: {project}")
    print(f"build_course.py build (validate + generate + mkdocs + swap): median {f:.2f} s of {args.runs}")
    print(f"plain mkdocs build of the same docs/:                       median {p:.2f} s of {args.runs}")
    print(f"ratio full / plain: {f / p:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
