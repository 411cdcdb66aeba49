"""`new module` and `new quiz` read course.yml as YAML, whatever its layout: block or flow lists of
languages and modules, comments kept."""
from __future__ import annotations

import yaml

from course_builder.cli import main as cli_main
from tests.conftest import make_project


def course_yml(project):
    return project / "course" / "course.yml"


def test_new_quiz_is_bilingual_when_languages_is_a_block_list(tmp_path, capsys):
    project = make_project(tmp_path)
    path = course_yml(project)
    path.write_text(path.read_text().replace("languages: [es, en]", "languages:\n  - es  # default\n  - en"))
    assert cli_main(["--project", str(project), "new", "quiz", "q-extra"]) == 0
    quiz = yaml.safe_load((project / "quizzes" / "q-extra.yml").read_text())
    assert set(quiz["title"]) == {"es", "en"} and set(quiz["questions"][0]["prompt"]) == {"es", "en"}


def test_new_module_joins_a_flow_list_of_modules(tmp_path, capsys):
    project = make_project(tmp_path)
    path = course_yml(project)
    text = path.read_text().replace("modules:\n  - 01-primeros-pasos\n  - 02-segundo-modulo",
                                    "modules: [01-primeros-pasos, 02-segundo-modulo]  # in order")
    path.write_text(text)
    assert cli_main(["--project", str(project), "new", "module", "03-seguimiento"]) == 0
    assert "modules: [01-primeros-pasos, 03-seguimiento, 02-segundo-modulo]  # in order\n" in path.read_text()
    assert cli_main(["--project", str(project), "new", "module", "04-otro", "--after", "02-segundo-modulo"]) == 0
    assert yaml.safe_load(path.read_text())["modules"] == \
        ["01-primeros-pasos", "03-seguimiento", "02-segundo-modulo", "04-otro"]
    assert cli_main(["--project", str(project), "check"]) == 0


def test_a_block_list_keeps_its_comments_and_indent(tmp_path, capsys):
    project = make_project(tmp_path)
    path = course_yml(project)
    path.write_text(path.read_text().replace("modules:\n  - 01-primeros-pasos\n  - 02-segundo-modulo",
                                             "modules:\n    - 01-primeros-pasos   # intro\n    # the end:\n"
                                             "    - 02-segundo-modulo"))
    assert cli_main(["--project", str(project), "new", "module", "03-seguimiento", "--after", "01-primeros-pasos"]) == 0
    assert "modules:\n    - 01-primeros-pasos   # intro\n    - 03-seguimiento\n    # the end:\n    - 02-segundo-modulo" \
        in path.read_text()


def test_a_course_that_does_not_load_still_gets_bilingual_skeletons(tmp_path, capsys):
    project = make_project(tmp_path)
    path = course_yml(project)
    path.write_text(path.read_text().replace("pass_mark: 70", "pass_mark: lots"))  # an error: the course won't load
    assert cli_main(["--project", str(project), "new", "quiz", "q-extra"]) == 0
    assert set(yaml.safe_load((project / "quizzes" / "q-extra.yml").read_text())["title"]) == {"es", "en"}
