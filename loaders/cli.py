"""The `govfin` command line (docs/contract.md): run, migrate, load, build, parse, status, sql, db.

Exit codes: 0 everything loaded; 1 a document (or the dbt build) failed, the good
documents are loaded all the same; 2 usage or connection errors.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from loaders import db
from loaders.logs import configure_logging

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="govfin: a PostgreSQL warehouse of Chinese government fiscal disclosures.",
)
db_app = typer.Typer(no_args_is_help=True, help="Manage the embedded PostgreSQL server.")
app.add_typer(db_app, name="db")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
log = logging.getLogger("govfin")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_RAW_DIR = Path("data/raw")

# the options `load` and `run` share (typer's Annotated params, like sqlite-utils' shared decorators)
RawDir = Annotated[Path, typer.Option("--raw-dir", help="folder of raw documents")]
Force = Annotated[bool, typer.Option("--force", help="reload even unchanged documents")]
Workers = Annotated[int | None, typer.Option("--workers", help="parse processes (default: cores)")]
NoWait = Annotated[bool, typer.Option("--no-wait", help="exit if another run holds the lock")]


class LogFormat(StrEnum):
    text = "text"
    json = "json"


class ParseFormat(StrEnum):
    text = "text"
    json = "json"


class SqlFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"


SUMMARY_FORMAT = typer.Option(SummaryFormat.text, "--format", help="text, or json: one JSON summary object on stdout")


@app.callback()
def _global(
    log_format: LogFormat = typer.Option(
        LogFormat.text, "--log-format", help="text, or json: one JSON object per line"
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v"),
) -> None:
    global _json_log
    _json_log = log_format is LogFormat.json
    configure_logging(log_format.value, logging.DEBUG if verbose else logging.INFO)


_json_log = False


def _error(message: str) -> None:
    """An error for the user: a JSON log line in `--log-format json` mode, else red text."""
    if _json_log:
        log.error(message)
    else:
        err.print(Text.assemble(("error:", "red"), " ", message))


class Role(StrEnum):
    analyst = "analyst"
    loader = "loader"
    transformer = "transformer"
    admin = "admin"


def _url(role: str) -> str:
    """The URL of ``role``'s login (see loaders/logins.py), checked: exit 2 if it cannot connect."""
    try:
        url = db.login_url(role)
        db.check_connection(url)
        return url
    except db.DatabaseUnavailable as exc:
        hint = (
            "\n(with DATABASE_URL each job logs in as its own user: see sql/grants.sql and docs/security.md)"
            if role != "admin" and db.using_database_url()
            else ""
        )
        _error(f"{exc}{hint}")
        raise typer.Exit(EXIT_USAGE) from None


def _raw_dir(raw_dir: Path) -> Path:
    if not raw_dir.is_dir():
        _error(f"raw directory {raw_dir} does not exist")
        raise typer.Exit(EXIT_USAGE)
    return raw_dir


@app.command()
def migrate() -> None:
    """Create or upgrade the warehouse schema (alembic upgrade head)."""
    from loaders.migrate import upgrade

    upgrade(_url("admin"))
    out.print("schema is at head")


@app.command()
def load(
    raw_dir: RawDir = DEFAULT_RAW_DIR,
    force: Force = False,
    workers: Workers = None,
    no_wait: NoWait = False,
    format: SummaryFormat = SUMMARY_FORMAT,
) -> None:
    """Extract, parse and load new or changed documents (no dbt)."""
    from loaders.migrate import upgrade
    from loaders.report import dumps, load_summary
    from loaders.runs import close_dead_runs

    upgrade(_url("admin"))
    loader = _url("loader")
    raw_dir = _raw_dir(raw_dir)
    with _run_lock(loader, no_wait), _stopped_run(loader, "load"):
        close_dead_runs(loader, lock_held=True)
        summary = _load(loader, raw_dir, force, workers)
    if format is SummaryFormat.json:
        print(dumps(load_summary(summary)))
    _print_load_summary(summary, text=format is SummaryFormat.text)
    raise typer.Exit(EXIT_FAILED if summary.failed else EXIT_OK)


