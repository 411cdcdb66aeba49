"""Rules across files: ids, answer keys, language parity, markers, links, case graphs."""
from __future__ import annotations

import re
from urllib.parse import unquote

from .diagnostics import Mark, Reporter, Severity
from .itemcheck import check_items
from .mdsource import links, prose_lines, scan
from .model import Case, Course, PageVersion
from .placeholders import PLACEHOLDERS, TRANSLATE
from . import qtypes

MAX_IMAGE_BYTES = 200 * 1024
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def validate(course: Course, rep: Reporter) -> None:
    """Add every cross-file problem of ``course`` to ``rep``."""
    check_quizzes(course, rep)
    check_placements(course, rep)
    for case in course.cases.values():
        check_case(case, rep)
    glossary_ids = check_glossary(course, rep)
    for page in course.all_pages():
        for version in page.versions.values():
            check_links(version, course, glossary_ids, rep)
            if version.review:
                rep.add(Mark(rep.rel(version.path), 1, 1), "page.review",
                        f"review status '{version.review}': this page has points awaiting expert review",
                        "remove 'review:' once an expert has checked it", Severity.NOTE)
    if course.glossary_review:
        rep.add(Mark(rep.rel(course.root / "course" / "glossary.yml"), 1, 1), "page.review",
                f"review status '{course.glossary_review}': the glossary has points awaiting expert review",
                "remove 'review:' once an expert has checked it", Severity.NOTE)
    check_placeholders(course, rep)
    check_durations(course, rep)
    check_items(course, rep)
    check_programme(course, rep)
    check_participation(course, rep)


def check_participation(course: Course, rep: Reporter) -> None:
    """course.yml `participation:` names live sessions of the programme (attendance.py)."""
    p = course.participation
    if p is None:
        return
    live = [s.id for s in course.programme.sessions if s.is_live] if course.programme else []
    where = p.sessions_mark or p.mark
    if not live:
        rep.add(where, "participation.no-sessions", "course.yml: 'participation' needs live sessions, but "
                + ("course/programme.yml has none with 'start' and 'end'" if course.programme
                   else "the course has no course/programme.yml"),
                "give the live sessions their times in course/programme.yml, or remove 'participation:'")
        return
    others = {s.id for s in course.programme.sessions} - set(live)
    for ref in p.sessions or ():
        if ref.id in others:
            rep.add(ref.mark, "participation.not-live", f"course.yml: 'participation': session '{ref.id}' is a "
                    "self-paced period (no 'start' and 'end'): it has no attendance code",
                    f"list live sessions only: {', '.join(live)}")
        elif ref.id not in live:
            rep.add(ref.mark, "participation.unknown-session", f"course.yml: 'participation': there is no session "
                    f"'{ref.id}' in course/programme.yml", _suggest(ref.id, live) or f"the live sessions are {', '.join(live)}")


def discussion_target(course: Course, ref: str):
    """What a programme `discuss:` entry names: ("question", Question, Quiz), ("case", Case, CaseNode),
    or (None, hint) when it names nothing. `case` and `case#start` mean the case's start node
    (unless the case has a node called `start`)."""
    case_id, sep, node = ref.partition("#")
    if case_id in course.cases:
        case = course.cases[case_id]
        node = node if sep else case.start
        if node == "start" and "start" not in case.nodes:
            node = case.start
        if node in case.nodes:
            return ("case", case, case.nodes[node])
        return (None, f"case '{case_id}' has no node '{node}'; "
                + (_suggest(node, case.nodes) or f"its nodes are {', '.join(case.nodes)}"))
    if sep:
        return (None, f"there is no case '{case_id}'; " + (_suggest(case_id, course.cases) or
                                                           f"the cases are {', '.join(course.cases) or 'none'}"))
    for quiz in course.quizzes.values():
        for q in quiz.questions:
            if q.id == ref:
                return ("question", q, quiz)
    ids = [q.id for quiz in course.quizzes.values() for q in quiz.questions]
    return (None, _suggest(ref, [*ids, *course.cases]) or
            "write a question id (e.g. from quizzes/<quiz>.yml) or a case decision point 'case#node'")


