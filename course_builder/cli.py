"""Command line: argument parsing, then the command's module in commands/ does the work and the printing."""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

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
  .venv/bin/python build_course.py slides --pdf      slide decks of the live sessions (+ PDFs) in export/slides/
  COURSE_ATTENDANCE_SECRET=… .venv/bin/python build_course.py attendance-codes   each live session's code, for the trainer
  course-builder new course ../curso-pt --languages pt,en      a new course (installed package: any folder)
"""


def build_parser(prog: str = "build_course.py") -> argparse.ArgumentParser:
    """Every subcommand and option (a new subcommand is one `command(...)` call plus commands/<name>.py)."""
    parser = argparse.ArgumentParser(prog=prog, description="Multilingual e-learning course generator.",
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
    slides = command("slides", "the live sessions' slide decks (one folder per session and language)")
    slides.add_argument("--lang", action="append", help="language(s) (default: all)")
    slides.add_argument("--out", type=Path, default=None, help="output folder (default: export/slides/)")
    slides.add_argument("--pdf", action="store_true", help="also print each deck to PDF, one slide per page at "
                        "16:9 (needs Chromium)")
    slides.add_argument("--attendance", action="store_true", help="the trainer's decks: each ends with the "
                        "session's attendance code, its link and QR code (needs COURSE_ATTENDANCE_SECRET; never "
                        "publish these decks)")
    codes = command("attendance-codes", "print each live session's attendance code and its link (needs "
                    "COURSE_ATTENDANCE_SECRET)")
    codes.add_argument("--lang", action="append", help="language(s) of the links (default: all)")
    status = command("status", "translation status: missing, stale and drifting pages")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument("--strict", action="store_true", help="exit 1 when anything is missing or stale")
    status.add_argument("--mark", nargs="+", metavar="FOLDER", help="record that these pages' translations "
                        "are up to date with their source")
    new = command("new", "scaffold a course, a module or a quiz in every language")
    new.add_argument("kind", choices=("course", "module", "quiz"))
    new.add_argument("slug", metavar="NAME", help="course: the folder to create; module: its folder (two or "
                     "three digits, a hyphen, a lowercase slug); quiz: its id (lowercase letters, digits, hyphens)")
    new.add_argument("--languages", metavar="L1,L2", help="with 'new course': its languages, the first one the "
                     "default (published at /, the others under /<lang>/); default: en")
    new.add_argument("--module", metavar="FOLDER", help="with 'new quiz': place the quiz in this module folder")
    new.add_argument("--generator", metavar="URL", help="with 'new course': where its requirements.txt installs "
                     "the generator from, e.g. git+https://github.com/org/repo@v1.2 (default: where this one "
                     "was installed from)")
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
    roster = command("roster", "the cohort's table (CSV and a printable page) from participants' progress files or codes")
    roster.add_argument("files", nargs="+", metavar="FILE", help="a progress file, a text file of progress codes (one "
                        "a line), or a code; FILE=CODE adds the code printed on that participant's certificate")
    roster.add_argument("--sort", choices=("name", "progress", "final"), default="name", help="row order (default: name)")
    roster.add_argument("--out", type=Path, default=None, help="output folder (default: export/)")
    verify = command("verify", "check a certificate against the participant's progress code or file")
    verify.add_argument("progress", help="the progress code (from My progress) or the path of the progress file")
    verify.add_argument("--certificate", default="", metavar="CODE", help="the code printed on the certificate")
    verify.add_argument("--name", default="", help="the name printed on the certificate")
    verify.add_argument("--date", default="", help="the date printed on the certificate (as printed, or YYYY-MM-DD)")
    return parser


# What a shell reports for a process that wrote to a pipe nobody reads any more (128 + SIGPIPE).
CLOSED_PIPE = 141


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    """`build_course.py` (this repository's shim) and `course-builder` (the installed command).

    Every command ends here, so that none ends in a traceback: a closed pipe (`status | head -1`) stops
    it quietly with 141, as Unix tools end; a file that is missing, unreadable or not text is one
    sentence and exit 1; Ctrl-C is 130."""
    started = time.monotonic()  # a command that reports how long it took counts from here
    prog = prog or ("build_course.py" if Path(sys.argv[0]).name == "build_course.py" else "course-builder")
    args = None
    try:
        try:
            args = build_parser(prog).parse_args(argv)  # --help | head -1 writes too
        except SystemExit as exc:
            _flush()
            return exc.code if isinstance(exc.code, int) else 1
        args.started = started
        args.root = args.project.resolve()
        if not args.root.is_dir() and not (args.command == "new" and args.kind == "course"):
            print(f"{prog}: there is no project folder {args.project}: run the command in the course's folder "
                  "or give --project FOLDER", file=sys.stderr)
            return 2
        command = importlib.import_module(f".commands.{args.command.replace('-', '_')}", __package__)
        code = command.run(args)
        _flush()  # output still buffered meets a closed pipe here, not in Python's exit
        return code
    except BrokenPipeError:
        return _closed_pipe()
    except (OSError, UnicodeError) as exc:
        where = f"{prog} {args.command}" if args is not None else prog
        return _say_and_exit(f"{where}: {describe(exc, getattr(args, 'root', None))}", 1)
    except KeyboardInterrupt:
        return _say_and_exit(f"{prog}: interrupted", 130)


def describe(exc: OSError | UnicodeError, root: Path | None = None) -> str:
    """One sentence for an input or output error: the file and what is wrong, never Python's names."""
    if isinstance(exc, UnicodeDecodeError):
        return (f"a file is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at position {exc.start}): "
                "run `check`, which names it, and save it as UTF-8")
    if isinstance(exc, UnicodeError):
        return f"text that cannot be written as UTF-8: {exc.reason}"
    name = exc.filename
    if name is not None and root is not None:
        try:
            name = Path(os.path.abspath(name)).relative_to(root).as_posix()
        except ValueError:
            pass
    reason = (exc.strerror or str(exc)).rstrip(".")
    return f"{name}: {reason[:1].lower() + reason[1:]}" if name is not None else reason


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        stream.flush()


def _say_and_exit(text: str, code: int) -> int:
    try:
        print(text, file=sys.stderr)
        _flush()
    except BrokenPipeError:
        return _closed_pipe()
    return code


def _closed_pipe() -> int:
    """The reader went away: say nothing more, and point the broken stream(s) at /dev/null so that what
    is still buffered does not make Python print 'Exception ignored … BrokenPipeError' at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):
            pass
    os.close(devnull)
    return CLOSED_PIPE
