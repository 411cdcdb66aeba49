"""Tables with a header row are framed, classed and labelled at build time (render/tables.py), as
Material's script and site.js did in the browser; other tables are left to the theme."""
from __future__ import annotations

import markdown

from course_builder.render.tables import prepare_tables

FRAME = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="cb-table">'


def md(text: str) -> str:
    return markdown.markdown(text, extensions=["tables"])


def test_a_markdown_table_is_framed_and_each_cell_carries_its_column_label():
    html = md('| **Bold** "q" &lt;x&gt; & [link](u) | `a<b` | |\n|:---|:-:|--:|\n'
              '| *one* | [two](t) | three |\n| four | `5` | six |')
    out = prepare_tables(html)
    assert out.startswith(FRAME + "\n<thead>") and out.endswith("</table></div></div>")
    assert out.count("md-typeset__scrollwrap") == 1
    # The header's plain text, escaped for an attribute; an empty header gives no label.
    assert ('<td style="text-align: left;" data-label="Bold &quot;q&quot; &lt;x&gt; &amp; link"><em>one</em></td>\n'
            '<td style="text-align: center;" data-label="a&lt;b"><a href="t">two</a></td>\n'
            '<td style="text-align: right;">three</td>') in out
    assert '<td style="text-align: center;" data-label="a&lt;b"><code>5</code></td>' in out
    # Nothing else changes: the header row, the alignment, the cells' content.
    undone = out.replace(FRAME, "<table>").replace("</table></div></div>", "</table>")
    for label in ('Bold &quot;q&quot; &lt;x&gt; &amp; link', "a&lt;b"):
        undone = undone.replace(f' data-label="{label}"', "")
    assert undone == html


def test_two_tables_each_with_its_own_labels():
    html = md("| A | B |\n|---|---|\n| 1 | 2 |\n\ntext\n\n| C |\n|---|\n| 3 |")
    assert prepare_tables(html) == (
        f"{FRAME}\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
        '<td data-label="A">1</td>\n<td data-label="B">2</td>\n</tr>\n</tbody>\n</table></div></div>\n<p>text</p>\n'
        f"{FRAME}\n<thead>\n<tr>\n<th>C</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
        '<td data-label="C">3</td>\n</tr>\n</tbody>\n</table></div></div>')


def test_tables_without_a_header_row_or_with_a_class_are_left_to_the_theme():
    kept = ['<table>\n<tbody>\n<tr>\n<td>no header</td>\n</tr>\n</tbody>\n</table>',
            md("| H |\n|---|\n| x |").replace("<table>", '<table class="mine">'),
            '<table class>\n<thead><tr><th>H</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>',
            '<!-- <table><thead><tr><th>H</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table> -->',
            '<p>no table at all &lt;table&gt;</p>']
    for html in kept:
        assert prepare_tables(html) == html, html


def test_raw_html_tables_keep_their_attributes_and_their_own_labels():
    html = ('<table id="t"><thead><tr><th scope="col">Time</th><th scope="col">Topic</th></tr></thead><tbody>\n'
            '<tr><td>10:00</td><td data-label="Own">Opening</td></tr>\n</tbody></table>')
    assert prepare_tables(html) == (
        FRAME[:-1] + ' id="t"><thead><tr><th scope="col">Time</th><th scope="col">Topic</th></tr></thead><tbody>\n'
        '<tr><td data-label="Time">10:00</td><td data-label="Own">Opening</td></tr>\n</tbody></table></div></div>')


def test_a_table_inside_another_is_framed_but_not_the_outer_one():
    inner = "<table><thead><tr><th>In</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>"
    html = f"<table><thead><tr><th>Out</th></tr></thead><tbody><tr><td>{inner}</td></tr></tbody></table>"
    assert prepare_tables(html) == ("<table><thead><tr><th>Out</th></tr></thead><tbody><tr><td>"
                                    f'{FRAME}<thead><tr><th>In</th></tr></thead><tbody><tr><td data-label="In">x</td>'
                                    "</tr></tbody></table></div></div></td></tr></tbody></table>")