def check_programme(course: Course, rep: Reporter) -> None:
    """The modules a session's slide deck covers and what it discusses exist, and the session is live."""
    if course.programme is None:
        return
    modules = {page.slug for page in course.modules}
    for session in course.programme.sessions:
        if session.has_deck and not (session.start and session.end) and session.mark:
            rep.add(session.mark, "programme.deck-without-times",
                    f"programme session '{session.id}' lists modules or discussion points but has no times",
                    "only a live session (with 'start' and 'end') gets a slide deck; remove 'modules'/'discuss' "
                    "or give it times")
        for ref in session.modules:
            if ref.id not in modules:
                rep.add(ref.mark, "programme.unknown-module", f"programme session '{session.id}': module "
                        f"'{ref.id}' is not a module of course.yml",
                        _suggest(ref.id, modules) or f"the modules are {', '.join(sorted(modules))}")
        seen: dict[tuple, str] = {}
        for ref in session.discuss:
            found = discussion_target(course, ref.id)
            if found[0] is None:
                rep.add(ref.mark, "programme.unknown-discuss",
                        f"programme session '{session.id}': nothing to discuss is called '{ref.id}'", found[1])
                continue
            key = (found[0], found[1].id, found[2].id)
            if key in seen:
                rep.warn(ref.mark, "programme.discuss-twice", f"programme session '{session.id}': '{ref.id}' is "
                         f"the same as '{seen[key]}', listed before", "list each discussion point once")
            seen.setdefault(key, ref.id)


def check_durations(course: Course, rep: Reporter) -> None:
    """A module's duration is one number in every language (stats, certificates and pages use it)."""
    for page in course.modules:
        source = page.versions.get(course.default_language)
        for lang, version in page.versions.items():
            if source is None or lang == course.default_language or version.duration == source.duration:
                continue
            rep.add(Mark(rep.rel(version.path), 1, 1), "i18n.duration",
                    f"duration is {version.duration} min in {lang}.md but {source.duration} min in "
                    f"{course.default_language}.md", "give the module the same 'duration:' in every language")


def check_placeholders(course: Course, rep: Reporter) -> None:
    """Texts a `new course`/`new module`/`new quiz` skeleton wrote and nobody replaced: a warning, so
    --strict fails."""
    paths = [course.root / "course" / "course.yml", *sorted((course.root / "course" / "strings").glob("*.yml"))]
    paths += [v.path for page in course.all_pages() for v in page.versions.values()]
    paths += [q.path for q in course.quizzes.values()]
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if not any(p in text for p in PLACEHOLDERS):
            continue  # most files, once written: one search of the whole text each instead of per line
        lines = text.split("\n")
        front = path.suffix == ".md" and bool(lines) and lines[0].strip() == "---"
        # Interface texts pre-filled in English for a new language: one warning per file, not ~200.
        untranslated = [n for n, line in enumerate(lines, 1) if line.rstrip().endswith(TRANSLATE)]
        skip = set(untranslated)
        if untranslated:
            rep.warn(Mark(rep.rel(path), untranslated[0], lines[untranslated[0] - 1].rfind(TRANSLATE) + 1), "todo",
                     f"{len(untranslated)} interface text(s) still in English, marked '{TRANSLATE}' "
                     f"(lines {_lines(untranslated)})", "translate each one and delete its mark")
        for lineno, line in enumerate(lines, 1):
            if lineno in skip:
                continue
            if front and lineno > 1 and line.strip() == "---":
                front = False
            if (path.suffix != ".md" or front) and line.lstrip().startswith("#"):
                continue  # a YAML comment: the skeleton's guidance, never shown
            for placeholder in PLACEHOLDERS:
                col = line.find(placeholder)
                if col >= 0:
                    rep.warn(Mark(rep.rel(path), lineno, col + 1), "todo",
                             f"placeholder text from the skeleton: '{placeholder}'",
                             "replace it with the real text (written by `new course|module|quiz`)")
                    break


