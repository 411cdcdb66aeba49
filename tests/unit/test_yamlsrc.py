"""yamlsrc: located YAML values, refused YAML features, and how source files are read."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from course_builder import yamlsrc
from course_builder.diagnostics import Diagnostic, Mark, Reporter, Severity, summary
from course_builder.yamlsrc import YMap, YScalar, YSeq, kind_of, load_file, parse, read_text


def _parse(text: str, line_offset: int = 0):
    rep = Reporter(Path("/project"))
    return parse(text, "f.yml", rep, line_offset), [(d.line, d.col, d.code, d.message) for d in rep.items]


def test_values_keep_their_key_and_value_marks():
    node, diags = _parse("title: {es: Hola, en: Hi}\nitems:\n  - uno\n  - dos\n")
    assert diags == []
    assert isinstance(node, YMap) and list(node.items) == ["title", "items"]
    assert node.key_mark("items") == Mark("f.yml", 2, 1)
    title = node.get("title")
    assert isinstance(title, YMap) and title.mark == Mark("f.yml", 1, 8)
    assert title.get("en") == YScalar(Mark("f.yml", 1, 23), "Hi", "str", "Hi")
    items = node.get("items")
    assert isinstance(items, YSeq) and [i.value for i in items.items] == ["uno", "dos"]
    assert [i.mark.line for i in items.items] == [3, 4]
    assert (kind_of(node), kind_of(items), kind_of(items.items[0])) == ("map", "seq", "str")


def test_scalar_kinds_are_kept_so_the_schema_can_refuse_them():
    node, _ = _parse('a: yes\nb: "yes"\nc: 1.0\nd: 2021-06-18\ne: ~\nf: 10:00\ng: 2021-13-45\nh: 7\n')
    got = {k: (v.kind, v.value) for k, (_, v) in node.items.items()}
    assert got == {
        "a": ("bool", True), "b": ("str", "yes"), "c": ("float", 1.0), "d": ("timestamp", dt.date(2021, 6, 18)),
        "e": ("null", None), "f": ("int", 600),  # YAML 1.1 sexagesimal: why times must be quoted
        "g": ("str", "2021-13-45"), "h": ("int", 7),
    }
    assert node.get("a").raw == "yes"


def test_duplicate_key_names_both_lines_and_keeps_the_first_value():
    node, diags = _parse("a: 1\nb: 2\na: 3\n")
    assert diags == [(3, 1, "yaml.duplicate-key", "duplicate key 'a' (first defined at line 1)")]
    assert node.get("a").value == 1


def test_line_offset_moves_every_mark():
    node, diags = _parse("title: x\ntitle: y\n", line_offset=1)
    assert node.key_mark("title") == Mark("f.yml", 2, 1)
    assert diags == [(3, 1, "yaml.duplicate-key", "duplicate key 'title' (first defined at line 2)")]


@pytest.mark.parametrize("text, expected", [
    ("a: !!python/object:os.system x\n", (1, 4, "yaml.tag")),
    ("a: !!python/object/apply:os.system [ls]\n", (1, 4, "yaml.tag")),
    ("a: !custom {b: 1}\n", (1, 4, "yaml.tag")),
    ("a: &x hola\nb: *x\n", (2, 4, "yaml.alias")),
    ("1: uno\n", (1, 1, "yaml.key-type")),
    ("a: b: c\n", (1, 5, "yaml.syntax")),
    ("a:\n\tb: 1\n", (2, 1, "yaml.syntax")),
])
def test_refused_yaml_returns_none_with_a_located_error(text, expected):
    node, diags = _parse(text)
    assert node is None
    assert [d[:3] for d in diags] == [expected]


def test_tab_error_hint_says_to_replace_the_tab():
    rep = Reporter(Path("/project"))
    parse("a:\n\tb: 1\n", "f.yml", rep)
    assert rep.items[0].hint == "YAML indents with spaces only; replace the tab"


@pytest.mark.parametrize("depth, error", [(41, None), (42, (1, 42, "yaml.too-deep")), (5000, (1, 42, "yaml.too-deep"))])
def test_nesting_limit_is_exact_and_located(depth, error):
    node, diags = _parse("[" * depth + "]" * depth)
    assert [d[:3] for d in diags] == ([error] if error else [])
    assert (node is None) == bool(error)


def test_comment_only_document_is_an_empty_value_not_a_silent_none():
    node, diags = _parse("# nothing yet\n", line_offset=1)
    assert diags == []
    assert node == YScalar(Mark("f.yml", 2, 1), None, "null", "")


def test_read_text_drops_bom_and_normalizes_line_endings(tmp_path):
    path = tmp_path / "a.yml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\rc: 3\n")
    rep = Reporter(tmp_path)
    assert read_text(path, rep) == "a: 1\nb: 2\nc: 3\n"
    assert rep.items == []


def test_read_text_encoding_error_column_counts_characters(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("línea 1\nñandú \xe9".encode("utf-8")[:-2] + b"\xe9")  # 'ñandú ' then a Latin-1 byte
    rep = Reporter(tmp_path)
    assert read_text(path, rep) is None
    assert [(d.path, d.line, d.col, d.code) for d in rep.items] == [("a.md", 2, 7, "file.encoding")]


def test_read_text_refuses_large_and_binary_files(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsrc, "MAX_BYTES", 10)
    big, binary = tmp_path / "big.yml", tmp_path / "bin.yml"
    big.write_bytes(b"a: 12345678\n")
    binary.write_bytes(b"a: 1\nb\x00\n")
    rep = Reporter(tmp_path)
    assert read_text(big, rep) is None
    monkeypatch.setattr(yamlsrc, "MAX_BYTES", 1024)
    assert read_text(binary, rep) is None
    assert [(d.path, d.line, d.code) for d in rep.items] == [("big.yml", 0, "file.too-large"), ("bin.yml", 2, "file.binary")]


def test_symlink_outside_is_refused_and_named_by_its_own_path(tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text("a: 1\n")
    root = tmp_path / "project"
    (root / "quizzes").mkdir(parents=True)
    (root / "quizzes" / "q.yml").symlink_to(outside)
    (root / "quizzes" / "inside.yml").symlink_to(root / "quizzes" / "real.yml")
    (root / "quizzes" / "real.yml").write_text("a: 2\n")
    rep = Reporter(root)
    assert load_file(root / "quizzes" / "q.yml", rep) is None
    assert load_file(root / "quizzes" / "inside.yml", rep).get("a").value == 2
    assert [(d.path, d.code) for d in rep.items] == [("quizzes/q.yml", "file.symlink-outside")]
    assert rep.rel(root / "quizzes" / "inside.yml") == "quizzes/inside.yml"


def test_load_file_reports_empty_file(tmp_path):
    (tmp_path / "e.yml").write_text(" \n\n")
    rep = Reporter(tmp_path)
    assert load_file(tmp_path / "e.yml", rep) is None
    assert [(d.path, d.line, d.code, d.message) for d in rep.items] == [("e.yml", 0, "file.empty", "file is empty")]


def test_diagnostic_format_and_summary():
    located = Diagnostic("q.yml", 3, 5, Severity.ERROR, "quiz.x", "bad", "fix it")
    whole = Diagnostic("q.yml", 0, 0, Severity.WARNING, "quiz.y", "meh")
    assert located.format() == "q.yml:3:5: error[quiz.x]: bad\n    hint: fix it"
    assert whole.format() == "q.yml: warning[quiz.y]: meh"
    assert whole.format_github() == "::warning file=q.yml,line=1,col=1,title=quiz.y::meh"
    note = Diagnostic("p.md", 1, 1, Severity.NOTE, "page.review", "r")
    assert summary([located, whole, note]) == "1 error, 1 warning in 1 file (1 note)."
    assert summary([note]) == "No problems found. 1 note for trainers."
    assert sorted([located, whole]) == [whole, located]  # whole-file problems first


_SOURCES = sorted(p for base in (Path(__file__).resolve().parents[1] / "fixtures" / "example_course",
                                 Path(__file__).resolve().parents[2])
                  for folder in ("course", "quizzes", "cases") for p in (base / folder).rglob("*.yml"))


@pytest.mark.parametrize("path", _SOURCES, ids=lambda p: "/".join(p.parts[-3:]))
def test_the_fast_path_gives_the_nodes_of_the_checked_path(path):
    text = path.read_text(encoding="utf-8")
    rep = Reporter(Path("/project"))
    checked = yamlsrc._checked(text, "f.yml", rep, 3)
    assert rep.items == [] and checked is not None
    assert yamlsrc._fast(text, "f.yml", 3) == checked


@pytest.mark.parametrize("text", [
    "a: &x hola\nb: *x\n", "a: &x [1]\nb: *x\n", "a: !custom 1\n", "a: !!python/object:os.system x\n",
    "1: uno\n", "[a]: 1\n", "a: 1\na: 2\n", "[" * 42 + "]" * 42, "a: b: c\n", "a: 1\n---\nb: 2\n", "# only a comment\n",
])
def test_the_fast_path_leaves_every_document_with_something_to_report_to_the_checked_path(text):
    assert yamlsrc._fast(text, "f.yml", 0) is None
    assert yamlsrc._fast("[" * 41 + "]" * 41, "f.yml", 0) is not None  # the limit itself is fine


def test_parsing_leaves_the_garbage_collector_as_it_was():
    import gc
    assert gc.isenabled()
    _parse("a: 1\n")
    _parse("a: &x 1\nb: *x\n")
    assert gc.isenabled()
    gc.disable()
    try:
        _parse("a: 1\n")
        assert not gc.isenabled()
    finally:
        gc.enable()
