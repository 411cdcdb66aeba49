"""`new course DIR --languages pt,en`: a complete course that builds as it is written.

Every text a person must write is a placeholder (placeholders.PLACEHOLDERS) that `check` reports as
`warning[todo]` until replaced, so `check --strict` passes only once they are all filled. A language
the generator has no interface text for gets ``course/strings/<lang>.yml`` with every key pre-filled
from English and marked ``# TRANSLATE`` on its line (a placeholder too).
"""
from __future__ import annotations

import json
import re
import subprocess
from importlib import metadata
from pathlib import Path

from .placeholders import COURSE_TEXTS, TRANSLATE
from .scaffold import ScaffoldError, module_page, quiz_text
from .schema import SLUG
from .strings import BUILTIN, KEYS, forms_for, missing

HOME = "home"
MODULE = "01-first-module"
QUIZ_ID = "m1-first-module"
TITLE, DESCRIPTION, ISSUER = COURSE_TEXTS["title"], COURSE_TEXTS["description"], COURSE_TEXTS["issuer"]
CERT_INTRO, CERT_NOTE, HOME_TEXT = COURSE_TEXTS["intro"], COURSE_TEXTS["note"], COURSE_TEXTS["home"]

COURSE_YML = """\
# The course: identity, languages and the order of its pages. See README.md.
id: {id}
version: "0.1.0"
title: {title}
description: {description}
languages: [{languages}]   # the first one is published at /, the others under /<lang>/
pass_mark: 70              # percent, for every quiz that sets none
hours: 1                   # announced on the home page and the certificate
issuers:
  - {issuer}
# What the certificate page says besides the generator's standard text.
certificate:
  intro: {intro}
  note: {note}
# The folders of the pages the generator adds (defaults: progress, certificate, search, verify, glossary).
# slugs: {{progress: progress, certificate: certificate, search: search, verify: verify}}
home: {home}
modules:
  - {module}
"""

HOME_PAGE = """\
---
title: "{title}"
description: "{description}"
---
{text}
"""

MKDOCS_YML = """\
# MkDocs configuration. The pages under docs/ are generated from course/, quizzes/ and cases/ by the
# course-builder plugin; edit those, never docs/.
site_name: "{title}"
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]  # the Pages workflow sets SITE_URL
docs_dir: docs
site_dir: site
use_directory_urls: true
strict: true

theme:
  name: material
  language: {default}
  font: false            # no Google Fonts request: the system font stack is used
  features:
    - navigation.footer
    - content.tooltips

plugins:
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      reconfigure_material: true
      reconfigure_search: false
      languages:
{languages}
  - course-builder       # after i18n: navigation, docs/, the generator's theme, scripts, CSP

validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn

markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true

extra_css:
  - assets/course/site.css

extra:
  generator: false
"""

README = """\
# {title}

A course made with the course generator (`course-builder`). Languages: {languages} ({default} at `/`,
the others under `/<lang>/`).

## For the trainers who write it

Install once (Python 3.11 or later):

```bash
python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.txt
```

Then, in this folder:

| To | Run |
| --- | --- |
| preview while you write (reloads on every save, shows mistakes in the page) | `.venv/bin/course-builder serve` |
| list every problem, with file and line | `.venv/bin/course-builder check` |
| fail on warnings too (what the workflow runs) | `.venv/bin/course-builder check --strict` |
| build the site into `site/` | `.venv/bin/course-builder build` |
| add a module (a page per language and its quiz) | `.venv/bin/course-builder new module 02-next-topic` |
| see what is untranslated or stale | `.venv/bin/course-builder status` |

Where things are:

- `course/course.yml`: title, languages, issuers, certificate wording, the order of the modules.
- `course/<folder>/<lang>.md`: one page per language; `::: quiz <id>` places a quiz.
- `quizzes/<id>.yml`: a quiz, every language and one answer key in one file.
- `course/strings/<lang>.yml`: interface texts for a language the generator does not ship, or your own
  wording of any of its texts.
- `mkdocs.yml`: the site's name, address and theme settings.

The new course builds as it is, but its texts are placeholders: `check` reports each one as
`warning[todo]`. The interface texts pre-filled in English carry `{translate}` on their line (one
warning per file counts them): translate the text, then delete the mark. `check --strict` passes once
none is left. `requirements.txt` says where the generator comes from: check it before the first push.

## Deploying

`.github/workflows/pages.yml` checks (strict) and builds the course on every push, and publishes `site/`
on GitHub Pages from the `main` branch (Settings → Pages → Source: GitHub Actions). Any static web
server can serve `site/` as well.
"""

