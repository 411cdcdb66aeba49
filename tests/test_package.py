"""The generator as a package: installed into a fresh venv (no network: its dependencies come from this
venv), `course-builder new course` writes a pt+en course that checks and builds as written, first
language at /, the other under /en/, and passes `check --strict` once its placeholders are filled.
Also: the `check` path never imports rendering or MkDocs."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, make_project


def test_check_never_imports_rendering_or_mkdocs(tmp_path):
    project = make_project(tmp_path)
    code = ("import json, sys; from course_builder.cli import main; rc = main(['--project', sys.argv[1], '-q', "
            "'check']); print(json.dumps([m for m in sys.modules if m.startswith(('course_builder.render', "
            "'mkdocs', 'material', 'jinja2'))])); sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code, str(project)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    # the same probe sees them after a build, so it is able to fail
    code = code.replace("'check'", "'build'")
    done = subprocess.run([sys.executable, "-c", code, str(project)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "course_builder.render.pages" in json.loads(done.stdout.splitlines()[-1])


def _run(*cmd, cwd: Path, ok: bool = True) -> subprocess.CompletedProcess:
    # The fresh venv must find its own installed copy, never a checkout named by PYTHONPATH.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=600, env=env)
    if ok:
        assert done.returncode == 0, f"{cmd}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.slow
def test_installed_command_makes_a_pt_en_course_that_checks_and_builds(tmp_path):
    # The package's sources only: pip builds in the source folder, which must not be the repository.
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy2(REPO / "pyproject.toml", src / "pyproject.toml")
    shutil.copytree(REPO / "course_builder", src / "course_builder", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "overrides", src / "overrides")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                        cwd=tmp_path).stdout.strip())
    # This venv's packages (MkDocs, pip, setuptools…) without network: every site folder it reads.
    (purelib / "project-deps.pth").write_text("".join(f"{p}\n" for p in sys.path if p.endswith("-packages")))
    _run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index", src, cwd=tmp_path)
    where = _run(python, "-c", "import course_builder, course_builder.plugin as p; print(p.theme_dir())",
                 cwd=tmp_path).stdout.strip()
    assert where == str(purelib / "course_builder" / "theme"), where  # the installed copy, not this repository

    cb = venv / "bin" / "course-builder"
    course = tmp_path / "x"
    made = _run(cb, "new", "course", course, "--languages", "pt,en", cwd=tmp_path)
    assert "created course/strings/pt.yml" in made.stdout and "created .github/workflows/pages.yml" in made.stdout
    assert _run(cb, "new", "course", course, "--languages", "pt,en", cwd=tmp_path, ok=False).returncode == 1
    for name in ("README.md", ".gitignore", "mkdocs.yml", "course/course.yml", "quizzes/m1-first-module.yml",
                 "course/01-first-module/pt.md", "course/01-first-module/en.md"):
        assert (course / name).is_file(), name

    checked = _run(cb, "check", cwd=course)
    assert "0 errors" in checked.stderr
    # the ~240 texts pre-filled in English: one warning that counts them, not one per line
    translate = re.findall(r"course/strings/pt\.yml:\d+:\d+: warning\[todo\]: (\d+) interface text\(s\) still in "
                           r"English, marked '# TRANSLATE'", checked.stderr)
    assert len(translate) == 1 and int(translate[0]) > 200, checked.stderr
    assert "course/course.yml:4:" in checked.stderr and "warning[todo]" in checked.stderr
    assert _run(cb, "check", "--strict", cwd=course, ok=False).returncode == 1

    _run(cb, "build", cwd=course)
    site = course / "site"
    for prefix, lang in (("", "pt"), ("en/", "en")):
        home = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in home and 'data-app="home"' in home
        module = (site / prefix / "01-first-module" / "index.html").read_text(encoding="utf-8")
        assert 'class="cb-quiz"' in module and 'data-quiz="m1-first-module"' in module
        for app in ("progress", "certificate", "verify", "search"):
            assert f'data-app="{app}"' in (site / prefix / app / "index.html").read_text(encoding="utf-8"), app
    assert not (site / "pt").exists()
    assert (site / "assets" / "course" / "course.js").is_file() and (site / "sw.js").is_file()

    from course_builder.placeholders import PLACEHOLDERS, TRANSLATE
    for path in [*course.glob("course/**/*.yml"), *course.glob("course/**/*.md"), *course.glob("quizzes/*.yml")]:
        text = path.read_text(encoding="utf-8").replace(f"  {TRANSLATE}", "")
        for i, placeholder in enumerate(sorted(PLACEHOLDERS, key=len, reverse=True)):
            text = text.replace(placeholder, f"Real text {i}")
        path.write_text(text, encoding="utf-8")
    strings = course / "course" / "strings" / "pt.yml"
    text, n = re.subn(r"(?m)^  permalink: .*$", "  permalink: Link permanente para esta seção", strings.read_text("utf-8"))
    assert n == 1
    strings.write_text(text, encoding="utf-8")
    strict = _run(cb, "check", "--strict", cwd=course)
    assert "No problems found" in strict.stderr
    _run(cb, "build", "--strict", cwd=course)
    assert "Real text" in (site / "01-first-module" / "index.html").read_text(encoding="utf-8")
    # The theme speaks the course's languages, not the generator's: the 404 page in pt then en, and
    # site.js's texts from course/strings/pt.yml.
    notfound = (site / "404.html").read_text(encoding="utf-8")
    assert notfound.index('<div lang="pt">') < notfound.index('<div lang="en">')
    assert re.search(r'<a class="cb-404-home" href="[^"]*/en/" lang="en">Course home</a>', notfound)
    script = (site / "assets" / "course" / "site.js").read_text(encoding="utf-8")
    assert '"pt":{"permalink":"Link permanente para esta seção"' in script and '"en":{"permalink":"Permanent link' in script


def _readme_command(readme: str, before: str) -> str:
    """The command in the first bash block (or table cell) after ``before`` in a new course's README."""
    rest = readme[readme.index(before):]
    block = re.search(r"```bash\n(.+?)\n```", rest, re.S)
    return block.group(1).strip()


