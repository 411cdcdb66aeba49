"""Per-file cache of parsed sources: an unchanged file is not parsed again.

One entry per source file under `<project>/.cache/course_builder/parsed/`, holding the SHA-256 of the
text it was made from and a marshal-able value (yamlsrc packs its located nodes). An entry is used
only when the text is exactly the same and it was written by the same code (this file, yamlsrc.py,
PyYAML, Python: `VERSION`), so nothing needs invalidating by hand; a damaged or foreign entry is a
miss. Entries are written atomically (temp file + rename); an unwritable folder only means no cache.

Like docs/, the cache belongs to projects that are built or previewed: it is written only where
docs/ exists, so checking a course (or a read-only copy of one) leaves its folder as it was.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path

import yaml

FOLDER = Path(".cache") / "course_builder" / "parsed"
DISABLE_ENV = "COURSE_BUILDER_NO_PARSE_CACHE"  # set to 1: always parse (benchmarks, debugging)
_HERE = Path(__file__).resolve().parent


def _version() -> bytes:
    digest = hashlib.sha256(f"{sys.version}|{yaml.__version__}|{marshal.version}".encode())
    for name in ("parsecache.py", "yamlsrc.py"):
        digest.update((_HERE / name).read_bytes())
    return digest.digest()


VERSION = _version()


def folder(root: Path, kind: str) -> Path | None:
    """``.cache/course_builder/<kind>/`` of a built project (docs/ exists), made if needed; None when
    caching is off or the folder cannot be made. Other caches (compiled templates) live beside ours."""
    if not _enabled() or not (root / "docs").is_dir():
        return None
    path = root / FOLDER.parent / kind
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def _entry(root: Path, rel: str) -> Path:
    return root / FOLDER / (hashlib.sha256(rel.encode()).hexdigest()[:32] + ".bin")


def _enabled() -> bool:
    return os.environ.get(DISABLE_ENV, "") in ("", "0")


def get(root: Path, rel: str, text: str) -> object | None:
    """The value stored for ``rel`` if it was made from exactly ``text`` by this code, else None."""
    if not _enabled():
        return None
    try:
        version, name, digest, value = marshal.loads(_entry(root, rel).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if version != VERSION or name != rel or digest != hashlib.sha256(text.encode()).digest():
        return None
    return value


def put(root: Path, rel: str, text: str, value: object) -> None:
    """Store ``value`` for ``rel`` made from ``text``; silently nothing when it cannot be written."""
    if not _enabled() or not (root / "docs").is_dir():
        return
    path = _entry(root, rel)
    try:
        data = marshal.dumps((VERSION, rel, hashlib.sha256(text.encode()).digest(), value))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):  # read-only project, disk full, or a value marshal cannot write
        pass
