"""Bad input, faults and hostile text at ingest and extraction: keep working, lose nothing, let nothing through.

Every bad item becomes one :class:`~kg.model.Rejected` (one line: ``FILE:LINE [ID]: reason``), every good
item is still read, and nothing crashes. Extraction bugs found here are ``xfail(strict=True)`` with the
minimal repro in the reason (kg/extract/rules.py is owned elsewhere).
"""
from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from kg.extract.rules import RuleExtractor
from kg.facts import article_to_json, json_text
from kg.ingest import DEFAULT_MAX_CHARS, Defaults, make_article, parse_date, read_articles, read_text_file
from kg.model import Article, Rejected

EX = RuleExtractor()
GOOD = "市委书记王晖主持召开市委常委会会议。"


def items(*paths: Path, **defaults) -> tuple[list[Article], list[Rejected]]:
    got = list(read_articles(list(paths), Defaults(**defaults)))
    for i in got:
        assert isinstance(i, (Article, Rejected))
        if isinstance(i, Rejected):
            assert "\n" not in str(i) and "\r" not in str(i), str(i)
    return [i for i in got if isinstance(i, Article)], [i for i in got if isinstance(i, Rejected)]


def jsonl(path: Path, *lines) -> Path:
    """Write lines (dicts/lists/scalars as JSON, str as they are) to a .jsonl file."""
    out = [x if isinstance(x, str) else json_text(x).replace("\n", "") for x in lines]  # json_text escapes surrogates
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def check_spans(f) -> None:
    """Every evidence span lies inside the text and inside the sentence it names; the facts serialise."""
    a = f.article
    n = len(a.text)
    for s in f.sentences:
        assert 0 <= s.start < s.end <= n
    evs = ([p.evidence for p in f.persons] + [h.evidence for h in f.holdings] + [m.evidence for m in f.meetings]
           + [p.evidence for p in f.participations] + [d.evidence for d in f.documents]
           + [r.evidence for r in f.reporters] + [r.evidence for r in f.regions] + [c.evidence for c in f.circles])
    for e in evs:
        s = f.sentences[e.sentence]
        assert s.start <= e.start < e.end <= s.end, (e, s)
    text = json_text({"articles": [article_to_json(f)]})
    assert json.loads(text.encode("utf-8").decode("utf-8"))["articles"][0]["id"] == a.id


def extract(text: str, **kw):
    kw.setdefault("published", date(2022, 9, 28))
    f = EX.extract(make_article(kw.pop("id", "t"), kw.pop("title", "标题"), text, **kw))
    check_spans(f)
    return f


# ---------------------------------------------------------------------------------------- files


