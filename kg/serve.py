"""A local, read-only SPARQL 1.1 endpoint over a govkg graph (stdlib ``http.server`` + Oxigraph).

Routes::

    GET  /                       a minimal query page (saved queries, links to the views)
    GET  /sparql?query=…         SPARQL 1.1 protocol query via GET
    POST /sparql                 query= (form) or an application/sparql-query body
    GET  /view/governance        the governance view of the graph (kg.view)
    GET  /view/coattendance      the co-attendance view
    GET  /view/person?name=…     focused views (also /view/region?name=…, /view/meeting?id=…)

Results follow the ``Accept`` header (or ``format=``): SPARQL JSON (default), XML, CSV, TSV or an
HTML table; CONSTRUCT/DESCRIBE give Turtle (default) or N-Triples.

Safety:

* **read-only**: every request is parsed (rdflib's SPARQL grammar) before it runs; anything that
  is not a query -- an update sent as ``query=``, ``update=``, ``application/sparql-update`` --
  is refused with 403, and Oxigraph's ``Store.query`` could not run an update anyway. The store
  is opened read-only;
* **no federation**: a ``SERVICE`` anywhere in the parsed query (optional groups, sub-queries,
  ``EXISTS`` filters) is refused with 403 -- the check walks the parse tree, so the word inside a
  string or an IRI is harmless;
* **time limit**: queries run in a pool of worker *processes* (each with its own read-only view
  of the store); a query that exceeds ``timeout`` seconds gets 503 and its worker is killed and
  replaced, so a runaway query cannot keep a core busy;
* **bounded results**: at most ``max_rows`` rows (or triples) and ``max_bytes`` of output; a
  truncated answer says so in ``X-KG-Truncated: true`` / ``X-SPARQL-MaxRows`` headers;
* requests over 1 MiB get 413; the ``Host`` header must name the loopback interface unless the
  server is bound elsewhere (DNS rebinding); every page embeds input only HTML-escaped, under a
  Content-Security-Policy.

Each worker loads a graph file into its own in-memory Oxigraph store
(:func:`kg.view_graph.open_store`: named graphs kept, the default graph materialised as their set
union, so queries without ``GRAPH`` see what ``kg query`` sees). That costs memory per worker (about
600 MB for the 1,674 新闻联播 items) and a reload when a timed-out worker is replaced, but keeps the
workers independent; it measured 2-4x faster to start than building one shared on-disk store.
A store directory (``kg build --store``) is opened read-only by every worker, at no cost: it
already mirrors the union of its named graphs in its default graph. (A foreign Oxigraph store with
an empty default graph is queried with Oxigraph's multiset union instead.)

Example::

    >>> srv = make_server("out/", port=0)                            # doctest: +SKIP
    >>> threading.Thread(target=srv.serve_forever, daemon=True).start()  # doctest: +SKIP
    >>> urllib.request.urlopen(srv.url + "/sparql?query=ASK%7B%7D").read()  # doctest: +SKIP
    >>> srv.close()                                                  # doctest: +SKIP
"""
from __future__ import annotations

import csv
import html
import io
import json
import logging
import os
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import OrderedDict
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Optional

__all__ = [
    "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS", "DEFAULT_MAX_BYTES", "Refused", "check_query",
    "negotiate", "QueryPool", "SparqlServer", "make_server", "serve",
]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_BYTES = 64 << 20
MAX_REQUEST = 1 << 20
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


class Refused(Exception):
    """A request the endpoint will not run: HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --------------------------------------------------------------------------- checking


def _has_service(node: Any) -> bool:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        x = stack.pop()
        if isinstance(x, CompValue):
            if x.name == "ServiceGraphPattern":
                return True
            stack.extend(dict.values(x))
        elif isinstance(x, (ParseResults, list, tuple)):
            stack.extend(x)
    return False


@lru_cache(maxsize=512)
def check_query(text: str) -> str:
    """Parse ``text`` and return its form (``SelectQuery``, ``AskQuery`` ...), or raise
    :class:`Refused`: 403 for an update or a ``SERVICE`` clause, 400 for a syntax error."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if not text.strip():
        raise Refused(400, "empty query")
    try:
        parsed = parseQuery(text)
    except Exception as e:  # pyparsing.ParseException and friends
        try:
            update = parseUpdate(text)
        except Exception:
            update = None
        if update is not None and update.get("request"):
            raise Refused(403, "SPARQL Update is not allowed: this endpoint is read-only") from None
        msg = " ".join(str(e).split())[:300]
        raise Refused(400, f"SPARQL syntax error: {msg}") from None
    if _has_service(parsed):
        raise Refused(403, "SERVICE (federated query) is not allowed on this endpoint")
    return parsed[1].name


