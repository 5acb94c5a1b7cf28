"""No generated password is written anywhere after a real `govfin run`: every file is scanned.

The passwords are generated at run time (``loaders.logins``), so no check of tracked files
can see them; after a real run on its own embedded server, every file of the working tree
(its virtualenvs aside: installed packages), of GOVFIN_HOME (the server's log and
configuration, the data directory) and of dbt's ``target/`` and ``logs/`` is read as bytes and
searched for each password. The password file alone may hold them. The files a run must
write are required: a check of a log that was never written would pass whatever leaks.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from loaders import db
from loaders.logins import read_passfile

ROOT = Path(__file__).resolve().parents[1]
GOVFIN = str(Path(sys.executable).with_name("govfin"))
# installed packages and caches, not the project's output
NOT_SCANNED = {".git", ".venv", ".venv-bi", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}
DBT_TARGET = ROOT / "dbt_project" / "target"
DBT_LOGS = ROOT / "dbt_project" / "logs"
BUILD_TARGET = DBT_TARGET / "build"


def govfin(*args: str, env: dict, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([GOVFIN, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def files_under(root: Path) -> list[Path]:
    found = []
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = [d for d in subdirs if d not in NOT_SCANNED]
        found += [Path(directory) / name for name in names]
    return [p for p in found if p.is_file() and not p.is_symlink()]


def leaks(files: list[Path], passwords: dict[str, str], allowed: Path) -> list[str]:
    found = []
    for path in files:
        if path == allowed:
            continue
        try:
            data = path.read_bytes()
        except OSError:  # a file the server removed while being read, or one only its OS user may read
            continue
        found += [f"{user}'s password in {path}" for user, password in passwords.items() if password.encode() in data]
    return found


def test_no_password_in_any_file_after_a_real_run(server_home):
    home = server_home
    env = dict(os.environ, GOVFIN_HOME=str(home))
    env.pop("DATABASE_URL", None)
    try:
        run = govfin("--log-format", "json", "run", env=env)
        assert run.returncode == 0, run.stdout + run.stderr
        assert govfin("db", "url", "--show-password", env=env).returncode == 0
    finally:
        govfin("db", "stop", env=env)
    passfile = db.EmbeddedServer(home).passfile
    passwords = read_passfile(passfile)
    assert len(passwords) >= 4 and all(len(p) >= 16 for p in passwords.values()), "no generated passwords to look for"

    required = [
        home / "postgres.log",
        DBT_LOGS / "dbt.log",
        BUILD_TARGET / "manifest.json",  # `govfin run` builds aside (loaders/build.py) and writes there
        BUILD_TARGET / "run_results.json",
    ]
    assert [str(p) for p in required if not p.is_file()] == [], "a file the run must write is missing"
    files = files_under(ROOT) + files_under(home)
    assert set(required) <= set(files) and DBT_TARGET.resolve().is_relative_to(ROOT)
    assert leaks(files, passwords, allowed=passfile) == []


def test_a_planted_password_is_found(tmp_path):
    """The scan itself: a password in a nested file of any name is found, the password file is not reported."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "run.log").write_bytes(b"\x00binary\xff connect password=s3cret-generated-xyz;")
    (tmp_path / "pgpass").write_text("127.0.0.1:5432:*:u:s3cret-generated-xyz\n")
    files = files_under(tmp_path)
    found = leaks(files, {"u": "s3cret-generated-xyz"}, allowed=tmp_path / "pgpass")
    assert found == [f"u's password in {tmp_path / 'a' / 'b' / 'run.log'}"]
