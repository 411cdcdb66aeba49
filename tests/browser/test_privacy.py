"""Every built page, both languages, loaded with network interception: no request leaves the
site's own origin and path, no cookie is set, no console error."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_every_page_stays_on_the_site(page, site_url, built_site):
    paths = sorted({p.relative_to(built_site).parent.as_posix() for p in built_site.rglob("index.html")})
    assert len(paths) == 16
    for path in paths:
        page.goto(f"{site_url}/{'' if path == '.' else path + '/'}")
        page.wait_for_load_state("networkidle")
    assert page.errors == []
    page.goto(f"{site_url}/no/such/page/")  # the 404 page itself logs its status, nothing else
    assert page.errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    assert page.outside_requests == []
    assert page.context.cookies() == []
