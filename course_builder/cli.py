"""Command line: check, build and serve the course. Thin: the work happens in pipeline and site."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from .cache import cached_diagnostics, fingerprint
from .diagnostics import Diagnostic, Severity, has_errors, notes_line, summary
from .site import build_site


class _Lazy:
    """The library behind each command, imported when first used: an unchanged rebuild needs
    none of it (see cache.py), and its imports are a noticeable part of a quick command."""

    def __getattr__(self, name: str):
        from . import pipeline as module
        return getattr(module, name)


pipeline = _Lazy()

EXAMPLES = """examples (from the project folder, after scripts/install.sh):
  .venv/bin/python build_course.py check             every problem in course/, quizzes/, cases/
  .venv/bin/python build_course.py check --strict    warnings fail too
  .venv/bin/python build_course.py check --notes     also list the notes (pages pending expert review)
  .venv/bin/python build_course.py build             validate, generate docs/ and build site/
  .venv/bin/python build_course.py serve             live preview on http://127.0.0.1:8000/
  .venv/bin/python build_course.py status            what is untranslated, stale or structurally different
  .venv/bin/python build_course.py status --mark 01-introduction   translation checked against the source
  .venv/bin/python build_course.py new module 08-seguimiento   module skeleton before the final assessment
  .venv/bin/python build_course.py export gift --lang es       question bank for Moodle
  .venv/bin/python build_course.py stats             words, time and questions per module
