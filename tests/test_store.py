"""The persistent Oxigraph store (kg.store): idempotent ingest, exact removal, queries, exports."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import click
import networkx as nx
import pytest
from click.testing import CliRunner
from conftest_rdf import HOSTILE_NAME, HOSTILE_TEXT, hostile_facts
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic

from kg import store as S
from kg.cli_store import register, run_build_store, run_query_store
from kg.derive import add_coattendance
from kg.ingest import Defaults
from kg.link import link_persons
from kg.ns import DCTERMS, NIF, PREFIXES, RDFS, SCHEMA, SKOS, XSD
from kg.query import named_queries, run_named, run_query
from kg.rdf import article_graph_iri, build_dataset, serialize_trig

from conftest import ROOT

PARAMS = {
    "meetings-chaired-by": {"name": "王晖"},
    "top-coattendees-of": {"name": "王晖"},
    "region-officials": {"region": "江苏省"},
    "evidence-of-person": {"name": "李强"},
}
HOSTILE_ID = 'h"1<>\\'


def quads(ds: Dataset) -> set:
    return {(s, p, o, g.identifier if isinstance(g, Graph) else g) for s, p, o, g in ds.quads((None, None, None, None))}


def merged(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def store_quads(st) -> set:
    return quads(S.store_to_dataset(st))


def expected(facts, ids) -> Dataset:
    ds = build_dataset(facts, ids)
    add_coattendance(ds)
    return ds


@pytest.fixture(scope="module")
def facts(sample_facts):
    return list(sample_facts) + [hostile_facts()]


@pytest.fixture(scope="module")
def ids(facts):
    return link_persons(facts)


@pytest.fixture(scope="module")
def ds(facts, ids):
    return expected(facts, ids)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, facts, ids) -> Path:
    d = tmp_path_factory.mktemp("store") / "kg"
    st = S.open_store(d)
    S.ingest(st, facts, ids)
    del st  # release the write lock; tests reopen it
    return d


@pytest.fixture(scope="module")
def store(store_dir):
    return S.open_store(store_dir, read_only=True)


# ---------------------------------------------------------------------------------------------
# ingest / remove
# ---------------------------------------------------------------------------------------------

def test_store_holds_exactly_the_build(store, ds):
    assert store_quads(store) == quads(ds)
    assert S.count(store) == len(ds)  # distinct triples, as `kg build` reports


def test_ingesting_twice_changes_nothing(tmp_path, facts, ids):
    st = S.open_store(tmp_path / "s")
    first = S.ingest(st, facts, ids)
    assert len(first.added) == len(facts) and not first.replaced and first.ties > 0
    n, q, before = S.count(st), len(st), store_quads(st)
    again = S.ingest(st, facts, ids)
    assert sorted(again.replaced) == sorted(f.article.id for f in facts) and not again.added
    assert (S.count(st), len(st)) == (n, q) and again.triples_after == n
    assert store_quads(st) == before
    S.ingest(st, facts[1:2], ids)  # one article alone: replaced in place
    assert store_quads(st) == before


def test_remove_equals_a_store_built_without(tmp_path, facts, ids):
    gone = facts[2].article.id  # the reform-commission meeting: 王晖 and 吴新明 meet twice with it
    st = S.open_store(tmp_path / "full")
    S.ingest(st, facts, ids)
    assert _tie(st, "王晖", "吴新明") == 2
    rep = S.remove(st, [gone, "no-such-article"])
    assert rep.removed == [gone] and rep.missing == ["no-such-article"] and rep.triples_removed > 0
    rest = [f for f in facts if f.article.id != gone]
    other = S.open_store(tmp_path / "rest")
    S.ingest(other, rest, ids)
    assert store_quads(st) == store_quads(other) == quads(expected(rest, ids))
    assert S.count(st) == S.count(other) and len(st) == len(other)  # default-graph copies too
    assert _tie(st, "王晖", "吴新明") == 1  # co-attendance re-derived
    S.ingest(st, [facts[2]], ids)  # putting it back restores the full store
    assert store_quads(st) == quads(expected(facts, ids))
    S.remove(st, [str(article_graph_iri(f.article.id)) for f in facts])  # by graph IRI; everything
    assert len(st) == 0 and list(st.named_graphs()) == []


def test_build_records_follow_the_articles(tmp_path, facts, ids):
    """Batches with different model ids leave no orphan activity or agent behind."""
    st = S.open_store(tmp_path / "s")
    S.ingest(st, facts[:2], ids, model_id="rules")
    S.ingest(st, facts[2:], ids, model_id="hanlp:tiny")
    agents = S.query_store(st, "PREFIX kgo: <https://w3id.org/govkg/ontology#> SELECT ?m WHERE { ?a kgo:modelId ?m }")[1]
    assert sorted(agents) == [("hanlp:tiny",), ("rules",)]
    S.remove(st, [f.article.id for f in facts[2:]])
    assert S.query_store(st, "PREFIX kgo: <https://w3id.org/govkg/ontology#> SELECT ?m WHERE { ?a kgo:modelId ?m }")[1] \
        == [("rules",)]
    assert store_quads(st) == quads(expected(facts[:2], ids))


def test_batches_equal_one_build_with_the_same_identities(tmp_path, facts, ids):
    st = S.open_store(tmp_path / "s")
    parts = (facts[:1], facts[1:3], facts[3:])
    for i, part in enumerate(parts):
        S.ingest(st, part, ids, derive=i == len(parts) - 1)
    assert store_quads(st) == quads(expected(facts, ids))


def test_incremental_coattendance_equals_full(tmp_path, facts):
    """A meeting reported by two articles: adding or removing either one updates exactly the pairs
    it touches (checked against a full build after every step)."""
    from dataclasses import replace

    meeting = facts[1].meetings[0]  # the 南通 standing-committee meeting of article 2
    x = replace(facts[2], article=replace(facts[2].article, id="x"), meetings=(meeting,),
                participations=tuple(replace(p, meeting=meeting.key) for p in facts[2].participations),
                documents=())
    everything = facts + [x]
    ids = link_persons(everything)
    st = S.open_store(tmp_path / "s")
    present = list(facts)
    S.ingest(st, present, ids)
    for step in ("add x", "drop 2", "drop x", "add 2", "add x", "drop 1"):
        verb, which = step.split()
        f = {"x": x, "1": facts[0], "2": facts[1]}[which]
        if verb == "add":
            S.ingest(st, [f], ids)
            present.append(f)
        else:
            S.remove(st, [f.article.id])
            present = [p for p in present if p.article.id != f.article.id]
        assert store_quads(st) == quads(expected(present, ids)), step


def test_per_batch_linking_keeps_keys_of_persons_with_posts(facts, ids):
    """The documented limit, on the sample: only persons without a post in their batch get another key."""
    per_batch = {**link_persons(facts[:1]), **link_persons(facts[1:])}
    for k, ident in ids.items():
        if per_batch[k].context:
            assert per_batch[k].key == ident.key, k


def _tie(st, a: str, b: str) -> int:
    rows = S.query_store(st, """PREFIX kgo: <https://w3id.org/govkg/ontology#> PREFIX schema: <https://schema.org/>
        SELECT ?a ?b ?w WHERE { ?t a kgo:CoAttendanceTie ; kgo:coAttendee ?x , ?y ; kgo:weight ?w .
                          ?x schema:name ?na . ?y schema:name ?nb . FILTER (STR(?na) = ?a && STR(?nb) = ?b) }""",
                         {"a": Literal(a), "b": Literal(b)})[1]
    return rows[0][2] if rows else 0


def test_bulk_import_of_a_build_equals_ingest(tmp_path, store, ds):
    (tmp_path / "g.trig").write_bytes(serialize_trig(ds))
    st = S.open_store(tmp_path / "s")
    assert S.bulk_import(st, tmp_path / "g.trig") == len(ds)
    assert store_quads(st) == quads(ds) and len(st) == len(store)
    with pytest.raises(S.StoreError, match="E910"):
        S.bulk_import(st, tmp_path / "g.trig")  # not empty any more


def test_open_store_refuses_what_is_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(S.StoreError, match="E902"):
        S.open_store(tmp_path)
    with pytest.raises(S.StoreError, match="E901"):
        S.open_store(tmp_path / "notes.txt")
    with pytest.raises(S.StoreError, match="E902"):
        S.open_store(tmp_path / "missing", read_only=True)
    st = S.open_store(tmp_path / "s")
    with pytest.raises(S.StoreError, match="E903"):
        S.open_store(tmp_path / "s")  # one writer at a time
    assert S.is_store(tmp_path / "s") and not S.is_store(tmp_path)
    del st


# ---------------------------------------------------------------------------------------------
# queries
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(named_queries()))
def test_saved_queries_same_rows_as_in_memory(name, store, ds):
    cols, rows = S.query_store(store, named_queries()[name][1], PARAMS.get(name))
    mem_cols, mem_rows = run_named(ds, name, PARAMS.get(name))
    assert cols == mem_cols
    assert sorted(rows, key=repr) == sorted(mem_rows, key=repr)
    if name not in ("newest-appointments",):
        assert rows, name


@pytest.mark.parametrize("name", ["王晖", HOSTILE_NAME, 'x" } ; DROP ALL ; #', "a\\u0022b"])
def test_parameters_bind_safely(store, ds, name):
    """Plain values are inlined as VALUES (fast on Oxigraph), the others substituted; same rows."""
    for query in ("posts-of-person", "meetings-chaired-by", "evidence-of-person"):
        assert S.query_store(store, named_queries()[query][1], {"name": name}) == run_named(ds, query, {"name": name})
    assert S.count(store) == len(ds)


def test_counts_use_set_semantics(store, ds):
    """The default graph is the union as a set: a triple in three article graphs counts once."""
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert S.query_store(store, q) == run_query(ds, q)
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    assert S.query_store(store, q) == run_query(ds, q)


# ---------------------------------------------------------------------------------------------
# exports
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def exports(tmp_path_factory, store, ds):
    out = {}
    for which, src in (("store", store), ("dataset", ds)):
        d = tmp_path_factory.mktemp(which)
        for fmt in S.EXPORT_FORMATS:
            S.export(src, fmt, d / (f"graph.{fmt}" if fmt != "csv" else "tables"))
        out[which] = d
    return out


@pytest.mark.parametrize("which", ["store", "dataset"])
def test_rdf_exports_parse_back_exactly(exports, ds, which):
    d = exports[which]
    for fmt, parser in (("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")):
        back = Dataset()
        back.parse(d / f"graph.{fmt}", format=parser)
        assert quads(back) == quads(ds), fmt
    ttl = Graph().parse(d / "graph.ttl", format="turtle")
    assert to_isomorphic(ttl) == to_isomorphic(merged(ds))
    assert (d / "graph.trig").read_bytes() == serialize_trig(ds)  # the writer of `kg build`
    doc = json.loads((d / "graph.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == S.load_context()["@context"]
    assert "person:" in (d / "graph.jsonld").read_text(encoding="utf-8")  # compacted with our prefixes


def test_hostile_text_survives_every_format(exports):
    d = exports["store"]
    for fmt, parser in (("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld"), ("ttl", "turtle")):
        back = Dataset(default_union=True)
        back.parse(d / f"graph.{fmt}", format=parser)
        assert HOSTILE_TEXT in {str(o) for o in back.objects(None, NIF.isString)}, fmt
        assert {HOSTILE_NAME, '会议<script>"""\\\x07', '文件"""<>\\'} <= {str(o) for o in back.objects(None, SCHEMA.name)}
        assert HOSTILE_ID in {str(o) for o in back.objects(None, DCTERMS.identifier)}
    for fmt, read in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        G = read(d / f"graph.{fmt}")
        labels = {a.get("label") for _n, a in G.nodes(data=True)}
        assert HOSTILE_NAME in labels and '文件"""<>\\' in labels, fmt
        assert '会议<script>"""\\\ufffd' in labels, fmt  # XML 1.0 cannot carry U+0007
    with open(d / "tables" / "persons.csv", newline="", encoding="utf-8") as fh:
        assert HOSTILE_NAME in {r["name"] for r in csv.DictReader(fh)}
    with open(d / "tables" / "articles.csv", newline="", encoding="utf-8") as fh:
        arts = {r["id"]: r for r in csv.DictReader(fh)}
    assert arts[HOSTILE_ID]["title"] == 'title <b>"""\\\x1b'


