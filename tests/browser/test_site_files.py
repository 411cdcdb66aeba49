"""The built site ships no file that none of its pages uses (a participant's offline cache and the
LMS package carry every file), and the service worker keeps each language apart."""
from __future__ import annotations

import json
import re

from course_builder.render.assets import TEXT_SUFFIXES


def test_every_asset_is_used_by_the_site(real_project):
    site = real_project / "site"
    texts = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
                      if p.is_file() and p.suffix in TEXT_SUFFIXES)
    assets = [p for p in (site / "assets").rglob("*") if p.is_file() and p.suffix != ".map"]
    assert assets and [p.relative_to(site).as_posix() for p in assets if p.name not in texts] == []
    assert not (site / "assets" / "javascripts" / "lunr").exists()  # Material's search: not used
    assert not (site / "assets" / "javascripts" / "workers").exists()


def test_the_service_worker_lists_each_language_apart(real_project):
    worker = (real_project / "site" / "sw.js").read_text(encoding="utf-8")
    langs = json.loads(re.search(r"const LANGS = (\{.*?\});", worker).group(1))
    shared = json.loads(re.search(r"const SHARED = (\[.*?\]);", worker).group(1))
    assert set(langs) == {"es", "en"}
    assert all(f.startswith("en/") for f in langs["en"]) and not any(f.startswith("en/") for f in langs["es"])
    assert all(f.startswith("assets/") for f in shared)
    assert "" in langs["es"] and "en/" in langs["en"] and "buscar/search.json" in langs["es"]
