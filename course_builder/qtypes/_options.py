"""Shared by the types whose answer is picked from listed options (each with an id, text, correct and
optional feedback)."""
from __future__ import annotations

from ..model import Option
from ..schema import Fields
from .base import QuestionType


def where(node, keys, langs):
    from ..loader import _where
    return _where(node, keys, langs)


class OptionsType(QuestionType):
    keys = ("options",)
    has_options = True

    def load(self, f, label, langs, rep) -> dict:
        options = []
        for n in f.seq("options", True, 2) or []:
            of = Fields(rep, n, f"{label} option", ("id", "text", "correct", "feedback"), langs)
            oid, text = of.slug("id"), of.localized("text")
            correct = of.boolean("correct", True)
            feedback = of.localized("feedback", False)
            if of.ok and oid and text and correct is not None:
                options.append(Option(oid, text, correct, feedback, n.mark, where(n, ("text", "feedback"), langs)))
            else:
                f.ok = False
        return {"options": tuple(options)}

    def key(self, q, lang) -> dict:
        return {"correct": [o.id for o in q.options if o.correct]}

    def choices(self, q, lang, md, pool, t) -> list[dict]:
        # An assessment's review shows each question's explanation; per-option feedback is for practice.
        return [{"id": o.id, "label": md.inline(o.text[lang]),
                 "feedback": md.block(o.feedback[lang]) if o.feedback and not pool else None} for o in q.options]

    def code_ids(self, q) -> list[str]:
        return [o.id for o in q.options]

    def slide(self, q, langs, letters, notes):
        from ..text import plain
        notes["answer"] = {lang: ", ".join(f"{letters(i)}. {plain(o.text[lang])}" for i, o in enumerate(q.options)
                                           if o.correct) for lang in langs}
        notes["feedback"] = [(letters(i), o.feedback) for i, o in enumerate(q.options) if o.feedback]
        return [o.text for o in q.options], None

    def xml_keeps(self, q, quiz) -> list[str]:
        return [f"shuffle the choices {'on' if quiz.shuffle else 'off'}, as the quiz says (GIFT: the site's "
                "default, on unless changed)",
                "answer numbering a, b, c (GIFT: the site's default)"]

    def gift_mark(self, fraction: float) -> str:
        raise NotImplementedError

    def gift(self, q, ctx) -> str:
        from ..export.questions import choice_fractions
        fractions, notes = choice_fractions(q)
        for note in notes:
            ctx.report.note(ctx.quiz, q, note)
        lines = []
        for option, fraction in zip(q.options, fractions):
            feedback = f"#{ctx.html(option.feedback)}" if option.feedback else ""
            lines.append(f"\t{self.gift_mark(fraction)}{ctx.html(option.text)}{feedback}")
        return ctx.question(q, "", lines)

    def moodle_xml(self, q, ctx) -> tuple[str, list[str]]:
        from ..export.questions import choice_fractions, fraction_text
        fractions, notes = choice_fractions(q)
        for note in notes:
            ctx.report.note(ctx.quiz, q, note)
        lines = [f"    <single>{'true' if self.one_right_option else 'false'}</single>",
                 f"    <shuffleanswers>{'true' if ctx.quiz.shuffle else 'false'}</shuffleanswers>",
                 "    <answernumbering>abc</answernumbering>",
                 "    <showstandardinstruction>0</showstandardinstruction>",
                 *ctx.combined_feedback()]
        for option, fraction in zip(q.options, fractions):
            lines += [f'    <answer fraction="{fraction_text(fraction)}" format="html">',
                      f"      {ctx.text_element(ctx.texts.html(option.text[ctx.lang]))}",
                      ctx.html(option.feedback, "feedback", "      "),
                      "    </answer>"]
        return "multichoice", lines