"""


QUIET = False  # --quiet: errors and warnings only, for scripts


def _print_diags(diags: list[Diagnostic], fmt: str, strict: bool, notes: bool = False) -> None:
    """Errors and warnings in full; notes in one line unless ``notes`` (check --notes); then the summary."""
    for d in diags:
        if d.severity is Severity.NOTE and not notes:
            continue
        print(d.format_github() if fmt == "github" else d.format(), file=sys.stderr)
    if QUIET:
        return
    line = notes_line(diags)
    if line and not notes:
        print(line, file=sys.stderr)
    print(summary(diags) + (" (--strict: warnings fail)" if strict and any(
        d.severity is Severity.WARNING for d in diags) else ""), file=sys.stderr)


def _report_pdfs(written: list, relative_to: Path) -> None:
    from .pdf import report
    out, err = report(written, relative_to)
    print(*out, sep="\n")
    print(*err, sep="\n", file=sys.stderr)


def _say(text: str) -> None:
    """Progress for people; silent with --quiet."""
    if not QUIET:
        print(text, file=sys.stderr)


def _validate(root: Path, fmt: str, strict: bool, notes: bool = False):
    course, diags = pipeline.load(root)
    _print_diags(diags, fmt, strict, notes)
    if course is None or has_errors(diags, strict):
        return None
    return course


def _status(root: Path, args) -> int:
    course, diags = pipeline.load(root)
    if course is None or has_errors(diags):
        _print_diags(diags, "text", False)
        print("Fix the errors above first: status needs a course that loads.", file=sys.stderr)
        return 1
    pages = {p.slug: p for p in course.all_pages()}
    if args.mark:
        unknown = [slug for slug in args.mark if slug not in pages]
        if unknown:
            print(f"no such page folder: {', '.join(unknown)}", file=sys.stderr)
            return 2
        from .translation import mark_current
        for slug in args.mark:
            for path in mark_current(course, pages[slug]):
                print(f"marked up to date: {path.relative_to(root)}")
        return 0
    from .translation import missing_pages, page_status
    rows = [st for page in course.all_pages() for st in page_status(course, page)]
    missing = missing_pages(root, list(pages), course.languages)
    langs = course.languages
    total = len(pages)
    complete = {lang: sum(1 for st in rows if st.lang == lang and st.state in ("source", "current", "untracked")) for lang in langs}
    report = {
        "pages": [{"page": st.slug, "lang": st.lang, "state": st.state, "drift": list(st.drift)} for st in rows]
        + [{"page": slug, "lang": lang, "state": "missing", "drift": []} for slug, lang in missing],
        "quizzes": {q.id: "complete" for q in course.quizzes.values()},
        "cases": {c.id: "complete" for c in course.cases.values()},
        "glossary_terms": len(course.glossary),
        "completeness": {lang: round(100 * complete[lang] / total, 1) for lang in langs},
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        width = max(len(slug) for slug in pages)
        print(f"{'page'.ljust(width)}  " + "  ".join(lang.ljust(9) for lang in langs) + "  structure")
        for slug in pages:
            states = {st.lang: st for st in rows if st.slug == slug}
            drift = "; ".join(d for st in states.values() for d in st.drift) or "same"
            cells = [(states[lang].state if lang in states else "missing").ljust(9) for lang in langs]
            print(f"{slug.ljust(width)}  " + "  ".join(cells) + f"  {drift}")
        print(f"\nQuizzes: {len(course.quizzes)} complete in {', '.join(langs)} (one file holds every language); "
              f"cases: {len(course.cases)}; glossary terms: {len(course.glossary)}.")
        print("Completeness: " + ", ".join(f"{lang} {pct} %" for lang, pct in report["completeness"].items())
              + " (pages present and not stale).")
        untracked = sum(1 for st in rows if st.state == "untracked")
        if untracked:
            print(f"{untracked} translation(s) have no 'translated_from' yet: after checking them, run "
                  "build_course.py status --mark <folder>.")
    bad = any(st.state in ("stale", "missing") for st in rows) or bool(missing)
    return 1 if args.strict and bad else 0


def _verdict_text(v, with_code: bool) -> str:
    why = {"code": "the certificate's code is not the one made from this record",
           "name": "the name given is not the one in the record",
           "date": "the date given is not the one in the record",
           "no_certificate": "no certificate was issued from this record (no name or no final result)",
           "missing": "not passed in this record: " + "; ".join(v.missing)}
    lines = [f"name: {v.name or '-'}", f"final assessment: {v.date or '-'}, {v.score if v.score is not None else '-'} %",
             f"certificate code made from this record: {v.expected_code or '-'}"]
    lines += [f"problem: {why[p]}" for p in v.problems]
    if v.valid:
        lines.append("valid: the code was made from this record, which shows every graded quiz and the final "
                     "assessment passed" if with_code else "the record passes; give --certificate CODE to check a code")
    else:
        lines.append("NOT VALID")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand and option (a new subcommand is one `command(...)` call plus its branch in main)."""
    parser = argparse.ArgumentParser(prog="build_course.py", description="Bilingual e-learning course generator.",
                                     epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="project folder (default: current)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print errors and warnings only (for scripts)")
    # Every subcommand also takes --quiet after its name; SUPPRESS keeps the top-level value when it is not given.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--quiet", "-q", action="store_true", default=argparse.SUPPRESS,
                        help="print errors and warnings only (for scripts)")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text, parents=[common])

    for name, text in (("check", "validate the sources and report every problem"),
                       ("build", "validate, generate docs/ and build the site atomically")):
        p = command(name, text)
        p.add_argument("--strict", action="store_true", help="warnings fail too")
        p.add_argument("--format", choices=("text", "github"),
                       default="github" if os.environ.get("GITHUB_ACTIONS") else "text")
    sub.choices["check"].add_argument("--notes", action="store_true",
                                      help="list every note (pages pending expert review…) instead of a count")
    sub.choices["build"].add_argument("--site-dir", type=Path, default=None, help="output folder (default: site/)")
    sub.choices["build"].add_argument("--no-cache", action="store_true",
                                      help="validate and generate even if no source changed since the last build")
    sub.choices["build"].add_argument("--pdf", action="store_true",
                                      help="also print the handbook PDFs into the site (needs Chromium)")
    pdf = command("pdf", "printable handbook per language (needs Chromium)")
    pdf.add_argument("--lang", action="append", help="language(s) (default: all)")
    pdf.add_argument("--facilitator", action="store_true", help="the facilitator guide: notes, answer keys, agenda")
    pdf.add_argument("--out", type=Path, default=None, help="output folder (default: export/)")
    status = command("status", "translation status: missing, stale and drifting pages")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument("--strict", action="store_true", help="exit 1 when anything is missing or stale")
    status.add_argument("--mark", nargs="+", metavar="FOLDER", help="record that these pages' translations "
                        "are up to date with their source")
    new = command("new", "scaffold a module or a quiz in every language")
    new.add_argument("kind", choices=("module", "quiz"))
    new.add_argument("slug", help="module folder (e.g. 08-seguimiento: two or three digits, a hyphen, a lowercase "
                     "slug) or quiz id (e.g. m8-seguimiento)")
    new.add_argument("--module", metavar="FOLDER", help="with 'new quiz': place the quiz in this module folder")
    new.add_argument("--after", metavar="FOLDER", help="with 'new module': list it after this module "
                     "(default: before the final assessment, or last)")
    export = command("export", "gift, moodle-xml or scorm12 for the LMS; offline: a zip per language")
    export.add_argument("format", choices=("gift", "moodle-xml", "scorm12", "offline"))
    export.add_argument("--lang", action="append", help="language(s) to export (default: all)")
    export.add_argument("--out", type=Path, default=None, help="output folder (default: export/)")
    export.add_argument("--ordering", action="store_true", help="gift: also write the ordering questions to "
                        "<id>-<lang>-ordering.gift, in the qtype_ordering plugin's GIFT syntax")
    stats = command("stats", "words, reading time and questions per module and language")
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    serve = command("serve", "live preview; regenerates on every save, shows mistakes in the page")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    verify = command("verify", "check a certificate against the participant's progress code or file")
    verify.add_argument("progress", help="the progress code (from My progress) or the path of the progress file")
    verify.add_argument("--certificate", default="", metavar="CODE", help="the code printed on the certificate")
    verify.add_argument("--name", default="", help="the name printed on the certificate")
    verify.add_argument("--date", default="", help="the date printed on the certificate (as printed, or YYYY-MM-DD)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    root = args.project.resolve()
    global QUIET
    QUIET = args.quiet


    if args.command == "check":
        return 0 if _validate(root, args.format, args.strict, args.notes) else 1

    if args.command == "pdf":
        course = _validate(root, "text", False)
        if course is None:
            return 1
        from .pdf import PdfError, run_pdf
        try:
            written = run_pdf(course, root, args.lang or list(course.languages),
                              (args.out or root / "export").resolve(), args.facilitator)
        except PdfError as exc:
            print(exc, file=sys.stderr)
            return exc.exit_code
        _report_pdfs(written, Path.cwd())
        return 0

    if args.command == "status":
        return _status(root, args)

    if args.command == "new":
        from .scaffold import scaffold
        return scaffold(root, args.kind, args.slug, args.module, args.after)

    if args.command == "export":
        course = _validate(root, "text", False)
        if course is None:
            return 1
        from .export import run_export
        result = run_export(args.format, course, root, args.lang or list(course.languages),
                            (args.out or root / "export").resolve(), ordering=args.ordering)
        for message in result.messages:
            print(message, file=sys.stderr)
        return result.code

    if args.command == "stats":
        course = _validate(root, "text", False)
        if course is None:
            return 1
        from .stats import course_stats, duration_warning, format_table
        figures = course_stats(course)
        print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json
              else format_table(figures, course.languages))
        if warning := duration_warning(figures):
            print(warning, file=sys.stderr)
        return 0

    if args.command == "verify":
        course = _validate(root, "text", False)
        if course is None:
            return 1
        from .verification import ProgressError, load_progress_argument, verify as verify_record
        try:
            record = load_progress_argument(args.progress, course.id)
        except ProgressError as exc:
            print(f"verify: {exc}", file=sys.stderr)
            return 1
        verdict = verify_record(course, record, args.certificate, args.name, args.date)
        print(_verdict_text(verdict, bool(args.certificate)))
        return 0 if verdict.valid and args.certificate else 1

    if args.command == "build":
        docs = root / "docs"
        fp = fingerprint(root, pdf_links=args.pdf)
        cached = None if args.no_cache or args.pdf else cached_diagnostics(docs, fp)
        if cached is not None and not has_errors(cached, args.strict):
            _print_diags(cached, args.format, args.strict)  # nothing changed: docs/ is already right
            course = None
        else:
            course, diags = pipeline.load(root)
            _print_diags(diags, args.format, args.strict)
            if course is None or has_errors(diags, args.strict):
                print("Build stopped: nothing was generated; site/ is unchanged.", file=sys.stderr)
                return 1
            pipeline.generate(course, docs, pdf_links=args.pdf, fingerprint=fp, diags=diags)
        site = (args.site_dir or root / "site")
        site = site if site.is_absolute() else Path.cwd() / site
        before_swap, pdf_errors = None, ()
        if args.pdf:
            from .pdf import PdfError, add_pdfs_to_site
            pdf_errors = (PdfError,)

            def before_swap(tmp: Path) -> None:
                _report_pdfs(add_pdfs_to_site(course, tmp), tmp)
        try:
            result = build_site(root, site, before_swap=before_swap)
        except OSError as exc:  # disk full, read-only or missing output folder
            print(f"Cannot write the site next to {site}: {exc.strerror or exc}. site/ is unchanged.", file=sys.stderr)
            return 1
        except pdf_errors as exc:  # only with --pdf, the one case that imports pdf.py
            print(f"{exc}\nBuild stopped: site/ is unchanged.", file=sys.stderr)
            return exc.exit_code
        if not result.ok:
            print(pipeline.name_sources(result.output, course or pipeline.load(root)[0]), file=sys.stderr)
            print("MkDocs failed: site/ is unchanged.", file=sys.stderr)
            return 1
        _say(f"Built {site}")
        return 0

    return _serve(root, args.dev_addr)


