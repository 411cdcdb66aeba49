"""`build`: validate, generate docs/ and build the site atomically (site/ changes only on success)."""
from __future__ import annotations

import gc
import sys
from pathlib import Path

from ..cache import cached_diagnostics, fingerprint
from ..diagnostics import has_errors
from ..site import build_site
from . import print_diags, say


def run(args) -> int:
    root = args.root
    docs = root / "docs"
    fp = fingerprint(root, pdf_links=args.pdf)
    cached = None if args.no_cache or args.pdf else cached_diagnostics(docs, fp)
    if cached is not None and not has_errors(cached, args.strict):
        print_diags(args, cached, args.format, args.strict)  # nothing changed: docs/ is already right
        course = None
    else:
        from .. import pipeline
        course, diags = pipeline.load(root)
        print_diags(args, diags, args.format, args.strict)
        if course is None or has_errors(diags, args.strict):
            print("Build stopped: nothing was generated; site/ is unchanged.", file=sys.stderr)
            return 1
        pipeline.generate(course, docs, pdf_links=args.pdf, fingerprint=fp, diags=diags)
        if not args.pdf:
            # MkDocs needs only docs/ now: the model is not kept through the build's peak (a failed
            # build loads it again to name the sources).
            course = diags = None
            gc.collect()
    site = args.site_dir or root / "site"
    site = site if site.is_absolute() else Path.cwd() / site
    before_swap, pdf_errors = None, ()
    if args.pdf:
        from ..pdf import PdfError, add_pdfs_to_site
        from .pdf import report
        pdf_errors = (PdfError,)

        def before_swap(tmp: Path) -> None:
            report(add_pdfs_to_site(course, tmp), tmp, args.started)
    try:
        result = build_site(root, site, before_swap=before_swap)
    except BrokenPipeError:  # our own output's reader went away (cli.py ends quietly)
        raise
    except OSError as exc:  # disk full, read-only or missing output folder
        print(f"Cannot write the site next to {site}: {exc.strerror or exc}. site/ is unchanged.", file=sys.stderr)
        return 1
    except pdf_errors as exc:  # only with --pdf, the one case that imports pdf.py
        print(f"{exc}\nBuild stopped: site/ is unchanged.", file=sys.stderr)
        return exc.exit_code
    if not result.ok:
        from .. import pipeline
        print(pipeline.name_sources(result.output, course or pipeline.load(root)[0]), file=sys.stderr)
        print("MkDocs failed: site/ is unchanged.", file=sys.stderr)
        return 1
    say(args, f"Built {site}")
    return 0
