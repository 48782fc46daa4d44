"""``kg export``, ``kg remove`` and the bodies of ``kg build --store`` / ``kg query --store``.

A thin click layer over :mod:`kg.store`. :func:`register` adds the commands to the ``kg`` group;
``kg build`` and ``kg query`` call :func:`run_build_store` and :func:`run_query_store` when given
``--store DIR``. Bad input becomes ``Error: E### …`` and exit 1, never a traceback.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Mapping, Optional, Sequence

import click

from .errors import KgError

__all__ = ["register", "export_cmd", "remove_cmd", "run_build_store", "run_query_store", "guess_format"]

_SUFFIX_FORMATS = {".ttl": "ttl", ".trig": "trig", ".nq": "nq", ".jsonld": "jsonld", ".json": "jsonld",
                   ".gexf": "gexf", ".graphml": "graphml", ".csv": "csv"}


def _fail(e: Exception) -> None:
    click.echo(f"Error: {e}", err=True)
    sys.exit(1)


def guess_format(out: Path) -> Optional[str]:
    """Export format from the output name: ``.ttl`` ``.trig`` ``.nq`` ``.jsonld`` ``.gexf`` ``.graphml``;
    an existing directory or a name without suffix means ``csv``."""
    if out.is_dir() or not out.suffix:
        return "csv"
    return _SUFFIX_FORMATS.get(out.suffix.lower())


@click.command("export")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["ttl", "trig", "nq", "jsonld", "gexf", "graphml", "csv"]),
              help="Output format (default: from the -o suffix; a directory means csv).")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="File to write (a directory of tables for csv).")
def export_cmd(source: Path, fmt: Optional[str], output: Path) -> None:
    """Export a graph file, build directory or store (kg build --store) as Turtle, TriG, N-Quads,
    JSON-LD (with the govkg context), GEXF/GraphML (networkx: governance + co-attendance) or CSV
    tables (persons, holdings, meetings, participations, documents, articles)."""
    from . import store as S

    fmt = fmt or guess_format(output)
    if fmt is None:
        raise click.BadParameter(f"cannot tell the format from {output.name!r}; give --format", param_hint="--format")
    try:
        written = S.export(source, fmt, output)
    except KgError as e:
        _fail(e)
    for p in written:
        click.echo(f"wrote {p}")


@click.command("remove")
@click.argument("article_ids", nargs=-1)
@click.option("--store", "store_dir", type=click.Path(path_type=Path), required=True, help="The store directory.")
@click.option("--list", "list_", is_flag=True, help="List the store's articles (id, date, quads, title) and exit.")
def remove_cmd(article_ids: Sequence[str], store_dir: Path, list_: bool) -> None:
    """Remove articles (by id, or by named-graph IRI) from a store and re-derive co-attendance.

    Exit 1 when an id is not in the store (the others are still removed).
    """
    from . import store as S

    if not article_ids and not list_:
        raise click.UsageError("give the ids of the articles to remove (see --list)")
    try:
        st = S.open_store(store_dir, read_only=list_, create=False)
        if list_:
            for a in S.articles(st):
                day = a["date"].isoformat() if a["date"] else "-"
                title = (a["title"] or "").replace("\n", " ")
                click.echo(f"{a['id']}\t{day}\t{a['quads']}\t{title}")
            return
        rep = S.remove(st, article_ids)
        del st  # release the write lock before exiting (matters when called in-process)
    except KgError as e:
        _fail(e)
    click.echo(f"removed {len(rep.removed)} article(s), {rep.triples_removed} triples; "
               f"{rep.ties} co-attendance ties; {rep.seconds:.2f} s")
    for ident in rep.missing:
        click.echo(f"Error: E909 no article {ident!r} in {store_dir}", err=True)
    sys.exit(1 if rep.missing else 0)


def run_build_store(paths: Sequence[Path], store_dir: Path, defaults, *, ner: Optional[str] = "auto",
                    progress: Optional[bool] = None, stamp: bool = False, out_dir: Optional[Path] = None,
                    workers: int = 1, cache_dir: Optional[Path] = None) -> None:
    """Body of ``kg build PATHS --store DIR [-o OUT]``: extract, link, add to the store; exits.

    Without ``out_dir`` the build streams in bounded memory (:func:`kg.stream.build_store`: pass 1
    extracts and keeps compact summaries, persons are linked once over all of them, pass 2 reads
    the facts back from the facts cache chunk by chunk into the store); the store ends up as the
    in-memory path leaves it. With ``out_dir`` the usual files are written too, from one in-memory
    extraction (:func:`kg.pipeline.build`). ``workers`` and ``cache_dir`` are the ``kg build``
    options (``cache_dir`` None: no cache; the streaming build then uses a temporary one). Prints
    the build summary, the store's size and the added/replaced counts; exit 1 when an input item
    was rejected (the good articles are still stored), as ``kg build``.
    """
    from . import pipeline
    from . import store as S
    from .extract.rules import RULES_VERSION
    from .link import link_persons
    from .stream import build_store, rereadable

    try:
        st = S.open_store(store_dir)
        generated_at = pipeline._build_time() if stamp else None
        if out_dir is None and rereadable(paths):
            res, rep = build_store(paths, st, defaults, ner, workers=workers, cache_dir=cache_dir,
                                   progress=progress, generated_at=generated_at)
        else:
            if out_dir is not None:
                res = pipeline.build(paths, out_dir, defaults, ner=ner, progress=progress, stamp=stamp,
                                     workers=workers, cache_dir=cache_dir)
            else:  # input from a pipe: it cannot be read twice
                res = pipeline.BuildResult.from_run(pipeline.extract(paths, defaults, ner, progress, workers=workers,
                                                                     cache_dir=cache_dir))
                res.identities = link_persons(res.facts)
            rep = S.ingest(st, res.facts, res.identities, model_id=res.model, rules_version=RULES_VERSION,
                           generated_at=generated_at)
            res.seconds += rep.seconds
        del st  # release the write lock before exiting (matters when called in-process)
    except KgError as e:
        _fail(e)
    res.triples = rep.triples_after
    click.echo(pipeline.summary_line(res))
    for f in res.files:
        click.echo(f"  {f}")
    click.echo(f"  {store_dir}: {len(rep.added)} added, {len(rep.replaced)} replaced, "
               f"{rep.triples_after} triples, {rep.ties} co-attendance ties")
    problems = res.problems
    for p in problems:
        click.echo(f"Error: {p}", err=True)
    sys.exit(1 if problems else 0)


def run_query_store(store_dir: Path, text: str, bindings: Optional[Mapping[str, str]], fmt: str) -> None:
    """Body of ``kg query --store DIR …``: run ``text`` on the store (read-only) and print it in
    ``fmt`` (table, csv, json); ``Error: …`` and exit 1 on a bad query or store."""
    from . import query as Q
    from . import store as S

    try:
        st = S.open_store(store_dir, read_only=True)
        cols, rows = S.query_store(st, text, bindings or None)
        del st
    except (KgError, Q.QueryError) as e:
        _fail(e)
    click.echo(Q.format_results(cols, rows, fmt))


def register(main: click.Group) -> None:
    """Add ``export`` and ``remove`` to the ``kg`` group."""
    main.add_command(export_cmd)
    main.add_command(remove_cmd)
