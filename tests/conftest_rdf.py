"""Hand-built ArticleFacts for the RDF-layer tests (no extractor needed).

Mirrors the sample page ``data/samples/000_e09f6986fa33b3c1.txt`` and ``shared/gold/seed_gold.json``:
three articles of 南通晚报 (2022-09-28, home region 南通市), plus a synthetic appointment
article and a hostile-text article. Offsets are real offsets into ``Article.text``.

Import with ``from conftest_rdf import ...`` (pytest puts ``tests/`` on ``sys.path``).
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kg.model import (
    Article,
    ArticleFacts,
    DocumentAction,
    Evidence,
    Holding,
    Meeting,
    MetropolitanCircle,
    Participation,
    PersonIdentity,
    PersonMention,
    RegionMention,
    Sentence,
)

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "000_e09f6986fa33b3c1.txt"
PUBLISHED = date(2022, 9, 28)
MEETING_DAY = date(2022, 9, 27)


def _split_page(page: str) -> list[tuple[str, str]]:
    """(title, body) for each '#'/'##' heading of the sample page."""
    parts = re.split(r"^#{1,2} (.+)$", page, flags=re.M)
    out = []
    for i in range(1, len(parts), 2):
        out.append((parts[i].strip(), parts[i + 1].strip("\n")))
    return out


def make_article(aid: str, title: str, text: str, **kw) -> Article:
    return Article(id=aid, title=title, text=text, clean=text, clean_to_text=tuple(range(len(text))), **kw)


def sentences_of(article: Article) -> tuple[Sentence, ...]:
    out = []
    for m in re.finditer(r"[^。！？\n]+[。！？]?", article.text):
        if m.group().strip():
            out.append(Sentence(article.id, len(out), m.start(), m.end(), m.group()))
    return tuple(out)


class Ev:
    """Evidence helper: ``ev('李强')`` -> Evidence of the first occurrence (after ``after``)."""

    def __init__(self, article: Article, sentences: tuple[Sentence, ...]) -> None:
        self.a, self.s = article, sentences

    def __call__(self, needle: str, after: str = "", method: str = "rules") -> Evidence:
        base = self.a.text.index(after) if after else 0
        start = self.a.text.index(needle, base)
        end = start + len(needle)
        sent = next(s for s in self.s if s.start <= start < s.end)
        return Evidence(sent.index, start, end, method)


def _meta() -> dict:
    return dict(published=PUBLISHED, source="南通晚报", home_region="南通市")


def article_a1(title: str, text: str) -> ArticleFacts:
    a = make_article("a1", title, text, url="https://example.org/wb/2022-09-28.html?p=1&q=<x>", **_meta())
    s = sentences_of(a)
    ev = Ev(a, s)
    m = Meeting("m1", "上海大都市圈空间协同规划实施推进会", MEETING_DAY, ev("上海大都市圈空间协同规划实施推进会"))
    parts = [
        ("李强", "attended", "上海市委书记李强"), ("李强", "spoke", "上海市委书记李强"),
        ("龚正", "reported", ""), ("费高云", "spoke", ""), ("徐文光", "spoke", ""),
        ("曹路宝", "spoke", ""), ("彭佳学", "spoke", ""), ("王晖", "spoke", "南通市委书记王晖"),
        ("诸葛宇杰", "attended", ""), ("朱芝松", "attended", ""), ("陈金山", "attended", ""),
        ("吴清", "chaired", ""), ("吴新明", "attended", "南通市领导"), ("陆卫东", "attended", ""),
        ("王洪涛", "attended", ""), ("童剑", "attended", ""), ("凌屹", "attended", ""),
    ]
    participations = tuple(
        Participation(name, role, "m1", ev(name, after=after)) for name, role, after in parts
    )
    posts = [
        ("李强", "上海市", "市委书记"), ("龚正", "上海市", "市委副书记"), ("龚正", "上海市", "市长"),
        ("费高云", "江苏省", "省委常委"), ("费高云", "江苏省", "常务副省长"),
        ("徐文光", "浙江省", "省委常委"), ("徐文光", "浙江省", "常务副省长"),
        ("曹路宝", "江苏省", "省委常委"), ("曹路宝", "苏州市", "市委书记"),
        ("彭佳学", "浙江省", "省委常委"), ("彭佳学", "宁波市", "市委书记"),
        ("吴清", "上海市", "市委常委"), ("吴清", "上海市", "常务副市长"), ("王晖", "南通市", "市委书记"),
    ]
    holdings = tuple(Holding(p, r, t, ev(p)) for p, r, t in posts)
    names = dict.fromkeys([p for p, _r, _t in posts] + [p for p, _r, _a in parts])
    persons = tuple(PersonMention(n, ev(n)) for n in names) + (PersonMention("习近平", ev("习近平")),)
    region_names = ["上海市", "江苏省", "浙江省", "苏州市", "宁波市", "南京市", "杭州市"]
    codes = {"上海市": "310000", "江苏省": "320000", "浙江省": "330000", "苏州市": "320500",
             "宁波市": None, "南京市": None, "杭州市": None}
    regions_ = tuple(RegionMention(r, codes[r], ev(r[:2])) for r in region_names)
    circle = MetropolitanCircle(
        "上海大都市圈", "上海市",
        ("苏州市", "无锡市", "常州市", "南通市", "嘉兴市", "宁波市", "舟山市", "湖州市"),
        ev("上海大都市圈建设是上海与周边8个城市的“大合唱”"),
    )
    return ArticleFacts(a, s, persons=persons, regions=regions_, holdings=holdings, meetings=(m,),
                        participations=participations, mentioned_not_attending=("习近平",),
                        circles=(circle,))


def article_a2(title: str, text: str) -> ArticleFacts:
    a = make_article("a2", title, text, **_meta())
    s = sentences_of(a)
    ev = Ev(a, s)
    m = Meeting("m1", "南通市委常委会会议", MEETING_DAY, ev("市委常委会会议"), organizer="南通市委")
    doc = DocumentAction("关于进一步加强市县法治建设的意见", "studied", "m1", "中央全面依法治国委员会",
                         ev("中央全面依法治国委员会《关于进一步加强市县法治建设的意见》"))
    return ArticleFacts(
        a, s,
        persons=(PersonMention("王晖", ev("王晖")), PersonMention("习近平", ev("习近平")),
                 PersonMention("李克强", ev("李克强"))),
        regions=(RegionMention("南通市", "320600", ev("市委书记")),),
        holdings=(Holding("王晖", "南通市", "市委书记", ev("市委书记王晖")),),
        meetings=(m,),
        participations=(Participation("王晖", "chaired", "m1", ev("王晖", method="hanlp:test-ner")),),
        documents=(doc,),
        mentioned_not_attending=("习近平", "李克强"),
        reporters=(PersonMention("朱文君", ev("朱文君")),),
    )


def article_a3(title: str, text: str) -> ArticleFacts:
    a = make_article("a3", title, text, **_meta())
    s = sentences_of(a)
    ev = Ev(a, s)
    name = "南通市委全面深化改革委员会第二十六次会议"
    m = Meeting("m1", name, MEETING_DAY, ev("委员会第二十六次会议"), organizer="南通市委全面深化改革委员会")
    people = ["王晖", "吴新明", "黄巍东", "庄中秋", "沈雷"]
    parts = tuple(Participation(p, "chaired" if p == "王晖" else "attended", "m1", ev(p)) for p in people)
    posts = [("王晖", "市委书记"), ("王晖", "市委全面深化改革委员会主任"), ("吴新明", "市委副书记"),
             ("吴新明", "市长"), ("黄巍东", "市政协主席"), ("庄中秋", "市人大常委会常务副主任"),
             ("庄中秋", "市人大常委会党组副书记"), ("沈雷", "市委副书记"), ("沈雷", "市委宣传部部长")]
    holdings = tuple(Holding(p, "南通市", t, ev(p)) for p, t in posts)
    docs = tuple(
        DocumentAction(t, "adopted", "m1", None, ev(f"《{t}》"))
        for t in ("关于推进医疗保障基金监管制度体系改革的实施方案", "关于促进中医药传承创新发展的实施方案",
                  "关于深化市场监管综合行政执法改革的实施方案")
    )
    return ArticleFacts(
        a, s, persons=tuple(PersonMention(p, ev(p)) for p in people),
        regions=(RegionMention("南通市", None, ev("南通中医药")),),
        holdings=holdings, meetings=(m,), participations=parts, documents=docs,
        reporters=(PersonMention("朱文君", ev("朱文君")),),
    )


def sample_facts() -> list[ArticleFacts]:
    """The three articles of the sample page."""
    (t1, b1), (t2, b2), (t3, b3) = _split_page(SAMPLE.read_text(encoding="utf-8"))
    return [article_a1(t1, b1), article_a2(t2, b2), article_a3(t3, b3)]


def appointment_facts() -> ArticleFacts:
    """Synthetic: an appointment (valid time) and a removal."""
    text = "南通市人大常委会举行会议，决定任命周明远为南通市副市长。会议决定免去林晓东的南通市副市长职务。"
    a = make_article("a4", "南通市人大常委会举行会议", text, published=date(2022, 10, 20),
                     source="南通晚报", home_region="南通市")
    s = sentences_of(a)
    ev = Ev(a, s)
    return ArticleFacts(
        a, s,
        persons=(PersonMention("周明远", ev("周明远")), PersonMention("林晓东", ev("林晓东"))),
        holdings=(Holding("周明远", "南通市", "副市长", ev("任命周明远为南通市副市长"), change="appointed"),
                  Holding("林晓东", "南通市", "副市长", ev("免去林晓东的南通市副市长职务"), change="removed")),
    )


HOSTILE_NAME = 'X<script>alert("x")</script>"""\\'
HOSTILE_TEXT = (
    '<script>alert(1)</script> 他说："""引号""" \\n 反斜杠\\ \x00\x01\x07\x0b\x0c\x1b\x7f 控制符\r\n'
    f"\t制表\u2028\u2029\ufeff {HOSTILE_NAME}出席会议并讲话。第二句 ' \" ''' @prefix x: <y> . }}{{ 结束。"
)


