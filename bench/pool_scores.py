"""Pooled scores over several gold sets, each set scored against its own prediction file.

The first score of a blind set is taken with the rule version of the day it was drawn; a pool over
sets drawn on different days therefore needs one facts file per set. Each argument is
``GOLD=FACTS``; the articles of every GOLD are matched in its FACTS, and all tuples are counted
together (micro-average, as ``../shared/tools/score_facts.py`` counts one file)::

    kg extract ../shared/corpus/xwlb/meeting_items.jsonl -o /tmp/now.json --ner none
    python bench/pool_scores.py tests/gold/blind35_gold.json=/tmp/now.json tests/gold/blind36_gold.json=/tmp/now.json

For an older rule version, extract from a worktree of its commit (``git worktree add /tmp/wt COMMIT``,
then ``PYTHONPATH=/tmp/wt python -c "from kg.cli import run; run()" extract …``).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.evaluate import METRICS, score  # noqa: E402
from kg.facts import load_facts  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pairs", nargs="+", metavar="GOLD=FACTS")
    args = ap.parse_args(argv)
    gold_all: list[dict] = []
    pred_all: list[dict] = []
    for pair in args.pairs:
        gold_path, sep, pred_path = pair.partition("=")
        if not sep:
            ap.error(f"{pair}: expected GOLD=FACTS")
        gold = load_facts(Path(gold_path))
        pred = {a["id"]: a for a in load_facts(Path(pred_path))}
        missing = [g["id"] for g in gold if g["id"] not in pred]
        if missing:
            print(f"{pred_path}: no prediction for {len(missing)} article(s) of {gold_path}, e.g. {missing[0]}",
                  file=sys.stderr)
            return 2
        rep = score(gold, [pred[g["id"]] for g in gold])
        print(f"{Path(gold_path).stem:28} {len(gold):4} items  "
              + "  ".join(f"{m}={rep.scores[m].f1:.3f}" for m in METRICS))
        gold_all += gold
        pred_all += [pred[g["id"]] for g in gold]
    rep = score(gold_all, pred_all)
    print(f"{'pooled':28} {len(gold_all):4} items  " + "  ".join(f"{m}={rep.scores[m].f1:.3f}" for m in METRICS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
