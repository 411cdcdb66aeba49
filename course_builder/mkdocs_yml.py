"""The course's mkdocs.yml read as plain data, without importing MkDocs.

The generator needs a few things from it: ``site_url`` (calendars, the offline zip's links online), and for the printed
handbook (render/handbook.py) ``markdown_extensions``, so module bodies render as MkDocs renders
them, and Material's ``theme.palette``, so the site's stylesheet colours the handbook as the site.
Tags are read the way MkDocs reads them where that matters (``!ENV``); any other tag (``!relative``,
``!!python/name:…``) is read as nothing.
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml

# Extensions MkDocs always loads before those of mkdocs.yml (mkdocs/config/defaults.py).
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")


class _Loader(yaml.SafeLoader):
    pass


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)
        names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    for name in names:
        value = os.environ.get(str(name))
        if value:
            return value
    return default


_Loader.add_constructor("!ENV", _env_tag)
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def read(root: Path | None) -> dict:
    """``<root>/mkdocs.yml`` as a mapping; empty when there is none or it cannot be read."""
    if root is None:
        return {}
    try:
        config = yaml.load((Path(root) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


def markdown_extensions(config: dict) -> tuple[list[str], dict[str, dict]]:
    """The extension names and their configs, as MkDocs resolves ``markdown_extensions``: a list of
    names or one-key mappings (or one mapping), after MkDocs' built-ins, each name once.

    Options whose value is a tag read as nothing (e.g. ``slugify: !!python/name:…``) are left out,
    so the extension falls back to its default instead of receiving None."""
    value = config.get("markdown_extensions") or []
    items = list(value.items()) if isinstance(value, dict) else \
        [next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (item, None) for item in value]
    names: list[str] = list(MKDOCS_BUILTINS)
    configs: dict[str, dict] = {}
    for name, options in items:
        if not isinstance(name, str):
            continue
        if name not in names:
            names.append(name)
        if isinstance(options, dict):
            configs[name] = {k: v for k, v in options.items() if v is not None}
    return names, configs


def palette(config: dict) -> dict[str, str]:
    """The colour attributes Material writes on <body> for ``theme.palette`` (a mapping, or a list whose
    first entry is the default): scheme, primary, accent, with Material's defaults; none without a palette."""
    theme = config.get("theme")
    chosen = theme.get("palette") if isinstance(theme, dict) else None
    if isinstance(chosen, list):
        chosen = chosen[0] if chosen else None
    if not chosen:
        return {}
    chosen = chosen if isinstance(chosen, dict) else {}
    return {key: str(chosen.get(key) or default).replace(" ", "-")
            for key, default in (("scheme", "default"), ("primary", "indigo"), ("accent", "indigo"))}


def site_url(root: Path | None) -> str:
    """The site's absolute address, ending in "/", or "" when none is known. mkdocs.yml reads it from
    the ``SITE_URL`` environment variable (``!ENV [SITE_URL, "<default>"]``; CI sets it from GitHub Pages,
    ``serve`` from its address), so the same rule is applied here: the variable if set, else mkdocs.yml's."""
    url = os.environ.get("SITE_URL", "")
    if not url:
        url = str(read(root).get("site_url") or "")
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return ""
    return url if url.endswith("/") else url + "/"
