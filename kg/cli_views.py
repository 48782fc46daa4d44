"""``kg view``, ``kg stats`` and ``kg serve``: click commands over kg.view_graph, kg.stats and kg.serve.

Attach them to the ``kg`` group with :func:`register`. Bad input prints one ``Error: …`` line and
exits 1; usage errors exit 2 (click).
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

import click

__all__ = ["view_cmd", "stats_cmd", "serve_cmd", "register"]

_KINDS = ("governance", "coattendance", "person", "region", "meeting")
_GRAPH = click.argument("graph", metavar="GRAPH_OR_STORE", type=click.Path(path_type=Path))


def _fail(message: str) -> None:
    click.echo(f"Error: {' '.join(str(message).split())}", err=True)
    sys.exit(1)


def _load(graph: Path) -> Any:
    from .view_graph import GraphError, load_graph_facts

    try:
        return load_graph_facts(graph)
    except GraphError as e:
        _fail(str(e))
    except ImportError as e:  # pragma: no cover - pyoxigraph is a dependency
        _fail(f"E707 pyoxigraph is needed to read graphs: {e}")


def _counts(counts: Any) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items() if v)


@click.command("view")
@_GRAPH
@click.argument("name", required=False, metavar="[NAME|ID]")
@click.option("--kind", type=click.Choice(_KINDS), default="governance", show_default=True,
              help="governance, coattendance, or a focused view: person NAME, region NAME, meeting ID.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="HTML file to write.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=1500, show_default=True,
              help="Draw at most this many nodes (the page says when it is capped).")
@click.option("--title", help="Page title (default: per view).")
def view_cmd(graph: Path, name: Optional[str], kind: str, output: Path, max_nodes: int, title: Optional[str]) -> None:
    """Draw an interactive HTML view of a graph (.ttl/.trig/.nq, build directory or Oxigraph store).

    \b
    kg view out/ -o governance.html
    kg view out/graph.trig --kind coattendance -o co.html
    kg view out/ --kind person 王晖 -o wanghui.html
    kg view out/ --kind region 南通市 -o nantong.html
    kg view out/ --kind meeting 3fa2c1d0e4b5a697 -o meeting.html   (IRI, IRI hash or name)
    """
    from .view_graph import FOCUS_KINDS, render_view

    if kind in FOCUS_KINDS and not name:
        raise click.UsageError(f"--kind {kind} needs a {'ID' if kind == 'meeting' else 'NAME'} argument")
    if kind not in FOCUS_KINDS and name:
        raise click.UsageError(f"--kind {kind} takes no NAME (got {name!r}); did you mean --kind person/region/meeting?")
    gf = _load(graph)
    try:
        stats = render_view(gf, kind, output, name=name, max_nodes=max_nodes, title=title)
    except ValueError as e:  # no such person / region / meeting
        _fail(str(e))
    except OSError as e:
        _fail(f"E708 cannot write {output}: {e}")
    line = f"wrote {output}: {stats.node_count} nodes ({_counts(stats.nodes)}), {stats.edge_count} edges"
    if stats.truncated:
        line += f"; capped from {stats.total_nodes:,} nodes (raise --max-nodes to see more)"
    click.echo(line)


@click.command("stats")
@_GRAPH
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every person's metrics to this CSV file.")
@click.option("--top", type=click.IntRange(min=0), default=15, show_default=True, help="Brokers to list.")
@click.option("--seed", type=int, default=42, show_default=True, help="Seed of Louvain and sampled betweenness.")
def stats_cmd(graph: Path, csv_path: Optional[Path], top: int, seed: int) -> None:
    """Co-attendance metrics: degree, weighted degree, betweenness, Louvain community; top brokers."""
    from .stats import coattendance_stats, format_table, write_csv

    gf = _load(graph)
    st = coattendance_stats(gf.facts, gf.identities, seed=seed)
    click.echo(format_table(st, top=top))
    if csv_path is not None:
        try:
            write_csv(st, csv_path)
        except OSError as e:
            _fail(f"E708 cannot write {csv_path}: {e}")
        click.echo(f"wrote {csv_path} ({len(st.persons)} persons)", err=True)


@click.command("serve")
@click.argument("source", metavar="STORE_OR_GRAPH", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0 picks a free port.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a query may run before it is stopped (503).")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows (or triples) returned at most per query.")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True, help="Query worker processes.")
@click.option("--log/--no-log", "access_log", default=False, help="Print an access log line per request.")
def serve_cmd(source: Path, port: int, host: str, timeout: float, max_rows: int, workers: int, access_log: bool) -> None:
    """Serve a read-only SPARQL 1.1 endpoint (/sparql), a query page (/) and the views (/view/…)."""
    from .serve import serve
    from .view_graph import GraphError

    def echo(message: str, err: bool = False) -> None:
        click.echo(message, err=err)

    try:
        serve(source, host, port, timeout=timeout, max_rows=max_rows, workers=workers, access_log=access_log,
              echo=echo)
    except GraphError as e:
        _fail(str(e))
    except OSError as e:  # address in use, permission denied
        _fail(f"E710 cannot serve on {host}:{port}: {e.strerror or e}")
    except RuntimeError as e:  # workers could not start
        _fail(str(e))


def register(main: click.Group) -> None:
    """Add ``view``, ``stats`` and ``serve`` to the ``kg`` group."""
    main.add_command(view_cmd)
    main.add_command(stats_cmd)
    main.add_command(serve_cmd)
