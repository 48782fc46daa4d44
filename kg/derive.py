"""Co-attendance: who sat in the same meetings, derived two independent ways.

* :func:`coattendance_construct` runs a SPARQL CONSTRUCT over the union of the article graphs and
  yields one ``kgo:CoAttendance`` node per (meeting, unordered pair) and one weighted
  ``kgo:CoAttendanceTie`` per pair (``kgo:weight`` = distinct shared meetings, ``kgo:firstDate`` /
  ``kgo:lastDate``), plus the flat symmetric ``kgo:coAttendedWith``. :func:`add_coattendance`
  stores it in the named graph ``https://w3id.org/govkg/graph/coattendance``.
* :func:`coattendance_networkx` projects the person-meeting bipartite graph with
  ``networkx.bipartite.weighted_projected_graph``. A test checks both give the same edges and
  weights.

Example::

    >>> add_coattendance(ds)                                         # doctest: +SKIP
    >>> G = coattendance_networkx(ds); G["<person a>"]["<person b>"]["weight"]   # doctest: +SKIP
    2
"""
from __future__ import annotations

from datetime import date
from typing import Mapping, Optional, Sequence, Union

import networkx as nx
from networkx.algorithms import bipartite
from rdflib import Dataset, Graph, Literal, URIRef

from .model import ArticleFacts, PersonIdentity
from .ns import KGO, RDFS, bind_prefixes
from .rdf import COATTENDANCE_GRAPH, TripleBag, default_person_key, meeting_iri, person_iri

__all__ = [
    "COATTENDANCE_CONSTRUCT", "coattendance_construct", "add_coattendance",
    "coattendance_networkx", "coattendance_edges",
]

#: The CONSTRUCT that derives the co-attendance graph. Pair and tie IRIs are SHA-1 based, as
#: every other govkg IRI (deterministic, ASCII, no text).
COATTENDANCE_CONSTRUCT = """
PREFIX schema: <https://schema.org/>
PREFIX kgo:    <https://w3id.org/govkg/ontology#>
PREFIX prov:   <http://www.w3.org/ns/prov#>
PREFIX rdfs:   <http://www.w3.org/2000/01/rdf-schema#>

CONSTRUCT {
    ?pair a kgo:CoAttendance , prov:Entity ;
        kgo:meeting ?m ;
        kgo:coAttendee ?a , ?b ;
        schema:startDate ?d .
    ?tie a kgo:CoAttendanceTie , prov:Entity ;
        kgo:coAttendee ?a , ?b ;
        kgo:weight ?w ;
        kgo:firstDate ?first ;
        kgo:lastDate ?last ;
        prov:wasDerivedFrom ?pair .
    ?a kgo:coAttendedWith ?b .
    ?b kgo:coAttendedWith ?a .
}
WHERE {
    {
        SELECT ?a ?b (COUNT(DISTINCT ?m0) AS ?w) (MIN(?d0) AS ?first) (MAX(?d0) AS ?last)
        WHERE {
            ?m0 schema:attendee ?a , ?b .
            FILTER (STR(?a) < STR(?b))
            OPTIONAL { ?m0 schema:startDate ?d0 }
        }
        GROUP BY ?a ?b
    }
    ?m schema:attendee ?a , ?b .
    OPTIONAL { ?m schema:startDate ?d }
    BIND (IRI(CONCAT("https://w3id.org/govkg/id/copair/",
                     SUBSTR(SHA1(CONCAT(STR(?m), " ", STR(?a), " ", STR(?b))), 1, 16))) AS ?pair)
    BIND (IRI(CONCAT("https://w3id.org/govkg/id/tie/",
                     SUBSTR(SHA1(CONCAT(STR(?a), " ", STR(?b))), 1, 16))) AS ?tie)
}
"""

Source = Union[Dataset, Graph, Sequence[ArticleFacts]]


def _union(ds: Union[Dataset, Graph]) -> Graph:
    """A graph view that queries see as the union of all graphs (excluding derived co-attendance)."""
    if isinstance(ds, Dataset):
        if not ds.default_union:
            merged = Graph()
            for s, p, o, _c in ds.quads((None, None, None, None)):
                merged.add((s, p, o))
            return merged
    return ds


def coattendance_construct(ds: Union[Dataset, Graph], *, engine: str = "rdflib") -> Graph:
    """Run :data:`COATTENDANCE_CONSTRUCT` and return the derived triples as a new Graph.

    ``engine="oxigraph"`` evaluates the same query with pyoxigraph (much faster on large data).
    """
    g = Graph()
    bind_prefixes(g)
    if engine == "oxigraph":
        from .query import _from_ox, to_oxigraph

        for t in to_oxigraph(ds).query(COATTENDANCE_CONSTRUCT):
            g.add((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))
        return g
    if engine != "rdflib":
        raise ValueError(f"E501 unknown engine {engine!r}; use rdflib or oxigraph")
    for t in _union(ds).query(COATTENDANCE_CONSTRUCT):
        g.add(t)
    return g


