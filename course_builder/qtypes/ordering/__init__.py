"""Steps to put in order (the authored order is the answer; the page shows a fixed shuffle)."""
from __future__ import annotations

from ...answers import stable_shuffle
from .._items import ItemsType
from ..base import NotExportable


class Ordering(ItemsType):
    name = "ordering"
    code_kind = "o"
    moodle_label = "ordering"
    # Moodle needs the qtype_ordering plugin for it: the exports write it to a file of its own.
    export_part = "ordering"

    def key(self, q, lang) -> dict:
        return {"order": [i.id for i in q.items]}

    def expected(self, key, item_id):
        return str(key["order"].index(item_id) + 1)

    def slide(self, q, langs, letters, notes):
        shown = stable_shuffle(list(q.items), q.id)
        notes["answer"] = {lang: " → ".join(letters(shown.index(i)) for i in q.items) for lang in langs}
        return [i.text for i in shown], None

    def xml_keeps(self, q, quiz):
        return ["\"show the number of correct responses\" (on in XML; GIFT leaves it off)"]

    def gift(self, q, ctx):
        # The qtype_ordering plugin's own GIFT syntax: {>n header, one item per line, ####feedback}.
        from ...export.gift import (GIFT_ESCAPE, NUMBERING, ORDERING_HEAD, ORDERING_PLUGIN_GIFT, _one_line, escape,
                                    without_plugin)
        quiz, lang, texts, report, fates = ctx.quiz, ctx.lang, ctx.texts, ctx.report, ctx.fates
        from ...export.gift import xml_keeps
        prompt = escape(texts.html(q.prompt[lang]))
        items = [_one_line(texts.html(item.text[lang])) for item in q.items]
        if "{" in prompt:
            raise NotExportable("its text holds '{', which the ordering plugin's GIFT import cannot read; "
                                "use the Moodle XML export")
        if any(not item or "{" in item or "}" in item or "####" in item or item.startswith("//")
               or GIFT_ESCAPE.search(item) for item in items):
            raise NotExportable("an item is empty or holds '{', '}', '####', a backslash escape or a leading '//', "
                                "which the ordering plugin's GIFT import cannot read; use the Moodle XML export")
        if NUMBERING.match(items[0]):
            items[0] = f"<span>{items[0]}</span>"
        head = f"{{>{len(items)} {ORDERING_HEAD}"
        fate = fates[q.id] = without_plugin("\n".join([head[1:], *items]))
        report.needs_plugin(quiz, q, f"{ORDERING_PLUGIN_GIFT}: without it Moodle makes it {fate}")
        report.only_in_xml(quiz, q, xml_keeps(q, quiz))
        idnumber = q.id.replace("]", "\\]")
        feedback = [f"####{escape(texts.html(q.explanation[lang]))}"] if q.explanation else []
        return "\n".join([f"// [id:{idnumber}]",
                          f"::{escape(q.id)}::[html]{prompt}{head}",
                          *items,
                          *feedback,
                          "}"])

    def moodle_xml(self, q, ctx):
        # The items in the correct order; the plugin shuffles them.
        from ...export.questions import ORDERING_PLUGIN
        ctx.report.needs_plugin(ctx.quiz, q, ORDERING_PLUGIN)
        lines = ["    <layouttype>VERTICAL</layouttype>",
                 "    <selecttype>ALL</selecttype>",
                 f"    <selectcount>{len(q.items)}</selectcount>",
                 "    <gradingtype>ABSOLUTE_POSITION</gradingtype>",
                 "    <showgrading>SHOW</showgrading>",
                 "    <numberingstyle>none</numberingstyle>",
                 *ctx.combined_feedback("    <shownumcorrect>1</shownumcorrect>")]
        for position, item in enumerate(q.items, 1):
            lines += [f'    <answer fraction="{position}" format="html">',
                      f"      {ctx.text_element(ctx.texts.html(item.text[ctx.lang]))}",
                      "    </answer>"]
        return "ordering", lines


TYPE = Ordering()
