"""Pairs: each left-hand item to its right-hand one (a native select per row on the page)."""
from __future__ import annotations

from ...answers import stable_shuffle
from .._items import ItemsType


class Matching(ItemsType):
    name = "matching"
    key_name = "pairs"
    item_keys = ("id", "left", "right")
    text_key, right_key = "left", "right"
    code_kind = "p"
    moodle_label = "matching"

    def key(self, q, lang) -> dict:
        return {"pairs": {i.id: f"r-{i.id}" for i in q.items}}

    def expected(self, key, item_id):
        return key["pairs"][item_id]

    def slide(self, q, langs, letters, notes):
        # The left items numbered, the right ones lettered in another order; render/slides.py lays
        # them side by side when they fit ("right"), else one after the other ("numbered").
        right = stable_shuffle(list(q.items), q.id)
        notes["answer"] = {lang: ", ".join(f"{n + 1}–{letters(right.index(i))}" for n, i in enumerate(q.items))
                           for lang in langs}
        return [i.text for i in q.items], {"right": [i.right for i in right],
                                           "numbered": [i.text for i in q.items] + [i.right for i in right]}

    def xml_keeps(self, q, quiz):
        return ["\"show the number of correct responses\" (on in XML; GIFT leaves it off)",
                "shuffle on (GIFT: the site's default, on unless changed)"]

    def gift(self, q, ctx):
        from ...export.gift import escape
        lines = []
        for item in q.items:
            right = ctx.texts.choice(item.right[ctx.lang]) if item.right else ""
            lines.append(f"\t={ctx.html(item.text)} -> {escape(right)}")
        return ctx.question(q, "", lines)

    def moodle_xml(self, q, ctx):
        lines = ["    <shuffleanswers>true</shuffleanswers>", *ctx.combined_feedback()]
        for item in q.items:
            right = ctx.texts.choice(item.right[ctx.lang]) if item.right else ""
            lines += ['    <subquestion format="html">',
                      f"      {ctx.text_element(ctx.texts.html(item.text[ctx.lang]))}",
                      f"      <answer>{ctx.text_element(right)}</answer>",
                      "    </subquestion>"]
        return "matching", lines


TYPE = Matching()
