"""Views from any graph govkg wrote: RDF -> :class:`~kg.model.ArticleFacts` -> :mod:`kg.view`.

The HTML views of :mod:`kg.view` are drawn from extraction results. To draw them from a graph
file (``graph.trig``, ``graph.nq``, ``graph.ttl``, a build directory, or an on-disk Oxigraph
store), this module reads the graph back into the same view model with a handful of SPARQL
SELECTs run by Oxigraph over the union of the article graphs:

* articles (``schema:NewsArticle``: id, title, date, source, url, home region) and their text
  (the ``nif:Context`` ``nif:isString``), sentences (``nif:Sentence`` offsets, ``nif:anchorOf`` /
  ``kgo:repairedText``) -- the index of a sentence is its rank by offset in its article;
* the evidence of every fact: ``prov:qualifiedDerivation`` -> the NIF span (offsets, its
  ``nif:sentence``, ``kgo:extractionMethod``), else ``prov:wasDerivedFrom`` a sentence; the
  article a fact belongs to is the article of its evidence's ``nif:referenceContext``, so a fact
  attested by two articles appears in both, as it did in the facts;
* persons (``kgo:identityKey`` / ``kgo:identityContext`` -> :class:`~kg.model.PersonIdentity`),
  memberships (person, post, title, the post's organisation's ``schema:areaServed``; the
  country stands for 中央), meetings with organiser, ``sem:Role`` participations with their role,
  agenda items with document, action and issuer, circle memberships, places mentioned.

Nothing here re-derives a fact: the view of a graph shows what the graph says. Differences from
the view drawn straight from the facts are limited to what RDF does not keep: a meeting's
article-local key (``m1``) becomes its IRI's hash, an organiser or issuer shows its normalised
organ name, and places mentioned without a fact point at the first sentence naming them.

Example::

    >>> gf = load_graph_facts("out/graph.trig")                    # doctest: +SKIP
    >>> render_view("out/", "person", Path("wh.html"), name="王晖")  # doctest: +SKIP
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from .model import (
    Article,
    ArticleFacts,
    DocumentAction,
    Evidence,
    Holding,
    Meeting,
    MetropolitanCircle,
    Participation,
    PersonIdentity,
    PersonMention,
    RegionMention,
    Sentence,
)

__all__ = [
    "GraphError", "GraphFacts", "VIEW_KINDS", "FOCUS_KINDS", "GRAPH_FORMATS",
    "resolve_source", "open_store", "has_union_default_graph", "load_graph_facts", "facts_from_store",
    "render_view", "UNION_UPDATE",
]

#: Suffix -> pyoxigraph RdfFormat name of the graph files govkg reads.
GRAPH_FORMATS = {".trig": "TRIG", ".nq": "N_QUADS", ".ttl": "TURTLE", ".nt": "N_TRIPLES"}
#: Build-directory files, in order of preference.
_DIR_FILES = ("graph.trig", "graph.nq", "graph.ttl")
VIEW_KINDS = ("governance", "coattendance", "person", "region", "meeting")
FOCUS_KINDS = ("person", "region", "meeting")
COUNTRY_CODE = "100000"
NATIONAL = "中央"

PathLike = Union[str, "os.PathLike[str]"]


class GraphError(ValueError):
    """A graph could not be found or read (message starts with an error code)."""


# --------------------------------------------------------------------------- opening


def _is_oxigraph_store(d: Path) -> bool:
    """An on-disk Oxigraph (RocksDB) store directory."""
    return d.is_dir() and (d / "CURRENT").is_file() and any(d.glob("OPTIONS-*"))


def resolve_source(path: PathLike) -> tuple[str, Path]:
    """``("file", graph file)`` or ``("store", store directory)`` for a user-given path.

    A build directory resolves to its ``graph.trig`` (else ``graph.nq``, ``graph.ttl``).
    """
    p = Path(path)
    if not p.exists():
        raise GraphError(f"E701 no such file or directory: {p}")
    if p.is_dir():
        if _is_oxigraph_store(p):
            return "store", p
        for name in _DIR_FILES:
            if (p / name).is_file():
                return "file", p / name
        raise GraphError(f"E702 {p} holds neither graph.trig, graph.nq, graph.ttl nor an Oxigraph store")
    if p.suffix.lower() not in GRAPH_FORMATS:
        raise GraphError(f"E703 cannot read {p.name}: expected {', '.join(GRAPH_FORMATS)}, a build directory "
                         f"or an Oxigraph store directory")
    return "file", p


#: Copies every named graph into the default graph, which then is their (set) union.
UNION_UPDATE = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def has_union_default_graph(store: Any) -> bool:
    """Whether the store's default graph is populated (govkg stores mirror the union of their
    named graphs there) or the store has no named graphs at all."""
    import pyoxigraph as ox

    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        return True
    return next(iter(store.named_graphs()), None) is None


def open_store(path: Any):
    """A ``pyoxigraph.Store`` of a graph file, build directory or store directory whose default
    graph is the union of all graphs (as the rdflib datasets of :func:`kg.rdf.load_dataset`).

    Files are parsed into an in-memory store, named graphs kept, and the union materialised with
    :data:`UNION_UPDATE`: Oxigraph's ``use_default_graph_as_union`` is a multiset union, in which
    a node repeated in a thousand article graphs would multiply every join by a thousand. A govkg
    store directory (``kg build --store``) already mirrors the union in its default graph and is
    opened read-only as it is; a foreign store with an empty default graph is copied into memory
    and given the union. A ``Store`` is returned as is.
    """
    import pyoxigraph as ox

    if isinstance(path, ox.Store):
        return path
    kind, p = resolve_source(path)
    try:
        if kind == "store":
            ro = ox.Store.read_only(str(p))
            if has_union_default_graph(ro):
                return ro
            store = ox.Store()
            store.bulk_extend(ro.quads_for_pattern(None, None, None, None))
        else:
            store = ox.Store()
            store.bulk_load(path=str(p), format=getattr(ox.RdfFormat, GRAPH_FORMATS[p.suffix.lower()]))
        store.update(UNION_UPDATE)
        return store
    except (SyntaxError, OSError, ValueError) as e:
        raise GraphError(f"E704 cannot read {p}: {type(e).__name__}: {e}") from e


# --------------------------------------------------------------------------- SPARQL

_PREFIXES = """
PREFIX rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs:    <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX nif:     <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX org:     <http://www.w3.org/ns/org#>
PREFIX opengov: <http://www.w3.org/ns/opengov#>
PREFIX schema:  <https://schema.org/>
PREFIX sem:     <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX kgo:     <https://w3id.org/govkg/ontology#>
"""

Q_ARTICLES = _PREFIXES + """
SELECT ?art ?id ?title ?date ?source ?url ?home ?ctx ?text WHERE {
  ?art a schema:NewsArticle ; dcterms:identifier ?id .
  OPTIONAL { ?art dcterms:title ?title }
  OPTIONAL { ?art dcterms:date ?date }
  OPTIONAL { ?art dcterms:source ?source }
  OPTIONAL { ?art schema:url ?url }
  OPTIONAL { ?art schema:spatialCoverage ?hp . ?hp rdfs:label ?home }
  OPTIONAL { ?ctx dcterms:isPartOf ?art ; a nif:Context ; nif:isString ?text }
}"""

Q_SENTENCES = _PREFIXES + """
SELECT ?s ?ctx ?b ?e ?anchor ?rep WHERE {
  ?s a nif:Sentence ; nif:referenceContext ?ctx ; nif:beginIndex ?b ; nif:endIndex ?e .
  OPTIONAL { ?s nif:anchorOf ?anchor }
  OPTIONAL { ?s kgo:repairedText ?rep }
}"""

Q_EVIDENCE = _PREFIXES + """
SELECT ?f ?ctx ?b ?e ?sent ?method WHERE {
  {
    ?f prov:qualifiedDerivation ?d . ?d prov:entity ?span .
    ?span nif:beginIndex ?b ; nif:endIndex ?e ; nif:referenceContext ?ctx .
    OPTIONAL { ?span nif:sentence ?sent }
    OPTIONAL { ?d kgo:extractionMethod ?method }
  } UNION {
    ?f prov:wasDerivedFrom ?sent .
    ?sent nif:referenceContext ?ctx ; nif:beginIndex ?b ; nif:endIndex ?e .
    FILTER NOT EXISTS { ?f prov:qualifiedDerivation ?any }
  }
}"""

Q_PERSONS = _PREFIXES + """
SELECT ?p ?name ?key ?context WHERE {
  ?p a schema:Person .
  OPTIONAL { ?p schema:name ?n }
  OPTIONAL { ?p rdfs:label ?label }
  OPTIONAL { ?p kgo:identityKey ?key }
  OPTIONAL { ?p kgo:identityContext ?context }
  BIND (COALESCE(?n, ?label) AS ?name)
}"""

Q_HOLDINGS = _PREFIXES + """
SELECT ?m ?person ?title ?place ?placeLabel ?code WHERE {
  ?m a org:Membership ; org:member ?person ; opengov:post ?post .
  ?post org:role ?role . ?role rdfs:label ?title .
  OPTIONAL {
    ?post org:postIn ?organ . ?organ schema:areaServed ?place . ?place rdfs:label ?placeLabel .
    OPTIONAL { ?place schema:identifier ?code }
  }
}"""

Q_CHANGES_BY_GRAPH = _PREFIXES + """
SELECT ?m ?change ?ctx WHERE {
  GRAPH ?g {
    ?m a org:Membership ; kgo:change ?change .
    ?ctx a nif:Context .
  }
}"""

Q_CHANGES = _PREFIXES + """
SELECT ?m ?change ?from ?through WHERE {
  ?m a org:Membership ; kgo:change ?change .
  OPTIONAL { ?m schema:validFrom ?from }
  OPTIONAL { ?m schema:validThrough ?through }
}"""

Q_MEETINGS = _PREFIXES + """
SELECT ?m ?name ?date ?organizer WHERE {
  ?m a sem:Event ; schema:name ?name .
  OPTIONAL { ?m schema:startDate ?date }
  OPTIONAL { ?m schema:organizer ?o . ?o rdfs:label ?organizer }
}"""

Q_PARTICIPATIONS = _PREFIXES + """
SELECT ?r ?m ?person ?role WHERE {
  ?m sem:hasActor ?r . ?r rdf:value ?person ; sem:roleType ?rt .
  BIND (STRAFTER(STR(?rt), "#") AS ?role)
}"""

Q_DOCUMENTS = _PREFIXES + """
SELECT ?item ?title ?action ?m ?issuer WHERE {
  ?item a kgo:AgendaItem ; schema:about ?doc ; kgo:action ?a .
  ?doc schema:name ?title .
  OPTIONAL { ?item schema:superEvent ?m }
  OPTIONAL { ?doc schema:legislationPassedBy ?o . ?o rdfs:label ?issuer }
  BIND (STRAFTER(STR(?a), "#") AS ?action)
}"""

Q_CIRCLES = _PREFIXES + """
SELECT ?cm ?cname ?plabel ?core WHERE {
  ?cm a kgo:CircleMembership ; kgo:circle ?circle ; kgo:memberPlace ?place .
  OPTIONAL { ?cm kgo:isCore ?core }
  ?circle schema:name ?cname .
  ?place rdfs:label ?plabel .
}"""

Q_MENTIONED_PERSONS = _PREFIXES + """
SELECT ?art ?x WHERE { ?art schema:mentions ?x . ?x a schema:Person }"""

Q_AUTHORS = _PREFIXES + """
SELECT ?art ?x WHERE { ?art schema:author ?x . ?x a schema:Person }"""

Q_MENTIONED_PLACES = _PREFIXES + """
SELECT ?art ?x ?label ?code WHERE {
  ?art schema:mentions ?x . ?x a schema:Place ; rdfs:label ?label .
  OPTIONAL { ?x schema:identifier ?code }
}"""

Q_PLACE_ALIASES = _PREFIXES + """
SELECT ?x ?alt WHERE { ?x a schema:Place ; skos:altLabel ?alt . FILTER (LANG(?alt) = "zh") }"""

Q_CIRCLE_NODES = _PREFIXES + """
SELECT ?x WHERE { ?x a kgo:MetropolitanCircle }"""


def _v(term: Any) -> Optional[str]:
    """Lexical value of a pyoxigraph term (None when unbound)."""
    return None if term is None else term.value


def _select(store, sparql: str) -> Iterable[Any]:
    return store.query(sparql)  # the default graph is the union (see open_store)


def _date(term: Any) -> Optional[date]:
    if term is None:
        return None
    try:
        return date.fromisoformat(term.value[:10])
    except ValueError:
        return None


def _int(term: Any) -> int:
    return int(term.value)


def _hash_of(iri: str) -> str:
    """The opaque local name of a govkg IRI (``…/meeting/3fa2…`` -> ``3fa2…``)."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