def hostile_facts() -> ArticleFacts:
    """Names, titles, meeting names and sentences full of markup, quotes and control characters."""
    a = make_article('h"1<>\\', 'title <b>"""\\\x1b', HOSTILE_TEXT, published=PUBLISHED,
                     source='源"""\\', url='javascript:alert("x")', home_region="南通市")
    s = sentences_of(a)
    ev = Ev(a, s)
    m = Meeting("m1", '会议<script>"""\\\x07', MEETING_DAY, ev("出席会议"), organizer='南通市委"<x>')
    return ArticleFacts(
        a, s,
        persons=(PersonMention(HOSTILE_NAME, ev(HOSTILE_NAME)),),
        holdings=(Holding(HOSTILE_NAME, "南通市", '市委"书记"<i>\\', ev(HOSTILE_NAME)),
                  Holding(HOSTILE_NAME, '不存在"区', "区长", ev(HOSTILE_NAME))),
        meetings=(m,),
        participations=(Participation(HOSTILE_NAME, "spoke", "m1", ev(HOSTILE_NAME, method='hanlp:"x"\\')),),
        documents=(DocumentAction('文件"""<>\\', "issued", "m1", '机构"\\', ev("第二句")),),
        reporters=(PersonMention('记者"\\', ev("结束")),),
    )


def sample_identities(facts: list[ArticleFacts]) -> dict[tuple[str, str], PersonIdentity]:
    """王晖 linked across a1-a3 under one identity; everybody else falls back to the name key."""
    wang = PersonIdentity("wanghui-320600", "王晖", "南通市", ("a1", "a2", "a3"))
    return {(f.article.id, "王晖"): wang for f in facts}
