"""Batch extraction on one machine: streaming, a process pool, and a cache of per-article facts.

Work flows through a bounded window of *chunks* (a few dozen articles each)::

    read_articles (streamed) -> chunk -> cache lookup -> misses to a worker -> in-order emit -> cache write

* **Streaming.** Articles are read lazily and at most ``workers * 3`` chunks are in flight, so the
  memory of :class:`BatchRun` is bounded by the window, not the corpus. :func:`extract_parallel`
  keeps every result (the build needs them for linking); iterate a :class:`BatchRun` to stream.
* **Order.** Results come back in input order whatever the worker count and however chunks finish.
* **Workers.** ``workers=1`` runs in this process. ``workers>1`` starts a process pool whose
  initializer builds the extractor once per process (the extractor is never pickled per article,
  and a HanLP/torch model is loaded in the workers only, never in the parent). Workers receive
  :class:`~kg.model.Article` objects and return the encoded facts (the same bytes the cache stores),
  so a chunk's result crosses the process boundary once and is compressed in parallel.
* **Cache.** One SQLite file (``<cache_dir>/facts-v1.sqlite``, stdlib :mod:`sqlite3`) keyed by
  ``(content hash, model key, code version)``:

  - *content hash*: BLAKE2b of everything the extractor reads (title, text, date, source, url,
    home region); the article id and file position are not part of it, so moving an article to
    another file or syndicated copies under other ids reuse the entry (sentences are re-labelled);
  - *model key*: ``rules``, or the NER model id plus the fingerprint of its weights;
  - *code version*: :data:`kg.extract.rules.RULES_VERSION` ``+`` the govkg package version.

  Why SQLite rather than a directory of files: one file instead of millions of small ones at corpus
  scale, a batch of entries is written in one transaction (atomic: an interrupted run keeps every
  chunk it finished and the next run resumes from there), lookups are batched ``IN`` queries, and
  concurrent writers (several builds, Dask workers on one host) are serialised by SQLite's locks.
  Values are ``zlib(marshal(facts without the article, as tuples))`` (no pickle: nothing in the
  cache can run code; see :class:`_Codec`). An entry that cannot be decoded is ignored and
  recomputed; a file that is not a database is moved aside. Only the parent process (or, in cluster
  mode, each Dask task) writes; keep the cache on a local disk (SQLite locking is unreliable on NFS).

Example::

    >>> from kg.batch import extract_parallel
    >>> res = extract_parallel(["corpus/"], workers=2, cache_dir="~/.cache/govkg/cache")  # doctest: +SKIP
    >>> res.cache_hits, res.extracted, len(res.facts)                                       # doctest: +SKIP
    (1600, 74, 1674)
"""
from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import logging
import multiprocessing
import os
import marshal
import re
import sqlite3
import sys
import threading
import time
import types
import zlib
from array import array
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from .errors import KgError, bad_model
from .ingest import JSONL_SUFFIXES, Defaults, iter_inputs, read_articles
from .model import Article, ArticleFacts, Rejected
from .pipeline import RunResult, make_extractor

__all__ = [
    "BatchResult", "BatchRun", "FactsCache", "extract_parallel", "iter_extract", "code_version",
    "content_key", "model_key", "default_cache_dir", "encode_facts", "decode_facts", "batch_summary",
    "resolve_workers", "CACHE_FILE",
]

log = logging.getLogger(__name__)

#: Name of the cache database inside ``cache_dir`` (the suffix is the on-disk schema version).
CACHE_FILE = "facts-v1.sqlite"
_SCHEMA = 1
_MAGIC = b"KGF1"  # zlib-compressed (the cache's format: the checksum catches damage)
_MAGIC_RAW = b"KGF0"  # uncompressed, between processes only
#: Default chunk: at most this many articles ...
CHUNK_ARTICLES = 32
#: ... and at most about this many characters (a chunk is ~0.1-0.3 s of rules extraction).
CHUNK_CHARS = 48_000
_SQL_VARS = 400  # keys per IN (...) query, well under SQLite's variable limit


