"""Cluster builds on Dask: extract per partition, link once, write N-Quads shards per partition.

Why three phases: extraction and RDF are per article and parallelise freely, but person identity
(:func:`kg.link.link_persons`) is global: whether 王伟 in article 7 is the 王伟 of article 90 000
depends on every other mention of the name. So::

    client                               workers (one Dask task per partition of ~N articles)
    ------                               -------------------------------------------------------
    read_articles (streamed), cut into
    partitions, scatter each      --->   1. extract (cached per worker; the NER model is loaded
                                            once per worker process)    -> facts stay on the worker
                                         2. summarise: the facts minus article text and sentences
    gather the summaries          <---      (about 1 kB per article)
    link_persons(summaries) once
    (same input order as a single
    process, so the same identities)
    slice the identities map by
    partition                     --->   3. rdf.build_dataset(facts, identities slice)
                                            -> serialize_nquads -> <out>/nq/part-00000.nq
    gather attendance triples     <---      (+ the schema:attendee / schema:startDate triples)
    co-attendance CONSTRUCT over them
    -> <out>/nq/coattendance.nq, <out>/manifest.json

Every article is its own named graph (``kg.rdf.article_graph_iri``) and shared nodes are repeated
per article graph, so shards never need merging: the union of the shards (a store loads them all)
is the dataset the single-process build makes, quad for quad (``tests/test_cluster.py`` checks
isomorphism). The build graph's activity and agent quads repeat in every shard; loading
deduplicates them.

The client reads the input (with :func:`kg.ingest.read_articles`, so ids, line numbers, rejects and
duplicate-id checks are exactly those of a local build) and ships articles to the workers with
``client.scatter``; workers write the shards into ``out_dir``, which must therefore be on a
file system every worker sees (always true for ``kg build --dask``, a LocalCluster). Facts wait in the workers'
memory between phases 1 and 3 (Dask spills them to local disk under memory pressure).

Dask is optional: ``pip install 'dask[distributed]'``. See ``docs/scale.md`` for loading the
shards into Oxigraph, Jena Fuseki or QLever.
"""
from __future__ import annotations

import json
import os
import sys
import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from .errors import KgError
from .ingest import Defaults, read_articles
from .model import Article, ArticleFacts, PersonIdentity, Rejected

__all__ = ["ClusterResult", "build_cluster", "connect", "load_shards", "merge_shards", "PARTITION_ARTICLES"]

#: Articles per partition (one Dask task per phase per partition).
PARTITION_ARTICLES = 128
SHARD_DIR = "nq"
COATTENDANCE_SHARD = "coattendance.nq"


def _import_distributed():
    try:
        import distributed  # noqa: F401
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as e:
        raise KgError("E811", f"cluster mode needs Dask: pip install 'dask[distributed]' ({e})") from e
    return Client, LocalCluster, as_completed