def test_empty_whitespace_and_binary_files_are_rejected_with_a_reason(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\n\u3000\n", encoding="utf-8")
    (tmp_path / "nul.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "noise.md").write_bytes(bytes([0x80 + (i * 37) % 128 for i in range(4000)]))  # no NUL, not text
    good, bad = items(tmp_path)
    assert good == []
    reasons = {Path(b.origin).name: b.reason for b in bad}
    assert reasons["empty.txt"].startswith("empty page") and reasons["blank.txt"].startswith("empty page")
    assert "binary" in reasons["nul.txt"]
    assert "cannot decode" in reasons["noise.md"] and "--encoding" in reasons["noise.md"]


@pytest.mark.parametrize("codec,given", [
    ("gbk", None), ("gb18030", None), ("gb2312", None), ("utf-8-sig", None), ("utf-16", None), ("utf-16-le", None),
    ("utf-16-be", None), ("utf-32", None), ("gbk", "gbk"), ("gb18030", "GB18030"), ("utf-16", "utf-16"),
    ("utf-16-le", "utf-16-le"), ("big5", "big5"),
])
def test_page_encodings_detected_or_given(tmp_path: Path, codec, given):
    body = "市委书记王晖主持召开会议，研究部署２７日的工作。" if codec != "big5" else "市委書記王暉主持召開會議。"
    extra = "𠀀" if codec == "gb18030" else ""  # a four-byte GB18030 character
    p = tmp_path / "enc.txt"
    p.write_bytes(f"# 标题{extra}\n{body}\n".encode(codec) if codec != "big5" else f"# 標題\n{body}\n".encode(codec))
    (a,), bad = items(p, encoding=given)
    assert not bad
    assert a.text.strip() == body and a.title.startswith(("标题", "標題")) and a.title.endswith(extra)


def test_jsonl_encodings_detected_or_given(tmp_path: Path):
    rows = [{"id": "a", "text": "市长李四出席会议。"}, {"id": "b", "text": "副市长王五出席会议。"}]
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"
    for codec, given in [("gbk", None), ("gb18030", None), ("utf-8-sig", None), ("utf-16", None), ("utf-16-le", None),
                         ("utf-32", None), ("gbk", "gbk"), ("utf-16", "utf-16"), ("utf-8-sig", "utf-8")]:
        p = tmp_path / f"x-{codec}-{given}.jsonl"
        p.write_bytes(lines.encode(codec))
        good, bad = items(p, encoding=given)
        assert not bad, (codec, given, bad)
        assert [(a.id, a.text) for a in good] == [(r["id"], r["text"]) for r in rows], (codec, given)


def test_wrong_or_unknown_encoding_is_one_rejection_per_file(tmp_path: Path):
    p = tmp_path / "gbk.txt"
    p.write_bytes("# 标题\n市委书记王晖出席会议。\n".encode("gbk"))
    q = jsonl(tmp_path / "u.jsonl", {"text": "正文。"})
    good, bad = items(p, q, encoding="utf-8")
    assert [a.id for a in good] == ["u#1"]
    assert len(bad) == 1 and "cannot decode as utf-8 at byte" in bad[0].reason and "(line 1)" in bad[0].reason
    good, bad = items(p, q, encoding="no-such-codec")
    assert good == [] and [b.reason for b in bad] == ["unknown encoding 'no-such-codec'"] * 2


def test_damaged_utf8_page_is_rejected_not_read_as_gb18030(tmp_path: Path):
    data = "# 标题\n市委书记王晖主持召开市委常委会会议，研究部署工作。\n".encode("utf-8")
    p = tmp_path / "damaged.txt"
    p.write_bytes(data[:-10] + b"\xff" + data[-10:])
    good, bad = items(p)
    assert good == [] and "invalid UTF-8 at byte" in bad[0].reason and "(line 2)" in bad[0].reason


def test_damaged_line_in_utf8_jsonl_loses_only_that_line(tmp_path: Path):
    p = tmp_path / "d.jsonl"
    good_line = json.dumps({"text": "市长李四出席会议。"}, ensure_ascii=False).encode("utf-8")
    p.write_bytes(b"\n".join([good_line, good_line[:20] + b"\xfe\xff" + good_line[20:], good_line]) + b"\n")
    good, bad = items(p)
    assert [a.line for a in good] == [1, 3]
    assert [(b.line, b.article_id) for b in bad] == [(2, "d#2")] and "not valid utf-8" in bad[0].reason


def test_utf16_jsonl_lone_surrogate_and_truncated_end(tmp_path: Path):
    p = tmp_path / "w.jsonl"
    p.write_bytes('{"text": "正文。"}\n{"text": "x'.encode("utf-16") + "\ud800".encode("utf-16-le", "surrogatepass")
                  + '"}\n{"text": "y"}\n'.encode("utf-16-le") + b"\x00")  # a lone surrogate, then an odd byte
    good, bad = items(p)
    assert [(a.line, a.text) for a in good] == [(1, "正文。"), (2, "x\ufffd"), (3, "y")]
    assert [(b.line, b.reason) for b in bad] == [(4, "not utf-16 (truncated data); stopped reading this file")]


def test_missing_file_empty_directory_and_odd_names(tmp_path: Path):
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.docx").write_bytes(b"PK\x03\x04")
    weird = tmp_path / "bad\nname\u202e.txt"
    weird.write_text("", encoding="utf-8")
    good, bad = items(tmp_path / "nope.txt", tmp_path / "empty_dir", tmp_path / "other", weird)
    assert good == []
    assert [b.reason for b in bad[:3]] == ["no such file or directory"] + [
        "no .txt, .md, .jsonl or .ndjson files in this directory"] * 2
    assert "bad\\nname\\u202e.txt" in str(bad[3])  # escaped: the message stays on one line


# ---------------------------------------------------------------------------------------- pages


def test_single_line_page_is_its_own_text(tmp_path: Path):
    p = tmp_path / "one.txt"
    p.write_text(GOOD, encoding="utf-8")  # no heading, no newline
    (a,), bad = items(p)
    assert not bad and a.text == GOOD and a.title == GOOD[:60] and a.line == 1
    assert [x.name for x in EX.extract(a).persons] == ["王晖"]


def test_headless_page_first_line_is_title_unless_it_is_a_sentence(tmp_path: Path):
    p = tmp_path / "t.txt"
    p.write_text("南通市委常委会召开会议\n" + GOOD + "\n", encoding="utf-8")
    (a,), _ = items(p)
    assert a.title == "南通市委常委会召开会议" and a.text.strip() == GOOD
    p.write_text(GOOD + "\n会议强调，要抓好落实。\n", encoding="utf-8")
    (a,), _ = items(p)
    assert a.text.startswith(GOOD) and a.title == GOOD  # a sentence is text: nothing lost


def test_text_before_the_first_heading_is_kept_and_lines_are_heading_lines(tmp_path: Path):
    p = tmp_path / "page.md"
    p.write_text("导语\n" + GOOD + "\n\n# 第一篇\n市长李四出席。\n# 第二篇\n\n正文二。\n", encoding="utf-8")
    good, bad = items(p)
    assert [(a.id, a.title, a.line) for a in good] == [("page#0", "导语", 1), ("page#1", "第一篇", 4),
                                                      ("page#2", "第二篇", 6)]
    assert GOOD in good[0].text and not bad


def test_heading_without_text_and_huge_heading(tmp_path: Path):
    p = tmp_path / "h.md"
    p.write_text("# 空\n\n# " + "长" * 1000 + "\n" + GOOD + "\n", encoding="utf-8")
    good, bad = items(p)
    assert [(b.line, b.article_id, b.reason) for b in bad] == [(1, "h#1", "article has a heading but no text")]
    assert len(good[0].title) == 200 and good[0].text.strip() == GOOD


@pytest.mark.parametrize("meta,reason", [
    ("{not json", "h.meta.json: malformed JSON"),
    ("[1, 2]", "h.meta.json: expected a JSON object, got list"),
    ('{"date": "2022/09/28"}', "h.meta.json: date '2022/09/28' is not YYYY-MM-DD"),
    ('{"date": "2022-02-30"}', "h.meta.json: date '2022-02-30' is not a calendar date"),
    ('{"source": 5}', "h.meta.json: 'source' must be a string, got int"),
])
def test_bad_sidecar_rejects_the_page_and_says_which_file(tmp_path: Path, meta, reason):
    (tmp_path / "h.txt").write_text("# t\n" + GOOD, encoding="utf-8")
    (tmp_path / "h.meta.json").write_text(meta, encoding="utf-8")
    good, bad = items(tmp_path / "h.txt")
    assert good == [] and bad[0].reason.startswith(reason)


def test_sidecar_with_bom_and_date(tmp_path: Path):
    (tmp_path / "h.txt").write_text("# t\n" + GOOD, encoding="utf-8")
    (tmp_path / "h.meta.json").write_text('\ufeff{"date": "20220928", "source": "南通晚报"}', encoding="utf-8")
    (a,), _ = items(tmp_path / "h.txt")
    assert a.published == date(2022, 9, 28) and a.source == "南通晚报"


# ---------------------------------------------------------------------------------------- JSON Lines


BAD_JSONL = [  # (line, expected reason prefix, expected id)
    ('{"id": "a", "text": "缺引号}', "malformed JSON: Unterminated string", "j#{n}"),
    ("{'text': 'single quotes'}", "malformed JSON: Expecting property name", "j#{n}"),
    ('{"text": "x",}', "malformed JSON", "j#{n}"),
    ("[" * 100_000, "malformed JSON", "j#{n}"),
    ('{"id": ' + "9" * 5000 + ', "text": "x"}', "unreadable JSON", "j#{n}"),
    ({"id": "m"}, "missing 'text'", "m"),
    ({"id": "n", "text": None}, "missing 'text'", "n"),
    ({"text": 5}, "'text' must be a string, got int", "j#{n}"),
    ({"text": ["a"]}, "'text' must be a string, got list", "j#{n}"),
    ({"text": {"zh": "正文"}}, "'text' must be a string, got dict", "j#{n}"),
    ({"id": True, "text": "x"}, "'id' must be a string or integer, got bool", "j#{n}"),
    ({"id": 1.5, "text": "x"}, "'id' must be a string or integer, got float", "j#{n}"),
    ({"id": ["x"], "text": "x"}, "'id' must be a string or integer, got list", "j#{n}"),
    ({"id": "", "text": "x"}, "'id' is empty", "j#{n}"),
    ({"id": "a\nb", "text": "x"}, "'id' 'a\\nb' contains line breaks or control characters", "j#{n}"),
    ({"id": "rtl\u202e", "text": "x"}, "'id' 'rtl\\u202e' contains", "j#{n}"),
    ({"title": 3, "text": "x"}, "'title' must be a string, got int", "j#{n}"),
    ({"source": ["s"], "text": "x"}, "'source' must be a string, got list", "j#{n}"),
    ({"url": {}, "text": "x"}, "'url' must be a string, got dict", "j#{n}"),
    ({"home_region": 320600, "text": "x"}, "'home_region' must be a string, got int", "j#{n}"),
    ({"date": 20220928, "text": "x"}, "date must be a string, got int", "j#{n}"),
    ({"date": "2022-13-01", "text": "x"}, "date '2022-13-01' is not a calendar date", "j#{n}"),
    ({"date": "yesterday", "text": "x"}, "date 'yesterday' is not YYYY-MM-DD or YYYYMMDD", "j#{n}"),
    ({"date": "", "text": "x"}, "date '' is not YYYY-MM-DD", "j#{n}"),
    ([1, 2], "expected a JSON object, got list", "j#{n}"),
    ("\"just a string\"", "expected a JSON object, got str", "j#{n}"),
    ("42", "expected a JSON object, got int", "j#{n}"),
    ("null", "expected a JSON object, got null", "j#{n}"),
    ({"text": ""}, "'text' is empty", "j#{n}"),
    ({"text": " \n\t\u3000"}, "'text' is empty", "j#{n}"),
]


def test_jsonl_every_bad_line_is_one_clear_rejection(tmp_path: Path):
    lines: list = []
    expected_bad = []
    for k, (line, reason, aid) in enumerate(BAD_JSONL):
        lines.append({"id": f"g{k}", "text": GOOD, "extra": {"unknown": [1, 2]}, "repo": None})  # unknown fields are fine
        lines.append(line)
        expected_bad.append((2 * k + 2, aid.format(n=2 * k + 2), reason))
    lines.append("")  # a blank line is not an item
    lines.append({"id": None, "title": None, "text": GOOD, "date": None, "url": None})  # nulls mean absent
    p = jsonl(tmp_path / "j.jsonl", *lines)
    good, bad = items(p)
    assert [a.id for a in good] == [f"g{k}" for k in range(len(BAD_JSONL))] + [f"j#{2 * len(BAD_JSONL) + 2}"]
    assert len(bad) == len(BAD_JSONL)
    for b, (line, aid, reason) in zip(bad, expected_bad):
        assert (b.line, b.article_id) == (line, aid) and b.reason.startswith(reason), (b, reason)
        assert str(b).startswith(f"{p}:{line} [{aid}]: ")


def test_jsonl_crlf_bom_and_trailing_garbage(tmp_path: Path):
    p = tmp_path / "c.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": GOOD}, ensure_ascii=False).encode() + b"\r\n"
                  + b'{"text": "x"} trailing\r\n' + b"\r\n")
    good, bad = items(p)
    assert [a.text for a in good] == [GOOD] and [(b.line, b.reason.split(":")[0]) for b in bad] == [(2, "malformed JSON")]


