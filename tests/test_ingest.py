"""Ingest: pages, headings, line-wrap repair with offsets, JSONL validation, encodings."""
from __future__ import annotations

import io
import json
import os
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from kg.ingest import read_articles, repair_wraps
from kg.model import Article, Rejected
from kg.segment import segment


@pytest.mark.parametrize("raw,clean", [
    ("以流量的放大效应为\n\n纽带,推动", "以流量的放大效应为纽带,推动"),
    ("加强精准监\n\n管执法", "加强精准监管执法"),
    ("会议结束。\n\n下一段", "会议结束。\n\n下一段"),  # a finished sentence keeps its paragraph break
])
def test_repair_wraps(raw, clean):
    text, mapping = repair_wraps(raw)
    assert text == clean
    assert all(raw[mapping[i]] == text[i] for i in range(len(text)))


def test_page_with_headings(tmp_path: Path):
    p = tmp_path / "page.md"
    p.write_text("# 第一篇\n市委书记张三出席。\n## 第二篇\n正文二。\n", encoding="utf-8")
    arts = list(read_articles([p]))
    assert [a.id for a in arts] == ["page#1", "page#2"]
    assert arts[0].title == "第一篇" and "张三" in arts[0].text


def test_offsets_survive_repair(tmp_path: Path):
    p = tmp_path / "x.txt"
    p.write_text("# 标题\n市委书记王某主持召开会议，加强精准监\n\n管执法。\n", encoding="utf-8")
    (a,) = list(read_articles([p]))
    sents, _ = segment(a)
    assert len(sents) == 1
    s = sents[0]
    assert "监管执法" in s.text and a.text[s.start:s.end].replace("\n", "") == s.text


def test_jsonl_good_and_bad_lines(tmp_path: Path):
    p = tmp_path / "items.jsonl"
    lines = [
        json.dumps({"title": "好", "text": "市长李四出席会议。", "date": "20220925"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "无正文"}, ensure_ascii=False),
        json.dumps({"id": 7, "text": 5}),
        json.dumps({"id": "x", "text": "正文", "date": "2022/09/25"}, ensure_ascii=False),
        json.dumps([1, 2]),
        json.dumps({"id": "ok2", "text": "正文。", "extra": 1}, ensure_ascii=False),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_articles([p]))
    good = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, Rejected)]
    assert [a.id for a in good] == ["items#1", "ok2"]
    assert good[0].published == date(2022, 9, 25)
    assert [(b.line, b.reason.split(":")[0]) for b in bad] == [
        (2, "malformed JSON"), (3, "missing 'text'"), (4, "'text' must be a string, got int"),
        (5, "date '2022/09/25' is not YYYY-MM-DD or YYYYMMDD"), (6, "expected a JSON object, got list")]
    assert all(str(b).startswith(f"{p}:{b.line}") for b in bad)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-16"])
def test_encodings_detected(tmp_path: Path, encoding):
    p = tmp_path / "enc.txt"
    p.write_bytes("# 标题\n市委书记王某出席会议。\n".encode(encoding))
    (a,) = list(read_articles([p]))
    assert a.title == "标题" and "王某" in a.text


def test_binary_and_empty_files_are_rejected(tmp_path: Path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    items = list(read_articles([tmp_path]))
    assert all(isinstance(i, Rejected) for i in items) and len(items) == 2


def test_item_metadata_wins_over_run_defaults(tmp_path: Path):
    """--date / --source / --home-region fill what an item lacks; they never overwrite what it says."""
    from kg.ingest import Defaults

    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"id": "own", "text": "市委常委会召开会议。", "date": "2021-03-04", "source": "新华日报",
                             "home_region": "南京市"}, ensure_ascii=False) + "\n"
                 + json.dumps({"id": "bare", "text": "市委常委会召开会议。"}, ensure_ascii=False) + "\n"
                 + json.dumps({"id": "bad", "text": "市委常委会召开会议。", "date": "2021-13-40"}) + "\n",
                 encoding="utf-8")
    got = list(read_articles([p], Defaults(published=date(2022, 9, 28), source="南通晚报", home_region="南通市")))
    own, bare = (a for a in got if isinstance(a, Article))
    assert (own.published, own.source, own.home_region) == (date(2021, 3, 4), "新华日报", "南京市")
    assert (bare.published, bare.source, bare.home_region) == (date(2022, 9, 28), "南通晚报", "南通市")
    bad = [r for r in got if isinstance(r, Rejected)]
    assert len(bad) == 1 and "2021-13-40" in bad[0].reason and bad[0].line == 3

    page = tmp_path / "p.txt"
    page.write_text("市委常委会召开会议。\n", encoding="utf-8")
    (tmp_path / "p.meta.json").write_text(json.dumps({"date": "2020-01-02"}), encoding="utf-8")
    (art,) = read_articles([page], Defaults(published=date(2022, 9, 28), home_region="南通市"))
    assert art.published == date(2020, 1, 2) and art.home_region == "南通市"


def _jsonl(*items: dict) -> bytes:
    return "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items).encode("utf-8")


ITEMS = [{"id": f"n{k}", "title": "标题", "date": "2024-01-0%d" % k, "text": "李强主持召开国务院常务会议。" * k}
         for k in (1, 2, 3)]


def test_jsonl_from_a_pipe_is_read_whole(tmp_path: Path, monkeypatch):
    """A FIFO (or /dev/stdin) cannot seek back after the encoding is sniffed; its head is replayed."""
    data = _jsonl(*ITEMS) + b"{bad\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(_NoSeek(data))))
    got = list(read_articles([Path("-")]))
    assert [a.id for a in got if isinstance(a, Article)] == ["n1", "n2", "n3"]
    bad = [r for r in got if isinstance(r, Rejected)]
    assert len(bad) == 1 and bad[0].line == 4 and "malformed JSON" in bad[0].reason


def test_stdin_page_is_sniffed_from_its_content(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(_NoSeek("# 标题\n李强主持会议。\n".encode()))))
    (art,) = read_articles([Path("-")])
    assert isinstance(art, Article) and art.id == "stdin" and art.title == "标题"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_long_jsonl_through_a_named_pipe(tmp_path: Path):
    """More than the 1 MiB sniffed head goes through a real FIFO without a suffix, like /dev/stdin."""
    big = [{"id": f"b{k}", "title": "t", "text": "王晖出席会议并讲话。" * 500} for k in range(120)]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(_jsonl(*big)))
    writer.start()
    got = list(read_articles([fifo]))
    writer.join()
    assert [a.id for a in got] == [x["id"] for x in big]
    assert all(isinstance(a, Article) and a.text == big[0]["text"] for a in got)


class _NoSeek(io.RawIOBase):
    """A read-only, non-seekable byte source: what standard input looks like when it is a pipe."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._buf = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, b) -> int:
        chunk = self._buf.read(len(b))
        b[:len(chunk)] = chunk
        return len(chunk)
