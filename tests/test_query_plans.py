"""Oxigraph plans of saved queries (kg/queries/oxigraph/*.rq): the same rows as the portable texts.

A plan is what Oxigraph runs for a whole-graph saved query (no parameter bound); rdflib and
parameterised runs keep the portable text. Each plan is checked against its portable twin on a
store holding the sample page, a hostile article and synthetic city-committee articles (whose
capital-city secretaries also hold a provincial post, so every planned query has rows).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_rdf import hostile_facts

from kg import store as S
from kg.cli import main
from kg.link import link_persons
from kg.query import (
    QueryError,
    load_oxigraph,
    named_queries,
    oxigraph_plans,
    query_params,
    run_named,
    run_query,
    saved_query,
    to_oxigraph,
)
from kg.rdf import build_dataset, serialize_trig

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from store_bench import synth_facts  # noqa: E402

PLANNED = sorted(oxigraph_plans())


@pytest.fixture(scope="module")
def facts(sample_facts):
    return list(sample_facts) + [hostile_facts()] + list(synth_facts(40, seed=3))


@pytest.fixture(scope="module")
def ds(facts):
    return build_dataset(facts, link_persons(facts))


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, facts) -> Path:
    d = tmp_path_factory.mktemp("plans") / "kg"
    st = S.open_store(d)
    S.ingest(st, facts, link_persons(facts))
    del st
    return d


@pytest.fixture(scope="module")
def store(store_dir):
    return S.open_store(store_dir, read_only=True)


def test_the_heavy_whole_graph_queries_have_plans():
    assert {"meeting-participants", "holders-of-post-in-region", "posts-of-person",
            "persons-in-two-regions", "documents-adopted"} <= set(PLANNED)


@pytest.mark.parametrize("name", PLANNED)
def test_plan_has_a_portable_twin_and_no_parameters(name):
    assert name in named_queries()
    plan = oxigraph_plans()[name]
    assert query_params(plan) == []
    # same projection as the portable text (the order is checked on rows below)
    head = re.compile(r"^SELECT .*$", re.M)
    assert head.search(plan).group() == head.search(named_queries()[name][1]).group()


def test_saved_query_picks_the_plan_only_for_whole_graph_runs_on_oxigraph():
    name = "holders-of-post-in-region"
    portable = named_queries()[name][1]
    assert saved_query(name, "oxigraph") == oxigraph_plans()[name]
    assert saved_query(name, "oxigraph", {"region": "南通市"}) == portable
    assert saved_query(name, "rdflib") == portable
    assert saved_query("who-chaired", "oxigraph") == named_queries()["who-chaired"][1]
    with pytest.raises(QueryError, match="E300"):
        saved_query("no-such-query", "oxigraph")


@pytest.mark.parametrize("name", PLANNED)
def test_plan_gives_the_portable_rows(name, store, ds):
    plan_cols, plan_rows = S.query_store(store, oxigraph_plans()[name])
    cols, rows = S.query_store(store, named_queries()[name][1])
    rd_cols, rd_rows = run_query(ds, named_queries()[name][1], engine="rdflib")
    assert plan_cols == cols == rd_cols
    assert len(plan_rows) >= 4, "a vacuous comparison"
    assert sorted(plan_rows, key=repr) == sorted(rows, key=repr) == sorted(rd_rows, key=repr)
    assert plan_rows == rows, "the plan orders rows differently"
    # in memory (`kg query FILE`), run_named takes the plan too
    mem = to_oxigraph(ds)
    assert sorted(run_named(mem, name)[1], key=repr) == sorted(rd_rows, key=repr)


def test_persons_in_two_regions_finds_the_provincial_secretaries(store):
    rows = S.query_store(store, oxigraph_plans()["persons-in-two-regions"])[1]
    by_person: dict[str, set] = {}
    for person, region, _code in rows:
        by_person.setdefault(person, set()).add(region)
    assert by_person and all(len(r) >= 2 for r in by_person.values())
    # a synthetic capital's secretary: a city and its province
    assert any(any(r.endswith("市") for r in regs) and any(r.endswith("省") for r in regs)
               for regs in by_person.values())


def test_kg_query_uses_the_plan_on_a_store_and_the_portable_text_with_a_parameter(store_dir, ds, tmp_path):
    graph = tmp_path / "graph.trig"
    graph.write_bytes(serialize_trig(ds))
    runner = CliRunner()
    name = "holders-of-post-in-region"
    on_store = runner.invoke(main, ["query", "--store", str(store_dir), "--named", name, "--format", "csv"])
    on_rdflib = runner.invoke(main, ["query", str(graph), "--engine", "rdflib", "--named", name, "--format", "csv"])
    assert on_store.exit_code == 0 and on_rdflib.exit_code == 0, on_store.output + on_rdflib.output
    assert sorted(on_store.output.splitlines()) == sorted(on_rdflib.output.splitlines())
    assert len(on_store.output.splitlines()) > 5
    one = runner.invoke(main, ["query", "--store", str(store_dir), "--named", name, "--param", "region=南通市",
                               "--format", "csv"])
    assert one.exit_code == 0, one.output
    lines = [x for x in one.output.splitlines() if x]
    assert len(lines) > 1 and all(line.startswith("南通市,") for line in lines[1:]), [x for x in lines if not x.startswith("南通市,")]
    assert set(lines[1:]) <= set(on_store.output.splitlines())
    # the in-memory engine on the same file agrees
    mem = load_oxigraph(graph)
    assert sorted(run_named(mem, name)[1], key=repr) == sorted(run_named(ds, name)[1], key=repr)
