"""Read course/, quizzes/ and cases/ into the model, reporting shape problems with their location.

Rules that need more than one file at a time live in validate.py.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from .diagnostics import Mark, Reporter
from .mdsource import markers as source_markers, scan, split_front_matter
from .model import (DEFAULT_SLUGS, QUESTION_RULES, QUIZ_KINDS, QUIZ_RULES, REVIEW_MODES, AgendaItem,
                    Allow, Case, CaseNode, Choice, Course, GlossaryTerm, Marker, Page, PageVersion,
                    Participation, Programme, Question, Quiz, Ref, Session)
from . import qtypes, strings as ui_strings
from .schema import SLUG, Fields, did_you_mean
from .yamlsrc import KIND_NAMES, YMap, YScalar, YSeq, kind_of, load_file, parse, read_text

MARKER_KINDS = {"quiz": True, "case": True, "programme": False}  # kind -> takes a reference
MODULE_DIR = re.compile(r"^\d{2,3}-[a-z0-9]+(?:-[a-z0-9]+)*$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HASH = re.compile(r"^[0-9a-f]{12}$")  # translation.source_hash
REVIEW_STATES = ("pending-expert",)
DEFAULT_LANGS = ("es", "en")
STRINGS_DIR = "strings"  # course/strings/<lang>.yml: the course's interface texts


def load_course(root: Path, rep: Reporter) -> Course | None:
    """Load the whole course under ``root``; None when course.yml itself is unusable."""
    qtypes.load_course_types(root)  # the course's own question types (its qtypes/ folder), if any
    course_yml = root / "course" / "course.yml"
    if not course_yml.is_file():
        rep.add(course_yml, "course.missing", "course/course.yml not found",
                "run the command from the project folder, or create course/course.yml")
        return None
    node = load_file(course_yml, rep)
    if node is None:
        return None
    known = ("id", "version", "title", "description", "languages", "pass_mark", "hours", "duration", "issuers",
             "home", "modules", "pages", "slugs", "certificate", "participation")
    pre = Fields(rep, node, "course.yml", known, DEFAULT_LANGS)
    langs = pre.text_list("languages", min_items=1) or DEFAULT_LANGS
    # A repeated language would make every text silently incomplete (one value, two languages).
    seen_langs: set[str] = set()
    for n in getattr(node.get("languages") if isinstance(node, YMap) else None, "items", []):
        if isinstance(n, YScalar) and n.kind == "str":
            if n.value in seen_langs:
                rep.add(n.mark, "course.duplicate-language", f"language '{n.value}' is listed twice",
                        "list each language once")
            seen_langs.add(n.value)
    langs = tuple(dict.fromkeys(langs))
    f = Fields(rep, node, "course.yml", known, tuple(langs), check_keys=False)
    course_id = f.slug("id")
    version = f.text("version")
    title = f.localized("title")
    description = f.localized("description")
    pass_mark = f.integer("pass_mark", False, 1, 100, 70) or 70
    hours = f.number("hours", False, 0, 1000, 0)
    duration = f.integer("duration", False, 1, 60000, None)  # target minutes; `stats` compares modules with it
    issuers = tuple(x for x in (f.localized_node(n, f"issuers[{i}]")
                                for i, n in enumerate(f.seq("issuers", False) or [], 1)) if x)
    home_slug = f.text("home")
    module_slugs = f.text_list("modules", min_items=1)
    page_slugs = f.text_list("pages", required=False)

    listed: dict[str, Mark] = {}
    for key in ("home", "modules", "pages"):
        value = node.get(key) if isinstance(node, YMap) else None
        nodes = [value] if isinstance(value, YScalar) else getattr(value, "items", [])
        for n in nodes:
            if isinstance(n, YScalar) and isinstance(n.value, str):
                if n.value in listed:
                    rep.add(n.mark, "course.duplicate-folder", f"folder '{n.value}' is listed twice "
                            f"(first at line {listed[n.value].line})", "list each folder once")
                listed[n.value] = n.mark
                if key == "modules" and not MODULE_DIR.match(n.value):
                    rep.add(n.mark, "course.module-name", f"module folder '{n.value}' must be named NN-slug (two or three digits), "
                            "e.g. '03-first-steps'", "two digits, a hyphen, then lowercase words")

    slugs = load_slugs(node.get("slugs") if isinstance(node, YMap) else None, listed, rep)
    participation = load_participation(node.get("participation") if isinstance(node, YMap) else None, langs, rep)
    phrases: dict[str, dict[str, tuple[str, ...]]] = {}
    course_strings = load_strings(root, f, tuple(langs), rep, phrases)
    ui_strings.use(course_strings)

    course_dir = root / "course"
    for child in sorted(course_dir.iterdir()):
        if child.is_dir() and not child.name.startswith((".", "_")) and child.name not in listed \
                and child.name != STRINGS_DIR:
            rep.add(child, "course.unlisted-folder", f"folder course/{child.name}/ is not listed in course.yml",
                    "add it under 'modules:' or 'pages:' in course/course.yml, or delete it")

    def load_page(slug: str, is_module: bool) -> Page | None:
        folder = course_dir / slug
        if folder.is_dir() and not folder.resolve().is_relative_to(root.resolve()):
            rep.add(listed.get(slug, Mark("course/course.yml", 0, 0)), "file.symlink-outside",
                    f"course/{slug}/ points outside the project", "replace the link with a real folder")
            return None
        if not folder.is_dir():
            rep.add(listed.get(slug, Mark("course/course.yml", 0, 0)), "course.missing-folder",
                    f"course.yml lists '{slug}' but course/{slug}/ does not exist",
                    "create the folder with es.md and en.md, or remove it from the list")
            return None
        versions = {}
        for lang in langs:
            path = folder / f"{lang}.md"
            if not path.is_file():
                rep.add(folder, "i18n.missing-page", f"course/{slug}/ has no {lang}.md",
                        f"write the {lang} version: every page ships in all languages")
                continue
            version = load_page_version(path, lang, is_module, tuple(langs), rep)
            if version:
                versions[lang] = version
        return Page(slug, is_module, versions) if len(versions) == len(langs) else None

    home = load_page(home_slug, False) if home_slug else None
    modules = tuple(p for p in (load_page(s, True) for s in module_slugs) if p)
    pages = tuple(p for p in (load_page(s, False) for s in page_slugs) if p)

    quizzes = {q.id: q for q in load_dir(root / "quizzes", rep, lambda p: load_quiz(p, tuple(langs), pass_mark, rep))}
    cases = {c.id: c for c in load_dir(root / "cases", rep, lambda p: load_case(p, tuple(langs), rep))}
    glossary_path = course_dir / "glossary.yml"
    glossary, glossary_review = load_glossary(glossary_path, tuple(langs), rep) if glossary_path.exists() else ((), None)
    programme_path = course_dir / "programme.yml"
    programme = load_programme(programme_path, tuple(langs), rep) if programme_path.exists() else None

    if not (course_id and version and title and description and home):
        return None
    return Course(root, course_id, version, title, description, tuple(langs), pass_mark, hours, issuers,
                  home, modules, pages, quizzes, cases, glossary, programme, duration, slugs, course_strings,
                  phrases, glossary_review=glossary_review, participation=participation)


def load_participation(node, langs, rep: Reporter) -> Participation | None:
    """course.yml `participation:` {sessions: all | [session ids], completion: true | false}: what a
    certificate of participation requires (validate.check_participation says whether the ids exist)."""
    if node is None:
        return None
    f = Fields(rep, node, "course.yml: 'participation'", ("sessions", "completion"), tuple(langs))
    if f.map is None:
        return None
    completion = f.boolean("completion", False, True)
    value = f.node("sessions", True)
    sessions: tuple[Ref, ...] | None = None
    if isinstance(value, YScalar):
        if value.value != "all":
            f.error(value.mark, "participation.sessions", f"course.yml: 'participation': 'sessions' is {value.raw!r}",
                    "write 'sessions: all' (every live session of course/programme.yml) or a list of session ids")
            return None
    elif isinstance(value, YSeq):
        ids = f.text_list("sessions", min_items=1)
        sessions = tuple(Ref(i.strip(), n.mark) for i, n in zip(ids, value.items))
        seen: set[str] = set()
        for ref in sessions:
            if ref.id in seen:
                f.error(ref.mark, "participation.duplicate", f"course.yml: 'participation': session '{ref.id}' is "
                        "listed twice", "list each session once")
            seen.add(ref.id)
    elif value is not None:
        f.error(value.mark, "participation.sessions", "course.yml: 'participation': 'sessions' must be 'all' or a "
                f"list of session ids, not {KIND_NAMES[kind_of(value)]}",
                "write 'sessions: all' or 'sessions: [session-1, session-3]'")
        return None
    if not f.ok or value is None or completion is None:
        return None
    return Participation(sessions, completion, f.mark, value.mark)


# course.yml `certificate:` key -> the interface text it replaces (section, key).
CERTIFICATE_TEXTS = {"intro": ("ui", "certificate_intro"), "note": ("js", "cert_note")}


def load_strings(root: Path, f: Fields, langs: tuple[str, ...], rep: Reporter,
                 phrases: dict[str, dict[str, tuple[str, ...]]] | None = None) -> dict[str, dict[str, dict[str, str]]]:
    """The course's interface texts: course/strings/<lang>.yml (sections ui/js, keys of the generator's
    locale files) and course.yml `certificate:` (intro, note: the course's wording of what its
    certificate is and is not). The files' `itemcheck:` lists go into ``phrases`` (lang -> key -> the
    phrases the item-writing checks look for), over the generator's."""
    from .itemcheck import PHRASE_KEYS, builtin_phrases
    for lang in langs:
        if phrases is not None:
            phrases[lang] = dict(builtin_phrases().get(lang, {}))
    out: dict[str, dict[str, dict[str, str]]] = {}
    folder = root / "course" / STRINGS_DIR
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        rel = f"course/strings/{path.name}"
        if path.stem not in langs:
            rep.add(path, "strings.unknown-language", f"{rel}: '{path.stem}' is not a course language",
                    "list the language in course.yml 'languages:', or delete the file")
            continue
        node = load_file(path, rep)
        if node is None:
            continue
        sf = Fields(rep, node, rel, (*ui_strings.SECTIONS, "itemcheck"), langs)
        if (sub := sf.node("itemcheck", False)) is not None and phrases is not None:
            phrases[path.stem].update(load_phrases(rep, sub, f"{rel}: 'itemcheck'", PHRASE_KEYS, langs,
                                                   phrases[path.stem]))
        tables: dict[str, dict[str, str]] = {}
        for section in ui_strings.SECTIONS:
            sub = sf.node(section, False)
            if sub is None:
                continue
            # A language the generator does not ship is named in every course language (`lang_pt`).
            known = tuple(dict.fromkeys(ui_strings.KEYS[section] + (
                tuple(f"lang_{code}" for code in langs) if section == "ui" else ())))
            keys = Fields(rep, sub, f"{rel}: '{section}'", known, langs)
            if isinstance(sub, YMap):
                tables[section] = {}
                for k in (k for k in sub.items if k in known):
                    value = plural_forms(rep, rel, path.stem, section, k, sub.items[k][0], sub.get(k)) \
                        if isinstance(sub.get(k), YMap) else keys.text(k)
                    if value is not None:
                        tables[section][k] = value
        out[path.stem] = tables
    cert = f.node("certificate", False)
    if cert is not None:
        cf = Fields(rep, cert, "course.yml: 'certificate'", tuple(CERTIFICATE_TEXTS), langs)
        for name, (section, key) in CERTIFICATE_TEXTS.items():
            texts = cf.localized(name, False) if cf.map is not None else None
            for lang, text in (texts or {}).items():
                out.setdefault(lang, {}).setdefault(section, {})[key] = text
    return out


