"""End-to-end extraction on the founding sample page: the real facts, and the gold scores."""
from __future__ import annotations

from datetime import date

from kg.evaluate import score
from kg.facts import article_to_json, load_facts


def _by_title(facts, prefix):
    return next(f for f in facts if f.article.title.startswith(prefix))


def test_three_articles_with_metadata(sample_facts):
    assert [f.article.id for f in sample_facts] == [f"000_e09f6986fa33b3c1#{i}" for i in (1, 2, 3)]
    a = sample_facts[0].article
    assert a.published == date(2022, 9, 28) and a.source == "南通晚报" and a.home_region == "南通市"


def test_metropolitan_circle_meeting(sample_facts):
    f = _by_title(sample_facts, "上海大都市圈")
    (m,) = f.meetings
    assert m.name == "上海大都市圈空间协同规划实施推进会" and m.date == date(2022, 9, 27)
    roles = {(p.person, p.role) for p in f.participations}
    assert {("李强", "attended"), ("李强", "spoke"), ("龚正", "reported"), ("吴清", "chaired"),
            ("王晖", "spoke"), ("诸葛宇杰", "attended"), ("凌屹", "attended")} <= roles
    posts = {(h.person, h.region, h.title) for h in f.holdings}
    assert ("龚正", "上海市", "市委副书记") in posts and ("龚正", "上海市", "市长") in posts  # shared prefix
    assert ("费高云", "江苏省", "常务副省长") in posts  # region shared along the 、 chain
    assert ("曹路宝", "苏州市", "市委书记") in posts and ("曹路宝", "江苏省", "省委常委") in posts
    assert f.mentioned_not_attending == ("习近平",)
    assert not any(p.person in ("常州", "南通") for p in f.participations)  # city names are not people
    (circle,) = f.circles
    assert circle.core == "上海市" and len(circle.members) == 8


def test_implicit_region_and_body(sample_facts):
    f = _by_title(sample_facts, "王晖主持召开市委常委会会议")
    assert [m.name for m in f.meetings] == ["南通市委常委会会议"]  # 市委 resolved from the home region
    assert f.meetings[0].date == date(2022, 9, 27)  # 昨天 against 2022-09-28
    assert {(h.person, h.region, h.title) for h in f.holdings} == {("王晖", "南通市", "市委书记")}
    (d,) = f.documents
    assert (d.title, d.action, d.issuer) == ("关于进一步加强市县法治建设的意见", "studied", "中央全面依法治国委员会")
    assert [r.name for r in f.reporters] == ["朱文君"]
    assert set(f.mentioned_not_attending) == {"习近平", "李克强"}


def test_distributed_prefixes_and_documents(sample_facts):
    f = _by_title(sample_facts, "王晖主持召开市委全面深化改革委员会")
    assert [m.name for m in f.meetings] == ["南通市委全面深化改革委员会第二十六次会议"]
    posts = {(h.person, h.title) for h in f.holdings}
    assert ("庄中秋", "市人大常委会党组副书记") in posts and ("沈雷", "市委宣传部部长") in posts
    assert {p.person for p in f.participations if p.role == "attended"} == {"吴新明", "黄巍东", "庄中秋", "沈雷"}
    assert [(d.action, d.meeting) for d in f.documents] == [("adopted", "m1")] * 3


def test_evidence_points_at_the_source_text(sample_facts):
    for f in sample_facts:
        text = f.article.text
        for h in f.holdings:
            assert h.person in text[h.evidence.start:h.evidence.end]
            s = f.sentences[h.evidence.sentence]
            assert s.start <= h.evidence.start < h.evidence.end <= s.end


def test_scores_against_gold(sample_facts, shared):
    gold = load_facts(shared / "gold" / "seed_gold.json")
    rep = score(gold, [article_to_json(f) for f in sample_facts])
    bars = {"persons": 0.98, "participants": 0.95, "roles": 0.92, "posts": 0.95, "documents": 1.0,
            "document_actions": 0.90}
    for metric, bar in bars.items():
        assert rep.scores[metric].f1 >= bar, (metric, rep.scores[metric].f1, rep.errors)
