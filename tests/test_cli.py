"""The `kg` command as a user runs it: build the sample, query it, score it, validate it."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from kg.cli import main

from conftest import ROOT, SAMPLE


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    res = CliRunner().invoke(main, ["build", str(ROOT / "data" / "samples"), "-o", str(out), "--ner", "none"])
    assert res.exit_code == 0, res.output
    assert re.search(r"3 articles, 22 persons, \d+ posts, 3 meetings, 4 documents, \d+ triples", res.output)
    return out


def test_build_writes_every_output(built: Path):
    for name in ("graph.ttl", "graph.trig", "facts.json", "graph.html", "coattendance.html"):
        assert (built / name).stat().st_size > 0, name
    g = Graph().parse(built / "graph.ttl", format="turtle")
    assert len(g) > 1000
    ds = Dataset()
    ds.parse(built / "graph.trig", format="trig")
    assert len(list(ds.graphs())) >= 4  # three article graphs + build graph (+ derived)


def _query(built: Path, *args: str) -> list[dict]:
    res = CliRunner().invoke(main, ["query", str(built / "graph.trig"), *args, "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_saved_coattendance_query(built: Path):
    rows = _query(built, "--named", "coattendance-pairs")
    pairs = {frozenset((r["person_a"], r["person_b"])): r for r in rows}
    assert frozenset(("李强", "龚正")) in pairs
    assert pairs[frozenset(("王晖", "吴新明"))]["meetings"] == 2  # the circle meeting and the reform commission


def test_saved_queries_answer_on_the_sample(built: Path):
    posts = _query(built, "--named", "posts-of-person", "--param", "name=龚正")
    assert {r["title"] for r in posts} >= {"市委副书记", "市长"}
    chaired = {(r["chair"], r["meeting"]) for r in _query(built, "--named", "who-chaired")}
    assert {("吴清", "上海大都市圈空间协同规划实施推进会"), ("王晖", "南通市委常委会会议")} <= chaired
    docs = {r["document"] for r in _query(built, "--named", "documents-adopted")}
    assert "关于促进中医药传承创新发展的实施方案" in docs
    members = {r["member"] for r in _query(built, "--named", "circle-members")}
    assert {"上海市", "苏州市", "南通市", "舟山市"} <= members and len(members) == 9  # the 1+8 cities


def test_query_expression_and_errors(built: Path):
    rows = _query(built, "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert rows[0]["n"] > 1000
    res = CliRunner().invoke(main, ["query", str(built / "graph.trig"), "-e", "SELEC nonsense"])
    assert res.exit_code == 1 and res.output.startswith("Error: ") and "Traceback" not in res.output
    res = CliRunner().invoke(main, ["query", str(built / "graph.trig"), "--named", "no-such-query"])
    assert res.exit_code == 2


def test_extract_and_eval_against_gold(tmp_path: Path, shared: Path):
    facts = tmp_path / "facts.json"
    res = CliRunner().invoke(main, ["extract", str(shared / "corpus" / "seed" / "000_e09f6986fa33b3c1.txt"),
                                    "-o", str(facts), "--date", "2022-09-28", "--home-region", "南通市", "--ner", "none"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["eval", str(shared / "gold" / "seed_gold.json"), str(facts), "--json",
                                    "--min", "persons=0.98", "--min", "roles=0.92", "--min", "posts=0.95"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.output)
    assert scores["documents"]["F1"] == 1.0


def test_eval_lists_errors_per_article(tmp_path: Path):
    gold = {"articles": [{"id": "a", "title": "t", "meetings": [], "posts": [{"person": "张三", "region": "上海市", "title": "市长"}]}]}
    pred = {"articles": [{"id": "a", "title": "t", "meetings": [], "posts": [{"person": "李四", "region": "上海", "title": "市长"}]}]}
    (tmp_path / "g.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "p.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    res = CliRunner().invoke(main, ["eval", str(tmp_path / "g.json"), str(tmp_path / "p.json")])
    assert "== a" in res.output and "spurious" in res.output and "missed" in res.output


def test_validate_exit_codes(built: Path, tmp_path: Path):
    assert CliRunner().invoke(main, ["validate", str(built / "graph.trig")]).exit_code == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", str(bad)]).exit_code == 2


def test_bad_options_are_usage_errors(tmp_path: Path):
    res = CliRunner().invoke(main, ["extract", str(SAMPLE), "-o", str(tmp_path / "f.json"), "--date", "28/09/2022"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output
    res = CliRunner().invoke(main, ["extract", str(SAMPLE), "-o", str(tmp_path / "f.json"), "--home-region", "不存在市"])
    assert res.exit_code == 2


def test_missing_input_is_reported_and_nonzero(tmp_path: Path):
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt"), str(SAMPLE), "-o", str(tmp_path / "f.json"),
                                    "--ner", "none"])
    assert res.exit_code == 1
    assert "nope.txt" in res.output and "no such file" in res.output
    assert len(json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))["articles"]) == 3  # good part kept


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"kg {name}" in readme, name
