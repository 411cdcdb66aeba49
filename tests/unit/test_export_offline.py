"""The offline zip's file selection and language switch, without building a site."""
from __future__ import annotations

from course_builder.export.offline import index_links, language_files, switch_links
from course_builder.pipeline import load
from course_builder.export.offline import search_index_script

from tests.conftest import FIXTURES

HEADER = """<ul class="md-select__list">
  <li class="md-select__item">
    <a href="index.html" hreflang="es" class="md-select__link">
      Español
    </a>
  </li>
  <li class="md-select__item">
    <a href="../en/01-primeros-pasos/index.html" hreflang="en" class="md-select__link">
      English
    </a>
  </li>
</ul>"""


def test_switch_points_online_or_goes():
    online = switch_links(HEADER, "01-primeros-pasos/index.html", "es", "https://example.org/c/")
    assert 'href="https://example.org/c/en/01-primeros-pasos/" hreflang="en"' in online
    assert '<a href="index.html" hreflang="es"' in online
    gone = switch_links(HEADER, "01-primeros-pasos/index.html", "es", "")
    assert "English" not in gone and "Español" in gone and gone.count("<li") == gone.count("</li>") == 1
    home = switch_links('<a href="../index.html" hreflang="es" class="md-select__link">Español</a>',
                        "en/index.html", "en", "https://example.org/c/")
    assert 'href="https://example.org/c/"' in home


def test_one_language_and_the_shared_assets():
    course, _ = load(FIXTURES / "example_course")
    names = ["index.html", "01-x/index.html", "buscar/search.json", "en/index.html", "en/buscar/search.json",
             "assets/course/search.js", "assets/javascripts/lunr/wordcut.js", "sw.js"]
    assert language_files(names, course, "es") == ["index.html", "01-x/index.html", "buscar/search.json",
                                                   "assets/course/search.js"]
    assert language_files(names, course, "en") == ["en/index.html", "en/buscar/search.json",
                                                   "assets/course/search.js"]


def test_search_index_script_sets_the_global():
    script = search_index_script('[{"t":"a\u2028b </script>"}]'.encode()).decode()
    assert script.startswith("window.CB_SEARCH_INDEX=[") and script.endswith(";\n")
    assert "\u2028" not in script and "\\u2028" in script


def test_folder_links_name_their_index():
    names = {"index.html", "01-x/index.html", "en/index.html", "en/01-x/index.html", "assets/a.css"}
    html = ('<a href="../01-x/#quiz-q1">a</a> <a href="../">b</a> <a href="01-x/">c</a> '
            '<a href="../assets/">d</a> <a href="https://example.org/x/">e</a> <a href="#top">f</a> '
            '<link href="../assets/a.css">')
    out = index_links(html, "01-x/index.html", names)
    assert '<a href="../01-x/index.html#quiz-q1">a</a>' in out and '<a href="../index.html">b</a>' in out
    assert '<a href="../assets/">d</a>' in out  # no index.html there: left alone
    assert 'href="https://example.org/x/"' in out and 'href="#top"' in out and 'href="../assets/a.css"' in out
    assert index_links('<a href="01-x/">c</a>', "index.html", names) == '<a href="01-x/index.html">c</a>'
    assert index_links('<a href="./">h</a>', "en/index.html", names) == '<a href="./index.html">h</a>'