# ---------------------------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------------------------

def _package_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("govkg")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def code_version() -> str:
    """The code part of a cache key: ``<RULES_VERSION>+<govkg version>+<facts layout>``.

    The layout part is a hash of the codec generated from :mod:`kg.model` (and the Python
    version, for ``marshal``), so a change to the dataclasses never reads stale entries.
    """
    from .extract.rules import RULES_VERSION, rules_fingerprint

    return f"{RULES_VERSION}+{rules_fingerprint()}+{_package_version()}+{_codec().fingerprint}"


def content_key(article: Article) -> str:
    """BLAKE2b-128 (hex) of every article field the extractor reads (not the id or file position)."""
    parts = (article.title, article.text, article.published.isoformat() if article.published else "",
             article.source or "", article.url or "", article.home_region or "")
    raw = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def model_key(extractor: Any) -> str:
    """``rules``, or the extractor's method id with the NER weights' fingerprint."""
    ner = getattr(extractor, "ner", None)
    method = getattr(extractor, "method_id", "rules")
    fp = getattr(ner, "fingerprint", "") if ner is not None else ""
    return f"{method}@{fp}" if fp else method


def _static_model_key(ner: Optional[str]) -> Optional[str]:
    """The model key when it is known without loading anything (rules only), else None."""
    spec = (ner or "auto").strip().lower() if isinstance(ner, str) or ner is None else None
    if spec in ("none", "off", "rules", ""):
        return "rules"
    if spec == "auto":
        try:
            from .extract import hanlp_ner
        except ImportError:
            return "rules"
        cands = hanlp_ner.auto_candidates()
        if not cands or cands[0][0].strip().lower() in ("none", "off", "rules"):
            return "rules"
    return None


