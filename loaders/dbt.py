"""Run dbt against the warehouse: the connection comes from the URL, never from a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from loaders.db import PROJECT_ROOT, connection_params

DBT_PROJECT = PROJECT_ROOT / "dbt_project"
# `dbt deps` links the local packages (packages.yml) here; it needs no network
INSTALLED_PACKAGES = DBT_PROJECT / "dbt_packages" / "dbt_utils"


def dbt_env(url: str) -> dict[str, str]:
    params = connection_params(url)
    env = dict(os.environ)
    env.update(
        GOVFIN_PGHOST=params.host,
        GOVFIN_PGPORT=str(params.port),
        GOVFIN_PGUSER=params.user,
        GOVFIN_PGPASSWORD=params.password,
        GOVFIN_PGDATABASE=params.dbname,
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    if params.passfile:  # no password in the URL: libpq (under dbt) reads it from this file
        env["PGPASSFILE"] = params.passfile
    return env


def _dbt(url: str, args: list[str], quiet: bool, json_log: bool = False, to_stderr: bool = False) -> int:
    dbt = Path(sys.executable).with_name("dbt")
    command = [str(dbt), *args, "--project-dir", str(DBT_PROJECT), "--profiles-dir", str(DBT_PROJECT)]
    if quiet:
        command.insert(1, "--quiet")
    if json_log:
        command[1:1] = ["--log-format", "json"]
    stdout = sys.stderr if to_stderr else None
    return subprocess.run(command, env=dbt_env(url), cwd=DBT_PROJECT, stdout=stdout).returncode


def install_packages(url: str) -> int:
    """`dbt deps` unless the local packages are linked already; dbt's exit code."""
    return 0 if INSTALLED_PACKAGES.exists() else _dbt(url, ["deps"], quiet=True, to_stderr=True)


def run_dbt(url: str, args: list[str], quiet: bool = False, json_log: bool = False, to_stderr: bool = False) -> int:
    """Run ``dbt <args>`` on the project (installing its local packages first); returns dbt's exit code.

    ``json_log``: dbt writes JSON lines too (for `--log-format json`); ``to_stderr``: dbt's
    output goes to stderr, leaving stdout to a command's own JSON summary.
    """
    return install_packages(url) or _dbt(url, args, quiet, json_log, to_stderr)
