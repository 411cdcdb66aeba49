"""A short text with gaps: each gap a choice (an inline native select) or a short typed answer (an
inline text box, compared as fill_in compares)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ...answers import normalize_answer, stable_shuffle
from ...text import plain
from ...diagnostics import Mark
from ...model import Option
from ...schema import Fields
from ..base import NotExportable, QuestionType

Localized = dict
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")


@dataclass(frozen=True)
class Gap:
    id: str
    options: tuple[Option, ...]               # a choice gap; () for a typed one
    answers: dict                             # a typed gap: lang -> accepted answers
    feedback: Localized | None
    mark: Mark

    def shown(self, qid: str) -> list[Option]:
        """The options in the fixed shuffled order the page and the handbook show (the authored order
        would give the right option's place away)."""
        return stable_shuffle(list(self.options), f"{qid}:{self.id}")


@dataclass(frozen=True)
class Data:
    text: Localized
    gaps: tuple[Gap, ...]
    text_mark: Mark

    def pieces(self, lang: str) -> list[tuple[str, int | None]]:
        """The text cut at its gaps: (text before, the gap's number in the text or None at the end)."""
        order = [gid for _, gid in parts(self.text[lang]) if gid]
        return [(before, order.index(gid) + 1 if gid else None) for before, gid in parts(self.text[lang])]

    def inline(self, md, text: str):
        return inline(md, text)

    def in_text_order(self, lang: str) -> list[Gap]:
        by_id = {g.id: g for g in self.gaps}
        return [by_id[gid] for _, gid in parts(self.text[lang]) if gid]


STRINGS = {
    "en": {"gap": "gap {n} of {total}", "wrong": "Wrong gaps: {n}.", "empty": "Fill in every gap before checking."},
    "es": {"gap": "hueco {n} de {total}", "wrong": "Huecos incorrectos: {n}.",
           "empty": "Complete todos los huecos antes de comprobar."},
}


def strings(lang: str) -> dict:
    return STRINGS.get(lang, STRINGS["en"])


def value(gap: Gap, option: Option) -> str:
    # "r-<gap>.<option>": the progress code's per-item kind ("p") writes values named in its id list.
    return f"r-{gap.id}.{option.id}"


def inline(md, text: str):
    """A piece of the text as inline HTML, keeping the spaces at its ends (the gaps stand between)."""
    from markupsafe import Markup
    if not text.strip():
        return text
    out = md.inline(text)
    lead = " " if text[:1].isspace() and not str(out)[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and not str(out)[-1:].isspace() else ""
    return Markup(lead) + out + Markup(trail)


def parts(text: str) -> list[tuple[str, str | None]]:
    """The text split at its placeholders: (text before, gap id or None at the end)."""
    out, at = [], 0
    for m in PLACEHOLDER.finditer(text):
        out.append((text[at:m.start()], m.group(1)))
        at = m.end()
    out.append((text[at:], None))
    return out


class Cloze(QuestionType):
    name = "cloze"
    keys = ("text", "gaps")
    code_kind = "p"
    moodle_label = "multianswer (cloze)"

    def load(self, f, label, langs, rep) -> dict:
        from .._options import where
        text = f.localized("text")
        gaps: list[Gap] = []
        for n in f.seq("gaps", True, 1) or []:
            gf = Fields(rep, n, f"{label} gap", ("id", "options", "answers", "feedback"), langs)
            gid = gf.slug("id")
            what = f"{label} gap '{gid or '?'}'"
            feedback = gf.localized("feedback", False)
            has_options, has_answers = gf.node("options", False), gf.node("answers", False)
            options: list[Option] = []
            answers: dict[str, tuple[str, ...]] = {}
            if gf.map is not None and (has_options is None) == (has_answers is None):
                gf.error(gf.map.mark, "quiz.cloze-gap", f"{what}: give either 'options' (a choice) or 'answers' "
                         f"(typed), {'not both' if has_options is not None else 'one of them'}",
                         "a choice gap lists 'options' with one 'correct: true'; a typed gap lists 'answers' per language")
            elif has_options is not None:
                for on in gf.seq("options", True, 2) or []:
                    of = Fields(rep, on, f"{what} option", ("id", "text", "correct"), langs)
                    oid, otext, correct = of.slug("id"), of.localized("text"), of.boolean("correct", True)
                    if of.ok and oid and otext and correct is not None:
                        options.append(Option(oid, otext, correct, None, on.mark, where(on, ("text",), langs)))
                    else:
                        gf.ok = False
                right = sum(o.correct for o in options)
                if gf.ok and right != 1:
                    gf.error(has_options.mark, "quiz.cloze-correct",
                             f"{what} has {right} correct options; a choice gap has exactly one",
                             "mark exactly one option with 'correct: true'")
            elif has_answers is not None:
                af = Fields(rep, has_answers, f"{what}: 'answers'", langs, langs)
                for lang in langs:
                    if af.map is not None and af.map.get(lang) is None:
                        af.error(af.map.mark, "i18n.missing-language", f"{what}: 'answers' has no '{lang}' list",
                                 f"add '{lang}: [\"...\"]' with at least one accepted answer")
                        continue
                    values = af.text_list(lang, required=False, min_items=1)
                    if values:
                        answers[lang] = values
                gf.ok = gf.ok and af.ok
            if gid and any(g.id == gid for g in gaps):
                gf.error(gf.map.get("id").mark, "quiz.duplicate-gap", f"{label}: gap '{gid}' is listed twice",
                         "give each gap its own id")
            if gf.ok and gid:
                gaps.append(Gap(gid, tuple(options), answers, feedback, n.mark))
            else:
                f.ok = False
        text_node = f.node("text", False)
        if text and gaps and len(gaps) == len(f.map.get("gaps").items):
            ids = [g.id for g in gaps]
            for lang in langs:
                at = text_node.get(lang).mark
                placed = [gid for _, gid in parts(text[lang]) if gid is not None]
                for gid in dict.fromkeys(placed):
                    if gid not in ids:
                        f.error(at, "quiz.cloze-placeholder", f"{label}: the {lang} text has '{{{{{gid}}}}}', "
                                "which is not one of its gaps", f"its gaps are: {', '.join(ids)}")
                for gid in ids:
                    count = placed.count(gid)
                    if count != 1:
                        f.error(at, "quiz.cloze-placement", f"{label}: the {lang} text places gap '{gid}' "
                                f"{count} times; each gap goes in exactly once",
                                f"write '{{{{{gid}}}}}' once where the gap goes")
        data = Data(text, tuple(gaps), text_node.mark if text_node is not None else f.mark) if text else None
        return {"data": data}

    # -- the page --------------------------------------------------------------------------------
    def key(self, q, lang) -> dict:
        gaps = {}
        for g in q.data.gaps:
            if g.options:
                right = next(o for o in g.options if o.correct)
                gaps[g.id] = {"right": value(g, right)}
            else:
                gaps[g.id] = {"answers": sorted({normalize_answer(a) for a in g.answers[lang]}),
                              "shown": g.answers[lang][0]}
        return {"gaps": gaps, "msg": strings(lang)}

    def hash_content(self, q):
        d = q.data
        return [d.text, [(g.id, [(o.id, o.text, o.correct) for o in g.options], sorted(g.answers.items()))
                         for g in d.gaps]]

    def choices(self, q, lang, md, pool, t) -> list[dict]:
        """The text cut at its gaps, for the template: [{"text": html before, "gap": {...} or None}]."""
        gaps = {g.id: (n, g) for n, g in enumerate(q.data.gaps, 1)}
        s = strings(lang)
        order = [gid for _, gid in parts(q.data.text[lang]) if gid]
        out = []
        for before, gid in parts(q.data.text[lang]):
            piece = {"text": inline(md, before), "gap": None}
            if gid:
                _, g = gaps[gid]
                n = order.index(gid) + 1
                piece["gap"] = {"id": g.id, "label": s["gap"].format(n=n, total=len(order)),
                                # A fixed shuffled order: the authored one would give the right option's place away.
                                "options": [{"id": value(g, o), "label": plain(o.text[lang])}
                                            for o in g.shown(q.id)],
                                "feedback": md.block(g.feedback[lang]) if g.feedback and not pool else None,
                                "n": n}
            out.append(piece)
        return out

    def code_ids(self, q) -> list[str]:
        # Kind "p": per gap, the position of "r-<value>" among these ids (typed gaps are not written).
        return [g.id for g in q.data.gaps] + [f"{g.id}.{o.id}" for g in q.data.gaps for o in g.options]

    def grade(self, q, entered, key, langs):
        ok = True
        for g in q.data.gaps:
            got = entered.get(f"q-{q.id}-{g.id}")
            if not got:
                return None
            if g.options:
                ok = ok and got == [value(g, next(o for o in g.options if o.correct))]
            else:
                accepted = {normalize_answer(a) for lang in langs for a in g.answers.get(lang, ())}
                ok = ok and normalize_answer(got[0]) in accepted
        return ok

    def texts(self, q):
        """(name, localized text, mark) of the texts the item-writing checks read (translation drift)."""
        out = [("text", q.data.text, q.data.text_mark)]
        for g in q.data.gaps:
            out += [(f"gap '{g.id}' option '{o.id}'", o.text, o.mark) for o in g.options]
            if g.feedback:
                out.append((f"gap '{g.id}' feedback", g.feedback, g.mark))
        return out

    def slide(self, q, langs, letters, notes):
        def shown(g, lang):
            return next(o.text[lang] for o in g.options if o.correct) if g.options else g.answers[lang][0]
        notes["answer"] = {lang: "; ".join(f"{n}. {shown(g, lang)}" for n, g in enumerate(q.data.gaps, 1))
                           for lang in langs}
        return [], None

    # -- exports ---------------------------------------------------------------------------------
    def gift(self, q, ctx):
        raise NotExportable("cloze (gaps in a text) has no GIFT form; use the Moodle XML export, which writes it "
                            "as an embedded-answers (Cloze) question")

    def moodle_questiontext(self, q, ctx) -> str:
        """The question text Moodle's multianswer import parses: the prompt, then the text with each gap
        as {1:MULTICHOICE:...} or {1:SHORTANSWER:...}."""
        from ...export.questions import shortanswer_answers, shortanswer_pattern
        lang, texts = ctx.lang, ctx.texts
        codes = {}
        for g in q.data.gaps:
            fb = f"#{cloze_escape(texts.html(g.feedback[lang]), feedback=True)}" if g.feedback else ""
            if g.options:
                alts = [f"{'=' if o.correct else '%0%'}{cloze_escape(html.escape(texts.plain(o.text[lang]), quote=False))}"
                        f"{'' if o.correct else fb}" for o in g.options]
                codes[g.id] = "{1:MULTICHOICE_S:" + "~".join(alts) + "}"
            else:
                answers, _ = shortanswer_answers(_Answers(g.answers), lang)
                alts = [f"={cloze_escape(html.escape(shortanswer_pattern(a), quote=False))}" for a in answers]
                # A wrong typed answer gets the gap's feedback through a catch-all alternative.
                alts += [f"%0%*{fb}"] if fb else []
                codes[g.id] = "{1:SHORTANSWER:" + "~".join(alts) + "}"
        placeholder = {gid: f"CBGAP{n}X" for n, gid in enumerate(codes)}
        source = PLACEHOLDER.sub(lambda m: placeholder[m.group(1)], q.data.text[lang])
        body = texts.html(source)
        for gid, token in placeholder.items():
            body = body.replace(token, codes[gid])
        return texts.html(q.prompt[lang]) + "\n" + body

    def moodle_xml(self, q, ctx):
        return "multianswer", []


@dataclass(frozen=True)
class _Answers:
    """What export.questions.shortanswer_answers reads of a question: its accepted answers."""
    answers: dict


def cloze_escape(text: str, feedback: bool = False) -> str:
    """A text inside a Cloze gap: Moodle's parser ends an answer at ~, # or } (unless after \\ or &) and
    feedback at ~ or }, then decodes HTML entities; so those characters, the backslash, and = and %
    (which open an answer's grade) go as numeric entities, decoded back on import. Newlines close
    nothing but read badly in a one-line code: spaces instead."""
    out = text.replace("\n", " ")
    specials = "~}\\" if feedback else "~#}\\=%/"
    return "".join(f"&#{ord(c)};" if c in specials else c for c in out)


TYPE = Cloze()
