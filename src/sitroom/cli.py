"""The ``sitroom`` command line: each command parses its options and calls the library."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import click

from sitroom.analyze import analyze_many
from sitroom.errors import SitroomError
from sitroom.pipeline import Failure
from sitroom.settings import Settings


@click.group()
@click.option("-v", "--verbose", count=True, help="-v for progress notes, -vv for debug output, on stderr.")
@click.option(
    "--config", type=click.Path(dir_okay=False), default=None, help="Settings file (default sitroom.toml)."
)
@click.option("--model", default=None, help="spaCy pipeline to load (setting model).")
@click.pass_context
def cli(ctx: click.Context, verbose: int, config: str | None, model: str | None) -> None:
    """sitroom: sourced, mapped, time-resolved event data from news articles."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    try:
        ctx.obj = Settings.load(config, model=model)
    except SitroomError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--pretty", is_flag=True, help="Indent the JSON (one report per line otherwise).")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar on stderr (default: when it is a terminal)."
)
@click.pass_obj
def analyze(settings: Settings, inputs: tuple[str, ...], pretty: bool, progress: bool | None) -> None:
    """Analyze articles: files, directories, or - for stdin. One JSON report per article on stdout.

    Text, HTML and JSON / JSON Lines (news-please records) are read. A bad input gets one line on
    stderr naming it and the reason; the others are still analyzed, and the exit status is 1.
    """
    failures: list[Failure] = []
    show = (
        progress if progress is not None else (sys.stderr.isatty() and (len(inputs) > 1 or _has_dir(inputs)))
    )
    results = analyze_many(inputs, settings)
    bar: Any = None
    if show:
        from tqdm import tqdm

        bar = tqdm(unit="article", file=sys.stderr)
    try:
        for item in results:
            if bar is not None:
                bar.update(1)
            if isinstance(item, Failure):
                failures.append(item)
                click.echo(f"error: {item.input}: {item.reason}", err=True)
                continue
            report = item.to_json()
            click.echo(json.dumps(report, ensure_ascii=False, indent=2 if pretty else None))
    except SitroomError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if bar is not None:
            bar.close()
    if failures:
        # Each failure already has its one line above; the summary only counts them.
        click.echo(f"{len(failures)} input(s) failed", err=True)
        sys.exit(1)


def _has_dir(inputs: tuple[str, ...]) -> bool:
    from pathlib import Path

    return any(i != "-" and Path(i).is_dir() for i in inputs)


@cli.command("eval")
@click.argument("stage")
@click.option(
    "--data", type=click.Path(file_okay=False), default=None, help="Data folder (default ../shared/data)."
)
@click.option("--limit", type=int, default=None, help="Score only the first N items (quick check).")
@click.pass_obj
def eval_cmd(settings: Settings, stage: str, data: str | None, limit: int | None) -> None:
    """Measure a stage on the public evaluation data, beside peers' published figures.

    Exits 1 when a metric is below its pinned floor. STAGE is one of the names `sitroom eval list` prints.
    """
    from pathlib import Path

    from sitroom.evaluate import EVALUATIONS, run_eval

    if stage == "list":
        click.echo("\n".join(EVALUATIONS))
        return
    try:
        result = run_eval(stage, Path(data) if data else None, settings, limit)
    except SitroomError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(result.format())
    if not result.passed:
        sys.exit(1)


