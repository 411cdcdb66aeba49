"""Sort items into groups: each item a row with a native select of the categories (as matching's rows:
the system's picker on a phone, arrow keys and type-ahead on a keyboard, a labelled combobox for a
screen reader)."""
from __future__ import annotations

from dataclasses import dataclass

from ...diagnostics import Mark
from ...schema import Fields, did_you_mean
from ..base import QuestionType

Localized = dict


@dataclass(frozen=True)
class Category:
    id: str
    text: Localized
    mark: Mark


@dataclass(frozen=True)
class Entry:
    id: str
    text: Localized
    category: str
    feedback: Localized | None
    mark: Mark
    where: dict


@dataclass(frozen=True)
class Data:
    categories: tuple[Category, ...]
    items: tuple[Entry, ...]


# The browser's verdict line, shipped in the answer key: the type keeps its own words (English stands
# in for a language not listed here).
STRINGS = {
    "en": {"wrong": "Items in the wrong group: {n}."},
    "es": {"wrong": "Elementos en el grupo equivocado: {n}."},
}


def _strings(lang: str) -> dict:
    return STRINGS.get(lang, STRINGS["en"])


def value(category_id: str) -> str:
    # The select's value: "r-" keeps the progress code's per-item kind ("p") able to write it.
    return f"r-{category_id}"


class Categorize(QuestionType):
    name = "categorize"
    keys = ("categories", "items")
    code_kind = "p"
    moodle_label = "matching (categorize)"

    def load(self, f, label, langs, rep) -> dict:
        from .._options import where
        categories: list[Category] = []
        for n in f.seq("categories", True, 2) or []:
            cf = Fields(rep, n, f"{label} category", ("id", "text"), langs)
            cid, text = cf.slug("id"), cf.localized("text")
            if cf.ok and cid and text:
                if any(c.id == cid for c in categories):
                    f.error(cf.map.get("id").mark, "quiz.duplicate-category",
                            f"{label}: category '{cid}' is listed twice", "give each category its own id")
                    continue
                categories.append(Category(cid, text, n.mark))
            else:
                f.ok = False
        known = [c.id for c in categories]
        items: list[Entry] = []
        for n in f.seq("items", True, 3) or []:
            itf = Fields(rep, n, f"{label} item", ("id", "text", "category", "feedback"), langs)
            iid, text, cat = itf.slug("id"), itf.localized("text"), itf.slug("category")
            feedback = itf.localized("feedback", False)
            if cat is not None and categories and cat not in known:
                itf.error(itf.map.get("category").mark, "quiz.unknown-category",
                          f"{label} item '{iid or '?'}': category '{cat}' is not one of the question's categories",
                          did_you_mean(cat, known) or f"use one of: {', '.join(known)}")
            if iid and any(i.id == iid for i in items):
                itf.error(itf.map.get("id").mark, "quiz.duplicate-item", f"{label}: item '{iid}' is listed twice",
                          "give each item its own id")
            if itf.ok and iid and text and cat:
                items.append(Entry(iid, text, cat, feedback, n.mark, where(n, ("text", "feedback"), langs)))
            else:
                f.ok = False
        return {"data": Data(tuple(categories), tuple(items))}

    # -- the page --------------------------------------------------------------------------------
    def key(self, q, lang) -> dict:
        return {"cats": {i.id: value(i.category) for i in q.data.items}, "msg": _strings(lang)}

    def hash_content(self, q):
        d = q.data
        return [[(c.id, c.text) for c in d.categories], [(i.id, i.text, i.category) for i in d.items]]

    def choices(self, q, lang, md, pool, t) -> list[dict]:
        """The categories, in the authored order (a select's list, the same for every row)."""
        return [{"id": value(c.id), "label": md.inline(c.text[lang])} for c in q.data.categories]

    def code_ids(self, q) -> list[str]:
        # Kind "p" writes, per listed id, the position of "r-<id>" in the same list: items, then
        # categories (whose own rows are never filled).
        return [i.id for i in q.data.items] + [c.id for c in q.data.categories]

    def grade(self, q, entered, key, langs):
        want = {f"q-{q.id}-{i.id}": value(i.category) for i in q.data.items}
        if not all(f in entered for f in want):
            return None
        return all(entered[f] == [v] for f, v in want.items())

    def texts(self, q):
        """(name, localized text, mark) of the texts the item-writing checks read (translation drift)."""
        out = [(f"category '{c.id}'", c.text, c.mark) for c in q.data.categories]
        for i in q.data.items:
            out.append((f"item '{i.id}'", i.text, i.mark))
            if i.feedback:
                out.append((f"item '{i.id}' feedback", i.feedback, i.mark))
        return out

    def slide(self, q, langs, letters, notes):
        cats = {c.id: c for c in q.data.categories}
        notes["answer"] = {lang: "; ".join(f"{n + 1} → {cats[i.category].text[lang]}"
                                           for n, i in enumerate(q.data.items)) for lang in langs}
        return [i.text for i in q.data.items], None

    # -- exports ---------------------------------------------------------------------------------
    def xml_keeps(self, q, quiz):
        return ["\"show the number of correct responses\" (on in XML; GIFT leaves it off)",
                "shuffle on (GIFT: the site's default, on unless changed)"]

    def _category_text(self, q, ctx, item) -> str:
        cat = next(c for c in q.data.categories if c.id == item.category)
        return ctx.texts.choice(cat.text[ctx.lang])

    def gift(self, q, ctx):
        # A matching question whose right-hand answers repeat: Moodle's GIFT import keeps each pair,
        # and its matching type lists each distinct answer once in every row's menu.
        from ...export.gift import escape
        lines = [f"\t={ctx.html(i.text)} -> {escape(self._category_text(q, ctx, i))}" for i in q.data.items]
        return ctx.question(q, "", lines)

    def moodle_xml(self, q, ctx):
        lines = ["    <shuffleanswers>true</shuffleanswers>", *ctx.combined_feedback()]
        for item in q.data.items:
            lines += ['    <subquestion format="html">',
                      f"      {ctx.text_element(ctx.texts.html(item.text[ctx.lang]))}",
                      f"      <answer>{ctx.text_element(self._category_text(q, ctx, item))}</answer>",
                      "    </subquestion>"]
        return "matching", lines


TYPE = Categorize()
