"""Shared fixtures: a private embedded PostgreSQL per test session, migrated; the seeds loaded.

The server takes password logins only, like any govfin server: ``server.url(name)`` and the
URLs below are the superuser's, naming the session's password file (``?passfile=``), and
``loaders.db.with_user(url, "govfin_analyst_login")`` (or the loader's, the transformer's)
reaches the same database as that job's login.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, settings

from loaders import db

# property tests: no deadline anywhere (2 shared cores make timings meaningless); CI derandomized so
# a failure reproduces, a developer's run explores new examples each time
settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev", max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = ROOT / "data" / "raw"
SEEDS_EXPECTED = ROOT / "tests" / "data" / "expected.json"
SHARED_REAL = ROOT.parent / "shared" / "real" / "docs"


def pytest_configure(config):
    """Under CI (``CI`` set, as ``.ci/run`` does) the tests that read ../shared must run: its absence
    is an error, never a silent skip of the real-corpus tests."""
    if os.environ.get("CI") and not SHARED_REAL.is_dir():
        raise pytest.UsageError(
            f"CI is set but the real corpus is not at {SHARED_REAL.resolve()}: the tests that read ../shared "
            "would be skipped. Check out shared/ beside the clone (or unset CI for a local run)."
        )


@pytest.fixture(scope="session")
def expected() -> dict:
    """The hand-verified answer key for the five seeds (copied from shared/seeds)."""
    return json.loads(SEEDS_EXPECTED.read_text(encoding="utf-8"))


def _server_home() -> Path:
    """A GOVFIN_HOME outside pytest's temporary root: as root, postgres runs as another OS user
    that must reach its data directory, and every pytest session started on the machine makes
    that root 0700 again (a running server's checkpointer then cannot open pg_control)."""
    home = Path(tempfile.mkdtemp(prefix="govfin-test-"))
    home.chmod(0o755)  # mkdtemp makes it 0700, and govfin opens no folder above its data directory
    return home


@pytest.fixture
def server_home():
    """An empty GOVFIN_HOME for a test that starts an embedded server of its own."""
    home = _server_home()
    yield home / "home"
    db.EmbeddedServer(home / "home").stop()
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def embedded_server():
    home = _server_home()
    server = db.EmbeddedServer(home)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(home, ignore_errors=True)


def _fresh_database(server: db.EmbeddedServer) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.url(name)


@pytest.fixture
def fresh_db(embedded_server) -> str:
    """A new, empty and migrated database on the session's server."""
    from loaders.migrate import upgrade

    url = _fresh_database(embedded_server)
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def pg_url(embedded_server) -> str:
    """A migrated, empty database shared by the session (do not load into it)."""
    from loaders.migrate import upgrade

    url = _fresh_database(embedded_server)
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def loaded_seeds_url(embedded_server) -> str:
    """A migrated database with data/raw loaded (no dbt build)."""
    from loaders.migrate import upgrade
    from loaders.pipeline import load_directory

    url = _fresh_database(embedded_server)
    upgrade(url)
    summary = load_directory(RAW_DIR, url, workers=1)
    assert summary.failed == 0, [f.error for f in summary.failures]
    return url


@pytest.fixture(scope="session")
def built_seeds_url(loaded_seeds_url) -> str:
    """The seeds loaded and `dbt build` run on them (marts and quality exist)."""
    from loaders.dbt import run_dbt

    code = run_dbt(loaded_seeds_url, ["build"], quiet=True)
    assert code == 0, f"dbt build failed (exit {code}): a model or a data test failed on the seeds"
    return loaded_seeds_url


@pytest.fixture
def govfin_env(embedded_server, fresh_db, monkeypatch) -> dict:
    """Environment for running the real `govfin` CLI against a fresh database."""
    env = dict(os.environ, DATABASE_URL=fresh_db)
    return env
