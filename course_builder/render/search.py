"""One search index per language instead of the merged one static-i18n writes.

static-i18n stacks every language into site/search/search_index.json and every page loads it,
so an English search returns Spanish pages. We move each non-default language's entries to
site/<lang>/search/search_index.json (locations made relative to that language's root), and
the hooks point that language's pages at it through Material's `base`.
"""
from __future__ import annotations

import json
from pathlib import Path


def split_search_index(site: Path, default: str, others: list[str]) -> None:
    root_index = site / "search" / "search_index.json"
    if not root_index.is_file():
        return
    data = json.loads(root_index.read_text(encoding="utf-8"))
    docs = data.get("docs", [])
    buckets: dict[str, list[dict]] = {lang: [] for lang in [default, *others]}
    for doc in docs:
        location = doc.get("location", "")
        lang = next((o for o in others if location == f"{o}/" or location.startswith(f"{o}/")), default)
        if lang != default:
            doc = dict(doc, location=location[len(lang) + 1:])
        buckets[lang].append(doc)
    if not any(buckets[o] for o in others):
        return  # already split (hooks run once per language build)
    for lang, entries in buckets.items():
        target = root_index if lang == default else site / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = dict(data.get("config", {}), lang=[lang])
        target.write_text(json.dumps({"config": config, "docs": entries}, ensure_ascii=False,
                                     separators=(",", ":")), encoding="utf-8")
