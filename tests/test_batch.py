"""Batch extraction: worker-count independence, the facts cache, resume after an interruption."""
from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import pytest

from kg import batch
from kg.batch import BatchRun, FactsCache, content_key, decode_facts, encode_facts, extract_parallel
from kg.extract.rules import RuleExtractor
from kg.pipeline import extract

from conftest import SAMPLE, SHARED

XWLB = SHARED / "corpus" / "xwlb" / "meeting_items.jsonl"
N_XWLB = 240


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """The sample page, plus a few hundred 新闻联播 items when ../shared is there."""
    paths = [SAMPLE]
    if XWLB.exists():
        d = tmp_path_factory.mktemp("xwlb")
        part = d / "items.jsonl"
        with open(XWLB, encoding="utf-8") as fh:
            part.write_text("".join(itertools.islice(fh, N_XWLB)), encoding="utf-8")
        paths.append(part)
    return paths


@pytest.fixture(scope="module")
def reference(inputs):
    """Facts of the plain single-process pipeline."""
    res = extract(inputs, ner="none", progress=False)
    assert not res.problems
    return res.facts


@pytest.fixture()
def small(tmp_path) -> Path:
    """40 items in a JSONL file of our own (the sample page's articles if ../shared is absent)."""
    p = tmp_path / "small.jsonl"
    if XWLB.exists():
        with open(XWLB, encoding="utf-8") as fh:
            p.write_text("".join(itertools.islice(fh, 40)), encoding="utf-8")
    else:
        # 40 distinct articles made from the sample page's three (each text tagged with its number)
        arts = [f.article for f in extract([SAMPLE], ner="none", progress=False).facts]
        p.write_text("".join(json.dumps({"id": f"{a.id}-{k}", "title": a.title, "text": f"{a.text}\n（{k}）",
                                         "date": "2022-09-28", "home_region": "南通市"}, ensure_ascii=False) + "\n"
                             for k, a in ((k, arts[k % len(arts)]) for k in range(40))),
                     encoding="utf-8")
    return p