# --------------------------------------------------------------------------- reading


@dataclass
class GraphFacts:
    """A graph read back into the view model."""

    facts: list[ArticleFacts]
    identities: dict[tuple[str, str], PersonIdentity]
    #: meeting key (the hash of its IRI) -> meeting IRI
    meetings: dict[str, str] = field(default_factory=dict)
    triples: int = 0


@dataclass
class _Art:
    iri: str
    id: str
    title: str = ""
    published: Optional[date] = None
    source: Optional[str] = None
    url: Optional[str] = None
    home: Optional[str] = None
    text: str = ""
    sentences: list[tuple[int, int, str, str]] = field(default_factory=list)  # (b, e, iri, text)
    sent_index: dict[str, int] = field(default_factory=dict)
    persons: dict[str, PersonMention] = field(default_factory=dict)
    reporters: dict[str, PersonMention] = field(default_factory=dict)
    regions: dict[str, RegionMention] = field(default_factory=dict)
    holdings: list[Holding] = field(default_factory=list)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    participations: list[Participation] = field(default_factory=list)
    documents: list[DocumentAction] = field(default_factory=list)
    circles: dict[tuple, dict[str, Any]] = field(default_factory=dict)

    def sentence_at(self, start: int) -> int:
        for i, (b, e, _iri, _t) in enumerate(self.sentences):
            if b <= start < e or b == start == e:
                return i
        return -1

    def find(self, *needles: Optional[str]) -> Evidence:
        """Evidence for a mention the graph keeps no offsets for: the first sentence naming it."""
        for needle in needles:
            if not needle:
                continue
            for i, (b, _e, _iri, t) in enumerate(self.sentences):
                j = t.find(needle)
                if j >= 0:
                    return Evidence(i, b + j, b + j + len(needle), "graph")
        return Evidence(-1, 0, 0, "graph")


