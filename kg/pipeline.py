"""Run the stages: ingest -> extract -> link -> rdf -> derive -> export -> view.

The CLI is a thin layer over :func:`extract` and :func:`build`.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from tqdm import tqdm

from .errors import bad_model
from .extract.rules import RULES_VERSION, RuleExtractor
from .facts import facts_document, summarize, write_json_atomic
from .ingest import Defaults, read_articles
from .link import link_persons
from .model import Article, ArticleFacts, PersonIdentity, Rejected


@dataclass
class RunResult:
    """What an extraction run produced and what it had to reject."""

    facts: list[ArticleFacts] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    failed: list[Rejected] = field(default_factory=list)  # articles whose extraction raised
    chars: int = 0
    seconds: float = 0.0
    model: str = "rules"
    note: str = ""  # e.g. which NER model `auto` picked, said once in the summary

    @property
    def empty(self) -> list[str]:
        """Ids of articles that yielded no facts."""
        return [f.article.id for f in self.facts if f.is_empty]

    @property
    def problems(self) -> list[Rejected]:
        return self.rejected + self.failed


@dataclass
class BuildResult(RunResult):
    identities: dict[tuple[str, str], PersonIdentity] = field(default_factory=dict)
    triples: int = 0
    files: list[Path] = field(default_factory=list)

    @classmethod
    def from_run(cls, run: RunResult) -> "BuildResult":
        """A build result carrying ``run``'s fields (``run`` may be a batch result with more)."""
        return cls(**{k: getattr(run, k) for k in RunResult.__dataclass_fields__})


def make_extractor(ner: Optional[str] = "auto") -> RuleExtractor:
    """The rule extractor, with a HanLP NER model when ``ner`` names or finds one."""
    if ner in (None, "none", "rules"):
        return RuleExtractor()
    try:
        from .extract import hanlp_ner
    except ImportError as e:  # the HanLP backend is optional at import time
        if ner == "auto":
            return RuleExtractor()
        raise bad_model(f"HanLP backend unavailable: {e}") from e
    try:
        model = hanlp_ner.resolve_model(ner)
    except hanlp_ner.ModelError as e:
        raise bad_model(str(e)) from e
    extractor = RuleExtractor(ner=model)
    if model is None and ner == "auto":
        extractor.note = "NER: " + hanlp_ner.describe_auto()
    return extractor


def extract(paths: Iterable[Path], defaults: Defaults = Defaults(), ner: Optional[str] = "auto",
            progress: Optional[bool] = None, workers: int = 1, cache_dir: Optional[Path] = None) -> RunResult:
    """Read and extract every article under ``paths``; bad items are collected, never fatal.

    ``workers`` > 1 or a ``cache_dir`` runs the batch path (:mod:`kg.batch`): N processes, and a
    per-article cache so that a rebuild only extracts changed articles.
    """
    if workers != 1 or cache_dir is not None:
        from .batch import extract_parallel

        return extract_parallel(paths, defaults, ner, workers=workers, cache_dir=cache_dir, progress=progress)
    extractor = make_extractor(ner)
    res = RunResult(model=extractor.method_id, note=getattr(extractor, "note", ""))
    t0 = time.perf_counter()
    bar = tqdm(desc="extract", unit="art", disable=_no_progress(progress), file=sys.stderr, dynamic_ncols=True)
    for item in read_articles(list(paths), defaults):
        if isinstance(item, Rejected):
            res.rejected.append(item)
            continue
        try:
            res.facts.append(extractor.extract(item))
        except Exception as e:  # one broken article never stops a batch
            res.failed.append(Rejected(item.origin, item.line, item.id, f"extraction failed: {type(e).__name__}: {e}"))
        res.chars += len(item.text)
        bar.update(1)
        bar.set_postfix(chars_s=f"{res.chars / max(time.perf_counter() - t0, 1e-9):,.0f}", refresh=False)
    bar.close()
    res.seconds = time.perf_counter() - t0
    return res


def _no_progress(progress: Optional[bool]) -> Optional[bool]:
    if progress is None:
        return None if sys.stderr.isatty() else True
    return not progress


def write_facts(res: RunResult, out: Path) -> None:
    """Write the facts JSON atomically; a build adds the person identities and the merges behind them."""
    meta: dict = {"generator": f"govkg ({res.model}, rules {RULES_VERSION})"}
    if isinstance(res, BuildResult) and res.identities:
        idents = {i.key: i for i in res.identities.values()}
        meta["persons"] = [{"key": i.key, "name": i.name, "context": i.context, "articles": list(i.merged_from)}
                           for i in sorted(idents.values(), key=lambda i: (i.name, i.key))]
    write_json_atomic(out, facts_document(res.facts, **meta))


