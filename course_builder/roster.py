"""`roster`: a trainer's table of the cohort, from the progress files or codes participants send.

Each record is read as `verify` reads it (verification.read_progress), checked for signs of editing
(an answer marked right that the course's key grades wrong, a result the attempt's answers do not give),
and summarised: modules done, first-try scores of the graded quizzes, cases finished, the final
assessment's best score and attempts, the certificate the record earns and its code. Two records of the
same person (the same random seed, or the same name) are joined, the more complete answer winning, as the
progress page joins an import. Files that cannot be read or look edited are listed apart with the reason:
nothing is dropped silently.
"""
from __future__ import annotations

import csv
import html
import io
import statistics
from dataclasses import dataclass, field

from . import qtypes
from .answers import question_hash, question_key
from .model import Course, Question, Quiz
from .attendance import attended, live_sessions, required_sessions
from .participation import check as participation_check
from .verification import ProgressError, norm, read_progress, verify

SORTS = ("name", "progress", "final")


@dataclass
class Row:
    name: str
    sources: list[str]
    modules_done: int
    first_try: dict[str, tuple[int, int] | None]   # graded quiz id -> (right at the first try, questions), if finished
    cases_done: int
    final_best: int | float | None
    final_attempts: int
    certificate: bool          # the record earns the certificate of completion
    code: str | None           # the certificate code made from the record (None: no certificate issued)
    checked: str | None        # a code the trainer typed from a printed certificate: "yes" it verifies, or "no"
    attended: int = 0          # required live sessions whose attendance code the record holds
    participation: bool = False  # the record earns the certificate of participation


@dataclass
class Rejected:
    source: str
    reason: str


@dataclass
class Roster:
    course: Course
    rows: list[Row] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    joined: list[tuple[list[str], str]] = field(default_factory=list)  # (sources, why they are one person)


def _graded(course: Course) -> list[tuple[str, Quiz]]:
    """(module slug, quiz) of every graded module quiz, in course order."""
    lang = course.default_language
    out = []
    for page in course.modules:
        for m in page.versions[lang].markers:
            quiz = course.quizzes.get(m.ref) if m.kind == "quiz" else None
            if quiz is not None and quiz.kind == "quiz" and quiz.graded:
                out.append((page.slug, quiz))
    return out


def _sessions(course: Course) -> list:
    """The live sessions counted: those the certificate of participation needs, or every live one."""
    return required_sessions(course) if course.participation else live_sessions(course)


def _final(course: Course) -> Quiz | None:
    return next((q for q in course.quizzes.values() if q.kind == "assessment"), None)


def _questions(course: Course) -> dict[str, Question]:
    return {q.id: q for quiz in course.quizzes.values() for q in quiz.questions}


def grade(q: Question, values: list, course: Course) -> bool | None:
    """Whether what was entered in question ``q`` (the page's [field, value] pairs) is right, by the
    course's answer key in any of its languages; None when nothing usable was entered."""
    entered: dict[str, list[str]] = {}
    for pair in values or []:
        if isinstance(pair, list) and len(pair) == 2:
            entered.setdefault(str(pair[0]), []).append(str(pair[1]))
    key = question_key(q, course.default_language)
    return qtypes.get(q.type).grade(q, entered, key, course.languages)


