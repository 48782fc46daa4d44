"""Peak memory and wall time of ``kg build PATHS --store DIR`` (streaming) vs ``kg build -o`` (in memory).

The 新闻联播 corpus replicated 1x, 4x, 16x with new ids (``bench/throughput.py``'s helper); each
build runs in a fresh child process that calls the ``kg`` command in-process (rules only, one
worker, ``--no-cache``: a first build, extraction included) and reports its own peak RSS
(``VmHWM``)::

    .venv/bin/python bench/store_build_memory.py                        # store 1,4,16x; -o 1,4x
    .venv/bin/python bench/store_build_memory.py --scales 1,4 --memory-scales 1

Bar (issue 7): the streaming build's peak grows sub-linearly: peak(16x) < 16 x peak(1x). The
child also reports its resident memory after pass 1 and after linking, which shows what the
summaries and the identity map add (what still grows with the corpus).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from throughput import CORPUS, _load_note, _peak_rss_mb, _replicate  # noqa: E402


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _child(path: str, mode: str, work: str) -> None:
    """Fresh process: one ``kg build`` (store: streaming, to a new store; memory: ``-o``)."""
    from kg import cli, link

    marks: dict[str, float] = {}
    if mode == "store":
        real = link.link_persons

        def traced(facts):  # kg.stream calls kg.link.link_persons once, after pass 1
            marks["after_pass1_mb"] = _rss_mb()
            out = real(facts)
            marks["after_link_mb"] = _rss_mb()
            marks["identities"] = len(out)
            return out

        link.link_persons = traced
        args = ["build", path, "--store", str(Path(work) / "store")]
    else:
        args = ["build", path, "-o", str(Path(work) / "out")]
    args += ["--ner", "none", "--no-cache", "--no-progress", "--workers", "1"]
    t0 = time.perf_counter()
    try:
        cli.main(args, standalone_mode=False)
        code = 0
    except SystemExit as e:
        code = e.code or 0
    seconds = time.perf_counter() - t0
    out = {"peak_mb": _peak_rss_mb(), "seconds": seconds, "exit": code, **marks}
    if mode == "store":
        out["store_mb"] = _dir_mb(Path(work) / "store")
    print(json.dumps(out))


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--scales", default="1,4,16", help="replications for the streaming store build")
    ap.add_argument("--memory-scales", default="1,4", help="replications for the in-memory kg build -o")
    ap.add_argument("--json", type=Path, help="also write the measurements as JSON")
    ap.add_argument("--child", nargs=3, metavar=("FILE", "MODE", "WORKDIR"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    if not args.corpus.exists():
        print(f"skipped: corpus {args.corpus} is absent (pass --corpus FILE.jsonl)")
        return 0
    scales = [int(x) for x in args.scales.split(",") if x]
    mem_scales = [int(x) for x in args.memory_scales.split(",") if x]
    print(f"corpus {args.corpus}; python {sys.version.split()[0]}; {_load_note()}", flush=True)
    results: dict[str, dict[int, dict]] = {"store": {}, "memory": {}}
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    with tempfile.TemporaryDirectory(prefix="kg-store-mem-") as d:
        for k in sorted(set(scales) | set(mem_scales)):
            path = Path(d) / f"x{k}.jsonl"
            chars = _replicate(args.corpus, k, path)
            for mode in ("store", "memory"):
                if k not in (scales if mode == "store" else mem_scales):
                    continue
                work = Path(d) / f"work-{mode}-{k}"
                work.mkdir()
                proc = subprocess.run([sys.executable, __file__, "--child", str(path), mode, str(work)],
                                      capture_output=True, text=True, env=env)
                if proc.returncode != 0:
                    print(proc.stderr[-3000:], file=sys.stderr)
                    raise SystemExit(f"child failed: {mode} {k}x")
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                r.update(chars=chars, articles=1674 * k if args.corpus == CORPUS else None)
                results[mode][k] = r
                extra = ""
                if mode == "store":
                    extra = (f", RSS after pass 1 {r.get('after_pass1_mb', 0):.0f} MB, after link "
                             f"{r.get('after_link_mb', 0):.0f} MB ({r.get('identities', 0):,} identity entries), "
                             f"store {r['store_mb']:.0f} MB on disk")
                print(f"  {mode:6} {k:3}x: {chars / 1e6:6.1f} M chars, peak {r['peak_mb']:7.1f} MB, "
                      f"{r['seconds']:7.1f} s wall{extra} ({_load_note()})", flush=True)
                shutil.rmtree(work, ignore_errors=True)
            path.unlink()
    print("\n| corpus | streaming `kg build --store` | in-memory `kg build -o` |")
    print("|---|---|---|")
    for k in sorted(set(scales) | set(mem_scales)):
        s, m = results["store"].get(k), results["memory"].get(k)
        cell = lambda r: f"{r['peak_mb']:.0f} MB, {r['seconds']:.0f} s" if r else "—"  # noqa: E731
        print(f"| {k}x | {cell(s)} | {cell(m)} |")
    if len(scales) > 1:
        lo, hi = scales[0], scales[-1]
        a, b = results["store"][lo]["peak_mb"], results["store"][hi]["peak_mb"]
        factor = hi // lo
        ok = b < factor * a
        print(f"\nstreaming peak {lo}x -> {hi}x: {a:.0f} -> {b:.0f} MB = {b / a:.2f}x for {factor}x the input; "
              f"bar: < {factor}x (sub-linear): {'PASS' if ok else 'MISS'}")
        g = results["store"][hi]
        grow_pass1 = g.get("after_link_mb", 0) - results["store"][lo].get("after_link_mb", 0)
        print(f"growth of the resident memory after linking (summaries + identity map) {lo}x -> {hi}x: "
              f"{grow_pass1:+.0f} MB; of the peak: {b - a:+.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