def build(paths: Iterable[Path], out_dir: Path, defaults: Defaults = Defaults(), ner: Optional[str] = "auto",
          progress: Optional[bool] = None, stamp: bool = False, workers: int = 1,
          cache_dir: Optional[Path] = None) -> BuildResult:
    """Extract, link, build the RDF dataset and write graph.ttl/.trig, facts.json and the HTML views."""
    from . import derive, rdf

    run = extract(paths, defaults, ner, progress, workers=workers, cache_dir=cache_dir)
    t0 = time.perf_counter()
    res = BuildResult.from_run(run)
    res.identities = link_persons(res.facts)
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = [out_dir / n for n in ("graph.ttl", "graph.trig", "facts.json", "graph.html", "coattendance.html")]
    digest = _build_digest(res, stamp)
    manifest = out_dir / ".build-manifest"
    if not stamp and all(p.exists() for p in outputs) and manifest.exists() \
            and manifest.read_text(encoding="utf-8").strip() == digest:
        # Same articles, same code, same model: the outputs on disk are already this build's.
        res.files = outputs
        res.triples = _count_triples(out_dir / "graph.trig")
        res.seconds += time.perf_counter() - t0
        res.note = (res.note + "\n" if res.note else "") + "nothing changed: outputs reused"
        return res
    manifest.unlink(missing_ok=True)
    # Every output is written into a staging directory and moved into place only when all of them
    # are done, so an interrupted or failed build leaves the previous build's files as they were.
    stage = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    jobs = _Jobs()
    try:
        # With more than one worker the output stages overlap: the facts file and the views need
        # only the facts, so a forked child writes them while this process builds the RDF; then
        # TriG is written by a second child while this one writes Turtle. Same bytes as one process.
        parallel = _parallel_outputs(workers)
        side = jobs.add(_run(parallel, _write_facts_and_views, res, stage))
        ds = rdf.build_quads(res.facts, res.identities, model_id=res.model, rules_version=RULES_VERSION,
                             generated_at=_build_time() if stamp else None)
        derive.add_coattendance(ds, engine="oxigraph")
        res.triples = len(ds)
        trig = jobs.add(_run(parallel, rdf.dataset_to_files, ds, stage, ("trig",)))
        rdf.dataset_to_files(ds, stage, ("ttl",))
        del ds
        trig.wait()
        side.wait()
        for path in outputs:
            os.replace(stage / path.name, path)
    except BaseException:
        jobs.kill()  # before the staging directory goes
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    res.files.extend(outputs)
    (out_dir / ".build-triples").write_text(str(res.triples), encoding="utf-8")
    manifest.write_text(digest, encoding="utf-8")
    res.seconds += time.perf_counter() - t0
    return res


def _write_facts_and_views(res: BuildResult, out_dir: Path) -> None:
    """facts.json and the two HTML views: they need the facts only, not the graph."""
    from . import view

    write_facts(res, out_dir / "facts.json")
    view.governance_view(res.facts, res.identities, out_dir / "graph.html")
    view.coattendance_view(res.facts, res.identities, out_dir / "coattendance.html")


def _parallel_outputs(workers: int) -> bool:
    """Overlap the output stages in forked processes? Only with several workers and ``fork``."""
    import multiprocessing as mp

    from .batch import resolve_workers

    return resolve_workers(workers) > 1 and "fork" in mp.get_all_start_methods()


class _Stage:
    """A stage run in a forked child (or already run inline); :meth:`wait` re-raises its error."""

    def __init__(self, proc=None, conn=None) -> None:
        self.proc, self.conn = proc, conn

    def wait(self) -> None:
        if self.proc is None:
            return
        message = self.conn.recv() if self.conn.poll(None) else None
        self.proc.join()
        self.conn.close()
        if message is not None or self.proc.exitcode != 0:
            raise RuntimeError(f"E205 an output stage failed in its process: {message or f'exit code {self.proc.exitcode}'}")


class _Jobs(list):
    """The forked stages of a build, so that a failure can stop the others."""

    def add(self, stage: "_Stage") -> "_Stage":
        self.append(stage)
        return stage

    def kill(self) -> None:
        for stage in self:
            if stage.proc is not None and stage.proc.is_alive():
                stage.proc.kill()
                stage.proc.join()


def _run(forked: bool, fn, *args) -> _Stage:
    """Run ``fn(*args)`` now, or in a forked child when ``forked`` (copy-on-write: no pickling)."""
    if not forked:
        fn(*args)
        return _Stage()
    import multiprocessing as mp

    parent_conn, child_conn = mp.get_context("fork").Pipe(duplex=False)

    def child() -> None:
        try:
            fn(*args)
        except BaseException as e:  # reported to the parent, which raises it
            child_conn.send(f"{type(e).__name__}: {e}")
            raise SystemExit(1)
        child_conn.send(None)

    proc = mp.get_context("fork").Process(target=child, daemon=True)
    proc.start()
    child_conn.close()
    return _Stage(proc, parent_conn)


def _build_digest(res: RunResult, stamp: bool) -> str:
    """Identity of a build: code, model, and every article's content, in order."""
    import hashlib

    from .batch import code_version, content_key

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{code_version()}|{res.model}|{stamp}".encode())
    for f in res.facts:
        h.update(f"\n{f.article.id}\t{content_key(f.article)}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _count_triples(trig: Path) -> int:
    marker = trig.with_name(".build-triples")
    try:
        return int(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0


def _build_time():
    """Build time for provenance (``--stamp``); SOURCE_DATE_EPOCH (reproducible builds) fixes it."""
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc) if int(epoch) else None
    return datetime.now(timezone.utc).replace(microsecond=0)


def summary_line(res: RunResult) -> str:
    """The short end-of-run summary."""
    s = summarize(res.facts)
    parts = [f"{s['articles']} articles", f"{s['persons']} persons", f"{s['posts']} posts", f"{s['meetings']} meetings",
             f"{s['documents']} documents"]
    if isinstance(res, BuildResult):
        parts.append(f"{res.triples} triples")
    parts.append(f"{res.seconds:.2f} s")
    line = ", ".join(parts) + f" [{res.model}]"
    if res.note:
        line += "\n" + res.note
    if res.empty:
        shown = ", ".join(res.empty[:10]) + (" …" if len(res.empty) > 10 else "")
        line += f"\nno facts in {len(res.empty)} article(s): {shown}"
    if res.problems:
        line += f"\nrejected {len(res.problems)} item(s)"
    return line


__all__ = ["Article", "BuildResult", "RunResult", "build", "extract", "make_extractor", "summary_line", "write_facts"]
