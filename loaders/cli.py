"""The `govfin` command line (docs/contract.md): run, migrate, load, build, parse, status, forget, check, sql, db.

Exit codes: 0 every file loaded or refused with a reason (loaders/outcomes.py); 1 a document
(or the dbt build) failed, the good documents are loaded all the same; 2 usage or connection errors.
"""

from __future__ import annotations

import contextlib
import logging
import math
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
from loaders.logs import configure_logging, redact
from loaders.query import DEFAULT_MAX_ROWS

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
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        envvar="GOVFIN_DASK_SCHEDULER",
        help="parse on this Dask cluster (tcp://HOST:8786) instead of local processes",
    ),
]


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
    message = redact(message)  # no password in an error, whatever its source (a URL, a driver's message)
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
    scheduler: Scheduler = None,
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
        summary = _load(loader, raw_dir, force, workers, scheduler=scheduler)
    if format is SummaryFormat.json:
        print(dumps(load_summary(summary)))
    _print_load_summary(summary, text=format is SummaryFormat.text)
    raise typer.Exit(EXIT_FAILED if summary.failed else EXIT_OK)


@app.command()
def build(
    no_wait: NoWait = False,
    full_refresh: bool = typer.Option(
        False,
        "--full-refresh",
        help="build every model from scratch, not patching the marts the last swap replaced (after a hand edit)",
    ),
) -> None:
    """Build the dbt models and run their tests (dbt build), then swap the new marts in at once."""
    from loaders.build import build_marts

    transformer = _url("transformer")
    with _run_lock(transformer, no_wait), _stopped_run(None, "dbt build"):
        outcome = build_marts(transformer, full_refresh=full_refresh)
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
    scheduler: Scheduler = None,
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
        summary = _load(loader, raw_dir, force, workers, finish_run=False, scheduler=scheduler)
        _print_load_summary(summary, text=text)
        phase[0] = "dbt build"
        runs.start_build(loader, summary.run_id)
        # nothing loaded, forgotten or changed in the dbt project since the live marts were built:
        # they are what a build would produce (loaders/build_stamp.py)
        outcome = build_marts(transformer, quiet=True, json_log=_json_log, to_stderr=not text, skip_if_current=True)
        runs.finish(loader, summary.run_id, summary.failed, outcome.ok, outcome.detail)
    if not outcome.ok:
        hint = " (run `govfin build` to see the details)" if outcome.dbt_code else ""
        _error(f"{outcome.detail}{hint}")
    if text:
        if outcome.skipped:
            out.print("The marts are current (nothing new since their build): dbt build skipped.")
        print_warehouse_summary(_url("analyst"), out)
    else:
        report = run_summary(_url("analyst"), summary, outcome.dbt_code, outcome.ok, outcome.detail)
        report["dbt_build"]["skipped"] = outcome.skipped
        print(dumps(report))
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


def _load(
    url: str, raw_dir: Path, force: bool, workers: int | None, finish_run: bool = True, scheduler: str | None = None
):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from loaders.parse_pool import SettingError
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
        try:
            return load_directory(
                raw_dir,
                url,
                force=force,
                workers=workers,
                locked=True,
                finish_run=finish_run,
                on_total=lambda n: bar.update(task, total=n),
                progress=lambda outcome: bar.advance(task),
                scheduler=scheduler,
            )
        except SettingError as exc:
            _error(str(exc))
            raise typer.Exit(EXIT_USAGE) from None


def _print_load_summary(summary, text: bool = True) -> None:
    if text:
        quarantined = f", {summary.quarantined} quarantined" if summary.quarantined else ""
        out.print(
            f"documents: {summary.loaded} loaded, {summary.skipped} skipped, {summary.refused} refused, "
            f"{summary.failed} failed{quarantined} ({summary.rows} staging rows, {summary.seconds:.1f} s)"
        )
        for failure in summary.failures:
            out.print(Text.assemble("  ", ("failed", "red"), f" {failure.path}: {failure.error}"))
        for refusal in summary.refusals:
            out.print(Text.assemble("  ", ("refused", "yellow"), f" {refusal.path}: {refusal.error}"))
        for outcome in summary.outcomes:
            if outcome.status == "quarantined":
                out.print(Text.assemble("  ", ("quarantined", "yellow"), f" {outcome.path}: {outcome.error}"))
    log.info(
        "load finished",
        extra={
            "run_id": summary.run_id,
            "loaded": summary.loaded,
            "skipped": summary.skipped,
            "refused": summary.refused,
            "failed": summary.failed,
            "quarantined": summary.quarantined,
            "rows": summary.rows,
        },
    )


@app.command()
def parse(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="one raw document"),
    format: ParseFormat = typer.Option(ParseFormat.text, "--format"),
) -> None:
    """Show what the loader sees in one document, without a database (under the parse limits)."""
    from loaders.parse.render import render_document
    from loaders.parse_pool import SettingError, parse_one

    try:
        doc, error = parse_one(file)
    except SettingError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    if doc is None:
        _error(error or "unknown error")
        raise typer.Exit(EXIT_FAILED)
    sys.stdout.write(render_document(doc, format.value))
    sys.stdout.write("\n")