@pytest.mark.parametrize("fmt,read", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_network_exports(exports, store, fmt, read):
    G = read(exports["store"] / f"graph.{fmt}")
    expect = S.to_networkx(store)
    assert set(G.nodes) == set(expect.nodes) and G.number_of_edges() == expect.number_of_edges()
    kinds = {a["kind"] for _n, a in G.nodes(data=True)}
    assert kinds == {"person", "post", "organization", "place", "meeting", "document"}
    by_label = {a["label"]: n for n, a in G.nodes(data=True) if a["kind"] == "person"}
    a, b = sorted((by_label["王晖"], by_label["吴新明"]))
    edge = G.edges[a, b]
    assert edge["relation"] == "coAttendedWith" and int(edge["weight"]) == 2
    rel = {d["relation"] for _u, _v, d in G.edges(data=True)}
    assert {"holds", "postIn", "participated", "agenda", "coAttendedWith", "containedInPlace"} <= rel
    # the same edges and weights as the networkx projection of kg.derive
    from kg.derive import coattendance_networkx

    P = coattendance_networkx(S.store_to_dataset(store))
    co = {tuple(sorted((u, v))): int(d["weight"]) for u, v, d in G.edges(data=True) if d["relation"] == "coAttendedWith"}
    assert co == {tuple(sorted((u, v))): d["weight"] for u, v, d in P.edges(data=True)}


def test_csv_tables(exports, store):
    d = exports["store"] / "tables"
    tables = {}
    for name in ("persons", "holdings", "meetings", "participations", "documents", "articles"):
        with open(d / f"{name}.csv", newline="", encoding="utf-8") as fh:
            tables[name] = list(csv.DictReader(fh))
    count = lambda q: S.query_store(store, "PREFIX org: <http://www.w3.org/ns/org#> PREFIX sem: " # noqa: E731
                                    "<http://semanticweb.cs.vu.nl/2009/11/sem/> PREFIX schema: <https://schema.org/> "
                                    f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {q} }}")[1][0][0]
    assert len(tables["holdings"]) == count("?x a org:Membership")
    assert len(tables["participations"]) == count("?x a sem:Role")
    assert len(tables["persons"]) == count("?x a schema:Person")
    assert len(tables["articles"]) == 4
    wang = [r for r in tables["holdings"] if r["person_name"] == "王晖"]
    assert wang and wang[0]["post_label"] == "南通市委书记" and wang[0]["region_code"] == "320600"
    assert len(wang[0]["articles"].split()) >= 2  # attested by several articles
    roles = {(r["person_name"], r["role"]) for r in tables["participations"]}
    assert ("吴清", "chaired") in roles
    for p in d.iterdir():  # the same tables from the in-memory dataset
        assert (exports["dataset"] / "tables" / p.name).read_bytes() == p.read_bytes(), p.name


