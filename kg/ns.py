"""RDF namespaces used by govkg.

The local vocabulary (``kgo:``) and the SKOS concepts (``kgrole:``, ``kgact:``, ``kgrank:``) are
rdflib :class:`~rdflib.namespace.DefinedNamespace` classes with ``_fail = True``: a misspelt term
raises ``AttributeError`` at import or call time instead of silently minting a new IRI. Their
member lists mirror ``ontology/kg.ttl`` (the source of truth); ``tests/test_rdf.py`` checks that the
two agree. To update after editing the ontology::

    python -m kg.ns            # print the generated classes for the local namespaces
    python -m kg.ns --sync     # also copy ontology/*.ttl into kg/ontology/ (packaged copies)

The subsets of schema.org, SEM, NIF, opengov and OWL-Time that govkg uses are also
``DefinedNamespace`` classes with ``_fail = True`` (rdflib's own ``SDO`` and ``TIME`` do not fail
on unknown names). ORG, PROV, SKOS and DCTERMS come from rdflib, which already fails.
"""
from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "KGO", "ROLE", "ACTION", "RANK", "SCHEMA", "SEM", "NIF", "OPENGOV", "TIME",
    "ORG", "PROV", "SKOS", "DCTERMS", "RDF", "RDFS", "OWL", "XSD",
    "ID", "GRAPH", "ONTOLOGY_IRI", "PREFIXES", "LOCAL_NAMESPACES", "bind_prefixes",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/govkg/ontology")
#: Base of all instance IRIs: ``ID + "<kind>/<hex>"``.
ID = Namespace("https://w3id.org/govkg/id/")
#: Base of named-graph IRIs.
GRAPH = Namespace("https://w3id.org/govkg/graph/")


# --- BEGIN GENERATED (python -m kg.ns) ---------------------------------------------------
class KGO(DefinedNamespace):
    """govkg local vocabulary (ontology/kg.ttl)."""

    _fail = True
    _NS = Namespace("https://w3id.org/govkg/ontology#")

    AgendaItem: URIRef
    CircleMembership: URIRef
    CoAttendance: URIRef
    CoAttendanceTie: URIRef
    DocumentActions: URIRef
    MetropolitanCircle: URIRef
    ParticipationRoles: URIRef
    TitleRanks: URIRef
    action: URIRef
    adminLevel: URIRef
    attestedOn: URIRef
    change: URIRef
    circle: URIRef
    coAttendedWith: URIRef
    coAttendee: URIRef
    core: URIRef
    extractionMethod: URIRef
    firstDate: URIRef
    identityContext: URIRef
    identityKey: URIRef
    isCore: URIRef
    lastDate: URIRef
    meeting: URIRef
    memberPlace: URIRef
    modelId: URIRef
    rank: URIRef
    repairedText: URIRef
    rulesVersion: URIRef
    weight: URIRef


class ROLE(DefinedNamespace):
    """Participation roles (SKOS concepts, also sem:RoleType)."""

    _fail = True
    _NS = Namespace("https://w3id.org/govkg/ontology/role#")

    attended: URIRef
    attended_nonvoting: URIRef
    chaired: URIRef
    reported: URIRef
    spoke: URIRef


class ACTION(DefinedNamespace):
    """Document actions (SKOS concepts)."""

    _fail = True
    _NS = Namespace("https://w3id.org/govkg/ontology/action#")

    adopted: URIRef
    conveyed: URIRef
    deployed: URIRef
    issued: URIRef
    studied: URIRef


class RANK(DefinedNamespace):
    """Title ranks (SKOS concepts)."""

    _fail = True
    _NS = Namespace("https://w3id.org/govkg/ontology/rank#")

    county: URIRef
    county_deputy: URIRef
    county_principal: URIRef
    national: URIRef
    national_deputy: URIRef
    national_principal: URIRef
    prefectural: URIRef
    prefectural_deputy: URIRef
    prefectural_principal: URIRef
    provincial: URIRef
    provincial_deputy: URIRef
    provincial_principal: URIRef
# --- END GENERATED -----------------------------------------------------------------------


class SCHEMA(DefinedNamespace):
    """The schema.org terms govkg uses."""

    _fail = True
    _NS = Namespace("https://schema.org/")

    AdministrativeArea: URIRef
    Country: URIRef
    CreativeWork: URIRef
    Event: URIRef
    Legislation: URIRef
    NewsArticle: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    about: URIRef
    areaServed: URIRef
    attendee: URIRef
    author: URIRef
    containedInPlace: URIRef
    identifier: URIRef
    latitude: URIRef
    legislationPassedBy: URIRef
    location: URIRef
    longitude: URIRef
    mentions: URIRef
    name: URIRef
    organizer: URIRef
    softwareVersion: URIRef
    spatialCoverage: URIRef
    startDate: URIRef
    subjectOf: URIRef
    superEvent: URIRef
    url: URIRef
    validFrom: URIRef
    validThrough: URIRef


class SEM(DefinedNamespace):
    """Simple Event Model terms."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Actor: URIRef
    Event: URIRef
    Role: URIRef
    RoleType: URIRef
    hasActor: URIRef
    roleType: URIRef


class NIF(DefinedNamespace):
    """NIF 2.0 core terms."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    Context: URIRef
    OffsetBasedString: URIRef
    Sentence: URIRef
    String: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    isString: URIRef
    nextSentence: URIRef
    predLang: URIRef
    referenceContext: URIRef
    sentence: URIRef
    sourceUrl: URIRef


