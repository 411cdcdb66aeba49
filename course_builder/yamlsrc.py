"""Strict, located YAML: every value keeps its file, line and column; anything ambiguous is reported.

PyYAML's composer gives us nodes with marks. We never let PyYAML construct Python objects from
tags (no `!!python/...`), reject aliases (a small file must not expand into a huge one), reject
duplicate keys, and keep each scalar's resolved type so the schema can refuse `no` where text is
expected instead of silently turning it into False.

Most files have nothing to report, so they take a fast path: libyaml composes the whole document in
C and `_plain` converts it, giving up at the first thing it would have to report; only then is the
file composed again by the checked path, whose reports (and their marks) are the ones authors see.
Both run with the garbage collector paused: they build many small acyclic objects, and collections
triggered by them cost as much as the parsing (a paused collector only delays, it loses nothing).
"""
from __future__ import annotations

import datetime as _dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml

from . import parsecache
from .diagnostics import Mark, Reporter

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
_STD = "tag:yaml.org,2002:"
_SCALAR_TYPES = {"str", "int", "float", "bool", "null", "timestamp"}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _Refused(Exception):
    """Raised by the composer: a problem to report at ``mark`` instead of composing on."""

    def __init__(self, mark: yaml.Mark, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.mark, self.code, self.message, self.hint = mark, code, message, hint


class _Checks:
    """Composer rules: stop past MAX_DEPTH at the node where it happens (instead of a
    RecursionError with no location), and at the first alias (`*name`) itself."""

    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _Refused(self.peek_event().start_mark, "yaml.alias",
                           "YAML anchors and aliases (&name / *name) are not supported",
                           "write the value out in full")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH + 1:
                raise _Refused(self.peek_event().start_mark, "yaml.too-deep",
                               f"YAML is nested more than {MAX_DEPTH} levels deep",
                               "the course format never needs this much nesting; check the indentation")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Loader(_Checks, yaml.SafeLoader):
    """Pure-Python parsing: slower, but its error messages and marks are the ones we report."""


if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(_Checks, yaml.composer.Composer, yaml.cyaml.CParser, yaml.resolver.Resolver):
        """libyaml scans and parses (several times faster); the Python composer keeps the checks
        and the marks, and scalars resolve by the same YAML 1.1 rules as SafeLoader. Used first;
        a document it rejects is parsed again by _Loader for the error report."""

        def __init__(self, stream):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:  # pragma: no cover - PyYAML wheels ship libyaml
    _FastLoader = _Loader


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=_Loader)


if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(yaml.cyaml.CParser, yaml.resolver.Resolver):
        """libyaml scans, parses and composes (nodes with marks); same YAML 1.1 resolution as SafeLoader."""

        def __init__(self, stream):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.resolver.Resolver.__init__(self)
else:  # pragma: no cover
    _CLoader = None


@contextmanager
def _gc_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Report(Exception):
    """The fast path met something the checked path reports."""


_SCALAR = yaml.ScalarNode
_SEQ = yaml.SequenceNode
_STR, _SEQ_TAG, _MAP_TAG = _STD + "str", _STD + "seq", _STD + "map"


def _plain(root: yaml.Node, rel: str, line_offset: int) -> "YNode":
    """Located nodes from libyaml's tree, for a document with nothing to report (else _Report)."""
    seen: set[int] = set()
    line0 = line_offset + 1

    def convert(node: yaml.Node, depth: int) -> YNode:
        if depth > MAX_DEPTH or id(node) in seen:  # too deep, or an alias (libyaml shares the node)
            raise _Report
        seen.add(id(node))
        start = node.start_mark
        at = Mark(rel, start.line + line0, start.column + 1)
        tag = node.tag
        if node.__class__ is _SCALAR:
            if tag == _STR:
                return YScalar(at, node.value, "str", node.value)
            short = tag[len(_STD):] if tag.startswith(_STD) else None
            if short not in _SCALAR_TYPES:
                raise _Report
            return _scalar(at, node, short)
        if node.__class__ is _SEQ:
            if tag != _SEQ_TAG:
                raise _Report
            return YSeq(at, [convert(child, depth + 1) for child in node.value])
        if tag != _MAP_TAG:
            raise _Report
        items: dict[str, tuple[Mark, YNode]] = {}
        for knode, vnode in node.value:
            key = knode.value
            if knode.tag != _STR or knode.__class__ is not _SCALAR or key in items:
                raise _Report
            kstart = knode.start_mark
            items[key] = (Mark(rel, kstart.line + line0, kstart.column + 1), convert(vnode, depth + 1))
        return YMap(at, items)

    return convert(root, 0)


