"""Whole ``kg build`` with ``--workers 1`` and ``--workers 2``, side by side in one run.

    .venv/bin/python bench/build_workers.py                   # the 新闻联播 corpus, 2 rounds
    .venv/bin/python bench/build_workers.py --repeat 3 --json /tmp/bw.json

Each round runs the CLI in a fresh process (``python -m kg.cli build CORPUS -o OUT --ner none
--no-cache --workers N``: extract, link, RDF, co-attendance, Turtle + TriG, facts.json, the two
views), first with one worker then with two, and keeps the best wall time of each. The outputs of
the two are compared byte for byte. Bar (issue 7): two workers >= 1.6x faster than one.

A busy machine caps any speed-up, so each round also times the same-run ceiling: a pure-Python
CPU loop in 2 processes vs 1. The load average is printed with every run.

When the corpus is absent the benchmark says why and exits 0.
"""
from __future__ import annotations

import argparse
import filecmp
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

from throughput import _machine_speedup  # the same-run ceiling, as bench/throughput.py measures it

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "xwlb" / "meeting_items.jsonl"
OUTPUTS = ("graph.ttl", "graph.trig", "facts.json", "graph.html", "coattendance.html")
BAR = 1.6


def _load() -> str:
    la = os.getloadavg()
    return f"load average {la[0]:.2f} on {os.cpu_count()} cores"


def _build(corpus: Path, out: Path, workers: int) -> float:
    cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out), "--ner", "none", "--no-cache",
           "--no-progress", "--workers", str(workers)]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - t


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=2, help="rounds (best wall time of each side is kept)")
    ap.add_argument("--json", type=Path, help="also write the measurements as JSON")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"skipped: corpus {args.corpus} is absent (it lives in ../shared)")
        return 0
    print(f"corpus {args.corpus}; {_load()}")
    times: dict[int, list[float]] = {1: [], 2: []}
    ceilings: list[float] = []
    with tempfile.TemporaryDirectory() as d:
        for r in range(args.repeat):
            ceilings.append(_machine_speedup())
            print(f"  round {r + 1}: ceiling (CPU loop, 2 procs vs 1) {ceilings[-1]:.2f}x", flush=True)
            for w in (1, 2):
                out = Path(d) / f"r{r}-w{w}"  # a fresh directory: an unchanged rebuild would reuse outputs
                times[w].append(_build(args.corpus, out, w))
                print(f"    --workers {w}: {times[w][-1]:.2f} s ({_load()})", flush=True)
        same = all(filecmp.cmp(Path(d) / f"r{r}-w1" / n, Path(d) / f"r{r}-w2" / n, shallow=False)
                   for r in range(args.repeat) for n in OUTPUTS)
    t1, t2 = min(times[1]), min(times[2])
    data: dict[str, Any] = {"wall_1": times[1], "wall_2": times[2], "ceiling": ceilings, "same_outputs": same,
                            "speedup": t1 / t2}
    print(f"\nkg build --workers 1   {t1:6.2f} s (best of {args.repeat})")
    print(f"kg build --workers 2   {t2:6.2f} s")
    print(f"speed-up               {t1 / t2:6.2f}x   bar >= {BAR}x: {'PASS' if t1 / t2 >= BAR else 'MISS'}")
    print(f"ceiling here now       {max(ceilings):6.2f}x   (2 processes of a CPU loop vs 1)")
    print(f"outputs identical      {same}")
    if args.json:
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