def test_exports_are_byte_stable_and_two_builds_isomorphic(tmp_path, facts, ids, exports):
    st = S.open_store(tmp_path / "again")
    S.ingest(st, list(reversed(facts)), ids)
    for fmt in S.EXPORT_FORMATS:
        if fmt != "csv":
            S.export(st, fmt, tmp_path / f"graph.{fmt}")
            assert (tmp_path / f"graph.{fmt}").read_bytes() == (exports["store"] / f"graph.{fmt}").read_bytes(), fmt
    S.export(st, "csv", tmp_path / "tables")
    for p in (exports["store"] / "tables").iterdir():
        assert (tmp_path / "tables" / p.name).read_bytes() == p.read_bytes(), p.name
    assert to_isomorphic(merged(S.store_to_dataset(st))) == to_isomorphic(
        Graph().parse(exports["store"] / "graph.ttl", format="turtle"))


def test_iris_ascii_and_labels_tagged(store):
    labels = {RDFS.label, SKOS.prefLabel, SKOS.altLabel, SCHEMA.name, DCTERMS.title}
    n = 0
    for s, p, o, g in S.store_to_dataset(store).quads((None, None, None, None)):
        for t in (s, p, o, g.identifier if isinstance(g, Graph) else g):
            if isinstance(t, URIRef):
                assert str(t).isascii() and re.fullmatch(r"https?://[!-~]+", str(t)), t
        if p in labels:
            assert isinstance(o, Literal) and o.language, (s, p, o)
            n += 1
    assert n > 100