@app.command()
def build(no_wait: NoWait = False) -> None:
    """Build the dbt models and run their tests (dbt build), then swap the new marts in at once."""
    from loaders.build import build_marts

    transformer = _url("transformer")
    with _run_lock(transformer, no_wait), _stopped_run(None, "dbt build"):
        outcome = build_marts(transformer)
    if not outcome.ok:
        _error(outcome.detail or "dbt build failed")
    raise typer.Exit(EXIT_OK if outcome.ok else EXIT_FAILED)


@app.command()
def run(
    raw_dir: RawDir = DEFAULT_RAW_DIR,
    force: Force = False,
    workers: Workers = None,
    no_wait: NoWait = False,
    format: SummaryFormat = SUMMARY_FORMAT,
) -> None:
    """The main job: migrate, load new or changed documents, dbt build, swap the marts in, print a summary.

    One run lock covers the load and the build; the ledger's run says 'succeeded' only once the
    new marts are in place."""
    from loaders import runs
    from loaders.build import build_marts
    from loaders.migrate import upgrade
    from loaders.report import dumps, run_summary
    from loaders.summary import print_warehouse_summary

    text = format is SummaryFormat.text
    upgrade(_url("admin"))
    loader, transformer = _url("loader"), _url("transformer")
    raw_dir = _raw_dir(raw_dir)
    phase = ["load"]
    with _run_lock(loader, no_wait), _stopped_run(loader, phase):
        runs.close_dead_runs(loader, lock_held=True)
        summary = _load(loader, raw_dir, force, workers, finish_run=False)
        _print_load_summary(summary, text=text)
        phase[0] = "dbt build"
        runs.start_build(loader, summary.run_id)
        outcome = build_marts(transformer, quiet=True, json_log=_json_log, to_stderr=not text)
        runs.finish(loader, summary.run_id, summary.failed, outcome.ok, outcome.detail)
    if not outcome.ok:
        hint = " (run `govfin build` to see the details)" if outcome.dbt_code else ""
        _error(f"{outcome.detail}{hint}")
    if text:
        print_warehouse_summary(_url("analyst"), out)
    else:
        print(dumps(run_summary(_url("analyst"), summary, outcome.dbt_code, outcome.ok, outcome.detail)))
    raise typer.Exit(EXIT_FAILED if summary.failed or not outcome.ok else EXIT_OK)


@contextmanager
def _run_lock(url: str, no_wait: bool) -> Iterator[None]:
    """The run lock for the block (loaders/run_lock.py); exit 2 with --no-wait if another run holds it."""
    from loaders.run_lock import RunInProgress, run_lock

    def waiting(holder: str) -> None:
        log.warning(f"another govfin run is in progress ({holder}); waiting for it to finish")

    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(run_lock(url, wait=not no_wait, on_wait=waiting))
        except RunInProgress as exc:
            _error(f"{exc}; not starting (--no-wait)")
            raise typer.Exit(EXIT_USAGE) from None
        yield


@contextmanager
def _stopped_run(loader_url: str | None, phase: str | list[str]) -> Iterator[None]:
    """SIGTERM, SIGINT, SIGHUP stop the block (dbt with it); the ledger's run is marked aborted, saying
    which signal and in which phase, and the command exits 128 + the signal number."""
    from loaders.interrupt import Interrupted, signals_raise

    try:
        with signals_raise():
            yield
    except Interrupted as exc:
        where = phase[0] if isinstance(phase, list) else phase
        detail = f"stopped by {exc.name} during the {where}; the marts of the last good build stay in place"
        if loader_url:
            from loaders import runs

            runs.abort_running(loader_url, detail)
        _error(detail)
        raise typer.Exit(exc.exit_code) from None


