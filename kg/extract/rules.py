"""The domain layer: people, posts, roles, meetings, documents and reporters from Chinese news.

HanLP supplies the tries (``hanlp_trie.Trie``, accelerated by :mod:`kg.extract.dictionary`) that every
dictionary lookup here runs on and,
when a model is configured, the statistical person mentions (:mod:`kg.extract.hanlp_ner`).
The grammar of official titles and the participation cues are our own, because none of HanLP's
NER tag sets has a job-title type.

Work per article::

    segment -> chunks (split at 、，：() ...) -> title chains + names (pass 1)
            -> article name dictionary -> person mentions (pass 2)
            -> roles (cue after each person group) -> meetings, documents, reporters, regions
"""
from __future__ import annotations

import bisect
import dataclasses
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence


from .. import regions as R
from ..model import (Article, ArticleFacts, DocumentAction, Evidence, Holding, Meeting, MetropolitanCircle,
                     Participation, PersonMention, RegionMention, Sentence)
from ..segment import segment
from . import lexicon as L
from .dictionary import Dictionary

RULES_VERSION = "2026.11.30"


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    return str.maketrans(L.T2S_FROM, L.T2S_TO)


def simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones, one for one (same length)."""
    return text.translate(_t2s_table())


def to_simplified(article: Article) -> Article:
    """The article with its title and text in simplified characters (the same object if nothing changes)."""
    text, clean, title = simplified(article.text), simplified(article.clean), simplified(article.title)
    if text == article.text and clean == article.clean and title == article.title:
        return article
    return dataclasses.replace(article, text=text, clean=clean, title=title)


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """Hash of the extraction code and word lists: part of the facts-cache key, so edits never read stale facts.

    Computed once per process: it stands for the code this process has loaded, so files edited
    while a build runs neither change its cache key midway nor cost a re-read on every call.
    """
    import hashlib

    here = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=8)
    for path in sorted([*here.glob("*.py"), here.parent / "regions.py", here.parent / "segment.py",
                        here.parent / "ingest.py", here.parent / "model.py", here.parent / "data" / "circles.json",
                        here.parent / "data" / "division_updates.tsv"]):
        if path.exists():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()

#: How far back a paragraph is read for an earlier speech verb (news paragraphs are far shorter).
_PARA_WINDOW = 2000
_CHUNK_DELIMS = set("、，,；;：:（）()“”\"《》〈〉 \t\n\u3000。！？!?「」『』【】〔〕[]<>\ufffd")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# 刚果（布）总统萨苏: the brackets inside the two Congos' names do not end a chunk
_CHUNK_RE = re.compile("(?:[^" + re.escape("".join(sorted(_CHUNK_DELIMS))) + "]|(?<=刚果)（[金布]）)+")
_LAST_CHUNKS: list = [None]  # [(text, its chunks)]: RuleExtractor._chunks of the last sentence
_SESSION = re.compile(r"^(?:第?[一二三四五六七八九十百零〇]+届)")
_DATE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日|(昨天|昨日|今天|今日|前天|明天)")
_MINORITY_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·•・．][\u4e00-\u9fff]{1,10})+")
_REPORTER = re.compile(r"(?:记者|通讯员)[\s　:：]*((?:[\u4e00-\u9fff·]{2,6}[\s　、,，]*){1,4})")
_ORG_AFTER_REGION = ("大学", "学院", "银行", "日报", "晚报", "电视台", "集团", "公司", "医院", "中学", "小学", "海关",
                     "大都市圈", "都市圈", "自由贸易试验区", "自贸试验区", "自由贸易港")

# Words that may follow a person's name (besides the end of a chunk).
_FOLLOW = tuple(L.ROLE_CUES) + L.HONORIFICS + (
    "主持召开", "在", "和", "及", "以及", "与", "等", "作", "就", "对", "向", "为", "也", "还", "率", "一行", "到", "赴",
    "前往", "来", "会见", "会谈", "考察", "调研", "看望", "慰问", "出访", "的", "是", "说", "分别", "代表", "带领",
    "介绍", "听取", "任", "担任", "出任", "被", "于", "今天", "昨天", "专程", "深入", "应邀", "一同", "先后", "同",
    "视察", "签署", "发表", "致", "要求", "希望", "提出", "回答", "接受", "将", "已", "当选", "主持", "召开", "所作",
    "作出", "同志", "常委", "委员", "围绕", "依次", "共同", "亲切", "邀请", "夫妇", "夫人", "讲述", "先期", "带队", "率队", "带领", "视频", "书面", "检查", "督查", "督导", "日前", "近日", "此前", "随后", "当天", "上午", "下午", "晚上", "在京", "抵达", "结束", "出发", "结合", "关于", "受",
    "发来", "复信", "回信", "以视频", "访问", "访华",
)

# A well-known few, as HanLP dictionary forcing would add them: national leaders named without a
# title in running text (习近平、李强 …).
KNOWN_LEADERS = ("习近平", "李强", "赵乐际", "王沪宁", "蔡奇", "丁薛祥", "李希", "韩正", "李克强", "栗战书", "汪洋",
                 "王岐山")


@lru_cache(maxsize=1)
def _region_names() -> frozenset[str]:
    """Full and short names of regions: never person names (常州, 南通)."""
    names = set()
    for r in R.all_regions():
        names.add(r.name)
        names.add(r.short)
    return frozenset(names)


def _trie(words: Iterable[str]) -> Dictionary:
    return Dictionary({w: w for w in words})


@lru_cache(maxsize=1)
def _tries() -> dict[str, Dictionary]:
    return {
        "rank": _trie(L.RANKS),
        "foreign_rank": _trie(L.FOREIGN_RANKS + L.ROYAL_STYLES + L.FAMILY_STYLES),
        "cue": _trie(L.ROLE_CUES),
        "follow": _trie(_FOLLOW),
        "meeting": _trie(L.MEETING_SUFFIXES),
        "honorific": _trie(("总书记", "主席", "总理", "委员长", "副委员长", "副总理", "副主席", "国务委员", "同志", "副省长", "副市长")),
    }


_WORD_SETS: dict[int, tuple[Sequence[str], frozenset[str], tuple[int, ...], frozenset[str], frozenset[str]]] = {}


def _as_set(words: Sequence[str]) -> tuple[Sequence[str], frozenset[str], tuple[int, ...], frozenset[str], frozenset[str]]:
    """The word list as (list, set, its word lengths longest first, first characters, last characters), cached
    by identity: hashing a long tuple on every call (as lru_cache did) cost more than the lookups. The entry
    keeps its list alive, so an id is never reused while cached."""
    e = _WORD_SETS.get(id(words))
    if e is not None and e[0] is words:
        return e
    if len(_WORD_SETS) >= 256:
        _WORD_SETS.clear()  # (lists built on the fly are cached too; they must not pile up)
    ws = frozenset(words)
    e = (words, ws, tuple(sorted({len(w) for w in ws if w}, reverse=True)),
         frozenset(w[0] for w in ws if w), frozenset(w[-1] for w in ws if w))
    _WORD_SETS[id(words)] = e
    return e


def _starts_with_any(text: str, words: Sequence[str]) -> Optional[str]:
    """The longest of ``words`` that ``text`` starts with."""
    e = _as_set(words)
    if not text or text[0] not in e[3]:
        return None
    ws = e[1]
    size = len(text)
    for n in e[2]:
        if n <= size and text[:n] in ws:
            return text[:n]
    return None


def _ends_with_any(text: str, words: Sequence[str]) -> Optional[str]:
    """The longest of ``words`` that ``text`` ends with."""
    e = _as_set(words)
    if not text or text[-1] not in e[4]:
        return None
    ws = e[1]
    size = len(text)
    for n in e[2]:
        if n <= size and text[-n:] in ws:
            return text[-n:]
    return None


# ---------------------------------------------------------------------------------------- names

_COMPOUND_SURNAME_SET = frozenset(L.COMPOUND_SURNAMES)  # (membership tests; the lexicon keeps a tuple)
_BYLINE_WORDS = ("报道", "摄影", "摄", "文", "图", "实习生", "见习", "特约", "通讯员", "记者", "发")


def _byline_name(name: str, text: str, start: int, end: int) -> bool:
    """A token of a bracketed byline set off by spaces or the closing bracket (（记者 其木格 通讯员 刘佳）,
    （记者 德吉）): a name although it starts with no surname (Mongolian, Tibetan names)."""
    opened = text.rfind("（", max(0, start - 16), start)
    return (opened >= 0 and "）" not in text[opened:start] and 2 <= len(name) <= 4
            and re.match(r"[\s　、，,]|[）)]", text[end:end + 1]) is not None
            and not name.endswith(_BYLINE_WORDS) and not name.startswith(_BYLINE_WORDS)
            and not any(c in _NON_NAME_CHARS for c in name) and name not in _NAME_STOP
            and not R.find_mentions(name) and not _tries()["rank"].parse_longest(name))


def name_ends(text: str, i: int, limit: int) -> list[int]:
    """Possible ends of a person name starting at ``text[i]`` (longest first)."""
    ends: list[int] = []
    m = _MINORITY_NAME.match(text, i, limit)
    if m and any(c in _NON_NAME_CHARS or c in "主任长员书记" for c in m.group(0)[: m.group(0).find("·") if "·" in m.group(0) else 8]):
        m = None  # 会主任祖木热提·吾布力: a title ran into the name
    if m:
        last_dot = max(m.group(0).rfind(c) for c in "·•・．") + i
        # 帕巴拉·格列朗杰出席会议: the name ends where a follow word starts, not at the end of the run
        inner = [e for e in range(last_dot + 2, m.end()) if starts_with_word(text, e, "follow")
                 and not (text[e] == "提" and starts_with_word(text, e + 1, "follow"))]  # 买买提出席: 提 ends the name
        ends.extend(inner[:1] or [m.end()])
    sur = 2 if text[i:i + 2] in _COMPOUND_SURNAME_SET else (1 if text[i:i + 1] in L.SURNAMES else 0)
    if not sur:
        return ends
    for given in (2, 1):
        e = i + sur + given
        if e > limit or text[i:e] in _region_names():
            continue
        g = text[i + sur:e]
        if all(_CJK.match(c) and (c not in L.NOT_GIVEN or (k == 0 and given == 2 and c in L.GIVEN_FIRST_OK)
                                  or (k == given - 1 and e == limit and c == "和")
                                  or (k == 0 and given == 2 and c == "日" and _ri_in_given_name(text, i, e)))
               and c not in "省市区县委党府部局厅院" for k, c in enumerate(g)):
            ends.append(e)
    return ends


def _ri_in_given_name(text: str, i: int, e: int) -> bool:
    """乌日娜, 那日苏: 日 inside a (Mongolian) given name, not a time word (周日上午, 明日起, 连日来, 平日里)."""
    return text[i] not in "周明连平白原每" and text[e - 1] not in "前内后起上下常里夜间益晚早"


_DATE_LEAD = re.compile(r"(?:\d{2,4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚上|晚间)?(?<=[年月日午上间])")
_DATE_AFTER = re.compile(r"(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日")


_REVOKED = re.compile(r"(?:撤销|免去|接受)了?((?:[\u4e00-\u9fff]{2,3}、){0,8}[\u4e00-\u9fff]{2,3}?)(?:同志)?"
                      r"(?=政协第|第[一二三四五六七八九十]+届|[一二三四五六七八九十]+届|全国|辞去|的)")
_VERB_WORDS = {"学习", "实习", "练习", "复习", "补习", "见习", "研习"}
_ORGAN_NAMES = set(L.NATIONAL_PREFIXES) | set(L.COUNTRIES) | {
    "政协", "人大", "全国政协", "全国人大", "国务院", "国政协", "政府", "工商联", "商联", "主席团", "委员会", "全国文联",
    "全国侨联", "中国文联", "中国侨联", "中国作协", "文联", "侨联", "作协", "国家"}
_NAME_STOP = {"有关", "负责", "同志", "代表", "委员", "常委", "群众", "干部", "领导", "全体", "各位", "大家", "企业",
              "我们", "他们", "双方", "两国", "中方", "会议", "会上", "期间", "其中", "以及", "应邀", "应约", "来自",
              "随同", "共同", "同时", "随后", "届时", "当天", "此前", "目前", "近日", "日前", "全国", "国家", "地方",
              "职务", "职位", "常务", "执行", "围绕", "担任", "出任", "兼任", "继续", "班子", "成员", "有效", "有力", "高度", "严格", "安全", "发展", "经济", "社会", "文化", "生态", "和平", "合作", "方案",
              "民革", "民盟", "民建", "民进", "农工党", "致公党", "台盟", "九三学社", "先生", "女士", "阁下", "名单", "人选", "强调", "强化", "明确", "祝贺"} | set(L.COUNTRIES)
_NON_NAME_CHARS = set("省市县区委部厅局院会党府办署处室组团队校司社台网族")
_NON_NAME_OR_NOT_GIVEN = frozenset(_NON_NAME_CHARS | L.NOT_GIVEN)  # (a cheap test before the character loop)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_AGENCIES = frozenset(("路透社", "韩联社", "安莎社", "共同社", "塔斯社", "美联社", "法新社", "合众社", "埃菲社", "俄新社",
                       "时事社", "俄通社", "中新社", "朝中社", "越通社", "柬埔寨社", "合作社", "旅行社", "出版社"))


@lru_cache(maxsize=1)
def _word_sets() -> dict[str, tuple[frozenset[str], int, frozenset[str]]]:
    """Word sets for prefix tests at one position (faster than a trie scan for a single offset)."""
    def ws(words):
        return frozenset(words), max(map(len, words)), frozenset(w[0] for w in words if w)
    return {"follow": ws(_FOLLOW), "cue": ws(tuple(L.ROLE_CUES))}


def starts_with_word(text: str, pos: int, kind: str) -> Optional[str]:
    """The longest word of set ``kind`` ('follow' | 'cue') starting at ``text[pos]``, if any."""
    words, longest, firsts = _word_sets()[kind]
    if pos >= 0 and text[pos:pos + 1] not in firsts:
        return None  # (no word starts with this character, or the text ends here)
    for n in range(min(longest, len(text) - pos), 0, -1):
        w = text[pos:pos + n]
        if w in words:
            return w
    return None


@lru_cache(maxsize=65536)
def plausible_name(s: str, lenient: bool = False) -> bool:
    """Does ``s`` look like a whole person name (for list members whose boundaries are given)?"""
    if _MINORITY_NAME.fullmatch(s):
        return True
    if not 2 <= len(s) <= 4 or _CJK_RUN.fullmatch(s) is None or s in _region_names() or s in _NAME_STOP:
        return False
    if not _NON_NAME_OR_NOT_GIVEN.isdisjoint(s[1:]) and any((c in _NON_NAME_CHARS or c in L.NOT_GIVEN)
           and not (k == 1 and len(s) == 3 and c in L.GIVEN_FIRST_OK and s[0] in L.SURNAMES)
           and not (lenient and k == 2 and len(s) == 3 and c == "和" and s[0] in L.SURNAMES)  # 魏凤和 bounded by 、
           and not (lenient and k == 2 and len(s) == 3 and c == "社" and s[0] in L.SURNAMES
                    and s not in _AGENCIES)  # 户思社 bounded by 、 (not 路透社, 韩联社)
           for k, c in enumerate(s[1:], 1)):
        return False
    if s[:2] in _COMPOUND_SURNAME_SET:
        return len(s) >= 3
    if len(s) == 4 and not lenient:
        return False
    if lenient and (_tries()["rank"].parse_longest(s) or any(
            a == 0 or len(s) != 3 or s[0] not in L.SURNAMES for a, _, _ in R.find_mentions(s))):
        return False  # (徐南平: a surname and a given name that is also a place's)
    if lenient and s[0] not in L.SURNAMES and (s[-1] in "家者们员人士界" or s.startswith(("特邀", "兼"))
                                               or _starts_with_any(s, L.NATIONAL_PREFIXES)):
        return False  # 企业家, 科学家, 工作者, 工商界
    if lenient and (starts_with_word(s, 0, "cue") or any(starts_with_word(s, i, "cue") for i in range(2, len(s)))):
        return False  # 邵鸿参加: a name does not end with a cue word
    return s[0] in L.SURNAMES or (lenient and s[0] == "向" and len(s) <= 3) or (
        lenient and s[0] not in L.NOT_GIVEN and s[0] not in _NON_NAME_CHARS and s[0] not in L.NOT_NAME_START)


_ORDER_NOTE = re.compile(r"[（(]按(?:姓氏)?(?:笔画|笔划|拼音|音序)[^）)]{0,8}[）)]")  # 丁某、王某（按姓氏笔画为序）出席


def _follows_ok(text: str, e: int, limit: int) -> bool:
    if e >= limit:
        return True
    if text[e] in "（(" and _ORDER_NOTE.match(text, e):
        return True
    if _DATE_AFTER.match(text, e, limit):
        return True
    return starts_with_word(text, e, "follow") is not None


_AFTER_ZUO = re.compile(r"了?(?:专题|主题|辅导|报告|说明|汇报|交流|发言|讲话|重要|主旨|书面|大会|工作|情况|典型|表态|起草|开班|讲解|动员)")


def name_at(text: str, i: int, limit: int, known: Optional[set[str]] = None) -> Optional[int]:
    """End of the name starting at ``i`` if one is there and is followed by a name boundary."""
    ends = name_ends(text, i, limit)
    if known:
        for e in ends:
            if text[i:e] in known and _follows_ok(text, e, limit):
                return e
    for e in ends:
        if text[e - 1] == "作" and text[e:e + 1] in ("的", "了") or text[e - 1:e + 2] == "作关于":
            continue  # 黄明作的关于…报告: 作 is the verb
        if e - i == 3 and text[e - 1] == "作" and (starts_with_word(text, e, "follow") or _AFTER_ZUO.match(text, e, limit)):
            continue  # 陈刚作交流发言, 李平作专题辅导报告: 作 is the verb, the name has two characters
        if text[e - 1:e + 1] in ("共同", "一同", "关于", "以及"):
            continue  # 普京共同出席: 共 starts the adverb; 马骏关于…的通报: 关 starts 关于; 阿比以及…: 以 starts 以及
        if text[i:e] not in _NAME_STOP and _follows_ok(text, e, limit):
            return e
    return None


# ---------------------------------------------------------------------------------------- titles

@dataclass(frozen=True)  # parse_title's results are cached and shared
class TitleParse:
    text: str  # as printed (session numbers removed)
    region: Optional[R.Region]  # explicit region printed at the start
    body: str  # title with the printed region removed (level word kept)
    national: bool = False
    collective: bool = False
    former: bool = False  # 前副总理: a post no longer held (no post fact)
    foreign: bool = False  # 新加坡总理: a post abroad (region null, country kept)


_ANY_COLLECTIVE = re.compile("|".join(map(re.escape, L.COLLECTIVE)))


def _rank_of(title: str) -> Optional[str]:
    return _ends_with_any(title, L.RANKS)


#: Local heads' titles printed after a name (刘振东副省长) and the level of region they take.
_LOCAL_HONORIFIC_LEVELS = {"省长": "省", "副省长": "省", "市长": "市", "副市长": "市", "县长": "县", "副县长": "县",
                           "区长": "区", "副区长": "区"}

_TOWNSHIP_TITLE = re.compile(r"[\u4e00-\u9fff]{1,5}(?:镇|乡|街道)(?:党委|党工委|人大|人民政府|政府|办事处)?"
                             r"(?:副?书记|常务副镇长|副?镇长|副?乡长|副?主任|主席)")


_BEFORE_SPEAKER_RANK = re.compile(r"会(?=副?议长$)")
_NOT_IN_TITLE = ("主持", "出席", "召开", "会议", "参加", "指出", "强调", "的", "免去", "任命", "决定", "同意", "通过", "听取",
                 "传达", "会见", "邀请", "回答")


_ACADEMIC_RANK = re.compile(r"[\u4e00-\u9fff]{2,20}?(?:大学|学院|研究院|研究所|学校)(?:荣誉|资深|特聘|终身|杰出|讲席|[一二三]级|首席)+"
                            r"(?:教授|研究员)")
_ENVOY = re.compile(r"驻(?!华)[\u4e00-\u9fff]{2,12}?(?:大使|总领事|副总领事|大使馆参赞|公使)")


@lru_cache(maxsize=16384)
def parse_title(raw: str) -> Optional[TitleParse]:
    """Parse a title string (``上海市委副书记``, ``常务副省长``, ``国务院副总理``) or return None.

    A pure function of the string, cached: the same titles recur (two in three calls repeat one).
    The result is shared between callers, so it must never be modified in place."""
    t = _SESSION.sub("", raw)
    if "以及" in t:
        return None  # 泰国总理赛塔以及国际奥委会主席: two titled persons, not one title
    duty = re.search(r"分管[^、，的]{1,12}的", t)
    if duty:  # 中央组织部分管日常工作的副部长: parsed without the duty, which stays in the title as printed
        tp = parse_title(t[: duty.start()] + t[duty.end():])
        rank = _rank_of(tp.body) if tp is not None else None
        if tp is None or not rank or not t.endswith(rank):
            return tp
        return dataclasses.replace(tp, text=t, body=tp.body[: -len(rank)] + duty.group(0) + rank)
    if t.endswith(("院士", "学部委员")):  # 中国科学院院士, 中国社会科学院学部委员: an academy's member, region null
        academy = _starts_with_any(t, L.ACADEMIES)
        if academy and t[len(academy):] in ("院士", "外籍院士", "学部委员"):
            return TitleParse(t, None, t)
        if t.endswith("院士"):
            return None
    if t.endswith("研究员") and len(t) > 5 and re.search(r"(?:研究所|研究院|研究中心|大学|学院|科学院)(?:副)?研究员$", t):
        return TitleParse(t, None, t)  # 某研究所研究员: an academic rank, region null (as an academy's member)
    if _ends_with_any(t, L.EVENT_FUNCTIONS) and not any(v in t for v in ("主持", "出席", "召开", "的")) \
            and not re.search(r"(?:论坛|基金会|集团|公司|组织|协会|联合会|银行)(?:创始人兼)?执行主席$", t):
        return TitleParse(t, None, t, former=True)  # 大会执行主席, 中央代表团副团长: a function at one event, not a post
    if t.startswith("前") and len(t) > 2:  # 前副总理: a former post
        tp = parse_title(t[1:])
        return TitleParse(t, None, t, former=True) if tp is not None and not tp.collective else None
    k = t.find("主席国", 2)
    if 0 < k <= 8 and len(t) - k - 3 <= 10 and _starts_with_any(t[k + 3:], L.COUNTRIES) \
            and not _starts_with_any(t, L.COUNTRIES):
        return parse_title(t[k + 3:])  # 拉共体轮值主席国哥伦比亚总统 -> 哥伦比亚总统
    country = _starts_with_any(t, L.COUNTRIES)
    if country is None and t.startswith("中非") and t[2:] in ("总统", "副总统", "总理", "外长"):
        country = "中非"  # 中非总统 (the Central African Republic; 中非 alone is also China-Africa)
    if country and country != "中国" and len(t) > len(country) and _CJK.match(t[len(country)]) \
            and not _rank_of(t) and _ends_with_any(t, L.ROYAL_STYLES) and len(t) - len(country) <= 3:
        return TitleParse(t, None, t, former=True, foreign=True)  # 约旦亲王, 泰国公主: a royal style, no post
    if country and country != "中国" and len(t) > len(country) + 2 and _ends_with_any(t, L.FAMILY_STYLES) \
            and len(t) - len(country) <= 10 and (_rank_of(t[:-2]) or _foreign_rank(t[:-2], len(country))) \
            and not re.search(r"[和及与同在率为向的]", t[len(country):]):
        return TitleParse(t, None, t, former=True, foreign=True)  # 某国总统夫人, 某国总理女儿: a family label, no post
    if country and country != "中国" and len(t) > len(country) and _CJK.match(t[len(country)]) \
            and (_rank_of(t) or _foreign_rank(t, len(country))) and not any(v in t for v in ("主持", "出席", "召开", "参加", "的", "任命", "决定")):
        member = re.search(r"(?:成员国|主席国|观察员国|伙伴国)(?=[\u4e00-\u9fff])", t)
        if member and _starts_with_any(t[member.end():], L.COUNTRIES) and _rank_of(t[member.end():]) \
                and len(t) > member.end() + len(_starts_with_any(t[member.end():], L.COUNTRIES)):
            return parse_title(t[member.end():])  # 上海合作组织成员国白俄罗斯总统 -> 白俄罗斯总统
        if any(_starts_with_any(t[k + 1:], L.COUNTRIES) for k in range(len(country), len(t)) if t[k] in "和及与同") \
                or re.search(r"[在率为向]", t[len(country):]) or t.endswith("议会长"):
            return None  # 韩国政府高级官员和中国驻韩国大使: two titles joined; 易卜拉欣在…同中国国家主席: a clause
        rest = t[len(country) + 1:]
        if t[len(country):].startswith(("前", "原")) and (2 <= len(rest) <= 6 or len(rest) <= 10 and bool(_rank_of(t) or _foreign_rank(t, len(country)))) \
                and "党" not in rest:
            return TitleParse(t, None, t, former=True, foreign=True)  # 日本前首相, 法国前总理: a former post abroad
        rank = _rank_of(t) or _foreign_rank(t, len(country)) or ""
        if len(t) - len(rank) - len(country) >= 2 and t[len(t) - len(rank) - 1] == "前":
            return TitleParse(t, None, t, former=True, foreign=True)  # 某国参议院国防委员会前主席: a former post abroad
        return TitleParse(t, None, t, foreign=True)  # 新加坡总理, 阿塞拜疆国民会议主席
    if t.startswith("驻") and _ENVOY.fullmatch(t):
        return parse_title("中国" + t)  # 中国驻柬埔寨大使A和驻东盟大使B: a Chinese envoy, 中国 printed once
    if not t or len(t) > 40:
        return None
    # 中美洲议会议长: not a 会议; 中央党的建设工作领导小组组长: 的 inside the name (computed once, not per word)
    tv = _BEFORE_SPEAKER_RANK.sub("", t) if "议长" in t else t
    if "党的建设工作领导小组" in tv:
        tv = tv.replace("党的建设工作领导小组", "党建设工作领导小组")
    if any(v in tv for v in _NOT_IN_TITLE):
        return None
    collective = _ends_with_any(t, L.COLLECTIVE) is not None
    if not collective and _rank_of(t) is None:
        return None
    if t.startswith(("中国国民党", "国民党", "亲民党")) and not collective and len(_rank_of(t)) + 3 <= len(t) <= 12:
        former = t[len(t) - len(_rank_of(t)) - 1] == "前"  # 中国国民党前主席: a former post
        return TitleParse(t, None, t, former=former)  # 中国国民党副主席: a party of Taiwan, region null
    if t.startswith("中国") and len(t) > 4 and not _starts_with_any(t, L.NATIONAL_PREFIXES):
        sub = parse_title(t[2:])  # 中国国家主席 (beside foreign titles): the national title
        if sub is not None and sub.national:
            return sub
        rank = _rank_of(t)
        organ = t[2:len(t) - len(rank)] if rank and not collective else ""
        if 2 <= len(organ) <= 8 and organ.endswith("会") and not R.find_mentions(organ) \
                and not any(w in organ for w in ("银行", "公司", "集团", "大学", "组委会", "筹委会")):
            return TitleParse(t, None, t, national=True)  # 中国奥委会主席, 中国法学会副会长: a national people's body
    academy = _starts_with_any(t, L.ACADEMIES) if "院" in t else None
    if academy and not collective:
        mid = t[len(academy):len(t) - len(_rank_of(t) or "")]
        if len(mid) >= 2 and not mid.startswith(("党组", "纪检", "机关党委")):
            return TitleParse(t, None, t)  # 中国社会科学院科研局局长: a unit of a research academy, region null
    if _starts_with_any(t, L.NATIONAL_PREFIXES):
        return TitleParse(t, None, t, national=True, collective=collective)
    party = _starts_with_any(t, _PARTY_PREFIXES)
    if party and len(t) > len(party) + 2:
        hits = R.find_mentions(t[len(party):len(party) + 12])
        if hits and hits[0][0] == 0:  # 中共如东县委委员, 民盟无锡市委会副主委: the party before the printed region
            sub = parse_title(t[len(party):])
            if sub is not None and sub.region is not None and not sub.collective:
                return TitleParse(t, sub.region, ("" if party == "中共" else party) + sub.body)
    # A printed region at the start: 上海市委…, 江苏省委…, 内蒙古自治区党委…, 苏州市委….
    for s, e, region in R.find_mentions(t[:12]):
        if s != 0:
            break
        rest = t[e:]
        printed = t[:e]
        if rest.startswith("生产建设兵团") and len(rest) > 6:
            return TitleParse(t, region, t, collective=collective)  # 新疆生产建设兵团政委: the corps keeps its full name
        level = _ends_with_any(region.name, L.LEVELS) or ""
        if printed == region.name and level != "特别行政区":  # full name printed: the level word is its suffix
            body = level + rest if rest and not rest.startswith(level) else rest
        else:  # short name printed (上海, 江苏) followed by the rest
            body = rest
        if any(w in rest for w in ("大学", "学院", "公司", "集团", "银行", "医院", "组委会", "中学", "小学", "学校", "幼儿园")) \
                and not re.search(r"(?:委员会|局|厅|部|委)[^，。；]{0,4}(?:主任|局长|厅长|部长|书记)$", rest):
            return TitleParse(t, None, t, collective=collective)  # (浙江省杭州第二中学校长: a school's head, region null)
        if not body or (rest == "" and not collective):
            return None
        return TitleParse(t, region, body, collective=collective)
    if _level_of(t) or collective:
        return TitleParse(t, None, t, collective=collective)
    if _TOWNSHIP_TITLE.fullmatch(t):
        return TitleParse(t, None, t, collective=True)  # 营根镇镇长: the name is read; a township is no region here

    if t.endswith(("教授", "研究员")) and _ACADEMIC_RANK.fullmatch(t):
        return TitleParse(t, None, t)  # 中国人民大学荣誉一级教授: an academic rank, region null
    k = t.find("兼", 2)
    if 0 < k < len(t) - 2 and "兼" not in t[k + 1:]:
        left = parse_title(t[:k])
        if left is not None and not (left.collective or left.former or left.national or left.region):
            lrank = _rank_of(left.text) or ""
            right = parse_title(t[k + 1:]) or parse_title(left.text[: len(left.text) - len(lrank)] + t[k + 1:])
            if right is not None and not right.collective:
                return TitleParse(t, None, t, foreign=left.foreign)  # 世界经济论坛创始人兼执行主席: split later
    # Organisation titles: …委员会主任, …领导小组组长, 宣传部部长 (region from context if any).
    rank = _rank_of(t)
    if rank and len(t) > len(rank) and _ends_with_any(t[: -len(rank)], L.ORGAN_SUFFIXES):
        return TitleParse(t, None, t)
    if rank and t.startswith(L.INTERNATIONAL_PREFIXES) and t[: -len(rank)].endswith("组织") and len(t) - len(rank) >= 4:
        return TitleParse(t, None, t)  # 世界卫生组织总干事: an international organisation
    if _intl_org_rank(t):
        return TitleParse(t, None, t, foreign=True)  # 经济合作与发展组织秘书长: an international organisation
    if rank and t == rank:
        return TitleParse(t, None, t)
    return None


_PARTY_PREFIXES = ("中共", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟")


def _foreign_rank(t: str, country_len: int) -> Optional[str]:
    """A rank printed only in foreign titles, after the country's (or organisation's) name: 伊朗代外长 -> 外长."""
    rank = _ends_with_any(t, L.FOREIGN_RANKS)
    if rank == "司令" and not re.search(r"(?:军|军队|部队|军区|卫队|武装力量)$", t[country_len:-2]):
        return None  # 伊朗军队司令, 某国空军司令: the commander of an armed force (not of a base or a city)
    return rank if rank and len(t) > country_len + len(rank) - (0 if rank in ("司令", "参谋长") else 1) else None


def _intl_org_rank(t: str) -> Optional[str]:
    """经济合作与发展组织秘书长: the head of an international organisation named by a word ending in 组织."""
    rank = _rank_of(t)
    if rank not in ("秘书长", "副秘书长", "总干事", "副总干事", "主席", "副主席", "执行主任", "主任", "总裁"):
        return None
    org = t[: len(t) - len(rank)]
    if 6 <= len(org) <= 14 and org.endswith(("组织", "议会联盟")) and "党" not in org and not R.find_mentions(org[:6]) \
            and re.search(r"合作|公约|条约|国|世界|联合|全球|伊斯兰|发展|贸易|石油|海事|原子能|知识产权", org) \
            and not _starts_with_any(org, L.NATIONAL_PREFIXES + _PARTY_PREFIXES) and not org.startswith("中国"):
        return rank
    return None


def _tibetan(s: str) -> bool:
    return len(s) == 4 and (s[:2] in L.TIBETAN_NAME_PARTS or s[2:] in L.TIBETAN_NAME_PARTS)


# 宁吉喆委员发言说 / 伊力扎提·艾合买提江委员发言: a (possibly long ·-joined) name, then a member title
_MEMBER_AFTER_NAME = re.compile(r"(?:^|(?<=[，。；、：\s]))([\u4e00-\u9fff·]{2,8}?|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{1,10})"
                                r"(?:委员|常委)(?=[\u4e00-\u9fff])")
_PRESIDING_COUNTRY = re.compile(r"国(?:客人|代表|领导人|元首|首脑|[、，和及的等]|$)")
_PAIRED_FOREIGN_HEAD = re.compile(r"(?:主席|总书记|总理)(?:和|同|与)([\u4e00-\u9fff]{2,5}?)(?:总统|总理|首相)")
_FOREIGN_NAME_ADVERBS = ("首次", "再次", "正式", "亲自", "专门")
_SPEECH_IN = re.compile(r"在(?:视频)?(?:致辞|讲话|发言|演讲)中")  # 哈萨克斯坦总统某某在致辞中表示


_SPEECH_AT = re.compile(r"在(?:视频)?(?:致辞|讲话|发言|演讲)时[，,]")
_ON_BEHALF = re.compile(r"代表[^，。；、]{1,12}?(?:发言|致辞|讲话)")


def _foreign_name_end(text: str, start: int, limit: int) -> Optional[int]:
    """End of a transliterated name after a foreign title (斯里兰卡议长维克拉马拉特纳等…)."""
    if text[start:start + 1] in L.TRANSLIT_CHARS and _ON_BEHALF.match(text, start + 1, limit):
        return start + 1  # 某国议长贝代表外方发言: a one-character name before 代表…发言
    e = start
    while e < limit and (_CJK.match(text[e]) or text[e] in "-－" and e - start >= 2 and _CJK.match(text[e + 1:e + 2])) and (e - start < 2 or not starts_with_word(text, e, "follow")
                                                  and text[e] not in "以并时" and text[e:e + 2] not in ("通过", "一一", "握手", "贺信", "贺电") and not _SPEECH_IN.match(text, e)):
        e += 1
    if e - start >= 4 and text[e - 2:e] in _FOREIGN_NAME_ADVERBS:
        e -= 2  # 某国代理总统罗德里格斯首次主持: an adverb before the verb
    name = text[start:e]
    if not 2 <= len(name) <= 8 or e < limit and not (text[e] in "等和及率" or text[e:e + 2] == "以及" or starts_with_word(text, e, "cue")
                                                    or (text[e:e + 2] in _FOREIGN_NAME_ADVERBS
                                                        or text[e].isdigit() and _DATE_AFTER.match(text, e, limit))  # 某某4日表示
                                                    and all(c in L.TRANSLIT_CHARS or c in "-－" for c in name)
                                                    or text[e:e + 2] in ("一行", "夫妇", "在京", "在会", "共同", "一同",
                                                                         "分别", "一起", "邀请", "一一", "握手")
                                                    or text[e:e + 3] == "以视频"
                                                    or text[e:e + 2] in ("贺信", "贺电")
                                                    or (text[e] == "的" or text[e:e + 2] == "就职") and len(name) >= 2
                                                    and all(c in L.TRANSLIT_CHARS for c in name)) \
            and not _SPEECH_IN.match(text, e) \
            and not (len(name) >= 3 and all(c in L.TRANSLIT_CHARS for c in name)
                     and (text[e] in "在致同与" or text[e:e + 2] in ("通过", "会见", "会谈", "表示"))):
        return None  # (阿尔巴尼斯在珀斯出席, 科尔曼通过视频致辞: a transliterated name before a place or a means)
    if name[0] in L.NOT_NAME_START or name.startswith(("夫人", "女儿", "兼", "会", "特别", "出席", "代表", "等", "国", "特邀", "高级",
                                                      "共同", "一同", "一起", "一道", "分别", "先后", "陪同")) \
            or name.endswith(("邀请", "通过", "热情", "首次", "时", "并", "以", "共", "界")) \
            or any(x in name for x in ("特使", "代表", "顾问", "助理", "专员")) \
            or name in _NAME_STOP or any(c in _NON_NAME_CHARS for c in name) or _tries()["rank"].parse_longest(name):
        return None
    return e


def _before_rank(title: str) -> str:
    """The organisation a title's rank follows (世界经济论坛 of 世界经济论坛创始人); "" when no rank ends it."""
    rank = _rank_of(title)
    return title[: len(title) - len(rank)] if rank else ""