def tampering(course: Course, record: dict) -> str | None:
    """A reason to think the record was edited by hand, or None. A record cannot prove it was not, but
    the final assessment's attempt keeps what was entered, which the answer key grades again."""
    final = _final(course)
    state = record["quiz"].get(final.id) if final else None
    if not isinstance(state, dict):
        return None
    for which in ("result", "last"):
        r = state.get(which)
        if r is None:
            continue
        if not isinstance(r, dict) or not isinstance(r.get("score"), (int, float)) or not 0 <= r["score"] <= 100:
            return f"the final assessment's {which} is not a score from 0 to 100"
        if bool(r.get("passed")) != (r["score"] >= final.pass_mark):
            return (f"the final assessment's {which} says {'passed' if r.get('passed') else 'not passed'} with "
                    f"{r['score']} % (pass mark {final.pass_mark} %)")
    questions = _questions(course)
    answers = state.get("answers") if isinstance(state.get("answers"), dict) else {}
    submitted = [(qid, e) for qid, e in answers.items() if isinstance(e, dict) and e.get("final")]
    for qid, e in submitted:
        q = questions.get(qid)
        if q is None or (e.get("h") and e["h"] != question_hash(q)):
            continue  # a question since removed or rewritten: nothing to compare with
        right = grade(q, e.get("v"), course)
        if right is not None and right != bool(e.get("ok")):
            return f"question '{qid}' of the final assessment is marked {'right' if e.get('ok') else 'wrong'}, " \
                   f"but what was entered is {'right' if right else 'wrong'}"
    last = state.get("last")
    drawn = state.get("drawn") or []
    if state.get("submitted") and isinstance(last, dict) and drawn and len(submitted) == len(drawn):
        score = round(100 * sum(bool(e.get("ok")) for _, e in submitted) / len(drawn))
        if abs(score - last["score"]) > 1:
            return f"the last attempt's answers give {score} %, but its result says {last['score']} %"
    return None


def _rank(e) -> int:
    return (2 if e.get("final") else 0) + (1 if e.get("ok") else 0) if isinstance(e, dict) else -1


def join(a: dict, b: dict) -> dict:
    """Two records of one person: per question the more complete answer, the better final result, every
    case ending and module read (js/10-storage.js joinRecords keeps the same)."""
    out = {**a, "q": dict(a["q"]), "quiz": dict(a["quiz"]), "cases": dict(a.get("cases") or {}),
           "visited": {**(a.get("visited") or {}), **(b.get("visited") or {})}}
    for qid, e in b["q"].items():
        if _rank(e) > _rank(out["q"].get(qid)):
            out["q"][qid] = e
    for qid, st in b["quiz"].items():
        mine = out["quiz"].get(qid)
        if not isinstance(mine, dict):
            out["quiz"][qid] = st
            continue
        results = [r for r in (mine.get("result"), (st or {}).get("result")) if isinstance(r, dict)]
        best = max(results, key=lambda r: (bool(r.get("passed")), r.get("score", 0)), default=None)
        out["quiz"][qid] = {**mine, "result": best,
                            "attempts": max(mine.get("attempts") or 0, (st or {}).get("attempts") or 0)}
    for cid, c in (b.get("cases") or {}).items():
        endings = list((out["cases"].get(cid) or {}).get("endings") or [])
        endings += [x for x in (c or {}).get("endings") or [] if x not in endings]
        out["cases"][cid] = {"endings": endings}
    out["att"] = {**(a.get("att") or {}), **(b.get("att") or {})}
    out["name"] = a.get("name") or b.get("name") or ""
    return out


