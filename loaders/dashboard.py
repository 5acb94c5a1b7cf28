"""`make dashboard`: Superset (看板) on the marts, with the dashboards kept as code under dashboards/.

Superset needs SQLAlchemy < 2, so it lives in its own virtual environment (``.venv-bi``,
created by the Makefile); this module drives it from the outside with its CLI and gunicorn.
Everything Superset writes (its SQLite metadata database, secret key, admin password, log)
stays under ``$GOVFIN_HOME/superset``. Superset reads the warehouse as the read-only analyst
login (govfin_analyst_login: marts and quality), never as the owner of the tables.

    python -m loaders.dashboard start   # initialise once, import the dashboards, serve on 127.0.0.1
    python -m loaders.dashboard stop
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

import yaml

from loaders import db
from loaders.logins import LOGINS, read_passfile

BI_VENV = db.PROJECT_ROOT / ".venv-bi"
EXPORT_DIR = db.PROJECT_ROOT / "dashboards" / "export"
IMPORTER = db.PROJECT_ROOT / "dashboards" / "superset_import.py"
DEFAULT_PORT = 8088
ADMIN = "admin"


class DashboardError(RuntimeError):
    """Superset is not installed, did not start, or refused the dashboards."""


@dataclass(frozen=True)
class Running:
    """A Superset server this module started: where it listens and how to log in."""

    url: str
    pid: int
    admin_user: str
    admin_password: str


def analyst_url(admin_url: str | None = None) -> str:
    """The read-only analyst login's URL for Superset, password inlined (Superset keeps it encrypted).

    ``GOVFIN_ANALYST_URL`` if set (docker-compose); else the analyst login on the server and
    database of ``admin_url`` (default: the embedded server or DATABASE_URL), its password read
    from the password file the URL names (``?passfile=``), PGPASSFILE or ~/.pgpass.
    """
    url = os.environ.get("GOVFIN_ANALYST_URL") or db.with_user(admin_url or db.database_url(), LOGINS["analyst"].user)
    parts = urlsplit(url)
    if parts.password:
        return url
    user = unquote(parts.username or "")
    options = dict(parse_qsl(parts.query))
    candidates = [options.get("passfile"), os.environ.get("PGPASSFILE"), str(Path.home() / ".pgpass")]
    for passfile in filter(None, candidates):
        password = read_passfile(Path(passfile)).get(user) if Path(passfile).is_file() else None
        if password:
            query = urlencode({k: v for k, v in options.items() if k != "passfile"})
            address = parts.netloc.rsplit("@", 1)[-1]
            return parts._replace(
                netloc=f"{quote(user, safe='')}:{quote(password, safe='')}@{address}", query=query
            ).geturl()
    raise DashboardError(
        f"no password for {user} in {', '.join(filter(None, candidates))}: "
        "set GOVFIN_ANALYST_URL to the analyst's URL with its password"
    )


# -- files under GOVFIN_HOME/superset --------------------------------------------------------
def superset_home() -> Path:
    return db.govfin_home() / "superset"


def _secret(name: str) -> str:
    """A random secret generated once and kept (mode 0600) under the Superset home."""
    path = superset_home() / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(24))
    return path.read_text().strip()


def _config_file() -> Path:
    home = superset_home()
    config = home / "superset_config.py"
    config.write_text(
        '"""Written by `make dashboard` (loaders/dashboard.py); changes are overwritten."""\n'
        f"SECRET_KEY = {_secret('secret-key')!r}\n"
        f"SQLALCHEMY_DATABASE_URI = {'sqlite:///' + str(home / 'superset.db')!r}\n"
        f"DATA_DIR = {str(home)!r}\n"
        'BABEL_DEFAULT_LOCALE = "zh"\n'
        'LANGUAGES = {"zh": {"flag": "cn", "name": "简体中文"}, "en": {"flag": "us", "name": "English"}}\n'
        "TALISMAN_ENABLED = False\n"
        "CONTENT_SECURITY_POLICY_WARNING = False\n"
        'RATELIMIT_STORAGE_URI = "memory://"\n'
        "SQLLAB_CTAS_NO_LIMIT = True\n"
        'FEATURE_FLAGS = {"DASHBOARD_RBAC": False}\n',
        encoding="utf-8",
    )
    return config


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPERSET_")}
    env.update(
        SUPERSET_CONFIG_PATH=str(_config_file()),
        SUPERSET_HOME=str(superset_home()),
        FLASK_APP="superset",
        PYTHONWARNINGS="ignore",
        HOME=str(superset_home()),
    )
    return env


def _superset(*args: str) -> str:
    return _run_bi([str(BI_VENV / "bin" / "superset"), *args], f"superset {args[0]}")


def _run_bi(command: list[str], what: str, **env: str) -> str:
    """Run a program of the BI environment with Superset's settings; its output, or an error."""
    if not Path(command[0]).exists():
        raise DashboardError(f"Superset is not installed in {BI_VENV} (run `make dashboard`)")
    done = subprocess.run(
        command, env={**_environment(), **env}, capture_output=True, text=True, timeout=900, cwd=superset_home()
    )
    if done.returncode != 0:
        raise DashboardError(f"{what} failed:\n{(done.stdout + done.stderr)[-3000:]}")
    return done.stdout + done.stderr


