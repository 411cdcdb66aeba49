"""HTML fragments for quizzes, branching cases and the programme, placed into generated pages."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .. import progress_code, qtypes
from ..answers import question_hash, question_key, stable_shuffle
from ..model import Case, Course, Programme, Question, Quiz
from ..strings import JS_STRINGS, app_strings, quiz_strings, section_text, t
from ..text import Markup_, json_for_html, plain

ENV = Environment(loader=ChoiceLoader([FileSystemLoader(Path(__file__).parent.parent / "templates"),
                                       qtypes.TemplateLoader()]),
                   autoescape=select_autoescape(default=True, default_for_string=True),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)

def final_quiz(course: Course) -> Quiz | None:
    return next((q for q in course.quizzes.values() if q.kind == "assessment"), None)


def placed_in(course: Course, lang: str) -> dict[str, str]:
    """Quiz id -> slug of the module that places it."""
    return {m.ref: page.slug for page in course.modules for m in page.versions[lang].markers if m.kind == "quiz"}


def pending_review(course: Course) -> bool:
    return bool(course.glossary_review) or any(v.review for page in course.all_pages() for v in page.versions.values())


def course_map(course: Course, lang: str, base: str = "../") -> dict:
    """What the home, progress, certificate and verification pages need to know about the course
    (each page ships its part: ``app_data``). ``base`` leads from the page to the language's root
    ("../" from an app page, "" from home)."""
    final = final_quiz(course)
    placed = placed_in(course, lang)
    modules = []
    for page in course.modules:
        version = page.versions[lang]
        quizzes = [course.quizzes[m.ref] for m in version.markers
                   if m.kind == "quiz" and m.ref in course.quizzes and course.quizzes[m.ref].kind == "quiz"]
        modules.append({
            "id": page.slug, "title": version.title, "url": f"{base}{page.slug}/",
            "quizzes": [{"id": q.id, "title": q.title[lang], "graded": q.graded, "pass": q.pass_mark,
                         "q": {x.id: question_hash(x) for x in q.questions}} for q in quizzes],
        })
    return {
        "course": course.id, "version": course.version, "title": course.title[lang], "hours": course.hours,
        "issuers": [i[lang] for i in course.issuers], "lang": lang, "modules": modules,
        "final": {"id": final.id, "title": final.title[lang], "pass": final.pass_mark,
                  "url": f"{base}{placed[final.id]}/#quiz-{final.id}" if final.id in placed else None} if final else None,
        "cert": f"{base}{course.slugs['certificate']}/", "verify": f"{base}{course.slugs['verify']}/",
        "pending": pending_review(course),
        "months": [t(x, "months") for x in course.languages],  # a certificate's date in any course language
        "shape": progress_code.shape(course),  # what the positions of a progress code stand for (js/41-code.js)
        "participation": participation_map(course, lang),
    }


def participation_steps(course: Course, lang: str) -> dict | None:
    """The certificate page's part for the certificate of participation (templates/app.html.j2), drawn
    as a new participant sees it: what it requires, each session a link to its place on the programme."""
    from ..attendance import required_sessions
    sessions = required_sessions(course)
    if course.participation is None or not sessions:
        return None
    page = next((p for p in course.pages for m in p.versions[lang].markers if m.kind == "programme"), None)
    base = f"../{page.slug}/" if page else None
    steps = [{"id": s.id, "url": f"{base}#{s.id}" if base else None,
              "text": t(lang, "participation_step_session", title=plain(s.title[lang]))} for s in sessions]
    if course.participation.completion:
        steps.append({"id": "completion", "url": None, "text": t(lang, "participation_step_completion")})
    return {"steps": steps, "rule": participation_rule(course, lang), "completion": course.participation.completion,
            "programme": f"{base}#{t(lang, 'attend_anchor')}" if base else None}


def participation_map(course: Course, lang: str) -> dict | None:
    """What js/55-participation.js needs of course.yml `participation:` (None: no such certificate)."""
    from ..attendance import required_sessions
    sessions = required_sessions(course)
    if course.participation is None or not sessions:
        return None
    return {"sessions": [[s.id, plain(s.title[lang]), s.end_date or s.date] for s in sessions],
            "completion": course.participation.completion}


# What each app's script reads of the map (status() in js/40-progress.js, run by all but search, reads
# the modules, the final assessment and the certificate URL; js/50-certificate.js prints a certificate,
# js/60-verify.js checks one; the search page needs its texts only).
_APP_FIELDS = {
    "home": ("modules", "final", "cert"),
    "progress": ("course", "modules", "final", "cert", "shape"),
    "certificate": ("modules", "final", "cert", "title", "version", "hours", "issuers", "lang", "verify", "pending",
                    "participation"),
    "verify": ("course", "modules", "final", "cert", "version", "lang", "months", "shape", "participation"),
    "search": (),
}


def app_data(course: Course, lang: str, app: str, base: str = "../") -> dict:
    """The JSON of an app page (``data-app``): only what its script reads."""
    full = course_map(course, lang, base) if _APP_FIELDS[app] else {}
    return {**{k: full[k] for k in _APP_FIELDS[app]}, "strings": app_strings(lang, app)}


def path_steps(course: Course, lang: str, base: str) -> list[dict]:
    """The steps to the certificate, in course order: every graded module quiz, the final assessment."""
    steps = []
    final = final_quiz(course)
    for page in course.modules:
        version = page.versions[lang]
        for m in version.markers:
            quiz = course.quizzes.get(m.ref) if m.kind == "quiz" else None
            if quiz is None or not (quiz.kind == "assessment" or quiz.graded):
                continue
            key = "path_step_final" if quiz is final else "path_step_quiz"
            steps.append({"id": quiz.id, "url": f"{base}{page.slug}/#quiz-{quiz.id}",
                          "text": t(lang, key, title=version.title if quiz is not final else quiz.title[lang],
                                    pass_mark=quiz.pass_mark)})
    return steps


def render_path(course: Course, lang: str, base: str, heading: bool = True) -> str:
    """The rule to the certificate from the course data; every step a link (course.js marks the done ones)."""
    final = final_quiz(course)
    return ENV.get_template("path.html.j2").render(
        steps=path_steps(course, lang, base), cert=f"{base}{course.slugs['certificate']}/", heading=heading,
        rule=t(lang, "path_rule", pass_mark=final.pass_mark if final else course.pass_mark),
        t=lambda key, **kw: t(lang, key, **kw))


def _programme_line(programme: Programme, lang: str) -> str:
    """The programme's dates in one line, in the past tense once its last day has gone by."""
    first = min(s.date for s in programme.sessions)
    last = max((s.end_date or s.date) for s in programme.sessions)
    past = last < dt.date.today().isoformat()
    a, b = format_date(first, lang, year=first[:4] != last[:4]), format_date(last, lang)  # one year: said once
    if first == last:
        joined = t(lang, "dates_on", date=b) if past else b
    else:
        joined = t(lang, "dates_from_to", first=a, last=b) if past else f"{a} – {b}"
    return t(lang, "home_programme_past" if past else "home_programme", dates=joined)