def summarise(course: Course, record: dict, sources: list[str], printed: list[str]) -> Row:
    graded = _graded(course)
    answers = record["q"]
    first: dict[str, tuple[int, int] | None] = {}
    passed: dict[str, bool] = {}
    for _, quiz in graded:
        entries = [answers.get(q.id) for q in quiz.questions]
        live = [e for e, q in zip(entries, quiz.questions)
                if isinstance(e, dict) and e.get("final") and (not e.get("h") or e["h"] == question_hash(q))]
        done = len(live) == len(quiz.questions)
        right_first = sum(1 for e in live if e.get("ok") and not e.get("revealed") and (e.get("tries") or 1) == 1)
        first[quiz.id] = (right_first, len(quiz.questions)) if done else None
        ok = sum(1 for e in live if e.get("ok"))
        passed[quiz.id] = done and round(100 * ok / len(quiz.questions)) >= quiz.pass_mark
    visited = record.get("visited") or {}
    modules_done = 0
    for page in course.modules:
        mine = [q for slug, q in graded if slug == page.slug]
        modules_done += all(passed[q.id] for q in mine) if mine else page.slug in visited
    endings = {cid: set((record.get("cases") or {}).get(cid, {}).get("endings") or []) for cid in course.cases}
    cases_done = sum(1 for cid, found in endings.items() if found)
    final = _final(course)
    state = record["quiz"].get(final.id) if final else None
    state = state if isinstance(state, dict) else {}
    result = state.get("result") if isinstance(state.get("result"), dict) else None
    v = verify(course, record)
    checked = None
    if printed:  # every code typed for this person must be the record's
        checked = "yes" if v.valid and all(verify(course, record, c).valid for c in printed) else "no"
    p = participation_check(course, record)
    return Row(name=str(record.get("name") or "").strip(), sources=sources, modules_done=modules_done,
               first_try=first, cases_done=cases_done, final_best=result.get("score") if result else None,
               final_attempts=int(state.get("attempts") or 0), certificate=v.valid,
               code=v.expected_code if v.valid else None,
               checked=checked, attended=len({s.id for s in _sessions(course)} & attended(record)),
               participation=p.earned and bool(p.required))


def build(course: Course, inputs: list[tuple[str, str, str | None]]) -> Roster:
    """``inputs``: (where it came from, its text: a progress file's JSON or a progress code, and the code
    printed on the participant's certificate if the trainer has it)."""
    roster = Roster(course)
    people: list[tuple[dict, list[str], list[str]]] = []
    for source, text, printed in inputs:
        try:
            record = read_progress(text, course.id)
        except ProgressError as exc:
            roster.rejected.append(Rejected(source, f"unreadable: {exc}"))
            continue
        if (why := tampering(course, record)) is not None:
            roster.rejected.append(Rejected(source, f"looks edited: {why}"))
            continue
        name, seed = norm(str(record.get("name") or "")), record.get("seed")
        codes = [printed] if printed else []
        for i, (other, sources, known) in enumerate(people):
            same_seed = seed and seed == other.get("seed")
            same_name = name and name == norm(str(other.get("name") or ""))
            if same_seed or same_name:
                people[i] = (join(other, record), sources + [source], known + codes)
                roster.joined.append((sources + [source], "the same record" if same_seed else "the same name"))
                break
        else:
            people.append((record, [source], codes))
    roster.rows = [summarise(course, record, sources, codes) for record, sources, codes in people]
    return roster


def _progress(row: Row) -> tuple:
    return (row.certificate, row.modules_done, row.final_best or 0)


def sort(rows: list[Row], by: str) -> list[Row]:
    if by == "progress":
        return sorted(rows, key=lambda r: (_progress(r), norm(r.name)), reverse=True)
    if by == "final":
        return sorted(rows, key=lambda r: (r.final_best is not None, r.final_best or 0, norm(r.name)), reverse=True)
    return sorted(rows, key=lambda r: (not r.name, norm(r.name)))


def _pct(pair: tuple[int, int] | None) -> str:
    return f"{pair[0]}/{pair[1]}" if pair else ""


