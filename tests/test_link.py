"""Cross-article identity: one node when posts and regions are compatible, two when they are not."""
from __future__ import annotations

from datetime import date

from kg.extract.rules import RuleExtractor
from kg.ingest import make_article
from kg.link import link_persons


def facts(aid: str, text: str, home: str | None = None):
    return RuleExtractor().extract(make_article(aid, aid, text, published=date(2024, 1, 5), home_region=home))


def test_same_name_same_province_merges_and_is_recorded():
    a = facts("a", "会议召开。南通市委书记王晖主持会议。")
    b = facts("b", "会议召开。市委书记王晖出席会议。", home="南通市")
    c = facts("c", "会议召开。王晖指出，要抓好落实。南通市委书记王晖出席。")
    ids = link_persons([a, b, c])
    assert ids[("a", "王晖")] == ids[("b", "王晖")] == ids[("c", "王晖")]
    assert ids[("a", "王晖")].merged_from == ("a", "b", "c")


def test_same_name_in_different_provinces_stays_apart():
    a = facts("a", "会议召开。南通市委书记王晖主持会议。")
    b = facts("b", "会议召开。四川省委常委王晖出席会议。")
    ids = link_persons([a, b])
    assert ids[("a", "王晖")].key != ids[("b", "王晖")].key


def test_bare_mention_joins_only_an_unambiguous_person():
    a = facts("a", "会议召开。南通市委书记王晖主持会议。")
    b = facts("b", "会议召开。四川省委常委王晖出席会议。")
    bare = facts("c", "会议召开。南通市委书记李四主持会议，王晖出席会议。")
    ids = link_persons([a, b, bare])
    assert ids[("c", "王晖")].key not in {ids[("a", "王晖")].key, ids[("b", "王晖")].key}
    ids2 = link_persons([a, bare])
    assert ids2[("c", "王晖")] == ids2[("a", "王晖")]


def test_keys_are_deterministic():
    a = facts("a", "会议召开。南通市委书记王晖主持会议。")
    assert link_persons([a]) == link_persons([a])
