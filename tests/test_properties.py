"""Property-based tests (hypothesis) over ingest, segment and extraction.

For any Unicode text (lone surrogates, controls, bidi marks, astral characters, governance vocabulary):
nothing crashes; the clean -> text offset map is strictly increasing and maps each clean character to
the same character of the text; sentences and evidence spans lie inside the text, every span inside the
sentence it names; the facts serialise to valid UTF-8 JSON; readers turn every non-blank input line
into exactly one item and lose no text.
"""
from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.rules import RuleExtractor
from kg.facts import article_to_json, json_text
from kg.ingest import (_INVISIBLE, Defaults, clean_text, fix_surrogates, make_article, one_line, parse_date, read_jsonl,
                       read_page, repair_wraps)
from kg.model import Article, Rejected
from kg.segment import segment, split_clean

EX = RuleExtractor()

VOCAB = [
    "市委书记", "市长", "副市长", "省委常委、常务副省长", "市委副书记、", "党组书记", "国务院副总理", "王晖", "李强", "张三",
    "欧阳明", "阿不都·热合曼", "主持召开", "主持", "出席", "参加", "讲话", "会议", "市委常委会会议", "常务会议", "座谈会",
    "。", "，", "、", "；", "：", "“", "”", "《", "》", "（", "）", "「", "」", "【", "】", "\n", "\n\n", " ", "\u3000",
    "27日", "２７日", "昨天", "2022年9月", "9月27日", "南通市", "上海市", "江苏省", "浦东新区", "审议通过", "学习", "传达",
    "关于", "的意见", "实施方案", "记者", "他强调", "她说", "免去", "任命", "为", "同志", "等", "和", "及", "市领导",
    "\u200b", "\u200f", "\u202e", "\ufeff", "\x00", "\x1b", "\ud800", "\udfff", "\ud83d\ude00", "<script>", '"""', "\\",
    ">", "𠀀", "😀", "a", "1", "#", "# 标题\n", "\r\n", "…", "?", "!", "•", "·",
]
ANY_CHAR = st.characters(exclude_categories=())  # every code point, lone surrogates included
MIXED = st.one_of(
    st.lists(st.sampled_from(VOCAB), max_size=60).map("".join),
    st.text(ANY_CHAR, max_size=200),
    st.lists(st.one_of(st.sampled_from(VOCAB), ANY_CHAR), max_size=80).map("".join),
)
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOWER = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.function_scoped_fixture])
_SURR = re.compile("[\ud800-\udfff]")
_HEADING_LINE = re.compile(r"[ \t]*#")


def _check_map(text: str, clean: str, mapping: tuple[int, ...]) -> None:
    assert len(mapping) == len(clean)
    assert all(a < b for a, b in zip(mapping, mapping[1:])), "strictly increasing"
    assert all(0 <= j < len(text) for j in mapping)
    assert all(text[j] == clean[i] for i, j in enumerate(mapping)), "each clean char is the same char of text"
    kept = set(mapping)
    for j, ch in enumerate(text):  # what clean leaves out: invisible characters and broken line wraps
        if j not in kept:
            assert _INVISIBLE.fullmatch(ch) or ch in " \t\r\n\u3000", (j, ch)


@FAST
@given(MIXED)
def test_clean_map_is_monotonic_and_faithful(text):
    clean, mapping = clean_text(text)
    _check_map(text, clean, mapping)
    assert _INVISIBLE.search(clean) is None
    if _INVISIBLE.search(text) is None:
        assert (clean, mapping) == repair_wraps(text)


@FAST
@given(MIXED, MIXED)
def test_make_article_fixes_surrogates_and_keeps_offsets(text, title):
    a = make_article(title or "x", title, text)
    assert len(a.text) <= len(text) and not _SURR.search(a.text + a.title + a.id)
    if not _SURR.search(text):
        assert a.text == text
    _check_map(a.text, a.clean, a.clean_to_text)
    for i in range(len(a.clean) + 2):
        assert 0 <= a.to_text_offset(i) <= len(a.text)


