"""SPARQL over a govkg dataset: ad-hoc queries, saved queries, and result formatting.

Saved queries are the ``kg/queries/*.rq`` files shipped in the package. Their header is::

    # One-line description (first comment line)
    # param: name zh optional Person name as printed, e.g. 李强

A ``param`` line declares a variable the caller may bind (``kg query posts-of-person --param
name=李强``). Values are never spliced into the query text: they become typed RDF terms (``zh`` ->
``"李强"@zh``, ``string``, ``date`` -> ``xsd:date``, ``integer``, ``iri``) passed as
``initBindings`` (rdflib) or ``substitutions`` (Oxigraph), so a hostile value can only fail to
match. An unbound optional parameter leaves the variable free (all rows).

Some saved queries also have an **Oxigraph plan**, ``kg/queries/oxigraph/NAME.rq``: the same rows in
the same order, written for Oxigraph's planner (one index scan per property joined by hash inside
``{ SELECT … }``, ``LATERAL`` where a for-loop join is wanted). On an on-disk store that avoids a
RocksDB seek per binding when a query reads the whole graph; rdflib would run it as nested loops, so
:func:`saved_query` gives the plan only to Oxigraph and only when no parameter is bound (a bound
parameter makes the portable text selective, and it is then the faster one).

Example::

    >>> cols, rows = run_named(ds, "posts-of-person", {"name": "李强"})      # doctest: +SKIP
    >>> print(format_results(cols, rows, "table"))                          # doctest: +SKIP
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Union

from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from .ns import XSD

__all__ = [
    "QueryError", "QueryParam", "named_queries", "saved_query", "oxigraph_plans", "query_params", "bind_params",
    "run_query", "run_named", "format_results", "to_oxigraph", "load_oxigraph", "FORMATS",
]

FORMATS = ("table", "csv", "json")
PARAM_KINDS = ("zh", "string", "date", "integer", "iri")
_QUERY_DIR = Path(__file__).resolve().parent / "queries"


class QueryError(ValueError):
    """A query could not be run (unknown name, bad parameter, syntax error)."""


@dataclass(frozen=True)
class QueryParam:
    """A declared parameter of a saved query."""

    name: str
    kind: str  # one of PARAM_KINDS
    required: bool
    doc: str


_PARAM_LINE = re.compile(
    r"^#\s*param:\s*([A-Za-z_][A-Za-z0-9_]*)\s+(\w+)\s+(required|optional)\s*(.*)$", re.M
)


def query_params(sparql: str) -> list[QueryParam]:
    """Parameters declared by ``# param:`` lines in a query's header."""
    out = []
    for m in _PARAM_LINE.finditer(sparql):
        name, kind, req, doc = m.groups()
        if kind not in PARAM_KINDS:
            raise QueryError(f"E302 parameter {name!r} has unknown type {kind!r}; use one of {PARAM_KINDS}")
        out.append(QueryParam(name, kind, req == "required", doc.strip()))
    return out


def _description(text: str) -> str:
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("#") and not s.lstrip("# ").startswith("param:"):
            return s.lstrip("#").strip()
        if s and not s.startswith("#"):
            break
    return ""


