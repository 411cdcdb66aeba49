"""The handbook's parts that need no browser: its words from the locale files (and a course's own,
for a language the generator does not ship), its Markdown extensions from the course's mkdocs.yml,
and pdf.py's results and errors."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from course_builder import mkdocs_yml, pdf, strings
from course_builder.pipeline import load
from course_builder.render.handbook import handbook_html

PT_HANDBOOK = {"handbook": "Manual do curso", "contents": "Sumário", "answer_key": "Gabarito",
               "module_n": "Módulo {n}", "see_key": "As respostas estão no gabarito."}


@pytest.fixture(autouse=True)
def _generator_strings_only():
    yield
    strings.use({})  # load() installs a course's strings; the next test starts from the generator's


def _load(project: Path):
    course, diags = load(project)
    assert course is not None, diags
    return course, diags


def _as_portuguese(project: Path, handbook: dict[str, str]) -> None:
    """The example course with its English turned into a third language, 'pt', that the generator does not
    ship: same texts, new language code, and the course's own strings in course/strings/pt.yml."""
    for md in project.glob("course/*/en.md"):
        md.rename(md.with_name("pt.md"))
    for path in [*project.glob("course/*.yml"), *project.glob("quizzes/*.yml"), *project.glob("cases/*.yml")]:
        text = re.sub(r"\ben:", "pt:", path.read_text(encoding="utf-8"))
        path.write_text(text.replace("languages: [es, en]", "languages: [es, pt]"), encoding="utf-8")
    english = yaml.safe_load((Path(strings.__file__).parent / "locales" / "en.yml").read_text(encoding="utf-8"))
    english["handbook"] = {**english["handbook"], **handbook}
    (project / "course" / "strings").mkdir()
    (project / "course" / "strings" / "pt.yml").write_text(yaml.safe_dump(english, allow_unicode=True),
                                                            encoding="utf-8")


def test_a_language_the_course_adds_prints_the_handbook_in_its_own_words(project):
    _as_portuguese(project, PT_HANDBOOK)
    course, diags = _load(project)
    assert course.languages == ("es", "pt")
    assert not [d for d in diags if d.code == "strings.missing" and "'handbook:" in d.message], diags
    html = handbook_html(course, "pt", facilitator=True)
    assert '<html lang="pt"' in html
    assert "<title>Example course — Manual do curso (Facilitator edition)</title>" in html
    assert '<h1 id="hb-toc-h">Sumário</h1>' in html and '<h1>Gabarito</h1>' in html
    assert '<p class="hb-kicker">Módulo 1</p>' in html and "As respostas estão no gabarito." in html
    assert "Contents" not in html and "Answer key" not in html  # nothing falls back to the generator's English


def test_check_names_a_handbook_text_the_added_language_lacks(project):
    _as_portuguese(project, PT_HANDBOOK)
    own = project / "course" / "strings" / "pt.yml"
    data = yaml.safe_load(own.read_text(encoding="utf-8"))
    del data["handbook"]["answer_key"], data["handbook"]["pools_intro"]
    own.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _, diags = _load(project)
    missing = sorted((d.message, d.path) for d in diags if d.code == "strings.missing" and "'handbook:" in d.message)
    assert [m for m, _ in missing] == ["language 'pt' has no interface text 'handbook: answer_key'",
                                       "language 'pt' has no interface text 'handbook: pools_intro'"]
    assert all(path.endswith("course/strings/pt.yml") for _, path in missing)


def test_a_course_overrides_one_handbook_text(project):
    (project / "course" / "strings").mkdir()
    (project / "course" / "strings" / "en.yml").write_text("handbook: {answer_key: Solutions}\n", encoding="utf-8")
    course, _ = _load(project)
    html = handbook_html(course, "en")
    assert '<h1>Solutions</h1>' in html and '<a href="#hb-key">Solutions</a>' in html
    assert '<h1>Clave de respuestas</h1>' in handbook_html(course, "es")


def test_module_bodies_use_the_markdown_extensions_of_mkdocs_yml(project):
    page = project / "course" / "01-primeros-pasos" / "en.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "## References", '!!! tip "Remember"\n    Ask first.\n\n## References'), encoding="utf-8")
    course, _ = _load(project)
    html = handbook_html(course, "en")
    assert '<div class="admonition tip">\n<p class="admonition-title">Remember</p>' in html
    assert "headerlink" not in html  # mkdocs.yml asks toc for permalinks; on paper there is nothing to click

    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - admonition\n", ""), encoding="utf-8")
    html = handbook_html(course, "en")
    assert '<div class="admonition tip">' not in html and '!!! tip "Remember"' in html
    assert 'id="hb-01-primeros-pasos--concepts"' in html  # toc is MkDocs' own: headings keep their ids


