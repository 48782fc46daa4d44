"""The ``kg`` command: a thin click layer over the library.

Every command turns bad input into ``Error: …`` lines and a non-zero exit, never a traceback.
Exit codes: 0 all good; 1 something was rejected or failed (good items are still written);
2 usage errors.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import click

from .errors import KgError
from .ingest import DEFAULT_MAX_CHARS, Defaults, parse_date

_PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))


def _input_options(f):
    f = click.option("--date", "date_", metavar="YYYY-MM-DD", help="Publication date for articles without one.")(f)
    f = click.option("--home-region", metavar="NAME", help="The paper's home region (resolves 市委书记 etc.).")(f)
    f = click.option("--source", metavar="NAME", help="Source (newspaper) name.")(f)
    f = click.option("--encoding", metavar="CODEC", help="Input encoding (default: detect UTF-8/UTF-16/GB18030).")(f)
    f = click.option("--max-chars", type=click.IntRange(min=0), default=DEFAULT_MAX_CHARS, show_default=True,
                     metavar="N", help="Reject an article longer than N characters (0: no limit).")(f)
    f = click.option("--ner", default="auto", show_default=True, metavar="MODEL",
                     help="HanLP NER model: a pretrained id, a model directory, 'none', or 'auto'.")(f)
    f = click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal).")(f)
    f = click.option("--workers", type=int, default=1, show_default=True,
                     help="Extraction processes (0: one per core).")(f)
    f = click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Facts cache directory (default: ~/.cache/govkg/cache).")(f)
    f = click.option("--no-cache", is_flag=True, help="Extract every article again; do not read or write the cache.")(f)
    return f


def _cache(cache_dir: Optional[Path], no_cache: bool) -> Optional[Path]:
    if no_cache:
        return None
    if cache_dir is not None:
        return cache_dir
    from .batch import default_cache_dir

    return default_cache_dir()


def _defaults(date_: Optional[str], home_region: Optional[str], source: Optional[str], encoding: Optional[str],
              max_chars: int = DEFAULT_MAX_CHARS) -> Defaults:
    published: Optional[date] = None
    if date_:
        try:
            published = parse_date(date_)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--date") from e
    if home_region:
        from . import regions

        if regions.lookup(home_region) is None:
            raise click.BadParameter(f"{home_region!r} is not a known administrative region", param_hint="--home-region")
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None
    return Defaults(published=published, source=source, home_region=home_region, encoding=encoding,
                    max_chars=max_chars or None)


def _report_problems(res) -> int:
    for p in res.problems:
        click.echo(f"Error: {p}", err=True)
    return 1 if res.problems else 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govkg")
def main() -> None:
    """govkg: Chinese governance news in, a knowledge graph out."""


@main.command("extract")
@_PATHS
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Facts JSON to write.")
@_input_options
def extract_cmd(paths, output, date_, home_region, source, encoding, max_chars, ner, progress, workers, cache_dir,
                no_cache) -> None:
    """Extract facts (SCHEMA.md JSON) from pages, JSONL files or directories."""
    from . import pipeline

    res = pipeline.extract(paths, _defaults(date_, home_region, source, encoding, max_chars), ner=ner,
                           workers=workers, cache_dir=_cache(cache_dir, no_cache),
                           progress=progress)
    pipeline.write_facts(res, output)
    click.echo(pipeline.summary_line(res), err=True)
    click.echo(f"wrote {output}", err=True)
    sys.exit(_report_problems(res))


@main.command("build")
@_PATHS
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), help="Output directory.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path),
              help="Add the articles to this on-disk Oxigraph store (re-ingesting an article replaces it).")
@click.option("--stamp", is_flag=True,
              help="Record the build time (prov:generatedAtTime); without it rebuilding the same input gives identical files.")
@_input_options
@click.option("--dask", "dask_local", is_flag=True, help="Run on a local Dask cluster (N-Quads shards).")
@click.option("--scheduler", metavar="ADDRESS", help="Run on the Dask cluster at ADDRESS (tcp://host:8786).")
def build_cmd(paths, out_dir, store_dir, stamp, date_, home_region, source, encoding, max_chars, ner, progress,
              workers, cache_dir, no_cache, dask_local, scheduler) -> None:
    """Build graph.ttl, graph.trig, facts.json, graph.html and coattendance.html into a directory."""
    from . import pipeline

    if out_dir is None and store_dir is None:
        raise click.UsageError("give -o DIR, --store DIR, or both")
    if store_dir is not None:
        from .cli_store import run_build_store

        run_build_store(paths, store_dir, _defaults(date_, home_region, source, encoding, max_chars), ner=ner,
                        progress=progress, stamp=stamp, out_dir=out_dir, workers=workers,
                        cache_dir=_cache(cache_dir, no_cache))
        return

    if dask_local or scheduler:
        from .cluster import build_cluster

        if out_dir is None:
            raise click.UsageError("--dask/--scheduler need -o DIR")
        cres = build_cluster(paths, out_dir, _defaults(date_, home_region, source, encoding, max_chars), ner,
                             scheduler=scheduler, n_workers=workers if workers > 1 else None, merge=True,
                             cache_dir=_cache(cache_dir, no_cache), progress=progress)
        click.echo(str(cres))
        sys.exit(_report_problems(cres))
    res = pipeline.build(paths, out_dir, _defaults(date_, home_region, source, encoding, max_chars), ner=ner,
                         progress=progress, stamp=stamp, workers=workers, cache_dir=_cache(cache_dir, no_cache))
    click.echo(pipeline.summary_line(res))
    for f in res.files:
        click.echo(f"  {f}")
    sys.exit(_report_problems(res))


@main.command("query")
@click.argument("graph", required=False, type=click.Path(exists=True, path_type=Path))
@click.argument("query_file", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--store", "store_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Query an on-disk store (made by `kg build --store`) instead of a graph file.")
@click.option("-e", "--expr", help="SPARQL query text.")
@click.option("--named", help="A saved query shipped with govkg (see --list).")
@click.option("--param", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME to a literal (saved queries' parameters).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--list", "list_", is_flag=True, help="List the saved queries and exit.")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="SPARQL engine (Oxigraph is much faster on large graphs).")
def query_cmd(graph, query_file, store_dir, expr, named, param, fmt, list_, engine) -> None:
    """Run SPARQL on a graph file (.ttl/.trig/.nq) or build directory: -e TEXT, FILE.rq or --named NAME.

    --param NAME=VALUE binds ?NAME safely (never pasted into the query); a query declares its
    parameters in header lines such as `# param: name zh optional Person name`.
    """
    from . import query as Q
    from . import rdf

    if list_:
        for name, (desc, _) in sorted(Q.named_queries().items()):
            click.echo(f"{name:28} {desc}")
        return
    if store_dir is not None and graph is not None and query_file is None and str(graph).endswith(".rq"):
        graph, query_file = None, graph  # `kg query --store DIR FILE.rq`
    if (graph is None) == (store_dir is None):
        raise click.UsageError("give a GRAPH file or --store DIR")
    chosen = [x for x in (query_file, expr, named) if x]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of FILE.rq, -e SPARQL or --named NAME")
    if named:
        if named not in Q.named_queries():
            raise click.BadParameter(f"no saved query {named!r}; try --list", param_hint="--named")
        on_oxigraph = store_dir is not None or engine == "oxigraph"
        text = Q.saved_query(named, "oxigraph" if on_oxigraph else "rdflib", param)
    elif query_file:
        text = Path(query_file).read_text(encoding="utf-8")
    else:
        text = expr
    bindings = {}
    for p in param:
        if "=" not in p:
            raise click.BadParameter(f"{p!r} is not NAME=VALUE", param_hint="--param")
        k, v = p.split("=", 1)
        bindings[k.strip()] = v
    if store_dir is not None:
        from .cli_store import run_query_store

        run_query_store(store_dir, text, bindings, fmt)
        return
    try:
        ds = Q.load_oxigraph(graph) if engine == "oxigraph" else rdf.load_dataset(graph)
        cols, rows = Q.run_query(ds, text, bindings or None, engine=engine)
    except Q.QueryError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - a graph that does not parse
        click.echo(f"Error: E002 cannot read {graph}: {type(e).__name__}: {e}", err=True)
        sys.exit(1)
    click.echo(Q.format_results(cols, rows, fmt))


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.argument("facts", type=click.Path(exists=True, path_type=Path))
@click.option("--errors/--no-errors", default=True, show_default=True, help="List spurious and missed tuples per article.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--min", "minimum", multiple=True, metavar="METRIC=F1", help="Exit 1 if a metric's F1 is below.")
def eval_cmd(gold, facts, errors, as_json, minimum) -> None:
    """Score FACTS against GOLD: precision, recall and F1 per metric (SCHEMA.md), errors per article."""
    from .evaluate import format_report, score
    from .facts import load_facts

    rep = score(load_facts(gold), load_facts(facts))
    if as_json:
        click.echo(json.dumps(rep.as_dict(), ensure_ascii=False))
    else:
        click.echo(format_report(rep, show_errors=errors))
    short = []
    for m in minimum:
        k, _, v = m.partition("=")
        if k not in rep.scores:
            raise click.BadParameter(f"unknown metric {k!r}", param_hint="--min")
        if rep.scores[k].f1 < float(v):
            short.append(f"{k} F1 {rep.scores[k].f1:.3f} < {v}")
    if short:
        click.echo("SHORT: " + "; ".join(short), err=True)
        sys.exit(1)


@main.command("validate")
@click.argument("graph", type=click.Path(exists=True, path_type=Path))
def validate_cmd(graph) -> None:
    """SHACL-validate a graph file: exit 0 conforming, 1 not, 2 error."""
    from . import rdf
    from .validate import validate

    try:
        ds = rdf.load_dataset(graph)
        ok, report = validate(ds)
    except Exception as e:  # noqa: BLE001 - any failure to load/validate is exit 2
        click.echo(f"Error: E002 cannot validate {graph}: {e}", err=True)
        sys.exit(2)
    click.echo(report if not ok else f"{graph}: conforms")
    sys.exit(0 if ok else 1)


def _attach_commands() -> None:
    """Commands defined next to their library code (models, views/stats/serve, store/export)."""
    from . import cli_store, cli_views
    from .models_cli import models

    main.add_command(models)
    cli_views.register(main)
    cli_store.register(main)


_attach_commands()


def run() -> None:
    """Entry point that turns KgError into a one-line message."""
    try:
        main(standalone_mode=True)
    except KgError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    run()
