"""Issue 23: what `govfin` prints. `govfin sql` streams under a row cap and validates its options
(exit 2, no traceback); no password of DATABASE_URL reaches another role's URL, a message or a log line.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loaders import db
from loaders.logs import JsonFormatter, TextFormatter
from loaders.query import DEFAULT_MAX_ROWS, format_rows

ROOT = Path(__file__).resolve().parents[1]
GOVFIN = str(Path(sys.executable).with_name("govfin"))
PROBE = "select repeat('x',1000) as x from generate_series(1,200000)"
SECRET = "s3cr3t-Pw-in-the-query"

# runs govfin, reads its stdout as it comes (counting), and reports its peak memory: a process of
# its own, so RUSAGE_CHILDREN is govfin's alone
MEASURE = """
import json, resource, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
size = lines = 0
while chunk := proc.stdout.read(1 << 20):
    size += len(chunk)
    lines += chunk.count(b"\\n")
stderr = proc.stderr.read().decode()
code = proc.wait()
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"code": code, "bytes": size, "lines": lines, "peak": peak, "stderr": stderr}))
"""


def measured(*args: str, env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, GOVFIN, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# -- govfin sql ------------------------------------------------------------------------------------


def test_govfin_sql_stops_at_the_row_cap(built_seeds_url):
    """Probe: `govfin sql "select repeat('x',1000) from generate_series(1,200000)"` printed 200 MB."""
    env = dict(os.environ, DATABASE_URL=built_seeds_url)
    result = measured("sql", PROBE, env=env)
    assert result["code"] == 0, result["stderr"]
    assert result["lines"] == DEFAULT_MAX_ROWS + 3  # header, rule, rows, the count
    assert result["bytes"] < (DEFAULT_MAX_ROWS + 10) * 1010
    assert f"the first {DEFAULT_MAX_ROWS:,} rows are printed, more were left out" in result["stderr"]


@pytest.mark.parametrize("fmt", ["csv", "table", "json"])
def test_govfin_sql_streams_a_large_result_in_flat_memory(built_seeds_url, fmt):
    """Probe: the 200 MB result took 843 MB of memory. Asked for every row, it now streams."""
    env = dict(os.environ, DATABASE_URL=built_seeds_url)
    result = measured("sql", PROBE, "--format", fmt, "--max-rows", "200000", env=env)
    assert result["code"] == 0, result["stderr"]
    assert result["bytes"] > 200_000 * 1000 and "left out" not in result["stderr"]
    assert result["peak"] < 200 << 20, result["peak"]


@pytest.mark.parametrize(
    "option", [["--timeout", "inf"], ["--timeout", "nan"], ["--timeout", "0"], ["--timeout", "-1"], ["--max-rows", "0"]]
)
def test_govfin_sql_refuses_bad_options_as_usage_errors(option):
    """Probe: `govfin sql … --timeout inf` ended in a traceback (exit 1 instead of 2)."""
    env = dict(os.environ, DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
    result = subprocess.run(
        [GOVFIN, "sql", "select 1", *option], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and option[0] in result.stderr


def test_small_results_print_as_before():
    columns, rows = ["a", "金额"], [(1, "x"), (None, "一二")]
    assert format_rows(columns, rows, "table") == "a | 金额\n--+-----\n1 | x   \n  | 一二\n(2 rows)\n"
    assert (
        format_rows(columns, rows, "json")
        == json.dumps([{"a": 1, "金额": "x"}, {"a": None, "金额": "一二"}], ensure_ascii=False, indent=2) + "\n"
    )
    assert format_rows(columns, [], "json") == "[]\n"
    assert format_rows(columns, rows, "csv") == "a,金额\n1,x\n,一二\n"


# -- passwords ---------------------------------------------------------------------------------------


def test_the_admin_password_reaches_no_other_url(monkeypatch):
    """Probe: `DATABASE_URL='postgresql://u@h:1/x?password=…' govfin db url --role analyst` printed the
    owner's password inside the analyst's URL."""
    url = f"postgresql://owner@127.0.0.1:1/govfin?sslmode=disable&password={SECRET}"
    env = dict(os.environ, DATABASE_URL=url)
    for name in ("GOVFIN_ANALYST_URL", "GOVFIN_LOADER_URL", "GOVFIN_TRANSFORMER_URL"):
        env.pop(name, None)
    for role in ("analyst", "loader", "transformer", "admin"):
        shown = subprocess.run(
            [GOVFIN, "db", "url", "--role", role], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        assert shown.returncode == 0 and SECRET not in shown.stdout + shown.stderr, (role, shown.stdout)
        assert "password" not in shown.stdout and "sslmode=disable" in shown.stdout
    asked = subprocess.run(
        [GOVFIN, "db", "url", "--role", "admin", "--show-password"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert asked.stdout.strip() == url  # asked for: the admin's own URL, as configured
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("GOVFIN_ANALYST_URL", raising=False)
    assert SECRET not in db.login_url("analyst", show_password=True)


@pytest.mark.parametrize("log_format", ["text", "json"])
@pytest.mark.parametrize("command", [["status"], ["sql", "select 1"], ["load", "--raw-dir", "data/raw"]])
def test_no_password_in_errors_or_logs(command, log_format):
    """Probe: the password showed in `status` errors and in JSON logs."""
    env = dict(os.environ, DATABASE_URL=f"postgresql://owner:{SECRET}@127.0.0.1:1/x?password={SECRET}")
    result = subprocess.run(
        [GOVFIN, "--log-format", log_format, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "127.0.0.1" in result.stderr and SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("formatter", [JsonFormatter(), TextFormatter()])
def test_log_lines_mask_every_form_of_password(formatter):
    try:
        raise RuntimeError(f"cannot connect: host=h password={SECRET} user=u")
    except RuntimeError:
        record = logging.makeLogRecord(
            {
                "msg": "connecting to %s",
                "args": (f"postgresql://u:{SECRET}@h/x",),
                "levelname": "ERROR",
                "exc_info": sys.exc_info(),
                "url": f"postgresql://u@h/x?sslmode=require&password={SECRET}",
            }
        )
    line = formatter.format(record)
    assert SECRET not in line and line.count("***") >= 2