def render_home(course: Course, lang: str, pdf: str | None) -> str:
    """The course home: summary, start/continue button, module cards, the path to the certificate,
    programme dates, handbook and the other pages. Complete without JavaScript (course.js adds status)."""
    final = final_quiz(course)
    placed = placed_in(course, lang)
    programme_page = next((p for p in course.pages for m in p.versions[lang].markers if m.kind == "programme"), None)
    cards = []
    for page in course.modules:
        version = page.versions[lang]
        quizzes = [course.quizzes[m.ref] for m in version.markers if m.kind == "quiz" and m.ref in course.quizzes]
        meta = [t(lang, "home_minutes", minutes=version.duration)] if version.duration else []
        meta += [t(lang, "home_final" if q is final else "home_quiz", pass_mark=q.pass_mark)
                 for q in quizzes if q is final or (q.kind == "quiz" and q.graded)]
        cards.append({"id": page.slug, "title": version.title, "url": f"{page.slug}/",
                      "description": plain(version.description), "meta": " · ".join(meta)})
    hours = f"{course.hours:g}"
    return ENV.get_template("home.html.j2").render(
        course_id=course.id, cards=cards, first=cards[0] if cards else None,
        summary=t(lang, "home_summary", hours=hours, modules=len(course.modules)),
        path=Markup(render_path(course, lang, "")), pdf=pdf,
        programme=_programme_line(course.programme, lang) if course.programme and course.programme.sessions else None,
        programme_url=f"{programme_page.slug}/" if programme_page else None,
        pages=[{"url": f"{p.slug}/", "title": p.versions[lang].title,
                "description": plain(p.versions[lang].description)} for p in course.pages],
        # As a new participant sees it; app.js updates it in place (no layout shift).
        overall=section_text("js", lang, "overall", done=0, total=len(path_steps(course, lang, "")) + 1),
        data=Markup(json_for_html(app_data(course, lang, "home", ""))), final_placed=final is not None and final.id in placed,
        t=lambda key, **kw: t(lang, key, **kw))


