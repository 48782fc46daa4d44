"""Throughput, scaling and memory of batch extraction, with ratios measured in the same run.

On ``../shared/corpus/xwlb/meeting_items.jsonl`` (1,674 新闻联播 items, 1.16 M characters)::

    .venv/bin/python bench/throughput.py                 # everything (several minutes)
    .venv/bin/python bench/throughput.py --quick         # memory at 1x/2x/4x, no full build
    .venv/bin/python bench/throughput.py --only speed,workers,cache --json /tmp/tp.json

Sections (each prints its rows; a table of ratios against the bars closes the run):

speed
    rules-only extraction vs ``jieba.posseg`` (segmentation + POS tagging, the usual baseline) on the
    same texts, alternating runs, best of ``--repeat``; CPU time (``time.process_time``) is the
    figure that matters on a shared machine, wall time is shown beside it. Bar: ours >= 2x jieba.
workers
    :func:`kg.batch.extract_parallel` with ``workers=1`` then ``2`` (no cache), alternating, best
    wall time of ``--repeat``. Bar: 2 workers >= 1.6x faster. Needs two idle cores: the load
    average is printed, since a busy machine caps the speed-up whatever the code does.
cache
    a cold build that fills a new cache, then a warm rebuild. Bar: warm < 10% of cold.
memory
    peak RSS (``resource.getrusage``) of a fresh process streaming the corpus replicated 1x, 4x,
    16x (articles re-identified ``r<k>-<id>``), next to one that keeps every fact (what
    ``kg extract`` does) at 1x and 4x. Bar: streaming peak at 16x < 2x the 1x peak (sub-linear).
build
    ``kg.pipeline.build`` on the corpus with one worker and no cache (extract, link, rdf,
    co-attendance, Turtle + TriG, facts.json, the two views). Bar: < 60 s. Then the same stages
    timed one by one, to show where the time goes.

When the corpus is absent the benchmark prints why and exits 0. ``--corpus`` takes any JSONL
(``bench/synth.py`` writes some).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
CORPUS = ROOT.parent / "shared" / "corpus" / "xwlb" / "meeting_items.jsonl"
SECTIONS = ("speed", "workers", "cache", "memory", "build")


def _load(corpus: Path) -> list[Any]:
    from kg.ingest import read_articles
    from kg.model import Article

    return [a for a in read_articles([corpus]) if isinstance(a, Article)]


def _timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall s, CPU s of this process, result)."""
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w0, time.process_time() - c0, out


def _load_note() -> str:
    try:
        la = os.getloadavg()
        return f"load average {la[0]:.2f} on {os.cpu_count()} cores"
    except OSError:  # pragma: no cover
        return ""


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, Optional[bool]]] = []  # (what, measured, bar, ok)
        self.data: dict[str, Any] = {}

    def add(self, what: str, measured: str, bar: str = "", ok: Optional[bool] = None) -> None:
        self.rows.append((what, measured, bar, ok))
        flag = "" if ok is None else ("  PASS" if ok else "  MISS")
        print(f"  {what:44} {measured:40} {bar}{flag}", flush=True)

    def table(self) -> str:
        w = max(len(r[0]) for r in self.rows) if self.rows else 10
        m = max(len(r[1]) for r in self.rows) if self.rows else 10
        lines = [f"{'measure':{w}}  {'result':{m}}  bar", "-" * (w + m + 20)]
        for what, measured, bar, ok in self.rows:
            flag = "" if ok is None else (" PASS" if ok else " MISS")
            lines.append(f"{what:{w}}  {measured:{m}}  {bar}{flag}")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------