@pytest.mark.slow
def test_a_new_course_installs_and_builds_from_its_readme_in_a_fresh_venv(tmp_path):
    """`new course --generator <the generator's repository as a git URL>` writes a requirements.txt that
    pip installs on a fresh machine: the README's install command, run as written in a new folder, then
    its build command. No network: pip takes the dependencies from the wheels scripts/install.sh --test
    downloaded, and clones the generator from a local git repository."""
    wheels = REPO / ".cache" / "wheelhouse"
    if not any(wheels.glob("*.whl")):
        if os.environ.get("CI"):
            pytest.fail("no wheels in .cache/wheelhouse: scripts/install.sh --test downloads them")
        pytest.skip("no wheels in .cache/wheelhouse (scripts/install.sh --test)")
    generator = tmp_path / "generator"  # the generator's repository, as a team would publish it
    generator.mkdir()
    shutil.copy2(REPO / "pyproject.toml", generator / "pyproject.toml")
    shutil.copytree(REPO / "course_builder", generator / "course_builder", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "overrides", generator / "overrides")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    _run(*git, "init", "-q", cwd=generator)
    _run(*git, "add", ".", cwd=generator)
    _run(*git, "commit", "-qm", "generator", cwd=generator)
    url = f"git+{generator.as_uri()}"

    course = tmp_path / "curso"
    _run(Path(sys.executable).parent / "course-builder", "new", "course", course, "--languages", "es,en",
         "--generator", url, cwd=REPO)
    commit = _run("git", "rev-parse", "HEAD", cwd=generator).stdout.strip()
    local = url.replace("file:///", "file://localhost/")  # pip 23's requirement parser wants a host
    assert (course / "requirements.txt").read_text() == f"course-builder @ {local}@{commit}\n"
    workflow = (course / ".github" / "workflows" / "pages.yml").read_text()
    assert "pip install -r requirements.txt" in workflow and "course-builder check --strict" in workflow \
        and "course-builder build --strict" in workflow

    readme = (course / "README.md").read_text()
    install = _readme_command(readme, "Install once")
    assert install == "python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.txt"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheels), PIP_DISABLE_PIP_VERSION_CHECK="1")
    done = subprocess.run(["bash", "-c", install], cwd=course, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    build = re.search(r"\| build the site into `site/` \| `([^`]+)` \|", readme).group(1)
    done = subprocess.run(["bash", "-c", build], cwd=course, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert 'data-app="home"' in (course / "site" / "index.html").read_text(encoding="utf-8")
    assert (course / "site" / "en" / "index.html").is_file()
    # the installed generator is the one from the repository, not this checkout
    where = _run(course / ".venv" / "bin" / "python", "-c", "import course_builder; print(course_builder.__file__)",
                 cwd=tmp_path).stdout
    assert str(course / ".venv") in where