def render_app(kind: str, course: Course, lang: str) -> str:
    """The progress, certificate or verification page's container; the first two drawn as a new
    participant sees them (templates/app.html.j2), which app.js then updates for this browser."""
    note = Markup(f'<p class="cb-review" role="note">{t(lang, "review_course")}</p>') \
        if kind in ("certificate", "verify") and pending_review(course) else ""
    path = Markup(render_path(course, lang, "../")) if kind in ("progress", "certificate") else ""
    cmap = course_map(course, lang)
    s = JS_STRINGS[lang]
    final = cmap["final"]
    cards = cmap["modules"] + ([{"id": "final", "title": final["title"], "url": final["url"] or "#"}] if final else [])
    # What js/50-certificate.js lists while the certificate is out of reach: every graded quiz, the final.
    missing = [(f"{m['url']}#quiz-{z['id']}", f"{m['title']}: {z['title']}")
               for m in cmap["modules"] for z in m["quizzes"] if z["graded"]]
    missing += [(final["url"] or "#", final["title"])] if final else []
    return ENV.get_template("app.html.j2").render(
        kind=kind, note=note, path=path, map=cmap, s=s, cards=cards, missing=missing,
        participation=participation_steps(course, lang) if kind == "certificate" else None,
        overall=section_text("js", lang, "overall", done=0, total=len(path_steps(course, lang, "../")) + 1),
        data=Markup(json_for_html(app_data(course, lang, kind))), t=lambda key, **kw: t(lang, key, **kw))


def render_quiz(quiz: Quiz, course: Course, lang: str, md: Markup_, module: str | None = None,
                title: str | None = None) -> str:
    """``title``: shown as a line when the page's own heading already introduces the quiz."""
    if quiz.kind == "assessment":
        questions = [(pool_id, q) for pool_id in quiz.pools for q in course.quizzes[pool_id].questions]
    else:
        questions = [(None, q) for q in quiz.questions]

    class View:
        def __init__(self, pool: str | None, q: Question) -> None:
            self.__dict__.update(q.__dict__)
            self.pool = pool
            self.q = q

    views = [View(p, q) for p, q in questions]

    def options(v: View) -> list[dict]:
        return qtypes.get(v.q.type).choices(v.q, lang, md, v.pool, lambda key, **kw: t(lang, key, **kw))

    def shown_items(v: View) -> list:
        return stable_shuffle(list(v.q.items), v.q.id)

    def rights(v: View) -> list[dict]:
        # Right-hand choices are listed in a fixed shuffled order so position gives nothing away.
        return [{"id": f"r-{i.id}", "label": plain(i.right[lang])} for i in stable_shuffle(list(v.q.items), v.q.id)]

    # After a passed module quiz, one button leads on: the next module, or the certificate.
    nxt = None
    if module and (quiz.graded or quiz.kind == "assessment"):
        slugs = [p.slug for p in course.modules]
        i = slugs.index(module) if module in slugs else -1
        if quiz.kind == "assessment" or i == len(slugs) - 1:
            nxt = {"url": f"../{course.slugs['certificate']}/", "label": JS_STRINGS[lang]["next"].format(title=t(lang, "certificate_title"))}
        elif i >= 0:
            nxt = {"url": f"../{slugs[i + 1]}/",
                   "label": JS_STRINGS[lang]["next"].format(title=course.modules[i + 1].versions[lang].title)}
    data = {
        "quiz": quiz.id, "course": course.id, "kind": quiz.kind, "graded": quiz.graded,
        "pass": quiz.pass_mark, "shuffle": quiz.shuffle, "reveal": quiz.reveal_after, "draw": quiz.draw,
        "explain": quiz.explain_after, "review": quiz.review, "attempts": quiz.attempts,
        "wait": round(quiz.wait_hours * 3_600_000),
        "questions": {q.id: question_key(q, lang) for _, q in questions},
        "strings": quiz_strings(lang, quiz.kind),
    }
    template = ENV.get_template("quiz.html.j2")
    return template.render(quiz=quiz, title=title, questions=views, lang=lang, md=md, options=options, rights=rights,
                           shown_items=shown_items, nxt=nxt, exam=quiz.kind == "assessment",
                           data=Markup(json_for_html(data)), course_id=course.id, module=module,
                           t=lambda key, **kw: t(lang, key, **kw))


