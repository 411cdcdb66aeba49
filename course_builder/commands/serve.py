"""`serve`: `mkdocs serve` of the course (never strict: see preview.py), stopped with us whatever stops us.

The course-builder plugin does the rest in MkDocs' process: it learns it is serving from MkDocs
(on_startup) and quiet from MkDocs' own --quiet, so nothing is handed over but MkDocs' arguments.
"""
from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys

# The MkDocs process: SIGTERM becomes KeyboardInterrupt, so MkDocs shuts its server down and removes its
# temporary site, exactly as after Ctrl-C.
CHILD = ("import signal, sys\n"
         "def stop(signum, frame): raise KeyboardInterrupt\n"
         "signal.signal(signal.SIGTERM, stop)\n"
         "from mkdocs.__main__ import cli\n"
         "sys.argv[0] = 'mkdocs'\n"
         "try:\n"
         "    cli()\n"
         "except OSError as exc:\n"  # the address taken meanwhile, a folder gone: a sentence, not a traceback
         "    sys.exit(f'serve: {exc.strerror or exc}')\n")


def _in_use(address: str) -> bool:
    """True when HOST:PORT is taken (another preview?), checked before the first build rather than after
    it; bound as MkDocs binds it (SO_REUSEADDR), so a port left in TIME_WAIT by the last preview is free."""
    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit():
        return False  # MkDocs names what is wrong with the address
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, int(port)))
        except OSError as exc:
            return exc.errno == errno.EADDRINUSE
    return False


def _die_with_parent() -> None:
    """In the child: receive SIGTERM if `serve` itself is killed outright (Linux)."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def run(args) -> int:
    root = args.root
    if not (root / "mkdocs.yml").is_file():
        print(f"serve: there is no mkdocs.yml in {root}: run it in the course's folder or give --project FOLDER",
              file=sys.stderr)
        return 2
    if _in_use(args.dev_addr):
        print(f"serve: {args.dev_addr} is already in use (another preview?): stop it, or give another address "
              "with --dev-addr HOST:PORT", file=sys.stderr)
        return 1
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