def connect(scheduler: Optional[str] = None, *, n_workers: Optional[int] = None,
            threads_per_worker: int = 1) -> tuple[Any, Any]:
    """A Dask client: to ``scheduler`` (``tcp://host:8786``), else to a new LocalCluster.

    Returns ``(client, cluster)``; ``cluster`` is None for a remote scheduler. The LocalCluster uses
    processes with one thread each (extraction is pure Python: threads would share one GIL).
    """
    Client, LocalCluster, _ = _import_distributed()
    if scheduler and scheduler != "local":
        try:
            return Client(scheduler, timeout="30s"), None
        except (OSError, TimeoutError) as e:
            raise KgError("E812", f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
    n = n_workers or max(1, os.cpu_count() or 1)
    cluster = LocalCluster(n_workers=n, threads_per_worker=threads_per_worker, processes=True,
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


# ---------------------------------------------------------------------------------------------
# Worker side
# ---------------------------------------------------------------------------------------------

_EXTRACTORS: dict[Any, Any] = {}


def _extractor(ner: Optional[str]) -> Any:
    """One extractor per worker process and ``ner`` spec (a NER model loads once per process)."""
    if ner not in _EXTRACTORS:
        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            os.environ.setdefault(var, "1")
        from .pipeline import make_extractor

        _EXTRACTORS[ner] = make_extractor(ner)
    return _EXTRACTORS[ner]


@dataclass
class _Extracted:
    """Phase 1 result, kept on the worker."""

    facts: list[ArticleFacts]
    failed: list[Rejected]
    chars: int
    model: str
    cache_hits: int


def _extract_partition(articles: list[Article], ner: Optional[str], cache_dir: Optional[str]) -> _Extracted:
    from .batch import BatchRun

    run = BatchRun([], ner=ner, workers=1, cache_dir=cache_dir, progress=False, source=articles,
                   extractor=_extractor(ner))
    facts = list(run)
    r = run.result
    return _Extracted(facts, r.failed, r.chars, r.model, r.cache_hits)


def _slim(f: ArticleFacts) -> ArticleFacts:
    """The facts without the article's text and the sentences: what linking needs, small to ship."""
    a = f.article
    slim = Article(id=a.id, title="", text="", clean="", clean_to_text=(), published=a.published, source=a.source,
                   url=a.url, home_region=a.home_region, origin=a.origin, line=a.line)
    return replace(f, article=slim, sentences=())


def _summarise(ex: _Extracted) -> dict[str, Any]:
    return {"facts": [_slim(f) for f in ex.facts], "failed": ex.failed, "chars": ex.chars, "model": ex.model,
            "cache_hits": ex.cache_hits}


def _attendance(ds: Any) -> list[tuple[Any, Any, Any]]:
    """The triples the co-attendance CONSTRUCT reads: attendees and the start dates of their meetings.

    Works on an rdflib Dataset and on a :class:`kg.rdf.QuadSet` (whose ``quads`` takes no pattern).
    """
    from .ns import SCHEMA

    attendee, start = SCHEMA.attendee, SCHEMA.startDate
    att: set[tuple[Any, Any, Any]] = set()
    dates: set[tuple[Any, Any, Any]] = set()
    wanted = {attendee, start}  # a set lookup: hashing beats URIRef.__eq__ on a million quads
    for s, p, o, _g in ds.quads((None, None, None, None)):
        if p in wanted:
            (att if p == attendee else dates).add((s, p, o))
    meetings = {s for s, _p, _o in att}
    return sorted(att | {t for t in dates if t[0] in meetings})


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _rdf_partition(ex: _Extracted, identities: dict[tuple[str, str], PersonIdentity],
                   model_id: str, rules_version: str, generated_at: Optional[datetime],
                   shard: str) -> tuple[str, int, list[tuple[Any, Any, Any]]]:
    from . import rdf

    ds = rdf.build_quads(ex.facts, identities, model_id=model_id, rules_version=rules_version,
                         generated_at=generated_at)
    data = rdf.serialize_nquads(ds) if len(ds) else b""
    _write_atomic(Path(shard), data)
    return shard, data.count(b"\n"), _attendance(ds)


# ---------------------------------------------------------------------------------------------
# Client side
# ---------------------------------------------------------------------------------------------

@dataclass
class ClusterResult:
    """What a cluster build wrote and read (the counterpart of :class:`kg.pipeline.BuildResult`)."""

    articles: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    failed: list[Rejected] = field(default_factory=list)
    chars: int = 0
    seconds: float = 0.0
    model: str = "rules"
    cache_hits: int = 0
    partitions: int = 0
    quads: int = 0  # lines written over all shards (the build graph's repeats included)
    persons: int = 0  # distinct person identities (reporters included, as kg.link counts them)
    shards: list[Path] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def problems(self) -> list[Rejected]:
        return self.rejected + self.failed

    @property
    def empty(self) -> list[str]:
        return []

    def __str__(self) -> str:
        return self.summary()

    def summary(self) -> str:
        rate = self.chars / self.seconds if self.seconds else 0
        return (f"{self.articles} articles, {self.persons} persons, {self.quads} quads in {len(self.shards)} shards, "
                f"{self.seconds:.2f} s ({rate:,.0f} chars/s, {self.cache_hits} cached) [{self.model}]")


def _partitions(paths: Sequence[Path], defaults: Defaults, size: int,
                rejected: list[Rejected]) -> Iterator[list[Article]]:
    buf: list[Article] = []
    for item in read_articles(list(paths), defaults):
        if isinstance(item, Rejected):
            rejected.append(item)
            continue
        buf.append(item)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def build_cluster(paths: Iterable[Union[str, os.PathLike]], out_dir: Union[str, os.PathLike],
                  defaults: Defaults = Defaults(), ner: Optional[str] = "auto", *,
                  client: Any = None, scheduler: Optional[str] = None, n_workers: Optional[int] = None,
                  partition_articles: int = PARTITION_ARTICLES, cache_dir: Optional[Union[str, os.PathLike]] = None,
                  generated_at: Optional[datetime] = None, progress: Optional[bool] = None,
                  merge: bool = False, coattendance_engine: Optional[str] = None) -> ClusterResult:
    """Build N-Quads shards of the knowledge graph on a Dask cluster (see the module docstring).

    Parameters
    ----------
    client
        An existing ``dask.distributed.Client``; else one is made from ``scheduler`` (an address,
        or ``None``/``"local"`` for a LocalCluster of ``n_workers`` processes, closed at the end).
    partition_articles
        Articles per task.
    cache_dir
        Facts cache directory as seen by the workers (a local disk on each host), or None.
    generated_at
        Build time recorded in the build graph (None: no time, byte-stable output).
    merge
        Also write ``graph.nq``: the shards and co-attendance concatenated (``kg query`` reads it).
    coattendance_engine
        ``oxigraph`` (default when pyoxigraph is installed) or ``rdflib`` for
        :func:`kg.derive.coattendance_construct`, run on the gathered attendance triples only.

    Writes ``<out_dir>/nq/part-NNNNN.nq`` (one per partition), ``<out_dir>/nq/coattendance.nq`` and
    ``<out_dir>/manifest.json``.
    """
    from tqdm import tqdm

    from . import derive, rdf
    from .extract.rules import RULES_VERSION
    from .link import link_persons
    from .pipeline import _no_progress

    t_start = time.perf_counter()
    out = Path(out_dir)
    shard_dir = out / SHARD_DIR
    shard_dir.mkdir(parents=True, exist_ok=True)
    for old in shard_dir.glob("part-*.nq"):  # a smaller rerun must not leave stale shards behind
        old.unlink()
    res = ClusterResult()
    owned = None
    if client is None:
        client, owned = connect(scheduler, n_workers=n_workers)
    _, _, as_completed = _import_distributed()
    disable = _no_progress(progress)
    cache = str(Path(cache_dir).expanduser()) if cache_dir is not None else None
    run_id = uuid.uuid4().hex[:8]  # task keys unique per run: a shared client never returns stale results
    try:
        # 1 + 2: extract per partition (facts stay on the workers), gather slim summaries
        t0 = time.perf_counter()
        extracted: list[Any] = []
        summaries: list[Any] = []
        bar = tqdm(desc="extract", unit="part", disable=disable, file=sys.stderr, dynamic_ncols=True)
        for k, articles in enumerate(_partitions([Path(p) for p in paths], defaults, partition_articles,
                                                 res.rejected)):
            data = client.scatter(articles, hash=False)
            fut = client.submit(_extract_partition, data, ner, cache, key=f"kg-extract-{run_id}-{k}", pure=False)
            extracted.append(fut)
            summaries.append(client.submit(_summarise, fut, key=f"kg-summary-{run_id}-{k}", pure=False))
            res.chars += sum(len(a.text) for a in articles)
            bar.total = len(extracted)
            bar.refresh()
        res.partitions = len(extracted)
        gathered: list[Optional[dict[str, Any]]] = [None] * len(summaries)
        index = {f.key: i for i, f in enumerate(summaries)}
        for fut in as_completed(summaries):
            gathered[index[fut.key]] = fut.result()
            fut.release()
            bar.update(1)
        bar.close()
        res.timings["extract"] = time.perf_counter() - t0

        # link once over all articles, in input order (read_articles already rejected repeated ids)
        t0 = time.perf_counter()
        slim: list[ArticleFacts] = []
        models = set()
        for s in gathered:
            assert s is not None
            models.add(s["model"])
            res.failed.extend(s["failed"])
            res.cache_hits += s["cache_hits"]
            slim.extend(s["facts"])
        if len(models) > 1:
            raise KgError("E813", f"workers used different extractors: {sorted(models)}; give every worker the "
                                  "same --ner model")
        res.model = models.pop() if models else "rules"
        res.articles = len(slim)
        identities = link_persons(slim)
        res.persons = len({i.key for i in identities.values()})
        by_article: dict[str, dict[tuple[str, str], PersonIdentity]] = {}
        for (aid, name), ident in identities.items():
            by_article.setdefault(aid, {})[(aid, name)] = ident
        del identities, slim
        res.timings["link"] = time.perf_counter() - t0

        # 3: RDF per partition with its slice of the identities
        t0 = time.perf_counter()
        rdf_futs = []
        for k, (fut, s) in enumerate(zip(extracted, gathered)):
            assert s is not None
            ids: dict[tuple[str, str], PersonIdentity] = {}
            for f in s["facts"]:
                ids.update(by_article.get(f.article.id, {}))
            shard = str(shard_dir / f"part-{k:05d}.nq")
            rdf_futs.append(client.submit(_rdf_partition, fut, ids, res.model, RULES_VERSION,
                                          generated_at, shard, key=f"kg-rdf-{run_id}-{k}", pure=False))
        gathered.clear()
        attendance = []
        bar = tqdm(desc="rdf", unit="part", total=len(rdf_futs), disable=disable, file=sys.stderr, dynamic_ncols=True)
        done: dict[int, str] = {}
        index = {f.key: i for i, f in enumerate(rdf_futs)}
        for fut in as_completed(rdf_futs):
            k = index[fut.key]
            shard, n, att = fut.result()
            done[k] = shard
            res.quads += n
            attendance.extend(att)
            extracted[k].release()  # the facts of this partition can go
            fut.release()
            bar.update(1)
        bar.close()
        res.shards = [Path(done[k]) for k in sorted(done)]
        res.timings["rdf"] = time.perf_counter() - t0

        # co-attendance over the gathered attendance triples
        t0 = time.perf_counter()
        from rdflib import Graph

        g = Graph()
        for t in attendance:
            g.add(t)
        ds = rdf.new_dataset()
        target = ds.graph(rdf.COATTENDANCE_GRAPH)
        for t in derive.coattendance_construct(g, engine=coattendance_engine or _engine()):
            target.add(t)
        co = shard_dir / COATTENDANCE_SHARD
        data = rdf.serialize_nquads(ds) if len(ds) else b""
        _write_atomic(co, data)
        res.quads += data.count(b"\n")
        res.files = [*res.shards, co]
        res.timings["coattendance"] = time.perf_counter() - t0
        if merge:
            res.files.append(merge_shards(out))
        res.seconds = time.perf_counter() - t_start
        manifest = out / "manifest.json"
        _write_atomic(manifest, json.dumps({
            "generator": "govkg cluster build", "model": res.model, "rules_version": RULES_VERSION,
            "articles": res.articles, "chars": res.chars, "partitions": res.partitions, "quads": res.quads,
            "persons": res.persons, "cache_hits": res.cache_hits, "seconds": round(res.seconds, 3),
            "timings": {k: round(v, 3) for k, v in res.timings.items()},
            "shards": [str(p.relative_to(out)) for p in res.files if p.parent == shard_dir],
            "rejected": [str(r) for r in res.rejected], "failed": [str(r) for r in res.failed],
        }, ensure_ascii=False, indent=1).encode("utf-8"))
        res.files.append(manifest)
    finally:
        if owned is not None:
            client.close()
            owned.close()
    return res


def _engine() -> str:
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:  # pragma: no cover - a dependency of govkg
        return "rdflib"
    return "oxigraph"


def merge_shards(out_dir: Union[str, os.PathLike]) -> Path:
    """Concatenate ``<out_dir>/nq/*.nq`` into ``<out_dir>/graph.nq`` (N-Quads concatenate as they are)."""
    out = Path(out_dir)
    target = out / "graph.nq"
    tmp = target.with_name(f".graph.nq.{os.getpid()}.tmp")
    with open(tmp, "wb") as w:
        for p in sorted((out / SHARD_DIR).glob("*.nq")):
            with open(p, "rb") as r:
                while block := r.read(1 << 20):
                    w.write(block)
    os.replace(tmp, target)
    return target


def load_shards(out_dir: Union[str, os.PathLike]) -> Any:
    """All shards of a cluster build as one rdflib Dataset (for tests and small graphs)."""
    from rdflib import Dataset

    ds = Dataset(default_union=True)
    for p in sorted((Path(out_dir) / SHARD_DIR).glob("*.nq")):
        ds.parse(p, format="nquads")
    return ds
