"""`kg extract` on bad input: good items written, one ``Error:`` line per bad item, exit code 1, nothing half-written.

Also: a deliberately broken corpus (1,000 real 新闻联播 items + 50 bad lines), hostile text end to end,
output failures, and byte-identical facts across runs (different hash seeds).
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.facts import OutputError, json_text

from conftest import ROOT, SAMPLE

GOOD = "市委书记王晖主持召开市委常委会会议。"
ERR = "Error: "


def kg(*args: str) -> "Result":
    """Run `kg` in-process; stderr separately (click >= 8.2)."""
    return CliRunner().invoke(main, [*args, "--ner", "none", "--no-progress"] if args[0] in ("extract", "build") else
                              list(args), catch_exceptions=True)


def kg_process(*args: str, seed: str = "0", timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real `kg` entry point (kg.cli.run) in a fresh interpreter."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-c", "from kg.cli import run; run()", *args], capture_output=True,
                          timeout=timeout, env=env, cwd=ROOT)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(ERR)]


def jsonl_line(obj) -> str:
    return json_text(obj).replace("\n", "") if not isinstance(obj, str) else obj


def facts_of(path: Path) -> list[dict]:
    data = path.read_bytes()
    data.decode("utf-8")  # strict: valid UTF-8
    return json.loads(data)["articles"]


# ---------------------------------------------------------------------------------------- broken corpus

BAD_ITEMS = [
    # malformed JSON
    '{"id": "bad", "text": "没有结尾', "{not json", '{"text": "x",}', "{'text': 'single quotes'}", '{"text": "x"} junk',
    '{"text": "\\x41"}', '{"text": "a" "b"}', "[" * 5000, '{"id": NaN-ish, "text": "x"}', "}",
    # missing text
    {"id": "no-text-1"}, {"id": "no-text-2", "title": "只有标题"}, {"text": None}, {"title": "t", "date": "2022-09-28"},
    {"body": "wrong key"},
    # wrong types
    {"text": 42}, {"text": ["正文"]}, {"text": {"zh": "正文"}}, {"text": True}, {"id": True, "text": "正文。"},
    {"id": 1.5, "text": "正文。"}, {"id": {"a": 1}, "text": "正文。"}, {"title": 3, "text": "正文。"},
    {"source": ["s"], "text": "正文。"}, {"url": 7, "text": "正文。"},
    # bad dates
    {"text": "正文。", "date": "2022-13-01"}, {"text": "正文。", "date": "2022-02-30"}, {"text": "正文。", "date": "昨天"},
    {"text": "正文。", "date": "2022/09/28"}, {"text": "正文。", "date": 20220928}, {"text": "正文。", "date": ""},
    {"text": "正文。", "date": "0000-01-01"}, {"text": "正文。", "date": ["2022-09-28"]},
    {"text": "正文。", "date": "2022-9-28"},
    # not objects
    [1, 2, 3], "\"a string\"", "42", "null", "true", "[]",
    # empty text
    {"text": ""}, {"text": "   "}, {"text": "\n\n"}, {"text": "\u3000\t"}, {"id": "e1", "text": ""},
    # ids that cannot be ids
    {"id": "", "text": "正文。"}, {"id": "a\nb", "text": "正文。"}, {"id": "x\u202ey", "text": "正文。"},
    {"id": "xwlb-0000", "text": "重复的编号。"},  # duplicate of the first good item
    {"id": "dup-later", "text": "正文。"},  # kept: its id is unique ...
    {"id": "dup-later", "text": "又一个。"},  # ... this one is the duplicate
]


def write_broken_corpus(src: Path, dst: Path, n_good: int = 1000, seed: int = 8) -> tuple[list[str], list[int]]:
    """Write ``n_good`` real items (ids xwlb-0000 …) with the bad items mixed in at random places.

    Returns the good ids in order and the 1-based line numbers of the bad lines (50 of them; the first
    'dup-later' item is good, so it counts among the good ids).
    """
    rng = random.Random(seed)
    good = []
    with src.open(encoding="utf-8") as fh:
        for k, line in zip(range(n_good), fh):
            obj = json.loads(line)
            good.append({"id": f"xwlb-{k:04d}", **obj})
    slots = sorted(rng.sample(range(1, n_good), len(BAD_ITEMS)))
    lines: list[str] = []
    bad_lines: list[int] = []
    ids: list[str] = []
    bad = iter(BAD_ITEMS)
    slot = iter(slots)
    nxt = next(slot)
    for k, obj in enumerate(good):
        while nxt == k:
            item = next(bad)
            lines.append(jsonl_line(item))
            if isinstance(item, dict) and item.get("id") == "dup-later" and "dup-later" not in ids:
                ids.append("dup-later")
            else:
                bad_lines.append(len(lines))
            nxt = next(slot, None)
        lines.append(jsonl_line(obj))
        ids.append(obj["id"])
    dst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids, bad_lines


@pytest.mark.slow
def test_broken_corpus_yields_exactly_the_good_facts_and_one_line_per_bad_item(tmp_path: Path, shared: Path):
    src = shared / "corpus" / "xwlb" / "meeting_items.jsonl"
    if not src.exists():
        pytest.skip(f"{src} is absent")
    corpus = tmp_path / "broken.jsonl"
    ids, bad_lines = write_broken_corpus(src, corpus)
    assert len(bad_lines) == 50 and len(ids) == 1001  # 1,000 real items + the first (good) 'dup-later'
    out = tmp_path / "facts.json"
    res = kg("extract", str(corpus), "-o", str(out))
    assert res.exit_code == 1, res.output
    errors = error_lines(res.stderr)
    assert len(errors) == 50, errors
    assert [int(e[len(ERR) + len(str(corpus)) + 1:].split(" ")[0].rstrip(":")) for e in errors] == bad_lines
    assert all(e.startswith(f"{ERR}{corpus}:") and "]: " in e for e in errors)
    assert "rejected 50 item(s)" in res.stderr
    facts = facts_of(out)
    assert [a["id"] for a in facts] == ids
    # the good articles' facts are exactly those of a clean run (checked on every 25th article)
    clean = tmp_path / "clean.jsonl"
    sample = [k for k in range(0, 1000, 25)]
    with src.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(1000), fh)]
    clean.write_text("".join(jsonl_line({"id": f"xwlb-{k:04d}", **rows[k]}) + "\n" for k in sample), encoding="utf-8")
    ref = tmp_path / "ref.json"
    assert kg("extract", str(clean), "-o", str(ref)).exit_code == 0
    by_id = {a["id"]: a for a in facts}
    assert [by_id[a["id"]] for a in facts_of(ref)] == facts_of(ref)


def test_bad_items_alone_exit_1_and_still_write_an_empty_facts_file(tmp_path: Path):
    p = tmp_path / "bad.jsonl"
    p.write_text("\n".join(jsonl_line(i) for i in BAD_ITEMS[:12]) + "\n", encoding="utf-8")
    out = tmp_path / "f.json"
    res = kg("extract", str(p), "-o", str(out))
    assert res.exit_code == 1 and len(error_lines(res.stderr)) == 12
    assert facts_of(out) == []


def test_all_good_exit_0_without_error_lines(tmp_path: Path):
    p = tmp_path / "good.jsonl"
    p.write_text(jsonl_line({"id": "a", "text": GOOD, "unknown": {"x": 1}}) + "\n", encoding="utf-8")
    res = kg("extract", str(p), "-o", str(tmp_path / "f.json"))
    assert res.exit_code == 0 and not error_lines(res.stderr), res.output
    assert [a["id"] for a in facts_of(tmp_path / "f.json")] == ["a"]


def test_mixed_inputs_one_line_each_good_ones_kept(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.md").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "gbk.txt").write_bytes(("# 标题\n" + GOOD + "\n").encode("gbk"))
    (tmp_path / "one.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad\nname.txt").write_text("", encoding="utf-8")
    (tmp_path / "items.jsonl").write_text(jsonl_line({"text": GOOD}) + "\n{oops\n", encoding="utf-8")
    out = tmp_path / "out" / "f.json"
    res = kg("extract", str(tmp_path), str(tmp_path / "missing.txt"), "-o", str(out))
    assert res.exit_code == 1
    errors = error_lines(res.stderr)
    assert len(errors) == 5, errors  # empty, binary, odd name, bad JSON line, missing file
    assert any("bad\\nname.txt" in e for e in errors)
    assert sorted(a["id"] for a in facts_of(out)) == ["gbk", "items#1", "one"]


def test_usage_errors_exit_2(tmp_path: Path):
    assert CliRunner().invoke(main, ["extract", str(SAMPLE)]).exit_code == 2  # no -o
    assert CliRunner().invoke(main, ["extract", "-o", str(tmp_path / "f.json")]).exit_code == 2  # no input
    res = CliRunner().invoke(main, ["extract", str(SAMPLE), "-o", str(tmp_path / "f.json"), "--date", "2022-02-30"])
    assert res.exit_code == 2 and "calendar date" in res.output


# ---------------------------------------------------------------------------------------- encodings and sizes


def test_encodings_through_the_cli(tmp_path: Path):
    (tmp_path / "gbk.txt").write_bytes(("# 标题\n" + GOOD + "\n").encode("gbk"))
    (tmp_path / "u16.jsonl").write_bytes((jsonl_line({"id": "w", "text": GOOD}) + "\n").encode("utf-16"))
    (tmp_path / "bom.jsonl").write_bytes((jsonl_line({"id": "b", "text": GOOD}) + "\n").encode("utf-8-sig"))
    res = kg("extract", str(tmp_path), "-o", str(tmp_path / "f.json"))
    assert res.exit_code == 0, res.output
    assert {a["id"]: [p["person"] for p in a["posts"]] for a in facts_of(tmp_path / "f.json")} == {
        "gbk": ["王晖"], "w": ["王晖"], "b": ["王晖"]}
    res = kg("extract", str(tmp_path / "gbk.txt"), "-o", str(tmp_path / "g.json"), "--encoding", "gbk")
    assert res.exit_code == 0
    res = kg("extract", str(tmp_path / "gbk.txt"), "-o", str(tmp_path / "g.json"), "--encoding", "utf-8")
    assert res.exit_code == 1 and "cannot decode as utf-8" in res.stderr
    res = kg("extract", str(tmp_path / "gbk.txt"), "-o", str(tmp_path / "g.json"), "--encoding", "klingon")
    assert res.exit_code in (1, 2) and "unknown encoding 'klingon'" in res.output and "Traceback" not in res.output


def test_article_over_the_default_limit_is_rejected_cheaply(tmp_path: Path):
    p = tmp_path / "big.jsonl"
    p.write_text(jsonl_line({"id": "big", "text": "甲" * 2_000_001}) + "\n" + jsonl_line({"id": "ok", "text": GOOD})
                 + "\n", encoding="utf-8")
    res = kg("extract", str(p), "-o", str(tmp_path / "f.json"))
    assert res.exit_code == 1
    assert error_lines(res.stderr) == [f"{ERR}{p}:1 [big]: article too large (2,000,001 chars > limit 2,000,000); "
                                       "split it or raise --max-chars"]
    assert [a["id"] for a in facts_of(tmp_path / "f.json")] == ["ok"]


def test_max_chars_option(tmp_path: Path):
    if "--max-chars" not in CliRunner().invoke(main, ["extract", "--help"]).output:
        pytest.skip("kg extract has no --max-chars option yet (kg/ingest.py Defaults.max_chars is ready)")
    p = tmp_path / "x.jsonl"
    p.write_text(jsonl_line({"id": "a", "text": GOOD}) + "\n", encoding="utf-8")
    res = kg("extract", str(p), "-o", str(tmp_path / "f.json"), "--max-chars", "5")
    assert res.exit_code == 1 and "article too large" in res.stderr
    assert kg("extract", str(p), "-o", str(tmp_path / "f.json"), "--max-chars", "0").exit_code == 0


# ---------------------------------------------------------------------------------------- hostile text


HOSTILE = ['<script>alert("x")</script>', '"""', "\\", "\\u0000", ">", "\x00\x07\x1b\x7f", "\u202e\u200f",
           "\ud800", "\udfff\ud800", "\u2028", "' --", "]]>", "{{x}}"]


