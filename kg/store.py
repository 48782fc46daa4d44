"""A persistent, incrementally updated govkg store on Oxigraph, and exports of any govkg graph.

The store is an on-disk Oxigraph (RocksDB) directory holding exactly the quads that ``kg build``
writes to ``graph.trig``: one named graph per article, the build graph
``https://w3id.org/govkg/graph/build`` and the derived co-attendance graph
``https://w3id.org/govkg/graph/coattendance``. The default graph holds the union of the named
graphs as a set (each triple once), so queries without ``GRAPH`` see what rdflib's
``default_union`` dataset shows for the in-memory build (Oxigraph's ``use_default_graph_as_union``
is a bag: a triple in three article graphs would match three times).

* :func:`ingest` writes a batch of articles. An article already in the store has its named graph
  dropped and rewritten (re-ingesting is idempotent); its build record is replaced; build
  activities and agents no longer referenced are removed; then co-attendance is recomputed.
* :func:`ingest_chunks` does the same for a stream of article chunks (one chunk in memory at a
  time, co-attendance once at the end with :func:`rederive_from_attendance`): the streaming
  ``kg build PATHS --store DIR`` of :mod:`kg.stream`.
* :func:`remove` drops articles (their named graphs and build records) and recomputes
  co-attendance, so the store equals one built without them.
* co-attendance is kept current: after each batch the pairs of persons whose shared meetings
  changed are recomputed with the SPARQL CONSTRUCT of :data:`kg.derive.COATTENDANCE_CONSTRUCT`
  restricted to them; :func:`rederive` recomputes the whole graph.
* :func:`bulk_import` fills an empty store from a ``.trig``/``.nq`` file with the bulk loader;
  :func:`compact` compacts the database (done after large batches); :func:`repair` rebuilds the
  default-graph union after an interrupted batch.
* :func:`query_store` runs SPARQL (saved queries and ``--param`` bindings as :mod:`kg.query`).
* :func:`export` writes a store, a dataset or a graph file as ``ttl``, ``trig``, ``nq``,
  ``jsonld`` (compacted with the shipped context ``kg/data/context.jsonld``), ``gexf`` or
  ``graphml`` (a networkx graph of persons, posts, organisations, places, meetings, documents
  and weighted co-attendance ties) or ``csv`` (a directory of fact tables).

Person identity: :func:`kg.link.link_persons` links the persons *of one batch*. Identity keys are
deterministic (SHA-1 of name + the smallest province code among the posts the cluster holds, see
:mod:`kg.link`), so a local official seen with posts in the same province gets the same IRI in
every batch. But a batch cannot see the others: a name seen without any post gets the name-only
key instead of joining an earlier batch's cluster, an official whose posts span other provinces in
another batch (a transfer, a national post) can get a second IRI, and batches never merge or split
each other's clusters. Rebuild from all inputs (or pass identities linked over all articles) when
identities must be global.

Oxigraph stores literals by value: derived integer types become ``xsd:integer``, numbers and
times get their canonical lexical form (``"121.0"^^xsd:decimal`` -> ``"121"``, ``+00:00`` ->
``Z``) and language tags are lowercased. Reads from a store restore the one derived type govkg
writes (``nif:beginIndex`` / ``nif:endIndex`` are ``xsd:nonNegativeInteger``) and the usual tag
case (``zh-Latn-pinyin``), so exports equal the in-memory build and validate against the shapes.

Example::

    >>> st = open_store("kgstore")                                       # doctest: +SKIP
    >>> ingest(st, facts, link_persons(facts)).articles                 # doctest: +SKIP
    3
    >>> remove(st, ["000_e09f6986fa33b3c1#2"]).removed                  # doctest: +SKIP
    ['000_e09f6986fa33b3c1#2']
    >>> export(st, "jsonld", "graph.jsonld")                             # doctest: +SKIP
"""
from __future__ import annotations

import csv
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from . import rdf
from .errors import KgError
from .model import ArticleFacts
from .ns import GRAPH, NIF, XSD

__all__ = [
    "EXPORT_FORMATS", "IngestReport", "RemoveReport", "StoreError", "is_store", "open_store", "ingest",
    "remove", "rederive", "repair", "compact", "bulk_import", "ingest_chunks", "rederive_from_attendance", "count", "articles", "query_store", "store_to_dataset", "load_source",
    "export", "serialize_jsonld", "to_networkx", "fact_tables", "write_csv_tables", "load_context",
]

#: Formats :func:`export` writes; ``csv`` writes a directory of tables.
EXPORT_FORMATS = ("ttl", "trig", "nq", "jsonld", "gexf", "graphml", "csv")
#: Articles built and loaded per step of :func:`ingest` (bounds the memory of a large batch).
CHUNK_ARTICLES = 500
CONTEXT_FILE = Path(__file__).resolve().parent / "data" / "context.jsonld"

#: Datatypes Oxigraph folds into ``xsd:integer``, restored by predicate when reading a store.
RESTORED_DATATYPES = {str(NIF.beginIndex): XSD.nonNegativeInteger, str(NIF.endIndex): XSD.nonNegativeInteger}

_BUILD = str(rdf.BUILD_GRAPH)
_COATT = str(rdf.COATTENDANCE_GRAPH)
_PROV = "http://www.w3.org/ns/prov#"

Source = Any  # a pyoxigraph.Store, an rdflib Dataset or Graph


class StoreError(KgError):
    """A store could not be opened, read or written (``Error: E9xx …`` in the CLI)."""


# ---------------------------------------------------------------------------------------------
# Opening
# ---------------------------------------------------------------------------------------------