# --------------------------------------------------------------------------- formats

#: format name -> content type, for solutions (SELECT, ASK) and for graphs (CONSTRUCT, DESCRIBE).
SOLUTION_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "html": "text/html; charset=utf-8",
}
GRAPH_TYPES = {
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "html": "text/html; charset=utf-8",
}
_MEDIA = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
    "text/html": "html", "application/xhtml+xml": "html",
    "text/turtle": "turtle", "application/x-turtle": "turtle",
    "application/n-triples": "ntriples", "text/plain": "ntriples",
}
_ALIASES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv", "html": "html",
            "turtle": "turtle", "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples"}


def _accept_items(accept: str) -> list[tuple[str, float]]:
    items = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        items.append((media, q, specificity, i))
    items.sort(key=lambda t: (-t[1], -t[2], t[3]))
    return [(m, q) for m, q, _s, _i in items if q > 0]


def negotiate(accept: Optional[str], fmt: Optional[str], kind: str) -> Optional[str]:
    """The output format for a result ``kind`` (``solutions`` or ``graph``), or None (406).

    ``fmt`` (the ``format=`` parameter) wins over ``Accept``; no Accept means the default
    (SPARQL JSON for solutions, Turtle for graphs).
    """
    types = SOLUTION_TYPES if kind == "solutions" else GRAPH_TYPES
    default = "json" if kind == "solutions" else "turtle"
    if fmt:
        name = _ALIASES.get(fmt.lower())
        if name in types:
            return name
        if name is not None and kind == "graph" and name in ("json", "xml", "csv", "tsv"):
            return "ntriples" if name in ("csv", "tsv") else default
        if name is not None and kind == "solutions" and name in ("turtle", "ntriples"):
            return default
        return None
    if not accept or not accept.strip():
        return default
    for media, _q in _accept_items(accept):
        if media == "*/*":
            return default
        if media.endswith("/*"):
            major = media[:-2]
            for name, ctype in types.items():
                if ctype.split(";")[0].startswith(major + "/") and name != "html":
                    return name
            continue
        name = _MEDIA.get(media)
        if name in types:
            return name
    return None


# --------------------------------------------------------------------------- serialisation


def _json_term(t: Any) -> dict[str, Any]:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d: dict[str, Any] = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != _XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    if isinstance(t, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                            "object": _json_term(t.object)}}
    return {"type": "literal", "value": str(t)}


def _xml_term(t: Any) -> str:
    import pyoxigraph as ox

    e = lambda s: html.escape(s, quote=True)  # noqa: E731
    if isinstance(t, ox.NamedNode):
        return f"<uri>{e(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{e(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f'<literal xml:lang="{e(t.language)}">{e(t.value)}</literal>'
        if t.datatype.value != _XSD_STRING:
            return f'<literal datatype="{e(t.datatype.value)}">{e(t.value)}</literal>'
        return f"<literal>{e(t.value)}</literal>"
    return f"<literal>{e(str(t))}</literal>"


def _plain(t: Any) -> str:
    """CSV value: the lexical form (IRIs bare, blank nodes as _:id)."""
    import pyoxigraph as ox

    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, (ox.NamedNode, ox.Literal)):
        return t.value
    return str(t)


_XML_CHARS = str.maketrans({c: "\ufffd" for c in [chr(i) for i in range(32) if chr(i) not in "\t\n\r"]})


