"""``kg build PATHS --store DIR`` in bounded memory: two passes over the input, link in between.

``kg build -o`` keeps every article's facts and the whole graph in memory (linear in the corpus).
Into a store the graph need not be in memory at all, and the facts only twice in passing::

    pass 1   kg.batch.BatchRun (workers, the facts cache, progress)
             -> per article a compact summary row: id, person names, (person, region, title) of
                the holdings, number of meetings, document titles (no text, no sentences, no
                evidence; strings shared between rows)
    link     kg.link.link_persons over the summaries, once, in input order: the identities of an
             in-memory build, exactly (linking reads nothing else)
    pass 2   read the input again; each article's facts come back from the facts cache by
             content key; chunks of STREAM_CHUNK_ARTICLES -> kg.store.ingest_chunks (named graphs
             + their union copy per chunk, one transaction each; co-attendance once at the end)

Pass 2 needs the facts cache. With the cache off (``--no-cache``, ``cache_dir=None``) or when the
cache directory cannot be opened, the run uses a temporary cache in ``$TMPDIR`` that is deleted at
the end (so nothing is read from or left in the user's cache): it costs about 4 kB of disk per
article, and with ``--workers N`` the compression is done by the workers. Keeping the compressed
facts in memory instead would grow by those 4 kB per article, which is what this path avoids.
An article pass 2 does not find in the cache (its facts were not cacheable, a cache write
failed) is extracted again in this process; if its facts then differ from the summary pass 1
linked (the input changed during the build), the build stops with ``E820``.

What still grows with the corpus: the summary rows (a few hundred bytes per article) and the
identity map of :func:`kg.link.link_persons` (one entry per person mention of an article).
"""
from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from .errors import KgError
from .ingest import Defaults, read_articles
from .model import Article, ArticleFacts, DocumentAction, Evidence, Holding, Meeting, PersonMention, Rejected

__all__ = ["Summaries", "build_store", "rereadable", "summary_row"]

log = logging.getLogger(__name__)

_EV = Evidence(0, 0, 0)
_MEETING = Meeting("m", "", None, _EV)

# A summary row: (article id, person names in order of first mention, holdings as
# (person, region, title), number of meetings, document titles)
Row = tuple[str, tuple[str, ...], tuple[tuple[str, Optional[str], str], ...], int, tuple[str, ...]]


def summary_row(f: ArticleFacts, intern: Optional[dict[str, str]] = None) -> Row:
    """What linking and the run summary need of an article's facts (see :class:`Summaries`)."""
    s = (lambda x: x) if intern is None else (lambda x: x if x is None else intern.setdefault(x, x))
    return (f.article.id, tuple(s(n) for n in f.person_names()),
            tuple((s(h.person), s(h.region), s(h.title)) for h in f.holdings),
            len(f.meetings), tuple(s(d.title) for d in f.documents))


def _facts_of(row: Row) -> ArticleFacts:
    aid, names, holdings, meetings, documents = row
    return ArticleFacts(
        article=Article(id=aid, title="", text="", clean="", clean_to_text=()), sentences=(),
        persons=tuple(PersonMention(n, _EV) for n in names),
        holdings=tuple(Holding(p, r, t, _EV) for p, r, t in holdings),
        meetings=(_MEETING,) * meetings,
        documents=tuple(DocumentAction(t, "adopted", None, None, _EV) for t in documents))


class Summaries(Sequence[ArticleFacts]):
    """Compact per-article summaries that read as a sequence of (reduced) :class:`ArticleFacts`.

    Each item is rebuilt on access from its row: the article id, the persons (as mentions, in
    order of first mention: :meth:`ArticleFacts.person_names` gives the article's names), the
    holdings' person, region and title, as many meetings as the article has and its documents'
    titles. That is everything :func:`kg.link.link_persons`, :func:`kg.facts.summarize` and
    ``ArticleFacts.is_empty`` read, at a few hundred bytes per article instead of ~30 kB for the
    facts (~6 kB for the slim facts of :mod:`kg.cluster`). Strings are shared between rows.
    """

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self._strings: dict[str, str] = {}

    def add(self, f: ArticleFacts) -> Row:
        row = summary_row(f, self._strings)
        self.rows.append(row)
        return row

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [_facts_of(r) for r in self.rows[i]]
        return _facts_of(self.rows[i])

    def __iter__(self) -> Iterator[ArticleFacts]:
        return map(_facts_of, self.rows)


def rereadable(paths: Iterable[Union[str, os.PathLike]]) -> bool:
    """Can the inputs be read twice? Not a pipe (``/dev/stdin``, a FIFO): those take the
    in-memory path."""
    from .ingest import iter_inputs

    try:
        return not any(f.is_fifo() or str(f) == "-" for f in iter_inputs([Path(p) for p in paths]))
    except OSError:
        return True  # read_articles reports the problem


def _usable_cache(cache_dir: Optional[Union[str, os.PathLike]]) -> Optional[Path]:
    """``cache_dir`` when a facts cache opens there, else None."""
    if cache_dir is None:
        return None
    from .batch import FactsCache

    try:
        FactsCache(cache_dir, "probe").close()
    except (OSError, sqlite3.Error) as e:
        log.warning("W806 facts cache unavailable at %s (%s); this build uses a temporary one", cache_dir, e)
        return None
    return Path(cache_dir).expanduser()


