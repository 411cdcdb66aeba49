"""What the calendar (.ics) files need from outside the course model: the site's address and the build time.

- ``site_url`` (mkdocs_yml.py): the one MkDocs uses.
- ``build_time``: DTSTAMP is when the file was made (RFC 5545), yet the same sources must give the same
  files: ``SOURCE_DATE_EPOCH`` if set (reproducible-builds.org), else the time of the last git commit
  that touched the sources, else the newest modification time among them.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from ..mkdocs_yml import site_url

SOURCES = ("course", "quizzes", "cases")


def absolute_url(root: Path | None, path: str) -> str:
    """``path`` (relative to the site root) as an absolute URL; "" when the site's address is unknown."""
    base = site_url(root)
    return base + path.lstrip("/") if base else ""


def build_time(root: Path | None) -> dt.datetime:
    """The build's timestamp (UTC, whole seconds): reproducible from the sources, see the module doc."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _utc(int(epoch))
    if root is not None:
        root = Path(root)
        folders = [name for name in SOURCES if (root / name).exists()]
        if folders:
            try:
                out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", *folders], cwd=root,
                                     capture_output=True, text=True, timeout=30, check=False)
                if out.returncode == 0 and out.stdout.strip().isdigit():
                    return _utc(int(out.stdout.strip()))
            except (OSError, subprocess.SubprocessError):
                pass
            newest = max((p.stat().st_mtime for name in folders for p in (root / name).rglob("*") if p.is_file()),
                         default=None)
            if newest is not None:
                return _utc(int(newest))
    return _utc(int(dt.datetime.now(dt.timezone.utc).timestamp()))


def _utc(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)


def ics_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