class _Budget:
    """Counts rows and bytes of an answer being written."""

    def __init__(self, max_rows: int, max_bytes: int) -> None:
        self.max_rows, self.max_bytes = max_rows, max_bytes
        self.rows = 0
        self.bytes = 0
        self.truncated = False

    def take(self, size: int) -> bool:
        if self.rows >= self.max_rows or self.bytes + size > self.max_bytes:
            self.truncated = True
            return False
        self.rows += 1
        self.bytes += size
        return True


def _solutions_body(result: Any, fmt: str, budget: _Budget, query: str) -> bytes:
    variables = [v.value for v in result.variables]
    if fmt == "json":
        parts = []
        for sol in result:
            row = {v: _json_term(sol[v]) for v in variables if sol[v] is not None}
            text = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
            if not budget.take(len(text) + 1):
                break
            parts.append(text)
        head = json.dumps({"vars": variables}, ensure_ascii=False, separators=(",", ":"))
        return ('{"head":' + head + ',"results":{"bindings":[' + ",".join(parts) + "]}}").encode("utf-8")
    if fmt == "xml":
        rows = []
        for sol in result:
            cells = "".join(f'<binding name="{html.escape(v, quote=True)}">{_xml_term(sol[v])}</binding>'
                            for v in variables if sol[v] is not None)
            text = f"<result>{cells}</result>".translate(_XML_CHARS)
            if not budget.take(len(text) + 1):
                break
            rows.append(text)
        head = "".join(f'<variable name="{html.escape(v, quote=True)}"/>' for v in variables)
        return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head>{head}</head><results>\n" + "\n".join(rows) + "\n</results></sparql>\n").encode("utf-8")
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        if fmt == "csv":
            w = csv.writer(buf, lineterminator="\r\n")
            w.writerow(variables)
            for sol in result:
                line = io.StringIO()
                csv.writer(line, lineterminator="\r\n").writerow([_plain(sol[v]) for v in variables])
                text = line.getvalue()
                if not budget.take(len(text)):
                    break
                buf.write(text)
        else:
            buf.write("\t".join(f"?{v}" for v in variables) + "\n")
            for sol in result:
                text = "\t".join("" if sol[v] is None else str(sol[v]) for v in variables) + "\n"
                if not budget.take(len(text)):
                    break
                buf.write(text)
        return buf.getvalue().encode("utf-8")
    rows = []
    for sol in result:
        cells = [_plain(sol[v]) for v in variables]
        if not budget.take(sum(len(c) for c in cells) + 16):
            break
        rows.append(cells)
    return _html_table(variables, rows, budget, query).encode("utf-8")


def _boolean_body(value: bool, fmt: str, query: str) -> bytes:
    v = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}, separators=(",", ":")).encode("utf-8")
    if fmt == "xml":
        return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{v}</boolean></sparql>\n").encode("utf-8")
    if fmt == "csv":
        return f"_askResult\r\n{v}\r\n".encode("utf-8")
    if fmt == "tsv":
        return f"?_askResult\n{v}\n".encode("utf-8")
    return _html_table(["ask"], [[v]], _Budget(1, 1 << 20), query).encode("utf-8")


def _graph_body(result: Any, fmt: str, budget: _Budget, query: str) -> bytes:
    import pyoxigraph as ox

    triples = []
    for t in result:
        if not budget.take(len(str(t))):
            break
        triples.append(t)
    if fmt == "html":
        rows = [[_plain(t.subject), _plain(t.predicate), _plain(t.object)] for t in triples]
        return _html_table(["subject", "predicate", "object"], rows, budget, query).encode("utf-8")
    if fmt == "ntriples":
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    from .ns import PREFIXES

    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)) or b""


_PAGE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; "
             "frame-ancestors 'self'")
_PAGE_CSS = """body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:16px;color:#222;max-width:1200px}
textarea{width:100%;height:14em;font-family:monospace;font-size:13px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}pre{background:#f7f7f7;padding:6px;overflow:auto;font-size:12px}.note{color:#7a4d00}
details{margin:4px 0}summary{cursor:pointer}"""


def _e(value: Any) -> str:
    from .view import clean_text

    return html.escape(clean_text(value), quote=True)


