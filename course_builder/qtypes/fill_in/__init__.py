"""A short typed answer, compared by answers.normalize_answer with the accepted ones per language."""
from __future__ import annotations

from ...answers import normalize_answer
from ...schema import Fields
from ..base import QuestionType


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


TYPE = FillIn()
