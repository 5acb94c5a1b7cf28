"""Run dbt against the warehouse: the connection comes from the URL, never from a file.

dbt dies with the command that started it: it runs in a process group of its own, the
kernel kills it if its parent dies (PR_SET_PDEATHSIG, even on SIGKILL), and a signal that
stops the parent (loaders/interrupt.py) first interrupts dbt (SIGINT: dbt cancels its
queries), then kills its group. Its server sessions check every two seconds that dbt is
still there (client_connection_check_interval), so a query of a killed dbt stops too.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path

from loaders.db import PROJECT_ROOT, connection_params

DBT_PROJECT = PROJECT_ROOT / "dbt_project"
PR_SET_PDEATHSIG = 1  # linux/prctl.h
GRACE_SECONDS = 10  # between SIGINT (dbt cancels its queries) and SIGKILL
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
        # a server session whose dbt is gone stops its query within 2 s instead of running it out
        PGOPTIONS=" ".join(filter(None, [os.environ.get("PGOPTIONS"), "-c client_connection_check_interval=2000"])),
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
    child = subprocess.Popen(
        command,
        env=dbt_env(url),
        cwd=DBT_PROJECT,
        stdout=stdout,
        process_group=0,
        preexec_fn=_die_with_parent(os.getpid()),
    )
    try:
        return child.wait()
    except BaseException:  # a signal (loaders/interrupt.py) or Ctrl-C: dbt must not outlive us
        stop(child)
        raise


def _die_with_parent(parent: int):
    """For the child before exec: the kernel sends it SIGKILL when the parent dies."""
    try:  # looked up here, before the fork: the child only calls it
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux: the signal forwarding in stop() remains
        return None

    def set_death_signal() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return set_death_signal


def stop(child: subprocess.Popen) -> None:
    """Interrupt dbt's process group (dbt cancels its running queries), then kill what is left of it."""
    _signal_group(child, signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        child.wait(timeout=GRACE_SECONDS)
    _signal_group(child, signal.SIGKILL)
    child.wait()


def _signal_group(child: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group is gone
        os.killpg(child.pid, sig)


def install_packages(url: str) -> int:
    """`dbt deps` unless the local packages are linked already; dbt's exit code."""
    return 0 if INSTALLED_PACKAGES.exists() else _dbt(url, ["deps"], quiet=True, to_stderr=True)


def run_dbt(url: str, args: list[str], quiet: bool = False, json_log: bool = False, to_stderr: bool = False) -> int:
    """Run ``dbt <args>`` on the project (installing its local packages first); returns dbt's exit code.

    ``json_log``: dbt writes JSON lines too (for `--log-format json`); ``to_stderr``: dbt's
    output goes to stderr, leaving stdout to a command's own JSON summary.
    """
    return install_packages(url) or _dbt(url, args, quiet, json_log, to_stderr)