def bench_speed(corpus: Path, rep: Report, repeat: int) -> None:
    print(f"\n[speed] rules vs jieba.posseg, single process ({_load_note()})")
    import logging

    import jieba
    import jieba.posseg as pseg

    from kg.extract.rules import RuleExtractor

    arts = _load(corpus)
    chars = sum(len(a.text) for a in arts)
    jieba.setLogLevel(logging.WARNING)
    list(pseg.cut("市委书记王伟主持会议。"))  # dictionary load is not part of the rate
    ex = RuleExtractor()
    ex.extract(arts[0])  # nor are the lazily built tries
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(_timed(lambda: [ex.extract(a) for a in arts])[:2])
        theirs.append(_timed(lambda: [list(pseg.cut(a.text)) for a in arts])[:2])
    ow, oc = min(w for w, _ in ours), min(c for _, c in ours)
    tw, tc = min(w for w, _ in theirs), min(c for _, c in theirs)
    rep.data["speed"] = {"chars": chars, "rules_wall": ow, "rules_cpu": oc, "jieba_wall": tw, "jieba_cpu": tc}
    rep.add("rules extraction (CPU)", f"{chars / oc:,.0f} chars/s ({oc:.2f} s)")
    rep.add("jieba.posseg (CPU)", f"{chars / tc:,.0f} chars/s ({tc:.2f} s)")
    rep.add("rules / jieba, CPU time", f"{tc / oc:.2f}x", ">= 2x", tc / oc >= 2)
    rep.add("rules / jieba, wall time", f"{tw / ow:.2f}x")


def _burn(n: int = 6_000_000) -> int:
    s = 0
    for i in range(n):
        s += i
    return s


def _machine_speedup() -> float:
    """What two processes get here now: a pure-Python CPU loop run twice serially vs in 2 processes."""
    import multiprocessing as mp

    serial = _timed(lambda: [_burn(), _burn()])[0]
    with mp.get_context("fork").Pool(2) as pool:
        pool.map(_burn, [1000, 1000])  # started and warm
        parallel = _timed(lambda: pool.map(_burn, [6_000_000, 6_000_000]))[0]
    return serial / parallel


def bench_workers(corpus: Path, rep: Report, repeat: int) -> None:
    print(f"\n[workers] extract_parallel, no cache ({_load_note()})")
    from kg.batch import extract_parallel

    times: dict[int, list[float]] = {1: [], 2: []}
    cpu_children: dict[int, list[float]] = {1: [], 2: []}
    machine: list[float] = []
    n = 0
    for _ in range(repeat):
        machine.append(_machine_speedup())
        print(f"    reference: 2 processes of a CPU loop run {machine[-1]:.2f}x faster than 1 here now", flush=True)
        for w in (1, 2):
            c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall, cpu, res = _timed(lambda: extract_parallel([corpus], ner="none", workers=w, progress=False))
            c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            times[w].append(wall)
            cpu_children[w].append(cpu + (c1.ru_utime + c1.ru_stime) - (c0.ru_utime + c0.ru_stime))
            n = len(res.facts)
            print(f"    workers={w}: {wall:.2f} s wall, {cpu_children[w][-1]:.2f} s CPU ({_load_note()})", flush=True)
    t1, t2 = min(times[1]), min(times[2])
    rep.data["workers"] = {"articles": n, "wall_1": times[1], "wall_2": times[2], "cpu_1": cpu_children[1],
                           "cpu_2": cpu_children[2]}
    rep.add("extract --workers 1", f"{t1:.2f} s wall")
    rep.add("extract --workers 2", f"{t2:.2f} s wall")
    rep.add("speed-up 2 workers vs 1", f"{t1 / t2:.2f}x", ">= 1.6x", t1 / t2 >= 1.6)
    best_machine = max(machine)
    rep.data["workers"]["machine"] = machine
    rep.add("  same-run reference: CPU loop, 2 procs vs 1", f"{best_machine:.2f}x (the ceiling on this machine now)")
    rep.add("  efficiency (speed-up / ceiling)", f"{(t1 / t2) / best_machine:.0%}")
    c1, c2 = min(cpu_children[1]), min(cpu_children[2])
    rep.add("CPU overhead of 2 workers (total CPU)", f"{c2 / c1:.2f}x of 1 worker's")
    rep.add("  projected on 2 idle cores (2 x CPU1/CPU2)", f"{min(2.0, 2 * c1 / c2):.2f}x")