def _split_concurrent(tp: TitleParse, ts: int, te: int) -> list[tuple[TitleParse, int, int]]:
    """国务委员兼国务院秘书长 -> 国务委员 + 国务院秘书长; 全国政协副主席兼秘书长 -> … + 秘书长 (prefix shared later)."""
    if "兼" not in tp.text[1:-1] or tp.collective or tp.former:
        return [(tp, ts, te)]
    out = []
    for part in tp.text.split("兼"):
        sub = parse_title(part)
        if sub is None and out and out[0][0].foreign and part in L.FOREIGN_RANKS:
            country = _starts_with_any(out[0][0].text, L.COUNTRIES)
            sub = parse_title(country + part) if country else None  # 葡萄牙国务部长兼外长 -> 葡萄牙外长
        if sub is None and out and out[0][0].foreign:
            prefix = _before_rank(out[0][0].text)
            # 联合国副秘书长兼妇女署执行主任: the organisation prefix is shared (联合国妇女署执行主任)
            sub = parse_title(prefix + part) if prefix and not part.startswith(prefix) else None
        if (sub is None or sub.former or part.startswith(("董事会", "理事会", "监事会"))) and out \
                and not (out[0][0].national or out[0][0].foreign or out[0][0].region):
            prefix = _before_rank(out[0][0].text)
            # 世界经济论坛创始人兼执行主席: the organisation is shared (世界经济论坛执行主席)
            sub = parse_title(prefix + part) if len(prefix) >= 2 and not part.startswith(prefix) else None
            sub = None if sub is not None and sub.former else sub
        if sub is None:
            return [(tp, ts, te)]
        out.append((sub, ts, te))
    return out


def _level_of(title_body: str) -> Optional[str]:
    """Level word a local title starts with: 市委书记 -> 市, 常务副省长 -> 省, 自治区党委书记 -> 自治区."""
    t = title_body
    for p in ("常务副", "副", "代"):  # 代市长: acting
        if t.startswith(p):
            t = t[len(p):]
            break
    for lv in L.LEVELS:
        if t.startswith(lv):
            rest = t[len(lv):]
            if _starts_with_any(rest, L.LOCAL_ORGAN_STARTS):
                return lv
            if lv.startswith("自治") and re.sub(r"^(?:常务副|副|代)", "", rest) == lv[-1] + "长":
                return lv  # 自治县县长, 自治州副州长: the head of an autonomous county or prefecture
            if lv == "自治区" and t == title_body and rest in ("主席", "副主席", "常务副主席"):
                return lv  # 自治区主席, 自治区副主席: the head of an autonomous region's government
            # 市发改委主任, 区应急管理局局长, 县农业农村局局长: a department of the level's government or party
            rank = _rank_of(rest)
            organ = rest[: len(rest) - len(rank)] if rank else ""
            if lv in _DEPT_LEVELS and 2 <= len(organ) <= 14 and _ends_with_any(organ, L.LOCAL_DEPT_SUFFIXES) \
                    and not _starts_with_any(rest, L.NOT_DEPT_STARTS) and not any(c in organ for c in "的与及、"):
                return lv
    return None


_DEPT_LEVELS = ("自治区", "自治州", "省", "市", "区", "县", "州")
_NON_STATE_ORGANS = ("大学", "学院", "公司", "集团", "银行", "医院", "研究院", "研究所", "研究中心", "实验室")


def _continues(rank: str, prev: str) -> bool:
    """May a bare ``rank`` continue a list under the organ of ``prev`` (主任 -> 副主任, 副主席 -> 秘书长)?"""
    if rank in ("秘书长", "副秘书长"):
        return prev not in ("秘书长", "副秘书长")
    base = re.sub(r"^(?:常务)?副", "", rank)
    return base != rank and base == re.sub(r"^(?:常务)?副", "", prev)


def _organ_prefix(title_body: str) -> str:
    rank = _rank_of(title_body) or ""
    return title_body[: len(title_body) - len(rank)]


def _region_matches_level(region: R.Region, level: str) -> bool:
    if level == "区":
        return region.name.endswith("区") and not region.name.endswith("自治区")
    if level == "州":
        return region.name.endswith("州")
    if level == "县":
        return region.name.endswith("县")
    return region.name.endswith(level)


def _with_ancestors(region: R.Region) -> list[R.Region]:
    out = [region]
    while out[-1].parent is not None:
        out.append(out[-1].parent)
    return out


# ---------------------------------------------------------------------------------------- data

@dataclass
class _Person:
    name: str
    start: int  # clean offsets (article-level)
    end: int
    post_end: int  # end after an honorific printed after the name
    sentence: int
    method: str = "rules"
    honorific: str = ""  # title printed after the name (栗战书委员长 -> 委员长)


#: An audience (X会见Z): (sentence index, host, guests named after the verb, the verb's match).
_Audience = tuple[int, _Person, list[_Person], re.Match]


@dataclass
class _SentenceWork:
    sentence: Sentence
    cstart: int  # start in article.clean
    text: str
    masked: list[tuple[int, int]] = field(default_factory=list)  # title/region spans (sentence offsets)