def default_cache_dir() -> Path:
    """``$GOVKG_CACHE_DIR``, else ``<govkg home>/cache`` (``~/.cache/govkg/cache``)."""
    env = os.environ.get("GOVKG_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    env_home = os.environ.get("GOVKG_HOME")
    if env_home:
        return Path(env_home).expanduser() / "cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "govkg" / "cache"


def resolve_workers(workers: Optional[int]) -> int:
    """``None``/``1`` -> 1; ``0`` or negative -> every core (``os.cpu_count()``)."""
    if workers is None:
        return 1
    if workers <= 0:
        return max(1, os.cpu_count() or 1)
    return workers


# ---------------------------------------------------------------------------------------------
# Encoding of cached facts
# ---------------------------------------------------------------------------------------------

class _Codec:
    """Facts <-> nested tuples of primitives (``marshal``), by code generated from :mod:`kg.model`.

    Every dataclass of the model gets an encoder returning a tuple of its field values and a
    decoder that rebuilds the frozen instance without calling ``__init__`` (as pickle does, but
    about twice as fast: the warm-cache rebuild is mostly this decoding). Field kinds are read
    from the type hints: a dataclass, a tuple of dataclasses, an optional dataclass, an optional
    date (stored as its ordinal), anything else as is. :attr:`fingerprint` hashes the generated
    code, so any change to the model's fields changes the cache key.
    """

    def __init__(self) -> None:
        import typing

        from . import model

        classes = {n: v for n, v in vars(model).items() if isinstance(v, type) and dataclasses.is_dataclass(v)
                   and v.__module__ == model.__name__}
        src: list[str] = []
        for name in sorted(classes):
            cls = classes[name]
            hints = typing.get_type_hints(cls)
            enc: list[str] = []
            dec: list[str] = []
            for f in dataclasses.fields(cls):
                if cls is ArticleFacts and f.name == "article":
                    continue  # re-read from the input
                k = len(enc)
                e, d = self._field(f.name, hints[f.name], k)
                enc.append(e)
                dec.append(f"{f.name!r}: {d}")
            src.append(f"def e_{name}(o):\n    return ({', '.join(enc)}{',' if enc else ''})\n")
            body = "{" + ", ".join(dec) + "}"
            if cls is ArticleFacts:
                src.append(f"def d_{name}(t):\n    return {body}\n")
            else:
                src.append(f"def d_{name}(t):\n    o = new({name})\n    setd(o, '__dict__', {body})\n    return o\n")
        self.source = "\n".join(src)
        ns: dict[str, Any] = {"new": object.__new__, "setd": object.__setattr__, "fromord": date.fromordinal,
                              "tmap": lambda f, xs: tuple(map(f, xs)), **classes}
        exec(compile(self.source, "<kg.batch codec>", "exec"), ns)  # noqa: S102 - our own generated code
        self.encode_fields = ns["e_ArticleFacts"]
        self.decode_fields = ns["d_ArticleFacts"]
        self.fingerprint = hashlib.blake2b(
            f"{sys.version_info[:2]}\n{self.source}".encode(), digest_size=4).hexdigest()

    @staticmethod
    def _field(name: str, hint: Any, k: int) -> tuple[str, str]:
        import typing

        args = [a for a in typing.get_args(hint) if a is not type(None)]
        origin = typing.get_origin(hint)
        optional = origin in (Union, types.UnionType) and type(None) in typing.get_args(hint)  # Optional[X], X | None
        if dataclasses.is_dataclass(hint):
            return f"e_{hint.__name__}(o.{name})", f"d_{hint.__name__}(t[{k}])"
        if origin is tuple and args and dataclasses.is_dataclass(args[0]):
            c = args[0].__name__
            return f"tmap(e_{c}, o.{name})", f"tmap(d_{c}, t[{k}])"
        if optional and len(args) == 1 and dataclasses.is_dataclass(args[0]):
            c = args[0].__name__
            return (f"(None if o.{name} is None else e_{c}(o.{name}))",
                    f"(None if t[{k}] is None else d_{c}(t[{k}]))")
        if optional and args == [date] or hint is date:
            return (f"(None if o.{name} is None else o.{name}.toordinal())",
                    f"(None if t[{k}] is None else fromord(t[{k}]))")
        return f"o.{name}", f"t[{k}]"


_CODEC: Optional[_Codec] = None


def _codec() -> _Codec:
    global _CODEC
    if _CODEC is None:
        _CODEC = _Codec()
    return _CODEC


def encode_facts(facts: ArticleFacts, compress: bool = True) -> bytes:
    """``facts`` without its article as ``KGF1 + zlib(marshal(tuples))`` (the article is re-read).

    zlib's checksum doubles as an integrity check: a damaged entry fails to decode.
    ``compress=False`` (``KGF0``) is for handing results between processes, never for storage.
    Raises ``ValueError`` if a value is not serialisable (the article is then not cached).
    """
    data = marshal.dumps((facts.article.id, _codec().encode_fields(facts)), 4)
    return _MAGIC + zlib.compress(data, 1) if compress else _MAGIC_RAW + data


def decode_facts(blob: bytes, article: Article) -> ArticleFacts:
    """Rebuild the :class:`ArticleFacts` of ``article`` from :func:`encode_facts` output.

    Raises ``ValueError`` when the blob is damaged or from another layout.
    """
    magic = bytes(blob[:4]) if isinstance(blob, (bytes, bytearray, memoryview)) else b""
    if magic not in (_MAGIC, _MAGIC_RAW):
        raise ValueError("not a govkg facts entry")
    try:
        aid, raw = marshal.loads(zlib.decompress(blob[4:]) if magic == _MAGIC else blob[4:])
        fields = _codec().decode_fields(raw)
        if aid != article.id:  # the same content under another id: re-label the sentences
            fields["sentences"] = tuple(dataclasses.replace(s, article_id=article.id) for s in fields["sentences"])
        return ArticleFacts(article=article, **fields)
    except Exception as e:  # zlib.error, EOFError, IndexError, TypeError ...
        raise ValueError(f"damaged facts entry: {type(e).__name__}: {e}") from e


# ---------------------------------------------------------------------------------------------
# The cache
# ---------------------------------------------------------------------------------------------

class FactsCache:
    """Per-article extraction results in one SQLite file (see the module docstring).

    ``get_many`` and ``put_many`` work on ``content_key -> encoded facts``; the model key and code
    version are fixed per instance. ``put_many`` is one transaction.
    """

    def __init__(self, cache_dir: Union[str, os.PathLike], model: str, version: Optional[str] = None) -> None:
        self.dir = Path(cache_dir).expanduser()
        self.path = self.dir / CACHE_FILE
        self.model = model
        self.version = version or code_version()
        self.dir.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as e:  # "file is not a database", a torn header ...
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            log.warning("W801 facts cache %s is unreadable (%s); moved to %s and starting afresh", self.path, e, aside)
            for suffix in ("", "-wal", "-shm"):
                p = Path(str(self.path) + suffix)
                if p.exists():
                    os.replace(p, Path(str(aside) + suffix))
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA busy_timeout=60000")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            db.execute("""CREATE TABLE IF NOT EXISTS facts (
                              key TEXT NOT NULL, model TEXT NOT NULL, version TEXT NOT NULL,
                              article_id TEXT, data BLOB NOT NULL, created REAL,
                              PRIMARY KEY (key, model, version)) WITHOUT ROWID""")
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(_SCHEMA),))
            db.execute("SELECT COUNT(*) FROM meta").fetchone()  # touches the file: raises if not a database
        except BaseException:
            db.close()
            raise
        return db

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        """Entries present for ``keys`` (undecoded)."""
        out: dict[str, bytes] = {}
        uniq = list(dict.fromkeys(keys))
        for i in range(0, len(uniq), _SQL_VARS):
            part = uniq[i:i + _SQL_VARS]
            marks = ",".join("?" * len(part))
            try:
                rows = self._db.execute(
                    f"SELECT key, data FROM facts WHERE model=? AND version=? AND key IN ({marks})",
                    (self.model, self.version, *part)).fetchall()
            except sqlite3.DatabaseError as e:  # a damaged page: treat as misses
                log.warning("W802 facts cache read failed (%s); recomputing those articles", e)
                continue
            out.update((k, bytes(v)) for k, v in rows)
        return out

    def put_many(self, entries: Iterable[tuple[str, str, bytes]]) -> int:
        """Store ``(content key, article id, encoded facts)`` triples in one transaction."""
        rows = [(k, self.model, self.version, aid, blob, time.time()) for k, aid, blob in entries]
        if not rows:
            return 0
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO facts VALUES (?,?,?,?,?,?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as e:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            log.warning("W803 facts cache write failed (%s); results of this batch are not cached", e)
            return 0
        return len(rows)

    def stats(self) -> dict[str, int]:
        """Entry counts: total, and for this model and code version."""
        total = self._db.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
        mine = self._db.execute("SELECT COUNT(*) FROM facts WHERE model=? AND version=?",
                                (self.model, self.version)).fetchone()[0]
        return {"entries": total, "current": mine}

    def prune(self) -> int:
        """Delete entries of other code versions; returns how many were removed."""
        cur = self._db.execute("DELETE FROM facts WHERE version != ?", (self.version,))
        return cur.rowcount

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:  # pragma: no cover
            pass

    def __enter__(self) -> "FactsCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------------------------------------
# Worker processes
# ---------------------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one chunk.

    Extraction and decoding allocate tens of thousands of small acyclic objects per chunk; with
    every earlier result alive, the collector's passes over them cost 15-20 % of extraction and
    about 70 % of decoding. Within a chunk nothing needs it; it runs again between chunks.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _init_worker(ner: Optional[str]) -> None:
    """Pool initializer: one extractor per process (a NER model is loaded here, not in the parent)."""
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # torch inside N workers must not start N x cores threads
    try:
        _WORKER["extractor"] = make_extractor(ner)
        _WORKER["error"] = None
    except BaseException as e:  # reported by _worker_model_key, so the parent gets one clear line
        _WORKER["extractor"] = None
        _WORKER["error"] = f"{type(e).__name__}: {e}"


def _worker_model_key() -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(model key, method id, error) of this worker's extractor."""
    ex = _WORKER.get("extractor")
    if ex is None:
        return None, None, _WORKER.get("error") or "extractor not initialised"
    return model_key(ex), ex.method_id, None


def _extract_one(extractor: Any, article: Article) -> tuple[Optional[ArticleFacts], Optional[str]]:
    try:
        return extractor.extract(article), None
    except Exception as e:  # one broken article never stops a batch
        return None, f"extraction failed: {type(e).__name__}: {e}"


_ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article))
_MAP_AT = _ARTICLE_FIELDS.index("clean_to_text")


