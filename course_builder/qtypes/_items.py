"""Shared by the types made of a list of items (ordering steps, matching pairs)."""
from __future__ import annotations

from ..model import Item
from ..schema import Fields
from .base import QuestionType


class ItemsType(QuestionType):
    key_name = "items"           # the YAML list
    item_keys = ("id", "text")   # each entry's keys
    text_key, right_key = "text", None

    @property
    def keys(self):  # type: ignore[override]
        return (self.key_name,)

    def load(self, f, label, langs, rep) -> dict:
        from ..loader import _where
        items = []
        key = self.key_name
        for n in f.seq(key, True, 3) or []:
            itf = Fields(rep, n, f"{label} {key[:-1]}", self.item_keys, langs)
            iid = itf.slug("id")
            text = itf.localized(self.text_key)
            right = itf.localized(self.right_key) if self.right_key else None
            if itf.ok and iid and text and (right or not self.right_key):
                items.append(Item(iid, text, right, n.mark, _where(n, ("text", "left", "right"), langs)))
            else:
                f.ok = False
        return {"items": tuple(items)}

    def code_ids(self, q) -> list[str]:
        return [i.id for i in q.items]

    def expected(self, key: dict, item_id: str) -> str:
        raise NotImplementedError

    def grade(self, q, entered, key, langs):
        name = f"q-{q.id}"
        want = {f"{name}-{i.id}": self.expected(key, i.id) for i in q.items}
        if not all(f in entered for f in want):
            return None
        return all(entered[f] == [v] for f, v in want.items())
