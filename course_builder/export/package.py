"""What the whole-site exports (SCORM package, offline zip) share: the site built with links that name
…/index.html, the files of it they carry, and zip entries that are the same for the same site."""
from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..model import Course
from . import ExportResult

# Only useful on the web server (and they name the production URLs), or only to developer tools.
LEFT_OUT = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # fixed, so that the same site gives the same zip


@contextmanager
def file_site(course: Course, root: Path, what: str, result: ExportResult) -> Iterator[Path | None]:
    """The site built in a temporary folder with links naming …/index.html (for an LMS or a disk,
    where no web server finds folder indexes); None, with the reason in ``result``, when MkDocs fails."""
    from .. import pipeline
    from ..site import build_site
    pipeline.generate(course, root / "docs")
    with tempfile.TemporaryDirectory(prefix="export-") as tmp:
        site = Path(tmp) / "site"
        built = build_site(root, site, directory_urls=False)
        if not built.ok:
            result.fail(f"{pipeline.name_sources(built.output, course)}\nMkDocs failed: no {what} was written.")
            yield None
        else:
            yield site


def home_page(course: Course, lang: str) -> str:
    """The language's home page, relative to the site root."""
    return "index.html" if lang == course.default_language else f"{lang}/index.html"


def site_files(site: Path) -> dict[str, Path]:
    """Package path -> file, for every file of the built site that a package carries."""
    files = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and rel not in LEFT_OUT and not rel.endswith(".map"):
            files[rel] = path
    return files


def add_file(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    """One entry with a fixed date and mode, deflated at the highest level."""
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data, compresslevel=9)


def size_text(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"
