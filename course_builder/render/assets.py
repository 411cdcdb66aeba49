"""The course's script and styles ship minified: they load on phones over slow links."""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

ASSET_DIR = Path("assets") / "course"


def minify_assets(site: Path) -> None:
    """Minify site/assets/course/*.js|css in place (idempotent: hooks may run once per language)."""
    for path in sorted((site / ASSET_DIR).glob("*")):
        if path.suffix == ".js":
            path.write_text(rjsmin.jsmin(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif path.suffix == ".css":
            path.write_text(rcssmin.cssmin(path.read_text(encoding="utf-8")), encoding="utf-8")