def _count_extractions(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = RuleExtractor.extract

    def counting(self, article):
        calls.append(article.id)
        return original(self, article)

    monkeypatch.setattr(RuleExtractor, "extract", counting)
    return calls


def test_workers_give_the_same_facts_in_input_order(inputs, reference):
    one = extract_parallel(inputs, ner="none", workers=1, progress=False)
    # small chunks so that several are in flight and finish out of order
    two = extract_parallel(inputs, ner="none", workers=2, progress=False, chunk_articles=7)
    assert [f.article.id for f in one.facts] == [f.article.id for f in reference]
    assert one.facts == reference
    assert two.facts == reference
    assert (one.chars, two.chars) == (sum(len(f.article.text) for f in reference),) * 2
    assert two.workers == 2 and two.model == "rules"
    if XWLB.exists():
        assert len(reference) == N_XWLB + 3


def test_second_run_is_all_cache_hits(inputs, reference, tmp_path, monkeypatch):
    first = extract_parallel(inputs, ner="none", workers=2, cache_dir=tmp_path, progress=False)
    assert (first.cache_hits, first.extracted) == (0, len(reference))
    assert first.facts == reference
    calls = _count_extractions(monkeypatch)
    second = extract_parallel(inputs, ner="none", workers=1, cache_dir=tmp_path, progress=False)
    assert calls == []  # zero extractions
    assert (second.cache_hits, second.extracted) == (len(reference), 0)
    assert second.facts == reference
    assert "cache: %d hits, 0 extracted" % len(reference) in batch.batch_summary(second)


def test_editing_one_article_re_extracts_only_that_one(small, tmp_path, monkeypatch):
    first = extract_parallel([small], ner="none", cache_dir=tmp_path / "c", progress=False)
    n = len(first.facts)
    lines = small.read_text(encoding="utf-8").splitlines(True)
    obj = json.loads(lines[5])
    obj["text"] += "\n市委书记王伟主持会议。"
    lines[5] = json.dumps(obj, ensure_ascii=False) + "\n"
    small.write_text("".join(lines), encoding="utf-8")
    calls = _count_extractions(monkeypatch)
    second = extract_parallel([small], ner="none", cache_dir=tmp_path / "c", progress=False)
    assert len(calls) == 1 and (second.cache_hits, second.extracted) == (n - 1, 1)
    fresh = extract([small], ner="none", progress=False).facts
    assert second.facts == fresh
    assert second.facts[5] != first.facts[5]


def test_corrupted_cache_entries_are_ignored_and_recomputed(small, tmp_path):
    cache = tmp_path / "c"
    ref = extract_parallel([small], ner="none", cache_dir=cache, progress=False)
    db = sqlite3.connect(cache / batch.CACHE_FILE)
    keys = [k for (k,) in db.execute("SELECT key FROM facts ORDER BY key")]
    blob = db.execute("SELECT data FROM facts WHERE key=?", (keys[1],)).fetchone()[0]
    flipped = blob[:20] + bytes([blob[20] ^ 0xFF]) + blob[21:]
    with db:
        db.execute("UPDATE facts SET data=? WHERE key=?", (b"garbage", keys[0]))
        db.execute("UPDATE facts SET data=? WHERE key=?", (flipped, keys[1]))
        db.execute("UPDATE facts SET data=? WHERE key=?", (blob[: len(blob) // 2], keys[2]))
    db.close()
    again = extract_parallel([small], ner="none", cache_dir=cache, progress=False)
    assert again.extracted == 3 and again.cache_hits == len(ref.facts) - 3
    assert again.facts == ref.facts
    third = extract_parallel([small], ner="none", cache_dir=cache, progress=False)
    assert third.extracted == 0  # the damaged entries were rewritten


def test_a_cache_file_that_is_not_a_database_is_moved_aside(small, tmp_path):
    cache = tmp_path / "c"
    cache.mkdir()
    (cache / batch.CACHE_FILE).write_bytes(b"this is not sqlite" * 100)
    res = extract_parallel([small], ner="none", cache_dir=cache, progress=False)
    assert res.extracted == len(res.facts) > 0
    assert list(cache.glob(batch.CACHE_FILE + ".corrupt-*"))
    assert extract_parallel([small], ner="none", cache_dir=cache, progress=False).extracted == 0


def test_an_interrupted_run_leaves_usable_cache(small, tmp_path, monkeypatch):
    cache = tmp_path / "c"
    ref = extract([small], ner="none", progress=False).facts
    original = RuleExtractor.extract
    calls: list[str] = []

    def dying(self, article):
        if len(calls) == 25:
            raise KeyboardInterrupt  # the user pressing Ctrl-C in the middle of a chunk
        calls.append(article.id)
        return original(self, article)

    monkeypatch.setattr(RuleExtractor, "extract", dying)
    with pytest.raises(KeyboardInterrupt):
        extract_parallel([small], ner="none", cache_dir=cache, progress=False, chunk_articles=10)
    monkeypatch.setattr(RuleExtractor, "extract", original)
    resumed = extract_parallel([small], ner="none", cache_dir=cache, progress=False, chunk_articles=10)
    assert resumed.cache_hits == 20  # the two chunks finished before the interruption
    assert resumed.extracted == len(ref) - 20
    assert resumed.facts == ref


def test_failures_are_reported_in_place_and_not_cached(small, tmp_path, monkeypatch):
    original = RuleExtractor.extract
    ref = extract([small], ner="none", progress=False).facts
    bad = ref[3].article.id

    def flaky(self, article):
        if article.id == bad:
            raise RuntimeError("boom")
        return original(self, article)

    monkeypatch.setattr(RuleExtractor, "extract", flaky)
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("needs the fork start method (workers inherit the monkeypatch)")
    res = extract_parallel([small], ner="none", cache_dir=tmp_path, workers=2, progress=False, chunk_articles=4,
                           start_method="fork")
    assert [f.article.id for f in res.facts] == [f.article.id for f in ref if f.article.id != bad]
    assert len(res.failed) == 1 and res.failed[0].article_id == bad and "boom" in res.failed[0].reason
    monkeypatch.setattr(RuleExtractor, "extract", original)
    again = extract_parallel([small], ner="none", cache_dir=tmp_path, progress=False)
    assert (again.extracted, again.facts) == (1, ref)


def test_same_content_under_another_id_reuses_the_entry(small, tmp_path):
    first = extract_parallel([small], ner="none", cache_dir=tmp_path / "c", progress=False)
    lines = small.read_text(encoding="utf-8").splitlines(True)
    obj = json.loads(lines[0])
    obj["id"] = "copy-of-the-first"
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    res = extract_parallel([other], ner="none", cache_dir=tmp_path / "c", progress=False)
    assert res.cache_hits == 1
    assert res.facts == extract([other], ner="none", progress=False).facts
    assert {s.article_id for s in res.facts[0].sentences} == {"copy-of-the-first"}
    assert first.facts[0].sentences[0].article_id != "copy-of-the-first"


def test_codec_round_trip_and_key(reference):
    for f in reference[:50]:
        assert decode_facts(encode_facts(f), f.article) == f
    a = reference[0].article
    assert content_key(a) == content_key(a)
    import dataclasses

    assert content_key(dataclasses.replace(a, home_region="上海市")) != content_key(a)
    assert content_key(dataclasses.replace(a, id="x", origin="y", line=9)) == content_key(a)
    with pytest.raises(ValueError):
        decode_facts(b"KGF1" + b"\x00" * 10, a)


def test_cache_keys_separate_models_and_versions(small, tmp_path):
    f = extract([small], ner="none", progress=False).facts[0]
    k = content_key(f.article)
    with FactsCache(tmp_path, "rules") as c:
        c.put_many([(k, f.article.id, encode_facts(f))])
        assert c.get_many([k])
    with FactsCache(tmp_path, "rules+dir:/some/model@abc") as c:
        assert c.get_many([k]) == {}
    with FactsCache(tmp_path, "rules", version="0-old") as c:
        assert c.get_many([k]) == {}
        assert c.stats() == {"entries": 1, "current": 0}
        assert c.prune() == 1


def test_streaming_run_keeps_nothing(small):
    run = BatchRun([small], ner="none", progress=False)
    ids = [f.article.id for f in run]
    assert len(ids) > 0 and run.result.facts == []
    assert run.result.chars > 0 and run.result.extracted == len(ids)
    with pytest.raises(RuntimeError):
        list(run)


def test_rejected_items_and_model_key():
    assert batch._static_model_key("none") == "rules"
    assert batch.resolve_workers(0) >= 1 and batch.resolve_workers(None) == 1
    assert "+" in batch.code_version()


# --------------------------------------------------------------------------- whole builds


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def test_build_with_two_workers_writes_the_same_bytes(inputs, tmp_path):
    """`kg build --workers 2` overlaps its output stages in forked processes; the files are those of
    one worker, byte for byte, even with another hash seed (set order must not leak into outputs)."""
    import os
    import subprocess
    import sys

    outs = []
    for workers, seed in ((1, "1"), (2, "2")):
        out = tmp_path / f"w{workers}"
        cmd = [sys.executable, "-m", "kg.cli", "build", *map(str, inputs), "-o", str(out), "--ner", "none",
               "--no-progress", "--no-cache", "--workers", str(workers)]
        done = subprocess.run(cmd, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
                              timeout=600)
        assert done.returncode == 0, done.stderr
        outs.append(_outputs(out))
        assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]  # staging directory removed
    assert sorted(outs[0]) == ["coattendance.html", "facts.json", "graph.html", "graph.trig", "graph.ttl"]
    for name in outs[0]:
        assert outs[0][name] == outs[1][name], name


def test_failed_output_stage_keeps_previous_outputs(tmp_path, monkeypatch):
    """A stage that fails in its forked process fails the build with its message; the outputs of the
    previous build stay as they were and no staging directory is left."""
    import multiprocessing as mp

    from kg import pipeline, view

    if "fork" not in mp.get_all_start_methods():
        pytest.skip("needs the fork start method")
    out = tmp_path / "out"
    pipeline.build([SAMPLE], out, ner="none", progress=False)
    before = _outputs(out)
    (out / ".build-manifest").unlink()  # force a real rebuild

    def broken(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(view, "coattendance_view", broken)
    with pytest.raises(RuntimeError, match="E205.*disk full"):
        pipeline.build([SAMPLE], out, ner="none", progress=False, workers=2)
    assert _outputs(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]