class OPENGOV(DefinedNamespace):
    """Popolo / opengov terms."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/opengov#")

    post: URIRef


class TIME(DefinedNamespace):
    """OWL-Time terms."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2006/time#")

    Instant: URIRef
    Interval: URIRef
    hasBeginning: URIRef
    hasEnd: URIRef
    inXSDDate: URIRef


#: Local namespaces whose members must all be declared in ontology/kg.ttl (and vice versa).
LOCAL_NAMESPACES: dict[str, type[DefinedNamespace]] = {
    "kgo": KGO, "kgrole": ROLE, "kgact": ACTION, "kgrank": RANK,
}

#: Instance IRI kinds that get their own prefix in Turtle output (person:ab12...).
_ID_KINDS = (
    "person", "place", "organ", "post", "title", "membership", "meeting", "participation",
    "document", "agenda", "circle", "circlemember", "article", "context", "sentence", "span",
    "derivation", "interval", "instant", "activity", "agent", "copair", "tie",
)

def _resolve_terms(*namespaces: type) -> None:
    """Store every declared term as a plain class attribute.

    ``DefinedNamespace`` resolves ``KGO.weight`` in a metaclass ``__getattr__`` on every access
    (about 2 us; the graph builder does a million of them on a corpus). With the terms set on the
    class, a known term is an ordinary attribute lookup, and a misspelt one still reaches
    ``__getattr__`` and raises.
    """
    for ns in namespaces:
        for name in ns.__annotations__:
            type.__setattr__(ns, name, ns._NS[name])


_resolve_terms(KGO, ROLE, ACTION, RANK, SCHEMA, SEM, NIF, OPENGOV, TIME)

#: Prefix -> namespace IRI bound in every graph govkg writes (stable Turtle/TriG output).
PREFIXES: dict[str, str] = {
    "kgo": str(KGO._NS), "kgrole": str(ROLE._NS), "kgact": str(ACTION._NS), "kgrank": str(RANK._NS),
    "org": str(ORG), "opengov": str(OPENGOV._NS), "schema": str(SCHEMA._NS), "sem": str(SEM._NS),
    "prov": str(PROV), "nif": str(NIF._NS), "time": str(TIME._NS), "skos": str(SKOS),
    "dcterms": str(DCTERMS), "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD),
    "graph": str(GRAPH),
    **{kind: f"{ID}{kind}/" for kind in _ID_KINDS},
}


def bind_prefixes(graph) -> None:
    """Bind :data:`PREFIXES` on an rdflib Graph or Dataset (replacing rdflib's defaults)."""
    nm = graph.namespace_manager
    for prefix, iri in PREFIXES.items():
        nm.bind(prefix, iri, override=True, replace=True)


def _source_ontology_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "ontology"


def packaged_ontology_dir() -> Path:
    """Directory holding the packaged copies of kg.ttl and shapes.ttl."""
    return Path(__file__).resolve().parent / "ontology"


def local_terms(ttl_path: Path | None = None) -> dict[str, list[str]]:
    """Local names declared in kg.ttl for each local namespace prefix (sorted)."""
    from rdflib import Graph

    path = ttl_path or packaged_ontology_dir() / "kg.ttl"
    g = Graph().parse(path, format="turtle")
    out: dict[str, list[str]] = {}
    for prefix, dns in LOCAL_NAMESPACES.items():
        base = str(dns._NS)
        names = {str(s)[len(base):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(base)}
        out[prefix] = sorted(n for n in names if n)
    return out


def render_local_namespaces(ttl_path: Path | None = None) -> str:
    """Python source of the generated DefinedNamespace classes for the local vocabulary."""
    docs = {"kgo": "govkg local vocabulary (ontology/kg.ttl).",
            "kgrole": "Participation roles (SKOS concepts, also sem:RoleType).",
            "kgact": "Document actions (SKOS concepts).",
            "kgrank": "Title ranks (SKOS concepts)."}
    chunks = []
    for prefix, names in local_terms(ttl_path).items():
        dns = LOCAL_NAMESPACES[prefix]
        body = "\n".join(f"    {n}: URIRef" for n in sorted(names, key=lambda n: (n[0].islower(), n)))
        chunks.append(
            f"class {dns.__name__}(DefinedNamespace):\n    \"\"\"{docs[prefix]}\"\"\"\n\n"
            f"    _fail = True\n    _NS = Namespace(\"{dns._NS}\")\n\n{body}\n"
        )
    return "\n\n".join(chunks)


def sync_ontology() -> list[Path]:
    """Copy ontology/*.ttl (source of truth) to kg/ontology/ (packaged copies)."""
    import shutil

    src, dst = _source_ontology_dir(), packaged_ontology_dir()
    dst.mkdir(exist_ok=True)
    written = []
    for name in ("kg.ttl", "shapes.ttl"):
        shutil.copyfile(src / name, dst / name)
        written.append(dst / name)
    return written


def _main(argv: list[str]) -> int:
    if "--sync" in argv:
        for p in sync_ontology():
            print(f"copied {p}", file=sys.stderr)
    src = _source_ontology_dir() / "kg.ttl"
    print(render_local_namespaces(src if src.exists() else None))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_main(sys.argv[1:]))
