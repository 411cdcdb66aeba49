"""A short typed answer, compared by answers.normalize_answer with the accepted ones per language."""
from __future__ import annotations

from ...answers import normalize_answer
from ...schema import Fields
from ..base import NotExportable, QuestionType


class FillIn(QuestionType):
    name = "fill_in"
    keys = ("answers",)
    code_kind = "t"
    moodle_label = "shortanswer"

    def load(self, f, label, langs, rep) -> dict:
        answers: dict[str, tuple[str, ...]] = {}
        an = f.node("answers", True)
        if an is not None:
            af = Fields(rep, an, f"{label}: 'answers'", langs, langs)
            for lang in langs:
                if af.map is not None and af.map.get(lang) is None:
                    af.error(af.map.mark, "i18n.missing-language", f"{label}: 'answers' has no '{lang}' list",
                             f"add '{lang}: [\"...\"]'")
                    continue
                values = af.text_list(lang, required=False, min_items=1)
                if values:
                    answers[lang] = values
            f.ok = f.ok and af.ok
        return {"answers": answers}

    def key(self, q, lang) -> dict:
        return {"answers": sorted({normalize_answer(a) for a in q.answers[lang]}), "shown": q.answers[lang][0]}

    def grade(self, q, entered, key, langs):
        typed = entered.get(f"q-{q.id}")
        accepted = {normalize_answer(a) for lang in langs for a in q.answers.get(lang, [])}
        return normalize_answer(typed[0]) in accepted if typed else None

    def slide(self, q, langs, letters, notes):
        notes["answer"] = {lang: " / ".join(q.answers.get(lang, ())) for lang in langs}
        return [], None

    def export_note(self, q, ctx, added: list[str]) -> None:
        ctx.report.note_for(q, "fill_in as shortanswer: Moodle ignores case but compares accents exactly (accent-free "
                               "variants of the answers are added as accepted answers) and, unlike the site, does not "
                               "ignore punctuation at the ends or repeated spaces")
        if added:
            ctx.report.note(ctx.quiz, q, f"accent-free variants added as accepted answers: {', '.join(added)}")

    def gift(self, q, ctx):
        from ...export.gift import escape
        from ...export.questions import shortanswer_answers, shortanswer_pattern
        answers, added = shortanswer_answers(q, ctx.lang)
        if any("->" in a for a in answers):
            raise NotExportable("an accepted answer contains '->', which GIFT reads as a matching question; "
                                "use the Moodle XML export")
        self.export_note(q, ctx, added)
        # The explicit weight keeps an answer that starts with "%" from being read as a weight.
        return ctx.question(q, "", [f"\t=%100%{escape(shortanswer_pattern(a))}" for a in answers])

    def moodle_xml(self, q, ctx):
        from ...export.questions import shortanswer_answers, shortanswer_pattern
        answers, added = shortanswer_answers(q, ctx.lang)
        self.export_note(q, ctx, added)
        lines = ["    <usecase>0</usecase>"]
        for answer in answers:
            lines += ['    <answer fraction="100" format="moodle_auto_format">',
                      f"      {ctx.text_element(shortanswer_pattern(answer))}",
                      '      <feedback format="html"><text></text></feedback>',
                      "    </answer>"]
        return "shortanswer", lines


TYPE = FillIn()
