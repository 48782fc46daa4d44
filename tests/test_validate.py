"""SHACL validation: the fixture conforms; each kind of breakage is reported."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest_rdf import (
    appointment_facts,
    hostile_facts,
    sample_facts,
    sample_identities,
)
from rdflib import BNode, Literal, URIRef

from kg.derive import add_coattendance
from kg.ns import KGO, NIF, ORG, PROV, RDF, RDFS, SCHEMA, SEM
from kg.rdf import article_graph_iri, build_dataset, place_iri
from kg.validate import ontology_graph, shapes_graph, validate

ROOT = Path(__file__).resolve().parent.parent
SH = "http://www.w3.org/ns/shacl#"


@pytest.fixture(scope="module")
def small():
    """One short article: cheap to validate many times."""
    return [appointment_facts()]


def mutated(facts, change):
    ds = build_dataset(facts, {})
    g = ds.graph(article_graph_iri(facts[0].article.id))
    change(g)
    return ds


def test_packaged_ontology_is_identical_to_source():
    for name in ("kg.ttl", "shapes.ttl"):
        src = (ROOT / "ontology" / name).read_bytes()
        pkg = (ROOT / "kg" / "ontology" / name).read_bytes()
        assert src == pkg, f"kg/ontology/{name} is stale: run `python -m kg.ns --sync`"


def test_shapes_cover_every_node_kind():
    shapes = shapes_graph()
    targets = set(shapes.objects(None, URIRef(SH + "targetClass")))
    for cls in (SCHEMA.Person, ORG.Post, ORG.FormalOrganization, ORG.Membership, SCHEMA.Place, SEM.Event,
                SEM.Role, SCHEMA.Legislation, KGO.AgendaItem, NIF.Sentence, NIF.Context, SCHEMA.NewsArticle,
                PROV.Activity, PROV.SoftwareAgent, KGO.CoAttendance, KGO.CoAttendanceTie,
                KGO.CircleMembership, KGO.MetropolitanCircle, PROV.Derivation):
        assert cls in targets, cls
    assert len(ontology_graph()) > 100


def test_full_fixture_conforms():
    facts = sample_facts() + [appointment_facts(), hostile_facts()]
    ds = build_dataset(facts, sample_identities(facts))
    add_coattendance(ds)
    ok, report = validate(ds)
    assert ok, report


def test_small_fixture_conforms(small):
    ok, report = validate(build_dataset(small, {}))
    assert ok, report


def _first(g, t):
    return next(g.subjects(RDF.type, t))


@pytest.mark.parametrize("what,change,needle", [
    ("membership without member",
     lambda g: g.remove((_first(g, ORG.Membership), ORG.member, None)), "member"),
    ("label without language",
     lambda g: g.add((_first(g, SCHEMA.Person), RDFS.label, Literal("周明远"))), "langString"),
    ("anchor not matching the text",
     lambda g: g.set((_first(g, NIF.Sentence), NIF.anchorOf, Literal("篡改"))), "anchorOf"),
    ("blank node instead of an IRI",
     lambda g: g.add((BNode(), RDF.type, SCHEMA.Person)), "IRI"),
    ("non-ASCII IRI",
     lambda g: g.add((URIRef("https://w3id.org/govkg/id/person/周明远"), RDF.type, SCHEMA.Place)), "pattern"),
    ("fact without provenance",
     lambda g: g.remove((_first(g, ORG.Membership), PROV.wasDerivedFrom, None)), "wasDerivedFrom"),
    ("post of another organisation",
     lambda g: g.set((_first(g, ORG.Membership), ORG.organization, URIRef("https://w3id.org/govkg/id/organ/0"))),
     "organisation"),
    ("bad place code",
     lambda g: g.set((place_iri("320600"), SCHEMA.identifier, Literal("32060"))), "identifier"),
    ("unknown change",
     lambda g: g.set((_first(g, ORG.Membership), KGO.change, Literal("promoted"))), "change"),
])
def test_breakage_is_reported(small, what, change, needle):
    ok, report = validate(mutated(small, change))
    assert not ok, what
    assert needle in report, (what, report[:2000])