def _lines(numbers: list[int]) -> str:
    """1, 2, 3, 7 -> '1-3, 7'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _dupes(rep: Reporter, entries, what: str, code: str) -> None:
    seen: dict[str, Mark] = {}
    for ident, mark in entries:
        if ident in seen:
            rep.add(mark, code, f"{what} '{ident}' is used twice (first at {seen[ident].path}:{seen[ident].line})",
                    "ids must be unique: rename one")
        else:
            seen[ident] = mark


def check_quizzes(course: Course, rep: Reporter) -> None:
    _dupes(rep, [(q.id, q.mark) for quiz in course.quizzes.values() for q in quiz.questions],
           "question id", "quiz.duplicate-question")
    for quiz in course.quizzes.values():
        for q in quiz.questions:
            _dupes(rep, [(o.id, o.mark) for o in q.options], f"question '{q.id}': option id", "quiz.duplicate-option")
            _dupes(rep, [(i.id, i.mark) for i in q.items], f"question '{q.id}': item id", "quiz.duplicate-option")
            if q.explanation is None:
                rep.warn(q.mark, "quiz.no-explanation", f"question '{q.id}' has no explanation",
                         "add 'explanation: {es: ..., en: ...}': participants read it after answering")
            for o in q.options:
                if o.feedback is None:
                    rep.warn(o.mark, "quiz.no-feedback", f"question '{q.id}': option '{o.id}' has no feedback",
                             "add 'feedback:' saying why this option is right or wrong")
            qtypes.get(q.type).check(q, rep)
        if quiz.kind == "assessment":
            total = 0
            for pool_id in quiz.pools:
                pool = course.quizzes.get(pool_id)
                if pool is None or pool.kind != "pool":
                    rep.add(quiz.mark or quiz.path, "quiz.unknown-pool",
                            f"assessment '{quiz.id}' draws from '{pool_id}', which is not a quiz with 'kind: pool'",
                            "create quizzes/%s.yml with 'kind: pool'" % pool_id if pool is None else
                            f"set 'kind: pool' in quizzes/{pool_id}.yml")
                else:
                    total += len(pool.questions)
            if total and quiz.draw > total:
                rep.add(quiz.mark or quiz.path, "quiz.draw-too-many",
                        f"assessment '{quiz.id}' draws {quiz.draw} questions but its pools hold only {total}",
                        "lower 'draw' or add questions to the pools")


def check_placements(course: Course, rep: Reporter) -> None:
    placed: dict[str, list[Mark]] = {}  # quiz id -> where the default language places it
    for page in course.all_pages():
        sequences = {lang: [(m.kind, m.ref) for m in v.markers] for lang, v in page.versions.items()}
        reference = sequences.get(course.default_language, [])
        for lang, seq in sequences.items():
            if seq != reference:
                v = page.versions[lang]
                rep.add(Mark(rep.rel(v.path), v.body_line, 1), "i18n.marker-mismatch",
                        f"{lang}.md places {_fmt(seq)} but {course.default_language}.md places {_fmt(reference)}",
                        "both languages must place the same quizzes and cases in the same order")
        for lang, version in page.versions.items():
            for m in version.markers:
                at = Mark(rep.rel(version.path), m.line, 1)
                if m.kind == "quiz":
                    quiz = course.quizzes.get(m.ref)
                    if quiz is None:
                        rep.add(at, "marker.unknown-quiz", f"quiz '{m.ref}' does not exist",
                                _suggest(m.ref, course.quizzes) or f"create quizzes/{m.ref}.yml")
                    elif quiz.kind == "pool":
                        rep.add(at, "marker.pool", f"quiz '{m.ref}' is a pool for the final assessment and "
                                "cannot be placed in a page", "place the assessment that draws from it instead")
                    if lang == course.default_language:
                        placed.setdefault(m.ref, []).append(at)
                elif m.kind == "case" and m.ref not in course.cases:
                    rep.add(at, "marker.unknown-case", f"case '{m.ref}' does not exist",
                            _suggest(m.ref, course.cases) or f"create cases/{m.ref}.yml")
                elif m.kind == "programme" and course.programme is None:
                    rep.add(at, "marker.no-programme", "'::: programme' needs course/programme.yml")
    for quiz in course.quizzes.values():
        places = placed.get(quiz.id, [])
        if quiz.kind != "pool" and not places:
            rep.warn(quiz.path, "quiz.unplaced", f"quiz '{quiz.id}' is not placed in any page",
                     f"add the line '::: quiz {quiz.id}' to a module in every language")
        if len(places) > 1:
            # Reported where it is placed again, naming every place: the author picks the line to delete.
            where = [f"{at.path}:{at.line}:{at.col}" for at in places]
            rep.add(places[1], "quiz.placed-twice",
                    f"quiz '{quiz.id}' is placed {'twice' if len(where) == 2 else f'{len(where)} times'}: "
                    f"at {', '.join(where[:-1])} and {where[-1]}",
                    f"place each quiz once (progress is kept per quiz): keep one '::: quiz {quiz.id}' line "
                    "and delete the others, in every language")


def _fmt(seq: list[tuple[str, str]]) -> str:
    return "[" + ", ".join(f"{k} {r}".strip() for k, r in seq) + "]" if seq else "nothing"


def _suggest(ref: str, known) -> str:
    from .schema import did_you_mean
    return did_you_mean(ref, known)


def check_case(case: Case, rep: Reporter) -> None:
    if case.start not in case.nodes:
        rep.add(case.mark, "case.missing-node", f"case '{case.id}': start node '{case.start}' does not exist",
                _suggest(case.start, case.nodes))
        return
    for node in case.nodes.values():
        if node.ending and node.choices:
            rep.add(node.mark, "case.ending-with-choices",
                    f"case '{case.id}': node '{node.id}' is an ending but has choices", "remove 'ending' or 'choices'")
        if not node.ending and not node.choices:
            rep.add(node.mark, "case.dead-end", f"case '{case.id}': node '{node.id}' has no choices and is not an ending",
                    "add choices, or mark it 'ending: good|mixed|poor'")
        for choice in node.choices:
            if choice.next not in case.nodes:
                rep.add(choice.mark, "case.missing-node",
                        f"case '{case.id}': a choice of node '{node.id}' leads to missing node '{choice.next}'",
                        _suggest(choice.next, case.nodes) or "create the node or fix 'next'")
    reached, todo = set(), [case.start]
    while todo:
        current = todo.pop()
        if current in reached or current not in case.nodes:
            continue
        reached.add(current)
        todo.extend(c.next for c in case.nodes[current].choices)
    for node in case.nodes.values():
        if node.id not in reached:
            rep.add(node.mark, "case.unreachable", f"case '{case.id}': node '{node.id}' cannot be reached from "
                    f"'{case.start}'", "add a choice leading to it, or delete it")
    if not any(case.nodes[n].ending for n in reached):
        rep.add(case.mark, "case.no-ending", f"case '{case.id}' has no reachable ending")
        return
    # Every path must reach an ending: a node from which no ending can be reached traps the participant.
    leads_out = {n for n in case.nodes if case.nodes[n].ending}
    grew = True
    while grew:
        grew = False
        for node in case.nodes.values():
            if node.id not in leads_out and any(c.next in leads_out for c in node.choices):
                leads_out.add(node.id)
                grew = True
    for node in case.nodes.values():
        if node.id in reached and node.id not in leads_out and node.choices:
            rep.add(node.mark, "case.no-way-out", f"case '{case.id}': no ending can be reached from node "
                    f"'{node.id}' (its choices only loop back)", "add a choice that leads towards an ending")


def check_glossary(course: Course, rep: Reporter) -> set[str]:
    _dupes(rep, [(t.id, t.mark) for t in course.glossary], "glossary id", "glossary.duplicate")
    return {t.id for t in course.glossary}


def iter_body_lines(version: PageVersion):
    """(line number, text) of body lines outside fenced code, with inline code blanked."""
    return prose_lines(scan(version.body, version.body_line))


def check_links(version: PageVersion, course: Course, glossary_ids: set[str], rep: Reporter) -> None:
    rel = rep.rel(version.path)
    folder = version.path.parent
    course_dir = (course.root / "course").resolve()
    for link in links(iter_body_lines(version)):
        is_image, target = link.image, link.target
        at = Mark(rel, link.line, link.col)
        if target.startswith("glossary:"):
            term = target[len("glossary:"):]
            if term not in glossary_ids:
                rep.add(at, "link.unknown-term", f"glossary term '{term}' does not exist",
                        _suggest(term, glossary_ids) or "add it to course/glossary.yml")
            continue
        if not target or target.startswith("#") or EXTERNAL.match(target):
            continue
        path_part = unquote(target.split("#", 1)[0].split("?", 1)[0])
        what = "image" if is_image else "link"
        try:
            resolved = (folder / path_part).resolve()
            exists = resolved.exists()
        except (OSError, ValueError):  # e.g. an encoded NUL byte (%00) or a name too long
            rep.add(at, "link.broken", f"{what} target '{target}' is not a valid file name",
                    "check the spelling; pages are linked as ../<folder>/<lang>.md")
            continue
        if not resolved.is_relative_to(course_dir):
            rep.add(at, "link.outside", f"{what} '{target}' points outside course/",
                    "link only to files inside course/")
        elif not exists:
            rep.add(at, "link.broken", f"{what} target '{target}' does not exist",
                    "check the spelling; pages are linked as ../<folder>/<lang>.md")
        elif is_image and resolved.stat().st_size > MAX_IMAGE_BYTES:
            rep.warn(at, "image.large", f"image '{target}' is {resolved.stat().st_size // 1024} KiB",
                     f"participants are often on slow connections: resize or compress it below "
                     f"{MAX_IMAGE_BYTES // 1024} KiB (SVG for diagrams, WebP or JPEG for photos)")
        elif resolved.suffix == ".md" and resolved.stem != version.lang and resolved.stem in course.languages:
            rep.warn(at, "link.other-language", f"a {version.lang} page links to the {resolved.stem} version "
                     f"'{target}'", f"link to ../{resolved.parent.name}/{version.lang}.md instead")