def bench_cache(corpus: Path, rep: Report, repeat: int) -> None:
    print(f"\n[cache] cold build filling a new cache, then warm rebuilds ({_load_note()})")
    from kg.batch import extract_parallel

    with tempfile.TemporaryDirectory() as d:
        cold, _, r0 = _timed(lambda: extract_parallel([corpus], ner="none", workers=1, cache_dir=d, progress=False))
        warm = []
        for _ in range(repeat):
            w, _, r1 = _timed(lambda: extract_parallel([corpus], ner="none", workers=1, cache_dir=d, progress=False))
            warm.append(w)
            assert r1.extracted == 0 and r1.facts == r0.facts
        warm2, _, r2 = _timed(lambda: extract_parallel([corpus], ner="none", workers=2, cache_dir=d, progress=False))
        size = sum(p.stat().st_size for p in Path(d).iterdir())
    best = min(warm)
    rep.data["cache"] = {"cold": cold, "warm": warm, "warm_workers2": warm2, "bytes": size,
                         "articles": len(r0.facts)}
    rep.add("cold build with cache (1 worker)", f"{cold:.2f} s, {r0.extracted} extracted")
    rep.add("warm rebuild (1 worker)", f"{best:.2f} s, {r1.cache_hits} hits")
    rep.add("warm rebuild (2 workers: no pool needed)", f"{warm2:.2f} s, {r2.cache_hits} hits")
    rep.add("warm / cold", f"{100 * best / cold:.1f}%", "< 10%", best / cold < 0.10)
    rep.add("cache size", f"{size / 1e6:.1f} MB ({size / max(1, len(r0.facts)) / 1e3:.1f} kB/article)")


def _replicate(corpus: Path, k: int, out: Path) -> int:
    """The corpus ``k`` times with new ids; returns the number of characters of text."""
    chars = 0
    with open(out, "w", encoding="utf-8") as w:
        for rep_i in range(k):
            with open(corpus, encoding="utf-8") as r:
                for n, line in enumerate(r, 1):
                    if not line.strip():
                        continue
                    obj = json.loads(line)
                    obj["id"] = f"r{rep_i}-{obj.get('id', n)}"
                    chars += len(obj.get("text") or "")
                    w.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return chars


def _child_memory(path: str, mode: str) -> None:
    """Run in a fresh process: stream (or collect) the file, print peak RSS and time as JSON."""
    from kg.batch import BatchRun, extract_parallel

    t0 = time.perf_counter()
    if mode == "stream":
        run = BatchRun([path], ner="none", workers=1, progress=False)
        n = sum(1 for _ in run)
    else:
        n = len(extract_parallel([path], ner="none", workers=1, progress=False).facts)
    print(json.dumps({"articles": n, "peak_mb": _peak_rss_mb(), "seconds": time.perf_counter() - t0}))


