"""The domain layer on parametrized Chinese edge cases (one sentence or a short article each)."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract.rules import RuleExtractor, parse_title, plausible_name
from kg.ingest import make_article


def run(text: str, *, home: str | None = None, published: date | None = date(2024, 5, 10), title: str = "标题"):
    art = make_article("t", title, text, published=published, home_region=home)
    return RuleExtractor().extract(art)


def posts(f):
    return {(h.person, h.region, h.title) for h in f.holdings if h.change != "removed"}


def roles(f):
    return {(p.person, p.role) for p in f.participations}


@pytest.mark.parametrize("raw,region_short,body,national", [
    ("上海市委副书记", "上海市", "市委副书记", False),
    ("江苏省委常委", "江苏省", "省委常委", False),
    ("内蒙古自治区党委书记", "内蒙古自治区", "自治区党委书记", False),
    ("五通桥区委书记", "五通桥区", "区委书记", False),
    ("常务副省长", None, "常务副省长", False),
    ("国务院副总理", None, "国务院副总理", True),
    ("十三届全国人大常委会委员长", None, "全国人大常委会委员长", True),
    ("市人大常委会常务副主任", None, "市人大常委会常务副主任", False),
])
def test_title_grammar(raw, region_short, body, national):
    tp = parse_title(raw)
    assert tp is not None
    assert (tp.region.name if tp.region else None) == region_short
    assert tp.body == body and tp.national == national


@pytest.mark.parametrize("raw", ["会议强调", "免去王某的部长", "有关部门负责"])
def test_not_titles(raw):
    assert parse_title(raw) is None or parse_title(raw).collective


def test_shared_prefix_distributed():
    f = run("会议在京召开。市委副书记、宣传部部长张三，市人大常委会常务副主任、党组副书记李四出席会议。", home="南通市")
    assert {("张三", "南通市", "市委副书记"), ("张三", "南通市", "市委宣传部部长"),
            ("李四", "南通市", "市人大常委会常务副主任"), ("李四", "南通市", "市人大常委会党组副书记")} <= posts(f)
    assert roles(f) >= {("张三", "attended"), ("李四", "attended")}


def test_region_shared_along_chain_and_explicit_second_region():
    f = run("座谈会10日举行。江苏省委常委、常务副省长费高云，江苏省委常委、苏州市委书记曹路宝在会上讲话。")
    assert {("费高云", "江苏省", "常务副省长"), ("曹路宝", "苏州市", "市委书记"), ("曹路宝", "江苏省", "省委常委")} <= posts(f)
    assert roles(f) >= {("费高云", "spoke"), ("曹路宝", "spoke")}


def test_implicit_region_from_home_and_from_context():
    f = run("昨天，市委书记王晖主持召开市委常委会会议。", home="南通市")
    assert posts(f) == {("王晖", "南通市", "市委书记")}
    assert [m.name for m in f.meetings] == ["南通市委常委会会议"]
    assert f.meetings[0].date == date(2024, 5, 9)
    g = run("浙江省宁波市召开会议。市委书记彭佳学出席会议。")
    assert ("彭佳学", "宁波市", "市委书记") in posts(g)


def test_titles_after_names_are_mentions_not_posts():
    f = run("会议学习了习近平总书记重要讲话精神，以及李克强总理批示精神。市长李四主持召开会议。")
    assert set(f.mentioned_not_attending) == {"习近平", "李克强"}
    assert not any(p for p in posts(f) if p[0] in ("习近平", "李克强"))
    assert ("习近平", "spoke") not in roles(f)  # 重要讲话 is a noun here


def test_name_list_after_title_and_attendance_roles():
    f = run("全国政协十四届二次会议3月7日举行。全国政协副主席胡春华、王勇、帕巴拉·格列朗杰出席会议。会议由全国政协副主席沈跃跃主持。")
    assert {("胡春华", "attended"), ("王勇", "attended"), ("帕巴拉·格列朗杰", "attended"), ("沈跃跃", "chaired")} <= roles(f)
    assert ("王勇", "中央", "全国政协副主席") in posts(f)


def test_collective_title_gives_names_without_posts():
    f = run("推进会27日举行。南通市领导吴新明、陆卫东、童剑在分会场参加会议。", home="南通市")
    assert {"吴新明", "陆卫东", "童剑"} <= {p.name for p in f.persons}
    assert not posts(f)


def test_attended_nonvoting_and_chaired_with_speech():
    f = run("省政府常务会议10日召开。省长张三主持会议并讲话，副省长李四列席会议。")
    assert roles(f) >= {("张三", "chaired"), ("张三", "spoke"), ("李四", "attended_nonvoting")}


def test_appointments_and_removals():
    f = run("会议经表决，决定免去唐一军的司法部部长职务，任命贺荣为司法部部长。")
    assert ("贺荣", "中央", "司法部部长") in posts(f)
    removed = {(h.person, h.title) for h in f.holdings if h.change == "removed"}
    assert ("唐一军", "司法部部长") in removed and {"唐一军", "贺荣"} <= {p.name for p in f.persons}


def test_documents_with_and_without_brackets():
    f = run("会议研究通过《关于甲的实施方案》《关于乙的意见》。会议经表决，通过了新修订的野生动物保护法、预备役人员法。")
    docs = {(d.title, d.action) for d in f.documents}
    assert {("关于甲的实施方案", "adopted"), ("关于乙的意见", "adopted"), ("野生动物保护法", "adopted"),
            ("预备役人员法", "adopted")} <= docs
    g = run("会议学习了中央全面依法治国委员会《关于进一步加强市县法治建设的意见》，学习了总书记重要讲话精神。")
    assert [(d.title, d.issuer, d.action) for d in g.documents] == [
        ("关于进一步加强市县法治建设的意见", "中央全面依法治国委员会", "studied")]


def test_cities_are_not_people():
    f = run("会议举行。彭佳学和无锡、常州、南通主要负责同志作交流发言。")
    names = {p.name for p in f.persons}
    assert not names & {"常州", "南通", "无锡"}


def test_line_break_inside_a_word():
    art = make_article("t", "标题", "市委书记王晖主持召开市委常委会会议，听取了安全生产情况汇报，加强精准监\n\n管执法。",
                       published=date(2022, 9, 28), home_region="南通市")
    f = RuleExtractor().extract(art)
    (h,) = f.holdings
    assert art.text[h.evidence.start:h.evidence.end].startswith("市委书记王晖")
    assert len(f.sentences) == 1


def test_inspection_is_an_event_with_escorts_and_pronoun_speech():
    f = run("5月7日，国务院副总理丁薛祥在辽宁大连调研，并在沈阳主持召开座谈会。他强调，要深化改革。何立峰陪同调研。")
    assert roles(f) >= {("丁薛祥", "chaired"), ("丁薛祥", "spoke"), ("何立峰", "attended")}


@pytest.mark.parametrize("name,ok", [("王晖", True), ("诸葛宇杰", True), ("常州", False), ("会议", False),
                                     ("穆铁礼甫·哈斯木", True), ("职务", False)])
def test_plausible_names(name, ok):
    assert plausible_name(name) == ok or plausible_name(name, True) == ok


@pytest.mark.parametrize("text", ["", "。", "x" * 1000, "《", "》》《《", "记者", "任命为", "市委书记", "\u202e\u0000\n\n"])
def test_never_crashes(text):
    run(text)


def test_party_appointments_with_distributed_ranks():
    f = run("日前，中共中央决定：\n袁家军同志不再兼任浙江省委书记、常委、委员职务；\n"
            "易炼红同志任浙江省委委员、常委、书记，不再担任江西省委书记、常委、委员职务；")
    assert {("易炼红", "浙江省", "省委委员"), ("易炼红", "浙江省", "省委常委"), ("易炼红", "浙江省", "省委书记")} <= posts(f)
    removed = {(h.person, h.region, h.title) for h in f.holdings if h.change == "removed"}
    assert {("袁家军", "浙江省", "省委书记"), ("易炼红", "江西省", "省委书记")} <= removed
    assert {p.name for p in f.persons} == {"袁家军", "易炼红"}


def test_organ_tails_are_not_names():
    f = run("全国政协主席会议26日召开。中共中央政治局常委、全国政协主席汪洋主持会议。")
    assert {p.name for p in f.persons} == {"汪洋"}


def test_city_paper_on_a_district_meeting_takes_the_region_from_the_headline():
    art = make_article("t", "崇川区召开区委常委会会议", "昨天，区委书记陈九主持召开区委常委会会议。区委副书记、区长郑十，区委常委、"
                       "常务副区长冯一等参加会议。", published=date(2023, 6, 26), home_region="南通市")
    f = RuleExtractor().extract(art)
    assert [m.name for m in f.meetings] == ["崇川区委常委会会议"]
    assert {("陈九", "崇川区", "区委书记"), ("郑十", "崇川区", "区长"), ("冯一", "崇川区", "常务副区长")} <= posts(f)


def test_reports_on_a_topic():
    f = run("市政府常务会议25日召开。副市长王小明就城市更新工作作了说明。市人大常委会副主任钱七列席会议。", home="南通市")
    assert roles(f) >= {("王小明", "reported"), ("钱七", "attended_nonvoting")}
