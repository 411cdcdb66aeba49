"""`build_course.py export scorm12`: one SCORM 1.2 zip per language, checked without a browser
(tests/browser/test_scorm.py drives the launch page against a stub LMS API)."""
from __future__ import annotations

import dataclasses
import json
import posixpath
import re
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest

from course_builder import pipeline
from course_builder.cli import main as cli_main
from course_builder.export import scorm
from course_builder.site import MkDocsResult
from tests.conftest import make_project

NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
LANGS = ("es", "en")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("scorm")
    project = make_project(tmp)
    out = tmp / "out"
    assert cli_main(["--project", str(project), "export", "scorm12", "--out", str(out)]) == 0
    return {"project": project, "out": out,
            "zips": {lang: out / f"curso-ejemplo-{lang}-scorm12.zip" for lang in LANGS}}


def _zip(exported, lang) -> zipfile.ZipFile:
    return zipfile.ZipFile(exported["zips"][lang])


def _manifest(zf: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(zf.read("imsmanifest.xml"))


def test_one_zip_per_language_and_nothing_else(exported):
    assert sorted(p.name for p in exported["out"].iterdir()) == \
        ["curso-ejemplo-en-scorm12.zip", "curso-ejemplo-es-scorm12.zip"]
    for lang in LANGS:
        with _zip(exported, lang) as zf:
            assert zf.testzip() is None
            assert zf.namelist()[0] == "imsmanifest.xml"


@pytest.mark.parametrize("lang, title", [("es", "Curso de ejemplo"), ("en", "Example course")])
def test_manifest_is_scorm_12_with_one_sco(exported, lang, title):
    with _zip(exported, lang) as zf:
        m = _manifest(zf)
    assert m.tag == f"{{{NS['cp']}}}manifest"
    assert m.get("identifier") == f"cb-curso-ejemplo-{lang}" and m.get("version") == "0.1.0"
    assert m.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert m.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    orgs = m.find("cp:organizations", NS)
    [org] = orgs.findall("cp:organization", NS)
    assert orgs.get("default") == org.get("identifier")
    assert org.findtext("cp:title", namespaces=NS) == title
    [item] = org.findall(".//cp:item", NS)
    assert item.findtext("cp:title", namespaces=NS) == title
    assert item.findtext("adlcp:masteryscore", namespaces=NS) == "60"  # pass mark of the final assessment
    [res] = m.findall("cp:resources/cp:resource", NS)
    assert res.get("identifier") == item.get("identifierref")
    assert res.get(f"{{{NS['adlcp']}}}scormtype") == "sco" and res.get("type") == "webcontent"
    assert res.get("href") == f"launch-{lang}.html"


@pytest.mark.parametrize("lang", LANGS)
def test_manifest_lists_exactly_the_files_of_the_zip(exported, lang):
    with _zip(exported, lang) as zf:
        names = zf.namelist()
        listed = [f.get("href") for f in _manifest(zf).iterfind("cp:resources/cp:resource/cp:file", NS)]
    assert len(names) == len(set(names))
    assert sorted(listed) == sorted(set(names) - {"imsmanifest.xml"})
    assert f"launch-{lang}.html" in listed and "scorm12.js" in listed
    assert f"launch-{'en' if lang == 'es' else 'es'}.html" not in names
    # The whole bilingual site, without what only a web server or developer tools use.
    assert {"index.html", "en/index.html", "mi-progreso/index.html", "en/mi-progreso/index.html",
            "01-primeros-pasos/niveles.svg", "assets/course/course.js", "buscar/search.json",
            "en/buscar/search.json", "assets/course/search.js"} <= set(names)
    assert not [n for n in names if n.endswith(".map") or n in ("404.html", "sitemap.xml", "sitemap.xml.gz")]


def test_file_names_are_escaped_in_the_manifest(exported):
    course, _ = pipeline.load(exported["project"])
    data = scorm.manifest(course, "es", ["a b/ñ.html", "x&y.html"])
    hrefs = [f.get("href") for f in ET.fromstring(data).iterfind(".//cp:file", NS)]
    assert hrefs == ["a%20b/%C3%B1.html", "x%26y.html"]
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and not (tag == "link" and ("rel", "canonical") in attrs):
                self.links.append(value)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_to_files_of_the_package(exported, lang):
    """Built without directory URLs: an LMS serves files one by one and has no directory indexes."""
    with _zip(exported, lang) as zf:
        names = set(zf.namelist())
        pages = [n for n in names if n.endswith(".html")]
        checked = 0
        for page in pages:
            parser = _Links()
            parser.feed(zf.read(page).decode())
            for link in parser.links:
                if re.match(r"^(?:[a-z][a-z0-9+.-]*:|#|//)", link):
                    assert not link.startswith(("http://", "https://", "//")) or page != f"launch-{lang}.html"
                    continue
                path = link.split("#")[0].split("?")[0]
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
                assert not path.endswith("/"), f"{page}: directory link {link}"
                assert target in names, f"{page}: {link} is not in the package"
                checked += 1
    assert checked > 200
    with _zip(exported, "es") as zf:
        module = zf.read("01-primeros-pasos/index.html").decode()
    assert 'href="../02-segundo-modulo/index.html"' in module
    assert 'href="../en/01-primeros-pasos/index.html" hreflang="en"' in module


@pytest.mark.parametrize("lang, home", [("es", "index.html"), ("en", "en/index.html")])
def test_launch_page(exported, lang, home):
    with _zip(exported, lang) as zf:
        page = zf.read(f"launch-{lang}.html").decode()
        adapter = zf.read("scorm12.js").decode()
    assert f'<html lang="{lang}">' in page
    assert f"<title>{'Curso de ejemplo' if lang == 'es' else 'Example course'}</title>" in page
    config = json.loads(re.search(r'<script type="application/json" id="cb-scorm">(.*?)</script>', page).group(1))
    assert config == {"course": "curso-ejemplo", "final": "final", "home": home, "lang": lang}
    assert '<script src="scorm12.js"></script>' in page
    assert "LMSInitialize" in adapter and "CB_BRIDGE" in adapter


def test_launch_page_escapes_what_it_injects(exported):
    course, _ = pipeline.load(exported["project"])
    odd = dataclasses.replace(course, id="x</script><script>alert(1)</script>",
                              title={"es": 'A & B <img src=x onerror="alert(1)">', "en": "E"})
    page = scorm.launch_page(odd, "es")
    # plain() (titles are Markdown) drops the ">"; the rest is escaped.
    assert "<title>A &amp; B &lt;img src=x onerror=&#34;alert(1)&#34;</title>" in page
    assert "<script>alert(1)" not in page and "<img" not in page
    config = re.search(r'id="cb-scorm">(.*?)</script>', page).group(1)
    assert json.loads(config)["course"] == odd.id
    data = scorm.manifest(odd, "es", ["index.html"])
    assert ET.fromstring(data).findtext(".//cp:organization/cp:title", namespaces=NS) == \
        'A & B <img src=x onerror="alert(1)"'


def test_one_language_and_the_default_folder(tmp_path):
    project = make_project(tmp_path)
    assert cli_main(["--project", str(project), "export", "scorm12", "--lang", "en"]) == 0
    assert [p.name for p in (project / "export").iterdir()] == ["curso-ejemplo-en-scorm12.zip"]
    assert cli_main(["--project", str(project), "export", "scorm12", "--lang", "fr"]) == 2


def test_a_failed_build_writes_no_package(tmp_path, capsys, monkeypatch):
    project = make_project(tmp_path)
    import course_builder.site as site
    monkeypatch.setattr(site, "build_site", lambda *a, **k: MkDocsResult(False, "WARNING - boom"))
    out = tmp_path / "out"
    assert cli_main(["--project", str(project), "export", "scorm12", "--out", str(out)]) == 1
    assert list(out.iterdir()) == []
    err = capsys.readouterr().err
    assert "WARNING - boom" in err and "no SCORM package was written" in err


def test_a_course_without_final_assessment_reports_no_score(exported, capsys):
    course, _ = pipeline.load(exported["project"])
    plain_course = dataclasses.replace(course, quizzes={k: q for k, q in course.quizzes.items()
                                                        if q.kind != "assessment"})
    page = scorm.launch_page(plain_course, "en")
    assert json.loads(re.search(r'id="cb-scorm">(.*?)</script>', page).group(1))["final"] is None
    m = ET.fromstring(scorm.manifest(plain_course, "en", ["index.html"]))
    assert m.find(".//adlcp:masteryscore", NS) is None