WORKFLOW = """\
name: Build and deploy the course
on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: false
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # calendar files are stamped with the sources' last commit time
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - id: pages
        uses: actions/configure-pages@v5
      - run: python -m pip install -r requirements.txt
      - run: course-builder check --strict --format github
      - run: course-builder build --strict --format github
        env:
          SITE_URL: ${{ steps.pages.outputs.base_url }}/
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site
  deploy:
    if: github.ref == 'refs/heads/main' && github.event_name != 'pull_request'
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}
GITIGNORE = "site/\ndocs/\n.site.build-*\n.venv/\n__pycache__/\n/export/\n"


def _language_name(code: str, in_lang: str) -> str:
    """'Portuguese' for ('pt', 'en'), from Babel (which Material depends on); the code if it does not know."""
    try:
        from babel import Locale
        return Locale.parse(code).get_display_name(in_lang) or code
    except Exception:  # noqa: BLE001 - an unknown code or no Babel: the author names it
        return code


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _vcs_url(remote: str) -> str:
    """A git remote as pip reads it: scp-like `git@host:org/repo` becomes `git+ssh://git@host/org/repo`, and a
    local `file:///path` names its host (`file://localhost/path`), which pip's older requirement parser needs."""
    scp = re.fullmatch(r"([\w.-]+@[\w.-]+):(?!//)(.+)", remote)
    if scp:
        return f"git+ssh://{scp.group(1)}/{scp.group(2)}"
    remote = remote.removeprefix("git+")
    return "git+" + ("file://localhost/" + remote[len("file:///"):] if remote.startswith("file:///") else remote)


def _generator_requirement(given: str | None = None) -> str:
    """How this course installs the generator, as a requirement pip can install on a fresh machine: the
    one given (--generator), else the repository this generator was installed from, at its commit."""
    if given:
        url = given if "://" in given or given.startswith("git+") else Path(given).resolve().as_uri()
        bare = url.removeprefix("git+")
        if bare.startswith("file://") and "@" not in bare.rsplit("/", 1)[-1]:  # a local repository: pin its commit
            commit = _git(Path(bare.removeprefix("file://")), "rev-parse", "HEAD")
            url = _vcs_url(bare) + (f"@{commit}" if commit else "")
        return f"course-builder @ {url}"
    try:
        dist = metadata.distribution("course-builder")
    except metadata.PackageNotFoundError:
        return "course-builder"
    info = json.loads(dist.read_text("direct_url.json") or "{}")
    url, vcs = info.get("url", ""), info.get("vcs_info") or {}
    if vcs.get("vcs") == "git":
        return f"course-builder @ git+{url}@{vcs.get('commit_id') or vcs.get('requested_revision')}"
    if url.startswith("http"):
        return f"course-builder @ {url}"
    folder = Path(url.removeprefix("file://")) if url.startswith("file://") else None
    commit = _git(folder, "rev-parse", "HEAD") if folder else ""
    remote = _git(folder, "remote", "get-url", "origin") if commit else ""
    if remote:  # a clone: the repository it came from, at this commit
        return f"course-builder @ {_vcs_url(remote)}@{commit}"
    if commit:  # a repository without a remote: installs on this machine only
        return ("# The generator's repository has no remote: this line installs on this machine only. Name where\n"
                "# your team gets it (course-builder new course --generator URL), e.g.\n"
                "# course-builder @ git+https://github.com/<organisation>/<repository>@<tag>\n"
                f"course-builder @ {_vcs_url(folder.as_uri())}@{commit}")
    return ("# The generator was installed from a folder that is not a git repository: name where your team\n"
            "# gets it (course-builder new course --generator URL), e.g.\n"
            "# course-builder @ git+https://github.com/<organisation>/<repository>@<tag>\n"
            f"course-builder=={dist.version}")