def _pack_article(a: Article) -> tuple:
    """An article for the trip to a worker: the offset map as packed uint32 (a tuple of ints pickles slowly)."""
    values = [getattr(a, n) for n in _ARTICLE_FIELDS]
    values[_MAP_AT] = array("I", a.clean_to_text).tobytes()
    return tuple(values)


def _unpack_article(t: tuple) -> Article:
    values = list(t)
    m = array("I")
    m.frombytes(values[_MAP_AT])
    values[_MAP_AT] = tuple(m)
    return Article(*values)


def _extract_chunk(packed: list[tuple], compress: bool) -> list[tuple[Any, Optional[str]]]:
    """Worker task: per article, the encoded facts (bytes) or an error message.

    Facts the codec cannot encode come back as a dict of fields (pickled by multiprocessing).
    """
    ex = _WORKER.get("extractor")
    if ex is None:
        raise RuntimeError(_WORKER.get("error") or "extractor not initialised")
    out: list[tuple[Any, Optional[str]]] = []
    with _gc_paused():
        out = _extract_packed(ex, packed, compress)
    return out


def _extract_packed(ex: Any, packed: list[tuple], compress: bool) -> list[tuple[Any, Optional[str]]]:
    out: list[tuple[Any, Optional[str]]] = []
    for t in packed:
        a = _unpack_article(t)
        facts, err = _extract_one(ex, a)
        if facts is None:
            out.append((None, err))
            continue
        try:
            out.append((encode_facts(facts, compress), None))
        except ValueError:
            out.append(({f.name: getattr(facts, f.name) for f in dataclasses.fields(facts) if f.name != "article"},
                        None))
    return out