def is_store(path: Union[str, os.PathLike]) -> bool:
    """True when ``path`` is an Oxigraph (RocksDB) store directory."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file() and any(p.glob("OPTIONS-*"))


def open_store(path: Union[str, os.PathLike], *, read_only: bool = False, create: bool = True):
    """Open (or create) the on-disk store at ``path``; returns a ``pyoxigraph.Store``.

    A new store is created only in a missing or empty directory (never inside a build directory
    or any other non-empty folder). Only one process may open a store for writing; any number
    may open it ``read_only`` (they see the state at opening time).
    """
    import pyoxigraph as ox

    p = Path(path)
    if p.exists() and not p.is_dir():
        raise StoreError("E901", f"{p} is a file, not a store directory")
    exists = is_store(p)
    if not exists:
        if read_only or not create:
            raise StoreError("E902", f"{p} is not a govkg store (build one with: kg build PATHS --store {p})")
        if p.exists() and any(p.iterdir()):
            raise StoreError("E902", f"{p} is a non-empty directory that is not an Oxigraph store; "
                                     "give a new or empty directory")
    try:
        return ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
    except OSError as e:
        msg = str(e)
        if "lock" in msg.lower():
            raise StoreError("E903", f"{p} is already open for writing (one writer at a time; {msg})") from e
        raise StoreError("E904", f"cannot open the store {p}: {msg}") from e


def _ox():
    import pyoxigraph as ox

    return ox


def _is_ox_store(obj: Any) -> bool:
    return type(obj).__module__.startswith("pyoxigraph") and type(obj).__name__ == "Store"


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

@dataclass
class IngestReport:
    """What :func:`ingest` did."""

    added: list[str] = field(default_factory=list)  # article ids new to the store
    replaced: list[str] = field(default_factory=list)  # article ids whose graph was rewritten
    triples_before: int = 0
    triples_after: int = 0
    ties: int = 0  # co-attendance ties after the batch
    seconds: float = 0.0

    @property
    def articles(self) -> int:
        return len(self.added) + len(self.replaced)


@dataclass
class RemoveReport:
    """What :func:`remove` did."""

    removed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # ids (or graph IRIs) that were not in the store
    triples_removed: int = 0
    ties: int = 0
    seconds: float = 0.0


def _iri(text: str) -> str:
    """``<iri>`` for SPARQL text (IRIREF: no spaces, controls or ``<>"{}|^`\\``)."""
    if re.search(r'[\x00-\x20<>"{}|^`\\]', text):
        raise StoreError("E905", f"unsafe IRI {text!r}")
    return f"<{text}>"


def _values(graphs: Iterable[str]) -> str:
    return " ".join(_iri(g) for g in graphs)


def _drop_articles(store, graphs: Sequence[str]) -> None:
    """Drop article graphs, their build records and the default-graph copies of triples no other
    named graph holds, in one SPARQL update (atomic)."""
    if not graphs:
        return
    vals = _values(graphs)
    store.update(
        # build records: `<graph> a prov:Entity ; prov:wasGeneratedBy …` (only ever in the build graph)
        f"DELETE {{ GRAPH <{_BUILD}> {{ ?g ?p ?o }} ?g ?p ?o }} "
        f"WHERE {{ VALUES ?g {{ {vals} }} GRAPH <{_BUILD}> {{ ?g ?p ?o }} }} ;\n"
        f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {vals} }} GRAPH ?g {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER (?h NOT IN ({', '.join(_iri(g) for g in graphs)})) }} }} ;\n"
        + " ;\n".join(f"DROP SILENT GRAPH {_iri(g)}" for g in graphs)
    )


def _copy_to_default(store, graphs: Sequence[str]) -> None:
    """Mirror the triples of ``graphs`` into the default graph (the union view)."""
    if graphs:
        store.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {_values(graphs)} }} GRAPH ?g {{ ?s ?p ?o }} }}")


def _delete_quads(store, quads: Iterable[Any]) -> None:
    """Remove named-graph quads, and their default-graph copy when no named graph keeps the triple."""
    ox = _ox()
    default = ox.DefaultGraph()
    triples = set()
    for q in quads:
        store.remove(q)
        triples.add((q.subject, q.predicate, q.object))
    for s, p, o in triples:
        if not any(not isinstance(q.graph_name, ox.DefaultGraph) for q in store.quads_for_pattern(s, p, o, None)):
            store.remove(ox.Quad(s, p, o, default))


def _collect_build_graph(store) -> None:
    """Remove build activities and agents no article graph refers to; drop the graph when empty."""
    ox = _ox()
    build = ox.NamedNode(_BUILD)
    if not store.contains_named_graph(build):
        return
    prov = ox.NamedNode
    rdf_type = ox.NamedNode(str(rdf.RDF.type))
    generated_by, associated = prov(_PROV + "wasGeneratedBy"), prov(_PROV + "wasAssociatedWith")
    used_acts = {q.object for q in store.quads_for_pattern(None, generated_by, None, build)}
    dead = [q.subject for q in store.quads_for_pattern(None, rdf_type, prov(_PROV + "Activity"), build)
            if q.subject not in used_acts]
    _delete_quads(store, [q for a in dead for q in store.quads_for_pattern(a, None, None, build)])
    used_agents = {q.object for q in store.quads_for_pattern(None, associated, None, build)}
    dead = [q.subject for q in store.quads_for_pattern(None, rdf_type, prov(_PROV + "SoftwareAgent"), build)
            if q.subject not in used_agents]
    _delete_quads(store, [q for a in dead for q in store.quads_for_pattern(a, None, None, build)])
    if next(store.quads_for_pattern(None, None, None, build), None) is None:
        store.remove_graph(build)


# -- co-attendance -------------------------------------------------------------------------------

_KGO = "https://w3id.org/govkg/ontology#"
_SCHEMA = "https://schema.org/"
#: The pattern of the CONSTRUCT's inner SELECT that a VALUES block restricts to given pairs.
_PAIR_ANCHOR = "?m0 schema:attendee ?a , ?b ."


def _match_brace(text: str, i: int) -> int:
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    raise ValueError("unbalanced braces")


@lru_cache(maxsize=1)
def _coattendance_update_parts() -> tuple[str, str, str]:
    """(prologue, template, where) of :data:`kg.derive.COATTENDANCE_CONSTRUCT`."""
    from .derive import COATTENDANCE_CONSTRUCT as q

    i = q.index("CONSTRUCT")
    j = q.index("{", i)
    k = _match_brace(q, j)
    w = q.index("WHERE", k)
    where = q[q.index("{", w):_match_brace(q, q.index("{", w)) + 1]
    return q[:i], q[j + 1:k], where


def _coattendance_insert(pairs: Optional[Sequence[tuple[str, str]]] = None) -> str:
    """``INSERT { GRAPH <coattendance> { T } T } WHERE { W }``: the CONSTRUCT of kg.derive written
    into the co-attendance graph and the default graph; restricted to ``pairs`` when given.
    The CONSTRUCT's PREFIX lines (:func:`_prologue`) must open the whole update request."""
    prologue, template, where = _coattendance_update_parts()
    if pairs is not None:
        if where.count(_PAIR_ANCHOR) != 1:
            raise ValueError("the co-attendance CONSTRUCT changed shape; cannot restrict it to pairs")
        rows = " ".join(f"({_iri(a)} {_iri(b)})" for a, b in pairs)
        where = where.replace(_PAIR_ANCHOR, f"VALUES (?a ?b) {{ {rows} }}\n            {_PAIR_ANCHOR}")
    return f"INSERT {{ GRAPH <{_COATT}> {{ {template} }} {template} }}\nWHERE {where}"


def _prologue() -> str:
    return _coattendance_update_parts()[0]


def _ties(store) -> int:
    q = (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{_COATT}> {{ ?t a <{_KGO}CoAttendanceTie> }} }}")
    return int(next(iter(store.query(q)))["n"].value)


def rederive(store) -> int:
    """Recompute the whole co-attendance graph; returns the number of ties.

    One SPARQL update (atomic): delete the old co-attendance triples (from their graph and from the
    default graph), then INSERT what :data:`kg.derive.COATTENDANCE_CONSTRUCT` derives from the
    default graph (the union of the article graphs).
    """
    store.update(_prologue() + f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{_COATT}> {{ ?s ?p ?o }} }} ;\n"
                 f"DROP SILENT GRAPH <{_COATT}> ;\n" + _coattendance_insert())
    return _ties(store)


def _meetings_in(store, graphs: Sequence[str]) -> list[str]:
    """Meetings with an attendee or a date in ``graphs``."""
    if not graphs:
        return []
    q = (f"SELECT DISTINCT ?m WHERE {{ VALUES ?g {{ {_values(graphs)} }} "
         f"GRAPH ?g {{ ?m <{_SCHEMA}attendee>|<{_SCHEMA}startDate> ?x }} }}")
    return [sol["m"].value for sol in store.query(q)]