class _Pass2:
    """Pass 2: the input read again, facts from the cache, in chunks (see the module docstring)."""

    def __init__(self, paths: Sequence[Path], defaults: Defaults, ner: Optional[str], cache_dir: Path,
                 model_key: str, summaries: Summaries, failed: set[str],
                 chunk: int) -> None:
        self.paths, self.defaults, self.ner = paths, defaults, ner
        self.cache_dir, self.model_key = cache_dir, model_key
        self.summaries, self.failed, self.chunk = summaries, failed, max(1, chunk)
        self.extractor: Any = None
        self.reextracted = 0

    def _articles(self) -> Iterator[list[tuple[Article, int]]]:
        """The articles pass 1 summarised, in order, with their row index, in chunks."""
        rows = self.summaries.rows
        k = 0
        buf: list[tuple[Article, int]] = []
        for item in read_articles(list(self.paths), self.defaults):
            if isinstance(item, Rejected) or item.id in self.failed:
                continue
            if k >= len(rows) or rows[k][0] != item.id:
                raise KgError("E820", f"the input changed during the build (article {item.id!r} was not read in "
                                      "the first pass); run the build again")
            buf.append((item, k))
            k += 1
            if len(buf) >= self.chunk:
                yield buf
                buf = []
        if buf:
            yield buf
        if k != len(rows):
            raise KgError("E820", f"the input changed during the build ({len(rows) - k} article(s) of the first "
                                  "pass are gone); run the build again")

    def _extract(self, a: Article, row: Row) -> ArticleFacts:
        from .pipeline import make_extractor

        if self.extractor is None:
            log.warning("W807 facts of some articles are not in the cache; extracting them again in this process")
            self.extractor = make_extractor(self.ner)
        f = self.extractor.extract(a)
        self.reextracted += 1
        if summary_row(f) != row:
            raise KgError("E820", f"the input changed during the build (article {a.id!r} differs from the first "
                                  "pass); run the build again")
        return f

    def __iter__(self) -> Iterator[list[ArticleFacts]]:
        from .batch import FactsCache, _gc_paused, content_key, decode_facts

        cache = FactsCache(self.cache_dir, self.model_key)
        try:
            for part in self._articles():
                with _gc_paused():
                    keys = [content_key(a) for a, _ in part]
                    hits = cache.get_many(keys)
                    out = []
                    for (a, k), key in zip(part, keys):
                        blob = hits.get(key)
                        f = None
                        if blob is not None:
                            try:
                                f = decode_facts(blob, a)
                            except ValueError:
                                f = None
                        out.append(f if f is not None else self._extract(a, self.summaries.rows[k]))
                    del hits
                yield out
        finally:
            cache.close()


def build_store(paths: Iterable[Union[str, os.PathLike]], store, defaults: Defaults = Defaults(),
                ner: Optional[str] = "auto", *, workers: int = 1,
                cache_dir: Optional[Union[str, os.PathLike]] = None, progress: Optional[bool] = None,
                generated_at: Any = None, chunk: Optional[int] = None, derive: bool = True):
    """Extract ``paths`` and add the articles to ``store`` (an open ``pyoxigraph.Store``) in bounded
    memory; returns ``(BuildResult, IngestReport)``.

    The store ends up as ``kg.store.ingest(store, facts, link_persons(facts))`` of all the facts
    would leave it. ``result.facts`` is a :class:`Summaries` (enough for
    :func:`kg.pipeline.summary_line` and linking), ``result.identities`` the linked identities.
    ``cache_dir`` None means no cache: a temporary one is used for the run (module docstring).
    """
    from tqdm import tqdm

    from . import store as S
    from .batch import BatchRun
    from .extract.rules import RULES_VERSION
    from .link import link_persons
    from .pipeline import BuildResult, _no_progress

    paths = [Path(p) for p in paths]
    cache = _usable_cache(cache_dir)
    tmp = None
    if cache is None:
        tmp = Path(tempfile.mkdtemp(prefix="govkg-build-cache-"))
        cache = tmp
    try:
        # pass 1: extract (streamed), keep the summaries
        run = BatchRun(paths, defaults, ner, workers=workers, cache_dir=cache, progress=progress)
        summaries = Summaries()
        for f in run:
            summaries.add(f)
        r = run.result
        res = BuildResult.from_run(r)
        res.facts = summaries  # type: ignore[assignment]

        # link once, over every article, in input order
        t0 = time.perf_counter()
        res.identities = link_persons(summaries)
        res.seconds += time.perf_counter() - t0

        # pass 2: the facts again, chunk by chunk, into the store
        chunks = _Pass2(paths, defaults, ner, cache, r.model_key, summaries,
                        {p.article_id for p in r.failed}, chunk or S.STREAM_CHUNK_ARTICLES)
        bar = tqdm(desc="store", unit="art", total=len(summaries), disable=_no_progress(progress), file=sys.stderr,
                   dynamic_ncols=True)
        try:
            rep = S.ingest_chunks(store, chunks, res.identities, model_id=res.model, rules_version=RULES_VERSION,
                                  generated_at=generated_at, derive=derive, on_chunk=bar.update)
        finally:
            bar.close()
        if chunks.reextracted:
            res.note = (res.note + "\n" if res.note else "") + \
                f"{chunks.reextracted} article(s) were not in the facts cache and were extracted twice"
        res.seconds += rep.seconds
        res.triples = rep.triples_after
        return res, rep
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
