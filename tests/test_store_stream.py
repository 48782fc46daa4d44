"""The streaming store build (kg.stream, ``kg build PATHS --store DIR``) equals the in-memory path."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import rdf
from kg import store as S
from kg.cli_store import run_build_store
from kg.extract.rules import RULES_VERSION
from kg.ingest import Defaults
from kg.link import link_persons
from kg.pipeline import BuildResult, extract, summary_line
from kg.query import named_queries
from kg.stream import Summaries, build_store

from conftest import SAMPLE, SHARED

XWLB = SHARED / "corpus" / "xwlb" / "meeting_items.jsonl"
N_ITEMS = 100
PARAMS = {
    "meetings-chaired-by": {"name": "王晖"},
    "top-coattendees-of": {"name": "王晖"},
    "region-officials": {"region": "江苏省"},
    "evidence-of-person": {"name": "李强"},
    "posts-of-person": {"name": "龚正"},
}


def quads(st) -> set[str]:
    return {str(q) for q in st.quads_for_pattern(None, None, None, None)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    """The sample page + the first N_ITEMS 新闻联播 items (with a blank line and a bad line)."""
    if not XWLB.exists():
        pytest.skip(f"{XWLB} is absent (the 新闻联播 corpus lives in ../shared)")
    d = tmp_path_factory.mktemp("corpus")
    lines = []
    with open(XWLB, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                lines.append(line)
            if len(lines) >= N_ITEMS:
                break
    (d / "items.jsonl").write_text("".join(lines), encoding="utf-8")
    return [SAMPLE, d / "items.jsonl"]


@pytest.fixture(scope="module")
def in_memory(corpus):
    """Today's path: every fact in memory, linked, one ingest; its store's quads."""
    res = extract(corpus, ner="none", progress=False)
    assert not res.problems
    ids = link_persons(res.facts)
    return res, ids


@pytest.fixture(scope="module")
def mem_store(tmp_path_factory, in_memory):
    res, ids = in_memory
    d = tmp_path_factory.mktemp("mem") / "store"
    st = S.open_store(d)
    S.ingest(st, res.facts, ids, model_id=res.model, rules_version=RULES_VERSION)
    del st
    return S.open_store(d, read_only=True)


@pytest.fixture(scope="module")
def streamed(tmp_path_factory, corpus):
    """The streaming build, small chunks (several per run), into a new store."""
    d = tmp_path_factory.mktemp("stream")
    st = S.open_store(d / "store")
    res, rep = build_store(corpus, st, Defaults(), "none", progress=False, cache_dir=d / "cache", chunk=64)
    del st
    return res, rep, S.open_store(d / "store", read_only=True)


def test_same_identities_and_summary(in_memory, streamed):
    (mem, ids), (res, rep, _st) = in_memory, streamed
    assert isinstance(res.facts, Summaries) and len(res.facts) == len(mem.facts)
    assert res.identities == ids  # linking over the summaries == linking over the full facts
    full = BuildResult.from_run(mem)
    full.triples, full.seconds = rep.triples_after, res.seconds
    assert summary_line(res) == summary_line(full)
    assert len(rep.added) == len(mem.facts) and not rep.replaced


def test_same_store_as_in_memory(mem_store, streamed):
    _res, rep, st = streamed
    assert quads(st) == quads(mem_store)
    assert S.count(st) == S.count(mem_store) == rep.triples_after
    for name, (_desc, text) in sorted(named_queries().items()):
        assert S.query_store(st, text, PARAMS.get(name)) == S.query_store(mem_store, text, PARAMS.get(name)), name


def test_reingest_and_incremental_coattendance(tmp_path, corpus, in_memory, mem_store):
    """Into a store that already holds part of the input (linked on its own: other identities,
    replaced graphs, incremental co-attendance), the streaming build leaves what a fresh build
    of everything leaves."""
    res, _ids = in_memory
    first = res.facts[:30]
    st = S.open_store(tmp_path / "b")
    S.ingest(st, first, link_persons(first), model_id=res.model, rules_version=RULES_VERSION)
    _r, rep = build_store(corpus, st, Defaults(), "none", progress=False, cache_dir=None, chunk=40)
    assert len(rep.replaced) == 30 and len(rep.added) == len(res.facts) - 30
    assert quads(st) == quads(mem_store)


def _kg_build(*args: str):
    """The real ``kg build`` command, in process (rules only, no progress bar)."""
    from kg.cli import main

    return CliRunner().invoke(main, ["build", *args, "--ner", "none", "--no-progress"])


def test_rejected_line_exit_1_good_articles_stored(tmp_path):
    page = SAMPLE.read_text(encoding="utf-8")
    items = tmp_path / "in.jsonl"
    items.write_text(
        json.dumps({"id": "a1", "title": "t", "text": page, "date": "2024-01-02"}, ensure_ascii=False) + "\n"
        + "{not json\n"
        + json.dumps({"id": "a2", "title": "t2", "text": page[:400], "date": "2024-01-03"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    st_dir = tmp_path / "store"
    res = _kg_build(str(items), "--store", str(st_dir), "--cache-dir", str(tmp_path / "c"))
    assert res.exit_code == 1, res.output
    assert "2 added, 0 replaced" in res.output and "rejected 1 item(s)" in res.output
    assert "Error: " in res.output and ":2" in res.output
    assert (tmp_path / "c" / "facts-v1.sqlite").exists()  # --cache-dir reached the build
    st = S.open_store(st_dir, read_only=True)
    assert sorted(a["id"] for a in S.articles(st)) == ["a1", "a2"]
    del st
    # --no-cache: a temporary cache, nothing written to --cache-dir; same store content again
    before = quads(S.open_store(st_dir, read_only=True))
    res = _kg_build(str(items), "--store", str(st_dir), "--no-cache", "--cache-dir", str(tmp_path / "c2"))
    assert res.exit_code == 1 and "0 added, 2 replaced" in res.output, res.output
    assert not (tmp_path / "c2").exists()
    assert quads(S.open_store(st_dir, read_only=True)) == before


def test_failure_mid_run_leaves_whole_articles(tmp_path, corpus, in_memory, mem_store, monkeypatch):
    """An exception in the third chunk: the store opens, every article in it is whole (its graph
    is the in-memory build's graph of that article), and running again completes it."""
    res, _ids = in_memory
    real, calls = rdf.build_quads, []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("boom")
        return real(*args, **kwargs)

    monkeypatch.setattr(rdf, "build_quads", failing)
    st = S.open_store(tmp_path / "store")
    with pytest.raises(RuntimeError, match="boom"):
        build_store(corpus, st, Defaults(), "none", progress=False, cache_dir=tmp_path / "c", chunk=25)
    del st
    monkeypatch.setattr(rdf, "build_quads", real)
    st = S.open_store(tmp_path / "store", read_only=True)
    stored = S.articles(st)
    assert len(stored) == 50  # two chunks of 25
    for a in stored:
        g = ox.NamedNode(a["graph"])
        assert {str(q) for q in st.quads_for_pattern(None, None, None, g)} == \
            {str(q) for q in mem_store.quads_for_pattern(None, None, None, g)}, a["id"]
    del st
    st = S.open_store(tmp_path / "store")
    _r, rep = build_store(corpus, st, Defaults(), "none", progress=False, cache_dir=tmp_path / "c", chunk=25)
    assert len(rep.replaced) == 50 and len(rep.added) == len(res.facts) - 50
    assert quads(st) == quads(mem_store)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_piped_input_with_a_cache_takes_the_in_memory_path(tmp_path):
    """Input that cannot be read twice (a named pipe) is extracted once, through the batch path
    when a cache is given, and stored whole (its batch result must become a build result)."""
    import threading

    fifo = tmp_path / "page.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8"))
    writer.start()
    res = _kg_build(str(fifo), "--store", str(tmp_path / "store"), "--cache-dir", str(tmp_path / "c"))
    writer.join(10)
    assert res.exit_code == 0, res.output
    expected = sorted(f.article.id for f in extract([SAMPLE], ner="none", progress=False).facts)
    assert len(expected) > 1 and f"{len(expected)} added, 0 replaced" in res.output
    st = S.open_store(tmp_path / "store", read_only=True)
    assert sorted(a["id"].replace("page", SAMPLE.stem, 1) for a in S.articles(st)) == expected
