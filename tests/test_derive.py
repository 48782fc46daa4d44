"""Co-attendance: SPARQL CONSTRUCT and the networkx bipartite projection must agree."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from conftest_rdf import (
    appointment_facts,
    hostile_facts,
    sample_facts,
    sample_identities,
)
from rdflib import Dataset, URIRef

from kg.derive import (
    add_coattendance,
    coattendance_construct,
    coattendance_edges,
    coattendance_networkx,
)
from kg.ns import KGO, PROV, RDF
from kg.rdf import (
    COATTENDANCE_GRAPH,
    build_dataset,
    default_person_key,
    person_iri,
    remove_article,
)

DAY = date(2022, 9, 27)


def pid(name: str) -> str:
    return str(person_iri("wanghui-320600" if name == "王晖" else default_person_key(name)))


def pair(a: str, b: str) -> tuple[str, str]:
    x, y = pid(a), pid(b)
    return (x, y) if x < y else (y, x)


def nx_edges(G) -> dict:
    return {tuple(sorted((a, b))): (d["weight"], d["first"], d["last"]) for a, b, d in G.edges(data=True)}


@pytest.fixture(scope="module")
def facts():
    return sample_facts() + [appointment_facts(), hostile_facts()]


@pytest.fixture(scope="module")
def identities(facts):
    return sample_identities(facts)


@pytest.fixture(scope="module")
def ds(facts, identities) -> Dataset:
    d = build_dataset(facts, identities)
    add_coattendance(d)
    return d


def test_construct_and_networkx_agree(ds, facts, identities):
    sparql = coattendance_edges(ds.graph(COATTENDANCE_GRAPH))
    from_ds = nx_edges(coattendance_networkx(ds))
    from_facts = nx_edges(coattendance_networkx(facts, identities))
    assert sparql == from_ds == from_facts
    # 16 people at the Shanghai meeting, 5 at the reform commission, 吴新明 and 王晖 at both
    assert len(sparql) == 16 * 15 // 2 + 5 * 4 // 2 - 1


def test_expected_ties(ds):
    ties = coattendance_edges(ds.graph(COATTENDANCE_GRAPH))
    assert ties[pair("李强", "龚正")] == (1, DAY, DAY)
    assert ties[pair("王晖", "吴新明")] == (2, DAY, DAY)
    assert pair("李强", "黄巍东") not in ties
    assert pair("王晖", "庄中秋") in ties


def test_derived_graph_shape(ds):
    g = ds.graph(COATTENDANCE_GRAPH)
    wang, wu = URIRef(pid("王晖")), URIRef(pid("吴新明"))
    assert (wang, KGO.coAttendedWith, wu) in g and (wu, KGO.coAttendedWith, wang) in g
    tie = next(t for t in g.subjects(RDF.type, KGO.CoAttendanceTie) if {wang, wu} == set(g.objects(t, KGO.coAttendee)))
    pairs = list(g.objects(tie, PROV.wasDerivedFrom))
    assert len(pairs) == 2  # one per shared meeting
    assert all((p, RDF.type, KGO.CoAttendance) in g for p in pairs)
    assert len({g.value(p, KGO.meeting) for p in pairs}) == 2
    for s, p, o in g:
        for node in (s, p, o):
            if isinstance(node, URIRef):
                assert str(node).isascii()


def test_add_coattendance_is_idempotent(facts, identities):
    d = build_dataset(facts, identities)
    first = set(add_coattendance(d))
    second = set(add_coattendance(d))
    assert first == second
    assert set(coattendance_construct(d)) == first
    assert set(coattendance_construct(d, engine="oxigraph")) == first


def test_undated_meetings_give_no_dates(facts, identities):
    undated = []
    for f in facts:
        undated.append(replace(f, meetings=tuple(replace(m, date=None) for m in f.meetings)))
    d = build_dataset(undated, identities)
    sparql = coattendance_edges(coattendance_construct(d))
    assert sparql == nx_edges(coattendance_networkx(d)) == nx_edges(coattendance_networkx(undated, identities))
    assert sparql[pair("李强", "龚正")] == (1, None, None)


def test_removing_an_article_recomputes_ties(facts, identities):
    d = build_dataset(facts, identities)
    add_coattendance(d)
    remove_article(d, "a3")
    ties = coattendance_edges(d.graph(COATTENDANCE_GRAPH))
    assert ties[pair("王晖", "吴新明")] == (1, DAY, DAY)
    assert pair("王晖", "庄中秋") not in ties
    assert ties == nx_edges(coattendance_networkx(d))


def test_networkx_node_labels(ds):
    G = coattendance_networkx(ds)
    assert G.nodes[pid("诸葛宇杰")]["label"] == "诸葛宇杰"
    assert G[pid("王晖")][pid("吴新明")]["weight"] == 2