def facts_from_store(store) -> GraphFacts:
    """Read a govkg graph (a ``pyoxigraph.Store``) back into ArticleFacts and person identities."""
    arts: dict[str, _Art] = {}
    by_ctx: dict[str, _Art] = {}
    for r in _select(store, Q_ARTICLES):
        iri = r["art"].value
        a = arts.get(iri)
        if a is None:
            a = arts[iri] = _Art(iri, r["id"].value)
        a.title = a.title or (_v(r["title"]) or "")
        a.published = a.published or _date(r["date"])
        a.source = a.source or _v(r["source"])
        a.url = a.url or _v(r["url"])
        a.home = a.home or _v(r["home"])
        if r["ctx"] is not None:
            by_ctx[r["ctx"].value] = a
            a.text = a.text or (_v(r["text"]) or "")

    for r in _select(store, Q_SENTENCES):
        a = by_ctx.get(r["ctx"].value)
        if a is None:
            continue
        b, e = _int(r["b"]), _int(r["e"])
        text = _v(r["rep"]) or _v(r["anchor"]) or a.text[b:e]
        a.sentences.append((b, e, r["s"].value, text))
    for a in arts.values():
        a.sentences.sort()
        a.sent_index = {iri: i for i, (_b, _e, iri, _t) in enumerate(a.sentences)}

    # Evidence of every fact, grouped by article: fact IRI -> [(article, Evidence)].
    evidence: dict[str, list[tuple[_Art, Evidence]]] = defaultdict(list)
    for r in _select(store, Q_EVIDENCE):
        a = by_ctx.get(r["ctx"].value)
        if a is None:
            continue
        b, e = _int(r["b"]), _int(r["e"])
        sent = r["sent"].value if r["sent"] is not None else None
        idx = a.sent_index.get(sent, -1) if sent else -1
        if idx < 0:
            idx = a.sentence_at(b)
        evidence[r["f"].value].append((a, Evidence(idx, b, e, _v(r["method"]) or "rules")))
    for lst in evidence.values():
        lst.sort(key=lambda x: (x[0].id, x[1].sentence, x[1].start, x[1].end, x[1].method))

    persons: dict[str, tuple[str, str, str]] = {}  # iri -> (name, key, context)
    for r in _select(store, Q_PERSONS):
        iri = r["p"].value
        name = _v(r["name"]) or ""
        if iri in persons and (not name or persons[iri][0] <= name):
            continue
        persons[iri] = (name, _v(r["key"]) or _hash_of(iri), _v(r["context"]) or "")

    def person_name(iri: str) -> str:
        return persons.get(iri, ("", "", ""))[0] or _hash_of(iri)

    identities: dict[tuple[str, str], PersonIdentity] = {}
    merged: dict[str, set[str]] = defaultdict(set)

    def use_person(a: _Art, iri: str) -> str:
        name = person_name(iri)
        merged[iri].add(a.id)
        return name

    # Mentions (persons, reporters, places): no offsets in the graph, so the first sentence naming them.
    place_alts: dict[str, set[str]] = defaultdict(set)
    for r in _select(store, Q_PLACE_ALIASES):
        place_alts[r["x"].value].add(r["alt"].value)
    circle_nodes = {r["x"].value for r in _select(store, Q_CIRCLE_NODES)}
    mention_rows = [(r["art"].value, r["x"].value, "person", "", None) for r in _select(store, Q_MENTIONED_PERSONS)]
    mention_rows += [(r["art"].value, r["x"].value, "reporter", "", None) for r in _select(store, Q_AUTHORS)]
    mention_rows += [(r["art"].value, r["x"].value, "place", r["label"].value, _v(r["code"]))
                     for r in _select(store, Q_MENTIONED_PLACES) if r["x"].value not in circle_nodes]
    for art_iri, x, kind, label, code in sorted(mention_rows, key=lambda t: (t[0], t[2], t[3], t[1])):
        a = arts.get(art_iri)
        if a is None:
            continue
        if kind == "person":
            name = use_person(a, x)
            a.persons.setdefault(name, PersonMention(name, a.find(name)))
        elif kind == "reporter":
            name = use_person(a, x)
            a.reporters.setdefault(name, PersonMention(name, a.find(name)))
        elif label not in a.regions:
            alts = sorted(place_alts.get(x, ()), key=lambda s: (-len(s), s))
            gb = code if code and code.isdigit() and len(code) == 6 and code != COUNTRY_CODE else None
            a.regions[label] = RegionMention(label, gb, a.find(label, *alts))

    # Memberships -> holdings (one per evidence).
    changes: dict[tuple[str, str], str] = {}  # (membership, article id) -> change
    has_graphs = any(True for _ in store.named_graphs())
    if has_graphs:
        for r in store.query(Q_CHANGES_BY_GRAPH):
            a = by_ctx.get(r["ctx"].value)
            if a is not None:
                changes[(r["m"].value, a.id)] = r["change"].value
    else:  # one merged graph: the change belongs to the article dated on its valid-time bound
        for r in _select(store, Q_CHANGES):
            bound = _date(r["from"]) or _date(r["through"])
            for a, _ev in evidence.get(r["m"].value, ()):
                if bound is None or a.published == bound:
                    changes[(r["m"].value, a.id)] = r["change"].value
    seen_holdings: set[tuple[str, str]] = set()
    for r in _select(store, Q_HOLDINGS):
        m = r["m"].value
        code = _v(r["code"])
        region = NATIONAL if code == COUNTRY_CODE else _v(r["placeLabel"])
        key = (m, f"{region}|{r['title'].value}")
        if key in seen_holdings:  # a post's organisation serving two places: keep one
            continue
        seen_holdings.add(key)
        for a, ev in evidence.get(m, ()):
            name = use_person(a, r["person"].value)
            a.holdings.append(Holding(name, region, r["title"].value, ev, changes.get((m, a.id))))

    # Meetings: one per article that gives evidence for the meeting or any of its facts.
    meeting_info: dict[str, tuple[str, Optional[date], Optional[str]]] = {}
    for r in _select(store, Q_MEETINGS):
        m = r["m"].value
        cur = meeting_info.get(m)
        name = r["name"].value
        org = _v(r["organizer"])
        if cur is None or (name, org or "") < (cur[0], cur[2] or ""):
            meeting_info[m] = (name, _date(r["date"]), org)
    meeting_keys: dict[str, str] = {}

    def meeting_in(a: _Art, m: str, fallback: Evidence) -> Optional[str]:
        info = meeting_info.get(m)
        if info is None:
            return None
        key = _hash_of(m)
        meeting_keys[key] = m
        if key not in a.meetings:
            own = [ev for art, ev in evidence.get(m, ()) if art is a]
            a.meetings[key] = Meeting(key, info[0], info[1], own[0] if own else fallback, organizer=info[2])
        return key

    for m in sorted(meeting_info):
        for a, ev in evidence.get(m, ()):
            meeting_in(a, m, ev)
    for r in _select(store, Q_PARTICIPATIONS):
        role_node, m, person, role = r["r"].value, r["m"].value, r["person"].value, r["role"].value
        for a, ev in evidence.get(role_node, ()):
            key = meeting_in(a, m, ev)
            if key is not None:
                a.participations.append(Participation(use_person(a, person), role, key, ev))
    for r in _select(store, Q_DOCUMENTS):
        item, m = r["item"].value, _v(r["m"])
        issuer = _v(r["issuer"])
        for a, ev in evidence.get(item, ()):
            key = meeting_in(a, m, ev) if m else None
            a.documents.append(DocumentAction(r["title"].value, r["action"].value, key, issuer, ev))

    # Circle memberships -> one MetropolitanCircle per (article, circle, evidence).
    for r in _select(store, Q_CIRCLES):
        core = r["core"] is not None and r["core"].value.lower() in ("true", "1")
        for a, ev in evidence.get(r["cm"].value, ()):
            c = a.circles.setdefault((r["cname"].value, ev), {"core": None, "members": set()})
            if core:
                c["core"] = r["plabel"].value
            else:
                c["members"].add(r["plabel"].value)

    facts: list[ArticleFacts] = []
    for a in sorted(arts.values(), key=lambda a: a.id):
        sentences = tuple(Sentence(a.id, i, b, e, t) for i, (b, e, _iri, t) in enumerate(a.sentences))
        article = Article(id=a.id, title=a.title, text=a.text, clean=a.text, clean_to_text=(),
                          published=a.published, source=a.source, url=a.url, home_region=a.home)
        circles = tuple(
            MetropolitanCircle(name, c["core"], tuple(sorted(c["members"] - {c["core"]})), ev)
            for (name, ev), c in sorted(a.circles.items(), key=lambda kv: (kv[0][0], kv[0][1].start))
        )
        facts.append(ArticleFacts(
            article=article,
            sentences=sentences,
            persons=tuple(a.persons.values()),
            regions=tuple(sorted(a.regions.values(), key=lambda r: (r.evidence.start, r.evidence.end, r.name))),
            holdings=tuple(sorted(a.holdings, key=lambda h: (h.evidence.start, h.evidence.end, h.person, h.title))),
            meetings=tuple(sorted(a.meetings.values(), key=lambda m: (m.evidence.start, m.key))),
            participations=tuple(sorted(a.participations, key=lambda p: (p.evidence.start, p.person, p.role))),
            documents=tuple(sorted(a.documents, key=lambda d: (d.evidence.start, d.title, d.action))),
            reporters=tuple(a.reporters.values()),
            circles=circles,
        ))

    for iri, aids in merged.items():
        name, key, context = persons.get(iri, (_hash_of(iri), _hash_of(iri), ""))
        ident = PersonIdentity(key, name or _hash_of(iri), context, tuple(sorted(aids)))
        for aid in aids:
            identities[(aid, ident.name)] = ident
    return GraphFacts(facts, identities, meeting_keys, len(store))


