"""One or more right options (checkboxes)."""
from __future__ import annotations

from .._options import OptionsType


class Multiple(OptionsType):
    name = "multiple"
    code_kind = "m"
    moodle_label = "multichoice (several answers)"

    def check(self, q, rep) -> None:
        if not any(o.correct for o in q.options):
            rep.add(q.mark, "quiz.no-correct-option", f"question '{q.id}' has no correct option",
                    "mark at least one option with 'correct: true'")

    def gift_mark(self, fraction):
        from ...export.questions import fraction_text
        return f"~%{fraction_text(fraction)}%"

    def xml_keeps(self, q, quiz):
        return ["\"show the number of correct responses\" (on in XML; GIFT leaves it off)", *super().xml_keeps(q, quiz)]


TYPE = Multiple()
