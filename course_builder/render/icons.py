"""The theme's icons drawn once from the course stylesheet instead of inline in every page.

Material writes each icon of the header, navigation and footer (logo, menu, language, search,
previous/next) as an inline ``<svg>`` into every page: about 0.5 KB gz a page that gzip cannot
share between pages, and a participant downloads every page of their language for offline use.
Outside the page content, an icon of the theme's plain shape (one-colour paths, nothing else)
becomes an empty ``<svg>`` with the same ``viewBox`` (so Material's sizing rules still apply) and a
class; site.css (on every page, stored once) paints it with the icon as a mask in the text colour,
as Material draws its own navigation arrows. Pages that do not link site.css keep their icons.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

ICON = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="([0-9. ]+)">((?:<path d="[^"<>]*"/>)+)</svg>')
STYLESHEET = "assets/course/site.css"
CONTENT = ('<article class="md-content__inner', "</article>")
# Painted in the text colour; in forced colours (Windows high contrast), where backgrounds are
# replaced, in the system's text colour.
BASE = ("svg.cb-i{background-color:currentcolor;-webkit-mask:var(--cb-i) center/contain no-repeat;"
        "mask:var(--cb-i) center/contain no-repeat}"
        "@media (forced-colors:active){svg.cb-i{forced-color-adjust:none;background-color:CanvasText}}")


def _name(svg: str) -> str:
    return "cb-i-" + hashlib.sha256(svg.encode()).hexdigest()[:8]


def _replace(html: str, icons: dict[str, str]) -> str:
    def empty(m: re.Match) -> str:
        name = _name(m.group(0))
        icons[name] = m.group(0)
        return f'<svg class="cb-i {name}" viewBox="{m.group(1)}"></svg>'
    return ICON.sub(empty, html)


def mask_icons(html: str, icons: dict[str, str]) -> str:
    """``html`` with the theme's icons outside the content emptied; ``icons`` collects class -> svg."""
    if STYLESHEET not in html:
        return html
    start, end = html.find(CONTENT[0]), html.rfind(CONTENT[1])
    if not 0 <= start < end:
        return _replace(html, icons)
    return _replace(html[:start], icons) + html[start:end] + _replace(html[end:], icons)


def icon_css(icons: dict[str, str]) -> str:
    """The rules that draw ``icons`` (class -> svg), in a stable order."""
    if not icons:
        return ""
    rules = [f'.{name}{{--cb-i:url("data:image/svg+xml;charset=utf-8,{_data(svg)}")}}' for name, svg in sorted(icons.items())]
    return BASE + "".join(rules)


def _data(svg: str) -> str:
    # Inside url("..."): the svg's quotes become single ones; % and # are escaped for the data URL.
    return svg.replace("%", "%25").replace("#", "%23").replace('"', "'")


def add_icon_css(site_css_path: Path, icons: dict[str, str]) -> None:
    """Append the icons' rules to the built site.css once (MkDocs may call the build hook again)."""
    css = icon_css(icons)
    if not css or not site_css_path.is_file():
        return
    text = site_css_path.read_text(encoding="utf-8")
    if css not in text:
        site_css_path.write_text(text + css, encoding="utf-8")