# -- setup -----------------------------------------------------------------------------------
def initialise() -> None:
    """Create or upgrade Superset's metadata database (once per Superset version)."""
    stamp = superset_home() / "initialised"
    version_file = BI_VENV / "superset-version"
    version = version_file.read_text().strip() if version_file.exists() else "unknown"
    if not stamp.exists() or stamp.read_text() != version:
        _superset("db", "upgrade")
        _superset("init")
        stamp.write_text(version)


def import_dashboards(warehouse_url: str, admin_password: str) -> Path:
    """Zip dashboards/export with the warehouse's URI filled in; import it, overwriting, as admin."""
    bundle = superset_home() / "dashboards.zip"
    bundle.touch(mode=0o600)
    with zipfile.ZipFile(bundle, "w") as archive:
        for path in sorted(EXPORT_DIR.rglob("*.yaml")):
            relative = path.relative_to(EXPORT_DIR).as_posix()
            text = path.read_text(encoding="utf-8")
            if relative.startswith("databases/"):
                document = yaml.safe_load(text)
                document["sqlalchemy_uri"] = superset_uri(warehouse_url)
                text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
            archive.writestr(f"govfin_dashboards/{relative}", text)
    _run_bi(
        [str(BI_VENV / "bin" / "python"), str(IMPORTER), str(bundle)],
        "dashboard import",
        GOVFIN_SUPERSET_ADMIN_PASSWORD=admin_password,
    )
    return bundle


def superset_uri(url: str) -> str:
    """The warehouse URL in the dialect Superset's SQLAlchemy 1.4 speaks (psycopg2)."""
    params = db.connection_params(url)
    auth = quote(params.user, safe="") + (f":{quote(params.password, safe='')}" if params.password else "")
    return f"postgresql+psycopg2://{auth}@{params.host}:{params.port}/{params.dbname}"


# -- the server ------------------------------------------------------------------------------
def _pidfile() -> Path:
    return superset_home() / "superset.pid"


def running_pid() -> int | None:
    try:
        pid = int(_pidfile().read_text().split()[0])
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError, IndexError):
        return None


def _gunicorn(host: str, port: int) -> list[str]:
    return [
        str(BI_VENV / "bin" / "gunicorn"),
        "--bind",
        f"{host}:{port}",
        "--workers",
        "1",
        "--threads",
        "8",
        "--worker-class",
        "gthread",
        "--timeout",
        "300",
        "superset.app:create_app()",
    ]


def serve(port: int) -> int:
    """Start gunicorn on 127.0.0.1:port in its own session; wait until Superset answers."""
    log = superset_home() / "superset.log"
    with open(log, "ab") as sink:
        process = subprocess.Popen(
            _gunicorn("127.0.0.1", port),
            env=_environment(),
            cwd=superset_home(),
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise DashboardError(f"Superset exited at start; see {log}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as answer:
                if answer.status == 200:
                    _pidfile().write_text(f"{process.pid} {port}\n")
                    return process.pid
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    process.terminate()
    raise DashboardError(f"Superset did not answer on port {port} within 300 s; see {log}")


def prepare(admin_url: str | None = None) -> str:
    """Initialise Superset and import the dashboards on the read-only login; the admin password."""
    warehouse = analyst_url(admin_url)
    db.check_connection(warehouse)
    initialise()
    password = _secret("admin-password")
    import_dashboards(warehouse, password)
    return password


def start(port: int = DEFAULT_PORT, admin_url: str | None = None) -> Running:
    """Idempotent: (re)initialise, re-import the dashboards, and serve unless already serving."""
    password = prepare(admin_url)
    pid = running_pid()
    if pid is None:
        pid = serve(port)
    else:
        port = int(_pidfile().read_text().split()[1])
    return Running(f"http://127.0.0.1:{port}/", pid, ADMIN, password)


def stop() -> bool:
    """Stop the server this module started; True if one was running."""
    pid = running_pid()
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except OSError:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
    _pidfile().unlink(missing_ok=True)
    return True


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "start"
    try:
        if command == "start":
            port = int(os.environ.get("GOVFIN_DASHBOARD_PORT", DEFAULT_PORT))
            running = start(port)
            print(f"Superset: {running.url}  (user {running.admin_user}, password {running.admin_password})")
            print("stop it with: make dashboard-stop")
            return 0
        if command == "serve":  # in the foreground, for a container (docker-compose `superset`)
            password = prepare()
            host = os.environ.get("GOVFIN_DASHBOARD_HOST", "127.0.0.1")
            print(f"Superset on {host}:{DEFAULT_PORT} (user {ADMIN}, password {password})", flush=True)
            command_line = _gunicorn(host, DEFAULT_PORT)
            os.chdir(superset_home())
            os.execve(command_line[0], command_line, _environment())
        if command == "stop":
            print("Superset stopped" if stop() else "Superset was not running")
            return 0
    except (DashboardError, db.DatabaseUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("usage: python -m loaders.dashboard start|stop|serve", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
