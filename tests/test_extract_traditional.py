"""Traditional-character news: read one character for one as simplified, so offsets stay valid."""
from __future__ import annotations

import json
from datetime import date

from kg.extract import lexicon as L
from kg.extract.rules import RuleExtractor, simplified
from kg.ingest import make_article

SIMPLIFIED = ("国务院常务会议7日召开。国务院总理李强主持会议，审议通过《关于进一步加强市县法治建设的意见》。"
              "国家副主席韩正出席会议并讲话。江苏省委常委、苏州市委书记曹路宝，市委副书记、市长吴庆文参加会议。")
TRADITIONAL = ("國務院常務會議7日召開。國務院總理李強主持會議，審議通過《關於進一步加強市縣法治建設的意見》。"
               "國家副主席韓正出席會議並講話。江蘇省委常委、蘇州市委書記曹路寶，市委副書記、市長吳慶文參加會議。")


def _facts(text):
    art = make_article("t", "標題", text, published=date(2024, 6, 7))
    return RuleExtractor().extract(art)


def _summary(f):
    return ({(p.person, p.role) for p in f.participations}, {(h.person, h.region, h.title) for h in f.holdings},
            {(d.title, d.action) for d in f.documents}, [m.name for m in f.meetings])


def test_table_is_one_for_one():
    assert len(L.T2S_FROM) == len(L.T2S_TO) == len(set(L.T2S_FROM))
    assert simplified(TRADITIONAL) == SIMPLIFIED
    assert simplified(SIMPLIFIED) == SIMPLIFIED


def test_traditional_text_gives_the_same_facts_with_valid_evidence():
    trad, simp = _facts(TRADITIONAL), _facts(SIMPLIFIED)
    assert _summary(trad) == _summary(simp)
    assert ("李强", "chaired") in _summary(trad)[0] and ("曹路宝", "苏州市", "市委书记") in _summary(trad)[1]
    assert trad.article.text == TRADITIONAL  # the facts keep the article as given
    for p in trad.participations:
        e = p.evidence
        assert simplified(TRADITIONAL[e.start:e.end]).startswith(p.person)


def test_simplified_corpus_is_left_unchanged(shared):
    with open(shared / "corpus" / "xwlb" / "meeting_items.jsonl", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            assert simplified(text) == text