def render_case(case: Case, course: Course, lang: str, md: Markup_, module: str | None = None) -> str:
    # Start node first, then the others in authored order, so the no-script reading order makes sense.
    order = [case.nodes[case.start]] + [n for n in case.nodes.values() if n.id != case.start]
    return ENV.get_template("case.html.j2").render(case=case, nodes=order, lang=lang, md=md, course_id=course.id,
                                                   step={n.id: i for i, n in enumerate(
                                                       [n for n in order if not n.ending], 1)},
                                                   module=module, t=lambda key, **kw: t(lang, key, **kw))


def format_date(iso: str, lang: str, year: bool = True) -> str:
    """A date as the language writes it in full (locale keys date_long, date_no_year, months)."""
    d = dt.date.fromisoformat(iso)
    month = t(lang, "months").split(",")[d.month - 1].strip()
    return t(lang, "date_long" if year else "date_no_year", day=d.day, month=month, year=d.year)


def render_programme(programme: Programme, lang: str, md: Markup_, ics_href, deck_href=lambda s: None,
                     course: Course | None = None) -> str:
    """The agenda; ``deck_href(session)`` is the link to the session's slide deck, or None. With the
    ``course``, each live session also takes its attendance code (:func:`attendance_view`)."""
    return ENV.get_template("programme.html.j2").render(
        programme=programme, lang=lang, md=md, ics_href=ics_href, deck_href=deck_href,
        att=attendance_view(course, lang) if course is not None else None,
        date=lambda iso: format_date(iso, lang), t=lambda key, **kw: t(lang, key, **kw), plain=plain)


def participation_rule(course: Course, lang: str) -> str | None:
    """What the certificate of participation requires, in one sentence (its sessions by title)."""
    from ..attendance import required_sessions
    sessions = required_sessions(course)
    if not sessions:
        return None
    if course.participation.sessions is None:
        return t(lang, "participation_rule_all")
    return t(lang, "participation_rule", sessions="; ".join(plain(s.title[lang]) for s in sessions))


def attendance_view(course: Course, lang: str) -> dict | None:
    """The programme page's attendance part: None without live sessions; ``map`` (the app's JSON, the
    codes' salted hashes from attendance.page_data) only when the build has the secret."""
    from ..attendance import page_data, required_sessions, live_sessions
    if not live_sessions(course):
        return None
    data = page_data(course)
    required = [s.id for s in required_sessions(course)]
    view = {"course": course.id, "rule": participation_rule(course, lang),
            "completion": bool(course.participation and course.participation.completion), "map": None,
            "count": JS_STRINGS[lang]["att_count"].format(n=0, total=len(required)) if required else None}
    if data:
        view["map"] = Markup(json_for_html({**data, "required": required, "anchor": t(lang, "attend_anchor"),
                                            "strings": app_strings(lang, "attendance")}))
    return view