def _mp_context(start_method: Optional[str] = None) -> multiprocessing.context.BaseContext:
    """``fork`` when it is safe (no torch imported, no other threads), else ``forkserver``/``spawn``.

    ``$GOVKG_MP_START`` or ``start_method`` override the choice.
    """
    method = start_method or os.environ.get("GOVKG_MP_START")
    available = multiprocessing.get_all_start_methods()
    if not method:
        # tqdm's monitor thread only sleeps and the children never touch tqdm: harmless at fork time
        others = [t for t in threading.enumerate() if t is not threading.main_thread() and t.name != "tqdm_monitor"]
        safe_fork = "fork" in available and "torch" not in sys.modules and not others
        method = "fork" if safe_fork else ("forkserver" if "forkserver" in available else "spawn")
    return multiprocessing.get_context(method)


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------

@dataclass
class BatchResult(RunResult):
    """A :class:`~kg.pipeline.RunResult` plus what the batch machinery did."""

    cache_hits: int = 0  # articles whose facts came from the cache
    extracted: int = 0  # articles extracted in this run
    workers: int = 1
    cache_path: Optional[Path] = None
    model_key: str = ""


@dataclass
class _Chunk:
    articles: list[Article]
    keys: list[str]
    results: list[Optional[ArticleFacts]]
    errors: list[Optional[str]]
    todo: list[int] = field(default_factory=list)  # indexes to extract
    future: Any = None
    blobs: Optional[list[tuple[Optional[bytes], Optional[str]]]] = None  # inline results (workers=1)


