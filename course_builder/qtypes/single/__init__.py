"""One right option among several (radio buttons)."""
from __future__ import annotations

from .._options import OptionsType


class Single(OptionsType):
    name = "single"
    one_right_option = True
    moodle_label = "multichoice (one answer)"

    def check(self, q, rep) -> None:
        correct = sum(o.correct for o in q.options)
        if correct != 1:
            rep.add(q.mark, "quiz.no-correct-option" if correct == 0 else "quiz.several-correct",
                    f"question '{q.id}' is 'single' but has {correct} correct options",
                    "mark exactly one option with 'correct: true', or use 'type: multiple'")

    def gift_mark(self, fraction):
        return "=" if fraction == 100 else "~"


TYPE = Single()