def table(roster: Roster, by: str = "name") -> tuple[list[str], list[list[str]], list[str]]:
    """(header, one row per participant, the summary row: per graded quiz how many finished and the
    median first-try score)."""
    course, lang = roster.course, roster.course.default_language
    graded = _graded(course)
    header = ["name", "files", f"modules done (of {len(course.modules)})",
              *[f"first try: {q.title[lang]}" for _, q in graded], f"cases finished (of {len(course.cases)})",
              "final assessment: best %", "final assessment: attempts", "certificate of completion",
              "certificate code", "printed code verifies"]
    # Courses with live sessions: how many of those the certificate of participation needs were attended.
    sessions = len(_sessions(course))
    if sessions:
        header.append(f"sessions attended (of {sessions})")
    if course.participation and sessions:
        header.append("certificate of participation")
    rows = []
    for r in sort(roster.rows, by):
        rows.append([r.name, " ".join(r.sources), str(r.modules_done), *[_pct(r.first_try[q.id]) for _, q in graded],
                     str(r.cases_done), "" if r.final_best is None else f"{r.final_best:g}", str(r.final_attempts),
                     "yes" if r.certificate else "no", r.code or "", r.checked or ""]
                    + ([f"{r.attended} of {sessions}"] if sessions else [])
                    + (["yes" if r.participation else "no"] if course.participation and sessions else []))
    summary = [f"summary ({len(roster.rows)} participants)", "", str(sum(r.modules_done == len(course.modules)
                                                                          for r in roster.rows))]
    for _, q in graded:
        done = [r.first_try[q.id] for r in roster.rows if r.first_try[q.id]]
        median = statistics.median(100 * a / b for a, b in done) if done else None
        summary.append(f"{len(done)} finished, median {median:.0f} %" if done else "0 finished")
    finals = [r.final_best for r in roster.rows if r.final_best is not None]
    summary += [str(sum(r.cases_done == len(course.cases) for r in roster.rows)),
                f"median {statistics.median(finals):g}" if finals else "",
                f"median {statistics.median(r.final_attempts for r in roster.rows if r.final_attempts):g}"
                if finals else "",
                str(sum(r.certificate for r in roster.rows)), "", ""]
    if sessions:
        summary.append(f"{sum(r.attended == sessions for r in roster.rows)} attended all")
    if course.participation and sessions:
        summary.append(str(sum(r.participation for r in roster.rows)))
    return header, rows, summary


def to_csv(roster: Roster, by: str = "name") -> str:
    header, rows, summary = table(roster, by)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerows([header, *rows, summary])
    return out.getvalue()


def to_html(roster: Roster, by: str = "name") -> str:
    """A page to print (A4 landscape) or keep: the table, then the files joined and the files set apart."""
    header, rows, summary = table(roster, by)
    e = html.escape
    course = roster.course
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in header)
    body = "".join("<tr>" + f'<th scope="row">{e(r[0]) or "—"}</th>' + "".join(f"<td>{e(c)}</td>" for c in r[1:])
                   + "</tr>\n" for r in rows)
    foot = "<tr>" + f'<th scope="row">{e(summary[0])}</th>' + "".join(f"<td>{e(c)}</td>" for c in summary[1:]) + "</tr>"
    joined = "".join(f"<li>{e(', '.join(s))}: {e(why)}</li>" for s, why in roster.joined)
    rejected = "".join(f"<li><strong>{e(r.source)}</strong>: {e(r.reason)}</li>" for r in roster.rejected)
    title = f"{course.title[course.default_language]} — roster"
    return f"""<!doctype html>
<html lang="{e(course.default_language)}"><head><meta charset="utf-8"><title>{e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2530; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #8a94a3; padding: .3rem .45rem; text-align: left; vertical-align: top; }}
thead th {{ background: #e8edf3; }}
tfoot th, tfoot td {{ background: #f4f6f9; font-weight: 600; }}
@page {{ size: A4 landscape; margin: 12mm; }}
@media print {{ body {{ margin: 0; font-size: 10px; }} thead {{ display: table-header-group; }} tr {{ break-inside: avoid; }} }}
</style></head><body>
<h1>{e(title)}</h1>
<p>{len(roster.rows)} participants from {sum(len(r.sources) for r in roster.rows)} files; \
{len(roster.rejected)} files set apart. First-try scores: questions right at the first try, of the quiz's questions.</p>
<table><thead><tr>{head}</tr></thead>
<tbody>
{body}</tbody>
<tfoot>{foot}</tfoot></table>
{f"<h2>Joined (one person)</h2><ul>{joined}</ul>" if joined else ""}
{f"<h2>Set apart</h2><ul>{rejected}</ul>" if rejected else ""}
</body></html>
"""