def test_duplicate_ids_are_rejected_with_the_first_place(tmp_path: Path):
    p = jsonl(tmp_path / "d.jsonl", {"id": "x", "text": GOOD}, {"id": "x", "text": "别的正文。"}, {"id": 7, "text": "a"},
              {"id": "7", "text": "b"})
    good, bad = items(p)
    assert [a.id for a in good] == ["x", "7"]
    assert [(b.line, b.article_id) for b in bad] == [(2, "x"), (4, "7")]
    assert bad[0].reason == f"duplicate id (first read at {p}:1); ids must be unique"


def test_unknown_fields_and_metadata_types_are_kept(tmp_path: Path):
    p = jsonl(tmp_path / "k.jsonl", {"id": 12, "text": GOOD, "date": "２０２２-０９-２８", "source": "晚报", "foo": [1]})
    (a,), _ = items(p)
    assert a.id == "12" and a.published == date(2022, 9, 28) and a.source == "晚报"


# ---------------------------------------------------------------------------------------- sizes


def test_one_character_articles(tmp_path: Path):
    p = jsonl(tmp_path / "one.jsonl", *({"text": t} for t in ["a", "。", "张", "\u200b", "\ud800", "日", "《", "\n。"]))
    good, bad = items(p)
    assert [b.reason for b in bad] == []
    for a in good:
        f = EX.extract(a)
        check_spans(f)
        assert not f.persons