def _html_page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_PAGE_CSP}">'
            f'<link rel="icon" href="data:,"><title>{_e(title)}</title><style>{_PAGE_CSS}</style></head>'
            f"<body>{body}</body></html>\n")


def _html_table(columns: list[str], rows: list[list[str]], budget: _Budget, query: str) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    note = (f'<p class="note">Truncated: showing the first {len(rows):,} rows (limit {budget.max_rows:,} rows, '
            f"{budget.max_bytes:,} bytes).</p>") if budget.truncated else ""
    return _html_page("SPARQL results", f'<p><a href="/">← query page</a></p><pre>{_e(query)}</pre>'
                      f"<p>{len(rows):,} row(s)</p>{note}<table><thead><tr>{head}</tr></thead>"
                      f"<tbody>{body}</tbody></table>")


# --------------------------------------------------------------------------- worker process


def execute(store: Any, req: dict[str, Any]) -> tuple[int, str, bytes, dict[str, str]]:
    """Run one checked query on a store: ``(status, content type, body, extra headers)``."""
    import pyoxigraph as ox

    query = req["query"]
    try:
        check_query(query)
    except Refused as r:
        return r.status, "text/plain; charset=utf-8", (r.message + "\n").encode("utf-8"), {}
    kwargs: dict[str, Any] = {}
    if req.get("default_graph"):
        kwargs["default_graph"] = [ox.NamedNode(g) for g in req["default_graph"]]
    elif req.get("union"):
        kwargs["use_default_graph_as_union"] = True  # a store we did not prepare (multiset union)
    if req.get("named_graph"):
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in req["named_graph"]]
    try:
        result = store.query(query, **kwargs)
    except SyntaxError as e:
        return 400, "text/plain; charset=utf-8", f"SPARQL syntax error: {e}\n".encode("utf-8"), {}
    except (OSError, ValueError) as e:
        return 500, "text/plain; charset=utf-8", f"query failed: {e}\n".encode("utf-8"), {}
    kind = "graph" if isinstance(result, ox.QueryTriples) else "solutions"
    fmt = negotiate(req.get("accept"), req.get("format"), kind)
    if fmt is None:
        offered = ", ".join(sorted({t.split(";")[0] for t in (GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES).values()}))
        return 406, "text/plain; charset=utf-8", f"not acceptable; this result is available as {offered}\n".encode(), {}
    budget = _Budget(int(req.get("max_rows", DEFAULT_MAX_ROWS)), int(req.get("max_bytes", DEFAULT_MAX_BYTES)))
    try:
        if isinstance(result, ox.QueryBoolean):
            body = _boolean_body(bool(result), fmt, query)
            budget.rows = 1
        elif kind == "graph":
            body = _graph_body(result, fmt, budget, query)
        else:
            body = _solutions_body(result, fmt, budget, query)
    except OSError as e:  # evaluation errors surface while iterating
        return 500, "text/plain; charset=utf-8", f"query failed: {e}\n".encode("utf-8"), {}
    ctype = (GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES)[fmt]
    headers = {"X-KG-Rows": str(budget.rows)}
    if budget.truncated:
        headers["X-KG-Truncated"] = "true"
        headers["X-SPARQL-MaxRows"] = str(budget.max_rows)
    return 200, ctype, body, headers


def _open_worker_store(spec: dict[str, str]) -> tuple[Any, bool]:
    """(store, whether queries need ``use_default_graph_as_union``)."""
    import pyoxigraph as ox

    from .view_graph import has_union_default_graph, open_store

    if spec["kind"] == "store":
        store = ox.Store.read_only(spec["path"])
        return store, not has_union_default_graph(store)
    return open_store(spec["path"]), False


def _worker_main(conn: Any, spec: dict[str, str]) -> None:
    """Worker process: open the store read-only, then answer requests until told to stop."""
    try:
        store, union = _open_worker_store(spec)
        check_query("ASK {}")  # warm the parser up before the first timed request
        conn.send(("ready", len(store)))
    except BaseException as e:  # noqa: BLE001 - report, then exit
        conn.send(("failed", f"{type(e).__name__}: {e}"))
        return
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if req is None:
            return
        try:
            req["union"] = union
            resp = execute(store, req)
        except Exception as e:  # noqa: BLE001 - a worker never dies of one request
            resp = (500, "text/plain; charset=utf-8", f"internal error: {type(e).__name__}: {e}\n".encode(), {})
        try:
            conn.send(resp)
        except (OSError, ValueError):
            return


