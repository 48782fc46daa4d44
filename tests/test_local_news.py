"""Local newspaper pages (fictional, written for testing local-news conventions) against hand-made gold.

tests/data/local_pages/ + tests/gold/local_dev_gold.json (8 pages, 14 articles) and tests/data/local_test_pages/ +
tests/gold/local_test_gold.json (8 pages, 15 articles, another writer, other provinces): city, county and district
papers, written and annotated before the extractor ran on them (see each gold's ``corpus`` field). They need
nothing from ../shared, so they also run on a bare clone.
"""
from __future__ import annotations

import pytest

from kg.evaluate import score
from kg.facts import article_to_json, load_facts
from kg.pipeline import extract

from conftest import ROOT

SETS = {
    # First measured with rules 2026.11.7: .961 / .872 / .872 / .715 / .933 / .933; tuned on in 2026.11.8:
    # .970 / .933 / .940 / .819 / .933 / .933; 2026.11.9: 1.0 / 1.0 / 1.0 / .955 / 1.0.
    "local_dev": (ROOT / "tests" / "data" / "local_pages", ROOT / "tests" / "gold" / "local_dev_gold.json",
                  {"persons": 0.99, "participants": 0.99, "roles": 0.99, "posts": 0.94, "documents": 0.95,
                   "document_actions": 0.95}),
    # A second writer's pages from other provinces, never looked at while writing rules: 2026.11.7
    # .967 / .843 / .853 / .741 / .941; 2026.11.8 .978 / .854 / .863 / .885 / .941; tuned on in 2026.11.9:
    # 1.0 / 1.0 / 1.0 / .952 / 1.0.
    # 2026.11.22-.24 read 会议听取和审议了X报告 as a title starting 和审议了 (documents .971); fixed in 2026.11.25.
    "local_test": (ROOT / "tests" / "data" / "local_test_pages", ROOT / "tests" / "gold" / "local_test_gold.json",
                   {"persons": 0.99, "participants": 0.99, "roles": 0.99, "posts": 0.96, "documents": 0.99,
                    "document_actions": 0.99}),
    # A third writer (Guangdong, Hubei, Henan, Jilin, Yunnan, Hebei, Heilongjiang): 2026.11.8 .957 / .894 / .877 /
    # .861 / .941; 2026.11.9 .969 / .928 / .913 / .876 / .941 (unseen by the rules' authors); tuned on in
    # 2026.11.10: .989 / .985 / .965 / .904 / .941.
    "local_test2": (ROOT / "tests" / "data" / "local_test2_pages", ROOT / "tests" / "gold" / "local_test2_gold.json",
                    {"persons": 0.98, "participants": 0.97, "roles": 0.95, "posts": 0.89, "documents": 0.9,
                     "document_actions": 0.9}),
    # A fourth writer (Chongqing, Tianjin, Fuzhou, Hohhot, Guiyang, Lanzhou, Lhasa, a Hainan autonomous county):
    # 2026.11.9 and 2026.11.10 .949 / .808 / .791 / .913 / .957 before anyone looked at its errors; tuned on in
    # 2026.11.11: .993 / .983 / .976 / .976 / 1.0.
    "local_test3": (ROOT / "tests" / "data" / "local_test3_pages", ROOT / "tests" / "gold" / "local_test3_gold.json",
                    {"persons": 0.98, "participants": 0.97, "roles": 0.96, "posts": 0.96, "documents": 0.95,
                     "document_actions": 0.95}),
    # A fifth writer (Beijing, Shenyang, Changchun, Baoding, a Wuhu district, Yinchuan, Urumqi, a Hunan county), never
    # looked at while writing rules: 2026.11.10 .968 / .878 / .882 / .941 / .867; 2026.11.11 .982 / .950 / .949 / .963 / .867;
    # tuned on in 2026.11.13: .997 / .996 / .992 / .972 / .867.
    "local_test4": (ROOT / "tests" / "data" / "local_test4_pages", ROOT / "tests" / "gold" / "local_test4_gold.json",
                    {"persons": 0.99, "participants": 0.99, "roles": 0.98, "posts": 0.96, "documents": 0.85,
                     "document_actions": 0.85}),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_local_pages_meet_their_floors(name):
    pages, gold_path, floors = SETS[name]
    run = extract([pages], ner="none", progress=False)
    assert not run.problems, run.problems[:3]
    gold = load_facts(gold_path)
    pred = [article_to_json(f) for f in run.facts]
    assert {g["id"] for g in gold} == {p["id"] for p in pred}  # every page and article was read
    rep = score(gold, pred)
    low = {m: round(rep.scores[m].f1, 3) for m, floor in floors.items() if rep.scores[m].f1 < floor}
    assert not low, low