def test_article_size_limit(tmp_path: Path):
    p = jsonl(tmp_path / "big.jsonl", {"id": "ok", "text": "甲" * 10}, {"id": "big", "text": "乙" * 11})
    good, bad = items(p, max_chars=10)
    assert [a.id for a in good] == ["ok"]
    assert bad[0].reason == "article too large (11 chars > limit 10); split it or raise --max-chars"
    assert len(items(p, max_chars=None)[0]) == 2 and len(items(p, max_chars=0)[0]) == 2
    q = tmp_path / "big.txt"
    q.write_text("# 一\n" + "甲" * 5 + "\n# 二\n" + "乙" * 20 + "\n", encoding="utf-8")
    good, bad = items(q, max_chars=10)
    assert [a.id for a in good] == ["big#1"] and [(b.line, b.article_id) for b in bad] == [(3, "big#2")]
    assert Defaults().max_chars == DEFAULT_MAX_CHARS == 2_000_000


@pytest.mark.slow
def test_over_long_jsonl_lines_are_skipped_unread(tmp_path: Path):
    long_line = json.dumps({"id": "long", "text": "甲" * 70_000}, ensure_ascii=False)  # 210 kB > 12 x 20 + 64 KiB
    rows = [{"id": "a", "text": GOOD}, long_line, {"id": "b", "text": GOOD}, long_line + " ", {"id": "c", "text": GOOD}]
    for codec in ("utf-8", "utf-16"):
        p = tmp_path / f"l-{codec}.jsonl"
        p.write_bytes(("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows)
                       + "\n").encode(codec))
        good, bad = items(p, max_chars=20)
        assert [a.id for a in good] == ["a", "b", "c"], codec
        assert [b.line for b in bad] == [2, 4] and all("line too long" in b.reason for b in bad), bad
        good, bad = items(p, max_chars=100_000)
        assert [a.id for a in good] == ["a", "long", "b", "c"] and [b.line for b in bad] == [4], codec  # duplicate id


