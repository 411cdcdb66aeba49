"""One search index per language instead of the merged one static-i18n writes."""
from __future__ import annotations

import json
from pathlib import Path


def split_search_index(site: Path) -> None:
    pass