def _pairs_of(store, meetings: Sequence[str]) -> set[tuple[str, str]]:
    """Unordered attendee pairs (a < b) of ``meetings`` in the default graph."""
    if not meetings:
        return set()
    q = (f"SELECT DISTINCT ?a ?b WHERE {{ VALUES ?m {{ {_values(meetings)} }} "
         f"?m <{_SCHEMA}attendee> ?a , ?b . FILTER (STR(?a) < STR(?b)) }}")
    return {(sol["a"].value, sol["b"].value) for sol in store.query(q)}


def _rederive_pairs(store, pairs: set[tuple[str, str]]) -> None:
    """Recompute the co-attendance of ``pairs`` only (their ties and per-meeting pair nodes)."""
    if not pairs:
        return
    rows = " ".join(f"({_iri(a)} {_iri(b)})" for a, b in sorted(pairs))
    kgo = _KGO
    store.update(
        _prologue() +
        f"DELETE {{ GRAPH <{_COATT}> {{ ?x ?p ?o }} ?x ?p ?o }} WHERE {{ VALUES (?a ?b) {{ {rows} }} "
        f"GRAPH <{_COATT}> {{ ?x <{kgo}coAttendee> ?a , ?b . ?x ?p ?o }} }} ;\n"
        f"DELETE {{ GRAPH <{_COATT}> {{ ?a <{kgo}coAttendedWith> ?b . ?b <{kgo}coAttendedWith> ?a }} "
        f"?a <{kgo}coAttendedWith> ?b . ?b <{kgo}coAttendedWith> ?a }} WHERE {{ VALUES (?a ?b) {{ {rows} }} }} ;\n"
        + _coattendance_insert(sorted(pairs))
    )


class _CoattendanceDelta:
    """Incremental co-attendance around a change of article graphs.

    Only pairs of persons who attend a meeting touched by the change (before or after it) can see
    their tie or pair nodes change; those are deleted and recomputed with the same CONSTRUCT
    restricted by ``VALUES (?a ?b)``. A store without co-attendance yet gets a full derivation.
    """

    def __init__(self, store, old_graphs: Sequence[str], enabled: bool = True) -> None:
        self.store = store
        self.enabled = enabled
        self.full = enabled and not store.contains_named_graph(_ox().NamedNode(_COATT))
        self.meetings: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()
        if enabled and not self.full:
            self.meetings.update(_meetings_in(store, old_graphs))
            self.pairs |= _pairs_of(store, sorted(self.meetings))

    def changed(self, new_graphs: Sequence[str]) -> None:
        if self.enabled and not self.full:
            self.meetings.update(_meetings_in(self.store, new_graphs))

    def apply(self) -> int:
        ox = _ox()
        if not self.enabled:  # stale co-attendance is worse than none: the next derivation is a full one
            _drop_coattendance(self.store)
            return 0
        if self.full:
            n = rederive(self.store)
        else:
            self.pairs |= _pairs_of(self.store, sorted(self.meetings))
            try:
                _rederive_pairs(self.store, self.pairs)
                n = _ties(self.store)
            except ValueError:  # kg.derive's CONSTRUCT no longer has the shape we restrict: do it all
                n = rederive(self.store)
        coatt = ox.NamedNode(_COATT)
        if _empty_graph(self.store, coatt):
            self.store.remove_graph(coatt)
        return n


def _empty_graph(store, graph) -> bool:
    return store.contains_named_graph(graph) and next(store.quads_for_pattern(None, None, None, graph), None) is None


def _drop_coattendance(store) -> None:
    store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{_COATT}> {{ ?s ?p ?o }} }} ;\n"
                 f"DROP SILENT GRAPH <{_COATT}>")


def ingest(
    store,
    facts: Sequence[ArticleFacts],
    identities: Mapping,
    *,
    model_id: str = "rules",
    rules_version: str = rdf.RULES_VERSION,
    generated_at: Optional[datetime] = None,
    derive: bool = True,
    chunk: int = CHUNK_ARTICLES,
    optimize: Optional[bool] = None,
) -> IngestReport:
    """Add (or replace) articles in the store and bring co-attendance up to date.

    ``facts`` and ``identities`` are what :func:`kg.pipeline.extract` and
    :func:`kg.link.link_persons` give for the batch; the named graphs written are exactly those of
    :func:`kg.rdf.build_dataset` with the same arguments. Articles are built ``chunk`` at a time;
    per chunk the replaced graphs are dropped, the new ones loaded, then mirrored into the
    default graph (three transactions). Co-attendance is then recomputed for the pairs of persons
    whose shared meetings the batch touched (the whole graph on the first batch).
    ``derive=False`` drops the co-attendance graph instead (call :func:`rederive` after the last
    batch; the next ingest or remove that derives also rebuilds it in full). ``optimize``
    compacts the database afterwards (:func:`compact`); by default only when the batch rewrote
    at least a tenth of the store.
    """
    ox = _ox()
    t0 = time.perf_counter()
    rep = IngestReport(triples_before=count(store))
    last: dict[str, int] = {}
    for i, f in enumerate(facts):  # a later copy of an id replaces the earlier one, as in build_dataset
        last[f.article.id] = i
    batch = [f for i, f in enumerate(facts) if last[f.article.id] == i]
    graphs = [str(rdf.article_graph_iri(f.article.id)) for f in batch]
    old = [g for g in graphs if store.contains_named_graph(ox.NamedNode(g))]
    old_set = set(old)
    for f, g in zip(batch, graphs):
        (rep.replaced if g in old_set else rep.added).append(f.article.id)
    delta = _CoattendanceDelta(store, old, enabled=derive)
    written = 0.0
    step = max(1, chunk)
    for start in range(0, len(batch), step):
        part, part_graphs = batch[start:start + step], graphs[start:start + step]
        ds = rdf.build_dataset(part, identities, model_id=model_id, rules_version=rules_version,
                               generated_at=generated_at)
        replaced = [g for g in part_graphs if g in old_set]
        _drop_articles(store, replaced)
        data = rdf.serialize_nquads(ds)
        written += data.count(b"\n") * 2 * (1 + len(replaced) / len(part))  # named + default, dropped too
        store.load(data, format=ox.RdfFormat.N_QUADS)
        _copy_to_default(store, part_graphs + [_BUILD])
    _collect_build_graph(store)
    delta.changed(graphs)
    rep.ties = delta.apply()
    _finish(store, optimize, int(written))
    rep.triples_after = count(store)
    rep.seconds = time.perf_counter() - t0
    return rep


#: Articles per chunk of :func:`ingest_chunks` callers (``kg build --store``'s streaming path).
STREAM_CHUNK_ARTICLES = 100
#: Above this many person pairs to recompute, :func:`ingest_chunks` re-derives co-attendance in
#: full (one CONSTRUCT) instead of restricting it with a VALUES block of every pair.
_FULL_REDERIVE_PAIRS = 50_000
#: Quads per transaction when :func:`rederive_from_attendance` writes the derived graph.
_DERIVE_BATCH_QUADS = 40_000