def _estimate_articles(paths: Sequence[Path]) -> Optional[int]:
    """Cheap article count for the progress bar's ETA (JSONL lines, page headings)."""
    total = 0
    head = re.compile(rb"(?m)^[ \t]*#")
    try:
        for f in iter_inputs(list(paths)):
            if not f.is_file():
                continue
            if f.suffix.lower() in JSONL_SUFFIXES:
                with open(f, "rb") as fh:
                    n, last = 0, b"\n"
                    for block in iter(lambda: fh.read(1 << 22), b""):
                        n += block.count(b"\n")
                        last = block[-1:]
                    total += n + (last != b"\n")
            else:
                data = f.read_bytes()
                total += max(1, len(head.findall(data)))
    except OSError:
        return None
    return total


class BatchRun:
    """A streaming extraction run: iterate it for :class:`ArticleFacts` in input order.

    Rejected inputs, failed articles, counts and timings accumulate on :attr:`result` (whose
    ``facts`` list stays empty: keeping them is the caller's choice). Iterate once.

    Parameters
    ----------
    paths, defaults, ner
        As :func:`kg.pipeline.extract`.
    workers
        Processes (1: in this process; 0: every core).
    cache_dir
        Directory of the facts cache, or None for no cache.
    progress
        tqdm bar on stderr (articles, chars/s, ETA) and a final summary line; None: on a terminal.
    chunk_articles, chunk_chars
        Chunk size (articles handed to a worker at once).
    start_method
        multiprocessing start method (default: see :func:`_mp_context`).
    source
        Articles (and :class:`Rejected` items) to use instead of reading ``paths``.
    extractor
        A ready extractor for ``workers=1`` (e.g. one kept per Dask worker process); default
        :func:`kg.pipeline.make_extractor` of ``ner``.
    """

    def __init__(self, paths: Iterable[Union[str, os.PathLike]], defaults: Defaults = Defaults(),
                 ner: Optional[str] = "auto", *, workers: Optional[int] = 1,
                 cache_dir: Optional[Union[str, os.PathLike]] = None, progress: Optional[bool] = None,
                 chunk_articles: int = CHUNK_ARTICLES, chunk_chars: int = CHUNK_CHARS,
                 start_method: Optional[str] = None,
                 source: Optional[Iterable[Union[Article, Rejected]]] = None, extractor: Any = None) -> None:
        self.paths = [Path(p) for p in paths]
        self.source = source
        self.defaults = defaults
        self.ner = ner
        self.workers = resolve_workers(workers)
        self.cache_dir = Path(cache_dir).expanduser() if cache_dir is not None else None
        self.progress = progress
        self.chunk_articles = max(1, chunk_articles)
        self.chunk_chars = max(1, chunk_chars)
        self.start_method = start_method
        self.result = BatchResult(workers=self.workers)
        self._extractor: Any = extractor
        self._pool: Any = None
        self._cache: Optional[FactsCache] = None
        self._started = False

    # -- setup ---------------------------------------------------------------------------------
    def _pool_start(self) -> None:
        from concurrent.futures import ProcessPoolExecutor

        ctx = _mp_context(self.start_method)
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=_init_worker,
                                         initargs=(self.ner,))

    def _resolve_model(self) -> str:
        """Model key (and method id on the result); loads the extractor where it will run."""
        if self.workers == 1:
            if self._extractor is None:
                self._extractor = make_extractor(self.ner)
            self.result.model = self._extractor.method_id
            if hasattr(self.result, "note"):
                self.result.note = getattr(self._extractor, "note", "") or ""
            return model_key(self._extractor)
        key = _static_model_key(self.ner)
        if key == "rules":
            self.result.model = "rules"
            return key
        self._pool_start()  # the workers load the model; ask one of them what it loaded
        key, method, err = self._pool.submit(_worker_model_key).result()
        if err:
            raise bad_model(f"a worker could not load the extractor: {err}")
        self.result.model = method
        return key

    def _open_cache(self, key: str) -> None:
        if self.cache_dir is None:
            return
        try:
            self._cache = FactsCache(self.cache_dir, key)
            self.result.cache_path = self._cache.path
        except (OSError, sqlite3.Error) as e:
            log.warning("W804 facts cache unavailable at %s (%s); running without it", self.cache_dir, e)
            self._cache = None

    # -- chunks --------------------------------------------------------------------------------
    def _chunks(self) -> Iterator[list[Article]]:
        buf: list[Article] = []
        chars = 0
        items = self.source if self.source is not None else read_articles(self.paths, self.defaults)
        for item in items:
            if isinstance(item, Rejected):
                self.result.rejected.append(item)
                continue
            buf.append(item)
            chars += len(item.text)
            if len(buf) >= self.chunk_articles or chars >= self.chunk_chars:
                yield buf
                buf, chars = [], 0
        if buf:
            yield buf

    def _prepare(self, articles: list[Article]) -> _Chunk:
        with _gc_paused():
            return self._prepare_chunk(articles)

    def _prepare_chunk(self, articles: list[Article]) -> _Chunk:
        n = len(articles)
        keys = [content_key(a) for a in articles] if self._cache is not None else [""] * n
        ch = _Chunk(articles, keys, [None] * n, [None] * n)
        hits = self._cache.get_many(keys) if self._cache is not None else {}
        for i, a in enumerate(articles):
            blob = hits.get(keys[i])
            if blob is not None:
                try:
                    ch.results[i] = decode_facts(blob, a)
                    self.result.cache_hits += 1
                    continue
                except ValueError as e:
                    log.info("ignoring cache entry of %s: %s", a.id, e)
            ch.todo.append(i)
        if ch.todo:
            todo = [articles[i] for i in ch.todo]
            if self.workers == 1:
                ch.blobs = self._extract_inline(todo)
            else:
                if self._pool is None:
                    self._pool_start()
                ch.future = self._pool.submit(_extract_chunk, [_pack_article(a) for a in todo],
                                              self._cache is not None)
        return ch

    def _extract_inline(self, todo: list[Article]) -> list[tuple[Any, Optional[str]]]:
        # no encoding round trip without a cache: the facts are kept as they are
        out: list[tuple[Any, Optional[str]]] = []
        for a in todo:
            facts, err = _extract_one(self._extractor, a)
            out.append((facts, err))
        return out

    def _finish(self, ch: _Chunk) -> None:
        """Collect a chunk's extraction results, write them to the cache (one transaction)."""
        if not ch.todo:
            return
        got = ch.blobs if ch.future is None else ch.future.result()
        with _gc_paused():
            self._finish_chunk(ch, got)

    def _finish_chunk(self, ch: _Chunk, got: list[tuple[Any, Optional[str]]]) -> None:
        entries: list[tuple[str, str, bytes]] = []
        for i, (value, err) in zip(ch.todo, got):
            a = ch.articles[i]
            if err is not None:
                ch.errors[i] = err
                continue
            blob: Optional[bytes] = None
            if isinstance(value, ArticleFacts):  # inline run
                facts = value
            elif isinstance(value, dict):  # a worker could not encode it
                facts = ArticleFacts(article=a, **value)
            else:
                facts = decode_facts(value, a)
                blob = value if value[:4] == _MAGIC else None
            if self._cache is not None:
                try:
                    entries.append((ch.keys[i], a.id, blob if blob is not None else encode_facts(facts)))
                except ValueError as e:
                    log.warning("W805 facts of %s are not cacheable: %s", a.id, e)
            ch.results[i] = facts
            self.result.extracted += 1
        if self._cache is not None:
            self._cache.put_many(entries)

    # -- iteration -----------------------------------------------------------------------------
    def __iter__(self) -> Iterator[ArticleFacts]:
        if self._started:
            raise RuntimeError("a BatchRun can be iterated once")
        self._started = True
        from tqdm import tqdm

        from .pipeline import _no_progress

        res = self.result
        t0 = time.perf_counter()
        disable = _no_progress(self.progress)
        show = disable is False or (disable is None and sys.stderr.isatty())
        total = _estimate_articles(self.paths) if show and self.source is None else None
        bar = tqdm(desc="extract", unit="art", total=total, disable=disable, file=sys.stderr, dynamic_ncols=True,
                   smoothing=0.1)
        window = self.workers * 3 if self.workers > 1 else 1
        pending: deque[_Chunk] = deque()
        try:
            res.model_key = self._resolve_model()
            self._open_cache(res.model_key)

            def emit(ch: _Chunk) -> Iterator[ArticleFacts]:
                self._finish(ch)
                for i, a in enumerate(ch.articles):
                    res.chars += len(a.text)
                    if ch.errors[i] is not None:
                        res.failed.append(Rejected(a.origin, a.line, a.id, ch.errors[i]))
                    elif ch.results[i] is not None:
                        yield ch.results[i]
                bar.update(len(ch.articles))
                rate = res.chars / max(time.perf_counter() - t0, 1e-9)
                bar.set_postfix(chars_s=f"{rate:,.0f}", cached=res.cache_hits, refresh=False)

            for articles in self._chunks():
                pending.append(self._prepare(articles))
                while pending and (len(pending) > window or pending[0].future is None
                                   or pending[0].future.done()):
                    yield from emit(pending.popleft())
            while pending:
                yield from emit(pending.popleft())
        except BaseException as e:
            from concurrent.futures.process import BrokenProcessPool

            if isinstance(e, BrokenProcessPool):
                raise KgError("E801", "a worker process died (out of memory?); finished batches are cached, "
                                      "rerun to resume") from e
            raise
        finally:
            for ch in pending:
                if ch.future is not None:
                    ch.future.cancel()
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
            if self._cache is not None:
                self._cache.close()
            res.seconds = time.perf_counter() - t0
            bar.close()
        if show:
            print(batch_summary(res), file=sys.stderr)