def _peak_rss_mb() -> float:
    """Peak RSS of this process: VmHWM (reset by exec), else ru_maxrss (which Linux carries over
    from the parent across fork + exec, so a big parent would mask a small child)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_memory(corpus: Path, rep: Report, scales: list[int]) -> None:
    print(f"\n[memory] peak RSS of a fresh process, scales {scales} ({_load_note()})")
    results: dict[str, dict[int, dict]] = {"stream": {}, "collect": {}}
    with tempfile.TemporaryDirectory() as d:
        for k in scales:
            path = Path(d) / f"x{k}.jsonl"
            chars = _replicate(corpus, k, path)
            modes = ["stream"] + (["collect"] if k <= 4 else [])
            for mode in modes:
                out = subprocess.run([sys.executable, __file__, "--child-memory", str(path), mode],
                                     capture_output=True, text=True, check=True)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                r["chars"] = chars
                results[mode][k] = r
                print(f"    {mode:7} {k:3}x: {r['articles']:7} articles, {chars / 1e6:6.1f} M chars, "
                      f"peak {r['peak_mb']:7.1f} MB, {r['seconds']:.1f} s", flush=True)
            path.unlink()
    rep.data["memory"] = results
    base = results["stream"][scales[0]]["peak_mb"]
    for k in scales:
        r = results["stream"][k]
        rep.add(f"streaming peak RSS at {k}x", f"{r['peak_mb']:.0f} MB ({r['peak_mb'] / base:.2f}x of {scales[0]}x)")
    for k, r in results["collect"].items():
        rep.add(f"keep-all-facts peak RSS at {k}x", f"{r['peak_mb']:.0f} MB")
    top = scales[-1]
    ratio = results["stream"][top]["peak_mb"] / base
    rep.add(f"streaming growth {scales[0]}x -> {top}x", f"{ratio:.2f}x for {top // scales[0]}x the input",
            "sub-linear (< 2x)", ratio < 2)


def bench_build(corpus: Path, rep: Report, stages_too: bool = True) -> None:
    print(f"\n[build] kg.pipeline.build, one worker, no cache ({_load_note()})")
    from kg import pipeline

    with tempfile.TemporaryDirectory() as d:
        wall, _, res = _timed(lambda: pipeline.build([corpus], Path(d) / "out", ner="none", progress=False,
                                                      workers=1))
    print(f"    total {wall:.2f} s, {res.triples} triples", flush=True)
    rep.data["build"] = {"total": wall, "triples": res.triples}
    rep.add("kg build, 1 worker (pipeline.build)", f"{wall:.1f} s, {res.triples} triples", "< 60 s", wall < 60)
    if not stages_too:
        return
    # the same stages one by one, to show where the time goes
    from kg import derive, rdf, view
    from kg.batch import extract_parallel
    from kg.extract.rules import RULES_VERSION
    from kg.link import link_persons
    from kg.pipeline import BuildResult, write_facts

    stages: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as d:
        out = Path(d)

        def stage(name: str, fn: Callable[[], Any]) -> Any:
            w, _, r = _timed(fn)
            stages[name] = w
            print(f"    {name:14} {w:7.2f} s", flush=True)
            return r

        run = stage("extract", lambda: extract_parallel([corpus], ner="none", workers=1, progress=False))
        ids = stage("link", lambda: link_persons(run.facts))
        ds = stage("rdf", lambda: rdf.build_quads(run.facts, ids, model_id=run.model, rules_version=RULES_VERSION))
        stage("co-attendance", lambda: derive.add_coattendance(ds, engine="oxigraph"))
        stage("ttl + trig", lambda: rdf.dataset_to_files(ds, out))
        res2 = BuildResult.from_run(run)
        res2.identities = ids
        stage("facts.json", lambda: write_facts(res2, out / "facts.json"))
        stage("views", lambda: (view.governance_view(run.facts, ids, out / "graph.html"),
                                view.coattendance_view(run.facts, ids, out / "coattendance.html")))
    rep.data["build"]["stages"] = stages
    rep.add("  stages summed", f"{sum(stages.values()):.1f} s: " + ", ".join(
        f"{k} {v:.1f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])[:4]))


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    ap.add_argument("--repeat", type=int, default=2, help="runs per timing (best is kept)")
    ap.add_argument("--scales", default="1,4,16", help="corpus replications for the memory section")
    ap.add_argument("--quick", action="store_true", help="scales 1,2,4 and no full build")
    ap.add_argument("--json", type=Path, help="also write the measurements as JSON")
    ap.add_argument("--child-memory", nargs=2, metavar=("FILE", "MODE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_memory:
        _child_memory(*args.child_memory)
        return 0
    if not args.corpus.exists():
        print(f"skipped: corpus {args.corpus} is absent (it lives in ../shared; pass --corpus FILE.jsonl, "
              "e.g. one written by bench/synth.py)")
        return 0
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    scales = [int(x) for x in args.scales.split(",")]
    if args.quick:
        scales = [1, 2, 4]
        only = [s for s in only if s != "build"]
    rep = Report()
    print(f"corpus {args.corpus}; python {sys.version.split()[0]}; {_load_note()}")
    t0 = time.perf_counter()
    if "speed" in only:
        bench_speed(args.corpus, rep, args.repeat)
    if "workers" in only:
        bench_workers(args.corpus, rep, args.repeat)
    if "cache" in only:
        bench_cache(args.corpus, rep, args.repeat)
    if "memory" in only:
        bench_memory(args.corpus, rep, scales)
    if "build" in only:
        bench_build(args.corpus, rep)
    print(f"\n== summary ({time.perf_counter() - t0:.0f} s; {_load_note()}) ==")
    print(rep.table())
    if args.json:
        args.json.write_text(json.dumps(rep.data, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