def _nquads_and_default(qs) -> bytes:
    """N-Quads of every quad of ``qs`` (a :class:`kg.rdf.QuadSet` or Dataset) and, in the same
    document, each triple once more in the default graph: one load writes a chunk's named graphs
    and their union copy together (what :func:`_copy_to_default` does with a second update)."""
    w = rdf._Writer({}, compact=False)
    lines: list[str] = []
    default: set[str] = set()
    for s, p, o, g in qs.quads((None, None, None, None)):
        gid = g.identifier if isinstance(g, Graph) else g
        t = f"{w.term(s)} {w.term(p)} {w.term(o)}"
        default.add(t + " .")
        if gid is not None and gid != DATASET_DEFAULT_GRAPH_ID:
            lines.append(f"{t} {w.term(gid)} .")
    lines.extend(default)
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def rederive_from_attendance(store) -> int:
    """:func:`rederive` computed beside the store: the ``schema:attendee`` triples and the start
    dates of attended meetings (all that :data:`kg.derive.COATTENDANCE_CONSTRUCT` reads) are
    copied into an in-memory Oxigraph store, the CONSTRUCT runs there and its triples are written
    to the co-attendance graph and the default graph, after the old graph is dropped. Same triples
    as :func:`rederive`; they are written in transactions of ``_DERIVE_BATCH_QUADS`` quads, so
    memory stays that of the attendance triples, the query and one batch (a SPARQL update over the
    store buffers everything it writes). On an error
    the co-attendance graph is dropped (the next ingest derives it in full); if the process is
    killed while writing, run the build again or :func:`repair`. Returns the number of ties.
    """
    ox = _ox()
    from .derive import COATTENDANCE_CONSTRUCT

    default = ox.DefaultGraph()
    attendee, start = ox.NamedNode(_SCHEMA + "attendee"), ox.NamedNode(_SCHEMA + "startDate")
    side = ox.Store()
    meetings = set()
    side.extend(ox.Quad(q.subject, q.predicate, q.object, default)
                for q in store.quads_for_pattern(None, attendee, None, default) if not meetings.add(q.subject))
    side.extend(ox.Quad(q.subject, q.predicate, q.object, default)
                for m in meetings for q in store.quads_for_pattern(m, start, None, default))
    del meetings
    _drop_coattendance(store)
    coatt = ox.NamedNode(_COATT)

    try:
        batch: list = []
        for t in side.query(COATTENDANCE_CONSTRUCT):
            batch.append(ox.Quad(t.subject, t.predicate, t.object, coatt))
            batch.append(ox.Quad(t.subject, t.predicate, t.object, default))
            if len(batch) >= _DERIVE_BATCH_QUADS:
                store.extend(batch)
                store.flush()
                batch = []
        store.extend(batch)
        store.flush()
    except BaseException:  # a partial co-attendance graph must not pass for a derived one
        _drop_coattendance(store)
        raise
    return _ties(store)


def ingest_chunks(
    store,
    chunks: Iterable[Sequence[ArticleFacts]],
    identities: Mapping,
    *,
    model_id: str = "rules",
    rules_version: str = rdf.RULES_VERSION,
    generated_at: Optional[datetime] = None,
    derive: bool = True,
    optimize: Optional[bool] = None,
    on_chunk: Optional[Any] = None,
) -> IngestReport:
    """:func:`ingest` for a stream of article chunks: only one chunk's facts and quads are in
    memory at a time (``kg build PATHS --store DIR`` reads the chunks back from the facts cache).

    The store ends up as :func:`ingest` of all the facts at once would leave it (same quads):
    per chunk the graphs of articles already in the store are dropped (one update) and the
    chunk's named graphs are loaded together with their default-graph copies (one load, one
    transaction), so an article graph is always whole or absent, even if the run stops between
    chunks. Co-attendance is brought up to date once, after the last chunk: a full derivation on
    a store without co-attendance (a first build), else the pairs of persons whose shared
    meetings the batch touched, as :func:`ingest` does (in full when they are very many).
    ``on_chunk(n_articles)`` is called after each chunk is stored (progress). A chunk must not
    repeat an article of an earlier chunk (a later copy within a chunk replaces the earlier one).
    """
    ox = _ox()
    t0 = time.perf_counter()
    rep = IngestReport(triples_before=count(store))
    delta = _CoattendanceDelta(store, [], enabled=derive)
    written = 0.0
    for part in chunks:
        last: dict[str, int] = {}
        for i, f in enumerate(part):
            last[f.article.id] = i
        batch = [f for i, f in enumerate(part) if last[f.article.id] == i]
        if not batch:
            continue
        graphs = [str(rdf.article_graph_iri(f.article.id)) for f in batch]
        old = {g for g in graphs if store.contains_named_graph(ox.NamedNode(g))}
        for f, g in zip(batch, graphs):
            (rep.replaced if g in old else rep.added).append(f.article.id)
        replaced = [g for g in graphs if g in old]
        if replaced and delta.enabled and not delta.full:
            # pairs of the meetings these graphs touch, before they go (what _CoattendanceDelta
            # collects up front for a batch held in memory)
            meetings = _meetings_in(store, replaced)
            delta.meetings.update(meetings)
            delta.pairs |= _pairs_of(store, sorted(meetings))
        data = _nquads_and_default(rdf.build_quads(batch, identities, model_id=model_id,
                                                   rules_version=rules_version, generated_at=generated_at))
        _drop_articles(store, replaced)
        store.load(data, format=ox.RdfFormat.N_QUADS)
        written += data.count(b"\n") * (1 + len(replaced) / len(batch))
        del data
        store.flush()  # memtables to disk: without it RocksDB's memory grows chunk after chunk
        delta.changed(graphs)
        if on_chunk is not None:
            on_chunk(len(batch))
    _collect_build_graph(store)
    if delta.enabled and not delta.full:
        delta.pairs |= _pairs_of(store, sorted(delta.meetings))
        if len(delta.pairs) > _FULL_REDERIVE_PAIRS:
            delta.full = True
    if delta.enabled and delta.full:
        rep.ties = rederive_from_attendance(store)
    else:
        rep.ties = delta.apply()
    _finish(store, optimize, int(written))
    rep.triples_after = count(store)
    rep.seconds = time.perf_counter() - t0
    return rep


def _graph_for(ident: str) -> str:
    if ident.startswith(f"{GRAPH}article/"):
        return ident
    return str(rdf.article_graph_iri(ident))


def remove(store, article_ids: Iterable[str], *, derive: bool = True,
           optimize: Optional[bool] = None) -> RemoveReport:
    """Remove articles (by id or by graph IRI) and bring co-attendance up to date.

    Drops each article's named graph and its build record, then the build activities and agents
    no longer referenced, so the store equals one built without these articles (given the same
    person identities).
    """
    ox = _ox()
    t0 = time.perf_counter()
    rep = RemoveReport()
    graphs = []
    before, quads_before = count(store), len(store)
    for ident in dict.fromkeys(article_ids):
        gid = _graph_for(ident)
        if store.contains_named_graph(ox.NamedNode(gid)):
            graphs.append(gid)
            rep.removed.append(ident)
        else:
            rep.missing.append(ident)
    if graphs:
        delta = _CoattendanceDelta(store, graphs, enabled=derive)
        _drop_articles(store, graphs)
        _collect_build_graph(store)
        rep.ties = delta.apply()
    else:
        rep.ties = _ties(store)
    _finish(store, optimize, quads_before - len(store))
    rep.triples_removed = before - count(store)
    rep.seconds = time.perf_counter() - t0
    return rep


