"""Trainer tooling on the example course: translation status, scaffolding, stats."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from course_builder.cli import main


def run(capsys, project, *argv):
    code = main(["--project", str(project), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_status_tracks_stale_translations_and_drift(project, capsys):
    code, out, _ = run(capsys, project, "status", "--json")
    report = json.loads(out)
    assert code == 0
    assert {(p["page"], p["lang"], p["state"]) for p in report["pages"]} == {
        (slug, "es", "source") for slug in ("inicio", "01-primeros-pasos", "02-segundo-modulo")} | {
        (slug, "en", "untracked") for slug in ("inicio", "01-primeros-pasos", "02-segundo-modulo")}
    assert report["completeness"] == {"es": 100.0, "en": 100.0}

    assert run(capsys, project, "status", "--mark", "01-primeros-pasos")[1] == \
        "marked up to date: course/01-primeros-pasos/en.md\n"
    report = json.loads(run(capsys, project, "status", "--json")[1])
    assert {"page": "01-primeros-pasos", "lang": "en", "state": "current", "drift": []} in report["pages"]

    es = project / "course" / "01-primeros-pasos" / "es.md"
    es.write_text(es.read_text().replace("## Conceptos", "## Conceptos\n\n## Nueva sección\n\n- un punto"))
    report = json.loads(run(capsys, project, "status", "--json")[1])
    entry = next(p for p in report["pages"] if p["page"] == "01-primeros-pasos" and p["lang"] == "en")
    assert entry == {"page": "01-primeros-pasos", "lang": "en", "state": "stale",
                     "drift": ["headings: 3 in es, 2 in en", "list items: 2 in es, 1 in en"]}
    assert report["completeness"]["en"] == 66.7
    assert run(capsys, project, "status", "--strict")[0] == 1
    code, _, err = run(capsys, project, "check", "--strict")
    assert code == 1
    assert "course/01-primeros-pasos/en.md:1:1: warning[i18n.stale]" in err
    assert "course/01-primeros-pasos/en.md:1:1: warning[i18n.drift]: structure differs from the source: " \
           "headings: 3 in es, 2 in en; list items: 2 in es, 1 in en" in err


def test_missing_translation_is_reported_by_status(project, capsys):
    (project / "course" / "02-segundo-modulo" / "en.md").unlink()
    code, _, err = run(capsys, project, "status")
    assert code == 1
    assert "course/02-segundo-modulo: error[i18n.missing-page]: course/02-segundo-modulo/ has no en.md" in err


def test_new_module_and_quiz_load_and_build_and_their_placeholders_are_todo(project, capsys):
    code, out, _ = run(capsys, project, "new", "module", "03-seguimiento")
    assert code == 0
    # the fixture's final assessment ('final', kind assessment) is placed by 02-segundo-modulo
    assert "updated course/course.yml: 03-seguimiento listed before 02-segundo-modulo (the final assessment)" in out
    assert run(capsys, project, "new", "quiz", "q-extra", "--module", "03-seguimiento")[0] == 0
    code, _, err = run(capsys, project, "check")
    assert code == 0 and "error[" not in err
    assert "course/03-seguimiento/es.md:3:9: warning[todo]: placeholder text from the skeleton: " \
           "'Título del módulo'" in err
    assert "quizzes/q-extra.yml:" in err and "warning[todo]" in err
    assert run(capsys, project, "check", "--strict")[0] == 1  # placeholders fail --strict until replaced
    lines = (project / "course" / "course.yml").read_text().splitlines()
    start = lines.index("modules:")
    assert lines[start:start + 4] == ["modules:", "  - 01-primeros-pasos", "  - 03-seguimiento", "  - 02-segundo-modulo"]
    assert run(capsys, project, "new", "module", "03-seguimiento")[0] == 1  # never overwrites
    assert run(capsys, project, "new", "module", "seguimiento")[0] == 2
    assert run(capsys, project, "new", "module", "04-otro", "--after", "no-such")[0] == 2
    assert run(capsys, project, "new", "module", "04-otro", "--after", "02-segundo-modulo")[0] == 0
    lines = (project / "course" / "course.yml").read_text().splitlines()
    assert lines[start + 3:start + 5] == ["  - 02-segundo-modulo", "  - 04-otro"]
    assert run(capsys, project, "build")[0] == 0
    assert (project / "site" / "en" / "03-seguimiento" / "index.html").is_file()


def test_new_module_follows_the_course_id_convention(project, capsys):
    """Quiz 'm1-…' in module 01 with questions 'm1-q1' teaches the convention: module 08 gets m8-…, m8-q1."""
    quiz = project / "quizzes" / "q-primeros.yml"
    text = quiz.read_text().replace("ej-q", "m1-q")
    (project / "quizzes" / "m1-primeros-pasos.yml").write_text(text)
    quiz.unlink()
    for lang in ("es", "en"):
        page = project / "course" / "01-primeros-pasos" / f"{lang}.md"
        page.write_text(page.read_text().replace("::: quiz q-primeros", "::: quiz m1-primeros-pasos"))
    assert run(capsys, project, "check")[0] == 0
    code, out, _ = run(capsys, project, "new", "module", "08-seguimiento")
    assert code == 0
    assert "created quizzes/m8-seguimiento.yml" in out
    assert "  - id: m8-q1 " in (project / "quizzes" / "m8-seguimiento.yml").read_text()
    assert "::: quiz m8-seguimiento" in (project / "course" / "08-seguimiento" / "en.md").read_text()
    code, _, err = run(capsys, project, "check")
    assert code == 0, err


def test_notes_are_one_line_unless_asked(project, capsys):
    for lang in ("es", "en"):
        page = project / "course" / "01-primeros-pasos" / f"{lang}.md"
        page.write_text(page.read_text().replace("duration: 20", "duration: 20\nreview: pending-expert", 1))
    code, _, err = run(capsys, project, "check")
    assert code == 0
    assert err.splitlines() == ["2 pages pending expert review — `check --notes` lists them",
                                "No problems found. 2 notes for trainers."]
    _, _, err = run(capsys, project, "check", "--notes")
    assert err.count("note[page.review]") == 2
    assert run(capsys, project, "--quiet", "check") == (0, "", "")
    assert run(capsys, project, "check", "--quiet") == (0, "", "")
    _, _, err = run(capsys, project, "stats")
    assert "note[page.review]" not in err


def test_stats_warns_when_the_total_leaves_the_target(project, capsys):
    course_yml = project / "course" / "course.yml"
    _, _, err = run(capsys, project, "stats")  # hours: 1 -> 60 min; the modules declare 35
    assert "warning: the modules declare 35 min in total, 25 min under the course's target of 60 min" in err
    course_yml.write_text(course_yml.read_text().replace("hours: 1", "hours: 1\nduration: 35"))
    code, out, err = run(capsys, project, "stats")
    assert code == 0 and err.strip().splitlines()[-1] == "No problems found."
    assert "Declared total 35 min against the 35 min target (+0 min)" in out
    assert json.loads(run(capsys, project, "stats", "--json")[1])["total"]["target"] == 35


def test_stats_figures(project, capsys):
    code, out, _ = run(capsys, project, "stats", "--json")
    stats = json.loads(out)
    assert code == 0
    m1, m2 = stats["modules"]
    assert (m1["module"], m1["duration"], m1["quizzes"], m1["questions"]) == \
        ("01-primeros-pasos", 20, 1, {"single": 1, "true_false": 1})
    assert m2["questions"] == {"drawn": 3, "fill_in": 1, "matching": 1, "multiple": 1, "ordering": 1}
    assert m2["cases"] == 1
    assert m1["words"] == {"es": 29, "en": 25}
    assert stats["pools"] == {"pool-a": 3}
    assert stats["total"]["duration"] == 35 and stats["total"]["questions"] == 9


def test_large_image_is_a_warning(project, capsys):
    (project / "course" / "01-primeros-pasos" / "niveles.svg").write_bytes(b"<svg/>" + b" " * 300 * 1024)
    code, _, err = run(capsys, project, "check")
    assert code == 0
    assert "course/01-primeros-pasos/es.md:14:1: warning[image.large]: image 'niveles.svg' is 300 KiB" in err
    assert run(capsys, project, "check", "--strict")[0] == 1


def _stub_env(tmp_path: Path, present: tuple[str, ...]):
    """A PATH with only the basic tools, fake apt-get/sudo that log what they were asked, and ``present``."""
    import os
    import shutil
    import stat
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    import sys
    (bin_dir / "python3").symlink_to(Path(sys.base_prefix) / "bin" / "python3")  # not a pyenv shim
    for tool in ("bash", "sha256sum", "cut", "comm", "sort", "grep", "tr", "sed", "rm", "cat",
                 "dirname", "id", "env", "mkdir", "ls", "uname"):
        real = shutil.which(tool)
        if real:
            (bin_dir / tool).symlink_to(real)
    scripts = {"apt-get": f'#!/bin/bash\necho "$@" >> {log}\n', "sudo": '#!/bin/bash\nexec "$@"\n'}
    scripts.update({name: "#!/bin/bash\nexit 0\n" for name in present})
    for name, text in scripts.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(stat.S_IRWXU)
    env = dict(os.environ, PATH=str(bin_dir), CHROMIUM=str(bin_dir / "chromium"))
    return env, log


@pytest.mark.slow
def test_install_script_installs_each_missing_need_and_is_idempotent(tmp_path):
    """install.sh --test asks apt for exactly what is missing (pdftotext even when chromium is there), runs
    `npm ci` for tests/js only when its lock file changed, and says what it did."""
    import shutil
    import subprocess
    from tests.conftest import REPO
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy2(REPO / "scripts" / "install.sh", repo / "scripts" / "install.sh")
    (repo / "requirements.txt").write_text("")
    (repo / "requirements-dev.txt").write_text("")
    (repo / "tests" / "js").mkdir(parents=True)
    (repo / "tests" / "js" / "package-lock.json").write_text("{}")
    env, log = _stub_env(tmp_path, present=("chromium", "java"))
    (tmp_path / "bin" / "npm").write_text(f'#!/bin/bash\necho "npm $@" >> {log}\nmkdir -p tests/js/node_modules\n')
    (tmp_path / "bin" / "npm").chmod(0o700)

    def install() -> str:
        done = subprocess.run(["bash", "scripts/install.sh", "--test"], cwd=repo, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout

    out = install()
    calls = log.read_text().splitlines()
    assert "install -y -qq --no-install-recommends poppler-utils nodejs" in calls  # npm is stubbed: present
    assert "npm ci --prefix tests/js --no-audit --no-fund --silent" in calls
    assert out.startswith("install.sh: installed .venv, poppler-utils, nodejs, tests/js/node_modules(npm ci)")
    for name in ("pdftotext", "node"):  # now they are there
        (tmp_path / "bin" / name).write_text("#!/bin/bash\nexit 0\n")
        (tmp_path / "bin" / name).chmod(0o700)
    log.unlink()
    assert install() == "install.sh: everything was already installed\n"
    assert not log.exists()
