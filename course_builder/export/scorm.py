"""SCORM 1.2 packages for the e-campus LMS (Moodle): one zip per language, the whole site inside.

**One SCO for the whole course**, not one per module. Progress and the final assessment are
course-wide (the progress page, the certificate and the assessment read one record that spans
every module), and SCORM 1.2 allows a single LMSInitialize per SCO session. So the package
launches one page, ``launch-<lang>.html``, that finds the LMS's API, initialises once and keeps
the connection while the participant browses the ordinary course pages in a full-size iframe;
it calls LMSFinish when it is closed. One SCO per module would re-initialise on every module
change, split the record across SCOs (each with its own 4,096-character suspend_data) and leave
nowhere for the final result that depends on all of them.

The bridge: ``scorm_files/scorm12.js`` defines ``window.CB_BRIDGE`` before the iframe loads;
course.js finds it in its parent and reads (once per page) and saves its compact record through
it instead of localStorage. The launch page stores the record in ``cmi.suspend_data`` and, when
the record holds a result of the final assessment (the course's quiz of kind ``assessment``,
whose id is written into the launch page here), sets ``cmi.core.score.raw/min/max`` and
``cmi.core.lesson_status`` passed/failed (``incomplete`` until then). Opened outside an LMS (no
API found) the launch page replaces itself with the language's home page: the static site.

The site is built with ``--no-directory-urls`` so that links name ``…/index.html`` (an LMS serves
package files one by one, without directory indexes). Both languages go into each package, so
the language switch keeps working inside the LMS; the package for language L launches L's home.
Left out of the package: ``404.html`` and the sitemaps (they only make sense on the web server
and name the production URLs) and source maps (``*.map``, only read by developer tools).

imsmanifest.xml follows the SCORM 1.2 content packaging (IMS CP 1.1.2 + ADL CP 1.2 namespaces)
and lists every file of the package. The ADL/IMS ``.xsd`` files are not shipped, nor named in
``xsi:schemaLocation``: Moodle (and the other LMSs we know of) do not validate against them;
they only matter to ADL's conformance test suite.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..model import Course
from ..text import json_for_html, plain
from . import ExportResult
from .links import index_links
from .package import add_file, file_site, home_page, site_files, size_text

FILES = Path(__file__).parent / "scorm_files"
ADAPTER = "scorm12.js"
MANIFEST = "imsmanifest.xml"
IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"

ENV = Environment(loader=FileSystemLoader(FILES), autoescape=True, undefined=StrictUndefined,
                   keep_trailing_newline=True)


def launch_name(lang: str) -> str:
    return f"launch-{lang}.html"


def final_assessment(course: Course):
    return next((q for q in course.quizzes.values() if q.kind == "assessment"), None)


def launch_page(course: Course, lang: str) -> str:
    final = final_assessment(course)
    config = {"course": course.id, "final": final.id if final else None, "home": home_page(course, lang),
              "lang": lang}
    return ENV.get_template("launch.html.j2").render(
        lang=lang, title=plain(course.title[lang]), home=home_page(course, lang), adapter=ADAPTER,
        config=Markup(json_for_html(config)))


def manifest(course: Course, lang: str, files: list[str]) -> bytes:
    """imsmanifest.xml: one organization, one item, one SCO resource listing ``files``."""
    ET.register_namespace("", IMSCP)
    ET.register_namespace("adlcp", ADLCP)

    def tag(name: str, ns: str = IMSCP) -> str:
        return f"{{{ns}}}{name}"

    title = plain(course.title[lang])
    root = ET.Element(tag("manifest"), {"identifier": f"cb-{course.id}-{lang}", "version": course.version})
    meta = ET.SubElement(root, tag("metadata"))
    ET.SubElement(meta, tag("schema")).text = "ADL SCORM"
    ET.SubElement(meta, tag("schemaversion")).text = "1.2"
    orgs = ET.SubElement(root, tag("organizations"), {"default": "org"})
    org = ET.SubElement(orgs, tag("organization"), {"identifier": "org"})
    ET.SubElement(org, tag("title")).text = title
    item = ET.SubElement(org, tag("item"), {"identifier": "course", "identifierref": "sco", "isvisible": "true"})
    ET.SubElement(item, tag("title")).text = title
    final = final_assessment(course)
    if final:
        # The LMS's own rule (raw >= mastery score -> passed) then agrees with the course's.
        ET.SubElement(item, tag("masteryscore", ADLCP)).text = str(final.pass_mark)
    resources = ET.SubElement(root, tag("resources"))
    resource = ET.SubElement(resources, tag("resource"), {
        "identifier": "sco", "type": "webcontent", tag("scormtype", ADLCP): "sco", "href": launch_name(lang)})
    for name in files:
        ET.SubElement(resource, tag("file"), {"href": quote(name, safe="/")})
    ET.indent(root)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def write_package(course: Course, lang: str, site: Path, target: Path) -> int:
    """Write the zip for ``lang`` atomically; returns how many files it holds."""
    files = {name: path.read_bytes() for name, path in site_files(site).items()}
    for name in [n for n in files if n.endswith(".html")]:  # the LMS serves files, not folders
        files[name] = index_links(files[name].decode("utf-8"), name, set(files)).encode("utf-8")
    extra = {launch_name(lang): launch_page(course, lang).encode(), ADAPTER: (FILES / ADAPTER).read_bytes()}
    clash = sorted(set(extra) & set(files) | ({MANIFEST} & set(files)))
    if clash:
        raise ValueError(f"the site already has {', '.join(clash)}")
    files.update(extra)
    names = sorted(files)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w") as zf:
            add_file(zf, MANIFEST, manifest(course, lang, names))
            for name in names:
                add_file(zf, name, files[name])
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return len(names) + 1


def export_scorm(course: Course, root: Path, langs: list[str], out: Path) -> ExportResult:
    """Build the site once, then write ``<course id>-<lang>-scorm12.zip`` into ``out`` per language."""
    result = ExportResult()
    if final_assessment(course) is None:
        result.say("warning: the course has no final assessment (a quiz of kind assessment): the LMS will show "
                   "the course as incomplete, with no score")
    with file_site(course, root, "SCORM package", result) as site:
        if site is None:
            return result
        for lang in langs:
            target = out / f"{course.id}-{lang}-scorm12.zip"
            count = write_package(course, lang, site, target)
            result.written.append(target)
            result.say(f"Wrote {target} ({count} files, {size_text(target.stat().st_size)}; launches "
                       f"{launch_name(lang)} -> {home_page(course, lang)})")
    return result