@lru_cache(maxsize=1)
def _load_named() -> dict[str, tuple[str, str]]:
    out = {}
    for path in sorted(_QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        out[path.stem] = (_description(text), text)
    return out


def named_queries() -> dict[str, tuple[str, str]]:
    """Saved queries: ``{name: (description, sparql text)}``, sorted by name (the portable texts)."""
    return dict(_load_named())


@lru_cache(maxsize=1)
def oxigraph_plans() -> dict[str, str]:
    """``{name: text}`` of the saved queries' Oxigraph plans (``kg/queries/oxigraph/*.rq``)."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((_QUERY_DIR / "oxigraph").glob("*.rq"))}


def saved_query(name: str, engine: str = "rdflib", params: Optional[Mapping[str, Any]] = None) -> str:
    """The text to run for saved query ``name`` on ``engine`` (``rdflib`` or ``oxigraph``).

    Oxigraph with no parameter bound gets the query's Oxigraph plan when it has one; every other
    case gets the portable text. Raises :class:`QueryError` for an unknown name.
    """
    queries = _load_named()
    if name not in queries:
        raise QueryError(f"E300 no saved query {name!r}; available: {', '.join(queries)}")
    if engine == "oxigraph" and not params and name in oxigraph_plans():
        return oxigraph_plans()[name]
    return queries[name][1]


def _term(param: QueryParam, value: str) -> Node:
    if param.kind == "zh":
        return Literal(value, lang="zh")
    if param.kind == "string":
        return Literal(value)
    if param.kind == "date":
        try:
            return Literal(date.fromisoformat(value).isoformat(), datatype=XSD.date)
        except ValueError as e:
            raise QueryError(f"E304 parameter {param.name!r} needs an ISO date (YYYY-MM-DD), got {value!r}") from e
    if param.kind == "integer":
        try:
            return Literal(int(value))
        except ValueError as e:
            raise QueryError(f"E304 parameter {param.name!r} needs an integer, got {value!r}") from e
    if not re.fullmatch(r"https?://[!-~]+", value) or any(c in value for c in '<>"{}|^`\\'):
        raise QueryError(f"E304 parameter {param.name!r} needs an absolute http(s) IRI, got {value!r}")
    return URIRef(value)


def bind_params(sparql: str, params: Optional[Mapping[str, Union[str, Node]]]) -> dict[str, Node]:
    """Turn caller values into typed RDF terms, checking them against the declared parameters.

    String values need a declaration; rdflib terms are passed through (their variable must occur
    in the query). Missing required parameters raise :class:`QueryError`.
    """
    declared = {p.name: p for p in query_params(sparql)}
    params = dict(params or {})
    out: dict[str, Node] = {}
    for name, value in params.items():
        if isinstance(value, Node):
            if not re.search(r"[?$]" + re.escape(name) + r"\b", sparql):
                raise QueryError(f"E303 the query has no variable ?{name}")
            out[name] = value
            continue
        if name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise QueryError(f"E303 unknown parameter {name!r}; this query takes: {known}")
        out[name] = _term(declared[name], str(value))
    missing = [p.name for p in declared.values() if p.required and p.name not in out]
    if missing:
        raise QueryError("E305 missing required parameter(s): " + ", ".join(missing)
                         + " (e.g. --param " + missing[0] + "=...)")
    return out


def _py(term: Any) -> Any:
    """An RDF term as a plain Python value for output."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        if term.language or term.datatype in (None, XSD.string):
            return str(term)
        value = term.toPython()
        if isinstance(value, (bool, int, float, Decimal, date, datetime)):
            return value
        return str(term)
    return str(term)


def _from_ox(term: Any) -> Optional[Node]:
    """pyoxigraph term -> rdflib term."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise QueryError(f"E306 unsupported Oxigraph term {term!r}")


def _to_ox(term: Node) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    raise QueryError(f"E306 cannot pass {term!r} to Oxigraph")


def _ox_union_default(store) -> None:
    """Copy every named-graph triple into the default graph (rdflib's ``default_union``)."""
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def to_oxigraph(source: Union[Dataset, Graph]):
    """An in-memory ``pyoxigraph.Store`` copy of ``source``.

    The default graph holds the union of all graphs (as rdflib's ``default_union``); named graphs
    are kept too, for ``GRAPH`` patterns. Pass the store to :func:`run_query` to query it
    repeatedly without copying again.
    """
    import pyoxigraph as ox

    if isinstance(source, ox.Store):
        return source
    from .rdf import QuadSet, serialize_nquads

    if isinstance(source, QuadSet):  # bulk load: parsing N-Quads in Rust beats term-by-term conversion
        store = ox.Store()
        store.load(serialize_nquads(source), format=ox.RdfFormat.N_QUADS)
        _ox_union_default(store)
        return store
    default = ox.DefaultGraph()
    quads = []
    if isinstance(source, Dataset):
        for s, p, o, g in source.quads((None, None, None, None)):
            gid = g.identifier if isinstance(g, Graph) else g
            named = isinstance(gid, URIRef) and gid != DATASET_DEFAULT_GRAPH_ID
            quads.append(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), _to_ox(gid) if named else default))
    else:
        quads = [ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), default) for s, p, o in source]
    store = ox.Store()
    store.extend(quads)
    _ox_union_default(store)
    return store


def load_oxigraph(path: Union[str, os.PathLike]):
    """Read ``.trig``/``.nq``/``.ttl``/``.nt`` (or a build directory) straight into pyoxigraph.

    Much faster than :func:`kg.rdf.load_dataset` + :func:`to_oxigraph` for large graphs; the
    default graph is the union of all graphs.
    """
    import pyoxigraph as ox

    p = Path(path)
    if p.is_dir():
        found = [p / n for n in ("graph.trig", "graph.nq", "graph.ttl") if (p / n).exists()]
        if not found:
            raise FileNotFoundError(f"E204 no graph.trig, graph.nq or graph.ttl in {p}")
        p = found[0]
    formats = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE,
               ".nt": ox.RdfFormat.N_TRIPLES}
    fmt = formats.get(p.suffix.lower())
    if fmt is None:
        raise QueryError(f"E205 cannot read {p.name}: expected one of {', '.join(formats)}")
    store = ox.Store()
    try:
        store.bulk_load(path=str(p), format=fmt)
    except SyntaxError as e:
        raise QueryError(f"E206 {p.name} is not valid {fmt.name}: {e}") from e
    _ox_union_default(store)
    return store