def compact(store) -> None:
    """Flush and compact the database (RocksDB full compaction). After a large batch this makes
    queries about twice as fast on a store of a million triples; it costs a few seconds there."""
    store.flush()
    store.optimize()


def _finish(store, optimize: Optional[bool], touched: int) -> None:
    if optimize is None:
        optimize = touched * 10 >= len(store)
    if optimize:
        compact(store)
    else:
        store.flush()


def bulk_import(store, path: Union[str, os.PathLike], *, derive: bool = True) -> int:
    """Load a ``.trig`` or ``.nq`` file (``kg build`` output or an export) into an *empty* store
    with Oxigraph's bulk loader, mirror the union into the default graph, derive co-attendance
    when the file has none, compact; returns the triple count. Faster than :func:`ingest` for a
    first load of a large graph; not transactional (on failure, delete the directory)."""
    ox = _ox()
    p = Path(path)
    formats = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS}
    if p.suffix.lower() not in formats:
        raise StoreError("E910", f"bulk import reads .trig or .nq (named graphs), not {p.name}")
    if len(store):
        raise StoreError("E910", "bulk import needs an empty store; use ingest to add to this one")
    try:
        store.bulk_load(path=str(p), format=formats[p.suffix.lower()])
    except (SyntaxError, OSError) as e:
        raise StoreError("E906", f"cannot read {p}: {e}") from e
    default = ox.DefaultGraph()
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, default)
                      for q in store.quads_for_pattern(None, None, None, None)
                      if not isinstance(q.graph_name, ox.DefaultGraph))
    _collect_build_graph(store)
    if derive and not store.contains_named_graph(ox.NamedNode(_COATT)):
        rederive(store)
    compact(store)
    return count(store)