def batch_summary(res: RunResult) -> str:
    """One line: articles, characters, throughput, cache use, workers, problems."""
    n = len(res.facts) + len(res.failed) if res.facts else None
    hits = getattr(res, "cache_hits", 0)
    extracted = getattr(res, "extracted", 0)
    arts = n if n is not None else hits + extracted + len(res.failed)
    rate = res.chars / res.seconds if res.seconds else 0.0
    parts = [f"{arts} articles", f"{res.chars / 1e6:.2f} M chars", f"{res.seconds:.2f} s", f"{rate:,.0f} chars/s"]
    if getattr(res, "cache_path", None) is not None:
        parts.append(f"cache: {hits} hits, {extracted} extracted")
    parts.append(f"{getattr(res, 'workers', 1)} worker(s)")
    if res.rejected or res.failed:
        parts.append(f"{len(res.rejected)} rejected, {len(res.failed)} failed")
    return "extract: " + ", ".join(parts) + f" [{res.model}]"


def iter_extract(paths: Iterable[Union[str, os.PathLike]], defaults: Defaults = Defaults(),
                 ner: Optional[str] = "auto", **kwargs: Any) -> BatchRun:
    """A streaming :class:`BatchRun` (same keyword arguments); iterate it for facts in input order."""
    return BatchRun(paths, defaults, ner, **kwargs)


def extract_parallel(paths: Iterable[Union[str, os.PathLike]], defaults: Defaults = Defaults(),
                     ner: Optional[str] = "auto", workers: Optional[int] = 1,
                     cache_dir: Optional[Union[str, os.PathLike]] = None, progress: Optional[bool] = None,
                     **kwargs: Any) -> BatchResult:
    """Extract every article under ``paths`` with ``workers`` processes and the cache in ``cache_dir``.

    Drop-in for :func:`kg.pipeline.extract` (a :class:`BatchResult` is a ``RunResult`` with cache
    counts): ``facts`` are in input order whatever ``workers`` is; bad items are collected in
    ``rejected`` / ``failed``, never fatal. Extra keywords go to :class:`BatchRun`.
    """
    run = BatchRun(paths, defaults, ner, workers=workers, cache_dir=cache_dir, progress=progress, **kwargs)
    facts = list(run)
    run.result.facts = facts
    return run.result