def _worker_entry(fd: int, spec_json: str) -> None:
    """``python -c`` entry of a worker process: talk over the inherited socket ``fd``."""
    from multiprocessing.connection import Connection

    _worker_main(Connection(fd), json.loads(spec_json))


class _Worker:
    """A worker process (a fresh interpreter, never a fork of the threaded server) and its socket.

    Started with ``subprocess`` rather than ``multiprocessing`` so that callers need no
    ``if __name__ == "__main__"`` guard (scripts, notebooks).
    """

    def __init__(self, spec: dict[str, str]) -> None:
        from multiprocessing.connection import Connection

        mine, theirs = socket.socketpair()
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        code = "import sys; from kg.serve import _worker_entry; _worker_entry(int(sys.argv[1]), sys.argv[2])"
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", code, str(theirs.fileno()), json.dumps(spec)],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=env,
            )
        finally:
            theirs.close()
        self.conn = Connection(mine.detach())
        self.triples = 0

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError(f"E712 a query worker did not start within {timeout:g} s")
        try:
            status, info = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise RuntimeError("E713 a query worker exited while starting (see the messages above)") from None
        if status != "ready":
            self.kill()
            raise RuntimeError(f"E713 a query worker could not open the store: {info}")
        self.triples = int(info)

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.wait(5)
        except (OSError, subprocess.TimeoutExpired):  # pragma: no cover - already gone / stuck
            pass
        finally:
            self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.proc.wait(2)
            self.conn.close()
        except (OSError, ValueError, subprocess.TimeoutExpired):
            self.kill()


class QueryPool:
    """Worker processes answering queries, each under a time limit.

    A query that runs past ``timeout`` seconds is answered 503 and its worker killed and
    replaced in the background. Waiting for a free worker is bounded by ``queue_timeout``.
    """

    def __init__(self, spec: dict[str, str], *, workers: int = 2, timeout: float = DEFAULT_TIMEOUT,
                 queue_timeout: Optional[float] = None, start_timeout: float = 300.0) -> None:
        self.spec = spec
        self.timeout = float(timeout)
        #: how long a request may wait for a free worker before 503 (default: 3x the time limit, >= 30 s)
        self.queue_timeout = float(queue_timeout) if queue_timeout is not None else max(30.0, 3 * self.timeout)
        self.start_timeout = start_timeout
        self._idle: "queue.Queue[_Worker]" = queue.Queue()
        self._all: set[_Worker] = set()
        self._starting: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.timeouts = 0
        started = [_Worker(spec) for _ in range(max(1, workers))]
        try:
            for w in started:
                w.wait_ready(start_timeout)
        except BaseException:
            for w in started:
                w.kill()
            raise
        self.triples = started[0].triples
        for w in started:
            self._all.add(w)
            self._idle.put(w)

    def _replace(self, dead: _Worker) -> None:
        with self._lock:
            self._all.discard(dead)
        dead.kill()

        def start() -> None:
            with self._lock:
                if self._closed:
                    return
                w = _Worker(self.spec)
                self._starting.add(w)
            try:
                w.wait_ready(self.start_timeout)
            except Exception as e:  # noqa: BLE001
                if not self._closed:
                    log.error("could not replace a query worker: %s", e)
                return
            finally:
                with self._lock:
                    self._starting.discard(w)
            with self._lock:
                if self._closed:
                    w.stop()
                    return
                self._all.add(w)
            self._idle.put(w)

        threading.Thread(target=start, name="kg-sparql-respawn", daemon=True).start()

    def run(self, req: dict[str, Any]) -> tuple[int, str, bytes, dict[str, str]]:
        try:
            w = self._idle.get(timeout=self.queue_timeout)
        except queue.Empty:
            return 503, "text/plain; charset=utf-8", b"all query workers are busy; try again later\n", {"Retry-After": "1"}
        try:
            w.conn.send(req)
            if w.conn.poll(self.timeout):
                resp = w.conn.recv()
                self._idle.put(w)
                return resp
        except (EOFError, OSError, ValueError) as e:
            self._replace(w)
            return 500, "text/plain; charset=utf-8", f"query worker failed: {type(e).__name__}\n".encode(), {}
        self.timeouts += 1
        self._replace(w)
        msg = f"query timed out: it ran longer than the {self.timeout:g} s limit and was stopped\n"
        return 503, "text/plain; charset=utf-8", msg.encode("utf-8"), {"Retry-After": "1"}

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            starting = list(self._starting)
            self._all.clear()
        for w in starting:  # still loading: nothing to finish
            w.kill()
        for w in workers:
            w.stop()


