"""kg.serve: the local read-only SPARQL endpoint, on 127.0.0.1 with an ephemeral port.

Checks the SPARQL protocol (GET, POST form, POST sparql-query, Accept negotiation), that updates
and SERVICE are refused by parsing (not by substring), the time limit (the runaway worker is
killed and replaced), bounded results, the query page and views, and a load test from a second
process (concurrent clients, latency percentiles printed).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg import serve as S
from test_view_graph import sample_build

TIMEOUT = 1.0
MAX_ROWS = 50
PREFIX = "PREFIX schema: <https://schema.org/>\n"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server():
    srv = S.make_server(sample_build()[0], "127.0.0.1", 0, timeout=TIMEOUT, max_rows=MAX_ROWS, workers=2)
    thread = threading.Thread(target=srv.serve_forever, name="kg-test-server", daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.close()
        thread.join(5)


def call(srv, path: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    req = urllib.request.Request(srv.url + path, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def sparql(srv, query: str, accept: str | None = None, **params):
    qs = urllib.parse.urlencode({"query": query, **params})
    return call(srv, "/sparql?" + qs, headers={"Accept": accept} if accept else {})


def bindings(body: bytes) -> list[dict]:
    return json.loads(body)["results"]["bindings"]


def _full_pool(srv, workers: int = 2, wait: float = 60.0) -> None:
    deadline = time.monotonic() + wait
    while srv.pool._idle.qsize() < workers and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.pool._idle.qsize() == workers


# --------------------------------------------------------------------------- protocol


def test_binds_loopback_on_an_ephemeral_port(server):
    host, port = server.server_address[:2]
    assert host == "127.0.0.1" and port > 0


def test_select_json_matches_kg_query(server):
    from kg import query as Q
    from kg import rdf

    status, headers, body = sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    n = int(bindings(body)[0]["n"]["value"])
    ds = rdf.load_dataset(sample_build()[0] / "graph.trig")
    # the default graph is the union of the article graphs, with set semantics, as in `kg query`
    assert n == Q.run_query(ds, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", engine="oxigraph")[1][0][0]
    text = Q.named_queries()["meeting-participants"][1]
    status, _h, body = sparql(server, text)
    got = sorted((b["meeting"]["value"], b["person"]["value"], b["role"]["value"]) for b in bindings(body))
    want = sorted((r[0], r[2], r[3]) for r in Q.run_query(ds, text)[1])
    assert status == 200 and got == want and len(got) >= 20
    assert bindings(body)[0]["meeting"]["xml:lang"] == "zh"


def test_serves_a_store_in_place(server, tmp_path):
    """A govkg store (kg build --store) is opened read-only by the workers: same answers."""
    from kg import store as kgstore
    from kg.query import named_queries

    _out, res = sample_build()
    st = kgstore.open_store(tmp_path / "kgstore")
    kgstore.ingest(st, res.facts, res.identities)
    del st
    other = S.make_server(tmp_path / "kgstore", "127.0.0.1", 0, timeout=5, workers=1)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert sparql(other, q)[2] == sparql(server, q)[2]
        text = named_queries()["who-chaired"][1]
        assert sparql(other, text, "text/csv")[2] == sparql(server, text, "text/csv")[2]
    finally:
        other.shutdown()
        other.close()


def test_post_form_and_sparql_query_body(server):
    q = PREFIX + "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name LIMIT 3"
    a = call(server, "/sparql", data=urllib.parse.urlencode({"query": q}).encode(),
             headers={"Content-Type": "application/x-www-form-urlencoded"})
    b = call(server, "/sparql", data=q.encode("utf-8"), headers={"Content-Type": "application/sparql-query"})
    assert a[0] == b[0] == 200 and a[2] == b[2] and len(bindings(a[2])) == 3
    c = call(server, "/sparql", data=b"x", headers={"Content-Type": "image/png"})
    assert c[0] == 415


@pytest.mark.parametrize("accept,ctype,check", [
    ("text/csv", "text/csv; charset=utf-8", lambda b: b.decode().startswith("name\r\n")),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", lambda b: b.decode().startswith("?name\n\"")),
    ("application/sparql-results+xml", "application/sparql-results+xml", lambda b: b"<variable name=\"name\"/>" in b),
    ("application/json;q=0.5, text/csv;q=0.9", "text/csv; charset=utf-8", lambda b: b"\r\n" in b),
    ("*/*", "application/sparql-results+json", lambda b: bindings(b)),
    ("text/html", "text/html; charset=utf-8", lambda b: b"<table>" in b),
])
def test_accept_negotiation(server, accept, ctype, check):
    q = PREFIX + "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name LIMIT 3"
    status, headers, body = sparql(server, q, accept)
    assert status == 200 and headers["Content-Type"] == ctype and check(body), body[:200]


def test_not_acceptable_ask_construct_and_format_param(server):
    assert sparql(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "image/png")[0] == 406
    status, headers, body = sparql(server, "ASK { ?s a <https://schema.org/Person> }")
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    status, headers, body = sparql(server, PREFIX + "CONSTRUCT WHERE { ?p a schema:Person } LIMIT 2")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and b"schema:Person" in body
    status, headers, body = sparql(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", format="csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://x.example/a> <http://x.example/b> <http://x.example/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://x.example/>\nCLEAR ALL",
    "LOAD <http://x.example/data.ttl>",
    "DROP GRAPH <https://w3id.org/govkg/graph/build> ; INSERT DATA { <http://x.example/a> <http://x.example/b> 1 }",
])
def test_updates_are_refused(server, update):
    before = bindings(sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[2])
    status, _h, body = sparql(server, update)
    assert status == 403 and b"read-only" in body
    form = urllib.parse.urlencode({"update": update}).encode()
    assert call(server, "/sparql", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    assert call(server, "/sparql", data=update.encode(), headers={"Content-Type": "application/sparql-update"})[0] == 403
    assert call(server, "/sparql?update=" + urllib.parse.quote(update))[0] == 403
    assert bindings(sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[2]) == before


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://x.example/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://x.example/sparql> { ?o ?q ?r } } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { service <http://x.example/sparql> { ?s ?q ?r } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE ?endpoint { ?s ?p ?o } } } }",
    "ASK { GRAPH ?g { MINUS { SERVICE <http://x.example/sparql> { ?a ?b ?c } } } }",
])
def test_service_is_refused(server, query):
    status, _h, body = sparql(server, query)
    assert status == 403 and b"SERVICE" in body


def test_the_word_service_in_data_is_fine(server):
    q = 'SELECT ?s WHERE { ?s ?p "SERVICE <http://x.example/sparql> { }" . FILTER(?s != <http://x.example/SERVICE>) }'
    status, _h, body = sparql(server, "# SERVICE <http://x.example/sparql>\n" + q)
    assert status == 200 and bindings(body) == []


def test_syntax_errors_are_400(server):
    status, _h, body = sparql(server, "SELECT WHERE {")
    assert status == 400 and body.startswith(b"SPARQL syntax error")
    assert call(server, "/sparql")[0] == 400
    assert sparql(server, "   ")[0] == 400


# --------------------------------------------------------------------------- limits


def test_results_are_bounded(server):
    status, headers, body = sparql(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and len(bindings(body)) == MAX_ROWS
    assert headers["X-KG-Truncated"] == "true" and headers["X-SPARQL-MaxRows"] == str(MAX_ROWS)
    status, headers, body = sparql(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 7", "text/csv")
    assert body.decode().count("\r\n") == 8 and "X-KG-Truncated" not in headers
    status, headers, body = sparql(server, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert status == 200 and body.count(b"\n") == MAX_ROWS and headers["X-KG-Truncated"] == "true"
    status, _h, _b = call(server, "/sparql", data=b"query=" + b"x" * (S.MAX_REQUEST + 1),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413


def test_slow_query_times_out_and_its_worker_is_replaced(server):
    _full_pool(server)
    pids = {w.proc.pid for w in server.pool._all}
    t0 = time.monotonic()
    status, headers, body = sparql(server, SLOW)
    took = time.monotonic() - t0
    assert status == 503 and b"timed out" in body and headers["Retry-After"] == "1"
    assert TIMEOUT <= took < TIMEOUT + 3
    # meanwhile the other worker answers at once
    assert sparql(server, "ASK {}")[0] == 200
    gone = pids - {w.proc.pid for w in server.pool._all}
    assert len(gone) == 1
    with pytest.raises(ProcessLookupError):
        os.kill(gone.pop(), 0)  # killed and reaped, not left spinning
    _full_pool(server)
    assert sparql(server, "ASK { ?s ?p ?o }")[0] == 200


# --------------------------------------------------------------------------- pages


def test_query_page_is_escaped(server):
    status, headers, body = call(server, "/")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "coattendance-pairs" in page and "&lt;https://schema.org/&gt;" in page
    assert "<https://" not in page  # query texts are escaped
    assert '<form method="get" action="/sparql">' in page and "<script" not in page


def test_html_results_are_escaped(server):
    q = 'SELECT ?x WHERE { BIND("<script>alert(1)</script>" AS ?x) }'
    status, headers, body = sparql(server, q, format="html")
    page = body.decode()
    assert status == 200 and "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_views_are_served(server):
    from test_view import kg_data

    status, headers, body = call(server, "/view/governance")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert len(kg_data(body.decode("utf-8"))["nodes"]) > 50
    status, _h, body = call(server, "/view/coattendance")
    assert status == 200 and len(kg_data(body.decode("utf-8"))["nodes"]) == 19
    status, _h, body = call(server, "/view/person?name=" + urllib.parse.quote("王晖"))
    assert status == 200 and kg_data(body.decode("utf-8"))["focus"]
    status, _h, body = call(server, "/view/person?name=" + urllib.parse.quote("王辉"))
    assert status == 404 and "E044" in body.decode()
    assert call(server, "/view/tree")[0] == 404
    assert call(server, "/nothing")[0] == 404


def test_foreign_host_header_is_refused(server):
    status, _h, body = call(server, "/sparql?query=ASK%7B%7D", headers={"Host": "attacker.example:80"})
    assert status == 403 and b"Host" in body
    assert call(server, "/sparql?query=ASK%7B%7D", headers={"Host": "localhost"})[0] == 200


# --------------------------------------------------------------------------- load


_CLIENT = r"""
import http.client, json, sys, threading, time, urllib.parse
host, port, clients, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
queries = json.loads(sys.stdin.read())
lat, errors, lock = [], [], threading.Lock()
def client(i):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    for j in range(per):
        q = queries[(i + j) % len(queries)]
        path = "/sparql?" + urllib.parse.urlencode({"query": q})
        t0 = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            r = conn.getresponse()
            body = r.read()
            ok = r.status == 200 and "results" in json.loads(body)
        except Exception as e:
            ok, body = False, repr(e).encode()
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
        dt = time.perf_counter() - t0
        with lock:
            lat.append(dt)
            if not ok:
                errors.append(body[:200].decode("utf-8", "replace"))
    conn.close()