def _db(settings: Settings, db: str | None) -> str:
    return db or settings.db


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default=None, help="Store: a SQLite path or postgresql:// URL (setting db).")
@click.option("--workers", type=int, default=1, show_default=True, help="Analysis processes.")
@click.option("--reanalyze", is_flag=True, help="Also re-run stored articles made by older stage versions.")
@click.option("--retry-failed", is_flag=True, help="Try again the inputs that failed in earlier runs.")
@click.option("--merge/--no-merge", default=True, help="Rebuild copies, stories and incidents afterwards.")
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal)."
)
@click.pass_obj
def ingest_cmd(
    settings: Settings,
    inputs: tuple[str, ...],
    db: str | None,
    workers: int,
    reanalyze: bool,
    retry_failed: bool,
    merge: bool,
    progress: bool | None,
) -> None:
    """Analyze articles (files, directories, JSON Lines, WARC files) and store the reports.

    Inputs already in the store are skipped, so an interrupted run resumes where it stopped. Each
    failed input is recorded with its reason and listed at the end; the exit status is then 1.
    """
    from sitroom.store import Store
    from sitroom.store.ingest import count_inputs, ingest

    show = progress if progress is not None else sys.stderr.isatty()
    bar: Any = None
    try:
        with Store.open(_db(settings, db)) as store:
            if retry_failed:
                store.forget_failures()
            if show:
                from tqdm import tqdm

                bar = tqdm(total=count_inputs(inputs), unit="article", file=sys.stderr, smoothing=0.1)
            result = ingest(
                inputs, store, settings, workers, reanalyze, (lambda n, what: bar.update(n)) if bar else None
            )
            if bar is not None:
                bar.close()
            if merge:
                result.merged = store.merge()
    except SitroomError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"stored {result.stored}, unchanged {result.kept}, skipped {result.skipped} already stored, "
        f"failed {len(result.failures)}",
        err=True,
    )
    if result.merged:
        click.echo(", ".join(f"{k} {v}" for k, v in result.merged.items()), err=True)
    if result.failures:
        click.echo(f"{len(result.failures)} input(s) failed:", err=True)
        for f in result.failures:
            click.echo(f"  {f.input}: {f.reason}", err=True)
        sys.exit(1)


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["acled-csv", "plover-json", "geojson", "graphml", "parquet", "jsonl"]),
    help="Output format.",
)
@click.option("--db", default=None, help="Store: a SQLite path or postgresql:// URL (setting db).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="File (default stdout).")
@click.option("--since", default=None, help="From this date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.")
@click.option("--until", default=None, help="Up to this date, inclusive.")
@click.option("--country", default=None, help="ISO 3166 alpha-2 code of where it happened.")
@click.option("--actor", default=None, help="Actor id or name.")
@click.option("--type", "types", default=None, help="PLOVER event types, comma-separated (ASSAULT,COERCE).")
@click.option(
    "--status",
    default="occurred,ongoing",
    show_default=True,
    help="Event statuses, comma-separated; 'all' for any.",
)
@click.option("--period", default="month", show_default=True, help="graphml: year, month, day or all.")
@click.pass_obj
def export_cmd(
    settings: Settings,
    fmt: str,
    db: str | None,
    output: str | None,
    since: str | None,
    until: str | None,
    country: str | None,
    actor: str | None,
    types: str | None,
    status: str,
    period: str,
) -> None:
    """Export the store's incidents, events, actor network or reports, filtered."""
    from sitroom.export import BINARY, export
    from sitroom.store import Filters, Store

    if fmt in BINARY and output is None:
        raise click.ClickException(f"--format {fmt} is binary: give a file with -o")
    try:
        filters = Filters.make(
            since=since, until=until, country=country, actor=actor, type=types,
            status=None if status == "all" else status,
        )  # fmt: skip
        with Store.open(_db(settings, db)) as store:
            if output is None:
                n = export(store, fmt, filters, sys.stdout.buffer, period)
                sys.stdout.buffer.flush()
            else:
                with open(output, "wb") as fh:
                    n = export(store, fmt, filters, fh, period)
    except SitroomError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"exported {n} record(s) as {fmt}", err=True)


@cli.command("settings")
def settings_cmd() -> None:
    """List every setting with its default and what it does."""
    from sitroom.settings import describe

    for name, default, help_text in describe():
        click.echo(f"{name} = {default!r}\n    {help_text}  (env SITROOM_{name.upper()})")


@cli.command("serve")
@click.option("--db", default=None, help="Store to serve: a SQLite path or postgresql:// URL (setting db).")
@click.option("--host", default=None, help="Bind address (setting host; default 127.0.0.1: loopback only).")
@click.option("--port", type=int, default=None, help="Port to listen on (setting port).")
@click.pass_obj
def serve_cmd(settings: Settings, db: str | None, host: str | None, port: int | None) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/) over a store."""
    from sitroom.serve.run import serve

    try:
        serve(settings.with_values({k: v for k, v in {"db": db, "host": host, "port": port}.items() if v}))
    except SitroomError as exc:
        raise click.ClickException(str(exc)) from exc


def main() -> None:  # pragma: no cover
    cli()