# The MkDocs process of `serve`: SIGTERM becomes KeyboardInterrupt, so MkDocs shuts its server down and
# removes its temporary site, exactly as after Ctrl-C.
_SERVE_CHILD = ("import signal, sys\n"
                "def stop(signum, frame): raise KeyboardInterrupt\n"
                "signal.signal(signal.SIGTERM, stop)\n"
                "from mkdocs.__main__ import cli\n"
                "sys.argv[0] = 'mkdocs'\n"
                "cli()\n")


def _die_with_parent() -> None:
    """In the child: receive SIGTERM if `build_course.py serve` itself is killed outright (Linux)."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve(root: Path, dev_addr: str) -> int:
    """Run `mkdocs serve` (never strict: see preview.py) and stop it with us, whatever stops us."""
    import signal
    from .preview import SERVE_ENV
    (root / "docs").mkdir(exist_ok=True)  # MkDocs refuses a missing docs_dir; the hooks fill it
    # Serve at the root of the dev address rather than under the production site path.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://{dev_addr}/", **{SERVE_ENV: "1"})
    cmd = [sys.executable, "-c", _SERVE_CHILD, "serve", "--no-strict", "--dev-addr", dev_addr,
           "-f", str(root / "mkdocs.yml")]
    if QUIET:  # MkDocs' progress lines go; our errors and warnings stay
        env[SERVE_ENV] = "quiet"
        cmd.append("--quiet")
    child = subprocess.Popen(cmd, cwd=root, env=env, preexec_fn=_die_with_parent)

    forwarded = []

    def stop(signum, frame):  # noqa: ARG001
        forwarded.append(signum)
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return child.wait()
    except KeyboardInterrupt:  # Ctrl-C reached the child too; SIGTERM and SIGHUP are passed on
        if forwarded and child.poll() is None:
            child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