t0 = time.perf_counter()
threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"latencies": lat, "errors": errors, "wall": time.perf_counter() - t0}))
"""


def _pct(values: list[float], p: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def test_load_from_a_second_process(server, capsys):
    from kg.query import named_queries

    _full_pool(server)
    saved = named_queries()
    queries = [saved[n][1] for n in ("meeting-participants", "who-chaired", "posts-of-person", "documents-adopted")]
    queries += [PREFIX + "SELECT ?name (COUNT(?m) AS ?n) WHERE { ?m schema:attendee ?p . ?p schema:name ?name } "
                         "GROUP BY ?name ORDER BY DESC(?n) LIMIT 10"]
    clients, per = 8, 25
    host, port = server.server_address[:2]
    proc = subprocess.run([sys.executable, "-c", _CLIENT, host, str(port), str(clients), str(per)],
                          input=json.dumps(queries), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    res = json.loads(proc.stdout)
    lat = res["latencies"]
    assert res["errors"] == [] and len(lat) == clients * per
    p50, p95, p99 = (_pct(lat, p) * 1000 for p in (50, 95, 99))
    with capsys.disabled():
        print(f"\n[kg serve load test] {clients} clients x {per} queries from a second process, "
              f"{server.pool.timeout:g} s limit, 2 workers: {len(lat)} requests in {res['wall']:.2f} s "
              f"({len(lat) / res['wall']:.0f} req/s), latency p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms")
    assert p99 < 1000 * TIMEOUT * 3
