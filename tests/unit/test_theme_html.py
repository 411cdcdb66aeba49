"""The theme's part of every page made lighter: indentation out (render/whitespace.py) and icons
drawn from site.css (render/icons.py); the page content and anything whose blanks matter untouched."""
from __future__ import annotations

from course_builder.render.icons import add_icon_css, icon_css, mask_icons
from course_builder.render.whitespace import compact_theme

ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>'
ARTICLE = ('<article class="md-content__inner md-typeset">\n    <p>kept\n      as written</p>\n'
           f'    {ICON}\n</article>')
HEAD = '<link rel="stylesheet" href="../assets/course/site.css">'


def page(nav: str) -> str:
    return f"<html>\n  <head>\n    {HEAD}\n  </head>\n  <body>\n    {nav}\n    {ARTICLE}\n  </body>\n</html>"


def test_indentation_goes_outside_the_content_only():
    html = page('<nav>\n      <a href="x">\n        Title\n      </a>\n    </nav>')
    out = compact_theme(html)
    assert '<nav>\n<a href="x">\nTitle\n</a>\n</nav>' in out
    assert ARTICLE in out
    assert out.startswith("<html>\n<head>\n")


def test_blanks_that_matter_are_kept():
    kept = ['<pre><code>a\n    b</code></pre>', '<textarea>\n  x\n</textarea>', '<code>a\n   b</code>',
            '<script>var a;\n    var b;</script>', '<span title="one\n    two">t</span>', '<!-- a\n    b -->']
    for fragment in kept:
        assert fragment in compact_theme(page(fragment)), fragment
    # A no-break space is content, not indentation.
    assert "a\u00a0\nb" in compact_theme(page("<p>a\u00a0\n   b</p>"))


def test_icons_outside_the_content_come_from_the_stylesheet():
    icons: dict[str, str] = {}
    out = mask_icons(page(f"<header><a>{ICON}</a></header>"), icons)
    [name] = icons
    assert f'<header><a><svg class="cb-i {name}" viewBox="0 0 24 24"></svg></a></header>' in out
    assert ARTICLE in out  # an icon inside the content stays inline
    css = icon_css(icons)
    assert f".{name}{{--cb-i:url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg' " \
           "viewBox='0 0 24 24'><path d='M3 6h18v2H3z'/></svg>\")}" in css
    assert "mask:var(--cb-i)" in css and "forced-colors:active" in css


def test_icons_stay_inline_where_they_could_not_be_drawn():
    icons: dict[str, str] = {}
    coloured = ICON.replace("<path ", '<path fill="#c00" ')
    html = page(f"<header>{coloured}</header>")
    assert mask_icons(html, icons) == html  # not a one-colour icon of the theme's shape
    no_css = html.replace(HEAD, "").replace(coloured, ICON)
    assert mask_icons(no_css, icons) == no_css and not icons  # a page without site.css keeps its icons


def test_the_rules_are_added_once(tmp_path):
    icons: dict[str, str] = {}
    mask_icons(page(f"<header>{ICON}</header>"), icons)
    css = tmp_path / "site.css"
    css.write_text("a{color:red}")
    add_icon_css(css, icons)
    add_icon_css(css, icons)  # MkDocs may finish a build more than once
    assert css.read_text() == "a{color:red}" + icon_css(icons)
