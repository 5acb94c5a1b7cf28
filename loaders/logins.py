"""Who connects: one login per job (登录用户), its group role, and where its password is kept.

Each job logs in as its own user and holds only its group role's privileges (the roles
the migrations grant to): the loader writes ``raw`` and ``staging``, dbt (the
transformer) reads those and owns ``transform``, ``marts`` and ``quality``, the analyst
reads ``marts`` and ``quality``. The superuser is left to ``govfin db`` and migrations.

The embedded server's passwords live in one libpq password file (the ``.pgpass``
format, mode 0600 in a 0700 directory): URLs name that file (``?passfile=``) instead of
carrying a password, so a URL printed in a message or a log gives nothing away. The
server only ever sees a SCRAM-SHA-256 verifier, never the password itself.

The analyst login's limits (sessions, statement time, idle transactions, temporary files, sort
memory) are set on the role by sql/grants.sql; on the embedded server ``GOVFIN_ANALYST_*``
variables override them at each start (``ANALYST_LIMITS``), and no login but a superuser may
create a large object or connect to ``postgres`` and ``template1``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

SUPERUSER = "postgres"
GRANTS_SQL = Path(__file__).resolve().parents[1] / "sql" / "grants.sql"


@dataclass(frozen=True)
class Login:
    """A job's login user and the group role that holds its privileges."""

    job: str
    user: str
    role: str


LOGINS = {
    login.job: login
    for login in (
        Login("loader", "govfin_loader_login", "govfin_loader"),
        Login("transformer", "govfin_transformer_login", "govfin_transformer"),
        Login("analyst", "govfin_analyst_login", "govfin_analyst"),
    )
}
JOBS = ("analyst", "loader", "transformer", "admin")

# role setting → the variable that overrides sql/grants.sql's value on the embedded server
ANALYST_LIMITS = {
    "statement_timeout": "GOVFIN_ANALYST_STATEMENT_TIMEOUT",
    "idle_in_transaction_session_timeout": "GOVFIN_ANALYST_IDLE_TIMEOUT",
    "temp_file_limit": "GOVFIN_ANALYST_TEMP_FILE_LIMIT",
    "work_mem": "GOVFIN_ANALYST_WORK_MEM",
}
ANALYST_CONNECTIONS = "GOVFIN_ANALYST_CONNECTIONS"
# the functions that create, write, import, export or delete a large object (and open one for writing)
LARGE_OBJECT_WRITERS = (
    "lo_creat",
    "lo_create",
    "lo_from_bytea",
    "lo_import",
    "lo_export",
    "lowrite",
    "lo_put",
    "lo_truncate",
    "lo_truncate64",
    "lo_unlink",
    "lo_open",
)


def generate_password() -> str:
    """32 random URL-safe characters: no escaping in a URL or a password file."""
    return secrets.token_urlsafe(24)


def scram_verifier(password: str, iterations: int = 4096) -> str:
    """The SCRAM-SHA-256 secret PostgreSQL stores for ``password`` (RFC 5802 / 7677).

    Sent instead of the password, so neither the server's log nor a failed statement can
    show it. Passwords here are ASCII, for which SASLprep changes nothing."""
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(hashlib.sha256(client_key).digest())}:{b64(server_key)}"


def read_passfile(path: Path) -> dict[str, str]:
    """user → password from a libpq password file (``host:port:database:user:password``)."""
    entries: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            fields = _split_pgpass(line)
            if len(fields) == 5:
                entries.setdefault(fields[3], fields[4])
    return entries


def _split_pgpass(line: str) -> list[str]:
    fields, current, escaped = [], "", False
    for char in line:
        if escaped:
            current, escaped = current + char, False
        elif char == "\\":
            escaped = True
        elif char == ":":
            fields.append(current)
            current = ""
        else:
            current += char
    return [*fields, current]


def ensure_passfile(path: Path, users: list[str], host: str = "127.0.0.1") -> dict[str, str]:
    """The passwords of ``users``, generating (and saving) those the file does not have yet.

    The directory is made 0700 and the file 0600 (libpq ignores a password file others can read)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    known = read_passfile(path) if path.exists() else {}
    missing = [user for user in users if user not in known]
    if missing or not path.exists():
        known.update({user: generate_password() for user in missing})
        text = "".join(f"{host}:*:*:{user}:{password}\n" for user, password in known.items())
        temporary = path.with_name(path.name + ".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    os.chmod(path, 0o600)
    return {user: known[user] for user in users}


def ensure_logins(conn: psycopg.Connection, passwords: dict[str, str]) -> None:
    """Create the roles and logins (sql/grants.sql, as a DBA would run it), then set each
    login's password to the one in the password file. ``conn`` is a superuser's."""
    conn.execute(GRANTS_SQL.read_text(encoding="utf-8"))
    for login in LOGINS.values():
        # a verifier in a literal: ALTER ROLE takes no bind parameters
        conn.execute(f"ALTER ROLE {login.user} PASSWORD '{scram_verifier(passwords[login.user])}'")
    apply_analyst_limits(conn)


def apply_analyst_limits(conn: psycopg.Connection) -> None:
    """The ``GOVFIN_ANALYST_*`` overrides of sql/grants.sql's limits; ValueError names a bad one."""
    user = sql.Identifier(LOGINS["analyst"].user)
    for setting, variable in ANALYST_LIMITS.items():
        value = os.environ.get(variable, "").strip()
        if value:
            statement = sql.SQL("ALTER ROLE {} SET {} = {}").format(user, sql.Identifier(setting), sql.Literal(value))
            _alter(conn, statement, f"{variable}={value!r}")
    connections = os.environ.get(ANALYST_CONNECTIONS, "").strip()
    if connections:
        if not connections.isdigit() or int(connections) < 1:
            raise ValueError(f"{ANALYST_CONNECTIONS}={connections!r}: expected a whole number of sessions, 1 or more")
        statement = sql.SQL("ALTER ROLE {} CONNECTION LIMIT {}").format(user, sql.Literal(int(connections)))
        _alter(conn, statement, f"{ANALYST_CONNECTIONS}={connections!r}")


def _alter(conn: psycopg.Connection, statement: sql.Composed, what: str) -> None:
    try:
        with conn.transaction():
            conn.execute(statement)
    except psycopg.Error as exc:
        raise ValueError(f"{what}: {str(exc).strip()}") from None


def lock_down_cluster(conn: psycopg.Connection) -> None:
    """On a cluster of govfin's own (the embedded server), as a superuser connected to template1:
    no login but a superuser connects to ``postgres`` or ``template1`` or makes temporary tables
    there, and the large-object writers are revoked in template1, so every database created
    later (a second warehouse, a test database) starts without them."""
    conn.execute("REVOKE CONNECT, TEMPORARY ON DATABASE postgres, template1 FROM PUBLIC")
    revoke_large_objects(conn)


def revoke_large_objects(conn: psycopg.Connection) -> None:
    """No EXECUTE for PUBLIC on ``LARGE_OBJECT_WRITERS`` in the connected database (superusers keep it)."""
    functions = conn.execute(
        "SELECT p.oid::regprocedure::text FROM pg_proc p "
        "WHERE p.pronamespace = 'pg_catalog'::regnamespace AND p.proname = ANY(%s)",
        (list(LARGE_OBJECT_WRITERS),),
    ).fetchall()
    for (function,) in functions:
        conn.execute(f"REVOKE EXECUTE ON FUNCTION {function} FROM PUBLIC")