@lru_cache(maxsize=1)
def _circles() -> dict:
    path = Path(__file__).resolve().parent.parent / "data" / "circles.json"
    return json.loads(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------- extractor

# Patterns of the hot paths, compiled once (re's own cache costs a lookup per call)
_RX_LIST_LEAD = re.compile(r"(?:还有|包括|分别是|有)([\u4e00-\u9fff·]{2,4})$")
_RX_AND_SPLIT = re.compile(r"(?<=[\u4e00-\u9fff])(?:和|及)(?=[\u4e00-\u9fff])")
_RX_ELECTED = re.compile(r"(?:表决通过|通过|推选|选举)了?((?:[\u4e00-\u9fff]{2,3}、){0,12}[\u4e00-\u9fff]{2,3})(?:同志)?为")
_RX_SPOUSE_NAME = re.compile(r"(?<=夫人)([\u4e00-\u9fff]{2,4}?)(?=陪同|等|、|，|和|一同|一起|出席|参加|$)")
_RX_AND_SPOUSE = re.compile(r"(?<=[和及与]夫人)(?=[\u4e00-\u9fff]{2})")
_RX_ATTENDING_OF = re.compile(r"(?:出席|参加|列席|陪同)[^，。；、]{0,10}的([\u4e00-\u9fff]{2,3}?)(?=等|、|，|同志|$)")
_RX_THREE_BEFORE_VERB = re.compile(r"(?:^|(?<=[，。；：\s]))([\u4e00-\u9fff]{3})(?=宣布|宣读|讲话|发言|指出|强调|表示|通报|介绍|作了?(?:报告|说明|汇报))")
_RX_PRONOUN_SPEAKS = re.compile(r"(?:^|(?<=[，。；：]))[他她](?=说|强调|指出|表示|提出|要求)")
_RX_CLAUSE_SPLIT = re.compile(r"[。；;]")
_RX_MEMBER_WORD = re.compile(r"^(?:委员|常委|代表)")
_RX_COMMA_SPLIT = re.compile(r"[，。；]")


class RuleExtractor:
    """Extract :class:`ArticleFacts` from an :class:`Article` with rules and tries (and an optional NER model)."""

    def __init__(self, ner=None) -> None:
        self.ner = ner  # kg.extract.hanlp_ner.NerModel or None
        self.method_id = "rules" if ner is None else f"rules+{ner.model_id}"
        self.model_names: set[str] = set()  # names the model proposed in the current article (provenance)
        self.note = ""  # a line for the run summary (e.g. why no model is used)

    # -- public ------------------------------------------------------------------------------
    def extract(self, article: Article) -> ArticleFacts:
        """Run every extraction step on one article.

        Traditional characters are read as simplified ones (one for one, so offsets are unchanged);
        the facts keep the article as given.
        """
        source = article
        article = to_simplified(article)
        facts = self._extract(article)
        return facts if article is source else dataclasses.replace(facts, article=source)

    def _extract(self, article: Article) -> ArticleFacts:
        sentences, clean_spans = segment(article)
        works = [_SentenceWork(s, cs, article.clean[cs:ce]) for s, (cs, ce) in zip(sentences, clean_spans)]
        region_hits = self._regions(article, works)
        holdings: list[Holding] = []
        persons: list[_Person] = []
        names: dict[str, None] = {}
        organ_ctx = None  # 区人大常委会主任A主持会议。副主任B、C出席: the organ goes on into the next sentence
        rosters = self._rosters(article, works, region_hits)
        post_spots: list[tuple[str, str, int, int]] = []  # (person, title, sentence, position of the name)
        for k, w in enumerate(works):
            if k and "\n" in article.clean[works[k - 1].cstart + len(works[k - 1].text):w.cstart]:
                organ_ctx = None  # not past a paragraph
            found, organ_ctx = self._pass1(article, w, region_hits, organ_ctx)
            if rosters.get(k):
                spans = [(p.start, p.end) for p, _ in rosters[k]]
                found = [x for x in found if not any(a < x[0].end and x[0].start < b for a, b in spans)] + rosters[k]
            found += self._appointments(article, w, region_hits)
            found += self._lists(w, found, set(names) | set(KNOWN_LEADERS))
            for p, posts in found:
                persons.append(p)
                names.setdefault(p.name, None)
                holdings.extend(posts)
                post_spots.extend((h.person, h.title, k, p.start - w.cstart) for h in posts)
        self.model_names = set()
        if self.ner is not None:
            self._ner_names(works, names)
        known = set(names) | set(KNOWN_LEADERS)
        persons = self._pass2(works, persons, known)
        reporters = self._reporters(article, works)
        reporter_names = {r.name for r in reporters}
        persons = [p for p in persons if p.name not in reporter_names]
        meetings, meeting_at, audiences = self._meetings(article, works, region_hits, persons)
        participations = self._roles(article, works, persons, meetings, meeting_at, audiences)
        documents = self._documents(article, works, meetings, meeting_at)
        participations = self._drop_instructing(works, persons, participations)
        if not meetings and "重要讲话" in article.clean:
            participations = self._recalled_speeches(article, works, persons, meetings)
        attending = {p.person for p in participations}
        # 丁薛祥表示，中国国家主席习近平强调，…: a leader's title inside a speaker's words is no post stated by the
        # article (the same title printed in the narrative, or a participant's, is kept)
        quoted, stated = set(), set()
        spans: dict[int, list[tuple[int, int]]] = {}
        for person, title, si, pos in post_spots:
            if si not in spans:
                spans[si] = _quoted_spans(works[si].text, known) if "，" in works[si].text else []
            (quoted if any(a <= pos < b for a, b in spans[si]) else stated).add((person, title))
        if quoted - stated:
            holdings = [h for h in holdings if not ((h.person, h.title) in quoted and (h.person, h.title) not in stated
                                                    and h.person not in attending and h.change is None)]
        foreign = {h.person for h in holdings if h.region is None and _starts_with_any(h.title, L.COUNTRIES)
                   and not h.title.startswith("中国")}
        holdings.extend(self._honorific_posts(article, works, [p for p in persons if p.name not in foreign],
                                              participations, meetings, region_hits))
        holdings = _shared_organ_regions(holdings)
        if any("全国人大常委会" in m.name for m in meetings):
            holdings = _npc_members(holdings)
        persons = [p for p in persons if p.method != "coref"]
        person_mentions = tuple(PersonMention(p.name, self._evidence(article, works[p.sentence], p.start, p.end, p.method))
                                for p in persons)
        mentioned = tuple(dict.fromkeys(p.name for p in persons if p.name not in attending))
        regions = tuple(RegionMention(r.name, r.code, self._evidence(article, works[si], s, e))
                        for si, s, e, r in region_hits)
        circles = self._circle_facts(article, works)
        return ArticleFacts(article=article, sentences=tuple(sentences), persons=person_mentions, regions=regions,
                            holdings=tuple(_dedupe_holdings(holdings)), meetings=tuple(meetings),
                            participations=tuple(participations), documents=tuple(documents),
                            mentioned_not_attending=mentioned, reporters=tuple(reporters), circles=circles)

    # -- helpers -----------------------------------------------------------------------------
    def _evidence(self, article: Article, w: _SentenceWork, start: int, end: int, method: str = "rules") -> Evidence:
        """Evidence for a span given in article.clean offsets."""
        ts = article.to_text_offset(start)
        te = article.to_text_offset(max(start, end - 1)) + 1
        return Evidence(w.sentence.index, ts, te, method)

    def _regions(self, article: Article, works: list[_SentenceWork]) -> list[tuple[int, int, int, R.Region]]:
        """Region mentions: (sentence index, clean start, clean end, region)."""
        hits = []
        for k, w in enumerate(works):
            for s, e, region in R.find_mentions(w.text):
                after = w.text[e:e + 8]
                if after.startswith("）") and w.text[max(0, s - 3):s] == "中国（":
                    after = after[1:]  # 中国（新疆）自由贸易试验区: the region is inside the zone's name
                if any(after.startswith(o) for o in _ORG_AFTER_REGION):
                    continue
                hits.append((k, w.cstart + s, w.cstart + e, region))
        return hits

    def _context_region(self, level: str, w: _SentenceWork, pos: int, article: Article,
                        region_hits: list[tuple[int, int, int, R.Region]], chain: Optional[R.Region],
                        core: bool = False) -> Optional[R.Region]:
        """Implicit region of a title with ``level``: shared chain, same sentence, home region, earlier text."""
        if chain is not None:
            for r in _with_ancestors(chain):
                if _region_matches_level(r, level):
                    return r
        here = w.cstart + pos
        same = [r for si, s, e, r in region_hits if si == w.sentence.index and e <= here]
        for r in reversed(same):
            if _region_matches_level(r, level):
                return r
        if article.home_region:
            home = R.lookup(article.home_region)
            if home is not None:
                # 余姚市委书记A主持…。市委副书记、市长B (a city paper): the leadership titles go on in the county-level
                # city whose party committee was named last in the paragraph (not its departments: 市发改委主任)
                para = article.clean.rfind("\n", 0, here) + 1
                for si, s, e, r in (reversed(region_hits) if core else ()):
                    if e > here or s < para or si < w.sentence.index - 2:
                        continue
                    if _region_matches_level(r, level) and r.code != home.code and home in _with_ancestors(r)[1:] \
                            and article.clean.startswith(("委", "党委", "政府", "人民政府"), e):
                        return r
                    break
                for r in _with_ancestors(home):
                    if _region_matches_level(r, level):
                        return r
        before = [r for si, s, e, r in region_hits if e <= here]
        before = [r for _, _, r in R.find_mentions(article.title)] + before  # the headline comes first
        for r in reversed(before):
            if _region_matches_level(r, level):
                return r
        # 省委书记信长星在南京主持…: the province of a city named in the sentence or the article
        for r in [r for si, s, e, r in region_hits if si == w.sentence.index] + before[::-1] + \
                [r for si, s, e, r in region_hits if e > here]:
            for a in _with_ancestors(r)[1:]:
                if _region_matches_level(a, level):
                    return a
        return None

    def _resolve_post(self, tp: TitleParse, chain_region: Optional[R.Region], chain_prefix: str, w: _SentenceWork,
                      pos: int, article: Article, region_hits) -> tuple[Optional[str], str, Optional[R.Region], str]:
        """(region name, title, region used for the chain, organ prefix for the chain)."""
        body = tp.body
        if tp.national:
            return "中央", body, None, _organ_prefix(body)
        level = _level_of(body)
        if tp.region is None and level is None and chain_prefix and not _starts_with_any(body, L.NATIONAL_PREFIXES) \
                and not tp.foreign:
            if not _level_of(chain_prefix + "书记") and not _starts_with_any(chain_prefix, L.NATIONAL_PREFIXES) \
                    and _organ_prefix(body) not in ("", "党委", "党组"):
                return None, body, chain_region, chain_prefix  # 北京大学…院长、…研究中心主任: its own organ
            if _starts_with_any(chain_prefix, L.NATIONAL_PREFIXES) and any(o in body for o in _NON_STATE_ORGANS):
                return None, body, chain_region, chain_prefix  # 全国政协常委、北京大学国际关系学院教授
            if _starts_with_any(chain_prefix, L.NATIONAL_PREFIXES):
                # 全国政协副主席兼秘书长 -> 全国政协秘书长; 中共中央政治局常委、首规委主任 -> 首规委主任 (中央)
                if _rank_of(body) == body or body.startswith(("办公厅", "办公室", "研究室", "秘书局")):
                    body = chain_prefix + body  # 全国人大常委会副秘书长、办公厅研究室主任: a department of the organ
                elif body.startswith("常委会") and chain_prefix.startswith("全国人大") and "常委会" not in chain_prefix:
                    body = "全国人大" + body  # 全国人大财经委副主任委员、常委会预算工委主任: the shared 全国人大
                return "中央", body, None, chain_prefix
            # 市委副书记、宣传部部长 -> 市委宣传部部长; 市人大常委会常务副主任、党组副书记 -> 市人大常委会党组副书记
            body = chain_prefix + body
            level = _level_of(body)
        if tp.region is not None:
            region = tp.region
            if level:
                for r in _with_ancestors(tp.region):
                    if _region_matches_level(r, level):
                        region = r
                        break
        elif level:
            core_body = re.sub(r"^(?:常务副|副|代)", "", body)[len(level):]
            core = core_body == "长" or core_body.startswith("委") and _rank_of(core_body) == core_body[1:]
            region = self._context_region(level, w, pos, article, region_hits, chain_region, core)
        else:
            region = chain_region
        prefix = _organ_prefix(body) if (level or tp.region is not None) else chain_prefix
        if not prefix and not level and tp.region is None and not tp.foreign \
                and _ends_with_any(_organ_prefix(body), L.ORGAN_SUFFIXES):
            prefix = _organ_prefix(body)  # 浙江大学经济学院院长、教授 -> 浙江大学经济学院教授
        return (region.name if region else None), body, region or chain_region, prefix

    # -- pass 1: title chains and the names they introduce -----------------------------------
    def _chunks(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """(start, end, delimiter after) of the pieces of a sentence between delimiters.

        The last sentence's chunks are kept (pass 1 and the lists read the same sentence), as a tuple,
        since the next caller shares it."""
        last = _LAST_CHUNKS[0]
        if last is not None and last[0] == text:
            return last[1]
        out = []
        for m in _CHUNK_RE.finditer(text):
            s, e = m.span()
            out.append((s, e, text[e:e + 1]))
        out = tuple(out)  # shared with the next caller: immutable
        _LAST_CHUNKS[0] = (text, out)  # (one assignment: safe when threads share the module)
        return out

    def _parse_foreign_with(self, prefix: str, piece: str, cs: int):
        """``piece`` (at ``cs``) parsed as if ``prefix`` were printed before it, when that gives foreign titles and a
        name; spans are mapped back onto the text (none starts before ``cs``)."""
        synth = prefix + piece
        sp = self._parse_chunk(synth, 0, len(synth))
        if sp is None or not sp[0] or sp[1] is None or not all(tp.foreign for tp, _, _ in sp[0]):
            return None
        off = cs - len(prefix)
        return [(tp, max(cs, a + off), b + off) for tp, a, b in sp[0]], (sp[1][0] + off, sp[1][1] + off)

    def _pass1(self, article: Article, w: _SentenceWork, region_hits,
               organ_ctx: Optional[tuple[str, str, Optional[str]]] = None
               ) -> tuple[list[tuple[_Person, list[Holding]]], Optional[tuple[str, str, Optional[str]]]]:
        """Titled persons of one sentence, and the (organ, rank, region) of the last one for the next sentence."""
        text = w.text
        found: list[tuple[_Person, list[Holding]]] = []
        chain: list[tuple[TitleParse, int, int]] = []  # pending titles joined by 、
        list_mode = False  # a name list is running (市领导A、B、C)
        list_posts: list[Holding] = []  # posts shared by a list after a title (全国政协副主席A、B、C)
        organs: list[tuple[str, int, int]] = []  # 中共中央港澳工作办公室、国务院港澳事务办公室主任: organs sharing a rank
        prev_country: Optional[str] = None  # country of the foreign title of the person just read
        prev_delim = ""
        for cs, ce, delim in self._title_chunks(text):
            before_delim, prev_delim = prev_delim, delim
            piece = text[cs:ce]
            parsed = self._parse_chunk(text, cs, ce)
            if parsed is None and chain and before_delim == "、" and chain[-1][0].foreign \
                    and chain[-1][0].text.startswith("联合国") and not piece.startswith("联合国"):
                # 联合国副秘书长、环境规划署执行主任某某: the organisation's prefix is shared along the chain
                parsed = self._parse_foreign_with("联合国", piece, cs)
            if parsed is None and prev_country and before_delim in ("、", "，", ",", "和", "及", "率") \
                    and _starts_with_any(piece, L.FOREIGN_RANKS):
                # 某国总统甲率外长乙 / 某国总理甲、外长乙: a rank printed only abroad takes the country just read
                parsed = self._parse_foreign_with(prev_country, piece, cs)
            if parsed is not None and organs and parsed[0]:
                tp0, ts0, te0 = parsed[0][0]
                rank = _rank_of(tp0.body)
                if rank and not tp0.collective and not tp0.former and _organ_prefix(tp0.body):
                    shared = [(parse_title(o + rank), a, b) for o, a, b in organs]
                    parsed = ([x for x in shared if x[0] is not None] + parsed[0], parsed[1])
            prev_organs, organs = organs, []
            if parsed is None:
                prev_country = None
                lead = self._LEAD_IN.match(text, cs, ce)
                organ = text[lead.end() if lead and lead.end() < ce else cs:ce]
                if delim == "、" and not list_mode and 4 <= len(organ) <= 20 and _ends_with_any(organ, ("办公室", "委员会", "工作委员会")) \
                        and (_starts_with_any(organ, L.NATIONAL_PREFIXES) or R.find_mentions(organ[:6])):
                    organs = prev_organs + [(organ, ce - len(organ), ce)]
                # A bare name continuing a list: 诸葛宇杰、朱芝松、陈金山出席
                e = name_at(text, cs, ce) if list_mode else None
                if e is None and list_mode and delim in "、，," and (_tibetan(piece) or _MINORITY_NAME.fullmatch(piece)):
                    e = ce  # …、张庆伟、洛桑江村、雪克来提·扎克尔，秘书长…: a whole chunk that is a four-character or · name
                elif e is None and list_mode and ce - cs > 4 and _tibetan(piece[:4]) and _follows_ok(text, cs + 4, ce):
                    e = cs + 4  # 副主任罗布、陈志强、拉巴次仁出席: a four-character name ends the list before its verb
                if e is not None:
                    p = _Person(text[cs:e], w.cstart + cs, w.cstart + e, w.cstart + e, w.sentence.index)
                    shared = [Holding(p.name, h.region, h.title, self._evidence(article, w, w.cstart + cs, w.cstart + e))
                              for h in list_posts]
                    found.append((p, shared))
                    list_mode = delim in "、和" or e < ce and text[e:ce] in ("和", "及")
                    if delim == "、" and text[e:e + 1] in ("和", "及") and ce - e <= 5 and name_at(text, e + 1, ce) == ce:
                        # 委员甲、乙、丙和丁、戊等与会同志: the list goes on past 和 with others, who do not share its title
                        q = _Person(text[e + 1:ce], w.cstart + e + 1, w.cstart + ce, w.cstart + ce, w.sentence.index)
                        found.append((q, []))
                        list_mode, list_posts, chain = True, [], []
                        continue
                    last = self._last_of_list(article, w, text, e, ce, list_posts)
                    if last is not None:
                        found.append(last)
                else:
                    list_mode = False
                    list_posts = []
                chain = []
                continue
            titles, name_span = parsed
            if name_span is None:  # title only: it shares the following name (江苏省委常委、常务副省长费高云)
                if delim in "、和及":
                    chain.extend(titles)
                else:
                    chain = []
                list_mode = False
                continue
            ns, ne = name_span
            all_titles = [part for tp, ts, te in chain + titles for part in _split_concurrent(tp, ts, te)]
            chain = []
            p = _Person(text[ns:ne], w.cstart + ns, w.cstart + ne, w.cstart + ne, w.sentence.index)
            if ne - ns >= 4 and text[ne - 2:ne] in L.ROYAL_STYLES and (prev_country or any(tp.foreign for tp, _, _ in all_titles)):
                # 某国外交大臣费萨尔亲王: the royal style printed after the name is no part of it
                p = _Person(text[ns:ne - 2], w.cstart + ns, w.cstart + ne - 2, w.cstart + ne, w.sentence.index)
            posts: list[Holding] = []
            chain_region: Optional[R.Region] = None
            chain_prefix = ""
            collective = False
            country = None  # 朝鲜劳动党总书记、国务委员长金正恩: the country of a foreign title is shared along the chain
            if prev_country and before_delim and before_delim in "、，,和及" and all(
                    not tp.foreign and not tp.national and not tp.collective and tp.region is None
                    and re.fullmatch(r"(?:国会|议会|国民议会|政府|外交部)?", tp.text[: len(tp.text) - len(_rank_of(tp.text) or "")])
                    for tp, _, _ in all_titles):
                country = prev_country  # 俄罗斯第一副总理曼图罗夫、副总理诺瓦克: the next person's country too
            cont = None
            if organ_ctx and len(all_titles) == 1:
                tp0 = all_titles[0][0]
                if tp0.region is None and not (tp0.national or tp0.foreign or tp0.collective or tp0.former) \
                        and tp0.body == _rank_of(tp0.body) and _continues(tp0.body, organ_ctx[1]):
                    cont = organ_ctx  # 市人大常委会主任A主持会议，副主任B、C，秘书长D出席 -> 市人大常委会副主任
            new_ctx: Optional[tuple[str, str, Optional[str]]] = None
            for tp, ts, te in all_titles:
                w.masked.append((ts, te))
                if cont is not None:
                    posts.append(Holding(p.name, cont[2], cont[0] + tp.body,
                                         self._evidence(article, w, w.cstart + ts, w.cstart + ne)))
                    new_ctx = (cont[0], tp.body, cont[2])
                    continue
                if tp.collective:
                    collective = True
                    continue
                if tp.former:
                    continue
                if tp.foreign:
                    country = _starts_with_any(tp.text, L.COUNTRIES)
                elif country and not _starts_with_any(tp.text, L.COUNTRIES):
                    ftp = parse_title(country + tp.text)
                    if ftp is not None and ftp.foreign:
                        posts.append(Holding(p.name, None, ftp.body,
                                             self._evidence(article, w, w.cstart + ts, w.cstart + ne)))
                        continue
                region_name, title, chain_region, chain_prefix = self._resolve_post(
                    tp, chain_region, chain_prefix, w, ts, article, region_hits)
                posts.append(Holding(p.name, region_name, title, self._evidence(article, w, w.cstart + ts, w.cstart + ne)))
                organ = _organ_prefix(title)
                # (自治县县长A。副县长B: a level word alone is no organ to carry on)
                new_ctx = (organ, title[len(organ):], region_name) if organ and region_name and organ not in L.LEVELS else None
            organ_ctx = new_ctx
            found.append((p, posts))
            last = self._last_of_list(article, w, text, ne, ce, posts) if not collective else None
            if last is not None:
                found.append(last)  # 副组长A和B参加活动: B holds the title too
            prev_country = country
            list_mode = collective or delim == "、"
            list_posts = posts if delim == "、" and not collective else []
        return found, organ_ctx

    def _last_of_list(self, article: Article, w: _SentenceWork, text: str, e: int, ce: int,
                      posts: list[Holding]) -> Optional[tuple[_Person, list[Holding]]]:
        """The last name of a list joined by 和/及 right before its verb (副组长A、B和C参加活动 -> C)."""
        if text[e:e + 1] not in ("和", "及") or e + 3 > ce:
            return None
        e2 = name_at(text, e + 1, ce)
        if e2 is None or not plausible_name(text[e + 1:e2]) or not starts_with_word(text, e2, "cue"):
            return None
        p = _Person(text[e + 1:e2], w.cstart + e + 1, w.cstart + e2, w.cstart + e2, w.sentence.index)
        return p, [Holding(p.name, h.region, h.title, self._evidence(article, w, w.cstart + e + 1, w.cstart + e2))
                   for h in posts if h.change is None]

    _TITLE_SPLIT = ("会见", "会谈", "出席", "参加", "陪同", "邀请", "迎接", "欢迎", "会同", "宣读")
    # Positions that may split a chunk (a superset of the test in _title_chunks, which still decides)
    _SPLIT_AT = re.compile("(?<=[同与和及的率了])|(?<=" + "|".join(_TITLE_SPLIT) + ")")

    def _title_chunks(self, text: str) -> list[tuple[int, int, str]]:
        """Chunks, further split before a foreign or national title inside one (李强同马来西亚总理安瓦尔共同出席;
        …出席朝鲜劳动党总书记、国务委员长金正恩…; 韩国政府高级官员和中国驻韩国大使邢海明)."""
        out = []
        split_at = self._SPLIT_AT.finditer
        for cs, ce, delim in self._chunks(text):
            start = cs
            for i in [m.start() for m in split_at(text, cs + 2, ce - 2)]:
                if i >= ce - 2:
                    break  # (the scan may stop at ce - 2: the loop ran up to ce - 3)
                # 会见了越南总理某某: the verb with 了 splits as the bare verb does
                le = text[i - 1] == "了" and text[i - 3:i - 1] in self._TITLE_SPLIT
                if not (text[i - 1] in "同与和及的率" or text[i - 2:i] in self._TITLE_SPLIT or le):
                    continue
                if text[i - 1] in "和及" and text[i - 2:i] != "以及" and i - start >= 2 \
                        and (_starts_with_any(text[i:i + 4], L.CONTINUATION_RANKS) or text[i] in "省市区县州"
                             or text[i] == "驻" and text[i + 1:i + 2] != "华"):
                    parsed = self._parse_chunk(text, i, ce)
                    if parsed is not None and parsed[0] and parsed[1] is not None \
                            and (plausible_name(text[start:i - 1], True)
                                 or any(plausible_name(text[k:i - 1]) for k in range(max(start, i - 5), i - 2))):
                        out.append((start, i - 1, text[i - 1]))  # 蔡红英和秘书长许斌: the list goes on with a titled name
                        start = i
                        continue
                if text[i - 1] in "和及" and text[i - 2:i] != "以及" and i - start >= 5 and ce - i >= 4 \
                        and (plausible_name(text[i - 3:i - 1]) or plausible_name(text[i - 4:i - 1])
                             or all(c in L.TRANSLIT_CHARS for c in text[i - 3:i - 1])):
                    left = self._parse_chunk(text, start, i - 1)
                    if left is not None and left[0] and left[1] is not None and left[1][1] == i - 1:
                        parsed = self._parse_chunk(text, i, ce)
                        if parsed is not None and parsed[0] and parsed[1] is not None:
                            out.append((start, i - 1, text[i - 1]))  # 某会主席甲和无党派人士代表乙: two titled names
                            start = i
                            continue
                if text[i - 1] == "率":
                    if i - start >= 4 and _starts_with_any(text[i:i + 4], L.FOREIGN_RANKS):
                        out.append((start, i - 1, "率"))  # 某国总统甲率外长乙…迎接: the next person shares the country
                        start = i
                    continue
                if text[i - 2:i] == "以及":
                    parsed = self._parse_chunk(text, i, ce)
                    if parsed is not None and parsed[0] and parsed[1] is not None:
                        out.append((start, i - 2, " "))  # …以及国际奥委会主席巴赫: the next titled person
                        start = i
                        continue
                if text[i - 1] in "同与" and re.match(r"[\u4e00-\u9fff]{2,12}?(?:集团|公司|银行)", text[i:ce]):
                    parsed = self._parse_chunk(text, i, ce)
                    if parsed is not None and parsed[0] and parsed[1] is not None and not parsed[0][0][0].collective \
                            and any(o in parsed[0][0][0].text for o in ("集团", "公司", "银行")):
                        out.append((start, i - 1, " "))
                        start = i  # 副市长A与某集团总经理B: a company head after 同/与 (after 会见, see below)
                        continue
                if text[i - 2 - le:i - le] in ("会见", "会谈", "接见"):
                    parsed = self._parse_chunk(text, i, ce)
                    if parsed is not None and parsed[0] and parsed[1] is not None and not parsed[0][0][0].collective \
                            and parsed[0][0][0].text != _rank_of(parsed[0][0][0].text):
                        out.append((start, i - 2 - le, " "))
                        start = i  # 某国总统甲会见国家副主席王某, 会见某集团董事长田某: a title after the verb names the guest
                        continue
                intl = text[i - 1] in "同与" and _starts_with_any(text[i:i + 8], L.INTERNATIONAL_PREFIXES)
                if not (_starts_with_any(text[i:i + 8], L.COUNTRIES) or text.startswith("中国驻", i) or intl) \
                        or text.startswith("中国", i) and not text.startswith("中国驻", i):
                    continue
                parsed = self._parse_chunk(text, i, ce)
                if parsed is None or not parsed[0] or parsed[1] is None and intl \
                        or not (parsed[0][0][0].foreign or parsed[0][0][0].national or intl):
                    continue
                out.append((start, i - (1 if text[i - 1] in "同与和及的" else 2 + le), " "))
                start = i
            out.append((start, ce, delim))
        return out

    def _lists(self, w: _SentenceWork, found: list[tuple[_Person, list[Holding]]],
               known: set[str]) -> list[tuple[_Person, list[Holding]]]:
        """Names in 、-lists (刘鹤、何立峰参加; 胡春华、王勇、周强…出席) anchored by a known or titled member."""
        text = w.text
        taken = {(p.start - w.cstart) for p, _ in found}
        spans = [(p.start - w.cstart, p.end - w.cstart) for p, _ in found]
        chunks = self._chunks(text)
        runs: list[list[int]] = []
        ends = {b for _, b in spans}
        for k, (cs, ce, delim) in enumerate(chunks):
            if k and chunks[k - 1][2] == "、" and runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            elif k and chunks[k - 1][2] == "，" and runs and runs[-1][-1] == k - 1 \
                    and (chunks[k - 1][1] in ends or plausible_name(text[chunks[k - 1][0]:chunks[k - 1][1]])) \
                    and self._comma_member(text, cs, ce):
                runs[-1].append(k)  # 区领导丁某，王某，刘某出席会议: names set off by commas after a titled one
            else:
                runs.append([k])
        out: list[tuple[_Person, list[Holding]]] = []
        for run in runs:
            members: list[tuple[int, int, bool]] = []  # (start, end, anchored)
            if len(run) < 2 and not ("和" in text or "及" in text):
                continue
            for pos, k in enumerate(run):
                cs, ce, _ = chunks[k]
                if pos == 0 and ce - cs > 3 and not any(cs <= a < ce for a, _ in spans):
                    lead = _RX_LIST_LEAD.search(text[cs:ce])
                    if lead and plausible_name(lead.group(1)):
                        anchor = lead.group(1) in known or bool(_lead_roles(text[:cs + lead.start(1)]))
                        members.append((cs + lead.start(1), ce, anchor))
                        continue  # 出席座谈会的党外人士还有陈晓光、郑建邦…
                if ce - cs > 12 and pos != len(run) - 1 and not any(cs <= a < ce for a, _ in spans):
                    members.append((-1, -1, False))  # too long to be a name
                    continue
                hit = [(a, b) for a, b in spans if cs <= a < ce]
                if hit:
                    members.append((hit[-1][0], hit[-1][1], True))
                    if pos != len(run) - 1 and ce - hit[-1][1] > 2:
                        members.append((-1, -1, False))  # 李国英分别作的关于…代表建议、批评和意见: the list ended
                    continue
                piece = text[cs:ce]
                parts = _RX_AND_SPLIT.split(piece, maxsplit=1)
                if len(parts) == 2 and all(plausible_name(x, True) for x in parts):
                    members.append((cs, cs + len(parts[0]), parts[0] in known))
                    members.append((ce - len(parts[1]), ce, parts[1] in known))
                    continue
                if len(parts) == 2 and plausible_name(parts[0]):
                    b0 = ce - len(parts[1])
                    e2 = name_at(text, b0, ce)
                    if e2 is not None and plausible_name(text[b0:e2], True) and starts_with_word(
                            text, e2 + (text[e2:e2 + 1] == "等"), "cue"):
                        # 何立峰和苗华出席开幕式: the last name of the list, then its verb
                        members.append((cs, cs + len(parts[0]), parts[0] in known))
                        members.append((b0, e2, True))
                        continue
                    # 吴政隆及中央和国家机关有关部门: the list ends here
                    members.append((cs, cs + len(parts[0]), parts[0] in known))
                    members.append((-1, -1, False))
                    continue
                if plausible_name(piece, True):
                    members.append((cs, ce, piece in known))
                    continue
                if pos == len(run) - 1:
                    e = name_at(text, cs, ce)
                    if e is None:
                        for e2 in (cs + 3, cs + 2, cs + 4):
                            if e2 <= ce and _follows_ok(text, e2, ce) and plausible_name(text[cs:e2], True):
                                e = e2
                                break
                    if e is not None and plausible_name(text[cs:e], True):
                        cue = bool(starts_with_word(text, e, "cue")) or text[e:e + 2] in ("常委", "委员", "同志") \
                            or bool(re.match(r"作为[^，。；]{0,20}?代表", text[e:e + 24]))
                        members.append((cs, e, cue or text[cs:e] in known))
                        continue
                members.append((-1, -1, False))  # a non-name breaks the list
            # keep maximal stretches of names
            stretch: list[tuple[int, int, bool]] = []
            for m in members + [(-1, -1, False)]:
                if m[0] >= 0:
                    stretch.append(m)
                    continue
                strict = sum(plausible_name(text[a:b]) for a, b, _ in stretch)
                has_anchor = any(anch for _, _, anch in stretch) or (
                    len(stretch) >= 2 and strict == len(stretch) and bool(_predicate(text[stretch[-1][1]:])[0]))
                anchored = has_anchor or strict >= 4
                if len(stretch) >= 2 and anchored and strict * 2 >= len(stretch):
                    for a, b, _ in stretch:
                        if not has_anchor and not plausible_name(text[a:b]) and b - a > 3 and "·" not in text[a:b] \
                                and not (text[a:a + 2] in L.TIBETAN_NAME_PARTS or text[a + 2:b] in L.TIBETAN_NAME_PARTS):
                            continue  # without an anchor, no four-character guesses (接力奋斗)
                        if a not in taken:
                            taken.add(a)
                            out.append((_Person(text[a:b], w.cstart + a, w.cstart + b, w.cstart + b, w.sentence.index,
                                                "rules:list"), []))
                stretch = []
        return out

    @staticmethod
    def _clause_subject(w: "_SentenceWork", start: int) -> bool:
        """The name at ``start`` opens its clause (习近平和夫人彭丽媛，同…步入: not 会见某总统X，同…)."""
        cs = max(w.text.rfind(c, 0, start) for c in "，。；：") + 1
        return _TIME_RE.sub("", w.text[cs:start]) == ""

    @staticmethod
    def _comma_member(text: str, cs: int, ce: int) -> bool:
        """A comma-separated piece that is a bare name (or a bare name then its cue ending the list)."""
        piece = text[cs:ce]
        if len(piece) <= 3 and plausible_name(piece):
            return True
        e = name_at(text, cs, ce)
        return e is not None and e - cs <= 3 and plausible_name(text[cs:e]) \
            and (starts_with_word(text, e, "cue") is not None or _ORDER_NOTE.match(text, e) is not None)

    _ROSTER_HEAD = re.compile(r"[一二三四五六七八九十]{1,3}[、.．]\s*([^\s，。；：:]{2,60}?)(?:[（(][^）)]{1,20}[）)])?")
    _ROSTER_NOTE = re.compile(r"[（(][^）)\s]{1,12}[）)]")

    def _rosters(self, article: Article, works: list[_SentenceWork], region_hits) -> dict[int, list[tuple[_Person, list[Holding]]]]:
        """Elected rosters printed as lines under enumerated headings (一、中央政治局委员 / 丁薛祥　习近平…).

        A heading of titles (sharing an organ: 五、中央军事委员会主席、副主席、委员) holds for the name lines
        after it; a line may open with one of its ranks as a label (副主席　张又侠　何卫东). Lines are read in
        article.text (the clean text joins wrapped lines); the persons are keyed by sentence index.
        """
        text = article.text
        if "\n" not in text or "、" not in text:
            return {}
        starts = [w.cstart for w in works]
        c2t = article.clean_to_text
        out: dict[int, list[tuple[_Person, list[Holding]]]] = {}
        heading: Optional[tuple[str, list[str]]] = None  # (organ prefix, titles)
        current: Optional[str] = None
        pos = 0
        for line in text.split("\n"):
            lstart, pos = pos, pos + len(line) + 1
            body = line.strip(" \t\u3000\r")
            if not body:
                continue
            head = self._ROSTER_HEAD.fullmatch(body) if len(body) <= 70 else None
            if head:
                parts = [x for x in re.split(r"[、和]", head.group(1)) if x]
                tp0 = parse_title(parts[0])
                rank0 = _rank_of(parts[0]) if tp0 else None
                if tp0 is not None and rank0 and not tp0.collective and not tp0.former:
                    prefix = parts[0][:len(parts[0]) - len(rank0)]
                    titles = [parts[0]] + [prefix + x for x in parts[1:]]
                    if all(parse_title(t) is not None for t in titles[1:]):
                        heading = (prefix, titles)
                        current = titles[0] if len(titles) == 1 else None
                        continue
                heading = current = None
                continue
            if heading is None:
                continue
            prefix, titles = heading
            label = None
            for t in sorted(titles, key=len, reverse=True):
                rank = t[len(prefix):]
                m = re.match("[\\s\u3000]*".join(map(re.escape, rank)) + r"(?:[（(][^）)]{1,20}[）)])?(?=[\s\u3000]|$)", body)
                if rank and m:
                    label, body = t, body[m.end():]
                    break
            if label:
                current = label
            if self._ROSTER_NOTE.fullmatch(body.strip(" \t\u3000")):
                continue  # （按姓氏笔画为序排列）
            tokens = [(m.start(), self._ROSTER_NOTE.sub("", m.group(0))) for m in re.finditer(r"[^\s\u3000]+", body)]
            if not tokens:
                continue
            if current is None or not all(plausible_name(n, True) or _tibetan(n) for _, n in tokens):
                heading = current = None
                continue
            tp = parse_title(current)
            off = lstart + len(line) - len(line.lstrip(" \t\u3000\r")) + (len(line.strip(" \t\u3000\r")) - len(body))
            for k, name in tokens:
                ts = off + k
                cs = bisect.bisect_left(c2t, ts)
                if cs >= len(c2t) or c2t[cs] != ts:
                    continue
                si = bisect.bisect_right(starts, cs) - 1
                if si < 0:
                    continue
                w = works[si]
                region, title, _, _ = self._resolve_post(tp, None, "", w, cs - w.cstart, article, region_hits)
                p = _Person(name, cs, cs + len(name), cs + len(name), w.sentence.index, "rules:roster")
                ev = self._evidence(article, w, cs, cs + len(name))
                out.setdefault(si, []).append((p, [Holding(name, region, title, ev, change="elected")]))
        return out

    # (决定 only after 会议 / 表决, checked in code: a look-behind here would cost the literal scan)
    _APPOINT = re.compile(r"(?:任命|增补|决定(?!任命|增补|免去|接受|批准|将|对|给予|授予|同意))([^，。；：为]{2,120}?)(?:同志)?为([^，。；：]{2,60}?)(?=[，。；]|$)")
    # 任命A为T1、B为T2: a second appointee inside the titles of the first
    _NEXT_APPOINTEE = re.compile(r"、([\u4e00-\u9fff·]{2,4}?)(?:同志)?为")
    # 任命A为T1，B为T2，C为T3 (the verb not repeated)
    _MORE_APPOINTEE = re.compile(r"，(?!任命|增补|免去|决定|同意)([\u4e00-\u9fff·]{2,4}?)(?:同志)?为([^，。；：为]{2,60}?)(?=[，。；]|$)")
    _REMOVE = re.compile(r"免去([^，。；：]{2,120}?)(?:兼任|担任)?的([^，。；：]{2,80}?)职务")
    # 易炼红同志任浙江省委委员、常委、书记，不再担任江西省委书记、常委、委员职务
    _TAKES = re.compile(r"(?:^|(?<=[，。；：:\s]))(?:决定|同意|提名|任命)?([\u4e00-\u9fff·]{2,8}?)(?:同志)?(?:任|兼任|出任|当选为?)"
                        r"([^，。；：任]{2,60}?)(?=[，。；]|$)")
    _LEAVES = re.compile(r"(?:^|(?<=[，。；：:\s]))([\u4e00-\u9fff·]{2,8}?)(?:同志)?(?:不再担任|不再兼任)"
                         r"([^，。；：]{2,60}?)(?:职务|(?=[，。；]))")
    _LEAVES_TAIL = re.compile(r"[，；](?:同时)?(?:不再担任|不再兼任)([^，。；：]{2,60}?)职务")

    # 习近平同志继续担任党的总书记、中央军委主席 / …中央委员会总书记和中央军委主席: a sentence stating the posts
    _CONTINUES = re.compile(r"([\u4e00-\u9fff·]{2,4}?)同志继续担任((?:党的|党中央|中央委员会)总书记(?:[、和]中央军委主席)?)"
                            r"(?=[，。；、的]|$)")
    _CPPCC_CTX = re.compile(r"全国政协|政协第[^，。；]{1,6}届全国委员会|全国委员会常务委员会")

    def _appointments(self, article: Article, w: _SentenceWork, region_hits) -> list[tuple[_Person, list[Holding]]]:
        """Appointments (任命A、B为T, A同志任T1、T2) and removals (免去A的T职务, A不再担任T职务)."""
        text = w.text
        out: list[tuple[_Person, list[Holding]]] = []
        claims: list[tuple[str, int, str, int, int, str]] = []  # (names, names start, titles, start, end, change)
        if "继续担任" in text:
            for m in self._CONTINUES.finditer(text):
                if _SPEECH_OPEN.search(text, 0, m.start()):
                    continue  # 栗战书说，习近平同志继续担任党的总书记: inside the words reported in this sentence
                head = m.group(1)
                name = next((head[k:] for k in range(len(head) - 1) if head[k:] in KNOWN_LEADERS), None) \
                    or next((head[k:] for k in range(max(0, len(head) - 3), len(head) - 1) if plausible_name(head[k:])), None)
                if name is not None:
                    titles = re.sub(r"^(?:党的|党中央|中央委员会)总书记", "中共中央总书记", m.group(2))
                    claims.append((name, m.end(1) - len(name), titles, m.start(), m.end(), "appointed"))
        for rx, change in ((self._APPOINT, "appointed"), (self._REMOVE, "removed"), (self._TAKES, "appointed"),
                           (self._LEAVES, "removed")):
            for m in rx.finditer(text):
                if rx is self._APPOINT and text.startswith("决定", m.start()) \
                        and not text[:m.start()].endswith(("会议", "表决，", "表决")):
                    continue  # 党的十三届五中全会决定X为…: only a session's own vote (会议决定 / 经过表决，决定)
                if rx is self._APPOINT and "为" in m.group(2):
                    # 任命李某为经济委员会副主任、王某为…: one claim per appointee
                    cuts = [x for x in self._NEXT_APPOINTEE.finditer(text, m.start(2), m.end(2))
                            if plausible_name(x.group(1), True)]
                    if cuts:
                        heads = [(m.group(1), m.start(1), m.start(2))] + [(x.group(1), x.start(1), x.end()) for x in cuts]
                        ends = [x.start() for x in cuts] + [m.end(2)]
                        for (nm, ns, ts), te in zip(heads, ends):
                            claims.append((nm, ns, text[ts:te], m.start(), m.end(), change))
                        continue
                claims.append((m.group(1), m.start(1), m.group(2), m.start(), m.end(), change))
                if rx is self._APPOINT:
                    e = m.end()
                    while (more := self._MORE_APPOINTEE.match(text, e)) and plausible_name(more.group(1), True):
                        claims.append((more.group(1), more.start(1), more.group(2), more.start(), more.end(), change))
                        e = more.end()
                if rx is self._TAKES:  # …，不再担任江西省委书记、常委、委员职务 (same person)
                    tail = self._LEAVES_TAIL.match(text, m.end())
                    if tail:
                        claims.append((m.group(1), m.start(1), tail.group(1), tail.start(), tail.end(), "removed"))
        for names_part, base, titles_part, start, end, change in claims:
            names = [(x.start(), re.sub(r"同志$", "", x.group(0))) for x in re.finditer(r"[^、和及]+", names_part)]
            # 任命于海波为…: an appointee's name (a surname read elsewhere only before a title, 于, is one here);
            # in a list of three or more, a name that is also a place's (钟山) is a name too
            if not names or not all(plausible_name("王" + n[1:] if n[0] in L.TITLE_ONLY_SURNAMES and len(n) <= 3 else n, True)
                                    or len(names) >= 3 and 2 <= len(n) <= 3 and n[0] in L.SURNAMES and n in _region_names()
                                    for _, n in names):
                continue
            titles = [t for t in re.split(r"[、和]", titles_part) if t]
            # 政协…常务委员会 … 任命X为经济委员会副主任 / 增补X为第十四届全国政协委员、外事委员会副主任:
            # a special committee of the national CPPCC
            if _starts_with_any(titles_part, L.CPPCC_COMMITTEES) and self._CPPCC_CTX.search(article.clean, 0, w.cstart + start) \
                    or "、" in titles_part and any(_starts_with_any(t, L.CPPCC_COMMITTEES) for t in titles_part.split("、")[1:]) \
                    and (tp0 := parse_title(titles[0])) is not None and tp0.body.startswith("全国政协"):
                titles = [t for t in re.split(r"、", titles_part) if t]
                titles = ["全国政协" + t if _starts_with_any(t, L.CPPCC_COMMITTEES) else t for t in titles]
            parsed = [parse_title(t) for t in titles]
            if "和" in titles_part and None in parsed and parse_title(titles_part) is not None:
                titles, parsed = [titles_part], [parse_title(titles_part)]  # 人力资源和社会保障部部长: 和 inside an organ's name
            if parsed and parsed[0] is None:
                continue  # 任 not followed by a title: not an appointment
            for off, name in names:
                p = _Person(name, w.cstart + base + off, w.cstart + base + off + len(name),
                            w.cstart + base + off + len(name), w.sentence.index, "rules:appointment")
                posts = []
                prefix = ""
                chain_region: Optional[R.Region] = None
                for t, tp in zip(titles, parsed):
                    tp = tp or parse_title(prefix + t)
                    if tp is None or tp.former:
                        continue  # 决定A、B为大会副秘书长: a function at the session, no post
                    region, title, chain_region, prefix = self._resolve_post(
                        tp, chain_region, prefix, w, start, article, region_hits)
                    posts.append(Holding(name, region, title, self._evidence(article, w, w.cstart + start, w.cstart + end),
                                         change=change))
                out.append((p, posts))
        return out

    _LEAD_IN = re.compile(r"(?:[^，。；、]{0,8}?(?:会议|会|论坛|仪式|典礼|开幕式|闭幕式)|会上|随后|同时|并)?(?:由|经(?!济)|受|在|特邀|邀请了?)|[^，。；、]{0,8}?(?:听取了?|传达了?(?:学习了?)?|审议了|审查了)(?:受[^，。；、]{2,10}?委托)?|以及|及|和"
                          r"|同(?![志时济事期样步意等])|与(?![会其])|应(?![邀约当对用急该])"
                          r"|(?:出席|参加|列席|陪同)[^，。；、]{0,12}?(?:的|人员)(?:还有|有|包括)[：:]?")
    # 杂志发表中共中央总书记…的文章 / 就…回答了某论坛主席X的提问: a verb before the title (tried only after a cheap test)
    _LEAD_IN_VERB = re.compile(r"[^，。；、]{0,12}?(?:发表|刊登|刊发|刊载)了?(?=中共中央|国家主席|国务院总理)"
                               r"|[^，。；、]{0,30}?回答了?(?=[^，。；、]{2,24}?(?:主席|创始人|总裁|总干事|秘书长|董事长|总统|总理|首相))")

    def _parse_chunk(self, text: str, cs: int, ce: int) -> Optional[tuple[list[tuple[TitleParse, int, int]], Optional[tuple[int, int]]]]:
        """Titles (with spans) at the start of a chunk and the name after them, if any."""
        lead = self._LEAD_IN.match(text, cs, ce) or _DATE_LEAD.match(text, cs, ce)
        if lead is None and (text.find("回答", cs, ce) >= 0 or text.find("刊", cs, ce) >= 0 or text.find("发表", cs, ce) >= 0):
            lead = self._LEAD_IN_VERB.match(text, cs, ce)
        if lead and lead.group(0) in ("和", "及", "与", "同", "应") and any(
                s == 0 and e > 1 for s, e, _ in R.find_mentions(text[cs:cs + 12])):
            lead = None  # 和林格尔县县长, 同江市市长: the region's name starts with a conjunction character
        if lead and lead.end() < ce:
            cs = lead.end()
        k = text.find("的", cs, ce)
        if 0 < k - cs <= 16 and k + 1 < ce and _starts_with_any(text[k + 1:ce], _NATIONAL_OR_PARTY):
            # 担任中央代表团副团长的中共中央政治局委员…: the title starts after the clause that describes the person
            inner = self._parse_chunk(text, k + 1, ce)
            if inner is not None:
                return inner
        piece = text[cs:ce]
        ranks = _tries()["rank"].parse_longest(piece)
        ends = sorted({e for _, e, _ in ranks})
        if _starts_with_any(piece, L.COUNTRIES):  # 伊朗代外长, 约旦亲王: ranks of foreign titles only
            ends += [e for _, e, _ in _tries()["foreign_rank"].parse_longest(piece)]
        # 国务委员长: a longer rank overlapping the one the longest-match scan took (国务委员)
        ends += [e + k for e in ends for k in (1, 2)
                 if e + k <= len(piece) and len(_rank_of(piece[:e + k]) or "") > k]
        # Collective titles end with 领导 / 负责同志.
        if _ANY_COLLECTIVE.search(piece) is not None:  # (a cheap test first: most chunks hold none)
            for c in L.COLLECTIVE:
                k = piece.find(c)
                if k > 0:
                    ends.append(k + len(c))
        for e in sorted(set(ends)):
            tp = parse_title(piece[:e])
            if tp is None:
                continue
            if e == len(piece):
                if not tp.collective:
                    return [(tp, cs, cs + e)], None
                continue
            if tp.foreign and text[cs + e:cs + e + 1] == "国":
                continue  # 轮值主席国马来西亚: the presiding country, not a name
            if text[cs + e:cs + e + 1] == "国" and tp.text.endswith("主席") and _PRESIDING_COUNTRY.match(text, cs + e, ce):
                continue  # 观察员国、主席国客人等: the presiding country's guests, not a person named 国客人
            ne = name_at(text, cs + e, ce)
            if ne is None and tp.foreign:
                ne = _foreign_name_end(text, cs + e, ce)
            elif ne is None and tp.text.startswith(L.INTERNATIONAL_PREFIXES):
                ne = _foreign_name_end(text, cs + e, ce)  # 国际奥委会主席科文特里: an international body
                ne = ne if ne is not None and ne - cs - e <= 5 else None
            if ne is None and not tp.collective:
                for n in (2, 3):
                    cand = text[cs + e:cs + e + n]
                    r = R.lookup(cand) if cand in _region_names() else None
                    if cs + e + n <= ce and cand in _region_names() and (r is None or r.level == "county") \
                            and (cand[0] in L.SURNAMES or cand in L.TIBETAN_NAME_PARTS) and _follows_ok(text, cs + e + n, ce) \
                            and not _starts_with_any(text[cs + e + n:cs + e + n + 3], ("市", "省", "区", "县", "委", "党")):
                        ne = cs + e + n  # 钟山 (also a county's name) after 主任委员
                        break
            if ne is None:
                for n in (4, 3, 2):
                    cand = text[cs + e:cs + e + n]
                    if n == 4 and not (plausible_name(cand) or _tibetan(cand)):
                        continue  # 发挥政协委员主体作用: no four-character guesses
                    if tp.collective and not (plausible_name(cand) or _tibetan(cand)):
                        continue
                    ok = plausible_name(cand, True) or (
                        n == 3 and cand[0] in L.TITLE_ONLY_SURNAMES and not tp.collective and plausible_name("王" + cand[1:]))
                    if cs + e + n <= ce and ok and (
                            cs + e + n == ce or starts_with_word(text, cs + e + n, "cue")
                            or (_tibetan(cand) or cand[0] in L.TITLE_ONLY_SURNAMES) and _follows_ok(text, cs + e + n, ce)
                            or text[cs + e + n:cs + e + n + 2] in ("宣布", "宣读", "主持")):
                        ne = cs + e + n
                        break
            if ne is not None and any(c in _NON_NAME_CHARS for c in text[cs + e:ne]) and any(x > e for x in ends):
                continue  # 柬埔寨国王顾问团主席洪森: the title goes on
            if ne is not None and tp.text in ("委员", "常委", "代表") and not plausible_name(text[cs + e:ne]):
                ne = None  # 委员读书、委员宣讲团等平台: a bare member word before a noun, not a person
            if ne is not None:
                return [(tp, cs, cs + e)], (cs + e, ne)
        return None

    # -- statistical names -------------------------------------------------------------------
    def _ner_names(self, works: list[_SentenceWork], names: dict[str, None]) -> None:
        """Add persons the model finds where the rules agree it is a name and the text confirms its boundary.

        The model adds persons the rules miss (names in running text, after verbs); the rules win on
        titles: a span overlapping a title, a region or a stop word is dropped.
        """
        results = self.ner.persons([w.text for w in works])
        for w, spans in zip(works, results):
            for name, s, e in spans:
                if name in names or not plausible_name(name) or name in _NAME_STOP:
                    continue
                if any(ms < e and s < me for ms, me in w.masked) or _tries()["rank"].parse_longest(w.text[s:e + 2]):
                    continue
                if _follows_ok(w.text, e, len(w.text)):
                    names[name] = None
                    self.model_names.add(name)

    # -- pass 2: every mention of a known name ----------------------------------------------
    def _pass2(self, works: list[_SentenceWork], first: list[_Person], known: set[str]) -> list[_Person]:
        trie = _trie(known)
        by_pos = {(p.sentence, p.start): p for p in first}
        out: list[_Person] = []

        def admit(cand: str, a: int, w: _SentenceWork, lenient: bool = False) -> None:
            """A name found by a pattern (not the trie) becomes a mention, and known elsewhere."""
            if (w.sentence.index, a) not in by_pos and plausible_name(cand, lenient) and cand not in _NAME_STOP:
                by_pos[(w.sentence.index, a)] = _Person(cand, a, a + len(cand), a + len(cand), w.sentence.index)
                known.add(cand)

        for w in works:
            taken: list[tuple[int, int]] = []
            for s, e, name in trie.parse_longest(w.text):
                a = w.cstart + s
                if (w.sentence.index, a) in by_pos:
                    continue
                clause_start = s == 0 or w.text[s - 1] in "，。；：、\n"
                if not _follows_ok(w.text, e, len(w.text)) and not self._honorific_after(w.text, e) \
                        and not (clause_start and (len(name) >= 3 or w.text[e:e + 1] == "、")):
                    continue
                method = f"hanlp:{self.ner.model_id}" if name in self.model_names else "dict"
                p = _Person(name, a, w.cstart + e, w.cstart + e, w.sentence.index, method)
                by_pos[(w.sentence.index, a)] = p
            # A bare name opening a clause right before a strong cue: 何立峰陪同考察, 刘鹤出席.
            for m in (_CLAUSE_NAME_CUE_DOT if "·" in w.text else _CLAUSE_NAME_CUE).finditer(w.text):
                if "·" in m.group(1) and name_ends(w.text, m.start(1), len(w.text))[:1] != [m.end(1)]:
                    continue  # (艾力更·依明巴海副委员长主持: a title after the name, read elsewhere)
                admit(m.group(1), w.cstart + m.start(1), w)  # (雪克来提·扎克尔参加会谈: a name with ·)
            # 会议通过了张三、李四为大会副秘书长: the persons a vote names (a function, no post)
            for m in _RX_ELECTED.finditer(w.text):
                off = m.start(1)
                cands = m.group(1).split("、")
                if all(plausible_name(c) for c in cands):
                    for cand in cands:
                        admit(cand, w.cstart + off, w)
                        off += len(cand) + 1
            # 关于撤销田学斌、何松政协第十四届全国委员会委员资格的决定: the persons a decision names
            for m in _REVOKED.finditer(w.text):
                off = m.start(1)
                for cand in m.group(1).split("、"):
                    admit(cand, w.cstart + off, w)
                    off += len(cand) + 1
            # 贺一诚和夫人郑素贞陪同: a spouse named after 夫人
            for m in _RX_SPOUSE_NAME.finditer(w.text):
                # 吉尔吉斯斯坦总统扎帕罗夫和夫人扎帕罗娃: a transliterated spouse's name may have four characters
                foreign = bool(re.search(r"(?:总统|总理|国王|苏丹|首相|议长|元首|主席|王储|埃米尔)[\u4e00-\u9fff·]{2,8}和夫人$", w.text[:m.start(1)]))
                # (佐哈里和夫人诺莱妮: a transliterated spouse's three characters need no Chinese surname)
                admit(m.group(1), w.cstart + m.start(1), w, lenient=foreign and (
                    len(m.group(1)) == 4 or all(c in L.TRANSLIT_CHARS for c in m.group(1))))
            # 习近平和夫人彭丽媛在平壤…出席 / 金正恩和夫人李雪主举行的: a spouse before any name boundary
            for m in _RX_AND_SPOUSE.finditer(w.text):
                a = m.start()
                for e in sorted(name_ends(w.text, a, len(w.text)), reverse=True):
                    if _follows_ok(w.text, e, len(w.text)) and plausible_name(w.text[a:e]):
                        admit(w.text[a:e], w.cstart + a, w)
                        break
            # 列席会议的刘忻等同志 / 陪同考察的张三、李四: a name right after a relative clause with a cue
            for m in _RX_ATTENDING_OF.finditer(w.text):
                admit(m.group(1), w.cstart + m.start(1), w)
            # 姜信治宣布…决定 / 李书磊强调: a three-character name opening a clause before a speech or report verb
            for m in _RX_THREE_BEFORE_VERB.finditer(w.text):
                cand = m.group(1)
                if not _tries()["rank"].parse_longest(cand) and not cand.endswith(("主席", "总理", "书记")) \
                        and not any(ms <= m.start(1) < me for ms, me in w.masked):
                    admit(cand, w.cstart + m.start(1), w)
            # 习近平主席和拜登总统: a foreign head named before his title, paired with a leader named the same way
            for m in _PAIRED_FOREIGN_HEAD.finditer(w.text):
                cand = m.group(1)
                a = w.cstart + m.start(1)
                if all(c in L.TRANSLIT_CHARS for c in cand) and cand not in _NAME_STOP \
                        and (w.sentence.index, a) not in by_pos:
                    by_pos[(w.sentence.index, a)] = _Person(cand, a, a + len(cand), a + len(cand), w.sentence.index)
                    known.add(cand)
            # 宁吉喆委员发言说 / 曹小红常委代表…建议: a member title right after a name at the start of a clause.
            for m in _MEMBER_AFTER_NAME.finditer(w.text):
                cand = m.group(1)
                a = w.cstart + m.start(1)
                hon = w.text[m.end(1):m.end(1) + 2]
                if w.text[m.end(1) + 2:m.end(1) + 3] == "会" or (cand + hon) in L.RANKS or cand.endswith("副"):
                    continue  # 检察委员会, 国务委员
                # (扎西达娃常委: a Tibetan name; 吴为山委员: 为 opening a given name, taken before a member title)
                ok = plausible_name(cand) or _tibetan(cand) or len(cand) == 3 and cand[1] == "为" \
                    and cand[0] in L.SURNAMES and plausible_name(cand[0] + "王" + cand[2])
                if not ok and len(cand) == 2 and re.match(r"(?:发言|代表[^，。；]{2,14}?发言)", w.text[m.end(1) + 2:m.end(1) + 20]):
                    ok = plausible_name(cand, True) and not _starts_with_any(cand, ("与会", "其他", "多位", "各位", "部分", "广大"))
                    # (演觉委员发言说: a religious name without a surname, before a member's speech)
                if (w.sentence.index, a) not in by_pos and ok and cand not in _NAME_STOP:
                    by_pos[(w.sentence.index, a)] = _Person(cand, a, a + len(cand), a + len(cand) + 2, w.sentence.index,
                                                            honorific=hon)
                    known.add(cand)
            # Names printed before an honorific: 习近平总书记, 栗战书委员长, 以习近平同志为核心.
            for s, e, hon in _tries()["honorific"].parse_longest(w.text):
                if any(ms <= s < me for ms, me in w.masked) or w.text[e:e + 1] == "国" and hon.endswith("主席"):
                    continue  # (担任轮值主席国: the presiding country, no name before a title)
                for n in (3, 2, 4):
                    ns = s - n
                    if ns < 0:
                        continue
                    if (w.sentence.index, w.cstart + ns) in by_pos:
                        break
                    cand = w.text[ns:s]
                    if hon == "同志" and not plausible_name(cand):
                        continue
                    if w.text[max(0, ns - 1):ns + 1] in _VERB_WORDS:
                        continue  # 学习乔石同志: 学习 is the verb
                    if any(len(_starts_with_any(w.text[ns - k:s], L.COUNTRIES) or "") > k for k in range(1, min(ns, 5) + 1)):
                        continue  # 俄罗斯联邦总理: the tail of a country's name
                    orphan = re.search(r"(?:^|[，。；：、\s])([\u4e00-\u9fff]{1,2})$", w.text[:ns])
                    if orphan and not starts_with_word(orphan.group(1), 0, "follow") and orphan.group(1) not in _NAME_STOP \
                            and not any(c in L.NOT_GIVEN or c in "并同与和及在对向把被给让请应" for c in orphan.group(1)) \
                            and not _tries()["rank"].parse_longest(orphan.group(1)) and hon != "同志":
                        continue  # 扎帕罗夫总理: the tail of a longer (transliterated) name
                    if any(w.text[max(0, ns - k):s] in _ORGAN_NAMES for k in range(6)) or w.text[s - 2:s] in _ORGAN_NAMES:
                        continue  # 全国政协主席: 国政协 is the tail of an organ, not a name
                    if s in name_ends(w.text, ns, s) and cand not in _NAME_STOP and not any(ms < s and me > ns for ms, me in w.masked):
                        p = _Person(w.text[ns:s], w.cstart + ns, w.cstart + s, w.cstart + e, w.sentence.index,
                                    honorific=hon)
                        by_pos[(w.sentence.index, w.cstart + ns)] = p
                        known.add(p.name)
                        break
            # 同托卡耶夫总统一道: a transliterated name before a foreign head's title, set off by a boundary
            if "总统" in w.text or "首相" in w.text or "国王" in w.text:
                for tm in _TRANSLIT_BEFORE_HEAD.finditer(w.text):
                    cand, a = tm.group(1), w.cstart + tm.start(1)
                    if all(c in L.TRANSLIT_CHARS for c in cand) and cand not in _NAME_STOP and cand not in known \
                            and not _starts_with_any(cand, L.COUNTRIES) and (w.sentence.index, a) not in by_pos \
                            and not any(len(_starts_with_any(w.text[tm.start(1) - k:tm.end(1)], L.COUNTRIES) or "") > k
                                        for k in range(1, min(tm.start(1), 5) + 1)) \
                            and not any(ms < tm.end(1) and me > tm.start(1) for ms, me in w.masked) \
                            and not any(q.sentence == w.sentence.index and q.start < a + len(cand) and a < q.end
                                        for q in by_pos.values()):
                        by_pos[(w.sentence.index, a)] = _Person(cand, a, a + len(cand), w.cstart + tm.end(), w.sentence.index)
                        known.add(cand)
        for p in by_pos.values():
            # extend post_end over an honorific printed after the name
            w = works[p.sentence]
            rel = p.end - w.cstart
            hon = self._honorific_after(w.text, rel)
            if not hon and w.text[rel:rel + 2] in ("委员", "常委") and w.text[rel + 2:rel + 3] != "会" \
                    and not any(ms <= rel < me for ms, me in w.masked):
                hon = w.text[rel:rel + 2]  # 丛斌委员和列席会议的…: a member title after a listed name
            if not hon and p.post_end == p.end and (mm := _COUNTED_MEMBERS.match(w.text, rel)):
                p.post_end = p.end + mm.end() - rel  # 王某、李某等6位委员: the member title closes the list
                p.honorific = mm.group(1)
            if hon and p.post_end == p.end:
                p.post_end = p.end + len(hon)
                p.honorific = hon
            out.append(p)
        # 他/她 opening a clause before a speech cue refers to the person named last (他强调 / 他说).
        ordered = sorted((p for p in out if not _OBJECT_NAME.match(works[p.sentence].text, p.end - works[p.sentence].cstart)
                          and works[p.sentence].text[p.start - works[p.sentence].cstart - 1:p.start - works[p.sentence].cstart]
                          not in ("以", "对", "把", "向", "给", "了", "念", "和")), key=lambda p: p.end)
        ends = [p.end for p in ordered]
        for w in works:
            for m in _RX_PRONOUN_SPEAKS.finditer(w.text):
                a = w.cstart + m.start()
                k = bisect.bisect_right(ends, a)
                if k:
                    out.append(_Person(ordered[k - 1].name, a, a + 1, a + 1, w.sentence.index, "coref"))
        out.sort(key=lambda p: p.start)
        # drop overlaps (keep the earlier, longer)
        kept: list[_Person] = []
        for p in out:
            if kept and p.start < kept[-1].end:
                continue
            kept.append(p)
        return kept

    @staticmethod
    def _honorific_after(text: str, e: int) -> Optional[str]:
        return _starts_with_any(text[e:e + 5], L.HONORIFICS)

    # -- roles ------------------------------------------------------------------------------
    def _roles(self, article: Article, works: list[_SentenceWork], persons: list[_Person],
               meetings: list[Meeting], meeting_at: dict[int, str], audiences: list[_Audience]) -> list[Participation]:
        if not meetings:
            return []
        out: dict[tuple[str, str], Participation] = {}
        by_sentence: dict[int, list[_Person]] = {}
        for p in persons:
            by_sentence.setdefault(p.sentence, []).append(p)
        current = meetings[0].key

        def assign(group: list[_Person], roles: list[str], w: _SentenceWork) -> None:
            for q in group:
                for role in roles:
                    key = (q.name, role)
                    if key not in out:
                        out[key] = Participation(q.name, role, current, self._evidence(article, w, q.start, q.end, q.method))

        for w in works:
            current = meeting_at.get(w.sentence.index, current)
            group: list[_Person] = []
            subjects: list[_Person] = []  # A同B共同出席: A, while B's group is read
            lead: list[str] = []  # roles announced before the list: 出席座谈会的党外人士还有A、B
            host: Optional[_Person] = None  # the host right before his guest (A会见B)
            last_end = 0
            plist = by_sentence.get(w.sentence.index, [])
            # X表示，…习近平总书记出席庆祝大会…: names inside reported speech (to the next ；) take no role
            quotes = []
            for q in _SPEECH_OPEN.finditer(w.text):
                if not quotes or q.start() >= quotes[-1][1]:
                    end = w.text.find("；", q.end())
                    quotes.append((q.end(), end if end >= 0 else len(w.text)))
            if quotes:
                plist = [p for p in plist if not any(a <= p.start - w.cstart < b for a, b in quotes)]
            if "《" in w.text:  # 作了题为《学习贯彻习近平总书记重要论述》的讲座: a name inside a title takes no role
                books = [(m.start(), m.end()) for m in _BOOK_SPAN.finditer(w.text)]
                plist = [p for p in plist if not any(a < p.start - w.cstart < b for a, b in books)]
            # 正如习近平主席指出，…: a speaker quoting someone, who takes no role here
            plist = [p for p in plist if not re.search(r"(?:正如|正像|如同|按照|根据)$", w.text[max(0, p.start - w.cstart - 3):p.start - w.cstart])]
            # 外交部就习近平主席出席…举行吹风会: the leader's attendance is the briefing's topic, not an event held
            if _BRIEFING.search(w.text):
                plist = [p for p in plist if not _TOPIC_LEAD.search(w.text, max(0, p.start - w.cstart - 14), p.start - w.cstart)]
            # 丁薛祥表示，…。习近平主席强调，…: a leader named with an honorific and quoted by the speaker
            # 韩正表示，…。今年3月，习近平主席提出…: also further on in the speaker's paragraph
            quoted = [p for p in plist if p.honorific in ("主席", "总书记") and re.match(
                r"(?:指出|强调|表示|提出|说)", w.text[p.post_end - w.cstart:])]
            if quoted:
                # the paragraph so far, at most _PARA_WINDOW characters back (a one-paragraph
                # article of a million characters must not make this quadratic)
                start = max(article.clean.rfind("\n", 0, w.cstart) + 1, w.cstart - _PARA_WINDOW)
                para = article.clean[start:w.cstart]
                para_speech = re.search(r"(?:指出|强调|表示|说)[，：]", para)
                prev_speech = w.sentence.index > 0 and re.search(r"(?:指出|强调|表示|说)[，：]",
                                                                 works[w.sentence.index - 1].text)
                drop = {id(p) for p in quoted
                        if prev_speech or para_speech and p.name not in para[:para_speech.start()]}
                plist = [p for p in plist if id(p) not in drop]
            for k, p in enumerate(plist):
                if not group:
                    new_lead = _lead_roles(_mask(w.text, w.masked, max(0, p.start - w.cstart - 240), p.start - w.cstart))
                    if new_lead and re.match(r"(?:他们|贵宾们?|嘉宾们?)(?:是|有|分别是|包括)[：:]", w.text) and re.search(
                            r"任命|当选|表彰|授予|获得", article.clean[max(0, w.cstart - 60):w.cstart]):
                        new_lead = []  # …任命了…组成人员。他们是：…: the appointees, not guests present
                    gap = w.text[last_end:p.start - w.cstart]
                    # the list goes on past a name we could not read (…、张又侠、张国清…): keep its lead
                    if not new_lead and lead and not re.search(r"[。；：]", gap) and len(_strip_filler(_mask(
                            w.text, w.masked, last_end, p.start - w.cstart))) <= 8:
                        new_lead = lead
                    lead = new_lead
                last_end = p.post_end - w.cstart
                rel_end = p.post_end - w.cstart
                nxt = plist[k + 1].start - w.cstart if k + 1 < len(plist) else len(w.text)
                segment_text = _mask(w.text, w.masked, rel_end, nxt)
                if segment_text == "夫人" and k + 1 < len(plist):
                    continue  # 李克强总理夫人程虹…同机抵达: the husband names the wife (X和夫人Y: both)
                roles, joins = _predicate(segment_text)
                if segment_text == "在" and k + 1 < len(plist) and re.match(
                        r"(?:等人?)?的(?:陪同|陪伴)下", w.text[plist[k + 1].post_end - w.cstart:]):
                    roles, joins = ["attended"], False  # 李克强在洪森的陪同下检阅仪仗队: both present
                rel = _RELATIVE_CUE.search(_mask(w.text, w.masked, max(0, p.start - w.cstart - 14), p.start - w.cstart))
                if rel and _FUTURE.search(_mask(w.text, w.masked, max(0, p.start - w.cstart - 60), p.start - w.cstart)):
                    rel = None  # 将为来华访问并出席会议开幕式的某国总统举行国事活动: a planned event, nobody present yet
                if rel:  # 列席会议的刘忻: this name's own role
                    assign([p], [L.ROLE_CUES[rel.group(1)]], w)
                if not roles and re.match(r"(?:等)?(?:就|围绕|针对)", segment_text):
                    # 沈跃跃、王勇围绕学习贯彻习近平总书记…精神作发言: the topic holds a name, the verb comes after it
                    roles = [r for r in _predicate(_rest(w, rel_end))[0]
                             if r in ("spoke", "reported")]
                if roles and nxt < len(w.text):
                    # 出席会议，传达习近平重要指示并讲话: verbs of the same subject run past a name in their object
                    more, _ = _predicate(_rest(w, rel_end))
                    if more and more[0] == roles[0]:
                        roles = list(dict.fromkeys(roles + more))
                if not roles and k + 1 < len(plist) and _COMITATIVE.fullmatch(_TIME_RE.sub("", segment_text)) and (
                        segment_text[:1] not in "，," or self._clause_subject(w, (group + [p])[0].start - w.cstart)):
                    subjects = group + [p]  # 李强同马来西亚总理安瓦尔共同出席…: the subject, then its partners
                    group = []
                    continue
                if not roles and k + 1 < len(plist) and not subjects:
                    # 习近平感谢金正恩为此访所作安排，表示…: the verb after the one addressed is the subject's
                    m = _ADDRESS.match(w.text, rel_end)
                    if m:
                        roles = _predicate(_rest(w, m.end()))[0]
                group.append(p)
                if roles and _PLANNED.search(w.text, max(0, max(w.text.rfind(c, 0, group[0].start - w.cstart) for c in "，。；") + 1),
                                             group[0].start - w.cstart):
                    roles = []  # 习近平主席将分别为…的A、B举行国事活动: a planned event; the names are its future guests
                    joins = False
                if not roles and segment_text.startswith(("的提问", "的问题")) \
                        and _ANSWERED.search(w.text, max(0, p.start - w.cstart - 60), p.start - w.cstart):
                    assign([p], ["spoke"], w)  # 回答了某论坛主席X的提问: X asked (a question is an utterance)
                    continue
                if roles and host is not None and _JOINT_AFTER_AUDIENCE.match(segment_text):
                    assign([host], [r for r in roles if r in ("chaired", "attended")], w)  # A会见B，并共同主持X: A too
                host = p if not roles and segment_text.endswith(("会见", "会谈", "会晤", "会见了", "会谈了", "会晤了")) else None
                if roles:
                    if subjects:
                        assign(subjects, roles, w)
                        roles = _co_roles(segment_text)
                        subjects = []
                    assign(group, roles, w)
                    group = []
                elif not joins or k + 1 == len(plist):
                    assign(group, lead, w)
                    group = []
                    subjects = []
        self._audience_roles(article, works, audiences, meeting_at, out)
        return list(out.values())

    def _audience_roles(self, article: Article, works: list[_SentenceWork], audiences: list[_Audience],
                        meeting_at: dict[int, str], out: dict[tuple[str, str], Participation]) -> None:
        """Host and guests of an audience (X会见Z) are present at it."""
        for si, host, guests, m in audiences:
            w = works[si]
            current = meeting_at.get(si)
            if current is None:
                continue
            for q in [host] + guests:
                if (q.name, "attended") not in out:
                    out[(q.name, "attended")] = Participation(q.name, "attended", current,
                                                              self._evidence(article, w, q.start, q.end, q.method))
            if not guests and w.text.startswith("集体", m.start()):
                # 集体会见…外方议会领导人。A、B、C代表外方发言: the guests who speak are present at it
                for (name, role), part in list(out.items()):
                    if role == "spoke" and part.evidence.sentence > si and (name, "attended") not in out \
                            and name not in KNOWN_LEADERS:  # (the visitors, not a leader quoted in a speech)
                        out[(name, "attended")] = dataclasses.replace(part, role="attended")

    @staticmethod
    def _drop_instructing(works: list[_SentenceWork], persons: list[_Person],
                          participations: list[Participation]) -> list[Participation]:
        """Who 作出重要指示 from afar (习近平…作出重要指示指出 / 习近平强调) speaks, but does not attend, unless a cue says so."""
        far = {p.name for p in persons
               if _INSTRUCTS.match(works[p.sentence].text, p.post_end - works[p.sentence].cstart)
               or _DATED_STATEMENT.match(works[p.sentence].text, p.post_end - works[p.sentence].cstart)}
        present = {p.person for p in participations if p.role in ("chaired", "attended", "attended_nonvoting")}
        return [p for p in participations if p.person not in far or p.person in present]

    def _honorific_posts(self, article: Article, works: list[_SentenceWork], persons: list[_Person],
                         participations: list[Participation], meetings: list[Meeting], region_hits) -> list[Holding]:
        """栗战书委员长 / 宁吉喆委员 at a meeting: the post that the title after a participant's name stands for.

        In a local paper a local head's title after the name (刘振东副省长到我县调研) takes the region of its level
        from the context (the paper's province)."""
        attending = {p.person for p in participations}
        body = next((b for m in meetings for key, b in L.MEMBER_BODIES if key in m.name), None)
        if body is None and any(_AT_CPPCC_SESSION.search(w.text) for w in works):
            body = "全国政协"  # 看望参加全国政协十四届四次会议的…委员: members at the CPPCC session
        out = []
        for p in persons:
            if not p.honorific:
                continue
            w0 = works[p.sentence]
            # 并委托王晨副委员长向…作说明: a named delegate acts for the body, so the title is stated for him
            delegated = p.honorific in L.HONORIFIC_POSTS and p.honorific != "总书记" \
                and w0.text[max(0, p.start - w0.cstart - 2):p.start - w0.cstart] == "委托"
            if p.name not in attending and not delegated:
                continue
            title = L.HONORIFIC_POSTS.get(p.honorific)
            if title is None and p.honorific in ("委员", "常委") and body:
                title = body + p.honorific
            level = _LOCAL_HONORIFIC_LEVELS.get(p.honorific)
            if title is None and level and article.home_region:
                region = self._context_region(level, w0, p.start - w0.cstart, article, region_hits, None)
                if region is not None:
                    out.append(Holding(p.name, region.name, p.honorific,
                                       self._evidence(article, w0, p.start, p.post_end)))
            if title:
                out.append(Holding(p.name, "中央", title, self._evidence(article, works[p.sentence], p.start, p.post_end)))
            if title and p.honorific in ("委员", "常委"):
                # 杨关林、李巍、丛斌委员: the member title after the last name of a 、-list holds for the whole list
                w = works[p.sentence]
                same = sorted((q for q in persons if q.sentence == p.sentence and q.end <= p.start), key=lambda q: q.end)
                nxt = p
                for q in reversed(same):
                    if w.text[q.end - w.cstart:nxt.start - w.cstart] != "、" or q.honorific or q.name not in attending:
                        break
                    out.append(Holding(q.name, "中央", title, self._evidence(article, w, q.start, p.post_end)))
                    nxt = q
        return out

    _SPEECH_AT_MEETING = re.compile(r"(?:同志|总书记|主席)?在((?:[^，。；、“”《》上]){2,50}?(?:会议|大会|全会|座谈会))上(?:发表)?的重要讲话")
    _AT_MEETING_BEFORE = re.compile(r"在((?:[^，。；、“”《》上]){2,50}?(?:会议|大会|全会|座谈会))上[，,]$")
    _SPEECH_AFTER = re.compile(r"(?:同志|总书记|主席)?发表的重要讲话")

    def _recalled_speeches(self, article: Article, works: list[_SentenceWork], persons: list[_Person],
                           meetings: list[Meeting]) -> list[Participation]:
        """A reaction story holds no meeting but names the one a speech was given at (习近平总书记在中央经济工作
        会议上的重要讲话引发热烈反响; 在…工作会议上，习近平总书记发表的重要讲话…): the speaker spoke there."""
        out: dict[str, Participation] = {}
        by_name: dict[str, str] = {}
        for p in persons:
            if p.name not in KNOWN_LEADERS or p.name in out:
                continue
            w = works[p.sentence]
            m = self._SPEECH_AT_MEETING.match(w.text, p.post_end - w.cstart)
            name = m.group(1) if m else None
            if m is None:
                b = self._AT_MEETING_BEFORE.search(w.text, max(0, p.start - w.cstart - 60), p.start - w.cstart)
                if b and self._SPEECH_AFTER.match(w.text, p.post_end - w.cstart):
                    name = b.group(1)
            if name is None or name.startswith(("这次", "此次", "本次", "该", "这")):
                continue
            if name not in by_name:
                by_name[name] = self._add_meeting(meetings, name, article, works, p.sentence, p.start, p.post_end)
            out[p.name] = Participation(p.name, "spoke", by_name[name], self._evidence(article, w, p.start, p.end, p.method))
        return list(out.values())

    # -- meetings ---------------------------------------------------------------------------
    def _meetings(self, article: Article, works: list[_SentenceWork], region_hits,
                  persons: list[_Person]) -> tuple[list[Meeting], dict[int, str], list[_Audience]]:
        """Meetings held in the article (inspections and audiences too), with the sentence -> meeting map for
        roles and the audiences found (their hosts and guests are present)."""
        cands: list[tuple[str, int, int, int]] = []  # (name, sentence, clean start, clean end)
        for w in works:
            for s, e, name in _meeting_spans(w.text):
                cands.append((name, w.sentence.index, w.cstart + s, w.cstart + e))
        headline = [name for _, _, name in _meeting_spans(article.title, require_held=False)]
        all_names = [c[0] for c in cands] + headline
        unique_names = sorted(set(all_names))
        bare = set(L.MEETING_SUFFIXES)
        named = any(c[0] not in bare for c in cands)
        meetings: list[Meeting] = []
        by_name: dict[str, str] = {}
        meeting_at: dict[int, str] = {}
        for name, si, s, e in cands:
            if name in bare and named:
                continue  # "出席会议": the meeting already named
            longer = [n for n in unique_names if n != name and n.endswith(name) and len(n) > len(name)]
            if longer:
                name = max(longer, key=len)
            name = self._resolve_body(name, works[si], s - works[si].cstart, article, region_hits)
            if name not in by_name:
                by_name[name] = self._add_meeting(meetings, name, article, works, si, s, e)
            meeting_at.setdefault(si, by_name[name])
        for si, name, s, e in self._inspections(works, persons):
            if name not in by_name:
                by_name[name] = self._add_meeting(meetings, name, article, works, si, s, e)
            meeting_at.setdefault(si, by_name[name])
        audiences = self._audiences(article, works, persons)
        for si, host, guests, m in audiences:
            w = works[si]
            name = host.name + w.text[m.start():m.end()] + "".join(g.name for g in guests[:3])
            if name not in by_name:
                by_name[name] = self._add_meeting(meetings, name, article, works, si, host.start, w.cstart + m.end())
            meeting_at.setdefault(si, by_name[name])
        return meetings, meeting_at, audiences

    _AUDIENCE = re.compile(r"(?:集体)?(?:会见|接见)了?")

    def _audiences(self, article: Article, works: list[_SentenceWork], persons: list[_Person]) -> list[_Audience]:
        """Audiences (X在Y会见Z): (sentence, host, guests named in the clause after the verb, match).

        The host is the person right before the verb (only places, times and fillers between); a
        会见 inside reported speech (…表示，习近平主席会见…) or used as a noun (会见时, 会见后) is no event.
        """
        out = []
        by_sentence: dict[int, list[_Person]] = {}
        for p in persons:
            if p.method != "coref":
                by_sentence.setdefault(p.sentence, []).append(p)
        for w in works:
            plist = by_sentence.get(w.sentence.index, [])
            if not plist:
                continue
            for m in self._AUDIENCE.finditer(w.text):
                if w.text[m.start() - 1:m.start()] in ("的", "在") or w.text[m.end():m.end() + 1] in ("时", "后", "前", "中", "的"):
                    continue
                para = article.clean[max(article.clean.rfind("\n", 0, w.cstart) + 1, w.cstart - _PARA_WINDOW):w.cstart]
                if _SPEECH_OPEN.search(w.text, 0, m.start()) or _SPEECH_OPEN.search(para):
                    continue  # 韩正表示，…。去年6月，习近平主席会见…: an earlier audience in reported speech
                a = w.cstart + m.start()
                before = [p for p in plist if p.post_end <= a]
                if not before:
                    continue
                host = before[-1]
                gap = w.text[host.post_end - w.cstart:m.start()]
                if _ALLOWED_RESIDUE.fullmatch(_strip_filler(gap)) is None:
                    continue
                stop = re.search(r"[，。；]", w.text[m.end():])
                if re.search(r"[让使令]", w.text[m.end():m.end() + (stop.start() if stop else 60)]):
                    continue  # 总书记亲切会见…代表让…备受鼓舞: the audience as the subject of a reaction
                end = w.cstart + m.end() + (stop.start() if stop else len(w.text) - m.end())
                guests = [p for p in plist if w.cstart + m.end() <= p.start and p.end <= end and p.name != host.name
                          and not _OBJECT_NAME.match(w.text, p.post_end - w.cstart)]
                # 市委书记A、市长B在津会见…: the hosts listed before the last one are present too
                nxt = host
                for q in reversed(before[:-1]):
                    link = w.text[q.post_end - w.cstart:nxt.start - w.cstart]
                    if not link[:1] in ("、", "和") or link[1:] and parse_title(link[1:]) is None:
                        break
                    guests.append(q)
                    nxt = q
                out.append((w.sentence.index, host, guests, m))
        return out

    def _add_meeting(self, meetings: list[Meeting], name: str, article: Article, works: list[_SentenceWork],
                     si: int, s: int, e: int) -> str:
        key = f"m{len(meetings) + 1}"
        when = _sentence_date(works[si].text, article.published) or _article_date(works, article.published)
        meetings.append(Meeting(key, name, when, self._evidence(article, works[si], s, e)))
        return key

    _INSPECTION = re.compile(r"(?:在|到|赴|前往)([^，。；]{1,40}?)(?:考察|调研|视察)(?!成果|报告|结果|材料|课题)|(?:带队)?(?:考察|调研|视察)(?!成果|报告|结果|材料|课题)了?|抵达"
                             r"|(?:检查|督查|督导)(?=[^，。；]{2,30}?工作)|带队(?:检查|督查|督导)|带队[，,][^。；]{0,24}?(?:暗访|检查|督查|督导)|暗访")
    # 先后来到A、B，调研… / 深入巢湖市，调研… / 来济督导检查…: the places first, the visit verb after a comma
    _INSPECTION_TO = re.compile(r"(?:先后|分别)?(?:到|赴|前往|来到|深入|走进|来)([^，。；]{1,40}?)[，,]?(?:考察|调研|视察|督导|督查)")

    def _inspections(self, works: list[_SentenceWork], persons: list[_Person]) -> list[tuple[int, str, int, int]]:
        """A person's visit (X在Y考察 / X到Y调研 / X考察了Y) as an event: (sentence, name, clean start, end)."""
        out = []
        by_sentence: dict[int, list[_Person]] = {}
        for p in persons:
            by_sentence.setdefault(p.sentence, []).append(p)
        for w in works:
            plist = by_sentence.get(w.sentence.index, [])
            hit = None
            for rx in (self._INSPECTION, self._INSPECTION_TO):
                for m in rx.finditer(w.text):
                    a = w.cstart + m.start()
                    before = [p for p in plist if p.post_end <= a and p.method != "coref"]
                    if not before:
                        continue
                    p = before[-1]
                    gap = w.text[p.post_end - w.cstart:m.start()]
                    if _ALLOWED_RESIDUE.fullmatch(_strip_filler(gap)) is None:
                        continue
                    if re.search(r"(?:学习|贯彻|落实|领会)$", w.text[max(0, p.start - w.cstart - 4):p.start - w.cstart]):
                        continue  # 学习贯彻习近平总书记在辽宁考察时的重要讲话精神: an earlier visit, the object studied
                    place = m.group(1) or ""
                    name = f"{p.name}{'在' + _TIME_RE.sub('', place) if place else ''}{m.group(0)[-2:] if not place else w.text[m.end() - 2:m.end()]}"
                    hit = (w.sentence.index, name, p.start, w.cstart + m.end())
                    break
                if hit:
                    break
            if hit:
                out.append(hit)
        return out[:1]  # one visit per article: later sentences describe its stops

    def _resolve_body(self, name: str, w: _SentenceWork, pos: int, article: Article, region_hits) -> str:
        """市委常委会会议 -> 南通市委常委会会议 (implicit body from the home region or context)."""
        for lv in L.LEVELS:
            if name.startswith(lv) and _starts_with_any(name[len(lv):], ("委", "党委", "人大", "政协", "政府", "人民政府")):
                region = self._context_region(lv, w, pos, article, region_hits, None)
                if region is not None:
                    return region.name + name[len(lv):] if region.name.endswith(lv) else name
        return name

    # -- documents --------------------------------------------------------------------------
    def _documents(self, article: Article, works: list[_SentenceWork], meetings: list[Meeting],
                   meeting_at: dict[int, str]) -> list[DocumentAction]:
        out: dict[tuple[str, str], DocumentAction] = {}
        current = meetings[0].key if meetings else None
        names = {m.key: m.name for m in meetings}
        verbs = sorted(_BOOK_DOC_ACTIONS, key=len, reverse=True)
        summary_adopted = False
        for w in works:
            current = meeting_at.get(w.sentence.index, current)
            text = w.text
            heard = _heard_titles(text)
            prev: Optional[tuple[int, str, Optional[str]]] = None  # (end of previous title, action, issuer)
            for s, e in _book_titles(text):
                title = text[s + 1:e - 1].strip()
                if not title or _other_body_acts(text, s, names.get(current, "")):
                    continue
                if _TITLE_AS_MODIFIER.match(text, e) or _TOPIC_CLAUSE.match(text, e):
                    prev = None  # 研究《X》编制工作 / 制定出台《X》，就是要…: the work or the act is the object, not the text
                    continue
                if re.match(r"稿(?![\u4e00-\u9fff])|稿(?=[和及、等])", text[e:e + 2]):
                    title += "稿"  # 讨论…《政府工作报告》稿: the draft text (…》稿在…征求意见的情况 keeps the name)
                action = issuer = None
                if prev is not None and re.fullmatch(r"[、和及与\s]*(?:新版)?", text[prev[0]:s]):
                    action, issuer = prev[1], prev[2]
                elif s in heard:
                    action, issuer = "studied", heard[s]  # 听取了A委员会《X》、B委员会《Y》的汇报
                else:
                    before = text[max(0, s - 40):s]
                    for v in verbs:
                        k = before.rfind(v)
                        if k < 0:
                            continue
                        between = before[k + len(v):]
                        between = between[1:] if between.startswith("了") else between
                        between = re.sub(r"^(?:修订后的|新修订的|修改后的|新制定的|修订|制定|修改|起草|出台|落实|实施|贯彻)", "",
                                         between)
                        if v in ("签署", "发表"):
                            if before[:k].endswith("见证") or _LONG_AGO.search(text, 0, s) \
                                    or re.match(r"[\u4e00-\u9fff](?<![和及与等并一二三四五六七八九十两多])", text[e:e + 1]):
                                break  # 见证签署《…》, 65年前…签署《…》, 发表《X》领导人联合声明: not a text signed here
                            between = re.sub(r"^新版", "", between)  # 签署了…、新版《…纲要》
                        # 传达了自治区党委办公厅印发的《…》: the organ that issued the text is its issuer
                        between = re.sub(r"(?<=[厅办部委局院府会])(?:印发|下发|制定|出台|发布)的$", "", between)
                        # 讨论国务院拟提请…会议审议的《政府工作报告》稿: the draft is discussed; the later review is elsewhere
                        if v in ("讨论", "审议", "研究", "学习"):
                            between = re.sub(r"^[^，。；《》]{0,12}?拟?提请[^，。；《》]{2,40}?(?:审议|审查)的$", "", between)
                        if between == "" and v in ("印发", "发布", "出台") and _issued_by_other(before[:k], names.get(current, "")):
                            break  # 近日，中共中央办公厅印发《X》: another body's act, reported to the meeting
                        if between == "" or (len(between) <= 25 and _ends_with_any(between, L.ORGAN_SUFFIXES)
                                             and not re.search(r"[，。；、]", between)):
                            action = _BOOK_DOC_ACTIONS[v]
                            issuer = between or None
                            break
                if action is None and _EXPLAINED_TITLE.match(text, e) and "听取" in text[max(0, s - 80):s]:
                    action = "studied"  # 听取了关于《X（修订草案）》起草情况的说明: the draft explained to the meeting
                if action is None and _OPINIONS_ON_BOOK.search(text, max(0, s - 50), s) and text.startswith("的意见", e):
                    action = "studied"  # 听取A、B代表对《X（征求意见稿）》的意见建议
                if action is not None and (_WILL_ACT.search(text, max(text.rfind(c, 0, s) for c in "，。；") + 1, s)
                                           or _agenda_item(text, s)):
                    action = None  # 届时，习近平主席还将同…共同签署并发表《X宣言》: a planned act, not one done
                prev = (e, action, issuer) if action else None
                if action is None:
                    continue
                key = (title, action)
                if key not in out:
                    out[key] = DocumentAction(title, action, current, issuer,
                                              self._evidence(article, w, w.cstart + s, w.cstart + e))
            summary = _summary_documents(text)
            if summary_adopted and (mm := _SUMMARY_REVISED_NEXT.match(text)):
                summary.append((mm.group(1), "adopted", mm.start(1), mm.end(1)))  # 新修订的A法，… after 会议审议通过的B法
            summary_adopted = bool(_SUMMARY_ADOPTED_OF.search(text))
            for title, action, s, e in _plain_documents(text) + _heard_drafts(text) + _heard_reports(text) + summary:
                if _other_body_acts(text, s, names.get(current, "")):
                    continue
                key = (title, action)
                # (关于A草案审议结果的报告 after 委员会关于A草案审议结果的报告: the same report without its issuer)
                if key not in out and not any(k[0] == title and not (action == "adopted" and k[1] == "studied") or title.startswith("关于") and k[0].endswith(title)
                                              and 2 <= len(k[0]) - len(title) <= 20 for k in out):
                    out[key] = DocumentAction(title, action, current, None,
                                              self._evidence(article, w, w.cstart + s, w.cstart + e))
        # 主席团提出A主任、B院长人选名单后，各代表团…酝酿。…会议分别经过表决: the name lists the meeting voted on
        for i, w in enumerate(works):
            for m in _PROPOSED_LIST.finditer(w.text):
                if not any(_VOTED.search(x.text) for x in works[i + 1:i + 4]):
                    continue
                items = m.group(1)[:-4].split("、")
                if len(items) > 1 and all(len(x) >= 5 and re.search(r"(?:会|院|委|部|署|局|行|厅)[\u4e00-\u9fff]{1,4}$", x)
                                          for x in items):
                    titles = [x + "人选名单" for x in items]  # each organ's own list (3个人选名单)
                else:
                    titles = [m.group(1)]  # 主席、副主席、秘书长人选名单: one list for one body
                for t in titles:
                    out.setdefault((t, "adopted"), DocumentAction(t, "adopted", current, None,
                                                                  self._evidence(article, w, w.cstart + m.start(1), w.cstart + m.end(1))))
        # 通过了这三个审议结果的报告: the reports studied earlier in the article are adopted
        for w in works:
            for m in _REF_ADOPT.finditer(w.text):
                for key in [k for k in list(out) if k[1] == "studied" and k[0].endswith(m.group(1))]:
                    d = out[key]
                    out.setdefault((key[0], "adopted"), DocumentAction(d.title, "adopted", d.meeting, d.issuer, d.evidence))
        # 听取了…关于A草案修改稿修改意见的报告 … 通过了上述报告和草案表决稿: the reports heard and their drafts are adopted
        for w in works:
            if not _REF_ADOPT_DRAFTS.search(w.text):
                continue
            for key in [k for k in list(out) if k[1] == "studied" and out[k].evidence.sentence < w.sentence.index]:
                mm = re.search(r"关于(.+?(?:草案|修正案))(?:修改稿)?(?:修改意见|审议结果)的报告$", key[0])
                if mm:
                    d = out[key]
                    draft = ("关于" if re.search(r"的(?:决定|决议|解释)草案$", mm.group(1)) else "") + mm.group(1)
                    for t in (key[0], draft):
                        out.setdefault((t, "adopted"), DocumentAction(t, "adopted", d.meeting, d.issuer if t == key[0] else None,
                                                                       d.evidence))
        # 讨论《X》… 讨论并原则通过《X》: a document adopted in the article is not also listed as studied
        adopted = {t for t, a in out if a == "adopted"}
        # 审议了国务院关于提请审议X草案的议案: the draft before the meeting is the document, not the motion
        drafts = {t for t, a in out}
        return [d for (t, a), d in out.items() if not (a == "studied" and t in adopted) and not _PERSONNEL_DOC.search(t)
                and not (a == "studied" and (mm := re.search(r"关于提请审议([^《》]+)的议案$", t)) and mm.group(1) in drafts)
                and not _ANAPHORIC_APPROVAL.fullmatch(t)]
        # (关于批准的决定草案代拟稿, 关于批准条约的决定草案代拟稿, 关于批准该公约的决定草案代拟稿: anaphoric)

    # -- reporters --------------------------------------------------------------------------
    def _reporters(self, article: Article, works: list[_SentenceWork]) -> list[PersonMention]:
        out = []
        for w in works:
            for m in _REPORTER.finditer(w.text):
                for nm in re.finditer(r"[\u4e00-\u9fff·]{2,6}", m.group(1)):
                    name = nm.group(0)
                    # 记者 于晓婷: a byline holds a name, so a surname read only before a title elsewhere (于) is one
                    probe = "王" + name[1:] if name[0] in L.TITLE_ONLY_SURNAMES and len(name) <= 3 else name
                    if name_ends(probe, 0, len(probe)) and len(probe) in name_ends(probe, 0, len(probe)) \
                            or _byline_name(name, w.text, m.start(), m.start(1) + nm.end()):
                        s = m.start(1) + nm.start()
                        out.append(PersonMention(name, self._evidence(article, w, w.cstart + s, w.cstart + s + len(name))))
        seen: set[str] = set()
        return [r for r in out if not (r.name in seen or seen.add(r.name))]

    # -- metropolitan circles ---------------------------------------------------------------
    def _circle_facts(self, article: Article, works: list[_SentenceWork]) -> tuple[MetropolitanCircle, ...]:
        out = []
        for name, info in _circles().items():
            for w in works:
                k = w.text.find(name)
                if k >= 0:
                    out.append(MetropolitanCircle(name, info["core"], tuple(info["members"]),
                                                  self._evidence(article, w, w.cstart + k, w.cstart + k + len(name))))
                    break
        return tuple(out)


# ---------------------------------------------------------------------------------------- helpers

#: How far past a name its predicate is read. Every pattern _predicate applies reaches a few hundred characters at
#: most; without a bound, a sentence of thousands of characters (commas only) cost O(length) per person.
_PREDICATE_WINDOW = 1000
_NATIONAL_OR_PARTY = L.NATIONAL_PREFIXES + ("中共",)
_BOOK_SPAN = re.compile(r"《[^《》]{1,200}》")


def _rest(w: "_SentenceWork", start: int) -> str:
    """The masked sentence text from ``start``, as far as a predicate can reach."""
    return _mask(w.text, w.masked, start, min(len(w.text), start + _PREDICATE_WINDOW))


def _mask(text: str, masked: list[tuple[int, int]], start: int, end: int) -> str:
    """text[start:end] with title spans blanked out (they sit between members of a person group).

    ``masked`` is sorted by start (pass 1 appends in text order), so only the spans that can overlap
    the window are visited: linear overall, even for a very long sentence.
    """
    out = []
    pos = start
    k = bisect.bisect_left(masked, (start - 80, 0))  # titles are shorter than 80 characters
    for ms, me in masked[k:]:
        if ms >= end:
            break
        if me <= pos:
            continue
        out.append(text[pos:max(pos, ms)])
        pos = max(pos, me)
    out.append(text[pos:end] if pos < end else "")
    return "".join(out)


_FILLER_RE = re.compile("|".join(sorted(map(re.escape, L.PREDICATE_FILLER), key=len, reverse=True)))
_ALLOWED_RESIDUE = re.compile(
    r"(?:在|并|[\u4e00-\u9fff]{1,10}(?:厅|堂|宫|馆|大厦|宾馆|酒店|会场|会议中心|展览中心|会展中心)|在.{1,8}时|在[^，,、；。]{1,12}?(?:上|中|下|前|里)?(?:以视频方式|通过视频|视频)?|向[^，,、；。]{1,8}?"
    r"|(?:就|围绕|针对|结合)[^；。]{1,120}?(?:作了?|分别)?"
    r"|(?:现场或?)?(?:(?:以|通过)(?:视频|书面|线上|其他|其它)?方式|通过视频|视频|书面)(?:发表了?)?|(?:也|还)?(?:前往|到|赴)[^，,、；。]{1,8}"
    r"|(?:带队|率队)?(?:[到赴]|前往)[^，。；]{0,24}?(?:考察|调研|视察)[^，。；]{0,24}?[，,]?并"
    r"|带队|率队|带领[^，,、；。]{1,12}|率[^，,、；。]{1,12}|受[^，,、；。]{0,12}委托[，,]?"
    r"|(?:率[^，,、；。]{1,10}?)?乘(?:坐)?(?:专机|飞机|火车|高铁)(?:抵达[^，,、；。]{1,8}[，,]?)?"
    r"|(?:作了?|发表了?)(?:重要|总结|大会|交流|书面|主旨|主题|专题|视频|工作|即席|典型|表态|回应)?"
    r"|作了?(?:工作)?(?:部署|布置|总结|动员|点评|辅导)[，,]?(?:并)?"
    r"|(?:[在到赴].{0,24}?)?(?:考察|调研|视察)了?并?(?:在.{0,8})?"
    r"|代表[^，,、；。：向]{0,14}?(?:中央|委员会|组委会|团体|单位|党派|政府|人民|方面|各界|组织|协会|集体|学校|人员|机关|部门)"
    r"(?:作了?|发表了?)?)?")  # 代表各人民团体致贺词: speaking on behalf of a body
_LEAD_FILLER = re.compile(r"作为[^，。；]{1,20}?代表[，,]?|(?:以及|及)[\u4e00-\u9fff]{1,8}?(?:界|企业|青年|群众|各方)代表(?=先后|分别|也|共同|一起|相继|$)|以及[^，。；]{1,30}?(?:代表|人士|嘉宾|成员|官员|专家|学者)等?(?:约|近|逾|超过)?[\d一二三四五六七八九十百千万]*(?:余|多)?人|在[^，。；]{1,30}?[主分]会场(?:[和及与][^，。；]{1,20}?[主分]会场)*|代表[\u4e00-\u9fff]{1,15}$|[省市区县州]委常委|[省市区县州](?:级)?领导|来自[^，。；]{1,40}?(?:代表|人士|嘉宾|贵宾|成员|官员|领导人|企业家)(?:[和及、][^，。；和及、]{0,8}?(?:代表|人士|嘉宾|贵宾|成员|官员|领导人|企业家))*(?:等?(?:约|近|逾|超过)?[\d一二三四五六七八九十百千万]+(?:余|多)?人)?|以及[\u4e00-\u9fff、]{2,30}?(?:代表|领导人|外长|部长|官员|使节)(?=与会|出席|参加|列席|$)|[\u4e00-\u9fff、]{0,70}?(?:有关部门|有关方面|有关单位)?负责(?:同志|人)|等(?:外国|各国|外方|与会|中外|知名)?前?(?:领导人|政要|专家学者|专家|学者|企业家)们?"
                          r"|(?:和|及|以及)[\u4e00-\u9fff]{2,16}?(?:代表|秘书长|总干事)(?=以及|和|及|等|与会|出席|参加|列席|$)"  # 和印度代表以及某组织秘书长等参加
                          r"|(?<=等)(?:约|近)?[\d一二三四五六七八九十两]+(?:位|名|人)(?:(?:全国)?(?:政协|人大)?(?:委员|常委|代表)|同志|专家|嘉宾|企业家|企业负责人|负责人)?"
                          r"|[\u4e00-\u9fff]{0,20}?(?:老同志|全体成员|各界人士|干部群众|各族群众|群众代表|团成员|组成员|委员会委员|负责人)")


_COUNTED_GROUP = re.compile(r"(?:[、和及][\u4e00-\u9fff]{0,8}?(?:使节|专家学者|专家|学者|嘉宾|人士|企业家|政要))+(?=等)"
                            r"|等?(?:约|近|逾|超过)?[\d一二三四五六七八九十百千]+(?:余|多)?(?:人|位嘉宾)(?=出席|参加|与会|到会|$)")
_TIME_RE = re.compile(r"于?当地时间|于(?=\d)|(?<=日)[晚早](?![宴会餐])|(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日|上午|下午|晚上|晚间|当天|今天|昨天|今日|昨日|日前|近日|"
                      r"在[\u4e00-\u9fff]{1,6}(?:以视频方式|通过视频)")


# 印度、巴基斯坦外长以及观察员国代表与会: countries' unnamed office-holders, not a name's predicate
_COUNTRY_ALT = "|".join(sorted(map(re.escape, L.COUNTRIES), key=len, reverse=True))
_UNNAMED_COUNTRY_GROUP = re.compile(r"(?:^|[，,])(?:" + _COUNTRY_ALT + r")(?:[、和及](?:" + _COUNTRY_ALT + r"))*(?:等国)?"
                                    r"(?:外长|外交部长|政府代表|代表|领导人|官员)(?=以及|和|及|等|与会|出席|参加|列席|$)")


_UNNAMED_GROUP_RANK = re.compile(r"(?:外长|代表|领导人|官员)(?=以及|和|及|等|与会|出席|参加|列席|$)")


def _strip_filler(text: str) -> str:
    if ("外长" in text or "代表" in text or "领导人" in text or "官员" in text) and _UNNAMED_GROUP_RANK.search(text):
        text = _UNNAMED_COUNTRY_GROUP.sub("", text)
    text = _TIME_RE.sub("", text)
    if "按" in text:
        text = _ORDER_NOTE.sub("", text)
    counted = "人" in text or "嘉宾" in text
    text = _LEAD_FILLER.sub("", text)
    if counted:
        text = _COUNTED_GROUP.sub("", text)  # …、各国驻华使节、专家学者等400余人出席
    text = _FILLER_RE.sub("", text)
    for s, e, _ in reversed(R.find_mentions(text)):
        text = text[:s] + text[e:]
    return text


_LEAD_ROLE = re.compile(r"(出席|参加|列席|陪同)[^，。；]{0,24}?(?:的|人员)[^，。；]{0,12}?(?:还有|有|包括)[：:]?"
                        r"(?:[\u4e00-\u9fff]{0,6}(?:领导|负责同志))?$|(在主席台就座)的(?:还有|有)[：:]?$"
                        r"|(?:^|[。；\n])(?:他们|贵宾们?|嘉宾们?)(?:是|有|分别是|包括)[：:][^。；：]{0,240}$")  # (a long guest list)


def _lead_roles(before: str) -> list[str]:
    """Roles announced before a list of names (出席座谈会的党外人士还有…, 在主席台就座的还有：…)."""
    m = _LEAD_ROLE.search(before)
    if not m:
        return []
    return [L.ROLE_CUES[m.group(1)]] if m.group(1) else ["attended"]  # (他们是：A、B…: the guests just named)


_OBJECT_NAME = re.compile(r"(?:同志)?为核心|(?:同志)?的|(?:总书记|主席)?(?:的)?(?:重要讲话|重要指示|重要论述|贺信|贺电)")
_SPEECH_OPEN = re.compile(r"(?:指出|强调|表示|认为|要求|希望|说|提出)[，：:]")
# 某国外长某某21日说 / 某某4日表示: a statement reported by its day, not an utterance at the event
_DATED_STATEMENT = re.compile(r"(?:当地时间)?\d{1,2}日(?:说|表示|称|指出|发表声明)")
_INSTRUCTS = re.compile(r"[^，。；]{0,30}?(?:作出|做出)(?:重要)?(?:指示|批示)|[^，。；]{0,30}?(?:(?:发来|致)(?:贺信|贺电)|致信|复信|回信)|[^，。；就]{0,12}就[^，。；]{2,80}?(?:作出|做出)(?:重要)?(?:指示|批示)")

_REPORT_RE = re.compile(r"(.{0,6}?)作(?!出)(?:[^，。；“]|“[^“”]{0,80}”){0,200}?(?:报告|说明|讲座|汇报|辅导|讲解)")
# 听取了镇党委书记A、镇长B的工作汇报 / 听取了X关于…的汇报: the report of the name just read
_HEARD_REPORT = re.compile(r"(?:关于[^，。；]{2,80}?)?的(?:工作|情况|专题)?(?:汇报|报告|说明|通报)(?![会时中])")
_EXPLAINED_TITLE = re.compile(r"(?:起草|修订|修改|制定)?(?:情况)?的说明")
_CHAINED_REPORT = re.compile(r"[^，。；]{0,12}?并作了?(?!重要|主旨|总结|交流|大会|即席)[^，。；并]{0,30}?(?:报告|说明|讲座)(?![会厅])")
# 就…作了汇报; 围绕“…”作专题辅导
_REPORT_ON_RE = re.compile(r"(.{0,4}?)(?:就[^。；]{0,80}?作了?(?:汇报|说明|报告)|围绕[^。；]{0,80}?作了?(?:专题|主题)?(?:辅导|讲座))")


_CHAIN_GAP = re.compile(r"[^，,、。；\s]{0,4}|[^，,、。；\s]{0,4}?并(?:就|围绕|针对)[^，,、。；\s]{1,30}?作了?(?:回应|表态|交流|总结)?|[^，,、。；\s]{0,24}?并(?:分别|共同|一同|先后|相继|依次)?(?:(?:发表|作)了?(?:重要|主旨|即席)?)?|[^，,、。；\s]{0,4}?并在[^，,、。；\s]{2,24}?(?:后|上|时)(?:发表|作)了?(?:重要|主旨|即席)?|[^，,、。；\s]{0,30}[，,](?:并|随后|同时|还|又|并在会上|在会上)?(?:在[^，,、。；\s]{2,24}?上?)?")


def _chained_roles(clause: str, last: int, cues) -> list[str]:
    """Further verbs of the same subject: 主持会议并讲话; 出席会议，传达习近平重要指示并讲话."""
    out = []
    first = L.ROLE_CUES.get(clause[max(0, last - 2):last]) or L.ROLE_CUES.get(clause[max(0, last - 4):last])
    prev = clause[max(0, last - 2):last]
    for s, e, c in cues:
        gap = clause[last:s]
        if prev in ("强调", "指出", "表示") or prev.endswith("说"):
            break  # …讲话强调，做好…: what follows a speech verb is its content
        prev = c
        if 2 <= len(gap) <= 3 and plausible_name(gap) or gap[:1] in ("\n", " "):
            break  # 习近平主持并发表重要讲话 李强通报…: headline lines, a new subject
        if "听" in gap or not _CHAIN_GAP.fullmatch(gap) or clause[max(0, s - 2):s].endswith("重要") \
                and not clause[max(0, s - 5):s].endswith(("发表重要", "发表了重要", "并作重要", "并作了重要")) \
                and not re.search(r"并在[^，,、。；\s]{2,24}?(?:后|上|时)作了?重要$", gap):
            break
        if re.search(r"[，,]", gap) and (first == "chaired" or clause[e:e + 2] in ("学习", "贯彻")):
            break  # 主持召开会议，传达学习…: the meeting's agenda, not the chair's report
        out.append(L.ROLE_CUES[c])
        last = e
    return out


_TRANSLIT_BEFORE_HEAD = re.compile(r"(?:^|(?<=[，。；：、\s同与和及向对]))(?![同与和及向对])([\u4e00-\u9fff]{2,5}?)(?:总统|首相|国王)(?![府办夫])")
# 何立峰陪同, 刘鹤出席: a bare name opening a clause before a strong cue; the · variant also takes 雪克来提·扎克尔
_CLAUSE_START = r"(?:^|(?<=[，。；：\s]))"
_STRONG_CUE_AHEAD = r"(?:等)?(?=陪同|出席|主持|参加|列席|致(?:[开闭]幕|欢迎|答谢)?[辞词])"
_CLAUSE_NAME_CUE = re.compile(_CLAUSE_START + r"([\u4e00-\u9fff]{2,3}?)" + _STRONG_CUE_AHEAD)
_CLAUSE_NAME_CUE_DOT = re.compile(_CLAUSE_START + r"([\u4e00-\u9fff]{2,3}?|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{1,10}?)"
                                  + _STRONG_CUE_AHEAD)
_ANSWERED = re.compile(r"回答了?[^，。；]{0,40}$")
_JOINT_AFTER_AUDIENCE = re.compile(r"[，,]?(?:并|随后|之后|后)?(?:同时)?共同(?:主持|出席)")
_PLANNED = re.compile(r"(?:将|即将|将要)(?:于|分别|为|同|与|出席|参加|主持|会见|举行|陪同)[^，。；]*$")
_BRIEFING = re.compile(r"举行[^，。；]{0,10}?(?:吹风会|记者会|发布会)|向[^，。；]{0,10}?(?:媒体|记者)吹风")
_TOPIC_LEAD = re.compile(r"就(?:[^，。；、]{0,10}?(?:主席|总理|委员长|总书记|副总理|副主席))?$")
_FUTURE = re.compile(r"(?:将|即将|将要|拟)[^，。；]{0,30}?(?:出席|参加|列席|陪同)[^，。；、]{0,10}的[^，。；、]{0,12}$")
_RELATIVE_CUE = re.compile(r"(出席|参加|列席|陪同)[^，。；、]{0,10}的$")
_COMITATIVE = re.compile(r"[，,]?(?:在[^，。；、]{1,12}?)?(?:同|与|会同)")  # 习近平和夫人彭丽媛，同…等步入主席台
_ADDRESS = re.compile(r"(?:感谢|祝贺|欢迎|赞赏|赞扬|称赞)[^，。；]{0,30}?[，,](?=表示|指出|强调|说)")


def _co_roles(segment_text: str) -> list[str]:
    """Roles of the partners in A同B共同出席…并致辞: the shared verb only, unless 分别 spreads the rest."""
    clause = _RX_CLAUSE_SPLIT.split(segment_text, maxsplit=1)[0]
    if "合影" in clause and _HANDSHAKE_PHOTO.match(clause):
        return ["attended"]  # A同B、C一一握手并集体合影: the partners are present too
    if "分别" in clause:
        return _predicate(clause)[0]
    return _predicate(re.split(r"[并，,]", clause, maxsplit=1)[0])[0]


_EXCHANGE = re.compile(r"等?(?:在[^，。；]{1,12}?)?(?:进行了?|举行了?)(?:友好|简短|亲切|坦诚)?(?:交流|交谈|寒暄)(?=[，。；]|$)")
# (A同B、C以及…团长)一一握手并集体合影: the handshake and photo are made in person
_HANDSHAKE_PHOTO = re.compile(r"(?:等|以及[^，。；]{0,30}?)?(?:一一|亲切|热情|分别)?握手(?:并|，|,)?[^，。；]{0,12}?合影")
_PHOTO = re.compile(r"(?:(?:亲切)?(?:会见|接见|看望|慰问)[^。；]{0,40}?并(?:同|与|和)|(?:同|与)[^，。；]{1,30}?(?:亲切)?握手并)"
                    r"[^，。；]{0,20}?合影")


@lru_cache(maxsize=1)
def _unnamed_member_re() -> re.Pattern:
    """An unnamed member of a list of leaders: 和印度代表, 观察员国蒙古国领导人, 主席国客人阿塞拜疆、卡塔尔领导人."""
    country = "|".join(sorted(map(re.escape, L.COUNTRIES), key=len, reverse=True))
    return re.compile(r"(?:和|及|以及|、|[，,])*(?:(?:成员国|观察员国|主席国|对话伙伴国?)(?:客人)?)?"
                      r"(?:(?:" + country + r")[、和及]?){1,12}(?:代表|领导人)(?:和|及|以及|、|[，,])*")


def _unnamed_members(segment_text: str) -> bool:
    """Is the text between two listed leaders only unnamed members (…穆赫贝尔和印度代表，观察员国…领导人，以及古特雷斯)?"""
    if not segment_text or len(segment_text) > 120 or re.search(r"[。；;：:]", segment_text):
        return False
    rx = _unnamed_member_re()
    pos = 0
    while pos < len(segment_text):
        m = rx.match(segment_text, pos)
        if not m or m.end() == pos:
            return False
        pos = m.end()
    return True


_CHAINED_ONLY = frozenset({"发表主旨演讲", "发表演讲"})


def _predicate(segment_text: str) -> tuple[list[str], bool]:
    """Roles stated right after a person (group), and whether the group continues."""
    clause = _RX_CLAUSE_SPLIT.split(segment_text, maxsplit=1)[0]
    rel = _RELATIVE_CUE.search(clause)
    if rel and _strip_filler(_RX_MEMBER_WORD.sub("", clause[: rel.start()])) == "":
        return [], True  # 丛斌委员和列席会议的刘忻等同志，…提出询问: the cue belongs to the next name
    cues = _tries()["cue"].parse_longest(clause)
    roles: list[str] = []
    if _PHOTO.match(clause) or "合影" in clause and _HANDSHAKE_PHOTO.match(clause):
        roles.append("attended")  # 会见…，并同全体代表合影: present at the event
    if _EXCHANGE.match(clause):
        return ["attended"], False  # A同B、C等进行了友好交流: an exchange in person (not 视频/电话)
    if clause.startswith("在") and _SPEECH_AT.match(clause):
        roles.append("spoke")  # 某组织主席X在致辞时，对…表示感谢: the speech itself
    if _HEARD_REPORT.match(clause):
        roles.append("reported")
    for rx in (_REPORT_RE, _REPORT_ON_RE):  # 作…报告 / 就…作了汇报
        m = rx.match(clause)
        if m and _ALLOWED_RESIDUE.fullmatch(_strip_filler(m.group(1))):
            roles.append("reported")
            break
    for k0, (s0, e0, cue) in enumerate(cues):
        if clause[max(0, s0 - 2):s0].endswith("重要") and not (
                cue == "讲话" and re.sub(r"发表了?重要$", "", clause[:s0]) in ("", "在会上", "在会议上")
                and clause[e0:e0 + 1] not in ("精", "的", "时", "中")):
            continue  # 围绕…重要讲话精神作发言: a later cue may still be the predicate (在会上发表重要讲话 is one)
        if cue == "与会" and _CJK.match(clause[e0:e0 + 1] or "，"):
            continue  # 与会企业家代表, 与会同志: a modifier; …等约400人与会。 is the predicate
        if clause[e0:e0 + 1] in ("的", "时") and cue != "举行" or cue == "说" and clause[e0:e0 + 1] in ("明", "服"):
            continue  # 习近平总书记强调的“十个坚持”; 听取…工作汇报时的重要讲话; 作了说明: not a predicate
        residue = _strip_filler(clause[:s0])
        if not _ALLOWED_RESIDUE.fullmatch(residue):
            break
        if cue in _CHAINED_ONLY:
            break  # 某某主席在…上发表主旨演讲 on its own is often a speech recalled; 出席…并发表主旨演讲 is read
        if residue.startswith(("就", "围绕", "针对", "结合")) and L.ROLE_CUES[cue] not in ("spoke", "reported"):
            continue  # 就…列席人员名单草案…作了汇报: a cue word inside the topic
        if re.fullmatch(r"在[^，,]{0,30}?(?:报告|说明)中", residue):
            roles.append("reported")  # 李强在报告中指出: the content of his report
            break
        roles.append(L.ROLE_CUES[cue])
        roles.extend(_chained_roles(clause, e0, cues[k0 + 1:]))
        if _CHAINED_REPORT.match(clause, e0):
            roles.append("reported")  # 出席开班式并作开班报告
        break
    if roles:
        return list(dict.fromkeys(roles)), False
    joins = _strip_filler(clause) == "" and bool(segment_text.strip()) or segment_text.strip() in ("", "、", "，", "率") \
        or _unnamed_members(clause) \
        or (segment_text.startswith("、") and len(segment_text) <= 40 and not re.search(r"[，。；：,;:]", segment_text)
            and _rank_of(re.sub(r"（[^（）]*）$", "", segment_text)) is not None) \
        or (segment_text.startswith("、") and segment_text.endswith("、") and len(segment_text) <= 30
            and segment_text.count("、") <= 3 and not re.search(r"[，。；：,;:]", segment_text))  # …、泰国前副总理功、X: a member not read
    return [], joins


def _meeting_spans(text: str, require_held: bool = True) -> list[tuple[int, int, str]]:
    """Meetings named in ``text``: (start, end, name); only meetings being held unless ``require_held`` is False.

    A bare 会议 / 座谈会 takes the body that holds it from the clause's subject
    (二十届中共中央政治局10月25日召开会议 -> 中共中央政治局会议); with no subject it stays bare and
    the caller decides whether it is a new meeting or a reference to the one already named.
    """
    out = []
    hits = _tries()["meeting"].parse_longest(text)
    starts = {s for s, _, _ in hits}
    for s, e, suf in hits:
        if suf.endswith("会") and suf != "会" and text[e:e + 1] == "议" and text[e + 1:e + 2] not in "长员":
            e, suf = e + 1, suf + "议"  # 全市安全生产工作会议: the name ends with 会议, not 工作会
        if e < len(text) and text[e] in "精神堂" or suf == "会议" and text[e:e + 1] in ("长", "员") \
                or text[e:e + 2] in ("中心", "大厦", "大楼", "会址"):
            continue  # (国会议长, 国家会议中心: not a meeting)
        if e in starts:
            continue  # 经济论坛开幕式, 论坛全会: the event is the longer name
        p = s
        while p > 0:
            ch = text[p - 1]
            if ch == "）":  # 政府首脑（总理）理事会: a short gloss inside the name
                k = text.rfind("（", max(0, p - 8), p - 1)
                if k > 0 and _CJK.match(text[k - 1]) and not re.search(r"草案|稿|试行", text[k:p]):
                    p = k
                    continue
            if ch == "”":  # 召开“加快推进城市更新 提升城市品质”专题协商会: a quoted theme, spaces and all
                k = text.rfind("“", max(0, p - 40), p - 1)
                if k >= 0 and not re.search(r"[，。；：]", text[k:p]):
                    p = k
                    continue
            if not (_CJK.match(ch) or ch.isdigit() or ch in "“”－—-–"):
                break
            if _ends_with_any(text[max(0, p - 6):p], L.MEETING_LEFT_STOPS) and text[p - 1:p + 1] not in ("和平", "为民"):
                break
            if _DATE.search(text[max(0, p - 6):p]) and text[p - 1] in "日":
                break
            if ch == "日" and (p < 2 or not _CJK.match(text[p - 2]) or text[p - 2] in "今昨当次同前每明翌本是"):
                break  # 27日, 当日 end the name (中日韩工商峰会 does not)
            p -= 1
        name = text[p:e]
        if name.startswith(("这次", "此次", "本次", "该", "这", "次")):
            continue
        if name.startswith("第") and re.search(r"(?:会议|大会|全会)(?:举行|召开)了?$", text[max(0, p - 8):p]):
            continue  # …第十五次会议举行第一次全体会议: a sitting of the meeting just named, not a second one
        if suf == "活动" and (len(name) < 4 or name.startswith(("有关", "上述", "相关", "各项", "系列", "一系列", "各类", "其他", "其它"))):
            continue  # 参加有关活动: the events already named
        if require_held and re.search(r"关于(?:召开|举行)$", text[max(0, p - 6):p]):
            continue  # 关于召开十四届全国人大一次会议的决定: a decision's subject, not the meeting held
        if require_held and re.search(r"(?:决定|建议)[，,：:]?$", text[max(0, p - 8):p]):
            continue  # 会议决定，十四届全国人大常委会第十五次会议4月27日举行: a later session, not the one held
        before = text[max(0, p - 6):p]
        after = _RX_COMMA_SPLIT.split(text[e:e + 30], maxsplit=1)[0]
        held = bool(_ends_with_any(before, L.MEETING_HELD_BEFORE) or any(h in after for h in ("举行", "召开", "开幕", "闭幕", "开班"))
                    or re.search(r"(?:出席|参加|主持|列席)[^，。；：、]{0,16}$", text[:p]) and suf not in ("会议", "大会", "全会")
                    or before.endswith("进行") and name.startswith("第") and suf.endswith("学习")
                    or text[p - 1:p] == "在" and re.match(r"上?(?:视频)?(?:致辞|讲话|发言|发表[^，。；的]{0,6}?(?:讲话|演讲|致辞))(?!精神)",
                                                          text[e:e + 12]) is not None)  # 在…论坛致辞
        if require_held and not held:
            continue
        if len(name) <= len(suf) + 1:
            if not held:
                continue
            clause_start = max(text.rfind(c, 0, p) for c in "，。；：:") + 1
            subject = _TIME_RE.sub("", text[clause_start:p])
            verb = _ends_with_any(subject, L.MEETING_HELD_BEFORE)
            subject = _SESSION.sub("", subject[: len(subject) - len(verb)] if verb else subject)
            name = subject + name if subject and _ends_with_any(subject, _MEETING_BODIES) else suf
        out.append((p, e, name))
    return out


_MEETING_BODIES = ("政治局", "国务院", "常委会", "委员会", "政府", "人大", "政协", "党组", "领导小组", "主席团", "理事会")


def _resolve_date(m: re.Match, published: Optional[date]) -> Optional[date]:
    if m.group(4):
        if published is None:
            return None
        delta = {"昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "前天": -2, "明天": 1}[m.group(4)]
        return published + timedelta(days=delta)
    y, mo, d = m.group(1), m.group(2), m.group(3)
    base = published
    try:
        if y:
            return date(int(y), int(mo or 1), int(d))
        if base is None:
            return None
        month = int(mo) if mo else base.month
        cand = date(base.year, month, int(d))
        if cand > base + timedelta(days=7):  # "27日" printed on the 2nd of the next month
            if mo:
                cand = date(base.year - 1, month, int(d))
            else:
                prev_month = (base.replace(day=1) - timedelta(days=1))
                cand = date(prev_month.year, prev_month.month, int(d))
        return cand
    except ValueError:
        return None


def _sentence_date(text: str, published: Optional[date]) -> Optional[date]:
    for m in _DATE.finditer(text):
        d = _resolve_date(m, published)
        if d is not None:
            return d
    return None


def _article_date(works: list[_SentenceWork], published: Optional[date]) -> Optional[date]:
    for w in works[:3]:
        d = _sentence_date(w.text, published)
        if d is not None:
            return d
    return None


#: Verbs before a 《》 title: the lexicon's, and texts a meeting issues (会议发表《…宣言》) or leaders sign
#: (两国总理签署了《…联合公报》); 发表题为《…》的讲话 is a speech (题为 stands between).
_BOOK_DOC_ACTIONS = {**L.DOC_ACTIONS, "发表": "issued", "签署": "adopted"}
#: 研究《纲要草案》编制工作 / 《X》实施情况: the title only qualifies the work or the state of affairs acted on.
_TITLE_AS_MODIFIER = re.compile(r"(?:的)?(?:编制|起草|制定|修订|修改|实施|执行|贯彻落实|落实|宣传|学习宣传)(?:工作|进展|情况(?!的说明))")
#: 制定出台《X》，就是要… / 学习《X》第五卷，最重要的就是…: a verb phrase serving as the topic of a statement.
_TOPIC_CLAUSE = re.compile(r"[^，。；《》]{0,6}[，,](?:最重要的|最根本的|首要的|关键|根本)?(?:就)?是")


def _issued_by_other(before: str, meeting_name: str) -> bool:
    """近日，中共中央办公厅印发《X》: is the subject printed right before the verb another body than the meeting?"""
    subj = re.split(r"[，。；：,;:]", before)[-1]
    subj = re.sub(r"^(?:近日|日前|此前|最近|前不久|[\d]{1,4}年|[\d]{1,2}月|[\d]{1,2}日)+", "", subj)
    done = re.sub(r"(?:已经|业已|已)$", "", subj)
    if done != subj and 2 <= len(done) <= 20 and not done.startswith(("会议", "会上", "全会", "我们", "我")):
        return True  # 会议强调，中办已经印发《X》: an act done before, by the organ named
    if not 4 <= len(subj) <= 20 or subj.startswith(("会议", "会上", "全会")) or not _ends_with_any(subj, L.ORGAN_SUFFIXES):
        return False
    return not meeting_name or not (subj in meeting_name or meeting_name.startswith(subj))
_LONG_AGO = re.compile(r"(?:\d+|[一二三四五六七八九十]+)年前|去年|前年|当年|老一辈")
#: Title endings of documents (lexicon) plus rules and codes of conduct (…工作规则, …组成人员守则).
_DOC_SUFFIXES = L.DOC_SUFFIXES + ("规则", "守则", "工作总结")
_DOC_SUFFIXES_PLAN = _DOC_SUFFIXES + ("安排",)
_DOC_VERB_AFTER = ("会议", "会", "并", "还", "和", "及", "经", "决定", "表决", "原则", "先后", "分别", "同时", "一致",
                   "集体", "研究", "上", "后", "也", "均", "已", "次", "议", "认真", "传达", "学习", "审议", "讨论", "同意", "书面")
_PLAIN_DOC_VERBS = re.compile(r"(审议通过|表决通过|原则通过|讨论通过|研究通过|通过|追认|审议|审查|讨论|学习|传达|宣读|印发|发布|研究)了?")


# 听取了X作的关于A修订草案修改意见的汇报，关于B的决定草案审议结果的报告，审议了相关草案修改稿: the drafts (and a
# titled 审议结果的报告) the meeting then reviews under an anaphoric name are studied under their own names
_REVIEWED_AFTER = re.compile(r"审议了(?:相关|上述|有关)?[^，。；]{0,16}?(?:草案|修改稿|代拟稿|表决稿)等?(?=[，。；、]|$)")
_REPORT_ON_DRAFT = re.compile(r"关于((?:(?!、关于)[^，。；]){2,200}?)(修改意见|审议意见|审议情况|审查情况|审议结果)的(?:汇报|报告)")


#: 关于批准的决定草案代拟稿 / 关于批准该议案的决议草案代拟稿: a draft named only by reference to a text heard before it.
_ANAPHORIC_APPROVAL = re.compile(r"关于批准(?:该|此|上述|这[个项份一]?)?(?:和加入|条约|协定|公约|议定书|修正案|报告|议案)?"
                                 r"的(?:决定|决议)草案(?:代拟稿)?")


_HEARD_TITLES = re.compile(r"听取了?((?:、?(?:[\u4e00-\u9fff]{2,25})?《[^《》]+》)+)的(?:汇报|报告|说明)")


def _heard_titles(text: str) -> dict[int, Optional[str]]:
    """Starts of the 《》 titles whose 汇报 a meeting 听取 (会议听取了A委员会《X》、B委员会《Y》的汇报), with the
    body printed before each as its issuer."""
    out: dict[int, Optional[str]] = {}
    for m in _HEARD_TITLES.finditer(text):
        pos = m.start(1)
        for part in re.finditer(r"、?([\u4e00-\u9fff]{0,25})(《[^《》]+》)", m.group(1)):
            issuer = part.group(1) or None
            if issuer is not None and not _ends_with_any(issuer, L.ORGAN_SUFFIXES):
                break  # 听取了学习《X》的体会: no organ's report
            out[pos + part.start(2)] = issuer
    return out


#: 听取了关于X专项督查报告: a named report heard without 《》 (an inspection's, a survey's, an audit's).
_HEARD_NAMED_REPORT = re.compile(r"听取了?(关于[^，。；、《》]{6,80}?(?:督查|检查|视察|调研|审计|评估)报告)(?=[，。；]|$)")


#: 听取了X关于开展“A”“B”等调研情况的报告: a shared frame spread over quoted topics, one report per topic.
_HEARD_TOPICS = re.compile(r"听取了?[^，。；“”]{0,40}?关于((?:开展|组织)?)((?:[、]?“[^“”]{2,80}”)+)等?"
                           r"([\u4e00-\u9fff]{0,8}?情况的(?:报告|汇报))(?=[，。；、和]|$)")


# 听取中央书记处工作报告 / 听取A党组工作汇报和B工作报告: an organ's work report (a 汇报 is no titled text)
_HEARD_ORGAN_REPORT = re.compile(r"(?:听取了?|工作汇报和)((?:中央|全国|国务院)[\u4e00-\u9fff]{0,10}?(?:书记处|委员会|常委会|常务委员会)工作报告)"
                                 r"(?=[，。；、]|$)")


#: 听取了A（草案）起草情况的说明、B（草案）起草情况的说明 / 听取关于A（草案）的说明: a bracketed draft explained
_DRAFT_NOTE_ITEM = r"(?:关于)?[^，。；《》、“”]{4,80}?（(?:草案|修订草案|修正草案|草案稿|征求意见稿|送审稿)）"
_DRAFT_NOTE_TAIL = r"(?:起草情况)?的说明"
_HEARD_DRAFT_NOTE = re.compile(r"听取了?(" + _DRAFT_NOTE_ITEM + ")" + _DRAFT_NOTE_TAIL
                               + r"((?:、" + _DRAFT_NOTE_ITEM + _DRAFT_NOTE_TAIL + r")*)")
_MORE_DRAFT_NOTE = re.compile(r"、(" + _DRAFT_NOTE_ITEM + ")" + _DRAFT_NOTE_TAIL)


def _heard_reports(text: str) -> list[tuple[str, str, int, int]]:
    out = [(m.group(1), "studied", m.start(1), m.end(1)) for m in _HEARD_NAMED_REPORT.finditer(text)]
    if "）的说明" in text or "起草情况的说明" in text:
        for m in _HEARD_DRAFT_NOTE.finditer(text):
            for t, a, b in [(m.group(1), m.start(1), m.end(1))] + [(x.group(1), m.start(2) + x.start(1), m.start(2) + x.end(1))
                                                                 for x in _MORE_DRAFT_NOTE.finditer(m.group(2))]:
                if "作的" in t:  # 听取了X作的关于A（草案）的说明: the deliverer is not part of the title
                    a += t.rfind("作的") + 2
                    t = t[t.rfind("作的") + 2:]
                if len(t) >= 8:
                    out.append((t[2:] if t.startswith("关于") else t, "studied", a, b))
    if "工作报告" in text:
        out.extend((m.group(1), "studied", m.start(1), m.end(1)) for m in _HEARD_ORGAN_REPORT.finditer(text))
    for m in _HEARD_TOPICS.finditer(text):
        for t in re.finditer(r"“[^“”]{2,80}”", m.group(2)):
            out.append(("关于" + m.group(1) + t.group(0) + m.group(3), "studied", m.start(2) + t.start(), m.start(2) + t.end()))
    return out


#: 全会审议通过《X》 reported at another meeting: the subject of the clause is another body.
_OTHER_BODY = re.compile(r"(?:^|[，。；：])((?:党的)?[\u4e00-\u9fff]{0,14}?(全会|代表大会|大会))(?:还|也|并|一致|先后)?"
                         r"(?:审议通过|表决通过|讨论通过|通过|审议|讨论|批准)了?[^，。；]{0,60}$")


def _other_body_acts(text: str, start: int, meeting_name: str) -> bool:
    """Is the document at ``start`` acted on by a body named as the clause's subject (全会审议通过…) that is not
    the meeting being reported (whose name ends otherwise: a 党组会议 studying the 全会)?"""
    m = _OTHER_BODY.search(text, max(0, start - 90), start)
    if m is None or m.end() != start and not re.fullmatch(r"[^，。；]{0,60}", text[m.end():start]):
        return False
    if not meeting_name or m.group(1) in meeting_name:
        return False
    if m.group(2) == "全会":  # 中央委员会第四次全体会议 is the 全会 itself
        return not any(x in meeting_name for x in ("全会", "全体会议"))
    return not any(x in meeting_name for x in ("大会", "人大", "全国政协第", "政协第"))  # 人大四次会议 is the 大会


def _heard_drafts(text: str) -> list[tuple[str, str, int, int]]:
    review = _REVIEWED_AFTER.search(text)
    if review is None or "听取" not in text[:review.start()] or re.match(r"审议了关于(?:修改|废止)[^，。；]{1,30}?法的决定草案", review.group(0)):
        return []  # (审议了关于修改X法的决定草案: a draft of its own name, not an anaphor)
    out = []
    # 听取了X作的《A公约》审议情况的汇报，审议了关于批准该公约的决定草案代拟稿: the text whose review was reported
    if "》审" in text:
        spans = _book_titles(text[:review.start()])
        for k, (a, b) in enumerate(spans):
            if not _REVIEW_OF_BOOK.match(text, b) or text[max(0, a - 2):a] == "关于":
                continue  # (关于《A》审议情况的汇报: read below)
            run = [(a, b)]
            while k > 0 and re.fullmatch(r"[、和及]", text[spans[k - 1][1]:run[0][0]]):
                k -= 1
                run.insert(0, spans[k])  # 《A》、《B》审议情况的汇报
            out.extend((text[x + 1:y - 1], "studied", x, y) for x, y in run)
    for m in _REPORT_ON_DRAFT.finditer(text, 0, review.start()):
        x = m.group(1)
        if text[m.start() - 1:m.start()] in ("《", "〈") or re.search(r"的(?:报告|汇报)|、关于", x):
            continue  # inside a title, or two reports run together
        if x.startswith("《"):
            spans = _book_titles(x)
            if spans and "".join(x[a:b] for a, b in spans) == x:  # 关于《A》《B》审议情况的汇报: treaties
                out.extend((x[a + 1:b - 1], "studied", m.start(1) + a, m.start(1) + b) for a, b in spans)
            elif spans and m.group(2) in ("审议情况", "审查情况"):
                # 关于《A公约》、B国和C国关于…的条约审议情况的汇报: titled and plain treaties in one 、 list
                items, pos = [], 0
                for a, b in spans:
                    gap = x[pos:a]
                    if gap and gap != "、" and not _PLAIN_TREATY_ITEM.fullmatch(gap):
                        items = []
                        break
                    items.extend(_plain_treaties(gap, m.start(1) + pos))
                    items.append((x[a + 1:b - 1], "studied", m.start(1) + a, m.start(1) + b))
                    pos = b
                tail = x[pos:]
                if items and tail and _PLAIN_TREATY_ITEM.fullmatch(tail):
                    items.extend(_plain_treaties(tail, m.start(1) + pos))
                    out.extend(items)
            continue
        x = re.sub(r"[《》]", "", x)
        x = re.sub(r"(?<=草案)(?:\d+|[两二三四五六七八九十])[个项件]$", "", x)  # 关于A草案、B草案5个修改意见的汇报
        drafts = []
        for part in x.split("、"):  # 关于A草案、B草案审议结果的报告: each draft
            part = re.sub(r"(?<=草案)(?:修改稿|表决稿)$", "", part)  # 关于A草案修改稿修改意见的报告: the draft A草案
            if re.search(r"的(?:决定|决议)草案$", part):
                drafts.append("关于" + part)  # 关于修改会计法的决定草案: a decision's title starts with 关于
            elif re.search(r"(?:草案|修正案)$", part) and not part.endswith(_GENERIC_TAILS):
                drafts.append(part)
            else:
                drafts = []
                break
        if not drafts:
            continue
        if m.group(2) == "审议结果":
            out.append(("关于" + x + "审议结果的报告", "studied", m.start(), m.end()))
        out.extend((d, "studied", m.start(1), m.end(1)) for d in drafts)
    return out


_REVIEW_OF_BOOK = re.compile(r"(?:审议|审查)情况的(?:汇报|报告)")
#: 、-separated plain treaty names between 《》 titles (、中国和X国关于刑事司法协助的条约、): each ends in a treaty word.
_PLAIN_TREATY_ITEM = re.compile(r"(?:、[^、《》〈〉]{4,60}?(?:条约|协定|公约|议定书))+、?")


def _plain_treaties(gap: str, base: int) -> list[tuple[str, str, int, int]]:
    """The 、-separated treaty names of ``gap`` as studied documents, offsets counted from ``base``."""
    out, pos = [], 0
    for part in gap.split("、"):
        if part:
            out.append((part, "studied", base + pos, base + pos + len(part)))
        pos += len(part) + 1
    return out


_GENERIC_TAILS = ("相关草案", "有关草案", "上述草案")
#: A draft marked in brackets (…选举办法（草案）, …工作总结（稿）): a title even in a comma list.
_PAREN_DRAFT = re.compile(r"[\u4e00-\u9fff]（(?:修订|修正|征求意见|送审)?(?:草案|稿|草案稿)）$")
_LIST_BREAK = r"(?:并|还|又|将|同时|会议|认真|确定|决定|同意|要求|强调|指出|研究|审议|审查|讨论|协商|修订|通过|听取|上述|有关|相关)"


#: 成员国领导人签署并发表《A宣言》，批准X组织关于B的倡议、关于C的建议，发表关于D的声明: a summit's outcome texts
#: named without 《》 (a 关于 frame and an outcome word), acted on by the leaders or the meeting.
_OUTCOME_ACT = re.compile(r"(?:^|(?<=[，；]))((?:本次|这次)?(?:会议|峰会|大会|[^，。；]{0,20}?(?:领导人|成员国|理事会|各方|双方)))?"
                          r"(?:还|并|同时|共同|一致)?(批准|发表|通过)了?(?=[^，。；《》]{0,14}?关于)")
_OUTCOME_TITLE = re.compile(r"([^，。；《》、]{0,14}?)(关于[^，。；《》]{4,80}?的(?:联合声明|声明|倡议|建议|宣言|公报|行动计划|决议))(?=[、，。；]|以及|$)")


def _outcome_documents(text: str) -> list[tuple[str, str, int, int]]:
    out = []
    for m in _OUTCOME_ACT.finditer(text):
        if not m.group(1) and not re.search(r"(?:签署|发表|通过|批准)了?(?:[^，。；]{0,4}《|关于)|领导人", text[:m.start()]):
            continue  # a bare clause: only after a document act of the same subject
        if re.search(r"(?:将|即将|将要|拟)[^，。；]{0,20}$", text[:m.start(2)]):
            continue  # 届时…还将批准…: planned
        action = "issued" if m.group(2) == "发表" else "adopted"
        clause = _RX_COMMA_SPLIT.split(text[m.end():], maxsplit=1)[0]
        issuer = ""
        pos = 0
        while pos < len(clause):
            t = _OUTCOME_TITLE.match(clause, pos)
            if t is None or t.group(1) and (pos > 0 or "的" in t.group(1) or not _ends_with_any(t.group(1), L.ORGAN_SUFFIXES + ("组织",))):
                break
            if pos == 0:
                issuer = t.group(1)
            title = (issuer or "") + t.group(2)
            # 关于A、B、C的倡议: a 、 inside one title (the next item starts with 关于)
            out.append((title, action, m.end() + t.start(2), m.end() + t.end(2)))
            rest = clause[t.end():]
            if rest.startswith("、关于"):
                pos = t.end() + 1
            else:
                break
    return out


_QUOTE_OPEN = re.compile(r"(?:表示|指出|强调|说)[，：]")


def _quoted_spans(text: str, known: set[str]) -> list[tuple[int, int]]:
    """Spans of words reported after a named person's 表示，/说， (to the next ； or the sentence end)."""
    out = []
    for q in _QUOTE_OPEN.finditer(text):
        if out and q.start() < out[-1][1]:
            continue
        head = text[max(text.rfind(c, 0, q.start()) for c in "，。；：") + 1:q.start()]
        head = re.sub(r"(?:在[^，。；]{1,16}?(?:中|时|上))?(?:还|也|则|并|进一步|同时|再次|首先|最后)?$", "", head)
        if not any(head[-k:] in known for k in (2, 3, 4) if len(head) >= k):
            continue  # 会议指出， / 外交部表示，: not a person's words
        end = text.find("；", q.end())
        out.append((q.end(), end if end >= 0 else len(text)))
    return out


_OPINIONS_ON_BOOK = re.compile(r"听取了?[^，。；《》]{0,40}?对$")
_WILL_ACT = re.compile(r"(?:将|即将|将要|拟|计划)(?:于[^，。；《》]{1,12})?(?:同|与|和|在|共同|一同|一道|分别|还)*[^，。；《》]{0,30}?"
                       r"(?:签署|发表|通过|审议|批准|发布|印发|讨论)(?:并(?:发表|发布|通过|签署))?$")
_DRAFT_TEXT = r"([^，。；、《》“”]{4,80}?(?:草案|修正案|草案稿|征求意见稿|（征求意见稿）|送审稿|（草案）|（送审稿）))"
_REVIEW_OF = re.compile(r"(?:^|[，；：])[^，。；]{0,30}?对" + _DRAFT_TEXT + r"进行了?(?:统一|逐条|认真|深入|初次|分组)?(?:审议|审查|讨论)"
                        r"|听取了?[^，。；《》]{0,40}?对" + _DRAFT_TEXT + r"的(?:意见|建议)")
_AGENDA_ITEMS = re.compile(r"(?:(?:审议|审查|听取)(?!了|通过|批准|并)[^。；]*；)*(?:审议|审查|听取)(?!了|通过|批准|并)")


#: 大会将审议A，审查B… / 本次会议主要议程有：审议通过A…: the agenda of a session, not an act reported as done.
_FUTURE_AGENDA = re.compile(r"(?:将|即将|将要)(?:审议|审查|听取)(?!了)|主要议程(?:有|是|为|包括)[：:，,]")


def _agenda_item(text: str, start: int) -> bool:
    """Is the item at ``start`` on a session's agenda (…将审议A，审查B / 主要议程有：审议通过A) rather than acted on? An
    item a held sitting's agenda has it hear (主要议程是：听取关于A的说明) is heard at that sitting."""
    head = text[text.rfind("。", 0, start) + 1:start]
    if ("将" not in head and "议程" not in head) or text.startswith("听取", start):
        return False
    m = _FUTURE_AGENDA.search(head)
    return m is not None and not re.search(r"(?:审议|审查|听取|通过|批准)了", head[m.end():])


def _recommended(text: str, start: int) -> bool:
    """Does the sentence before ``start`` recommend the item for a later session (委员长会议建议，…)?"""
    if re.search(r"建议(?:[，,：:]|的)", text[text.rfind("。", 0, start) + 1:start]) is not None:
        return True
    if _agenda_item(text, start):
        return True
    # 审议A议案；审议B议案。(a sentence of bare agenda items, without 会议/了, going on from 委员长会议建议，…)
    return _AGENDA_ITEMS.match(text[text.rfind("。", 0, start) + 1:start + 3]) is not None


_PROPOSED_TO = re.compile(r"[^、《》]{0,12}?拟提请[^、《》]{2,40}?(?:审查|审议)的")
_AND_PROPOSED = re.compile(r"和(?:拟提请[^、《》]{2,40}?)?(?:审查|审议)的")


def _plain_documents(text: str) -> list[tuple[str, str, int, int]]:
    """Documents named without 《》 after an action verb: 通过了新修订的野生动物保护法、预备役人员法.

    Items of a 、-list share the meeting prefix of the first one (十四届全国人大一次会议议程草案、
    主席团和秘书长名单草案 -> 十四届全国人大一次会议主席团和秘书长名单草案), and the frame of a title
    whose middle is listed (关于批准中国和肯尼亚、中国和摩洛哥关于刑事司法协助的条约的决定 -> two decisions).
    """
    out = []
    for m in _PLAIN_DOC_VERBS.finditer(text):
        before = text[max(0, m.start() - 2):m.start()]
        if before and _CJK.match(before[-1]) and not _ends_with_any(before, _DOC_VERB_AFTER) \
                and m.group(1) not in ("宣读", "传达"):
            continue  # 资格审查委员会: a verb inside a name (张国清宣读…: a person reads out)
        nxt = text[m.end():m.end() + 2]
        if nxt[:1] in ("《", "", "并", "好") or nxt.startswith(("结果", "意见", "情况", "后", "时", "的", "讲座", "培训")) \
                or nxt.startswith("中") and not nxt.startswith(("中共", "中央", "中华", "中国")):
            continue
        if m.group(1) == "通过" and text[max(0, m.start() - 2):m.start()] in ("审议", "表决", "原则", "讨论", "研究"):
            continue
        if m.group(1) in ("审查", "审议") and nxt.startswith("批准"):
            continue  # 审查批准了X: read with the meeting as subject (_summary_documents), never 批准了X as a title
        action = L.DOC_ACTIONS.get(m.group(1), "adopted" if m.group(1).endswith("通过") else None)
        if action is None:
            continue
        subject = text[max(text.rfind(c, 0, m.start()) for c in "，。；：") + 1:m.start()]
        if re.search(r"(?:各代表团|代表们|各小组|分组)[^、，]{0,6}$", subject):
            continue  # 各代表团认真审议了…: the delegations' review, not an act of the meeting reported
        if _recommended(text, m.start()):
            continue  # 委员长会议建议，常委会…审议…: recommended for a later session
        clause = _doc_clause(text, m.end())
        pm = _PROPOSED_TO.match(clause) if "拟提请" in clause else None
        if pm and _AND_PROPOSED.search(clause, pm.end()):
            # 讨论国务院拟提请…会议审查的A和审议的《B》稿: two drafts, each with its own relative clause
            p0 = pm.end()
            for sep in list(_AND_PROPOSED.finditer(clause, pm.end())) + [None]:
                part = clause[p0:sep.start() if sep else len(clause)]
                t = part.replace("《", "").replace("》", "")
                if 4 <= len(t) <= 80 and _ends_with_any(_strip_paren(t), _DOC_SUFFIXES):
                    out.append((t, action, m.end() + p0, m.end() + p0 + len(part)))
                p0 = sep.end() if sep else p0
            continue
        if m.group(1) == "研究" and not re.search(r"稿|（(?:征求意见|送审)?草案）", clause):
            continue  # 研究了全国政协2023年工作要点稿: only a draft text (研究了…问题 is no document)
        if re.fullmatch(r"[^、]{2,30}?关于[^《》]{4,200}?等(?:情况|工作)的报告", clause):
            out.append((clause, action, m.end(), m.end() + len(clause)))  # 关于A、B和C等情况的报告: one title
        else:
            out.extend(_list_titles(clause, m.end(), action))
        # ，关于批准…的决定: a further title of the same list after a comma (the issuer prefix is shared)
        pos = m.end() + len(clause)
        first = out[-1][0] if out and out[-1][2] >= m.end() else ""
        issuer = first[: first.find("关于")] if first.find("关于") > 0 and "的" not in first[: first.find("关于")] else ""
        while text[pos:pos + 3] in ("，关于", ",关于") or text[pos:pos + 5] in ("，以及关于", ",以及关于"):
            if text[pos + 1:pos + 3] == "以及":  # 通过了A条例，以及关于批准B的决议
                pos += 2
            more = _doc_clause(text, pos + 1)
            t = more.replace("《", "").replace("》", "")
            if not (_ends_with_any(t, _DOC_SUFFIXES) and len(t) <= 120):
                break
            out.append((issuer + t, action, pos + 1, pos + 1 + len(more)))
            pos += 1 + len(more)
        # 审议通过了A办法，B参考选题，C学习计划等: a list of titles joined by commas, closed by 等
        if first and text[pos:pos + 1] in ("，", ",") and not clause.endswith("等"):
            pieces: list[tuple[int, str]] = []
            p2 = pos
            while text[p2:p2 + 1] in ("，", ",") and len(pieces) < 8:
                more = re.split(r"[，。；：,;:]", text[p2 + 1:p2 + 121], maxsplit=1)[0]
                core = re.sub(r"等(?:文件|事项)?$", "", more)
                if not (6 <= len(core) <= 60 and _ends_with_any(core, _DOC_SUFFIXES_PLAN)
                        and not _ends_with_any(core, L.DOC_NOT)) \
                        or "《" in core or "的" in core or re.match(r"(?:并|还|又|将|同时|会议|认真|确定|决定|同意|要求|强调|指出"
                                                                r"|研究|审议|审查|讨论|协商|修订|通过|听取)", core):
                    pieces = []
                    break
                pieces.append((p2 + 1, core))
                p2 += 1 + len(more)
                if core != more:
                    break
            else:
                pieces = []  # the list must be closed by 等
            for p0, core in pieces:  # (…远程协商会安排: a work schedule, a title only inside such a list)
                out.extend([(core, action, p0, p0 + len(core))] if core.endswith("安排") and "、" not in core
                           else _list_titles(core, p0, action))
            # 审议并原则通过了A（草案），B（草案），C（草案）: a comma list of drafts, each marked （草案）/（稿）
            if not pieces and _PAREN_DRAFT.search(first):
                p2 = pos
                while text[p2:p2 + 1] in ("，", ","):
                    more = re.split(r"[，。；：,;:]", text[p2 + 1:p2 + 161], maxsplit=1)[0]
                    if not (8 <= len(more) <= 150 and _PAREN_DRAFT.search(more)) or "《" in more \
                            or re.match(_LIST_BREAK, more):
                        break
                    out.extend(_list_titles(more, p2 + 1, action))
                    p2 += 1 + len(more)
    if "关于" in text and ("批准" in text or "发表" in text or "通过" in text):
        out.extend(_outcome_documents(text))
    if "对" in text and ("进行" in text or "的意见" in text or "的建议" in text):
        # 对X法修正草案进行统一审议 / 听取A、B代表对政府工作报告征求意见稿的意见建议: the draft before the meeting
        for m in _REVIEW_OF.finditer(text):
            t = m.group(1) or m.group(2)
            if len(t) >= 6 and t not in _GENERIC_DOCS and not t.startswith(("该", "此", "这", "上述", "相关", "有关")) \
                    and not _recommended(text, m.start()) and (m.group(2) or re.search(r"会议|会上", text[:m.start()])):
                out.append((t, "studied", m.start(), m.end()))  # (委员会根据…，对X草案进行了审议: another body's act)
    for m in _DELIVERED_OF.finditer(text):
        if any(m.start() >= a and m.start() < b for _, _, a, b in out):
            continue
        if "《" in m.group(1):  # 作的关于授权…适用《X法》有关规定的决定草案审议结果的报告: an inner title is part of the name
            if m.group(1).startswith("关于《") or "、" in m.group(1):
                continue
            out.append((m.group(1).replace("《", "").replace("》", ""), "studied", m.start(1), m.end(1)))
            continue
        out.extend(_list_titles(m.group(1), m.start(1), "studied"))
    if "组关于" in text or "会关于" in text:
        for m in _DELIVERED_ORGAN.finditer(text):  # 副委员长乙作的常委会执法检查组关于检查B法实施情况的报告
            if not any(m.start(1) >= a and m.start(1) < b for _, _, a, b in out):
                out.append((m.group(1), "studied", m.start(1), m.end(1)))
    for m in _REPORTED_ON.finditer(text):
        if not _recommended(text, m.start()):
            out.extend(t for t in _list_titles(m.group(1), m.start(1), "studied") if t[0].endswith(("草案", "稿")))
    for m in _EXPLAINED.finditer(text):
        if not any(m.start() >= a and m.start() < b for _, _, a, b in out):
            t = m.group(1)
            if re.search(r"的(?:决定|决议)草案$", t) and not t.startswith("提请"):
                t = "关于" + t  # 作了关于授权…的决定草案的说明: a decision's title starts with 关于
            out.append((t, "studied", m.start(1), m.end(1)))
    for m in (_MOTION.finditer(text) if "提请审议" in text else ()):
        if m.group(0).startswith("委员长会议") and "审议了" not in text[text.rfind("。", 0, m.start()) + 1:m.start()]:
            continue  # …，委员长会议关于提请审议A草案的议案: an item of a list after 审议了 only
        if not _recommended(text, m.start()):
            parts = m.group(1).split("、")  # 关于提请审议A法草案、B法修正草案的两个议案: each draft
            if len(parts) > 1 and not all(4 <= len(x) <= 60 and x.endswith(("草案", "修正案")) for x in parts):
                continue
            p0 = m.start(1)
            for x in parts:
                if not any(u[0] != x and u[0].endswith(x) for u in out):  # (…会议议程草案、主席团…名单草案: read with the prefix)
                    out.append((x, "studied", p0, p0 + len(x)))
                p0 += len(x) + 1
    for m in (_TREATY_MOTION.finditer(text) if "提请审议" in text else ()):
        if not _recommended(text, m.start()):
            out.extend((m.group(1)[a + 1:b - 1], "studied", m.start(1) + a, m.start(1) + b)
                       for a, b in _book_titles(m.group(1)))
    if "提请审议" in text and ("分别" in text or "、" in text or "修正案" in text):
        for m in _TREATY_MOTION_EACH.finditer(text):
            if not _recommended(text, m.start()):
                for c in m.group(3).split("、"):
                    out.append((m.group(1) + m.group(2) + c + m.group(4), "studied", m.start(3), m.end(3)))
        for m in _TREATY_MOTION_MULTI.finditer(text):
            parts = m.group(1).split("、")
            if not _recommended(text, m.start()) and not any(re.search(_TREATY_END, x) for x in parts[:-1]):
                out.append((m.group(1), "studied", m.start(1), m.end(1)))
        for m in _TREATY_AMENDMENT_MOTION.finditer(text):
            if not _recommended(text, m.start()):
                out.append((m.group(1) + m.group(2), "studied", m.start(1), m.end(2)))
    for m in (_TREATY_MOTION_PLAIN.finditer(text) if "提请审议批准" in text else ()):
        if _recommended(text, m.start()):
            continue
        # 关于提请审议批准A条约、B条约的议案 / …A条约的议案的说明、B条约的议案的说明: each treaty
        p0 = m.start(1)
        for part in re.split(r"(?:的议案的说明)?、", m.group(1)):
            if re.search(_TREATY_END + "$", part) and 6 <= len(part) <= 80 \
                    and not part.startswith(("有关", "相关", "上述", "这", "该", "两", "多")):  # (批准有关国际条约的议案)
                out.append((part, "studied", p0, p0 + len(part)))
            p0 += len(part) + 1
    for m in _DELIVERED.finditer(text):
        t = m.group(1) or m.group(2)
        if t and (not t.startswith(_NOT_DELIVERED) or _organ_before_about(t) and re.search(r"的[^的]{0,8}报告$", t)) and _ends_with_any(t, _DOC_SUFFIXES) and not _ends_with_any(t, L.DOC_NOT) \
                and "《" not in t and len(t) <= 150:
            if "、" in t and m.group(2):  # 作的宪法和法律委员会关于A草案、关于B草案审议结果的报告
                out.extend(_list_titles(t, m.start(2), "studied"))
            else:
                out.append((t, "studied", m.start(), m.end()))
                # 作的X委员会关于A的报告、关于B的报告: further reports of the same organ, its name shared
                issuer = _organ_before_about(t)
                p0 = m.end()
                while m.group(2) and (mm := _MORE_REPORT.match(text, p0)):
                    out.append((issuer + mm.group(1), "studied", mm.start(1), mm.end(1)))
                    p0 = mm.end()
    for m in _DELIVERED_BARE.finditer(text):
        if not _NOT_A_DELIVERER.search(m.group(1)) \
                and not any(m.start(2) >= a and m.start(2) < b for _, _, a, b in out):
            p0 = m.start(2)
            for part in m.group(2).split("、关于"):  # 作了关于A的报告、关于B的报告: two reports
                part = part if part.startswith("关于") else "关于" + part
                if re.search(r"的(?:审计)?(?:工作)?报告$", part):  # (…财政收支的审计工作报告)
                    out.append((part, "studied", p0, p0 + len(part)))
                p0 += len(part) + 1
    for m in _DELIVERED_CHAIN.finditer(text):
        p0 = m.start(1)
        for clause in m.group(1).split("，"):
            mm = re.fullmatch(_DELIVERED_ITEM, clause)
            if mm and not _NOT_A_DELIVERER.search(mm.group(1)) \
                    and not any(p0 + mm.start(2) >= a and p0 + mm.start(2) < b for _, _, a, b in out):
                out.append((mm.group(2), "studied", p0 + mm.start(2), p0 + mm.end(2)))
            p0 += len(clause) + 1
    # 贺某作了A的说明，外交部副部长华某作了B的说明，生态环境部部长黄某作了关于C的报告: a report further on in a
    # chain of deliveries whose first links are not reports
    if "作了" in text:
        for m in _DELIVERED_IN_CHAIN.finditer(text):
            prev = text[max(text.rfind("，", 0, m.start() - 1), text.rfind("。", 0, m.start()), text.rfind("；", 0, m.start())) + 1:
                        m.start()]
            if _NOT_A_DELIVERER.search(m.group(1)) or not re.search(_GAVE + r"[^，。；]{2,150}?(?:说明|报告|汇报)，$", prev) \
                    or any(m.start(2) >= a and m.start(2) < b for _, _, a, b in out):
                continue
            out.append((m.group(2), "studied", m.start(2), m.end(2)))
    for m in _DRAFTED_FOR.finditer(text):
        if "听取" not in text[text.rfind("。", 0, m.start()) + 1:m.start()]:
            continue
        p0 = m.start(1)
        for part in re.split(r"(、|以及|和)(?=关于)", m.group(1)):
            if part.endswith("代拟稿") and len(part) >= 8 and not part.startswith(("相关", "有关", "上述")) \
                    and not re.search(r"(?:审查|审议|修改)情况", part):  # (关于A审查情况及决议草案代拟稿的汇报)
                t = part[2:] if part.startswith("关于") else part
                t = t if "关于" in t or not re.search(r"的(?:决定|决议)草案代拟稿$", t) else "关于" + t
                out.append((t, "studied", p0, p0 + len(part)))
            p0 += len(part)
    # 作的关于A的报告、B议案和任免案审议情况的汇报: A is an item whose review is reported on, not heard itself
    out = [t for t in out if not (t[1] == "studied" and re.match(r"[、和][^，。；]{0,150}?审议情况的汇报", text[t[3]:]))]
    # 审议了刘某作的大会秘书处关于A的报告: the title with its issuer (read after 作的) replaces the bare 关于A的报告
    # 审议了A草案表决稿 next to the draft A草案 read from the reports: one document
    titles = {t[0] for t in out}
    return [t for t in out if not (t[0].endswith("表决稿") and t[0][:-3] in titles) and not (t[0].startswith("关于") and any(
        u[1] == t[1] and u[0].endswith(t[0]) and 2 <= len(u[0]) - len(t[0]) <= 20 for u in out))]


#: 会议 / 本次会议 / 这次会议 opening a clause: the meeting reported is the subject (also inside a chair's closing
#: speech summarising the session: 赵乐际指出，会议审议通过的A法…).
_THIS_MEETING = r"(?:^|(?<=[，。；：]))(?:本次|这次)?会议(?:还|也|并|先后|分别|同时)?"
_SUMMARY_ADOPTED_OF = re.compile(_THIS_MEETING + r"(?:审议通过|表决通过|通过)的([^，。；：]{2,120})(?=[，。；]|$)")
_SUMMARY_START = re.compile(_THIS_MEETING)
#: Clauses of a summary, the meeting their subject (…，听取审议了X，审查批准了Y): verb and list.
_SUMMARY_CLAUSE = re.compile(r"(?:(?P<adopt>(?:审议通过|表决通过|通过)的)|(?P<approve>审查批准了?)"
                             r"|(?P<heard>听取(?:审议|[并和]审议)?了?)|对(?=[^，。；：]{2,200}?进行了?(?:第[一二三四五六]次|初次|再次)?审议))"
                             r"(?P<items>[^，。；：]{2,300}?)(?P<rev>进行了?(?:第[一二三四五六]次|初次|再次)?审议)?(?=并|[，。；]|$)")
#: 新修订的海洋环境保护法，为…: a revised law opening the sentence after 会议审议通过的A法 (the same list, continued)
_SUMMARY_REVISED_NEXT = re.compile(r"^(?:新修订的|修订后的|新制定的)([\u4e00-\u9fff]{2,20}法)(?=[，])")


def _summary_items(clause: str, base: int, action: str) -> list[tuple[str, str, int, int]]:
    """The titles of a list in a summary of the session; 湿地保护法、科学技术进步法执法检查报告 spreads the tail, and
    国务院关于2022年度A综合报告和B专项报告 the issuer, 关于 and the year."""
    out = []
    for t, a, s, e in _list_titles(clause, base, action):
        t = re.sub(r"^(?:新修订的|修订后的|修改后的|新制定的)", "", t)
        if out and "关于" not in t and t.endswith("报告") and "报告和" + t in clause \
                and (mm := re.match(r"([^关]{2,12}?关于(?:\d{4}年度?)?)", out[-1][0])):
            t = mm.group(1) + t  # …综合报告和金融企业…专项报告: issuer, 关于 and year shared
        out.append((t, a, s, e))
    # 湿地保护法、科学技术进步法执法检查报告: the shared tail
    if len(out) >= 2 and all(re.fullmatch(r"[\u4e00-\u9fff]{2,20}法", t[0]) for t in out[:-1]) \
            and (mm := re.fullmatch(r"[\u4e00-\u9fff]{2,20}法((?:执法检查|实施情况)[\u4e00-\u9fff]{0,4}报告)", out[-1][0])):
        out = [(t + mm.group(1) if i < len(out) - 1 else t, a, s, e) for i, (t, a, s, e) in enumerate(out)]
    return [x for x in out if _ends_with_any(x[0], _DOC_SUFFIXES) and not _ends_with_any(x[0], L.DOC_NOT)
            and not re.match(r"(?:有关|相关|上述|这些|该|其|[两三四五六七八九十\d]+(?:个|件|项))", x[0])
            and not re.search(r"[两三四五六七八九十\d]+(?:个|件|项)[\u4e00-\u9fff]{0,6}报告$", x[0])]


def _summary_documents(text: str) -> list[tuple[str, str, int, int]]:
    """Documents a clause with the meeting as subject lists in a summary of the session: 会议审议通过的A法,
    会议对A草案、B草案进行了第二次审议，对C草案进行了初次审议, 会议审查批准了X方案, 会议听取审议了X报告、Y报告.
    Clauses after the first one share its subject while each opens with such a verb."""
    out = []
    for m in _SUMMARY_START.finditer(text):
        pos = m.end()
        while (c := _SUMMARY_CLAUSE.match(text, pos)) is not None:
            items = c.group("items")
            if c.group("adopt") or c.group("approve"):
                out.extend(_summary_items(items, c.start("items"), "adopted"))
            elif c.group("heard"):
                if not re.match(r"(?:并|通过|了)", items) and not re.search(r"作的|作了|情况的汇报|情况的说明|审议(?:和修改)?情况|审议结果", items):
                    out.extend(x for x in _summary_items(items, c.start("items"), "studied") if x[0].endswith("报告"))
            elif c.group("rev"):
                out.extend(_summary_items(items, c.start("items"), "studied"))
            else:
                break
            nxt = re.match(r"[^，。；：]*?，", text[c.end():])
            if nxt is None or re.search(r"[。；]", text[c.end():c.end() + len(nxt.group(0))]):
                break
            pos = c.end() + len(nxt.group(0))
    return out


# 向大会作政府工作报告 / 作关于国务院组织法修订草案的说明 / 听取了X作的…审议结果的报告: a report given to the meeting
_DELIVERED = re.compile(r"(?:向(?:大会|会议|全会)|代表[\u4e00-\u9fff]{2,8})作了?(?:关于)?([^，。；、]{2,60}?)的说明"
                        r"|(?:向(?:大会|会议|全会)|代表[\u4e00-\u9fff]{2,8}?|听取了?[^，。；]{2,30}?)(?<![工创合写动协操运制著])"
                        r"作(?:了|的)?([^，。；]{4,150}?报告)(?![会稿和及]|审议(?:和修改)?情况的汇报)")
# 刘奇就常委会第十四次会议议程草案、日程安排和…列席人员名单草案等作了汇报: drafts reported on
_REPORTED_ON = re.compile(r"就([^。；，]{4,200}?)等?作了?(?:汇报|说明)")
# 李鸿忠作关于国务院组织法修订草案的说明: the draft is before the session
_EXPLAINED = re.compile(r"作了?关于([^，。；《》、]{2,60}?(?:草案|修正案))的说明")
def _organ_before_about(t: str) -> str:
    """The issuing organ printed before 关于 (大会秘书处关于A的报告 -> 大会秘书处), else ""."""
    k = t.find("关于")
    return t[:k] if k > 0 and _ends_with_any(t[:k], L.ORGAN_SUFFIXES) and "的" not in t[:k] else ""


_DELIVERED_ORGAN = re.compile(r"(?<![工创合写动协操运制著])(?:作的|并作了?|作了)((?:全国人大)?(?:常委会)?[\u4e00-\u9fff]{0,12}?"
                              r"(?:执法检查组|委员会|秘书处)关于[^，。；《》、]{4,120}?的报告)(?=[，。；]|$)")
_MORE_REPORT = re.compile(r"、(关于[^，。；、《》]{2,80}?的报告)(?=[，。；、]|$)")
_DELIVERED_OF = re.compile(r"(?:分别)?作的(关于(?:[^，。；《》]|《[^《》，。；]{2,60}》){2,150}?报告)(?=[，。；]|$)")
# 国务院提出了关于提请审议耕地保护和质量提升法草案的议案: the draft is before the session
_MOTION = re.compile(r"(?:提出了?|就|作了|审议了[^，。；《》]{0,20}?|(?<=，)(?=委员长会议关于))(?:委员长会议)?(?:关于)?提请审议"
                     r"([^，。；《》]{2,160}?(?:草案|修正案))的(?:[两三四五六七八九十]个|\d个)?议案")
# 作了关于提请审议批准《A条约》的议案的说明: the treaty is before the session
_TREATY_MOTION = re.compile(r"关于提请审议(?:批准|加入)((?:《[^《》]{4,80}》)+)的(?:[两三四五六七八九十]个)?议案")
_TREATY_END = r"(?:条约|协定|公约|议定书)"
_TREATY_MOTION_PLAIN = re.compile(r"关于提请审议批准([^，。；《》、]{4,80}?" + _TREATY_END + r"(?:(?:的议案的说明)?、[^，。；《》、]{4,80}?"
                                  + _TREATY_END + r")*)的(?:[两三四五六七八九十]个)?议案")
# 关于提请审议批准中国分别与A、B、C3国缔结的引渡条约议案: one treaty per partner, the frame printed once
_TREATY_MOTION_EACH = re.compile(r"关于提请审议批准([^，。；《》、]{2,12}?)分别([与和同])((?:[^，。；《》、]{1,12}、)+[^，。；《》、]{1,12}?)"
                                 r"(?:\d+|[两二三四五六七八九十]+)(?:个)?国(缔结的[^，。；《》、]{2,30}?" + _TREATY_END + r")的?议案")
# 关于提请审议批准中国和A、B、C永久睦邻友好合作条约的议案: one treaty with several parties
_TREATY_MOTION_MULTI = re.compile(r"关于提请审议批准((?:(?!分别)[^，。；《》、]){2,20}?[和与同](?:[^，。；《》、]{2,12}、)+[^，。；《》、]{2,40}?"
                                  + _TREATY_END + r")的议案")
# 关于提请审议批准《A公约》增列…的两个修正案议案: amendments to a titled treaty, named after it
_TREATY_AMENDMENT_MOTION = re.compile(r"关于提请审议(?:批准|接受)《([^《》]{4,60})》([^，。；《》、]{2,40}?修正案)的?议案")
# 生态环境部副部长赵英民作了关于2023年度环境状况…的报告。: a whole sentence giving a report to the session
_DELIVERER = r"[^，。；]{2,30}?"
_GAVE = r"(?<![工创合写动协操运制著])作了"  # (工作了, 创作了, 合作了…: no report given)
_DELIVERED_REPORT = r"关于[^，。；《》]{4,150}?的(?:审计)?(?:工作)?报告"
_DELIVERED_ITEM = "(" + _DELIVERER + ")" + _GAVE + "(" + _DELIVERED_REPORT + ")"
_DELIVERED_BARE = re.compile(r"(?:^|[。；]|委托，)" + _DELIVERED_ITEM + r"(?=[。；]|$)")
# 审计长甲作了关于A的审计工作报告，乙作了关于B的报告，丙作了关于C的报告。: reports given in a chain of clauses
_DELIVERED_LINK = "(?:" + _DELIVERER + ")" + _GAVE + "(?:" + _DELIVERED_REPORT + ")"
_DELIVERED_CHAIN = re.compile(r"(?:^|[。；]|委托，)(" + _DELIVERED_LINK + "(?:，" + _DELIVERED_LINK + r")+)(?=[。；]|$)")
#: 会上 / 上午 / 听取 … before 作了: the clause's opening words, not the person who gave the report
_NOT_A_DELIVERER = re.compile(r"听取|会上|上午|下午|学习|辅导|讲座|专题")
# 听取了X作的大会秘书处关于A的决议草案代拟稿、关于B的决议草案代拟稿的汇报: the drafts prepared for the session
_DELIVERED_IN_CHAIN = re.compile(r"(?<=，)(" + _DELIVERER + ")" + _GAVE + r"(关于[^，。；《》]{4,150}?的(?:审计)?(?:工作)?报告)(?=[，。；]|$)")
_DRAFTED_FOR = re.compile(r"关于([^，。；《》]{2,200}?代拟稿)的(?:汇报|说明)")
_NOT_DELIVERED = ("专题", "辅导", "重要", "主旨", "书面", "大会", "交流", "述职", "形势", "学术")


_COUNTED_MEMBERS = re.compile(r"等[\d一二三四五六七八九十]{1,3}(?:位|名)(?:全国)?(?:政协)?(委员|常委)(?![会长])")
_AT_CPPCC_SESSION = re.compile(r"参加(?:全国政协|政协第)[^，。；]{0,16}?会议的")
_PROPOSED_LIST = re.compile(r"提出了?([^，。；《》]{4,120}?人选名单)后")
_VOTED = re.compile(r"^会议(?:分别)?(?:经过|经)?表决")
_REF_ADOPT_DRAFTS = re.compile(r"通过了?(?:上述|这些|这个|该|[两三四五六七八九十]个)报告(?:和|及)[^，。；]{0,6}?草案表决稿")
_REF_ADOPT = re.compile(r"通过了?[^，。；]{0,12}?(?:(?:这|上述|这些)?[一二三四五六七八九十两几]+(?:个|件|项)|这(?:个|份|项))"
                        r"([\u4e00-\u9fff]{2,12}?(?:报告|草案|修改稿|决定|议案))")


#: A personnel notice read out (南通市委关于干部任职的通知) or an untitled decision (金华市委的决定): no document.
_PERSONNEL_DOC = re.compile(r"(?:干部|人事|领导)(?:任职|任免|职务调整)的(?:通知|决定)$|职务调整的(?:通知|决定)$"
                            r"|^[^关《》〈〉]{2,12}?(?:委|政府|常委会|办公厅|组织部)的(?:决定|通知)$")
_GENERIC_DOCS = {"草案", "决定草案", "法律草案", "草案修改稿", "修改稿", "表决稿", "代拟稿", "决议草案", "议案", "报告",
                 "审查结果报告", "审议结果报告", "决议草案代拟稿", "草案表决稿", "决定草案代拟稿", "修订草案表决稿", "修订草案修改稿"}


def _strip_paren(t: str) -> str:
    return re.sub(r"（[^（）]*）$", "", t)


def _doc_clause(text: str, start: int) -> str:
    """The text after a document verb up to the end of its clause (a 《》 inside a title does not end it)."""
    clause = re.split(r"[，。；：,;:]", text[start:], maxsplit=1)[0]
    if clause.startswith("关于") and not _ends_with_any(clause, _DOC_SUFFIXES) and text[start + len(clause):][:1] == "，":
        more = re.split(r"[，。；：,;:]", text[start + len(clause) + 1:], maxsplit=1)[0]
        if len(more) <= 40 and _ends_with_any(more, _DOC_SUFFIXES) and ("、" not in more or re.match(r"(?:撤销|免去)", more)):
            clause = clause + "，" + more  # 关于免去…职务，撤销其委员资格的决定: one title
    if "和有关" in clause:  # A的决定（草案）和有关人事事项（草案）等: the untitled items end the list
        clause = re.sub(r"(?<=[）)])和有关[^、，（]{0,12}事项(?:（草案）)?等?$", "", clause)
    # …的报告并开展专题询问: the list ends before a second verb
    for mm in re.finditer(r"并|等(?:文件|事项)?(?=$)", clause):
        if _ends_with_any(clause[: mm.start()], _DOC_SUFFIXES):
            return clause[: mm.start()]
    return clause


def _spread_tail(texts: list[str]) -> list[str]:
    """Titles of ``X工作要点和A、B、C工作计划`` / ``X A、B工作计划``: equal short modifiers sharing X and a tail."""
    if len(texts) < 2 or "关于" in "".join(texts):
        return []
    last = texts[-1]
    mids = texts[1:-1]
    n = len(mids[0]) if mids else None
    first = texts[0]
    m = re.match(r"(.+?)(?:和|及)([\u4e00-\u9fff]{2,4})$", first)
    doc0 = m.group(1) if m and _ends_with_any(m.group(1), _DOC_SUFFIXES) else None
    if n is None:
        n = len(m.group(2)) if doc0 else None
    if n is None or not 2 <= n <= 4 or any(len(t) != n for t in mids) or len(last) <= n + 1:
        return []
    tail = last[n:]
    if not re.fullmatch(r"(?:工作)?(?:计划|要点|规划|方案|报告|总结)", tail) \
            or any(_ends_with_any(t, _DOC_SUFFIXES) for t in mids):
        return []  # (访问俄罗斯、蒙古国、韩国并…的书面报告 is one title)
    if doc0 is not None:
        if len(m.group(2)) != n:
            return []
        prefix = re.sub(r"(?:工作)?[\u4e00-\u9fff]{2}$", "", doc0)
        mods = [m.group(2)]
    elif len(first) >= n and not _ends_with_any(first, _DOC_SUFFIXES) and re.fullmatch(r"[\u4e00-\u9fff\d]+", first):
        prefix, mods = first[:-n], [first[-n:]]
    else:
        return []
    if doc0 is None and not prefix and len(texts) < 3:
        return []
    return ([doc0] if doc0 else []) + [prefix + mod + tail for mod in mods + mids + [last[:n]]]


#: 通过了经全体委员酝酿讨论的X名单: a printed qualifier of the way the text was prepared, not part of its name
_VETTED = r"经(?!济|营|费|验|贸|典)[^，。；、《》]{2,16}?(?:讨论|审议|审查|协商|酝酿|研究|修改|批准)(?:通过)?的"


_PRESIDIUM_MOTION = re.compile(r"^委员长会议关于提请审议([^，。；《》]{4,160}?(?:草案|修正案))(?:等|的)(?:[两三四五六七八九十\d]+个)?议案$")


def _list_titles(clause: str, base: int, action: str) -> list[tuple[str, str, int, int]]:
    """Titles in one 、-list after a document verb (see :func:`_plain_documents`)."""
    mm = _PRESIDIUM_MOTION.match(clause)
    if mm:  # 委员长会议关于提请审议A草案、B名单草案等议案: the drafts before the session, not the motion
        return [x for x in _list_titles(mm.group(1), base + mm.start(1), action) if "议案" not in x[0]]
    items: list[tuple[int, str]] = []
    pos = base
    for item in clause.split("、"):
        if items and items[-1][1].count("《") > items[-1][1].count("》"):
            items[-1] = (items[-1][0], items[-1][1] + "、" + item)  # 《…秘书处及其人员、成员国代表…公约》: inside a title
        else:
            items.append((pos, item))
        pos += len(item) + 1
    texts = [re.sub(r"^(?:新修订的|修订后的|修改后的|新制定的|" + _VETTED + ")", "", it).strip() for _, it in items]
    ends = [bool(_ends_with_any(_strip_paren(t.replace("》", "")), _DOC_SUFFIXES) or _PAREN_DRAFT.search(t)) for t in texts]
    out_titles: list[tuple[str, int, int]] = []
    spread = _spread_tail(texts)
    if spread:
        # 全国人大常委会2025年度工作要点和立法、监督、代表、外事工作计划: a shared prefix and tail spread over modifiers
        return [(t, action, base, pos - 1) for t in spread if 3 <= len(t) <= 120]
    if len(texts) >= 2 and "关于" in texts[0] and ends[-1] and (
            all(t.startswith("关于") for t in texts[1:]) or not any("关于" in t for t in texts[1:])):
        # 宪法和法律委员会关于A草案、关于B草案审议结果的报告 / 关于A草案、B草案审议结果的报告: shared organ, 关于 and tail
        last = texts[-1]
        tail = texts[0][-2:]
        k = last.rfind(tail)
        frame = last[k + 2:] if k > 0 else ""
        organ = texts[0][: texts[0].index("关于")]
        frame = re.sub(r"^(?:\d+|[两二三四五六七八九十])[个项件]", "", frame)  # 关于A、B、C3个审议意见的报告: one report each
        if frame and _ends_with_any(frame, _DOC_SUFFIXES) and all(t.endswith(tail) for t in texts[:-1]):
            for (p0, it), t in zip(items, texts):
                core = t[len(organ):] if organ and t.startswith(organ) else t
                core = core[: core.rfind(tail) + 2] if t is last else core
                core = core if core.startswith("关于") else "关于" + core
                out_titles.append((organ + core + frame, p0, p0 + len(it)))
            return [(t, action, s, e) for t, s, e in out_titles if 3 <= len(t) <= 120]
    if len(texts) >= 2 and not ends[0] and ends[-1]:
        last = texts[-1]
        k_last = last.find("关于", 1)
        if all(len(t) <= 10 and "关于" not in t for t in texts[:-1]) and k_last > 0:
            # 中共中央、全国人大常委会、…、中央军委关于庆祝…的贺电: an issuer list
            return [(last[k_last:], action, items[-1][0] + k_last, pos - 1)]
        if texts[0].startswith("关于") and k_last > 0 and not any(t.startswith("关于") for t in texts[1:]):
            lead = re.match(r"关于(?:批准|修改|废止|设立|接受)?", texts[0]).group(0)
            frame = last[k_last:]
            for (p0, it), t in zip(items, texts):
                core = t[len(lead):] if t.startswith(lead) else t
                core = core[:core.find("关于", 1)] if core.find("关于", 1) > 0 else core
                out_titles.append((lead + core + frame, p0, p0 + len(it)))
        elif "关于" in texts[0] and all(t.startswith("关于") for t in texts[1:]):
            tail = texts[0][-2:]
            k = last.rfind(tail)
            frame = last[k + 2:] if k > 0 else ""
            organ = texts[0][: texts[0].index("关于")]
            if frame and _ends_with_any(frame, _DOC_SUFFIXES):
                for (p0, it), t in zip(items, texts):
                    core = t[len(organ):] if organ and t.startswith(organ) else t
                    core = core[: core.rfind(tail) + 2] if t is last else core
                    out_titles.append((organ + core + frame, p0, p0 + len(it)))
        else:
            # 国务院关于建设中国特色、世界一流的大学…的报告: a 、 inside one title
            merged: list[tuple[int, str]] = []
            buf_start, buf = None, []
            for (p0, it), end in zip(items, ends):
                if buf_start is None:
                    buf_start = p0
                buf.append(it)
                if end:
                    merged.append((buf_start, "、".join(buf)))
                    buf_start, buf = None, []
            if merged and all(len(x) <= 80 for _, x in merged):
                items = merged
    if out_titles:
        return [(t, action, s, e) for t, s, e in out_titles if 3 <= len(t) <= 120]
    out = []
    prefix = ""
    for k, (start, item) in enumerate(items):
        title = re.sub(r"^(?:新修订的|修订后的|修改后的|新制定的|" + _VETTED + ")", "", item).strip()
        if k > 0 and re.fullmatch(r"《[^《》]+》的[\u4e00-\u9fff]{1,4}", title) and "关于" in texts[0] \
                and 0 < texts[0].find("《") and texts[0].find("关于") < texts[0].find("《"):
            # 关于批准《A条约》的决定、《B条约》的决定: the issuer and 关于批准 frame are shared
            title = texts[0][: texts[0].find("《")] + title
        elif title.startswith("《") or re.search(r"》[和及、与]《", title):
            continue  # 《A》和《B》: book titles, read by the 《》 pass
        shared_issuer = ""
        if k > 0 and title.startswith("关于") and 2 <= texts[0].find("关于") <= 20 \
                and "的" not in texts[0][: texts[0].find("关于")] \
                and _ends_with_any(texts[0][: texts[0].find("关于")], L.ORGAN_SUFFIXES):
            shared_issuer = texts[0][: texts[0].find("关于")]  # 常委会关于批准《A》的决定、关于批准《B》的决定
        lead_m = re.match(r"^.{0,30}?(?:提请|提交|审议(?!结果))[^关]{0,20}?的(?=.)", title)
        if not title.startswith("关于") and lead_m and "关于" not in lead_m.group(0):
            title = title[lead_m.end():]  # (全国人大常委会关于提请审议…的议案 keeps its 关于 frame)
        if "关于" in title[1:] and re.search(r"(?:的|提出|分别)", title[: title.index("关于")]):
            title = title[title.index("关于"):]
        if "和" in title and not _ends_with_any(title.split("和")[0], _DOC_SUFFIXES) and k > 0 \
                and re.search(r"会议", title.split("和", 1)[1]):
            title = title.split("和", 1)[1]  # 日程安排和十四届全国人大三次会议议程草案: the titled part
        j = title.rfind("会议")
        if k == 0 or (0 < j < len(title) - 2 and not title.startswith("关于")):
            prefix = title[: j + 2] if 0 < j < len(title) - 2 and not title.startswith("关于") else ""
        elif prefix and not title.startswith(("关于", prefix, prefix[:4])) and "会议" not in title and "的" not in title:
            # (全国政协2024年…工作情况的报告 after …会议议程（草案）: a full title of its own)
            title = prefix + title
        title = shared_issuer + title
        parts = [title]
        both = re.split(r"(?:(?<=[稿案法划要告）])|(?<=名单))(?:和|及)", title, maxsplit=1)
        if len(both) == 2 and all(_ends_with_any(_strip_paren(x), _DOC_SUFFIXES) for x in both) \
                and not ("关于" in both[1] and "关于" not in both[0]) \
                and (not title.startswith("关于") or re.search(r"的[\u4e00-\u9fff]{1,3}$", both[0])):
            parts = both  # (关于“十四五”规划和2035年远景目标纲要…报告 is one title)
            j = max(both[0].rfind("委员会"), both[0].rfind("常委会"))
            if both[1].startswith("各") and j > 0:  # X委员会副秘书长任命名单和各专门委员会…名单: X's committees
                parts = [both[0], both[0][: j + 3] + both[1]]
            j = both[0].rfind("会议")
            if len(_strip_paren(both[1])) <= 4 and 0 < j:  # …会议议程（草案）和日程（草案） -> …会议日程（草案）
                parts = [both[0], both[0][: j + 2] + both[1]]
        elif len(both) == 2 and both[0].endswith(("草案", "稿")) and not title.startswith("关于") \
                and not _ends_with_any(_strip_paren(both[1]), _DOC_SUFFIXES) and len(both[1]) <= 6:
            parts = [both[0]]  # 常委会第十五次会议议程草案和日程安排: the draft is the document
        for t in parts:
            if re.search(r"等(?:议案|文件|报告|草案)$|[\d一二三四五六七八九十两几]个(?:[^、]{0,10}$|[^、]{0,6}?(?:委员会|法律|草案|报告|议案|条约|决定))|这些|这(?:个|份|项|一)|上述|(?:^|的)有关(?:决定|法律|议案|报告|草案|任免)", t) \
                    or t in _GENERIC_DOCS:
                continue  # 三个法律草案修改稿, 财政经济委员会的三个审查结果报告: references, not titles
            inner = t.find("《")
            if inner == 0 or t.count("《") != t.count("》") or t.endswith("》"):
                continue  # 学习中央全面依法治国委员会《关于…的意见》: the book title itself is the document
            t = t.replace("《", "").replace("》", "")  # 关于批准《…条约》的决定: an inner title is part of the name
            if t.startswith("大会关于"):
                t = t[2:]  # 大会关于设立…的决定草案: the session printed as the issuer, not part of the title
            if t.startswith(("相关", "有关")) or len(t) <= 4 and t.endswith(("草案", "报告", "稿", "计划", "要点", "选题")) \
                    or t.endswith(("贺信", "贺电")) and "关于" not in t:
                continue  # 决定草案, 预算报告, 习近平主席的贺信: a kind of document or a short form, not a title
            if 3 <= len(t) <= 120 and not t.startswith(("该", "此", "这", "上述")) and _ends_with_any(_strip_paren(t), _DOC_SUFFIXES) \
                    and not _ends_with_any(t, L.DOC_NOT) and not any(x in t for x in ("精神", "重要讲话")):
                out.append((t, action, start, start + len(item)))
    return out


_BOOK_BRACKETS = re.compile("[《》]")


def _book_titles(text: str) -> list[tuple[int, int]]:
    """Spans of 《…》 (nested 〈〉/《》 allowed), including the brackets."""
    out: list[tuple[int, int]] = []
    if "《" not in text:
        return out
    depth = 0
    start = -1
    for m in _BOOK_BRACKETS.finditer(text):  # (only the brackets count)
        i, ch = m.start(), m.group()
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


def _npc_members(holdings: list[Holding]) -> list[Holding]:
    """常委会委员某某 at a session of the NPC Standing Committee: the member title of that committee."""
    return [dataclasses.replace(h, title="全国人大常委会委员", region="中央")
            if h.title == "常委会委员" and h.region is None else h for h in holdings]


def _shared_organ_regions(holdings: list[Holding]) -> list[Holding]:
    """中共中央政治局常委、纪念活动领导小组组长A … 纪念活动领导小组副组长B: B's post, printed without a region, is in
    the same ad hoc organ as A's national one, so it is national too."""
    organs: dict[str, str] = {}
    for h in holdings:
        organ = _organ_prefix(h.title)
        if h.region == "中央" and len(organ) >= 4 and organ.endswith(("领导小组", "委员会", "指挥部", "组委会", "筹委会")) \
                and not _starts_with_any(organ, L.NATIONAL_PREFIXES) and not _level_of(h.title):
            organs.setdefault(organ, h.region)
    if not organs:
        return holdings
    return [dataclasses.replace(h, region=organs[_organ_prefix(h.title)])
            if h.region is None and _organ_prefix(h.title) in organs else h for h in holdings]


def _dedupe_holdings(holdings: list[Holding]) -> list[Holding]:
    seen: set[tuple] = set()
    out = []
    for h in holdings:
        key = (h.person, h.region, h.title)
        if key not in seen:
            seen.add(key)
            out.append(h)
    return out
