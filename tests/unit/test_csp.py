"""The Content-Security-Policy lists the theme's inline scripts, never those in page content."""
from __future__ import annotations

import base64
import hashlib

from course_builder.render.csp import add_csp


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_theme_scripts_are_hashed_and_content_scripts_are_not():
    html = ('<html><head><meta charset="utf-8"><script>theme()</script><script src="a.js"></script>'
            '<script id="__config" type="application/json">{"a":1}</script></head><body>'
            '<article class="md-content__inner md-typeset"><script>author()</script></article>'
            '<script>footer()</script></body></html>')
    out = add_csp(html)
    meta = out.split('content="', 1)[1].split('"', 1)[0]
    assert f"script-src 'self' {' '.join(sorted([digest('theme()'), digest('footer()')]))};" in meta
    assert digest("author()") not in meta and digest('{"a":1}') not in meta
    assert "default-src 'self'" in meta and "object-src 'none'" in meta and "'unsafe-inline'" not in meta.split(";")[1]
    assert add_csp(out) == out  # applied once only