def repair(store) -> int:
    """Re-establish the default graph as the exact union of the named graphs (after an
    interrupted ingest or remove), then recompute co-attendance; returns the triple count."""
    store.update("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;\n"
                 "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    _collect_build_graph(store)
    rederive(store)
    store.flush()
    return count(store)


def count(store) -> int:
    """Number of distinct triples: the size of the union of the graphs (what ``kg build`` reports).

    ``len(store)`` counts quads (each triple once per graph holding it, plus its default-graph copy).
    """
    return int(next(iter(_View(store).run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)


_Q_ARTICLES = """
PREFIX schema:  <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?graph ?id ?title ?date WHERE {
  GRAPH ?graph { ?a a schema:NewsArticle ; dcterms:identifier ?id .
                 OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:date ?date } }
} ORDER BY ?id
"""


def articles(store) -> list[dict[str, Any]]:
    """The articles in the store: ``{"graph", "id", "title", "date", "quads"}``, sorted by id."""
    ox = _ox()
    out = []
    for row in _View(store).select(_Q_ARTICLES):
        n = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(row["graph"])))
        out.append({**row, "quads": n})
    return out


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------

def _bcp47_case(tag: str) -> str:
    """Conventional case of a language tag (Oxigraph lowercases them): ``zh-latn-pinyin`` ->
    ``zh-Latn-pinyin``, ``en-us`` -> ``en-US`` (tags compare case-insensitively either way)."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for i, sub in enumerate(parts[1:], 1):
        if len(parts[i - 1]) == 1:  # after a singleton (x-, u-): leave as is
            out.append(sub.lower())
        elif len(sub) == 4 and sub.isalpha():
            out.append(sub.title())
        elif len(sub) == 2 and sub.isalpha():
            out.append(sub.upper())
        else:
            out.append(sub.lower())
    return "-".join(out)


def _rdflib_term(term: Any, predicate: Optional[str] = None):
    from .query import _from_ox

    node = _from_ox(term)
    if isinstance(node, Literal) and node.language and "-" in node.language:
        return Literal(str(node), lang=_bcp47_case(node.language))
    if isinstance(node, Literal) and not node.language:
        if node.datatype == XSD.string:
            return Literal(str(node))  # rdflib tells "x" and "x"^^xsd:string apart; RDF 1.1 does not
        if predicate in RESTORED_DATATYPES and node.datatype == XSD.integer:
            return Literal(str(node), datatype=RESTORED_DATATYPES[predicate])
    return node


def _has_named_graphs(store) -> bool:
    return next(iter(store.named_graphs()), None) is not None


def store_to_dataset(store) -> Dataset:
    """An rdflib :class:`~rdflib.Dataset` (``default_union``) copy of a store's named graphs.

    The default graph is left out when the store has named graphs (it mirrors their union);
    ``nif:beginIndex``/``nif:endIndex`` get their ``xsd:nonNegativeInteger`` datatype back.
    """
    ox = _ox()
    ds = rdf.new_dataset()
    graphs: dict[Any, Graph] = {}
    skip_default = _has_named_graphs(store)
    default = ds.graph(DATASET_DEFAULT_GRAPH_ID)

    def quads():
        for q in store:
            g = q.graph_name
            if isinstance(g, ox.DefaultGraph):
                if skip_default:
                    continue
                ctx = default
            else:
                ctx = graphs.get(g)
                if ctx is None:
                    ctx = graphs[g] = ds.graph(URIRef(g.value))
            p = q.predicate.value
            yield (_rdflib_term(q.subject), URIRef(p), _rdflib_term(q.object, p), ctx)

    ds.addN(quads())
    return ds


def load_source(path: Union[str, os.PathLike]):
    """A store directory (opened read-only) or a graph file / build directory (rdflib Dataset)."""
    p = Path(path)
    if is_store(p):
        return open_store(p, read_only=True)
    try:
        return rdf.load_dataset(p)
    except (FileNotFoundError, ValueError) as e:
        raise StoreError("E906", str(e).split(" ", 1)[-1] if re.match(r"E\d{3} ", str(e)) else str(e)) from e
    except Exception as e:  # noqa: BLE001 - a graph that does not parse
        raise StoreError("E906", f"cannot read {p}: {type(e).__name__}: {e}") from e


class _View:
    """SPARQL over a store or an in-memory dataset whose default graph is the union of the graphs.

    A govkg store keeps that union in its default graph (set semantics, like rdflib's
    ``default_union``); Oxigraph's ``use_default_graph_as_union`` would give a bag (a triple held
    by three article graphs matched three times), so it is used only for a foreign store whose
    default graph is empty.
    """

    def __init__(self, source: Source) -> None:
        ox = _ox()
        if _is_ox_store(source):
            self.store = source
            self.union = (next(source.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None
                          and _has_named_graphs(source))
        elif isinstance(source, (Dataset, Graph)):
            from .query import to_oxigraph

            self.store = to_oxigraph(source)  # default graph = union of all graphs
            self.union = False
        else:
            raise TypeError(f"expected a pyoxigraph.Store, rdflib Dataset or Graph, got {type(source).__name__}")

    def run(self, sparql: str, substitutions: Optional[dict] = None):
        from .query import QueryError

        kwargs: dict[str, Any] = {}
        if substitutions:
            kwargs["substitutions"] = substitutions
        if self.union:
            kwargs["use_default_graph_as_union"] = True
        try:
            return self.store.query(sparql, **kwargs)
        except SyntaxError as e:
            raise QueryError(f"E301 SPARQL syntax error: {e}") from e
        except (OSError, RuntimeError) as e:  # evaluation errors, substitutions of unprojected variables
            raise QueryError(f"E307 query failed: {e}") from e

    def select(self, sparql: str) -> list[dict[str, Any]]:
        result = self.run(sparql)
        cols = [v.value for v in result.variables]
        value = _value
        return [{c: value(sol[c]) for c in cols} for sol in result]


_XSD = str(XSD)
_FAST_VALUES: dict[str, Any] = {
    _XSD + "string": str, _XSD + "integer": int, _XSD + "date": date.fromisoformat,
    _XSD + "boolean": lambda v: v in ("true", "1"), _XSD + "anyURI": str,
}


def _value(term: Any) -> Any:
    """A pyoxigraph term as the plain Python value :func:`kg.query.run_query` gives (fast path for
    the common types; anything else goes through rdflib's conversion)."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        if term.language:
            return term.value
        conv = _FAST_VALUES.get(term.datatype.value)
        if conv is not None:
            try:
                return conv(term.value)
            except ValueError:
                pass
    from .query import _from_ox, _py

    return _py(_from_ox(term))


_SAFE_TEXT = re.compile(r'[^"\\\x00-\x1f\x7f]*')
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def _sparql_term(term: Any) -> Optional[str]:
    """SPARQL syntax of a parameter value, or None when it is not plainly safe to write out
    (quotes, backslashes, control characters: those go through substitutions instead)."""
    if isinstance(term, URIRef):
        try:
            return _iri(str(term))
        except StoreError:
            return None
    if isinstance(term, Literal) and _SAFE_TEXT.fullmatch(str(term)):
        if term.language:
            return f'"{term}"@{term.language}' if _LANG.fullmatch(term.language) else None
        if term.datatype is None or term.datatype == XSD.string:
            return f'"{term}"'
        try:
            return f'"{term}"^^{_iri(str(term.datatype))}'
        except StoreError:
            return None
    return None


def _inline_values(sparql: str, bindings: Mapping[str, Any]) -> Optional[str]:
    """``sparql`` with ``VALUES ?var { term }`` opening its outer WHERE group, or None.

    Oxigraph 0.5 applies ``substitutions`` after evaluating the pattern (a parameterised saved
    query took 18 ms instead of 1.7 ms at a million triples); a VALUES block lets the planner
    start from the bound term. Only for plainly safe values and queries without MINUS (where
    pre-binding and joining differ); otherwise the caller substitutes.
    """
    if re.search(r"\bMINUS\b", sparql, re.I):
        return None
    offset = 0
    for line in sparql.splitlines(keepends=True):
        m = None if line.lstrip().startswith("#") else _WHERE.search(line)
        if m:
            rows = []
            for name, term in bindings.items():
                text = _sparql_term(term)
                if text is None or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                    return None
                rows.append(f"VALUES ?{name} {{ {text} }}")
            at = offset + m.end()
            return sparql[:at] + " " + " ".join(rows) + "\n" + sparql[at:]
        offset += len(line)
    return None


def query_store(source: Source, sparql: str, params: Optional[Mapping[str, Any]] = None) -> tuple[list[str], list[tuple]]:
    """Run SPARQL on a store, a dataset or a graph; the default graph is the union of the graphs.

    Same contract as :func:`kg.query.run_query`: ``(columns, rows)`` of plain Python values;
    saved-query parameters are bound as typed terms, never spliced into the text. ``source`` may
    also be a store directory path (opened read-only).
    """
    import pyoxigraph as ox

    from .query import _to_ox, bind_params

    if isinstance(source, (str, os.PathLike)):
        source = open_store(source, read_only=True)
    bindings = bind_params(sparql, params)
    inlined = _inline_values(sparql, bindings) if bindings else None
    if inlined is not None:
        result = _View(source).run(inlined)
    else:
        result = _View(source).run(sparql, {ox.Variable(k): _to_ox(v) for k, v in bindings.items()} or None)
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [(bool(result),)]
    if isinstance(result, ox.QuerySolutions):
        cols = [v.value for v in result.variables]
        value = _value
        # A solution iterates over its values in variable order (None when unbound): much
        # cheaper than looking each variable up by name on large results.
        return cols, [tuple(map(value, sol)) for sol in result]
    rows = {tuple(_value(getattr(t, x)) for x in ("subject", "predicate", "object")) for t in result}
    return ["subject", "predicate", "object"], sorted(rows, key=lambda r: tuple(map(str, r)))


# ---------------------------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def load_context() -> dict[str, Any]:
    """The shipped JSON-LD context (``kg/data/context.jsonld``): our prefixes as JSON-LD terms."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))


def _atomic_write(path: Path, data: Union[bytes, str]) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; exports are ordinary files
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _as_dataset(source: Source) -> Union[Dataset, Graph]:
    if _is_ox_store(source):
        return store_to_dataset(source)
    return source


def serialize_jsonld(source: Source) -> bytes:
    """JSON-LD (named graphs kept) compacted with the shipped context, which is embedded."""
    data = _as_dataset(source)
    ctx = load_context()["@context"]
    text = data.serialize(format="json-ld", context=ctx, indent=1, ensure_ascii=False)
    return text.encode("utf-8") if isinstance(text, str) else text


# -- networkx ----------------------------------------------------------------------------------

_PFX = """
PREFIX rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs:    <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org:     <http://www.w3.org/ns/org#>
PREFIX opengov: <http://www.w3.org/ns/opengov#>
PREFIX schema:  <https://schema.org/>
PREFIX sem:     <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX kgo:     <https://w3id.org/govkg/ontology#>
"""

_NX_NODES = {
    "person": "SELECT ?id (MIN(STR(?l)) AS ?label) WHERE { ?id a schema:Person ; schema:name ?l } GROUP BY ?id",
    "post": """SELECT ?id (MIN(STR(?l)) AS ?label) (MIN(STRAFTER(STR(?r), "#")) AS ?rank)
               WHERE { ?id a org:Post ; skos:prefLabel ?l . OPTIONAL { ?id kgo:rank ?r } } GROUP BY ?id""",
    "organization": "SELECT ?id (MIN(STR(?l)) AS ?label) WHERE { ?id a org:FormalOrganization ; skos:prefLabel ?l } GROUP BY ?id",
    "place": """SELECT ?id (MIN(STR(?l)) AS ?label) (MIN(?c) AS ?code)
                WHERE { ?id a schema:Place ; rdfs:label ?l . FILTER NOT EXISTS { ?id a kgo:MetropolitanCircle }
                        OPTIONAL { ?id schema:identifier ?c } } GROUP BY ?id""",
    "meeting": """SELECT ?id (MIN(STR(?l)) AS ?label) (MIN(?d) AS ?date)
                  WHERE { ?id a sem:Event ; schema:name ?l . OPTIONAL { ?id schema:startDate ?d } } GROUP BY ?id""",
    "document": "SELECT ?id (MIN(STR(?l)) AS ?label) WHERE { ?id a schema:Legislation ; schema:name ?l } GROUP BY ?id",
}

_NX_EDGES = {
    "holds": """SELECT ?source ?target (MIN(?s) AS ?first) (MAX(?s) AS ?last)
                WHERE { ?m a org:Membership ; org:member ?source ; opengov:post ?target .
                        OPTIONAL { ?m kgo:attestedOn ?s } } GROUP BY ?source ?target""",
    "postIn": "SELECT DISTINCT ?source ?target WHERE { ?source a org:Post ; org:postIn ?target }",
    "subOrganizationOf": "SELECT DISTINCT ?source ?target WHERE { ?source org:subOrganizationOf ?target }",
    "areaServed": "SELECT DISTINCT ?source ?target WHERE { ?source a org:FormalOrganization ; schema:areaServed ?target }",
    "containedInPlace": "SELECT DISTINCT ?source ?target WHERE { ?source a schema:Place ; schema:containedInPlace ?target }",
    "participated": """SELECT ?source ?target (GROUP_CONCAT(DISTINCT STRAFTER(STR(?t), "#"); SEPARATOR=" ") AS ?roles)
                       WHERE { ?target sem:hasActor ?r . ?r rdf:value ?source ; sem:roleType ?t }
                       GROUP BY ?source ?target""",
    "organizer": "SELECT DISTINCT ?source ?target WHERE { ?source a sem:Event ; schema:organizer ?target }",
    "agenda": """SELECT ?source ?target (GROUP_CONCAT(DISTINCT STRAFTER(STR(?a), "#"); SEPARATOR=" ") AS ?actions)
                 WHERE { ?i a kgo:AgendaItem ; schema:superEvent ?source ; schema:about ?target ; kgo:action ?a }
                 GROUP BY ?source ?target""",
    "passedBy": "SELECT DISTINCT ?source ?target WHERE { ?source a schema:Legislation ; schema:legislationPassedBy ?target }",
    "coAttendedWith": """SELECT ?source ?target (COUNT(DISTINCT ?m) AS ?weight) (MIN(?d) AS ?first) (MAX(?d) AS ?last)
                         WHERE { ?m schema:attendee ?source , ?target . FILTER (STR(?source) < STR(?target))
                                 OPTIONAL { ?m schema:startDate ?d } } GROUP BY ?source ?target""",
}

_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(value: Any) -> Any:
    """Attribute values XML 1.0 can carry: control characters and lone surrogates become U+FFFD."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return _XML_BAD.sub("\ufffd", value)
    return value


def _sorted_words(text: Optional[str]) -> str:
    return " ".join(sorted(set((text or "").split())))


def to_networkx(source: Source):
    """The governance + co-attendance graph as a ``networkx.DiGraph``.

    Nodes are IRIs with ``kind`` (person, post, organization, place, meeting, document),
    ``label`` and, where known, ``date``, ``code``, ``rank``. Edges have a ``relation``: holds
    (``first``/``last`` attestation), postIn, subOrganizationOf, areaServed, containedInPlace,
    participated (``roles``), organizer, agenda (``actions``), passedBy and coAttendedWith
    (``weight`` = shared meetings, ``first``/``last`` dates; stored once, from the smaller IRI).
    Text is made XML-safe (control characters become U+FFFD); None values are left out.
    """
    import networkx as nx

    view = _View(source)
    G = nx.DiGraph()
    for kind, q in _NX_NODES.items():
        for row in sorted(view.select(_PFX + q), key=lambda r: r["id"]):
            attrs = {k: _xml_safe(v) for k, v in row.items() if k != "id" and v not in (None, "")}
            G.add_node(row["id"], kind=kind, **attrs)
    for relation, q in _NX_EDGES.items():
        for row in sorted(view.select(_PFX + q), key=lambda r: (r["source"], r["target"])):
            u, v = row["source"], row["target"]
            if u not in G or v not in G:  # an edge to a node of a kind we do not export
                continue
            attrs = {k: _xml_safe(x) for k, x in row.items() if k not in ("source", "target") and x not in (None, "")}
            for key in ("roles", "actions"):
                if key in attrs:
                    attrs[key] = _sorted_words(attrs[key])
            if G.has_edge(u, v):  # same pair, another relation: keep both names
                G[u][v]["relation"] = G[u][v]["relation"] + " " + relation
                for k, x in attrs.items():
                    G[u][v].setdefault(k, x)
            else:
                G.add_edge(u, v, relation=relation, **attrs)
    return G


# -- CSV ---------------------------------------------------------------------------------------

_TABLES: dict[str, tuple[str, ...]] = {
    "persons": ("person", "name", "pinyin", "identity_key", "identity_context", "articles"),
    "holdings": ("membership", "person", "person_name", "post", "post_label", "title", "organization",
                 "organization_label", "region", "region_code", "changes", "valid_from", "valid_through",
                 "first_attested", "last_attested", "articles"),
    "meetings": ("meeting", "name", "date", "organizer", "organizer_label", "location", "location_label", "articles"),
    "participations": ("participation", "meeting", "meeting_name", "date", "person", "person_name", "role", "articles"),
    "documents": ("agenda_item", "document", "document_title", "action", "meeting", "meeting_name", "date",
                  "passed_by", "passed_by_label", "articles"),
    "articles": ("article", "id", "title", "date", "source", "url", "graph"),
}

_CSV_QUERIES = {
    "persons": """
SELECT ?person (MIN(STR(?n)) AS ?name) (MIN(STR(?py)) AS ?pinyin) (MIN(STR(?k)) AS ?identity_key)
       (MIN(STR(?c)) AS ?identity_context) (GROUP_CONCAT(DISTINCT STR(?art); SEPARATOR=" ") AS ?articles)
WHERE {
  ?person a schema:Person ; schema:name ?n .
  OPTIONAL { ?person skos:altLabel ?py } OPTIONAL { ?person kgo:identityKey ?k }
  OPTIONAL { ?person kgo:identityContext ?c }
  OPTIONAL { GRAPH ?g { ?person a schema:Person . ?art a schema:NewsArticle } }
} GROUP BY ?person ORDER BY ?name ?person""",
    "holdings": """
SELECT ?membership ?person (MIN(STR(?pn)) AS ?person_name) ?post (MIN(STR(?pl)) AS ?post_label)
       (MIN(STR(?tl)) AS ?title) ?organization (MIN(STR(?ol)) AS ?organization_label)
       (MIN(STR(?rl)) AS ?region) (MIN(?rc) AS ?region_code)
       (GROUP_CONCAT(DISTINCT ?ch; SEPARATOR=" ") AS ?changes) (MIN(?vf) AS ?valid_from)
       (MAX(?vt) AS ?valid_through) (MIN(?seen) AS ?first_attested) (MAX(?seen) AS ?last_attested)
       (GROUP_CONCAT(DISTINCT STR(?art); SEPARATOR=" ") AS ?articles)
WHERE {
  ?membership a org:Membership ; org:member ?person ; opengov:post ?post ; org:role ?role ;
              org:organization ?organization .
  ?person schema:name ?pn . ?post skos:prefLabel ?pl . ?role skos:prefLabel ?tl . ?organization skos:prefLabel ?ol .
  OPTIONAL { ?organization schema:areaServed ?place . ?place rdfs:label ?rl OPTIONAL { ?place schema:identifier ?rc } }
  OPTIONAL { ?membership kgo:change ?ch } OPTIONAL { ?membership schema:validFrom ?vf }
  OPTIONAL { ?membership schema:validThrough ?vt } OPTIONAL { ?membership kgo:attestedOn ?seen }
  OPTIONAL { GRAPH ?g { ?membership a org:Membership . ?art a schema:NewsArticle } }
} GROUP BY ?membership ?person ?post ?organization ORDER BY ?person_name ?post_label ?membership""",
    "meetings": """
SELECT ?meeting (MIN(STR(?n)) AS ?name) (MIN(?d) AS ?date) ?organizer (MIN(STR(?ol)) AS ?organizer_label)
       ?location (MIN(STR(?ll)) AS ?location_label) (GROUP_CONCAT(DISTINCT STR(?art); SEPARATOR=" ") AS ?articles)
WHERE {
  ?meeting a sem:Event ; schema:name ?n .
  OPTIONAL { ?meeting schema:startDate ?d }
  OPTIONAL { ?meeting schema:organizer ?organizer . ?organizer skos:prefLabel ?ol }
  OPTIONAL { ?meeting schema:location ?location . ?location rdfs:label ?ll }
  OPTIONAL { GRAPH ?g { ?meeting a sem:Event . ?art a schema:NewsArticle } }
} GROUP BY ?meeting ?organizer ?location ORDER BY ?date ?name ?meeting""",
    "participations": """
SELECT ?participation ?meeting (MIN(STR(?mn)) AS ?meeting_name) (MIN(?d) AS ?date) ?person
       (MIN(STR(?pn)) AS ?person_name) (MIN(STRAFTER(STR(?rt), "#")) AS ?role)
       (GROUP_CONCAT(DISTINCT STR(?art); SEPARATOR=" ") AS ?articles)
WHERE {
  ?meeting sem:hasActor ?participation . ?participation rdf:value ?person ; sem:roleType ?rt .
  ?meeting schema:name ?mn . ?person schema:name ?pn .
  OPTIONAL { ?meeting schema:startDate ?d }
  OPTIONAL { GRAPH ?g { ?participation a sem:Role . ?art a schema:NewsArticle } }
} GROUP BY ?participation ?meeting ?person ORDER BY ?date ?meeting_name ?person_name ?role ?participation""",
    "documents": """
SELECT ?agenda_item ?document (MIN(STR(?dn)) AS ?document_title) (MIN(STRAFTER(STR(?a), "#")) AS ?action)
       ?meeting (MIN(STR(?mn)) AS ?meeting_name) (MIN(?d) AS ?date) ?passed_by (MIN(STR(?bl)) AS ?passed_by_label)
       (GROUP_CONCAT(DISTINCT STR(?art); SEPARATOR=" ") AS ?articles)
WHERE {
  ?agenda_item a kgo:AgendaItem ; schema:about ?document ; kgo:action ?a .
  ?document schema:name ?dn .
  OPTIONAL { ?agenda_item schema:superEvent ?meeting . ?meeting schema:name ?mn OPTIONAL { ?meeting schema:startDate ?d } }
  OPTIONAL { ?document schema:legislationPassedBy ?passed_by . ?passed_by skos:prefLabel ?bl }
  OPTIONAL { GRAPH ?g { ?agenda_item a kgo:AgendaItem . ?art a schema:NewsArticle } }
} GROUP BY ?agenda_item ?document ?meeting ?passed_by ORDER BY ?date ?document_title ?agenda_item ?passed_by""",
    "articles": """
SELECT ?article (MIN(STR(?i)) AS ?id) (MIN(STR(?t)) AS ?title) (MIN(?d) AS ?date) (MIN(STR(?s)) AS ?source)
       (MIN(STR(?u)) AS ?url) (MIN(?g) AS ?graph)
WHERE {
  ?article a schema:NewsArticle ; dcterms:identifier ?i .
  OPTIONAL { ?article dcterms:title ?t } OPTIONAL { ?article dcterms:date ?d }
  OPTIONAL { ?article dcterms:source ?s } OPTIONAL { ?article schema:url ?u }
  OPTIONAL { GRAPH ?g { ?article a schema:NewsArticle } }
} GROUP BY ?article ORDER BY ?id ?article""",
}


def fact_tables(source: Source) -> dict[str, tuple[tuple[str, ...], list[dict[str, Any]]]]:
    """The main fact tables: ``{name: (columns, rows)}`` for persons, holdings, meetings,
    participations, documents and articles. IRIs identify rows and join tables; ``articles``
    cells list the supporting articles' IRIs (space-separated, sorted).
    """
    view = _View(source)
    out = {}
    for name, cols in _TABLES.items():
        rows = view.select(_PFX + _CSV_QUERIES[name])
        for r in rows:
            if "articles" in r:
                r["articles"] = _sorted_words(r["articles"])
        out[name] = (cols, rows)
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def write_csv_tables(source: Source, out_dir: Union[str, os.PathLike]) -> list[Path]:
    """Write ``<table>.csv`` files (UTF-8, RFC 4180 quoting, header row) into ``out_dir``.

    Values are written exactly (no spreadsheet-formula neutralisation), so a cell that starts with
    ``=`` stays as it is: open untrusted exports in a spreadsheet with care.
    """
    import io

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise StoreError("E907", f"CSV export writes a directory of tables; {out} is a file")
    written = []
    for name, (cols, rows) in fact_tables(source).items():
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in cols])
        path = out / f"{name}.csv"
        _atomic_write(path, buf.getvalue())
        written.append(path)
    return written


