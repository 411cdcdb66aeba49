"""What a dirty preview build may skip (preview.body_only) and what it gives back (keep_titles)."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from course_builder.pipeline import write_docs
from course_builder.preview import body_only, keep_titles, page_head, read_heads

PAGE = "---\ntitle: First steps\ndescription: x\n---\n\n# First steps\n\nBody text.\n"


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    files = {"en/01/index.md": PAGE.encode(), "en/02/index.md": PAGE.replace("First", "Second").encode(),
             "en/buscar/search.json": b"[]"}
    write_docs({**files, ".generated": b"{}"}, docs)
    return docs


def _write(docs: Path, files: dict[str, str]) -> list[str]:
    current = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    return write_docs({**current, **{k: v.encode() for k, v in files.items()}}, docs)


def test_write_docs_returns_what_changed(tmp_path):
    docs = _docs(tmp_path)
    assert _write(docs, {}) == []
    assert _write(docs, {"en/01/index.md": PAGE + "More.\n"}) == ["en/01/index.md"]
    current = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    del current["en/02/index.md"]
    assert write_docs(current, docs) == ["en/02/index.md"]


def test_a_body_edit_is_body_only(tmp_path):
    docs = _docs(tmp_path)
    heads = read_heads(docs)
    changed = _write(docs, {"en/01/index.md": PAGE + "More.\n", "en/buscar/search.json": "[1]"})
    assert sorted(changed) == ["en/01/index.md", "en/buscar/search.json"]
    assert body_only(docs, changed, heads)


def test_titles_pages_added_or_removed_and_no_change_are_not(tmp_path):
    docs = _docs(tmp_path)
    heads = read_heads(docs)
    assert not body_only(docs, _write(docs, {"en/01/index.md": PAGE.replace("title: First", "title: 1st")}), heads)
    docs = _docs(tmp_path / "b")
    heads = read_heads(docs)
    assert not body_only(docs, _write(docs, {"en/01/index.md": PAGE.replace("# First", "# 1st")}), heads)
    assert not body_only(docs, _write(docs, {"en/03/index.md": PAGE}), heads)  # a new page
    (docs / "en/02/index.md").unlink()
    assert not body_only(docs, ["en/02/index.md"], heads)  # a removed one
    assert not body_only(docs, [], heads)  # nothing in docs/: the theme or mkdocs.yml changed


def test_page_head_is_front_matter_and_first_heading():
    assert page_head(PAGE) == "---\ntitle: First steps\ndescription: x\n---\n# First steps"
    assert page_head("Text\n\n# Title\n\n## Part\n") == "# Title"


def test_pages_left_unread_get_their_titles_back():
    def page(markdown, title=None):
        file = SimpleNamespace(abs_src_path="/d/en/01/index.md", dest_uri="en/01/index.html")
        file.page = SimpleNamespace(markdown=markdown, title=title, meta={"title": title} if title else {})
        return file

    titles: dict = {}
    keep_titles([page("# First", "First steps")], titles)
    unread = page(None)
    keep_titles([unread], titles)
    assert unread.page.title == "First steps" and unread.page.meta == {"title": "First steps"}
