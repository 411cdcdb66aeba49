"""Run MkDocs into a temporary folder beside the target and swap it in only when it succeeded."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

DOCS_READY_ENV = "COURSE_BUILDER_DOCS_READY"


@dataclass
class MkDocsResult:
    ok: bool
    output: str


class _Terminated(Exception):
    pass


def _raise_terminated(signum, frame):  # noqa: ARG001
    raise _Terminated()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def remove_stale(site: Path) -> None:
    """Leftovers of a build that was killed outright (SIGKILL leaves no chance to clean up)."""
    for stale in site.parent.glob(f".{site.name}.build-*"):
        shutil.rmtree(stale, ignore_errors=True)


def build_site(root: Path, site: Path, config: Path | None = None, extra_args: tuple[str, ...] = (),
               env: dict[str, str] | None = None,
               before_swap: Callable[[Path], None] | None = None) -> MkDocsResult:
    """Build with MkDocs (strict) into a temp folder, then replace ``site``; on failure ``site`` is untouched."""
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(site)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}.build-", dir=site.parent))
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **{DOCS_READY_ENV: "1"}, **(env or {}))
        # Not --quiet: it hides warnings from the counter that makes --strict fail.
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "-f", str(config or root / "mkdocs.yml"), "-d", str(tmp), *extra_args]
        proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
        output = "\n".join(line for line in (proc.stdout + proc.stderr).splitlines()
                           if not line.startswith("INFO")).strip()
        if proc.returncode != 0 or not (tmp / "index.html").is_file():
            return MkDocsResult(False, output or f"mkdocs exited with {proc.returncode}")
        if before_swap:
            before_swap(tmp)  # e.g. print the PDF handbooks into the new site
        if site.exists():
            if not _exchange(tmp, site):
                old = site.with_name(f".{site.name}.build-old")
                os.rename(site, old)
                os.rename(tmp, site)
                tmp = old
        else:
            os.rename(tmp, site)
        return MkDocsResult(True, output)
    finally:
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(tmp, ignore_errors=True)
