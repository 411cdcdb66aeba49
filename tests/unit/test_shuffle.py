"""The browser's shuffles (js/21-shuffle.js), run in Node: every order equally likely, the same seed the
same order, and an assessment's draws that show a participant the questions they have seen least."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from itertools import permutations

import pytest

from tests.conftest import REPO

JS = REPO / "overrides" / "assets" / "course" / "js"


def run(script: str):
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing: scripts/install.sh --test installs it")
        pytest.skip("node is not installed")
    core = (JS / "00-core.js").read_text(encoding="utf-8")
    hash_fn = re.search(r"^function hash\(.*?^}\n", core, re.S | re.M).group(0)  # the part that needs no DOM
    source = hash_fn + (JS / "21-shuffle.js").read_text(encoding="utf-8") + script
    out = subprocess.run([node, "-e", source], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


def chi2(counts, expected: float) -> float:
    return sum((c - expected) ** 2 / expected for c in counts)


def test_every_order_of_four_options_is_equally_likely():
    n = 48_000
    orders = run(f"""
      var out = [];
      for (var i = 0; i < {n}; i++) out.push(shuffled(["a", "b", "c", "d"], "seed" + i + "q-1").join(""));
      console.log(JSON.stringify(out));""")
    by_order = Counter(orders)
    assert set(by_order) == {"".join(p) for p in permutations("abcd")}
    # 23 degrees of freedom: 60 is far beyond p = 0.0001. Fixed seeds: the figure never changes.
    assert chi2(by_order.values(), n / 24) < 60, by_order
    for item in "abcd":
        at = Counter(o.index(item) for o in orders)
        assert chi2(at.values(), n / 4) < 25, (item, at)  # 3 degrees of freedom
    # The biased shuffle this replaces, sort(() => Math.random() - 0.5), fails the same test in V8.
    biased = run(f"""
      var out = [];
      for (var i = 0; i < {n}; i++) out.push(["a", "b", "c", "d"].sort(function () {{ return Math.random() - 0.5; }}).join(""));
      console.log(JSON.stringify(out));""")
    assert chi2(Counter(biased).values(), n / 24) > 200


def test_the_same_seed_gives_the_same_order():
    a, b, c = run("""console.log(JSON.stringify([shuffled([1, 2, 3, 4, 5, 6], "s1"), shuffled([1, 2, 3, 4, 5, 6], "s1"),
                                                 shuffled([1, 2, 3, 4, 5, 6], "s2")]));""")
    assert a == b and sorted(a) == [1, 2, 3, 4, 5, 6] and a != c


POOLS = {f"p{p}": [f"p{p}-q{i}" for i in range(1, size + 1)] for p, size in enumerate((11, 11, 11, 10, 10, 10), 1)}


def draws(participants: int, attempts: int, draw: int = 20):
    return run(f"""
      var pools = {json.dumps(POOLS)}, out = [];
      for (var p = 0; p < {participants}; p++) {{
        var seen = {{}}, mine = [];
        for (var a = 1; a <= {attempts}; a++) {{
          var d = drawQuestions(pools, {draw}, seen, "participant" + p + ":" + a);
          d.forEach(function (q) {{ seen[q] = (seen[q] || 0) + 1; }});
          mine.push(d);
        }}
        out.push(mine);
      }}
      console.log(JSON.stringify(out));""")


def test_three_attempts_over_63_questions_never_repeat_one():
    for attempts in draws(200, 3):
        assert all(len(a) == 20 == len(set(a)) for a in attempts)
        assert len({q for a in attempts for q in a}) == 60  # no question twice in the first three attempts
        first = Counter(q.split("-")[0] for q in attempts[0])
        assert min(first.values()) >= 3  # every attempt spreads over the modules' pools


def test_a_fourth_attempt_repeats_the_least_seen_only():
    for attempts in draws(50, 4):
        seen = Counter(q for a in attempts[:3] for q in a)
        unseen = {q for ids in POOLS.values() for q in ids} - set(seen)
        assert unseen <= set(attempts[3])  # the 3 never-seen questions come first


def test_the_first_draw_gives_every_question_of_a_pool_the_same_chance():
    n = 3000
    counts = Counter(q for attempts in draws(n, 1) for q in attempts[0])
    for ids in POOLS.values():
        cells = [counts[q] for q in ids]
        assert chi2(cells, sum(cells) / len(cells)) < 35, cells  # 9-10 degrees of freedom, p < 0.0001