def test_store_export_validates_and_restores_datatypes(store):
    from kg.validate import validate

    ds = S.store_to_dataset(store)
    assert {o.datatype for o in ds.objects(None, NIF.beginIndex)} == {XSD.nonNegativeInteger}
    # the hostile article is deliberately odd; the sample articles conform to the shapes
    sample = Dataset(default_union=True)
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if isinstance(g, Graph) else g
        if gid != article_graph_iri(HOSTILE_ID):
            sample.graph(gid).add((s, p, o))
    ok, report = validate(sample)
    assert ok, report[:2000]


def test_restored_datatypes_cover_the_shapes():
    """Every derived XSD type the shapes require must be restored when reading a store."""
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    SH = "http://www.w3.org/ns/shacl#"
    kept = {XSD.string, XSD.date, XSD.dateTime, XSD.decimal, XSD.integer, XSD.boolean, XSD.anyURI,
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")}
    for shape, dt in shapes.subject_objects(URIRef(SH + "datatype")):
        if dt not in kept:
            path = shapes.value(shape, URIRef(SH + "path"))
            assert S.RESTORED_DATATYPES.get(str(path)) == dt, (path, dt)


def test_context_file_maps_our_prefixes():
    assert S.load_context()["@context"] == PREFIXES


# ---------------------------------------------------------------------------------------------
# command line
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cli():
    @click.group()
    def kg() -> None:
        """test group"""

    @kg.command("build")
    @click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
    @click.option("--store", "store_dir", type=click.Path(path_type=Path))
    @click.option("-o", "out_dir", type=click.Path(path_type=Path))
    def build(paths, store_dir, out_dir):
        run_build_store(list(paths), store_dir, Defaults(), ner="none", progress=False, out_dir=out_dir)

    @kg.command("query")
    @click.option("--store", "store_dir", type=click.Path(path_type=Path))
    @click.option("--named")
    @click.option("--param", multiple=True)
    def query(store_dir, named, param):
        run_query_store(store_dir, named_queries()[named][1], dict(p.split("=", 1) for p in param), "json")

    register(kg)
    return kg


def test_cli_build_query_remove_export(tmp_path, cli):
    run = CliRunner().invoke
    st = tmp_path / "kgstore"
    res = run(cli, ["build", str(ROOT / "data" / "samples"), "--store", str(st)])
    assert res.exit_code == 0, res.output
    assert re.search(r"3 articles, .* \d+ triples", res.output) and "3 added, 0 replaced" in res.output
    res = run(cli, ["build", str(ROOT / "data" / "samples"), "--store", str(st), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0 and "0 added, 3 replaced" in res.output, res.output
    assert (tmp_path / "out" / "graph.trig").exists()
    res = run(cli, ["query", "--store", str(st), "--named", "posts-of-person", "--param", "name=龚正"])
    assert res.exit_code == 0, res.output
    assert {r["title"] for r in json.loads(res.output)} >= {"市委副书记", "市长"}
    res = run(cli, ["remove", "--store", str(st), "--list"])
    assert res.exit_code == 0 and res.output.count("\n") == 3, res.output
    first = res.output.split("\t", 1)[0]
    res = run(cli, ["remove", "--store", str(st), first, "nope"])
    assert res.exit_code == 1 and "removed 1 article(s)" in res.output and "Error: E909" in res.output
    for name in ("g.jsonld", "g.gexf", "g.graphml", "g.ttl", "tables"):
        res = run(cli, ["export", str(st), "-o", str(tmp_path / name)])
        assert res.exit_code == 0, res.output
    res = run(cli, ["export", str(tmp_path / "out"), "--format", "nq", "-o", str(tmp_path / "g.nq")])
    assert res.exit_code == 0, res.output
    res = run(cli, ["export", str(tmp_path / "out" / "facts.json"), "-o", str(tmp_path / "x.ttl")])
    assert res.exit_code == 1 and res.output.startswith("Error: E906") and "Traceback" not in res.output
    res = run(cli, ["remove", "--store", str(tmp_path / "out"), "x"])
    assert res.exit_code == 1 and "Error: E902" in res.output
