"""kg.stats: co-attendance metrics (degree, weighted degree, betweenness, Louvain) and ``kg stats``."""
from __future__ import annotations

import csv
import unicodedata

import click
import networkx as nx
import pytest
from click.testing import CliRunner

from kg import stats as S
from kg.cli_views import register
from test_view import CO_EDGES, CO_NODES, hand_facts
from test_view_graph import sample_build


@pytest.fixture(scope="module")
def st():
    return S.stats_from_graph(sample_build()[0])


def test_metrics_of_a_small_graph():
    # two triangles joined through "b": b is the only broker
    g = nx.Graph()
    g.add_weighted_edges_from([("a1", "a2", 1), ("a2", "a3", 1), ("a1", "a3", 1), ("a3", "b", 2), ("b", "c1", 1),
                               ("c1", "c2", 1), ("c2", "c3", 1), ("c1", "c3", 1)])
    btw, deg, comms, community = S.coattendance_metrics(g, seed=42)
    assert max(btw, key=btw.get) == "b"
    assert btw["a1"] == 0.0 and btw["b"] > btw["a3"] > 0
    assert deg["b"] == pytest.approx(2 / 6, abs=1e-6)  # 2 neighbours of 6 others
    assert community["a1"] == community["a2"] == community["a3"]
    assert community["c1"] == community["c2"] == community["c3"]
    assert community["a1"] != community["c1"]
    assert [len(c) for c in comms] == sorted((len(c) for c in comms), reverse=True)
    assert S.coattendance_metrics(nx.Graph()) == ({}, {}, [], {})
    lone = nx.Graph()
    lone.add_node("x")
    assert S.coattendance_metrics(lone)[2] == [["x"]]


def test_sample_stats(st):
    assert (len(st.persons), st.ties, st.meetings) == (CO_NODES, CO_EDGES, 3)
    assert not st.approximate and st.communities >= 2
    by = {p.name: p for p in st.persons}
    wh = by["王晖"]
    assert wh.meetings == 3 and wh.degree == 18 and wh.weighted_degree == 19.0  # 吴新明 shares two meetings
    assert wh.iri.startswith("https://w3id.org/govkg/id/person/") and wh.id.startswith("person:")
    # 王晖 and 吴新明 bridge the 上海 meeting and the two 南通 meetings
    assert {p.name for p in st.top(2)} == {"王晖", "吴新明"}
    assert all(p.betweenness == 0.0 for p in st.persons[2:])
    assert [p.betweenness for p in st.persons] == sorted((p.betweenness for p in st.persons), reverse=True)
    for p in st.persons:
        assert p.weighted_degree >= p.degree and 1 <= p.community <= st.communities


def test_stats_agree_with_the_page_and_with_the_rdf_projection(st, tmp_path):
    """Same numbers as the co-attendance page's broker table, and the same ties as the SPARQL-derived
    projection (kg.derive.coattendance_networkx over the RDF)."""
    from kg import derive, rdf, view, view_graph

    out, _res = sample_build()
    page = view_graph.render_view(out, "coattendance", tmp_path / "co.html")
    assert page.brokers == tuple((p.name, p.betweenness) for p in st.top(15))
    ds = rdf.load_dataset(out / "graph.trig")
    g = derive.coattendance_networkx(ds)
    assert g.number_of_edges() == st.ties
    by_iri = {p.iri: p for p in st.persons}
    for p in st.persons:
        assert g.degree(p.iri) == p.degree
        assert g.degree(p.iri, weight="weight") == p.weighted_degree
    assert set(by_iri) == set(g)
    # and from facts directly (the page's input) -- the same
    facts_stats = S.coattendance_stats(hand_facts())
    assert (len(facts_stats.persons), facts_stats.ties) == (CO_NODES, CO_EDGES)
    assert view.coattendance_view(hand_facts(), None, tmp_path / "h.html").brokers == \
        tuple((p.name, p.betweenness) for p in facts_stats.top(15))


def test_deterministic(st):
    again = S.stats_from_graph(sample_build()[0])
    assert again == st
    assert S.stats_from_graph(sample_build()[0], seed=7).ties == st.ties


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def test_table_is_aligned(st):
    text = S.format_table(st, top=5)
    lines = text.splitlines()
    assert lines[0].startswith("19 persons, 129 ties, 3 meetings") and "Louvain, seed 42" in lines[0]
    assert lines[1].split() == ["#", "person", "meetings", "degree", "w.degree", "betweenness", "community"]
    assert len(lines) == 3 + 5
    rule = lines[2]
    # every row ends at the same display column (right-aligned numbers)
    assert {_width(line) for line in lines[3:]} == {_width(rule)}
    assert "王晖" in text and "0.1373" in text
    assert len(S.format_table(st, top=0).splitlines()) == 3


def test_csv(st, tmp_path):
    path = S.write_csv(st, tmp_path / "sub" / "co.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(S.CSV_COLUMNS)
    assert len(rows) == CO_NODES and [int(r["rank"]) for r in rows] == list(range(1, CO_NODES + 1))
    wh = next(r for r in rows if r["name"] == "王晖")
    assert (wh["meetings"], wh["degree"], wh["weighted_degree"]) == ("3", "18", "19")
    assert float(wh["betweenness"]) == pytest.approx(0.137255)


@pytest.fixture(scope="module")
def cli():
    @click.group()
    def kg() -> None:
        pass

    register(kg)
    return kg


def test_kg_stats_command(cli, tmp_path):
    out = sample_build()[0]
    r = CliRunner().invoke(cli, ["stats", str(out), "--csv", str(tmp_path / "s.csv"), "--top", "3"])
    assert r.exit_code == 0, r.output
    assert "top 3 brokers" in r.output and "王晖" in r.output
    assert (tmp_path / "s.csv").read_text("utf-8").count("\n") == CO_NODES + 1
    r = CliRunner().invoke(cli, ["stats", str(out / "graph.ttl")])
    assert r.exit_code == 0 and "19 persons" in r.output


def test_kg_stats_errors(cli, tmp_path):
    r = CliRunner().invoke(cli, ["stats", str(tmp_path / "missing")])
    assert r.exit_code == 1 and r.output.startswith("Error: E701") and r.output.count("\n") == 1
    r = CliRunner().invoke(cli, ["stats", str(sample_build()[0]), "--top", "-1"])
    assert r.exit_code == 2
    (tmp_path / "empty.ttl").write_text("", encoding="utf-8")
    r = CliRunner().invoke(cli, ["stats", str(tmp_path / "empty.ttl")])
    assert r.exit_code == 0 and r.output.startswith("0 persons, 0 ties, 0 meetings")
