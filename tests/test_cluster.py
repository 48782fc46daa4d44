"""Cluster mode on a Dask LocalCluster gives the single-process graph (isomorphic, quad for quad)."""
from __future__ import annotations

import itertools
import json

import pytest

from conftest import SHARED

XWLB = SHARED / "corpus" / "xwlb" / "meeting_items.jsonl"


def _graphs(ds) -> dict:
    from rdflib import Graph

    out = {}
    for s, p, o, g in ds.quads((None, None, None, None)):  # a Dataset or a kg.rdf.QuadSet
        gid = g.identifier if isinstance(g, Graph) else g
        out.setdefault(gid, Graph()).add((s, p, o))
    return out


def test_local_cluster_matches_single_process(tmp_path):
    pytest.importorskip("distributed", reason="cluster mode needs dask[distributed]")
    if not XWLB.exists():
        pytest.skip(f"{XWLB} is absent")
    from dask.distributed import Client, LocalCluster
    from rdflib.compare import isomorphic

    from kg import derive, rdf
    from kg.cluster import build_cluster
    from kg.extract.rules import RULES_VERSION
    from kg.link import link_persons
    from kg.pipeline import extract

    items = tmp_path / "items.jsonl"
    with open(XWLB, encoding="utf-8") as fh:  # 200 items with meetings, lists of attendees, same names
        items.write_text("".join(itertools.islice(fh, 200, 400)), encoding="utf-8")

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        res = build_cluster([items], tmp_path / "out", ner="none", client=client, partition_articles=40,
                            progress=False, cache_dir=tmp_path / "cache")
    assert res.articles == 200 and res.partitions == 5 and not res.problems
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["articles"] == 200 and len(manifest["shards"]) == 6

    # the single-process build, as kg.pipeline.build makes it
    single = extract([items], ner="none", progress=False)
    build = getattr(rdf, "build_quads", rdf.build_dataset)
    ds = build(single.facts, link_persons(single.facts), model_id=single.model, rules_version=RULES_VERSION)
    derive.add_coattendance(ds, engine="oxigraph")

    # No blank nodes anywhere, so isomorphism is equality of the canonical N-Quads line sets
    # (rdflib's serializer on both sides); rdflib.compare checks a sample of graphs on top.
    expected = set(rdf.serialize_nquads(ds).decode("utf-8").splitlines())
    got = set()
    for shard in sorted((tmp_path / "out" / "nq").glob("*.nq")):
        got.update(shard.read_text(encoding="utf-8").splitlines())
    assert not any("_:" in line.split(" ", 1)[0] for line in expected | got)
    assert got == expected
    assert len({line.rsplit(" ", 2)[-2] for line in got}) == 200 + 2  # article graphs, build, co-attendance

    from rdflib import Dataset

    theirs = _graphs(ds)
    sample = [rdf.BUILD_GRAPH, rdf.COATTENDANCE_GRAPH] + sorted(g for g in theirs if "/article/" in str(g))[:10]
    for gid in sample:
        mine = Dataset()
        mine.parse(data="\n".join(ln for ln in got if ln.endswith(f" <{gid}> .")), format="nquads")
        assert isomorphic(theirs[gid], mine.graph(gid)), gid
    assert res.persons == len({i.key for i in link_persons(single.facts).values()})


def test_missing_dask_is_one_clear_error(monkeypatch):
    import sys

    from kg.cluster import connect
    from kg.errors import KgError

    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(KgError) as e:
        connect("local")
    assert e.value.code == "E811" and "pip install 'dask[distributed]'" in str(e.value)
