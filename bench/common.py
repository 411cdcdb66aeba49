"""What every measurement of bench/ shares: project copies, the stock configuration, timing with the
peak memory of a whole process tree, and the Markdown table of bench/RESULTS.md."""
from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
BUILD = [PY, str(REPO / "build_course.py")]
MKDOCS = [PY, "-m", "mkdocs"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
SOURCES = ("course", "quizzes", "cases")


def copy_project(src: Path, dest: Path) -> Path:
    """The authored sources of ``src`` with this checkout's generator, so a bench never writes into
    the repository (site/, docs/, caches) and always measures the code beside it."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in SOURCES:
        if (src / name).is_dir():
            shutil.copytree(src / name, dest / name)
    shutil.copy2(src / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", dest / "overrides")
    (dest / "course_builder").symlink_to(REPO / "course_builder", target_is_directory=True)
    return dest


class _IgnoreEnvTag(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, default]` as its default, as MkDocs does without NAME set."""


_IgnoreEnvTag.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def stock_config(ours: dict, docs: Path, site: Path) -> dict:
    """The stock stack on our generated docs/: the same theme settings, languages and Markdown
    extensions, Material's search plugin on, and none of ours (no hooks, no custom_dir, no extra CSS)."""
    config = {k: v for k, v in ours.items() if k not in ("hooks", "watch", "extra_css", "plugins")}
    config["theme"] = {k: v for k, v in ours.get("theme", {}).items() if k != "custom_dir"}
    config.update(docs_dir=str(docs), site_dir=str(site), strict=False)
    i18n = next(p["i18n"] for p in ours["plugins"] if isinstance(p, dict) and "i18n" in p)
    config["plugins"] = ["search", {"i18n": dict(i18n, reconfigure_search=True)}]
    return config


def write_stock(project: Path, dest: Path) -> Path:
    """A stock MkDocs project in ``dest``: a copy of ``project``'s generated docs/ and its mkdocs.yml."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(project / "docs", dest / "docs", ignore=shutil.ignore_patterns(".generated"))
    ours = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreEnvTag)
    config = stock_config(ours, dest / "docs", dest / "site")
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest / "mkdocs.yml"


# --- processes -------------------------------------------------------------------------------------------

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_pids(pid: int) -> list[int]:
    tree, todo, seen = _children(), [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo.extend(tree.get(p, []))
    return seen


def _field(pid: int, name: str, fields: list[int]) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/{name}").read_text()
    except OSError:
        return [0] * len(fields)
    parts = text[text.rindex(")") + 2:].split() if name == "stat" else text.split()
    return [int(parts[i]) for i in fields]


def tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants now, in bytes."""
    page = os.sysconf("SC_PAGE_SIZE")
    return sum(_field(p, "statm", [1])[0] for p in tree_pids(pid)) * page


def tree_cpu(pid: int) -> int:
    """CPU ticks (user + system) used so far by ``pid`` and its live descendants."""
    # stat fields after the command: state ppid ... utime (index 11) stime (12) cutime (13) cstime (14)
    return sum(sum(_field(p, "stat", [11, 12, 13, 14])) for p in tree_pids(pid))


class PeakRss:
    """Samples the resident memory of a process tree every ``every`` seconds; keeps the peak."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        self.pid, self.every, self.peak = pid, every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(self.every)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, int]:
    """Wall time of ``cmd`` and the peak resident memory of its process tree (sampled)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = PeakRss(proc.pid)
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    peak = sampler.stop()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{err.decode(errors='replace')[-2000:]}")
    return elapsed, peak


# --- reporting --------------------------------------------------------------------------------------------

def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratio(ours: float, stock: float) -> str:
    return f"{ours / stock:.2f}×" if stock else "–"


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A Markdown table; floats get two decimals."""
    def cell(v: object) -> str:
        return f"{v:.2f}" if isinstance(v, float) else str(v)
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v).replace("|", "\\|") for v in row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> str:
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or platform.machine()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.1f} GiB; Linux {platform.release()}; Python "
            f"{platform.python_version()}; load average at the end {load}")
