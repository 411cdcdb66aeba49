"""What the browser and the certificate check need to know of a question's answer: the fill-in comparison
rule, a question's hash (stored progress follows rewrites) and its answer key as the page ships it, and
the fixed order of items shown in a different order than authored."""
from __future__ import annotations

import hashlib
import json
import unicodedata

from .model import Question


def normalize_answer(text: str) -> str:
    """The fill-in comparison rule: case, accents, end punctuation and repeated spaces do not count.

    The browser script applies the same steps (NFD, drop combining marks, lower-case, trim
    punctuation, collapse spaces); tests/unit/test_widgets.py keeps the two in step.
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    stripped = " ".join(stripped.split())
    return stripped.strip(" .,;:!?¡¿\"'«»()")


def stable_shuffle(items: list, seed: str) -> list:
    """A fixed, content-derived order that is never the authored one (for ordering questions the
    authored order is the answer): the page stays the same from build to build."""
    shuffled = sorted(items, key=lambda x: hashlib.sha256(f"{seed}:{x.id}".encode()).hexdigest())
    return shuffled[1:] + shuffled[:1] if len(items) > 1 and shuffled == list(items) else shuffled


def question_hash(q: Question) -> str:
    """Changes when a question is rewritten (any language, options or key), so stored progress
    for it is dropped, while untouched questions keep theirs across course updates."""
    from . import qtypes
    own = qtypes.get(q.type).hash_content(q)
    content = (q.type, q.prompt, q.answer, sorted(q.answers.items()),
               [(o.id, o.text, o.correct) for o in q.options], [(i.id, i.text, i.right) for i in q.items])
    if own is not None:  # a type with data of its own; the first six keep the digest they always had
        content = (*content, own)
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=list).encode()).hexdigest()[:10]


def question_key(q: Question, lang: str) -> dict:
    from . import qtypes
    return {"type": q.type, "h": question_hash(q), **qtypes.get(q.type).key(q, lang)}
