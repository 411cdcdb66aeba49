"""Typed, located reading of YAML mappings: required keys, types, known keys, both languages."""
from __future__ import annotations

import difflib
import re
from typing import Iterable

from .diagnostics import Mark, Reporter
from .yamlsrc import KIND_NAMES, YMap, YNode, YScalar, YSeq, kind_of

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def _quote_hint(node: YNode) -> str:
    if isinstance(node, YScalar) and node.kind in {"bool", "int", "float", "timestamp", "null"}:
        if node.kind == "null":
            return "write the text after the colon"
        return f'YAML reads {node.raw!r} as {KIND_NAMES[node.kind]}; put it in quotes: "{node.raw}"'
    return ""


class Fields:
    """Reads the keys of one YAML mapping, reporting every problem against its line."""

    def __init__(self, rep: Reporter, node: YNode | None, what: str, known: Iterable[str],
                 langs: tuple[str, ...], at: Mark | None = None, check_keys: bool = True) -> None:
        self.rep = rep
        self.what = what
        self.langs = langs
        self.ok = True
        self.map: YMap | None = None
        if isinstance(node, YMap):
            self.map = node
            known = tuple(known)
            for key, (kmark, _) in node.items.items():
                if check_keys and key not in known:
                    hint = did_you_mean(key, known) or f"known keys: {', '.join(known)}"
                    self.error(kmark, "schema.unknown-key", f"{what}: unknown key '{key}'", hint)
        elif node is not None:
            self.error(node.mark, "schema.type", f"{what} must be a mapping (key: value), not {KIND_NAMES[kind_of(node)]}")
        elif at is not None:
            self.error(at, "schema.type", f"{what} is empty")

    @property
    def mark(self) -> Mark | None:
        return self.map.mark if self.map else None

    def error(self, at: Mark, code: str, message: str, hint: str = "") -> None:
        self.ok = False
        self.rep.add(at, code, message, hint)

    def node(self, key: str, required: bool) -> YNode | None:
        if self.map is None:
            return None
        node = self.map.get(key)
        if node is None and required:
            self.error(self.map.mark, "schema.missing", f"{self.what}: missing required key '{key}'",
                       f"add '{key}:'")
        return node

    def _wrong(self, node: YNode, key: str, expected: str) -> None:
        self.error(node.mark, "schema.type",
                   f"{self.what}: '{key}' must be {expected}, not {KIND_NAMES[kind_of(node)]}",
                   _quote_hint(node) if expected == "text" else "")

    def text(self, key: str, required: bool = True) -> str | None:
        node = self.node(key, required)
        if node is None:
            return None
        return self.scalar_text(node, key)

    def scalar_text(self, node: YNode, key: str) -> str | None:
        if not isinstance(node, YScalar) or node.kind != "str":
            self._wrong(node, key, "text")
            return None
        if not node.value.strip():
            self.error(node.mark, "schema.empty", f"{self.what}: '{key}' is empty", "write the text")
            return None
        return node.value

    def slug(self, key: str, required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None and not SLUG.match(value):
            node = self.map.get(key) if self.map else None
            self.error(node.mark if node else Mark("", 0, 0), "schema.slug",
                       f"{self.what}: '{key}' must be a lowercase slug like 'm1-q3', not '{value}'",
                       "use lowercase letters, digits and hyphens")
            return None
        return value

    def integer(self, key: str, required: bool, lo: int, hi: int, default: int | None = None) -> int | None:
        node = self.node(key, required)
        if node is None:
            return default
        if not isinstance(node, YScalar) or node.kind != "int":
            self._wrong(node, key, "a whole number")
            return default
        if not lo <= node.value <= hi:
            self.error(node.mark, "schema.range", f"{self.what}: '{key}' must be between {lo} and {hi}, not {node.value}")
            return default
        return int(node.value)

    def number(self, key: str, required: bool, lo: float, hi: float, default: float) -> float:
        node = self.node(key, required)
        if node is None:
            return default
        if not isinstance(node, YScalar) or node.kind not in {"int", "float"}:
            self._wrong(node, key, "a number")
            return default
        if not lo <= node.value <= hi:
            self.error(node.mark, "schema.range", f"{self.what}: '{key}' must be between {lo} and {hi}")
            return default
        return float(node.value)

    def boolean(self, key: str, required: bool, default: bool = False) -> bool | None:
        node = self.node(key, required)
        if node is None:
            return default if not required else None
        if not isinstance(node, YScalar) or node.kind != "bool":
            hint = "write true or false" + (
                f" (YAML does not read {node.raw!r} as true/false)" if isinstance(node, YScalar) else "")
            self.error(node.mark, "schema.type",
                       f"{self.what}: '{key}' must be true or false, not {KIND_NAMES[kind_of(node)]}", hint)
            return None
        return bool(node.value)

    def choice(self, key: str, allowed: tuple[str, ...], required: bool, default: str | None = None) -> str | None:
        node = self.node(key, required)
        if node is None:
            return default
        value = self.scalar_text(node, key)
        if value is None:
            return None
        if value not in allowed:
            hint = did_you_mean(value, allowed) or f"use one of: {', '.join(allowed)}"
            self.error(node.mark, "schema.choice", f"{self.what}: '{key}' is '{value}'; it must be one of {', '.join(allowed)}", hint)
            return None
        return value

    def seq(self, key: str, required: bool = True, min_items: int = 0) -> list[YNode] | None:
        node = self.node(key, required)
        if node is None:
            return None
        if not isinstance(node, YSeq):
            self.error(node.mark, "schema.type", f"{self.what}: '{key}' must be a list (lines starting with '- '), "
                       f"not {KIND_NAMES[kind_of(node)]}")
            return None
        if len(node.items) < min_items:
            self.error(node.mark, "schema.too-few", f"{self.what}: '{key}' needs at least {min_items} "
                       f"item{'s' * (min_items != 1)}, it has {len(node.items)}")
        return node.items

    def text_list(self, key: str, required: bool = True, min_items: int = 0) -> tuple[str, ...]:
        items = self.seq(key, required, min_items)
        if items is None:
            return ()
        out = []
        for i, node in enumerate(items, 1):
            value = self.scalar_text(node, f"{key}[{i}]")
            if value is not None:
                out.append(value)
        return tuple(out)

    def localized(self, key: str, required: bool = True) -> dict[str, str] | None:
        node = self.node(key, required)
        if node is None:
            return None
        return self.localized_node(node, key)

    def localized_node(self, node: YNode, key: str) -> dict[str, str] | None:
        if not isinstance(node, YMap):
            hint = f"write it as {{{', '.join(f'{lang}: ...' for lang in self.langs)}}}"
            self.error(node.mark, "schema.type",
                       f"{self.what}: '{key}' must have one text per language, not {KIND_NAMES[kind_of(node)]}", hint)
            return None
        sub = Fields(self.rep, node, f"{self.what}: '{key}'", self.langs, self.langs)
        out: dict[str, str] = {}
        for lang in self.langs:
            if node.get(lang) is None:
                sub.error(node.mark, "i18n.missing-language", f"{self.what}: '{key}' has no '{lang}' text",
                          f"add '{lang}: \"...\"' — every text must exist in all languages")
                continue
            value = sub.text(lang)
            if value is not None:
                out[lang] = value
        if not sub.ok:
            self.ok = False
        return out if len(out) == len(self.langs) else None