def load_phrases(rep: Reporter, node, what: str, keys: tuple[str, ...], langs: tuple[str, ...],
                 shipped: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """A course's `itemcheck:` lists: a list replaces the generator's (an empty one turns the check off
    for the language); `{add: [...]}` keeps the generator's and adds to it."""
    pf = Fields(rep, node, what, keys, langs)
    out: dict[str, tuple[str, ...]] = {}
    for key in keys:
        value = pf.node(key, False)
        if value is None:
            continue
        if isinstance(value, YMap):
            af = Fields(rep, value, f"{what}: '{key}'", ("add",), langs)
            if af.node("add", True) is not None:
                out[key] = tuple(dict.fromkeys((*shipped.get(key, ()), *af.text_list("add", min_items=1))))
        elif isinstance(value, YSeq):
            out[key] = pf.text_list(key, required=False)
        else:
            pf.error(value.mark, "schema.type", f"{what}: '{key}' must be a list of phrases, "
                     f"not {KIND_NAMES[kind_of(value)]}",
                     f'write {key}: ["..."] to replace the generator\'s list, or {key}: {{add: ["..."]}} to add to it')
    return out


def plural_forms(rep: Reporter, rel: str, lang: str, section: str, key: str, at: Mark,
                 node: YMap) -> dict[str, str] | None:
    """A text given in plural forms ({one: …, other: …}): only for a text that counts, in the CLDR
    categories ``lang`` has, with `other`. None (reported) when anything is wrong."""
    forms: dict[str, str] = {}
    for category, (_, value) in node.items.items():
        forms[category] = value.value if isinstance(value, YScalar) and value.kind == "str" else None
    problems = ui_strings.form_problems(lang, section, key, forms)
    for category, message, hint in problems:
        rep.add(node.items[category][0] if category in node.items else at, "strings.plural", f"{rel}: {message}", hint)
    return None if problems else forms


def load_slugs(node, listed: dict[str, Mark], rep: Reporter) -> dict[str, str]:
    """course.yml `slugs:`: the folder of each page the generator adds (progress, certificate, search,
    verify, glossary); the generator's English defaults for those not named."""
    slugs = dict(DEFAULT_SLUGS)
    if node is None:
        return slugs
    f = Fields(rep, node, "course.yml: 'slugs'", tuple(DEFAULT_SLUGS), ())
    if f.map is None:
        return slugs
    seen: dict[str, str] = {}
    for key in DEFAULT_SLUGS:
        value = f.slug(key, False)
        if value is None:
            continue
        at = f.map.get(key).mark
        if value in listed:
            rep.add(at, "course.slug-clash", f"slugs: '{key}' is '{value}', which is also a course folder",
                    "give the page another slug, or rename the folder")
        elif value in seen:
            rep.add(at, "course.slug-clash", f"slugs: '{key}' and '{seen[value]}' are both '{value}'",
                    "give each page its own slug")
        else:
            seen[value] = key
            slugs[key] = value
    return slugs


def load_dir(folder: Path, rep: Reporter, load):
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix == ".yaml":
            rep.add(path, "file.extension", f"{path.name}: use the .yml extension", f"rename to {path.stem}.yml")
        elif path.suffix != ".yml":
            rep.add(path, "file.unexpected", f"unexpected file {path.name} in {folder.name}/",
                    "only <id>.yml files belong here")
        elif not SLUG.match(path.stem):
            rep.add(path, "file.name", f"file name '{path.stem}' must be a lowercase slug (it is the id)",
                    "use lowercase letters, digits and hyphens")
        else:
            item = load(path)
            if item is not None:
                out.append(item)
    return out


def load_page_version(path: Path, lang: str, is_module: bool, langs: tuple[str, ...],
                      rep: Reporter) -> PageVersion | None:
    text = read_text(path, rep)
    if text is None:
        return None
    rel = rep.rel(path)
    parts = split_front_matter(text)
    if parts is None:
        rep.add(Mark(rel, 1, 1), "page.front-matter", "page has no front matter",
                "start the file with a '---' line, then 'title: ...', then a closing '---' line")
        return None
    fm_text, body, body_line = parts
    node = parse(fm_text, rel, rep, line_offset=1) if fm_text.strip() else None
    if node is None and fm_text.strip():
        return None
    known = ("title", "description", "duration", "objectives", "keypoints", "review") if is_module \
        else ("title", "description", "review")
    if lang != langs[0]:
        known = (*known, "translated_from")
    f = Fields(rep, node, "front matter", known, langs, at=Mark(rel, 1, 1))
    title = f.text("title")
    description = f.text("description")
    duration = f.integer("duration", True, 1, 600) if is_module else None
    objectives = f.text_list("objectives", min_items=1) if is_module else ()
    keypoints = f.text_list("keypoints", min_items=1) if is_module else ()
    review = f.text("review", required=False)
    if review is not None and review not in REVIEW_STATES:
        f.error(f.map.get("review").mark, "page.review-value", f"front matter: review '{review}' is not a review state",
                f"write 'review: {REVIEW_STATES[0]}', or remove the line once an expert has checked the page")
        review = None
    translated_from = f.text("translated_from", required=False) if lang != langs[0] else None
    if translated_from is not None and not HASH.match(translated_from):
        f.error(f.map.get("translated_from").mark, "page.translated-from",
                f"front matter: translated_from '{translated_from}' is not a source version",
                f"do not edit it by hand: run course-builder status --mark {path.parent.name}")
        translated_from = None
    markers = []
    for m in source_markers(scan(body, body_line)):
        at = Mark(rel, m.line, 1)
        if m.kind not in MARKER_KINDS:
            rep.add(at, "marker.unknown", f"unknown marker line '{m.text.strip()}'",
                    "markers are '::: quiz <id>', '::: case <id>' or '::: programme'")
        elif MARKER_KINDS[m.kind] and not m.ref:
            rep.add(at, "marker.syntax", f"'::: {m.kind}' needs an id", f"write '::: {m.kind} <id>'")
        elif not MARKER_KINDS[m.kind] and m.ref:
            rep.add(at, "marker.syntax", f"'::: {m.kind}' takes no id", f"write '::: {m.kind}'")
        else:
            markers.append(Marker(m.kind, m.ref or "", m.line))
    if not f.ok or title is None or description is None:
        return None
    return PageVersion(lang, path, title, description, body, body_line, duration, objectives, keypoints,
                       review, tuple(markers), translated_from)


def load_quiz(path: Path, langs: tuple[str, ...], default_pass: int, rep: Reporter) -> Quiz | None:
    node = load_file(path, rep)
    if node is None:
        return None
    qid = path.stem
    f = Fields(rep, node, f"quiz '{qid}'",
               ("title", "kind", "pass_mark", "shuffle", "reveal_after", "explain_after", "graded", "questions",
                "draw", "pools", "review", "attempts", "wait_hours", "allow"), langs)
    if f.map is None:
        return None
    title = f.localized("title")
    allow = load_allow(f, QUIZ_RULES, QUESTION_RULES, "per question: move it into that question")
    kind = f.choice("kind", QUIZ_KINDS, False, "quiz")
    pass_mark = f.integer("pass_mark", False, 1, 100, default_pass)
    shuffle = f.boolean("shuffle", False, False)
    reveal_after = f.integer("reveal_after", False, 0, 20, 0)
    explain_after = f.integer("explain_after", False, 0, 20, 0)
    graded = f.boolean("graded", False, True)
    draw, pools, review, attempts, wait_hours = 0, (), "explanations", 0, 0.0
    questions: list[Question] = []
    if kind == "assessment":
        draw = f.integer("draw", True, 1, 500) or 0
        pools = f.text_list("pools", min_items=1)
        review = f.choice("review", REVIEW_MODES, False, "explanations") or "explanations"
        attempts = f.integer("attempts", False, 0, 1000, 0) or 0
        wait_hours = f.number("wait_hours", False, 0, 8760, 0)
        if f.map.get("questions") is not None:
            f.error(f.map.key_mark("questions"), "quiz.assessment-questions",
                    f"quiz '{qid}': an assessment draws its questions from pools and has none of its own",
                    "move these questions into a quiz with 'kind: pool' and list it under 'pools:'")
    else:
        for key in ("draw", "pools", "review", "attempts", "wait_hours"):
            if f.map.get(key) is not None:
                f.error(f.map.key_mark(key), "schema.unknown-key", f"quiz '{qid}': '{key}' only applies to "
                        "'kind: assessment'", "remove it, or set 'kind: assessment'")
        for n in f.seq("questions", True, 1) or []:
            q = load_question(n, qid, langs, rep)
            if q is not None:
                questions.append(q)
    if not f.ok or title is None or kind is None:
        return None
    return Quiz(qid, path, title, kind, pass_mark or default_pass, bool(shuffle), reveal_after or 0,
                bool(graded), tuple(questions), draw, pools, f.mark, explain_after=explain_after or 0, review=review,
                attempts=attempts, wait_hours=wait_hours, allow=allow)


def load_allow(f: Fields, rules: tuple[str, ...], elsewhere: tuple[str, ...], move: str) -> dict[str, Allow]:
    """`allow: {rule: "reason"}`: item-writing rules this question or quiz silences. The reason is
    required (and kept) so a silenced warning always says why; `elsewhere` are the rules checked at
    the other level, named as such instead of as unknown."""
    node = f.node("allow", False)
    if node is None:
        return {}
    form = f'write it as allow: {{{rules[0]}: "why the rule does not apply here"}}'
    if not isinstance(node, YMap):
        f.error(node.mark, "schema.type", f"{f.what}: 'allow' must map each silenced rule to its reason, "
                f"not {KIND_NAMES[kind_of(node)]}", form)
        return {}
    out: dict[str, Allow] = {}
    for rule, (kmark, value) in node.items.items():
        if rule in elsewhere:
            f.error(kmark, "schema.unknown-key", f"{f.what}: 'allow': rule '{rule}' is checked {move}",
                    f"rules silenced here: {', '.join(rules)}")
            continue
        if rule not in rules:
            f.error(kmark, "schema.unknown-key", f"{f.what}: 'allow': unknown rule '{rule}'",
                    did_you_mean(rule, rules) or f"rules silenced here: {', '.join(rules)}")
            continue
        if isinstance(value, YScalar) and (value.kind == "null" or value.kind == "str" and not value.value.strip()):
            f.error(value.mark, "schema.empty", f"{f.what}: 'allow': rule '{rule}' has no reason", form)
            continue
        reason = f.scalar_text(value, f"allow: {rule}")
        if reason is not None:
            out[rule] = Allow(reason.strip(), kmark)
    return out


def _where(node: YMap, keys: tuple[str, ...], langs: tuple[str, ...]) -> dict[str, Mark]:
    """The mark of each language's text under ``keys`` ("prompt.es" -> line and column of that text)."""
    out: dict[str, Mark] = {}
    for key in keys:
        texts = node.get(key)
        if isinstance(texts, YMap):
            for lang in langs:
                if (text := texts.get(lang)) is not None:
                    out[f"{key}.{lang}"] = text.mark
    return out


def load_question(node, qid: str, langs: tuple[str, ...], rep: Reporter) -> Question | None:
    types = qtypes.all_types()
    all_specific = sorted({k for qt in types for k in qt.keys})
    base = ("id", "type", "prompt", "explanation", "hint", "allow")
    ident = node.get("id") if isinstance(node, YMap) else None
    label = f"question '{ident.value}'" if isinstance(ident, YScalar) else f"a question of quiz '{qid}'"
    f = Fields(rep, node, label, (*base, *all_specific), langs)
    if f.map is None:
        return None
    q_id = f.slug("id")
    qtype = f.choice("type", qtypes.names(), True)
    prompt = f.localized("prompt")
    explanation = f.localized("explanation", False)
    hint = f.localized("hint", False)
    allow = load_allow(f, QUESTION_RULES, QUIZ_RULES, "over the whole quiz: move it to the quiz's top level")
    if qtype is None:
        return None
    qt = qtypes.get(qtype)
    for key in all_specific:
        if key not in qt.keys and f.map.get(key) is not None:
            f.error(f.map.key_mark(key), "schema.unknown-key", f"{label}: '{key}' does not apply to type '{qtype}'",
                    f"type '{qtype}' uses {', '.join(qt.keys)}")
    fields = qt.load(f, label, langs, rep)
    if not f.ok or not q_id or not prompt:
        return None
    return Question(q_id, qtype, prompt, explanation, hint, node.mark, allow=allow,
                    where=_where(node, ("prompt", "explanation", "hint"), langs), **fields)


def load_case(path: Path, langs: tuple[str, ...], rep: Reporter) -> Case | None:
    node = load_file(path, rep)
    if node is None:
        return None
    cid = path.stem
    f = Fields(rep, node, f"case '{cid}'", ("title", "fictional", "start", "nodes", "debrief"), langs)
    if f.map is None:
        return None
    title = f.localized("title")
    fictional = f.boolean("fictional", True)
    if fictional is False:
        f.error(f.map.get("fictional").mark, "case.not-fictional", f"case '{cid}': cases must be fictional",
                "use invented people and places and set 'fictional: true'")
    start = f.slug("start")
    debrief = f.localized("debrief")
    nodes: dict[str, CaseNode] = {}
    nodes_map = f.node("nodes", True)
    if nodes_map is not None and not isinstance(nodes_map, YMap):
        f.error(nodes_map.mark, "schema.type", f"case '{cid}': 'nodes' must be a mapping of node ids")
    elif nodes_map is not None:
        for name, (kmark, n) in nodes_map.items.items():
            if not SLUG.match(name):
                f.error(kmark, "schema.slug", f"case '{cid}': node id '{name}' must be a lowercase slug")
                continue
            nf = Fields(rep, n, f"case '{cid}' node '{name}'", ("text", "choices", "ending"), langs)
            text = nf.localized("text")
            ending = nf.choice("ending", ("good", "mixed", "poor"), False)
            choices = []
            for cn in nf.seq("choices", False) or []:
                cf = Fields(rep, cn, f"case '{cid}' node '{name}' choice", ("text", "feedback", "next"), langs)
                ct, fb, nxt = cf.localized("text"), cf.localized("feedback"), cf.slug("next")
                if cf.ok and ct and fb and nxt:
                    choices.append(Choice(ct, fb, nxt, cn.mark))
                else:
                    nf.ok = False
            if nf.ok and text:
                nodes[name] = CaseNode(name, text, tuple(choices), ending, kmark)
            else:
                f.ok = False
    if not f.ok or not (title and start and debrief):
        return None
    return Case(cid, path, title, start, nodes, debrief, f.mark)


def load_glossary(path: Path, langs: tuple[str, ...], rep: Reporter) -> tuple[tuple[GlossaryTerm, ...], str | None]:
    """The terms, and the glossary's review state (`review:`, as in a page's front matter)."""
    node = load_file(path, rep)
    f = Fields(rep, node, "glossary", ("terms", "review"), langs)
    review = f.text("review", required=False)
    if review is not None and review not in REVIEW_STATES:
        f.error(f.map.get("review").mark, "page.review-value", f"glossary: review '{review}' is not a review state",
                f"write 'review: {REVIEW_STATES[0]}', or remove the line once an expert has checked the glossary")
        review = None
    out = []
    for n in f.seq("terms", True, 1) or []:
        tf = Fields(rep, n, "glossary term", ("id", "term", "definition"), langs)
        tid, term, definition = tf.slug("id"), tf.localized("term"), tf.localized("definition")
        if tf.ok and tid and term and definition:
            for lang in langs:
                if definition.get(lang, "").strip().casefold() == term.get(lang, "").strip().casefold():
                    tf.error(tf.map.get("definition").mark, "glossary.definition",
                             f"glossary term '{tid}': the {lang} definition only repeats the term",
                             "write what the term means")
            out.append(GlossaryTerm(tid, term, definition, n.mark))
    seen: dict[tuple[str, str], str] = {}
    for t in out:
        for lang in langs:
            key = (lang, t.term.get(lang, "").strip().casefold())
            if key in seen and seen[key] != t.id:  # a repeated id is reported as glossary.duplicate
                rep.add(t.mark, "glossary.duplicate-term", f"glossary term '{t.id}': the {lang} term "
                        f"'{t.term.get(lang)}' is already defined by '{seen[key]}'",
                        "keep one entry per term (participants would see two definitions)")
            else:
                seen.setdefault(key, t.id)
    return tuple(out), review


def _check_session(sf: Fields, sid: str | None, values: dict) -> None:
    """Values that match their format but cannot be right: 2021-02-30, an end before the start…"""
    for key in ("date", "end_date"):
        if values[key]:
            try:
                date.fromisoformat(values[key])
            except ValueError:
                sf.error(sf.map.get(key).mark, "programme.date", f"programme session '{sid}': '{key}' "
                         f"{values[key]} is not a day of the calendar", "check the month and the day")
                values[key] = None
    if values["end_date"] and values["date"] and values["end_date"] < values["date"]:
        sf.error(sf.map.get("end_date").mark, "programme.order", f"programme session '{sid}' ends on "
                 f"{values['end_date']}, before it starts ({values['date']})", "swap or correct the dates")
    if bool(values["start"]) != bool(values["end"]) and sf.ok:
        given = "start" if values["start"] else "end"
        sf.error(sf.map.get(given).mark, "programme.times", f"programme session '{sid}' has '{given}' but not "
                 f"'{'end' if given == 'start' else 'start'}'", "give both times, or neither for a self-paced period")
    if values["start"] and values["end"] and values["end"] <= values["start"]:
        sf.error(sf.map.get("end").mark, "programme.order", f"programme session '{sid}' ends at {values['end']}, "
                 f"not after it starts ({values['start']})", "check the times (24-hour clock: \"14:00\")")


def _check_agenda_item(af: Fields, sid: str | None, values: dict, t: str, e: str | None,
                       previous_end: str | None) -> str:
    """An agenda item lies inside its session, ends after it starts and follows the previous item."""
    start, end = values["start"], values["end"]
    at_time, at_end = af.map.get("time").mark, (af.map.get("end").mark if e else af.map.get("time").mark)
    if start and end and not start <= t < end:
        af.error(at_time, "programme.agenda-outside", f"agenda item at {t} is outside session '{sid}' "
                 f"({start}–{end})", "agenda times must fall within the session's start and end")
    elif e and start and end and e > end:
        af.error(at_end, "programme.agenda-outside", f"agenda item {t}–{e} ends after session '{sid}' ({end})",
                 "agenda times must fall within the session's start and end")
    elif e and e <= t:
        af.error(at_end, "programme.order", f"agenda item ends at {e}, not after it starts ({t})",
                 "check the times (24-hour clock: \"14:00\")")
    elif previous_end and t < previous_end:
        af.error(at_time, "programme.order", f"agenda item at {t} starts before the previous item ends "
                 f"({previous_end})", "list agenda items in time order, without overlaps")
    return e or t


def _refs(sf: Fields, key: str) -> tuple[Ref, ...]:
    """A list of ids with their places (validate.check_programme says whether they exist)."""
    out = []
    for i, node in enumerate(sf.seq(key, False) or [], 1):
        value = sf.scalar_text(node, f"{key}[{i}]")
        if value is not None:
            out.append(Ref(value.strip(), node.mark))
    return tuple(out)


def load_programme(path: Path, langs: tuple[str, ...], rep: Reporter) -> Programme | None:
    node = load_file(path, rep)
    f = Fields(rep, node, "programme", ("timezone_offset", "timezone_label", "sessions"), langs)
    offset = f.text("timezone_offset")
    if offset and not re.match(r"^[+-](0\d|1[0-4]):[0-5]\d$", offset):
        f.error(f.map.get("timezone_offset").mark, "programme.offset",
                f"programme: timezone_offset '{offset}' must look like \"-05:00\"")
    label = f.localized("timezone_label")
    sessions = []
    for n in f.seq("sessions", True, 1) or []:
        sf = Fields(rep, n, "programme session", ("id", "title", "date", "end_date", "start", "end", "agenda",
                                                            "modules", "discuss"), langs)
        sid, title = sf.slug("id"), sf.localized("title")
        values = {}
        for key, pattern, required in (("date", DATE, True), ("end_date", DATE, False),
                                       ("start", TIME, False), ("end", TIME, False)):
            v = sf.text(key, required)
            if v is not None and not pattern.match(v):
                sf.error(sf.map.get(key).mark, "programme.format",
                         f"programme session '{sid}': '{key}' is '{v}'",
                         'write dates as "2021-06-18" and times as "10:00", in quotes')
                v = None
            values[key] = v
        _check_session(sf, sid, values)
        agenda = []
        previous_end = None
        for an in sf.seq("agenda", False) or []:
            af = Fields(rep, an, f"programme session '{sid}' agenda item", ("time", "end", "topic"), langs)
            t, e, topic = af.text("time"), af.text("end", False), af.localized("topic")
            for key, v in (("time", t), ("end", e)):
                if v is not None and not TIME.match(v):
                    af.error(af.map.get(key).mark, "programme.format", f"agenda '{key}' is '{v}'", 'write times as "10:00"')
            if af.ok and t:
                previous_end = _check_agenda_item(af, sid, values, t, e, previous_end)
            if af.ok and t and topic:
                agenda.append(AgendaItem(t, e, topic))
        if agenda and not (values["start"] and values["end"]) and sf.ok:
            sf.error(sf.map.get("agenda").mark, "programme.agenda-without-times",
                     f"programme session '{sid}' has an agenda but no 'start' and 'end'",
                     "give the session its start and end times, or remove the agenda")
        covers, discuss = _refs(sf, "modules"), _refs(sf, "discuss")
        if sf.ok and sid and title and values["date"]:
            if sessions and values["date"] < sessions[-1].date:
                sf.error(sf.map.get("date").mark, "programme.order",
                         f"programme session '{sid}' ({values['date']}) comes before the previous session "
                         f"'{sessions[-1].id}' ({sessions[-1].date})", "list the sessions in date order")
            elif (sessions and values["date"] == sessions[-1].date and values["start"] and sessions[-1].end
                  and values["start"] < sessions[-1].end):
                sf.error(sf.map.get("start").mark, "programme.order",
                         f"programme session '{sid}' starts at {values['start']}, before the previous session "
                         f"'{sessions[-1].id}' ends ({sessions[-1].end})", "list the sessions in time order")
            sessions.append(Session(sid, title, values["date"], values["end_date"], values["start"],
                                    values["end"], tuple(agenda), covers, discuss, sf.mark))
    if not f.ok or not offset or not label:
        return None
    return Programme(offset, label, tuple(sessions))
