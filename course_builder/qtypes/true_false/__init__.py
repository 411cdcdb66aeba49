"""A statement to judge true or false (`answer: true|false`)."""
from __future__ import annotations

from ...strings import t
from ..base import QuestionType


class TrueFalse(QuestionType):
    name = "true_false"
    keys = ("answer",)
    moodle_label = "truefalse"

    def load(self, f, label, langs, rep) -> dict:
        return {"answer": f.boolean("answer", True)}

    def key(self, q, lang) -> dict:
        return {"correct": ["true" if q.answer else "false"]}

    def choices(self, q, lang, md, pool, t_) -> list[dict]:
        return [{"id": "true", "label": t_("true"), "feedback": None},
                {"id": "false", "label": t_("false"), "feedback": None}]

    def code_ids(self, q) -> list[str]:
        return ["true", "false"]

    def slide(self, q, langs, letters, notes):
        notes["answer"] = {lang: t(lang, "true" if q.answer else "false") for lang in langs}
        return [{lang: t(lang, "true") for lang in langs}, {lang: t(lang, "false") for lang in langs}], None

    moodle_penalty = "1"

    def gift(self, q, ctx):
        return ctx.question(q, "TRUE" if q.answer else "FALSE", [])

    def moodle_xml(self, q, ctx):
        lines = []
        for value in (True, False):
            lines += [f'    <answer fraction="{100 if value == q.answer else 0}" format="moodle_auto_format">',
                      f"      <text>{'true' if value else 'false'}</text>",
                      '      <feedback format="html"><text></text></feedback>',
                      "    </answer>"]
        return "truefalse", lines


TYPE = TrueFalse()