def _scalar(at: Mark, node: yaml.ScalarNode, short: str) -> "YScalar":
    """A non-text scalar with its YAML 1.1 value; one that does not construct stays text."""
    try:
        value: Any = _CONSTRUCTOR.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError):
        return YScalar(at, node.value, "str", node.value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        short = "timestamp"
    return YScalar(at, value, short, node.value)


def _fast(text: str, rel: str, line_offset: int) -> "YNode | None":
    """The document's located nodes, or None when the checked path must parse it (to report)."""
    if _CLoader is None:  # pragma: no cover
        return None
    loader = _CLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        return _plain(root, rel, line_offset)
    except Exception:  # noqa: BLE001 - whatever it is, the checked path meets it too and reports it
        return None
    finally:
        loader.dispose()


@dataclass
class YScalar:
    mark: Mark
    value: Any
    kind: str  # one of _SCALAR_TYPES
    raw: str


@dataclass
class YSeq:
    mark: Mark
    items: list["YNode"] = field(default_factory=list)


@dataclass
class YMap:
    mark: Mark
    # key -> (mark of the key, value)
    items: dict[str, tuple[Mark, "YNode"]] = field(default_factory=dict)

    def get(self, key: str) -> "YNode | None":
        entry = self.items.get(key)
        return entry[1] if entry else None

    def key_mark(self, key: str) -> Mark:
        return self.items[key][0]


YNode = Union[YScalar, YSeq, YMap]

KIND_NAMES = {
    "str": "text", "int": "a whole number", "float": "a number", "bool": "a true/false value",
    "null": "empty", "timestamp": "a date", "seq": "a list", "map": "a mapping (key: value)",
}


def kind_of(node: YNode) -> str:
    if isinstance(node, YMap):
        return "map"
    if isinstance(node, YSeq):
        return "seq"
    return node.kind


def read_text(path: Path, rep: Reporter) -> str | None:
    """Read a UTF-8 source file, reporting size, binary and encoding problems with a location."""
    rel = rep.rel(path)
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(rep.root.resolve()):
            rep.add(path, "file.symlink-outside", "symbolic link points outside the project",
                    "replace the link with a real file inside the repository")
            return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        rep.add(path, "file.unreadable", f"cannot read file: {exc.strerror}")
        return None
    if len(data) > MAX_BYTES:
        rep.add(path, "file.too-large",
                f"file is {len(data) // 1024} KiB; the limit is {MAX_BYTES // 1024} KiB",
                "split the content into several files")
        return None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        rep.add(Mark(rel, line, 1), "file.binary", "file contains a NUL byte: it is not a text file",
                "save it as plain UTF-8 text")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        # Columns count characters, as editors do: the bytes before the bad one are valid UTF-8.
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        rep.add(Mark(rel, line, col), "file.encoding", "file is not valid UTF-8",
                "re-save the file with UTF-8 encoding in your editor")
        return None
    # A BOM and Windows line endings are editor habits, not mistakes.
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def parse(text: str, rel: str, rep: Reporter, line_offset: int = 0) -> YNode | None:
    """Parse one YAML document into located nodes; report problems and return None on failure."""
    with _gc_paused():
        return _fast(text, rel, line_offset) or _checked(text, rel, rep, line_offset)


def _checked(text: str, rel: str, rep: Reporter, line_offset: int) -> YNode | None:

    def mark(m: yaml.Mark | None) -> Mark:
        if m is None:
            return Mark(rel, line_offset + 1, 1)
        return Mark(rel, m.line + 1 + line_offset, m.column + 1)

    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or "invalid YAML"
        hint = "YAML indents with spaces only; replace the tab" if "\\t" in problem or "'\\t'" in str(exc) \
            else "check indentation, colons and quotes on this line or the one before"
        rep.add(mark(exc.problem_mark), "yaml.syntax", f"YAML syntax error: {problem}", hint)
        return None
    except yaml.YAMLError as exc:
        rep.add(Mark(rel, line_offset + 1, 1), "yaml.syntax", f"YAML error: {exc}")
        return None
    except _Refused as exc:
        rep.add(mark(exc.mark), exc.code, exc.message, exc.hint)
        return None
    except RecursionError:
        rep.add(Mark(rel, line_offset + 1, 1), "yaml.too-deep", "YAML is nested far too deeply")
        return None
    if root is None:  # only comments or blank lines: an empty value, which the schema then reports
        return YScalar(Mark(rel, line_offset + 1, 1), None, "null", "")

    seen: set[int] = set()
    ok = True

    def convert(node: yaml.Node, depth: int) -> YNode | None:
        nonlocal ok
        at = mark(node.start_mark)
        if depth > MAX_DEPTH:
            rep.add(at, "yaml.too-deep", f"YAML is nested more than {MAX_DEPTH} levels deep",
                    "the course format never needs this much nesting; check the indentation")
            ok = False
            return None
        if id(node) in seen:
            rep.add(at, "yaml.alias", "YAML anchors and aliases (&name / *name) are not supported",
                    "write the value out in full")
            ok = False
            return None
        seen.add(id(node))
        tag = node.tag or ""
        short = tag[len(_STD):] if tag.startswith(_STD) else None
        if isinstance(node, yaml.ScalarNode):
            if short not in _SCALAR_TYPES:
                rep.add(at, "yaml.tag", f"YAML tag '{tag}' is not allowed",
                        "remove the '!' tag; write plain text in quotes")
                ok = False
                return None
            return YScalar(at, node.value, "str", node.value) if short == "str" else _scalar(at, node, short)
        if isinstance(node, yaml.SequenceNode):
            if short != "seq":
                rep.add(at, "yaml.tag", f"YAML tag '{tag}' is not allowed", "remove the '!' tag")
                ok = False
                return None
            seq = YSeq(at)
            for child in node.value:
                item = convert(child, depth + 1)
                if item is not None:
                    seq.items.append(item)
            return seq
        if isinstance(node, yaml.MappingNode):
            if short != "map":
                rep.add(at, "yaml.tag", f"YAML tag '{tag}' is not allowed", "remove the '!' tag")
                ok = False
                return None
            ymap = YMap(at)
            for knode, vnode in node.value:
                kat = mark(knode.start_mark)
                if not isinstance(knode, yaml.ScalarNode) or knode.tag != _STD + "str":
                    shown = knode.value if isinstance(knode, yaml.ScalarNode) else "…"
                    rep.add(kat, "yaml.key-type", f"key '{shown}' must be plain text",
                            "keys are words such as 'title' or 'es'; quote it if it is meant as text")
                    ok = False
                    continue
                key = knode.value
                if key in ymap.items:
                    first = ymap.items[key][0]
                    rep.add(kat, "yaml.duplicate-key",
                            f"duplicate key '{key}' (first defined at line {first.line})",
                            "remove or rename one of the two")
                    continue
                value_node = convert(vnode, depth + 1)
                if value_node is not None:
                    ymap.items[key] = (kat, value_node)
            return ymap
        return None

    try:
        result = convert(root, 0)
    except RecursionError:
        rep.add(Mark(rel, line_offset + 1, 1), "yaml.too-deep", "YAML is nested far too deeply")
        return None
    return result if ok else None


def load_file(path: Path, rep: Reporter) -> YNode | None:
    """A whole source file's located nodes; an unchanged file comes from parsecache."""
    text = read_text(path, rep)
    if text is None:
        return None
    if not text.strip():
        rep.add(path, "file.empty", "file is empty")
        return None
    rel = rep.rel(path)
    with _gc_paused():
        packed = parsecache.get(rep.root, rel, text)
        if packed is not None:
            return _unpack(packed, rel)
        reported = len(rep.items)
        node = parse(text, rel, rep)
        if node is not None and len(rep.items) == reported:  # only what parsed cleanly: reports are not stored
            try:
                parsecache.put(rep.root, rel, text, _pack(node))
            except _Report:  # a date: marshal has no type for it, and such files are few and small
                pass
        return node


def _pack(node: YNode) -> tuple:
    """Marshal-able form: scalar (line, col, value, kind, raw), seq (line, col, [items]),
    map (line, col, {key: (line, col, value)}); the file name is the cache entry's."""
    m = node.mark
    if isinstance(node, YScalar):
        if node.kind == "timestamp":
            raise _Report
        return (m.line, m.col, node.value, node.kind, node.raw)
    if isinstance(node, YSeq):
        return (m.line, m.col, [_pack(item) for item in node.items])
    return (m.line, m.col, {k: (km.line, km.col, _pack(v)) for k, (km, v) in node.items.items()})


def _unpack(packed: tuple, rel: str) -> YNode:
    if len(packed) == 5:
        line, col, value, kind, raw = packed
        return YScalar(Mark(rel, line, col), value, kind, raw)
    line, col, inner = packed
    if isinstance(inner, list):
        return YSeq(Mark(rel, line, col), [_unpack(item, rel) for item in inner])
    return YMap(Mark(rel, line, col), {k: (Mark(rel, kl, kc), _unpack(v, rel)) for k, (kl, kc, v) in inner.items()})