def _run_oxigraph(source, sparql: str, bindings: Mapping[str, Node]) -> tuple[list[str], list[tuple]]:
    import pyoxigraph as ox

    store = to_oxigraph(source)
    subs = {ox.Variable(k): _to_ox(v) for k, v in bindings.items()}
    try:
        result = store.query(sparql, substitutions=subs or None)
    except SyntaxError as e:
        raise QueryError(f"E301 SPARQL syntax error: {e}") from e
    except OSError as e:  # pragma: no cover - evaluation errors
        raise QueryError(f"E307 query failed: {e}") from e
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [(bool(result),)]
    if isinstance(result, ox.QuerySolutions):
        cols = [v.value for v in result.variables]
        rows = [tuple(_py(_from_ox(sol[c])) for c in cols) for sol in result]
        return cols, rows
    rows = [tuple(_py(_from_ox(getattr(t, x))) for x in ("subject", "predicate", "object")) for t in result]
    return ["subject", "predicate", "object"], sorted(rows, key=lambda r: tuple(map(str, r)))


def _runs_on_oxigraph(source: Any, engine: str) -> bool:
    """Whether :func:`run_query` runs on Oxigraph: asked to, or given a pyoxigraph store."""
    return engine == "oxigraph" or type(source).__module__.startswith("pyoxigraph")


def run_query(
    source: Union[Dataset, Graph],
    sparql: str,
    params: Optional[Mapping[str, Union[str, Node]]] = None,
    *,
    engine: str = "rdflib",
) -> tuple[list[str], list[tuple]]:
    """Run SPARQL on a dataset (default graph = union of named graphs) or a graph.

    Returns ``(column names, rows)``; values are plain Python (str, int, date, ...; None when
    unbound). ASK gives ``(["ask"], [(bool,)])``; CONSTRUCT/DESCRIBE give sorted
    ``(subject, predicate, object)`` rows. ``engine="oxigraph"`` runs the same query on a
    pyoxigraph copy of the data (faster on large graphs); ``source`` may also be a store made by
    :func:`to_oxigraph`.
    """
    bindings = bind_params(sparql, params)
    if _runs_on_oxigraph(source, engine):
        return _run_oxigraph(source, sparql, bindings)
    if engine != "rdflib":
        raise QueryError(f"E308 unknown engine {engine!r}; use rdflib or oxigraph")
    target = source
    if isinstance(source, Dataset) and not source.default_union:
        target = Graph()
        for s, p, o, _c in source.quads((None, None, None, None)):
            target.add((s, p, o))
    try:
        result = target.query(sparql, initBindings={Variable(k): v for k, v in bindings.items()})
    except Exception as e:  # rdflib raises pyparsing.ParseException and others
        name = type(e).__name__
        if "Parse" in name or isinstance(e, SyntaxError):
            raise QueryError(f"E301 SPARQL syntax error: {e}") from e
        raise QueryError(f"E307 query failed: {name}: {e}") from e
    if result.type == "ASK":
        return ["ask"], [(bool(result.askAnswer),)]
    if result.type == "SELECT":
        cols = [str(v) for v in result.vars or []]
        rows = [tuple(_py(row[i]) for i in range(len(cols))) for row in result]
        return cols, rows
    rows = [tuple(_py(x) for x in t) for t in result]
    return ["subject", "predicate", "object"], sorted(rows, key=lambda r: tuple(map(str, r)))


def run_named(
    source: Union[Dataset, Graph],
    name: str,
    params: Optional[Mapping[str, Union[str, Node]]] = None,
    *,
    engine: str = "rdflib",
) -> tuple[list[str], list[tuple]]:
    """Run a saved query by name (see :func:`named_queries`; :func:`saved_query` picks the text)."""
    on = "oxigraph" if _runs_on_oxigraph(source, engine) else engine
    return run_query(source, saved_query(name, on, params), params, engine=engine)


# ---------------------------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------------------------

def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    text = str(value)
    # keep one row per line in tables and CSV readers that split on newlines
    return text.replace("\r", "\\r").replace("\n", "\\n") if ("\n" in text or "\r" in text) else text


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def format_results(columns: Sequence[str], rows: Sequence[tuple], fmt: str = "table") -> str:
    """Format query results as an aligned ``table`` (CJK-aware), ``csv`` or ``json``.

    JSON is a list of objects (column -> value); dates are ISO strings.
    """
    if fmt == "json":
        data = [{c: _json_value(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else _json_value(v) if not isinstance(v, bool) else _cell(v)
                             for v in row])
        return buf.getvalue()
    if fmt != "table":
        raise QueryError(f"E309 unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [_width(c) for c in columns]
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], _width(c))
    lines = ["  ".join(_pad(c, widths[i]) for i, c in enumerate(columns)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, widths[i]) for i, c in enumerate(row)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