# --------------------------------------------------------------------------- HTTP


class _Views:
    """HTML views of the served graph, built on first request and cached."""

    def __init__(self, source: Any, max_nodes: int = 1500) -> None:
        self.source = source
        self.max_nodes = max_nodes
        self._facts = None
        self._lock = threading.Lock()
        self._cache: "OrderedDict[tuple[str, str], bytes]" = OrderedDict()
        self._dir = tempfile.mkdtemp(prefix="kg-serve-views-")

    def page(self, kind: str, name: str = "") -> bytes:
        from .view_graph import load_graph_facts, render_view

        key = (kind, name)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            if self._facts is None:
                self._facts = load_graph_facts(self.source)
            out = Path(self._dir) / "view.html"
            render_view(self._facts, kind, out, name=name or None, max_nodes=self.max_nodes)
            body = out.read_bytes()
            self._cache[key] = body
            while len(self._cache) > 34:
                self._cache.popitem(last=False)
            return body

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)


class SparqlServer(ThreadingHTTPServer):
    """The endpoint: ``ThreadingHTTPServer`` + a :class:`QueryPool`. Use :func:`make_server`."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], *, pool: QueryPool, views: _Views, label: str,
                 max_rows: int, max_bytes: int, cleanup: Optional[str] = None, access_log: bool = False) -> None:
        self.pool = pool
        self.views = views
        self.label = label
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self.cleanup = cleanup
        self.access_log = access_log
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}"

    def close(self) -> None:
        """Stop serving (if serving), stop the workers and remove temporary files."""
        self.server_close()
        self.pool.close()
        self.views.close()
        if self.cleanup:
            shutil.rmtree(self.cleanup, ignore_errors=True)
            self.cleanup = None


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "govkg-sparql/0.1"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall

    def log_message(self, fmt: str, *args: Any) -> None:  # noqa: A003 - stdlib name
        if self.server.access_log:
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))

    # -- plumbing
    def _send(self, status: int, ctype: str, body: bytes, headers: Optional[dict[str, str]] = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, message: str, headers: Optional[dict[str, str]] = None) -> None:
        self._send(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"), headers)

    def _host_ok(self) -> bool:
        bound = str(self.server.server_address[0])
        if bound in ("0.0.0.0", "::", ""):
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        if host.startswith("["):
            name = host[: host.find("]") + 1] if "]" in host else host
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in _LOOPBACK or name == bound.lower() or name == f"[{bound.lower()}]"

    def _guard(self) -> bool:
        if not self._host_ok():
            self._text(403, "forbidden: unexpected Host header (this endpoint serves the local machine only)")
            return False
        return True

    # -- routes
    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if not self._guard():
            return
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html"):
            self._send(200, "text/html; charset=utf-8", self._index().encode("utf-8"),
                       {"Content-Security-Policy": _PAGE_CSP})
        elif url.path == "/sparql":
            if "update" in params:
                self._text(403, "SPARQL Update is not allowed: this endpoint is read-only")
            elif "query" not in params:
                self._text(400, "missing query parameter: GET /sparql?query=SELECT…")
            else:
                self._query(params)
        elif url.path.startswith("/view/"):
            self._view(url.path[len("/view/"):], params)
        elif url.path == "/healthz":
            self._text(200, "ok")
        else:
            self._text(404, f"not found: {url.path}")

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_POST(self) -> None:  # noqa: N802
        if not self._guard():
            return
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            self._text(404 if url.path not in ("/", "/index.html") else 405, f"cannot POST {url.path}")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self._text(400, "bad Content-Length")
            return
        if length > MAX_REQUEST:
            self.close_connection = True
            left = length if length <= 64 * MAX_REQUEST else 0  # drain, so the client reads our answer
            while left > 0:
                chunk = self.rfile.read(min(left, 1 << 16))
                if not chunk:
                    break
                left -= len(chunk)
            self._text(413, f"request too large: at most {MAX_REQUEST:,} bytes")
            return
        raw = self.rfile.read(length)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            self._text(403, "SPARQL Update is not allowed: this endpoint is read-only")
            return
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._text(400, "the request body is not UTF-8")
            return
        if ctype == "application/sparql-query":
            params["query"] = [text]
        elif ctype in ("application/x-www-form-urlencoded", ""):
            for k, v in urllib.parse.parse_qs(text, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        else:
            self._text(415, f"unsupported Content-Type {ctype!r}: use application/x-www-form-urlencoded "
                            "or application/sparql-query")
            return
        if "update" in params:
            self._text(403, "SPARQL Update is not allowed: this endpoint is read-only")
        elif "query" not in params:
            self._text(400, "missing query parameter")
        else:
            self._query(params)

    def _query(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1:
            self._text(400, "give exactly one query parameter")
            return
        if len(queries[0].encode("utf-8")) > MAX_REQUEST:
            self._text(413, f"query too large: at most {MAX_REQUEST:,} bytes")
            return
        for g in params.get("default-graph-uri", []) + params.get("named-graph-uri", []):
            if not g.startswith(("http://", "https://", "urn:")) or any(c in g for c in '<>"{}|^`\\ '):
                self._text(400, f"bad graph IRI {g!r}")
                return
        req = {
            "query": queries[0],
            "accept": self.headers.get("Accept"),
            "format": (params.get("format") or [None])[0] or None,
            "max_rows": self.server.max_rows,
            "max_bytes": self.server.max_bytes,
            "default_graph": params.get("default-graph-uri", []),
            "named_graph": params.get("named-graph-uri", []),
        }
        status, ctype, body, headers = self.server.pool.run(req)
        if ctype.startswith("text/html"):
            headers = dict(headers, **{"Content-Security-Policy": _PAGE_CSP})
        self._send(status, ctype, body, headers)

    def _view(self, kind: str, params: dict[str, list[str]]) -> None:
        from .view_graph import FOCUS_KINDS

        name = ""
        if kind in FOCUS_KINDS:
            name = ((params.get("name") or params.get("id") or [""])[0]).strip()
            if not name:
                self._text(400, f"missing name: /view/{kind}?name=…")
                return
        elif kind not in ("governance", "coattendance"):
            self._text(404, f"no view {kind!r}: try /view/governance, /view/coattendance, "
                            "/view/person?name=…, /view/region?name=…, /view/meeting?id=…")
            return
        try:
            body = self.server.views.page(kind, name)
        except ValueError as e:
            self._text(404, str(e))
            return
        except Exception as e:  # noqa: BLE001
            log.exception("view %s failed", kind)
            self._text(500, f"could not draw the view: {type(e).__name__}: {e}")
            return
        self._send(200, "text/html; charset=utf-8", body)

    def _index(self) -> str:
        from .query import named_queries, saved_query

        srv = self.server
        saved = []
        for name, (desc, _portable) in sorted(named_queries().items()):
            text = saved_query(name, "oxigraph")  # the endpoint is Oxigraph: its plan when there is one
            link = "/sparql?" + urllib.parse.urlencode({"query": text, "format": "html"})
            saved.append(f"<details><summary><b>{_e(name)}</b> — {_e(desc)} · <a href=\"{_e(link)}\">run</a>"
                         f"</summary><pre>{_e(text)}</pre></details>")
        default = ("PREFIX schema: <https://schema.org/>\n"
                   "SELECT ?meeting ?date (COUNT(DISTINCT ?p) AS ?attendees)\n"
                   "WHERE { ?m schema:name ?meeting ; schema:attendee ?p . OPTIONAL { ?m schema:startDate ?date } }\n"
                   "GROUP BY ?meeting ?date ORDER BY DESC(?attendees) LIMIT 20")
        options = "".join(f'<option value="{f}"{" selected" if f == "html" else ""}>{f}</option>'
                          for f in ("html", "json", "csv", "tsv", "xml"))
        body = (f"<h1>govkg SPARQL endpoint</h1><p>{_e(srv.label)} · {srv.pool.triples:,} quads · read-only · "
                f"time limit {srv.pool.timeout:g} s · at most {srv.max_rows:,} rows per answer</p>"
                f'<p>Views: <a href="/view/governance">governance</a> · <a href="/view/coattendance">co-attendance</a>'
                f" · focused: <code>/view/person?name=…</code>, <code>/view/region?name=…</code>, "
                f"<code>/view/meeting?id=…</code></p>"
                f'<form method="get" action="/sparql"><textarea name="query" spellcheck="false">{_e(default)}</textarea>'
                f'<p>Format <select name="format">{options}</select> <button type="submit">Run</button></p></form>'
                f"<h2>Saved queries</h2>{''.join(saved)}"
                f"<p>Endpoint: <code>GET/POST /sparql</code> with <code>query=</code>; results by <code>Accept</code>"
                f" (SPARQL JSON, XML, CSV, TSV; Turtle or N-Triples for CONSTRUCT/DESCRIBE).</p>")
        return _html_page("govkg SPARQL endpoint", body)


# --------------------------------------------------------------------------- entry points


def _prepare(source: Any) -> tuple[dict[str, str], Optional[str], str, Any]:
    """(worker store spec, temp dir to remove, label, source for the views)."""
    from .view_graph import resolve_source

    kind, path = resolve_source(source)
    if kind == "store":  # opened read-only as it is (a govkg store mirrors the union in its default graph)
        return {"kind": "store", "path": str(path)}, None, str(path), path
    return {"kind": "file", "path": str(path)}, None, str(path), path


def make_server(
    source: Any,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int = 2,
    max_nodes: int = 1500,
    access_log: bool = False,
) -> SparqlServer:
    """Load ``source`` (graph file, build directory or Oxigraph store), start the query workers
    and bind ``host:port`` (``port=0``: any free port; see ``.url``). Call ``serve_forever()``,
    then ``close()``."""
    if timeout <= 0 or max_rows < 1 or workers < 1:
        raise ValueError("E711 timeout, max_rows and workers must be positive")
    spec, tmp, label, view_source = _prepare(source)
    pool = None
    try:
        pool = QueryPool(spec, workers=workers, timeout=timeout)
        views = _Views(view_source, max_nodes=max_nodes)
        return SparqlServer((host, port), pool=pool, views=views, label=label, max_rows=max_rows,
                            max_bytes=max_bytes, cleanup=tmp, access_log=access_log)
    except BaseException:
        if pool is not None:
            pool.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        raise


def _echo(message: str, err: bool = False) -> None:
    print(message, file=sys.stderr if err else sys.stdout, flush=True)


def serve(source: Any, host: str = "127.0.0.1", port: int = 8000, *, echo: Any = _echo, **kwargs: Any) -> None:
    """Run the endpoint until interrupted (Ctrl-C); ``echo(message, err=False)`` reports."""
    import signal

    def _stop(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)  # `kill PID` cleans up like Ctrl-C
    t0 = time.perf_counter()
    srv = make_server(source, host, port, **kwargs)
    try:
        echo(f"serving {srv.label} ({srv.pool.triples:,} quads, loaded in {time.perf_counter() - t0:.1f} s) "
             f"at {srv.url}/  ·  SPARQL: {srv.url}/sparql  ·  Ctrl-C to stop")
        if str(srv.server_address[0]) not in ("127.0.0.1", "::1", "localhost"):
            echo(f"warning: bound to {srv.server_address[0]}, reachable from other machines", err=True)
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.close()

