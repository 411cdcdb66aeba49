"""The programme's sessions as iCalendar (.ics) files, and what they need from outside the course model: the
site's address and the build time.

- ``site_url`` (mkdocs_yml.py): the one MkDocs uses.
- ``build_time``: DTSTAMP is when the file was made (RFC 5545), yet the same sources must give the same
  files: ``SOURCE_DATE_EPOCH`` if set (reproducible-builds.org), else the time of the last git commit
  that touched the sources, else the newest modification time among them.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

from ..mkdocs_yml import site_url
from ..model import Course, Programme, Session
from ..text import plain

SOURCES = ("course", "quizzes", "cases")


def absolute_url(root: Path | None, path: str) -> str:
    """``path`` (relative to the site root) as an absolute URL; "" when the site's address is unknown."""
    base = site_url(root)
    return base + path.lstrip("/") if base else ""


def build_time(root: Path | None) -> dt.datetime:
    """The build's timestamp (UTC, whole seconds): reproducible from the sources, see the module doc."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _utc(int(epoch))
    if root is not None:
        root = Path(root)
        folders = [name for name in SOURCES if (root / name).exists()]
        if folders:
            try:
                out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", *folders], cwd=root,
                                     capture_output=True, text=True, timeout=30, check=False)
                if out.returncode == 0 and out.stdout.strip().isdigit():
                    return _utc(int(out.stdout.strip()))
            except (OSError, subprocess.SubprocessError):
                pass
            newest = max((p.stat().st_mtime for name in folders for p in (root / name).rglob("*") if p.is_file()),
                         default=None)
            if newest is not None:
                return _utc(int(newest))
    return _utc(int(dt.datetime.now(dt.timezone.utc).timestamp()))


def _utc(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc)


def ics_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def session_ics(session: Session, programme: Programme, course: Course, lang: str, url: str) -> str:
    """One VEVENT in iCalendar form; timed sessions carry the agenda's UTC offset converted to UTC.

    ``url`` is the programme page, absolute or relative to the site root; a relative one is made
    absolute with the site's address (RFC 5545 wants a URI), and left out when that is unknown.
    DTSTAMP is the build time, reproducible from the sources (calendar.build_time)."""
    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")

    sign = -1 if programme.timezone_offset.startswith("-") else 1
    hh, mm = programme.timezone_offset[1:].split(":")
    offset = dt.timedelta(hours=int(hh), minutes=int(mm)) * sign

    def utc(date: str, time: str) -> str:
        local = dt.datetime.fromisoformat(f"{date}T{time}")
        return (local - offset).strftime("%Y%m%dT%H%M%SZ")

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{course.id}//build_course.py//{lang.upper()}",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "BEGIN:VEVENT",
             f"UID:{session.id}-{lang}@{course.id}", f"DTSTAMP:{ics_stamp(build_time(course.root))}"]
    if session.start:
        lines += [f"DTSTART:{utc(session.date, session.start)}",
                  f"DTEND:{utc(session.date, session.end or session.start)}"]
    else:
        last = dt.date.fromisoformat(session.end_date or session.date) + dt.timedelta(days=1)
        lines += [f"DTSTART;VALUE=DATE:{session.date.replace('-', '')}",
                  f"DTEND;VALUE=DATE:{last.strftime('%Y%m%d')}"]
    description = "\n".join(f"{a.time} {plain(a.topic[lang])}" for a in session.agenda)
    lines += [f"SUMMARY:{esc(plain(session.title[lang]))}"]
    if description:
        lines.append(f"DESCRIPTION:{esc(description)}")
    if "://" not in url:
        url = absolute_url(course.root, url)
    if url:
        lines.append("URL:" + quote(url, safe=":/?#[]@!$&'()*+,;=%~"))
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def _fold(line: str) -> str:
    """RFC 5545 folds lines longer than 75 octets."""
    out, current = [], b""
    for ch in line:
        b = ch.encode()
        if len(current) + len(b) > 75:
            out.append(current.decode())
            current = b" "
        current += b
    out.append(current.decode())
    return "\r\n".join(out)