def add_coattendance(ds: Dataset, *, engine: str = "rdflib") -> Graph:
    """(Re)compute co-attendance into the named graph :data:`~kg.rdf.COATTENDANCE_GRAPH`.

    ``ds`` may be an rdflib Dataset or a :class:`kg.rdf.QuadSet`; with ``engine="oxigraph"`` the
    CONSTRUCT results go straight into the target graph (no intermediate rdflib Graph).
    """
    ds.remove_graph(COATTENDANCE_GRAPH)
    if engine == "oxigraph":
        from .query import _from_ox, to_oxigraph

        from .cluster import _attendance

        # Only the triples the CONSTRUCT reads (attendees, meeting dates): a few percent of a corpus graph.
        store = to_oxigraph(_attendance(ds))
        target = ds.graph(COATTENDANCE_GRAPH)
        cache: dict = {}  # pyoxigraph terms hash and compare by value: each distinct term converts once

        def conv(term):
            out = cache.get(term)
            if out is None:
                out = cache[term] = _from_ox(term)
            return out

        triples = ((conv(t.subject), conv(t.predicate), conv(t.object)) for t in store.query(COATTENDANCE_CONSTRUCT))
        if isinstance(target, TripleBag):  # a QuadSet's graph takes them in bulk
            target.update(triples)
        else:
            for t in triples:
                target.add(t)
        return target
    derived = coattendance_construct(ds, engine=engine)
    target = ds.graph(COATTENDANCE_GRAPH)
    for t in derived:
        target.add(t)
    return target


def coattendance_edges(ds: Union[Dataset, Graph]) -> dict[tuple[str, str], tuple[int, Optional[date], Optional[date]]]:
    """Ties stored in a derived graph: ``{(a, b): (weight, first, last)}`` with ``a < b``."""
    out = {}
    for tie in ds.subjects(None, KGO.CoAttendanceTie):
        people = sorted(str(p) for p in ds.objects(tie, KGO.coAttendee))
        weight = ds.value(tie, KGO.weight)
        first = ds.value(tie, KGO.firstDate)
        last = ds.value(tie, KGO.lastDate)
        out[(people[0], people[1])] = (
            int(weight.toPython()) if isinstance(weight, Literal) else 0,
            first.toPython() if isinstance(first, Literal) else None,
            last.toPython() if isinstance(last, Literal) else None,
        )
    return out


def _attendance_from_rdf(ds: Union[Dataset, Graph]) -> tuple[list[tuple[str, str, Optional[date]]], dict[str, str]]:
    rows = _union(ds).query(
        """PREFIX schema: <https://schema.org/>
        SELECT DISTINCT ?m ?p ?d WHERE { ?m schema:attendee ?p . OPTIONAL { ?m schema:startDate ?d } }"""
    )
    edges = [(str(m), str(p), d.toPython() if isinstance(d, Literal) else None) for m, p, d in rows]
    labels: dict[str, str] = {}
    for _m, p, _d in edges:
        if p not in labels:
            lab = _union(ds).value(URIRef(p), RDFS.label)
            labels[p] = str(lab) if lab is not None else ""
    return edges, labels


def _attendance_from_facts(
    facts: Sequence[ArticleFacts], identities: Mapping[tuple[str, str], PersonIdentity]
) -> tuple[list[tuple[str, str, Optional[date]]], dict[str, str]]:
    edges = []
    labels: dict[str, str] = {}
    for f in facts:
        meetings = {m.key: m for m in f.meetings}
        for p in f.participations:
            m = meetings.get(p.meeting)
            if m is None:
                continue
            ident = identities.get((f.article.id, p.person))
            key = ident.key if ident else default_person_key(p.person)
            person = str(person_iri(key))
            labels.setdefault(person, ident.name if ident else p.person)
            edges.append((str(meeting_iri(m, f.article)), person, m.date))
    return edges, labels


def coattendance_networkx(
    source: Source, identities: Optional[Mapping[tuple[str, str], PersonIdentity]] = None
) -> nx.Graph:
    """Person-person co-attendance graph from a dataset or from facts.

    Nodes are person IRIs (``label`` attribute: the name); edges carry ``weight`` (number of
    shared meetings), ``first`` and ``last`` (dates of the earliest and latest dated shared
    meeting, or None). Built with ``networkx.bipartite.weighted_projected_graph`` on the
    person-meeting bipartite graph.
    """
    if isinstance(source, (Dataset, Graph)):
        edges, labels = _attendance_from_rdf(source)
    else:
        edges, labels = _attendance_from_facts(source, identities or {})
    B = nx.Graph()
    dates: dict[str, set[date]] = {}
    persons = sorted({p for _m, p, _d in edges})
    meetings = sorted({m for m, _p, _d in edges})
    B.add_nodes_from(persons, bipartite=0)
    B.add_nodes_from(meetings, bipartite=1)
    for m, p, d in edges:
        B.add_edge(p, m)
        if d is not None:
            dates.setdefault(m, set()).add(d)
    P = bipartite.weighted_projected_graph(B, persons)
    for a, b, data in P.edges(data=True):
        shared = set(B[a]) & set(B[b])
        days = sorted(d for m in shared for d in dates.get(m, ()))
        data["first"] = days[0] if days else None
        data["last"] = days[-1] if days else None
    for p in persons:
        P.nodes[p]["label"] = labels.get(p, "")
    return P
