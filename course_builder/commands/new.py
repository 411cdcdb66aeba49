"""`new course DIR --languages pt,en`, `new module FOLDER`, `new quiz ID`: skeletons that load and build."""
from __future__ import annotations

import sys
from pathlib import Path

from ..scaffold import ScaffoldError, new_module, new_quiz


def run(args) -> int:
    try:
        if args.kind == "course":
            from ..skeleton import new_course
            target = Path(args.slug)
            target = target if target.is_absolute() else Path.cwd() / target
            done = [f"created {rel}" for rel in new_course(target, (args.languages or "en").split(","),
                                                           args.generator)]
            done.append(f"Next: cd {args.slug}, then `course-builder check` names every placeholder to replace "
                        "and `course-builder serve` previews the course (README.md).")
        elif args.languages or args.generator:
            raise ScaffoldError("--languages and --generator are for 'new course'; a module or quiz belongs to "
                                "its course", 2)
        elif args.kind == "module":
            done = new_module(args.root, args.slug, args.after)
        else:
            done = new_quiz(args.root, args.slug, args.module)
    except ScaffoldError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    print("\n".join(done))
    return 0