def test_hostile_text_end_to_end(tmp_path: Path, caplog):
    rows = []
    for k, h in enumerate(HOSTILE):
        rows.append({"id": f"h{k}{h if h.isprintable() and not h.isspace() else ''}", "title": f"标题{h}",
                     "source": h, "url": f"javascript:{h}",
                     "text": f"{h}市委书记王{h}晖主持召开市委常委会会议{h}。会议审议通过了《{h}关于{h}的意见》。{h}"})
    p = tmp_path / "h.jsonl"
    p.write_text("".join(jsonl_line(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "f.json"
    res = kg("extract", str(p), "-o", str(out), "--home-region", "南通市", "--date", "2022-09-28")
    assert res.exit_code == 0, res.output
    assert "lone surrogate(s) replaced by U+FFFD" in caplog.text  # said (a warning on stderr), not an error
    assert not error_lines(res.stderr)
    facts = facts_of(out)
    assert len(facts) == len(HOSTILE)
    for row, a in zip(rows, facts):
        fixed = {k: v.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace") for k, v in row.items()}
        assert (a["id"], a["title"], a["source"], a["url"]) == (fixed["id"], fixed["title"].strip(), fixed["source"],
                                                              fixed["url"])
        assert any(p["person"].replace(row["source"], "") in ("王晖", "王\ufffd晖", "王\ufffd\ufffd晖")
                   for p in a["posts"]) or a["posts"] == [], a
        text = fixed["text"]
        for m in a["meetings"]:
            s, e = m["evidence"]["span"]
            assert 0 <= s < e <= len(text)


def test_hostile_ids_are_rejected_on_one_line_each(tmp_path: Path):
    p = tmp_path / "ids.jsonl"
    p.write_text("".join(jsonl_line({"id": i, "text": GOOD}) + "\n" for i in ["a\nb", "c\rd", "e\u2028f", "g\x00h"]),
                 encoding="utf-8")
    res = kg("extract", str(p), "-o", str(tmp_path / "f.json"))
    errors = error_lines(res.stderr)
    assert res.exit_code == 1 and len(errors) == 4 and len(res.stderr.splitlines()) == 4 + 3  # + summary lines
    assert errors[0] == f"{ERR}{p}:1 [ids#1]: 'id' 'a\\nb' contains line breaks or control characters"


# ---------------------------------------------------------------------------------------- output


def test_output_that_cannot_be_written_is_one_error_line_not_a_traceback(tmp_path: Path):
    p = tmp_path / "x.jsonl"
    p.write_text(jsonl_line({"id": "a", "text": GOOD}) + "\n", encoding="utf-8")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for out, why in [(tmp_path, "Is a directory"), (tmp_path / "file" / "f.json", f"{tmp_path / 'file'} is not a directory")]:
        res = kg_process("extract", str(p), "-o", str(out), "--ner", "none", "--no-progress")
        err = res.stderr.decode("utf-8")
        assert res.returncode == 1 and "Traceback" not in err, err
        assert err.strip().splitlines()[-1] == f"{ERR}E005 cannot write {out}: {why}"
    res = CliRunner().invoke(main, ["extract", str(p), "-o", str(tmp_path), "--ner", "none"])
    assert isinstance(res.exception, OutputError) and isinstance(res.exception, OSError)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["file", "x.jsonl"]  # no temp file left


@pytest.mark.parametrize("fail_at", ["fsync", "replace"])
def test_failed_write_leaves_the_old_file_intact_and_no_temp_file(tmp_path: Path, monkeypatch, fail_at):
    p = tmp_path / "x.jsonl"
    p.write_text(jsonl_line({"id": "a", "text": GOOD}) + "\n", encoding="utf-8")
    out = tmp_path / "out" / "f.json"
    assert kg("extract", str(p), "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    p.write_text(jsonl_line({"id": "b", "text": GOOD * 3}) + "\n", encoding="utf-8")

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, fail_at, boom)
    res = kg("extract", str(p), "-o", str(out))
    assert isinstance(res.exception, OutputError) and "No space left on device" in str(res.exception)
    monkeypatch.undo()
    assert out.read_bytes() == before and os.listdir(out.parent) == ["f.json"]


def test_output_permissions_follow_the_umask(tmp_path: Path):
    p = tmp_path / "x.jsonl"
    p.write_text(jsonl_line({"id": "a", "text": GOOD}) + "\n", encoding="utf-8")
    out = tmp_path / "f.json"
    assert kg("extract", str(p), "-o", str(out)).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600


# ---------------------------------------------------------------------------------------- determinism


def test_same_input_gives_byte_identical_facts_across_runs_and_hash_seeds(tmp_path: Path):
    inputs = [str(SAMPLE)]
    src = ROOT.parent / "shared" / "corpus" / "xwlb" / "meeting_items.jsonl"
    if src.exists():
        sub = tmp_path / "xwlb.jsonl"
        with src.open(encoding="utf-8") as fh:
            sub.write_text("".join(line for _, line in zip(range(60), fh)), encoding="utf-8")
        inputs.append(str(sub))
    hostile = tmp_path / "h.jsonl"
    hostile.write_text("".join(jsonl_line({"id": f"h{k}", "text": f"{h}市委书记王晖{h}主持召开会议。副市长李四{h}出席。"})
                               + "\n" for k, h in enumerate(HOSTILE)), encoding="utf-8")
    inputs.append(str(hostile))
    outs = []
    for seed in ("0", "4242"):
        out = tmp_path / f"f{seed}.json"
        res = kg_process("extract", *inputs, "-o", str(out), "--ner", "none", "--no-progress", "--date", "2022-09-28",
                         "--home-region", "南通市", seed=seed)
        assert res.returncode == 0, res.stderr.decode()
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert len(json.loads(outs[0])["articles"]) == 3 + (60 if src.exists() else 0) + len(HOSTILE)