def _load(url: str, raw_dir: Path, force: bool, workers: int | None, finish_run: bool = True):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from loaders.pipeline import load_directory

    show = err.is_terminal and logging.getLogger().handlers[0].formatter.__class__.__name__ != "JsonFormatter"
    with Progress(
        TextColumn("loading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not show,
        transient=True,
    ) as bar:
        task = bar.add_task("load", total=None)
        return load_directory(
            raw_dir,
            url,
            force=force,
            workers=workers,
            locked=True,
            finish_run=finish_run,
            on_total=lambda n: bar.update(task, total=n),
            progress=lambda outcome: bar.advance(task),
        )


def _print_load_summary(summary, text: bool = True) -> None:
    if text:
        out.print(
            f"documents: {summary.loaded} loaded, {summary.skipped} skipped, {summary.failed} failed "
            f"({summary.rows} staging rows, {summary.seconds:.1f} s)"
        )
        for failure in summary.failures:
            out.print(Text.assemble("  ", ("failed", "red"), f" {failure.path}: {failure.error}"))
    log.info(
        "load finished",
        extra={
            "run_id": summary.run_id,
            "loaded": summary.loaded,
            "skipped": summary.skipped,
            "failed": summary.failed,
            "rows": summary.rows,
        },
    )


@app.command()
def parse(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="one raw document"),
    format: ParseFormat = typer.Option(ParseFormat.text, "--format"),
) -> None:
    """Show what the loader sees in one document, without a database."""
    from loaders.model import ParseError
    from loaders.parse import parse_document
    from loaders.parse.render import render_document

    try:
        doc = parse_document(file)
    except ParseError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_FAILED) from None
    sys.stdout.write(render_document(doc, format.value))
    sys.stdout.write("\n")


@app.command()
def status(
    failed: bool = typer.Option(False, "--failed", help="only documents that failed"),
    runs: int = typer.Option(5, "--runs", help="how many recent runs to show"),
    format: SummaryFormat = SUMMARY_FORMAT,
) -> None:
    """Documents in the ledger with status and error, and the last runs."""
    from loaders.report import dumps, status_summary
    from loaders.runs import close_dead_runs
    from loaders.status import print_status

    close_dead_runs(_url("loader"), lock_held=False)  # a killed run's row says so
    if format is SummaryFormat.json:
        print(dumps(status_summary(_url("loader"), failed_only=failed, runs=runs)))
        raise typer.Exit(EXIT_OK)
    code = print_status(_url("loader"), out, failed_only=failed, runs=runs)
    raise typer.Exit(code)


@app.command()
def sql(
    query: str = typer.Argument(..., help="one read-only SQL statement"),
    format: SqlFormat = typer.Option(SqlFormat.table, "--format"),
    timeout: float = typer.Option(60, "--timeout", min=0.001, help="cancel the statement after this many seconds"),
    bom: bool = typer.Option(
        False, "--bom", help="start CSV with a UTF-8 byte order mark (Excel on Chinese Windows then reads it as UTF-8)"
    ),
) -> None:
    """Run one read-only query as the analyst login (marts and quality only) and print the rows."""
    from loaders.query import QueryError, format_rows, run_query
    from loaders.sql_guard import RefusedStatement

    if bom and format is not SqlFormat.csv:
        _error("--bom applies to --format csv only")
        raise typer.Exit(EXIT_USAGE)
    try:
        columns, rows = run_query(_url("analyst"), query, timeout)
    except (RefusedStatement, QueryError) as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    sys.stdout.write(("\ufeff" if bom else "") + format_rows(columns, rows, format.value))


@db_app.command("start")
def db_start() -> None:
    """Start the embedded server (data under GOVFIN_HOME), password logins only."""
    server = db.EmbeddedServer(db.govfin_home())
    try:
        server.start()
    except db.DatabaseUnavailable as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    out.print(
        f"embedded PostgreSQL running on 127.0.0.1:{server.port()} (passwords in {server.passfile}); "
        f"`govfin db url` prints the analyst's URL"
    )


@db_app.command("stop")
def db_stop() -> None:
    """Stop the embedded server."""
    stopped = db.EmbeddedServer(db.govfin_home()).stop()
    out.print("embedded PostgreSQL stopped" if stopped else "embedded PostgreSQL was not running")


@db_app.command("url")
def db_url(
    role: Role = typer.Option(Role.analyst, "--role", help="whose login: the read-only analyst by default"),
    show_password: bool = typer.Option(
        False, "--show-password", help="put the password in the URL (for tools that cannot read a password file)"
    ),
) -> None:
    """Print a connection URL for psql or a BI tool (the password by reference to the password file)."""
    try:
        url = db.login_url(role.value, show_password=show_password)
    except db.DatabaseUnavailable as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    shown = url if show_password else db.without_password(url)
    if shown != url:
        err.print("(the configured URL's password is left out: --show-password to include it)")
    print(shown)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