def test_markdown_extensions_are_resolved_as_mkdocs_does(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: !ENV [HB_TEST_URL, 'https://example.org/']\n"
        "markdown_extensions:\n"
        "  - admonition\n"
        "  - toc:\n"
        "      permalink: true\n"
        "      slugify: !!python/name:pymdownx.slugs.uslugify\n"
        "  - tables\n"
        "  - pymdownx.tabbed:\n"
        "      alternate_style: true\n"
        "  - attr_list:\n", encoding="utf-8")
    monkeypatch.setenv("HB_TEST_URL", "https://courses.example/")
    config = mkdocs_yml.read(tmp_path)
    assert config["site_url"] == "https://courses.example/"
    names, configs = mkdocs_yml.markdown_extensions(config)
    assert names == ["toc", "tables", "fenced_code", "admonition", "pymdownx.tabbed", "attr_list"]
    assert configs == {"toc": {"permalink": True}, "pymdownx.tabbed": {"alternate_style": True}}
    assert mkdocs_yml.markdown_extensions({"markdown_extensions": {"abbr": None, "toc": {"toc_depth": 2}}}) == (
        ["toc", "tables", "fenced_code", "abbr"], {"toc": {"toc_depth": 2}})
    assert mkdocs_yml.read(tmp_path / "nowhere") == {} and mkdocs_yml.markdown_extensions({}) == (
        ["toc", "tables", "fenced_code"], {})


def test_pdf_errors_are_raised_for_the_command_line_to_report(project, monkeypatch, tmp_path):
    course, _ = _load(project)
    monkeypatch.setattr(pdf, "CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(pdf.PdfError) as raised:
        pdf.add_pdfs_to_site(course, tmp_path / "site")
    assert raised.value.exit_code == 2 and "no-chromium is missing" in str(raised.value)
    with pytest.raises(pdf.PdfError) as raised:
        pdf.run_pdf(course, project, ["fr"], tmp_path / "out", False)
    assert raised.value.exit_code == 2 and "unknown language(s): fr; the course has es, en" == str(raised.value)
    assert not (tmp_path / "out").exists() and not (tmp_path / "site").exists()


def test_report_names_each_pdf_and_what_the_handbook_was_refused(tmp_path):
    written = [pdf.Printed(tmp_path / "en" / "c-en.pdf", 12, 3 * 1024, ("https://cdn.example/x.woff2",)),
               pdf.Printed(Path("/elsewhere/c-es.pdf"), 14, 2048)]
    out, err = pdf.report(written, 1.75, tmp_path)
    assert out == ["Wrote en/c-en.pdf: 12 pages, 3 KB", "Wrote /elsewhere/c-es.pdf: 14 pages, 2 KB"]
    assert err == ["warning: the handbook asked for https://cdn.example/x.woff2 (refused)", "2 PDF(s) in 1.8 s"]


def test_the_handbook_takes_materials_colours_from_mkdocs_yml(project):
    course, _ = _load(project)
    assert '<body data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo">' \
        in handbook_html(course, "es")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("    primary: indigo\n", "    primary: deep purple\n"), encoding="utf-8")
    assert '<body data-md-color-scheme="default" data-md-color-primary="deep-purple" data-md-color-accent="indigo">' \
        in handbook_html(course, "es")
    assert mkdocs_yml.palette({"theme": {"palette": [{"scheme": "slate"}, {"scheme": "default"}]}}) == {
        "scheme": "slate", "primary": "indigo", "accent": "indigo"}
    assert mkdocs_yml.palette({"theme": {"name": "material"}}) == {}


def test_a_quiz_placed_twice_is_keyed_once_where_it_first_appears(project):
    page = project / "course" / "02-segundo-modulo" / "en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n::: quiz q-primeros\n", encoding="utf-8")
    course, _ = _load(project)
    html = handbook_html(course, "en")
    key = html[html.index('<section class="hb-part hb-key"'):]
    assert key.count('<h2 id="hb-key-q-primeros">') == 1
    assert key.index('id="hb-key-q-primeros"') < key.index('id="hb-key-q-segundo"')
