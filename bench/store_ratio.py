"""How steady is a saved query's speed-up? Alternate store and rdflib runs in one process.

``store_bench.py`` times each query once per side; on a shared machine one reading can land high or
low. This script loads the same synthetic graph (``store_bench.generate``, cached) into the govkg
store and into rdflib, then for each query repeats rounds of 3 store runs followed by 1 rdflib run
(each side on the text ``kg query --named`` runs on it, see :func:`kg.query.saved_query`) and
prints the CPU ratio of every round and their min / median / max.

Usage::

    python bench/store_ratio.py --size 1M --query documents-adopted:10 --query meeting-participants:4
"""
from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import store_bench as B  # noqa: E402


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", default="1M", help="Triples in the synthetic graph (default 1M).")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--query", action="append", metavar="NAME[:ROUNDS]",
                    help="A saved query and its number of rounds (default documents-adopted:10).")
    args = ap.parse_args(argv)
    from kg import store as S
    from kg.query import run_query, saved_query

    nq, _info = B.generate(B._parse_size(args.size), args.seed)
    work = Path(tempfile.mkdtemp(prefix="kg-store-ratio-"))
    try:
        st = B.load_oxigraph(nq, work / "store")
        ds = B.load_rdflib(nq)
        gc.collect()
        gc.freeze()  # as in store_bench: neither side's collections walk the loaded graphs
        for spec in args.query or ["documents-adopted:10"]:
            name, _, n = spec.partition(":")
            ox_text, rd_text = saved_query(name, "oxigraph"), saved_query(name, "rdflib")
            ratios = []
            for r in range(int(n or 5)):
                _walls, ox, _rows = B._ox_runs(lambda: S.query_store(st, ox_text))
                c = time.process_time()
                run_query(ds, rd_text, engine="rdflib")
                rd = time.process_time() - c
                ratios.append(rd / min(ox))
                print(f"{name} round {r}: store {min(ox) * 1000:.0f} ms (runs "
                      f"{', '.join(f'{x * 1000:.0f}' for x in ox)}), rdflib {rd * 1000:.0f} ms: {ratios[-1]:.1f}x",
                      flush=True)
            print(f"{name}: speed-up min {min(ratios):.1f}x, median {statistics.median(ratios):.1f}x, "
                  f"max {max(ratios):.1f}x over {len(ratios)} rounds (bar {B.BAR:.0f}x)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
