"""mdsource: the one scanner of authored Markdown (code fences, headings, links, markers, front matter),
and the readers that go through it."""
from __future__ import annotations

import shutil

from course_builder.diagnostics import has_errors
from course_builder.facilitator import split_notes
from course_builder.mdsource import (CODE, FENCE, TEXT, Heading, Link, Marker, heading, headings, links, markers,
                                     prose_lines, scan, split_front_matter)
from course_builder.pipeline import load
from course_builder.render.pages import PageRenderer
from course_builder.render.search import _sections
from course_builder.stats import count_words
from course_builder.translation import structure

from tests.conftest import FIXTURES


def kinds(body: str) -> str:
    return "".join({TEXT: "t", FENCE: "f", CODE: "c"}[line.kind] for line in scan(body))


def test_line_numbers_start_where_the_body_starts():
    lines = scan("a\n\n## b", first_line=7)
    assert [(line.number, line.text) for line in lines] == [(7, "a"), (8, ""), (9, "## b")]
    assert list(headings(lines)) == [Heading(9, 2, "b", None)]


def test_fences_of_backticks_and_tildes():
    assert kinds("a\n```\nx\n```\nb") == "tfcft"
    assert kinds("a\n~~~ python\nx\n~~~\nb") == "tfcft"
    # An indented fence (in a list item or an admonition) is a fence too.
    assert kinds("- item\n\n    ```\n    x\n    ```\nb") == "ttfcft"


def test_a_fence_is_closed_only_by_the_same_fence():
    # ``` inside ~~~ and ~~~ inside ``` are content, as in pymdownx.superfences.
    assert kinds("~~~\n```\n~~~\nend") == "fcft"
    assert kinds("```\n~~~\n```\nend") == "fcft"
    # Four backticks show a block that holds three: the inner fences are content.
    assert kinds("````\n```\n::: quiz x\n```\n````\nend") == "fcccft"
    # A longer run, or one with an info string, does not close it.
    assert kinds("```\n````\n```python\n```\nend") == "fccft"


def test_inline_code_at_the_start_of_a_line_is_not_a_fence():
    assert kinds("```x``` is code\n[a](b.md)") == "tt"
    assert [link.target for link in links(prose_lines(scan("```x``` is code [a](b.md)")))] == ["b.md"]


def test_an_unclosed_fence_runs_to_the_end():
    assert kinds("a\n```\n## b\n::: quiz q") == "tfcc"


def test_code_hides_headings_links_and_markers():
    body = "## Real\n[a](a.md)\n::: quiz q1\n```\n## Example\n[b](b.md)\n::: quiz q2\n```\n`[c](c.md)` [d](d.md)"
    lines = scan(body, first_line=5)
    assert [(h.line, h.text) for h in headings(lines)] == [(5, "Real")]
    assert [(link.line, link.col, link.target) for link in links(prose_lines(lines))] == \
        [(6, 1, "a.md"), (13, 13, "d.md")]
    assert list(markers(lines)) == [Marker(7, "::: quiz q1", "quiz", "q1")]


def test_prose_lines_skip_fences_and_blank_inline_code():
    body = "a `[x](y.md)` b\n```\n[x](y.md)\n```\n~~~\n```\n~~~\nend"
    assert list(prose_lines(scan(body, 7))) == [(7, "a " + " " * 11 + " b"), (14, "end")]


def test_headings_anchor_level_and_closing_hashes():
    parse = [heading(line) for line in scan("# One\n### Two { #two .x }\n## Three ##\n#NotOne\n####### seven")]
    assert parse == [Heading(1, 1, "One", None), Heading(2, 3, "Two", "two"), Heading(3, 2, "Three", None),
                     None, None]


def test_links_images_and_their_columns():
    found = list(links(prose_lines(scan('x ![](a.png) and [t \\] x](<b.md> "T") ![alt](c.svg)'))))
    assert found == [Link(1, 3, "a.png", "", True), Link(1, 18, "b.md", "t \\] x", False),
                     Link(1, 39, "c.svg", "alt", True)]


def test_markers_well_formed_or_not():
    found = list(markers(scan(":::quiz a\n::: programme\n::: quiz a b c\n :::indented\ntext ::: no")))
    assert found == [Marker(1, ":::quiz a", "quiz", "a"), Marker(2, "::: programme", "programme", None),
                     Marker(3, "::: quiz a b c", None, None)]


def test_front_matter_and_the_line_the_body_starts_on():
    assert split_front_matter("---\ntitle: A\n---\nbody\n") == ("title: A", "body\n", 4)
    assert split_front_matter("---\ntitle: A\n...\n# H") == ("title: A", "# H", 4)
    assert split_front_matter("title: A\n---\n") is None
    assert split_front_matter("---\ntitle: A\n") is None
    text = "---\ntitle: A\ndescription: B\n---\n\n## H\n"
    fm, body, first = split_front_matter(text)
    assert [h.line for h in headings(scan(body, first))] == [text.split("\n").index("## H") + 1]


def test_facilitator_notes_search_and_stats_leave_code_alone():
    body = ("Intro.\n\n```\n!!! facilitator \"Example\"\n    hidden?\n## Not a section\n```\n\n"
            "!!! facilitator \"Real\"\n    For trainers.\n\n## Section\n\nText.")
    kept, notes = split_notes(body)
    assert [n.title for n in notes] == ["Real"] and "!!! facilitator \"Example\"" in kept
    assert [title for title, _, _ in _sections(body)] == ["", "Section"]
    assert count_words("```python\nprint\n```\n::: quiz q\n| --- |\nTwo words") == 3


def test_translation_structure_counts_outside_code():
    course, _ = load(FIXTURES / "example_course")
    version = course.modules[0].versions["es"]
    from dataclasses import replace
    fenced = replace(version, body=version.body + "\n```\n## X\n- y\n[z](z.md)\n![](i.png)\n::: quiz q\n```\n")
    assert structure(fenced) == structure(version)
    assert structure(version)["images without alt"] == 0 and structure(version)["links"] == 2


def test_a_page_renders_code_blocks_as_written(tmp_path):
    """Links in a code block are not rewritten, a marker there is no widget, an image there is not lazy."""
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "example_course", root)
    example = "```markdown\n[segundo](../02-segundo-modulo/es.md)\n![x](niveles.svg)\n::: quiz q-nada\n```\n"
    for lang in ("es", "en"):
        path = root / "course" / "01-primeros-pasos" / f"{lang}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("## Refer", example + "\n## Refer"),
                        encoding="utf-8")
    course, diags = load(root)
    assert course is not None and not has_errors(diags), diags
    _, text = PageRenderer(course, "es").render_page(course.modules[0])
    assert example in text
    assert text.count('class="cb-quiz"') == 1
    # Outside the block, links are still rewritten and images lazy.
    assert "](../02-segundo-modulo/index.md#ideas)" in text and "(niveles.svg){ loading=lazy }" in text