def load_graph_facts(path: Any) -> GraphFacts:
    """:func:`facts_from_store` of :func:`open_store` ``(path)``."""
    return facts_from_store(open_store(path))


# --------------------------------------------------------------------------- rendering


def render_view(
    source: Any,
    kind: str,
    out: PathLike,
    *,
    name: Optional[str] = None,
    max_nodes: int = 1500,
    title: Optional[str] = None,
):
    """Write one view of a graph (path, store or :class:`GraphFacts`) to ``out``.

    ``kind`` is ``governance``, ``coattendance`` or a focused view: ``person`` / ``region`` /
    ``meeting`` with ``name`` (a person's name or identity key; a region's name, short name or
    GB/T 2260 code; a meeting's IRI, IRI hash or name). Returns :class:`kg.view.ViewStats`.
    """
    from . import view

    if kind not in VIEW_KINDS:
        raise ValueError(f"E705 unknown view kind {kind!r}; use one of {', '.join(VIEW_KINDS)}")
    if kind in FOCUS_KINDS and not name:
        raise ValueError(f"E706 a {kind} view needs a name (or id) to focus on")
    gf = source if isinstance(source, GraphFacts) else load_graph_facts(source)
    kwargs: dict[str, Any] = {"max_nodes": max_nodes}
    if title is not None:
        kwargs["title"] = title
    out = Path(out)
    if kind == "governance":
        return view.governance_view(gf.facts, gf.identities, out, **kwargs)
    if kind == "coattendance":
        return view.coattendance_view(gf.facts, gf.identities, out, **kwargs)
    return view.focus_view(gf.facts, gf.identities, out, kind, str(name), **kwargs)