def test_oversized_page_file_and_devices_are_refused_unread(tmp_path: Path):
    p = tmp_path / "p.txt"
    p.write_text(GOOD * 10, encoding="utf-8")
    with pytest.raises(ValueError, match="file too large"):
        read_text_file(p, max_bytes=100)
    assert read_text_file(p, max_bytes=1000) == GOOD * 10
    if Path("/dev/zero").exists():
        _, bad = items(Path("/dev/zero"))
        assert [b.reason for b in bad] == ["not a regular file"]


@pytest.mark.slow
def test_million_character_article_keeps_offsets(tmp_path: Path):
    filler = "今天天气很好，大家都很高兴。"
    head, tail = GOOD, "副市长李四出席会议并讲话。"
    text = head + filler * (1_000_000 // len(filler)) + tail
    t0 = time.perf_counter()
    (a,), bad = items(jsonl(tmp_path / "m.jsonl", {"id": "m", "text": text}))
    f = EX.extract(a)
    took = time.perf_counter() - t0
    assert len(a.text) > 1_000_000 and not bad
    names = {p.name: p.evidence for p in f.persons}
    assert set(names) == {"王晖", "李四"}
    assert text[names["李四"].start:names["李四"].end] == "李四" and names["李四"].start > 1_000_000
    assert took < 60, took


def _rss_and_time(code: str) -> tuple[float, int, str]:
    """Run Python code in a fresh interpreter; (seconds, peak RSS in MB, stdout)."""
    # Peak RSS from /proc VmHWM: ru_maxrss survives exec, so a child of a big pytest process would
    # report the parent's size.
    wrapper = textwrap.dedent("""
        import re, time, sys
        t0 = time.perf_counter()
        exec(sys.stdin.read())
        hwm = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
        print(f"@@ {time.perf_counter() - t0:.3f} {hwm // 1024}")
    """)
    res = subprocess.run([sys.executable, "-c", wrapper], input=code, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONHASHSEED": "0"})
    assert res.returncode == 0, res.stderr
    out, _, stats = res.stdout.rpartition("@@ ")
    secs, mb = stats.split()
    return float(secs), int(mb), out


@pytest.mark.slow
def test_50_mb_single_line_file_is_rejected_fast_and_lean(tmp_path: Path):
    unit = "市委书记王晖主持召开市委常委会会议，研究部署下一阶段工作，强调要抓好落实，" * 10
    data = (unit * (50_000_000 // len(unit.encode()) + 1)).encode("utf-8")[:50_000_000]
    data = data.decode("utf-8", "ignore").encode("utf-8")
    (tmp_path / "big.txt").write_bytes(data)
    (tmp_path / "big.jsonl").write_bytes(json.dumps({"id": "big", "text": data.decode()}, ensure_ascii=False).encode()
                                         + b"\n" + json.dumps({"id": "small", "text": GOOD}, ensure_ascii=False).encode())
    secs, mb, out = _rss_and_time(textwrap.dedent(f"""
        from pathlib import Path
        from kg.pipeline import extract
        res = extract([Path({str(tmp_path / 'big.txt')!r}), Path({str(tmp_path / 'big.jsonl')!r})], ner="none",
                      progress=False)
        print([f.article.id for f in res.facts], [str(r) for r in res.problems])
    """))
    assert "['small']" in out and "big.txt:1 [big]: article too large (16," in out, out
    assert "big.jsonl:1 [big#1]: line too long (50,000,0" in out, out  # skipped unread: > 12 bytes x 2M chars
    assert secs < 20 and mb < 600, (secs, mb)


# ---------------------------------------------------------------------------------------- hostile text


def test_lone_surrogates_become_replacement_characters_and_say_so(tmp_path: Path, caplog):
    line = '{"id": "s\\ud800", "title": "\\udfff标题", "text": "市委书记王晖\\ud83d\\ude00出席会议。\\udc80", "source": "\\ud800"}'
    p = tmp_path / "s.jsonl"
    p.write_text(line + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kg.ingest"):
        (a,), bad = items(p)
    assert not bad
    assert (a.id, a.title, a.source) == ("s\ufffd", "\ufffd标题", "\ufffd")
    assert a.text == "市委书记王晖😀出席会议。\ufffd"  # a proper pair is one character, a lone half is U+FFFD
    assert "4 lone surrogate(s) replaced by U+FFFD" in caplog.text and f"{p}:1" in caplog.text
    f = EX.extract(a)
    check_spans(f)
    json_text({"articles": [article_to_json(f)]}).encode("utf-8")  # strict UTF-8 works


def test_lone_surrogates_in_facts_never_break_the_json_writer(tmp_path: Path):
    from dataclasses import replace

    from kg.facts import write_json_atomic

    f = EX.extract(make_article("x", "t", GOOD))
    # an Article built around ingest (as other code might) still carries them
    raw = replace(f.article, id="x\ud800", title="\udfff")
    out = tmp_path / "f.json"
    write_json_atomic(out, {"articles": [article_to_json(replace(f, article=raw))]})
    data = out.read_bytes()
    data.decode("utf-8")  # valid UTF-8 on disk
    doc = json.loads(data)
    assert doc["articles"][0]["id"] == "x\ud800" and doc["articles"][0]["title"] == "\udfff"  # lossless escape
    assert b"\\ud800" in data


HOSTILE = [
    'X<script>alert("x")</script>',
    '"""',
    "\\",
    "\\u0000",
    ">",
    "</script><!--",
    "\x00\x01\x07\x1b\x7f\x85",
    "\u202e\u200f\u200e\u2066\u2069",
    "\u2028\u2029",
    "\ufeff",
    "@prefix x: <y> .",
    "' OR 1=1 --",
    "{{7*7}}",
]


@pytest.mark.parametrize("junk", HOSTILE)
def test_hostile_text_around_facts(junk):
    text = f"{junk}市委书记王晖{junk}主持召开{junk}市委常委会会议。副市长李四{junk}出席。《{junk}关于{junk}的意见》{junk}"
    for t in (text, junk, junk * 50, f"市委书记{junk}王晖出席会议。"):
        f = extract(t, home_region="南通市", title=junk, id=junk or "x", source=junk)
        doc = json.loads(json_text({"articles": [article_to_json(f)]}))
        assert doc["articles"][0]["source"] == junk


def test_invisible_characters_do_not_hide_names():
    for sep in ("\u200b", "\u200f", "\u202e", "\ufeff", "\x00", "\u00ad"):
        text = f"{sep}市委书记王{sep}晖{sep}主持召开市委常委会会议。"
        f = extract(text, home_region="南通市")
        assert [p.name for p in f.persons] == ["王晖"], repr(sep)
        e = f.persons[0].evidence
        assert text[e.start:e.end].replace(sep, "") == "王晖"  # evidence points into the original text
        assert [(h.region, h.title) for h in f.holdings] == [("南通市", "市委书记")], repr(sep)


def test_rtl_override_and_markup_are_kept_verbatim_in_text():
    a = make_article("x", "t", "\u202e市委书记王晖出席。")
    assert a.text.startswith("\u202e") and not a.clean.startswith("\u202e")
    assert all(a.text[j] == a.clean[i] for i, j in enumerate(a.clean_to_text))


def test_full_width_digits_resolve_like_ascii():
    for day in ("27日", "２７日", "2７日"):
        f = extract(f"市委书记王晖{day}主持召开市委常委会会议。")
        assert [m.date for m in f.meetings] == [date(2022, 9, 27)], day
    f = extract("２０２２年９月２７日，市委书记王晖主持召开市委常委会会议。", published=None)
    assert [m.date for m in f.meetings] == [date(2022, 9, 27)]
    assert parse_date("２０２２０９２８") == date(2022, 9, 28)


def test_traditional_characters_do_not_crash():
    f = extract("市委書記王暉主持召開市委常委會會議，研究部署２７日的工作。《關於加強監管的意見》。")
    assert f.sentences  # the rules are simplified-only: no facts expected, but nothing breaks


@pytest.mark.parametrize("text", ["【市委书记王晖出席会议】", "『市委书记王晖』出席会议。", "「市委书记王晖」出席会议。",
                                  "\ufffd市委书记王晖出席会议。"])
def test_brackets_before_a_title_stay_out_of_it(text):
    f = extract(text, home_region="南通市")
    assert [(h.person, h.region, h.title) for h in f.holdings] == [("王晖", "南通市", "市委书记")]


def test_year_before_a_title_stays_out_of_it():
    f = extract("2022年市委书记王晖出席会议。", home_region="南通市")
    assert [(h.person, h.region, h.title) for h in f.holdings] == [("王晖", "南通市", "市委书记")]


@contextmanager
def _time_limit(seconds: float):
    def boom(*_):
        raise TimeoutError(f"took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, boom)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.slow
def test_long_sentence_with_many_titled_people_is_not_quadratic():
    text = "市长张三出席会议，" * 2200  # 19,800 chars, no full stop: one sentence
    with _time_limit(4):
        extract(text)
