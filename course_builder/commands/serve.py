"""`serve`: `mkdocs serve` of the course (never strict: see preview.py), stopped with us whatever stops us.

The course-builder plugin does the rest in MkDocs' process: it learns it is serving from MkDocs
(on_startup) and quiet from MkDocs' own --quiet, so nothing is handed over but MkDocs' arguments.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys

# The MkDocs process: SIGTERM becomes KeyboardInterrupt, so MkDocs shuts its server down and removes its
# temporary site, exactly as after Ctrl-C.
CHILD = ("import signal, sys\n"
         "def stop(signum, frame): raise KeyboardInterrupt\n"
         "signal.signal(signal.SIGTERM, stop)\n"
         "from mkdocs.__main__ import cli\n"
         "sys.argv[0] = 'mkdocs'\n"
         "cli()\n")


def _die_with_parent() -> None:
    """In the child: receive SIGTERM if `serve` itself is killed outright (Linux)."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def run(args) -> int:
    root = args.root
    (root / "docs").mkdir(exist_ok=True)  # MkDocs refuses a missing docs_dir; the plugin fills it
    # Serve at the root of the dev address rather than under the production site path (mkdocs.yml
    # reads site_url from SITE_URL).
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://{args.dev_addr}/")
    # --dirty: a save renders only the pages it changed; the plugin asks for every page when more changed.
    cmd = [sys.executable, "-c", CHILD, "serve", "--dirty", "--no-strict", "--dev-addr", args.dev_addr,
           "-f", str(root / "mkdocs.yml")] + (["--quiet"] if args.quiet else [])
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
