"""The accelerated dictionary scan gives exactly HanLP's trie longest-match results."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.dictionary import Dictionary

WORDS = ["上海", "上海市", "市委", "书记", "副书记", "市委书记", "常务副市长", "副市长", "市长", "长江", "江苏省"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="上海市委副书记长江苏省常务李强、，", max_size=60))
def test_same_as_hanlp_trie(text):
    fast = Dictionary(WORDS)
    slow = Dictionary(WORDS, accelerate=False)
    assert fast.parse_longest(text) == slow.parse_longest(text)


def test_values_and_offsets():
    d = Dictionary({"上海市": "沪", "书记": "secretary"})
    assert d.parse_longest("上海市委书记") == [(0, 3, "沪"), (4, 6, "secretary")]
    assert "上海市" in d and "上海" not in d
