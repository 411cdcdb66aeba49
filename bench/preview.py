#!/usr/bin/env python3
"""Preview latency: `build_course.py serve` next to stock `mkdocs serve` (bench/common.stock_config),
both running, edits alternated between them.

An edit appends a unique line to a module's Markdown (ours: course/<module>/<lang>.md, the authored
source; stock: docs/<lang>/<module>/index.md, its source). Measured from the write:
  page   until the served page contains the line (polled over HTTP every 50 ms)
  idle   until the server's process tree stops using CPU: the start of the first 0.5 s in which the
         utime + stime of the tree (from /proc) grow by less than 2 ticks
And, with nothing edited, the CPU the waiting server uses (% of one core over IDLE_CPU_S seconds):
watching the sources costs that much all day long.

    .venv/bin/python bench/preview.py [--runs 3] [--project .] [--module 01-marco-conceptual]
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BUILD, ENV, MKDOCS, REPO, copy_project, median, timed, tree_cpu, write_stock  # noqa: E402

QUIET_S, TICKS, TIMEOUT_S, IDLE_CPU_S = 0.5, 2, 180, 10
TICK_S = 1 / os.sysconf("SC_CLK_TCK")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def wait_idle(pid: int, since: float) -> float:
    """Seconds from ``since`` until the tree of ``pid`` went quiet (see the module docstring)."""
    last_busy, last = time.perf_counter(), tree_cpu(pid)
    window_start, window_cpu = last_busy, last
    while time.perf_counter() - since < TIMEOUT_S:
        time.sleep(0.1)
        now, cpu = time.perf_counter(), tree_cpu(pid)
        if cpu - window_cpu >= TICKS:
            last_busy, window_start, window_cpu = now, now, cpu
        elif now - window_start >= QUIET_S:
            return last_busy - since
    raise TimeoutError("the server never went idle")


class Server:
    def __init__(self, cmd: list[str], cwd: Path, url: str) -> None:
        self.url = url
        # Its own session, so stop() ends exactly this server and its children.
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        start = time.perf_counter()
        while not _get(url):
            if self.proc.poll() is not None or time.perf_counter() - start > TIMEOUT_S:
                raise RuntimeError(f"{' '.join(cmd)} did not start")
            time.sleep(0.2)
        wait_idle(self.proc.pid, time.perf_counter())

    def edit(self, source: Path, page: str, marker: str) -> tuple[float, float]:
        wait_idle(self.proc.pid, time.perf_counter())
        start = time.perf_counter()
        with source.open("a", encoding="utf-8") as f:
            f.write(f"\n\n{marker}\n")
        while marker not in _get(self.url + page):
            if time.perf_counter() - start > TIMEOUT_S:
                raise TimeoutError(f"{marker} never appeared at {self.url + page}")
            time.sleep(0.05)
        shown = time.perf_counter() - start
        return shown, max(shown, wait_idle(self.proc.pid, start))

    def waiting_cpu(self, seconds: float = IDLE_CPU_S) -> float:
        """Percent of one core the server's tree uses while nothing happens."""
        wait_idle(self.proc.pid, time.perf_counter())
        start, before = time.perf_counter(), tree_cpu(self.proc.pid)
        time.sleep(seconds)
        return 100 * (tree_cpu(self.proc.pid) - before) * TICK_S / (time.perf_counter() - start)

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def measure(project: Path, module: str, runs: int, work: Path) -> dict[str, dict[str, float]]:
    """{"ours es"|"stock es"|...: {"page": median s, "idle": median s, "cpu": % of a core waiting}} for
    edits of ``module``."""
    ours = copy_project(project, work / "ours")
    timed([*BUILD, "--project", str(ours), "-q", "build", "--site-dir", str(ours / "site")])
    stock_yml = write_stock(ours, work / "stock")
    mount = urlsplit(yaml.safe_load(stock_yml.read_text(encoding="utf-8"))["site_url"]).path.rstrip("/")
    p1, p2 = _port(), _port()
    servers = {"ours": Server([*BUILD, "--project", str(ours), "-q", "serve", "--dev-addr", f"127.0.0.1:{p1}"],
                              ours, f"http://127.0.0.1:{p1}/")}
    try:
        servers["stock"] = Server([*MKDOCS, "serve", "-q", "-f", str(stock_yml), "--dev-addr", f"127.0.0.1:{p2}"],
                                  stock_yml.parent, f"http://127.0.0.1:{p2}{mount}/")
        cpu = {name: server.waiting_cpu() for name, server in servers.items()}
        results: dict[str, list[tuple[float, float]]] = {}
        for run in range(runs):
            for lang in ("es", "en"):
                page = f"{module}/" if lang == "es" else f"{lang}/{module}/"
                for name, server in servers.items():  # alternated: load drift hits both alike
                    source = (ours / "course" / module / f"{lang}.md" if name == "ours"
                              else stock_yml.parent / "docs" / lang / module / "index.md")
                    results.setdefault(f"{name} {lang}", []).append(
                        server.edit(source, page, f"Bench edit {run} {lang} {name} {time.time_ns()}"))
    finally:
        for server in servers.values():
            server.stop()
    return {k: {"page": median([p for p, _ in v]), "idle": median([i for _, i in v]), "cpu": cpu[k.split()[0]]}
            for k, v in results.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--project", type=Path, default=REPO)
    parser.add_argument("--module", default="01-marco-conceptual")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as tmp:
        r = measure(args.project.resolve(), args.module, args.runs, Path(tmp))
    for key, v in r.items():
        print(f"{key:9} page {v['page']:6.2f} s  idle {v['idle']:6.2f} s  waiting {v['cpu']:5.2f} % of a core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