@app.command()
def status(
    failed: bool = typer.Option(False, "--failed", help="only documents that failed (a fault to look at)"),
    refused: bool = typer.Option(
        False, "--refused", help="only files refused with a reason (not a disclosure, a scan, an empty file)"
    ),
    quarantined: bool = typer.Option(
        False, "--quarantined", help="only documents quarantined (loaded, kept out of the marts)"
    ),
    runs: int = typer.Option(5, "--runs", help="how many recent runs to show"),
    format: SummaryFormat = SUMMARY_FORMAT,
) -> None:
    """Documents in the ledger with status and error (quarantined ones with their reason), and the last runs."""
    from loaders.report import dumps, status_summary
    from loaders.runs import close_dead_runs
    from loaders.status import print_status

    url = _url("loader")
    close_dead_runs(url, lock_held=False)  # a killed run's row says so
    if format is SummaryFormat.json:
        print(
            dumps(
                status_summary(url, failed_only=failed, runs=runs, quarantined_only=quarantined, refused_only=refused)
            )
        )
        raise typer.Exit(EXIT_OK)
    code = print_status(url, out, failed_only=failed, runs=runs, quarantined_only=quarantined, refused_only=refused)
    raise typer.Exit(code)


MAX_TIMEOUT = 86_400  # a day: the analyst's own limit (docs/security.md) ends a statement well before


def _timeout(value: float) -> float:
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT):
        raise typer.BadParameter(f"expected a number of seconds above 0 and at most {MAX_TIMEOUT}, got {value:g}")
    return value


@app.command()
def forget(
    target: str = typer.Argument(
        ..., metavar="FILE|DOCUMENT_ID", help="a file (by its bytes or location) or a document id"
    ),
) -> None:
    """Remove a document and its facts from the warehouse (the marts drop it at the next build)."""
    from loaders.forget import ForgetError
    from loaders.forget import forget as forget_document

    try:
        removed = forget_document(_url("loader"), target)
    except ForgetError as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_FAILED) from None
    for doc in removed:
        where = ", ".join(doc.locations) or "no recorded location"
        out.print(f"forgot {doc.document_id[:12]} ({where}): {doc.staging_rows} staging rows")
        still = [p for p in doc.locations if Path(p).is_file()]
        if still:
            out.print(f"  {still[0]} is still there: the next run loads it again unless it is moved away")
    out.print("the marts drop it at the next `govfin build` or `govfin run`")


@app.command()
def check(format: SummaryFormat = SUMMARY_FORMAT) -> None:
    """Corpus health: files per status, disclosures whose printed identities hold, warnings, coverage."""
    from loaders.check import corpus_health, print_health
    from loaders.report import dumps

    health = corpus_health(_url("analyst"))
    if health is None:
        _error("no document health yet: run `govfin run` (or `govfin build`) first")
        raise typer.Exit(EXIT_USAGE)
    if format is SummaryFormat.json:
        print(dumps(health))
    else:
        print_health(health, out)


@app.command()
def sql(
    query: str = typer.Argument(..., help="one read-only SQL statement"),
    format: SqlFormat = typer.Option(SqlFormat.table, "--format"),
    timeout: float = typer.Option(
        60, "--timeout", callback=_timeout, help="cancel the statement after this many seconds"
    ),
    max_rows: int = typer.Option(
        DEFAULT_MAX_ROWS, "--max-rows", min=1, help="print at most this many rows (the rest are left out, with a note)"
    ),
    bom: bool = typer.Option(
        False, "--bom", help="start CSV with a UTF-8 byte order mark (Excel on Chinese Windows then reads it as UTF-8)"
    ),
) -> None:
    """Run one read-only query as the analyst login (marts and quality only) and print the rows as they come."""
    from loaders.query import QueryError, open_query, write_rows
    from loaders.sql_guard import RefusedStatement

    if bom and format is not SqlFormat.csv:
        _error("--bom applies to --format csv only")
        raise typer.Exit(EXIT_USAGE)
    try:
        with open_query(_url("analyst"), query, timeout) as (columns, rows):
            if bom:
                sys.stdout.write("\ufeff")
            written = write_rows(columns, rows, format.value, sys.stdout, max_rows)
    except (RefusedStatement, QueryError) as exc:
        sys.stdout.flush()
        _error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    if written.truncated:
        err.print(f"note: the first {max_rows:,} rows are printed, more were left out (raise the cap with --max-rows)")


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


@db_app.command("guard")
def db_guard() -> None:
    """Run the analyst's statement guard in the foreground (for a server of your own, DATABASE_URL):
    cancel analyst statements past their role's limits until interrupted. The embedded server runs its own."""
    from loaders.guard import watch

    url = _url("admin")
    err.print("guarding the analyst's statement limits (docs/security.md); Ctrl-C to stop")
    try:
        watch(url, lambda: True, log=sys.stderr)
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_OK) from None


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