@FAST
@given(MIXED)
def test_segment_spans_are_inside_ordered_and_lose_no_text(text):
    a = make_article("x", "t", text)
    sentences, spans = segment(a)
    assert spans == split_clean(a.clean)
    prev_end, prev_cend = 0, 0
    for k, (s, (cs, ce)) in enumerate(zip(sentences, spans)):
        assert s.index == k and s.article_id == "x"
        assert prev_end <= s.start < s.end <= len(a.text) and prev_cend <= cs < ce <= len(a.clean)
        assert s.text == a.clean[cs:ce] and s.text.strip() == s.text
        assert a.text[s.start] == s.text[0] and a.text[s.end - 1] == s.text[-1]
        prev_end, prev_cend = s.end, ce
    covered = {i for cs, ce in spans for i in range(cs, ce)}
    assert all(a.clean[i].isspace() for i in range(len(a.clean)) if i not in covered), "only blanks between sentences"


@SLOWER
@given(MIXED, st.sampled_from([None, "南通市", "上海市"]), st.sampled_from([None, date(2022, 9, 28), date(2000, 1, 1)]))
def test_extraction_never_crashes_and_every_span_is_inside_its_sentence(text, home, published):
    a = make_article("x", "t", text, home_region=home, published=published)
    f = EX.extract(a)
    n = len(a.text)
    for s in f.sentences:
        assert 0 <= s.start < s.end <= n
    evidence = ([p.evidence for p in f.persons] + [h.evidence for h in f.holdings] + [m.evidence for m in f.meetings]
                + [p.evidence for p in f.participations] + [d.evidence for d in f.documents]
                + [r.evidence for r in f.reporters] + [r.evidence for r in f.regions] + [c.evidence for c in f.circles])
    for e in evidence:
        assert 0 <= e.sentence < len(f.sentences)
        s = f.sentences[e.sentence]
        assert s.start <= e.start < e.end <= s.end, (e, s)
    for p in f.persons + f.reporters:
        assert p.name and not _SURR.search(p.name)
    keys = {m.key for m in f.meetings}
    assert all(p.meeting in keys for p in f.participations)
    assert all(d.meeting is None or d.meeting in keys for d in f.documents)
    doc = json_text({"articles": [article_to_json(f)]})
    assert json.loads(doc.encode("utf-8")) == json.loads(json_text({"articles": [article_to_json(EX.extract(a))]}))


# ---------------------------------------------------------------------------------------- readers

_OBJ = st.fixed_dictionaries(
    {"text": st.one_of(MIXED, st.integers(), st.none(), st.lists(st.integers(), max_size=2))},
    optional={"id": st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none(), st.floats()),
              "title": st.one_of(MIXED, st.integers()), "date": st.one_of(st.sampled_from(
                  ["2022-09-28", "20220928", "2022-02-30", "x", "", "２０２２-０９-２８"]), st.integers()),
              "source": st.one_of(st.text(max_size=8), st.integers()), "zz_unknown": st.integers()},
)
_LINE = st.one_of(
    _OBJ.map(lambda o: json_text(o).replace("\n", "")),  # valid JSON (json_text escapes surrogates)
    st.text(ANY_CHAR.filter(lambda c: c != "\n"), max_size=40),  # junk, possibly undecodable (surrogates)
    st.sampled_from(["", "   ", "[]", "null", "{", '{"text": "a"', '{"text": "正文"} x', "\ufeff"]),
)


@settings(SLOWER, max_examples=60)
@given(st.lists(_LINE, max_size=12), st.sampled_from([None, 5, 50]))
def test_jsonl_every_non_blank_line_is_exactly_one_item(lines, max_chars):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.jsonl"
        p.write_bytes(b"\n".join(line.encode("utf-8", "surrogatepass") for line in lines) + b"\n")
        got = list(read_jsonl(p, Defaults(max_chars=max_chars)))
    if len(got) == 1 and got[0].line == 0:  # the whole file refused (binary): only for NUL bytes
        assert "binary" in got[0].reason and "\x00" in "".join(lines)
        return
    expect = []
    for n, line in enumerate(lines, 1):
        try:
            blank = not line.encode("utf-8", "surrogatepass").decode("utf-8").strip()
        except UnicodeDecodeError:
            blank = False
        if n == 1 and line == "\ufeff":
            blank = True  # a BOM alone
        if not blank:
            expect.append(n)
    assert [i.line for i in got] == expect
    for item, line in zip(got, (lines[n - 1] for n in expect)):
        if isinstance(item, Rejected):
            assert item.reason and "\n" not in str(item) and item.article_id
        else:
            obj = json.loads(line)
            assert item.text == fix_surrogates(obj["text"])[0] and item.text.strip()
            assert max_chars is None or len(item.text) <= max_chars
            _check_map(item.text, item.clean, item.clean_to_text)


