"""A Content-Security-Policy <meta> for every page, as strict as Material allows.

Material puts a few small inline scripts in each page (storage scope, palette), whose text
depends on the page's depth; rather than allow all inline script, each page's policy lists the
SHA-256 of exactly the inline scripts it contains. Styles keep 'unsafe-inline' because Material
writes style attributes from its script.
"""
from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
CHARSET = '<meta charset="utf-8">'


def policy(html: str) -> str:
    # Only the theme's scripts are allowed: anything inside the page content came from an author's
    # Markdown (raw HTML is legal there) and must not run.
    start, end = html.find('<article class="md-content__inner'), html.find("</article>")
    content = range(start, end) if 0 <= start < end else range(0)
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode() + "'"
                     for m in INLINE_SCRIPT.finditer(html) if m.start() not in content})
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(hashes) if hashes else "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add_csp(html: str) -> str:
    if CHARSET not in html or 'http-equiv="Content-Security-Policy"' in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace(CHARSET, CHARSET + meta, 1)