def _xml_bytes(G, fmt: str) -> bytes:
    import io

    import networkx as nx

    buf = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(G, buf, encoding="utf-8", prettyprint=True)
    else:
        nx.write_graphml(G, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buf.getvalue()


def export(source: Union[Source, str, os.PathLike], fmt: str, out: Union[str, os.PathLike]) -> list[Path]:
    """Write ``source`` (a store, an rdflib Dataset/Graph, or a path to a store directory, graph file
    or build directory) as ``fmt`` (one of :data:`EXPORT_FORMATS`) to ``out``; returns the paths.

    ``ttl`` merges every graph, ``trig``/``nq``/``jsonld`` keep the named graphs; the RDF writers
    are those of ``kg build`` (sorted, byte-stable). ``csv`` writes a directory ``out`` of tables.
    """
    if fmt not in EXPORT_FORMATS:
        raise StoreError("E908", f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if isinstance(source, (str, os.PathLike)):
        source = load_source(source)
    out = Path(out)
    if fmt == "csv":
        return write_csv_tables(source, out)
    if fmt in ("gexf", "graphml"):
        data = _xml_bytes(to_networkx(source), fmt)
    elif fmt == "jsonld":
        data = serialize_jsonld(source)
    else:
        ds = _as_dataset(source)
        if fmt == "trig" and not isinstance(ds, Dataset):
            raise StoreError("E908", "TriG needs named graphs; export a plain graph as ttl or nq")
        data = {"ttl": rdf.serialize_turtle, "trig": rdf.serialize_trig, "nq": rdf.serialize_nquads}[fmt](ds)
    if out.is_dir():
        raise StoreError("E907", f"{out} is a directory; give a file name")
    _atomic_write(out, data)
    return [out]