@SLOWER
@given(st.lists(st.one_of(st.sampled_from(["# 标题", "## 二", "#", "  # 三 ", "", " ", "\u3000"]), MIXED), max_size=10))
def test_pages_never_crash_and_lose_no_text(lines):
    page = "\n".join(lines)
    page = _SURR.sub("\ufffd", page)  # UTF-8 cannot carry them; the JSONL test covers lone surrogates
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "p.txt"
        p.write_bytes(page.encode("utf-8"))
        got = list(read_page(p))
    arts = [a for a in got if isinstance(a, Article)]
    assert all(isinstance(i, (Article, Rejected)) for i in got) and (arts or any(isinstance(i, Rejected) for i in got))
    if "\x00" in page[:4096] or any(isinstance(i, Rejected) and i.line == 0 for i in got):
        return  # read as binary/undecodable: one rejection for the file
    text = page[1:] if page.startswith("\ufeff") else page
    covered: set[int] = set()
    pos = 0
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for a in arts:
        ls = line_starts[a.line - 1]
        le = text.find("\n", ls) if "\n" in text[ls:] else len(text)
        title_end = text.find(a.title, ls) + len(a.title) if a.title and a.title in text[ls:le] else -1
        # the body follows its heading or title line, or starts where the last one ended (holding its title line)
        starts = [c for c in (le, title_end, pos) if c >= pos and text.startswith(a.text, c)]
        assert starts, "an article's text is a piece of the page, in order"
        i = starts[0]
        covered.update(range(i, i + len(a.text)))
        pos = i + len(a.text)
        _check_map(a.text, a.clean, a.clean_to_text)
    titles = {a.title for a in arts}
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for ls in starts:
        le = text.find("\n", ls)
        le = len(text) if le < 0 else le
        line = text[ls:le]
        lost = [j for j in range(ls, le) if j not in covered and not text[j].isspace()]
        if lost:
            assert _HEADING_LINE.match(line) or line.strip() in titles, repr(line)


# ---------------------------------------------------------------------------------------- helpers


@FAST
@given(MIXED)
def test_one_line_and_fix_surrogates(s):
    out = one_line(s)
    assert not any(c in out for c in "\n\r\x0b\x0c\x85\u2028\u2029") and not _SURR.search(out)
    out.encode("utf-8")
    fixed, lone = fix_surrogates(s)
    assert not _SURR.search(fixed) and lone == len(_SURR.findall(s)) - 2 * (len(s) - len(fixed))


@FAST
@given(st.recursive(st.one_of(st.text(ANY_CHAR), st.integers(), st.none(), st.booleans()),
                    lambda c: st.one_of(st.lists(c, max_size=4), st.dictionaries(st.text(ANY_CHAR, max_size=4), c,
                                                                                 max_size=4)), max_leaves=12))
def test_json_text_is_valid_utf8_and_lossless(data):
    text = json_text(data)
    assert json.loads(text.encode("utf-8").decode("utf-8")) == data


@FAST
@given(st.one_of(st.text(ANY_CHAR, max_size=12), st.integers(), st.none(), st.floats(), st.lists(st.integers())))
def test_parse_date_raises_only_value_error(value):
    try:
        d = parse_date(value)
    except ValueError as e:
        assert str(e)
    else:
        assert isinstance(d, date)


def test_invisible_class_matches_unicodedata():
    """Every Cf character and every Cc that is not whitespace is left out of clean, nothing else that is assigned."""
    everything = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    got = {m.group() for m in re.finditer(_INVISIBLE.pattern.rstrip("+"), everything)}
    want = {ch for ch in everything if unicodedata.category(ch) in ("Cf", "Cc") and not ch.isspace()}
    assert want <= got, sorted(hex(ord(c)) for c in want - got)
    assert all(unicodedata.category(ch) == "Cn" for ch in got - want)  # assigned in a newer Unicode than this Python's
