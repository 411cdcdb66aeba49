"""Steps to put in order (the authored order is the answer; the page shows a fixed shuffle)."""
from __future__ import annotations

from ...answers import stable_shuffle
from .._items import ItemsType


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


TYPE = Ordering()