def _localized(text: str, langs: list[str]) -> str:
    return "{" + ", ".join(f"{lang}: {json.dumps(text, ensure_ascii=False)}" for lang in langs) + "}"


def strings_file(lang: str, langs: list[str]) -> str | None:
    """course/strings/<lang>.yml with every text ``lang`` lacks, pre-filled (English) and marked; None
    when the generator has them all."""
    if lang not in BUILTIN:
        need = [(s, k) for s in KEYS for k in KEYS[s]
                if not k.startswith("lang_")] + [("ui", f"lang_{code}") for code in langs]
    else:
        need = [(s, k) for s, k in missing(lang, tuple(langs))]
    if not need:
        return None
    english = BUILTIN["en"]
    lines = [f"# Interface texts in '{lang}' that the generator does not have. Translate each text, then delete",
             f"# its '{TRANSLATE}' mark: `check` counts the lines that still have one."]
    for section in KEYS:
        keys = [k for s, k in need if s == section]
        if keys:
            lines.append(f"{section}:")
        for key in keys:
            name = json.dumps(key) if key in YAML_WORDS else key  # `true:` would be a boolean, not a key
            if key.startswith("lang_"):  # a language's name, as Babel writes it in this language
                lines.append(f"  {name}: {json.dumps(_language_name(key[5:], lang), ensure_ascii=False)}")
            else:
                value = forms_for(lang, english[section][key])  # plural forms: the ones this language has
                lines.append(f"  {name}: {json.dumps(value, ensure_ascii=False)}  {TRANSLATE}")
    return "\n".join(lines) + "\n"


def new_course(target: Path, languages: list[str], generator: str | None = None) -> list[str]:
    """Write a new course into ``target`` (missing or empty); returns the files written, relative to it.
    Raises ScaffoldError, having written nothing."""
    langs = list(dict.fromkeys(lang.strip() for lang in languages if lang.strip()))
    bad = [lang for lang in langs if not re.fullmatch(r"[a-z]{2,3}", lang)]
    if not langs or bad:
        raise ScaffoldError(f"--languages: give two- or three-letter language codes separated by commas, "
                            f"the default first (e.g. pt,en){'; not ' + ', '.join(bad) if bad else ''}", 2)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} exists and is not an empty folder: nothing was written")
    course_id = re.sub(r"[^a-z0-9]+", "-", target.resolve().name.lower()).strip("-") or "course"
    if not SLUG.match(course_id):
        course_id = "course"
    default = langs[0]
    i18n = []
    for lang in langs:
        i18n += [f"        - locale: {lang}", *(["          default: true"] if lang == default else []),
                 f"          name: {json.dumps(_language_name(lang, lang).capitalize(), ensure_ascii=False)}",
                 "          build: true"]
    files = {
        "course/course.yml": COURSE_YML.format(
            id=course_id, title=_localized(TITLE, langs), description=_localized(DESCRIPTION, langs),
            languages=", ".join(langs), issuer=_localized(ISSUER, langs), intro=_localized(CERT_INTRO, langs),
            note=_localized(CERT_NOTE, langs), home=HOME, module=MODULE),
        f"quizzes/{QUIZ_ID}.yml": quiz_text(QUIZ_ID, "m1-q1", tuple(langs)),
        "mkdocs.yml": MKDOCS_YML.format(title=TITLE, default=default, languages="\n".join(i18n)),
        "README.md": README.format(title=TITLE, languages=", ".join(langs), default=default, translate=TRANSLATE),
        "requirements.txt": _generator_requirement(generator) + "\n",
        ".github/workflows/pages.yml": WORKFLOW,
        ".gitignore": GITIGNORE,
    }
    for lang in langs:
        files[f"course/{HOME}/{lang}.md"] = HOME_PAGE.format(title=TITLE, description=DESCRIPTION, text=HOME_TEXT)
        files[f"course/{MODULE}/{lang}.md"] = module_page(lang, QUIZ_ID)
        if (text := strings_file(lang, langs)) is not None:
            files[f"course/strings/{lang}.yml"] = text
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(files)
