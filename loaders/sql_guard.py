"""What `govfin sql` accepts: exactly one query, checked with PostgreSQL's own parser (pglast).

A query is SELECT (with WITH, VALUES, TABLE), EXPLAIN of one, or SHOW. Anything else is
refused before it reaches the server, with a message saying why: a second statement,
transaction control (COMMIT would end the read-only transaction), SET ROLE / SET SESSION
AUTHORIZATION, COPY (… PROGRAM runs a program on the server), SELECT … INTO, or a data-
modifying WITH. The analyst login's privileges and the read-only transaction stay the
real guard; this check makes the refusal clear and early.
"""

from __future__ import annotations

import re

from pglast import ast, parse_sql
from pglast.parser import ParseError
from pglast.visitors import Visitor

WRITES = (ast.InsertStmt, ast.UpdateStmt, ast.DeleteStmt, ast.MergeStmt)
ALLOWED = "a query (SELECT, WITH, VALUES, TABLE, EXPLAIN or SHOW)"


class RefusedStatement(ValueError):
    """The text is not exactly one read-only query."""


class _Writes(Visitor):
    def __init__(self) -> None:
        self.found: list[str] = []

    def visit(self, ancestors, node) -> None:
        if isinstance(node, WRITES):
            self.found.append(_keyword(node))


def _keyword(node) -> str:
    """CreateTableAsStmt → CREATE TABLE AS; VariableSetStmt → SET."""
    name = type(node).__name__.removesuffix("Stmt").removeprefix("Variable")
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).upper()


def check_statement(text: str):
    """The statement's parse tree (a pglast node); RefusedStatement unless ``text`` is exactly one
    read-only query."""
    try:
        statements = parse_sql(text)
    except ParseError as exc:
        raise RefusedStatement(f"not valid SQL: {exc}") from exc
    if not statements:
        raise RefusedStatement(f"no statement given: expected {ALLOWED}")
    if len(statements) > 1:
        raise RefusedStatement(f"exactly one statement is allowed, found {len(statements)}: run them one at a time")
    _check_one(statements[0].stmt)
    writes = _Writes()
    writes(statements[0])
    if writes.found:
        raise RefusedStatement(
            f"read-only: {', '.join(sorted(set(writes.found)))} is not allowed (not even inside WITH)"
        )
    return statements[0].stmt


def _check_one(stmt) -> None:
    if isinstance(stmt, ast.TransactionStmt):
        raise RefusedStatement(
            "transaction control (BEGIN, COMMIT, ROLLBACK …) is not allowed: "
            "govfin sql runs one statement in its own read-only transaction"
        )
    if isinstance(stmt, ast.VariableSetStmt) and stmt.name in ("role", "session_authorization"):
        what = "SET ROLE" if stmt.name == "role" else "SET SESSION AUTHORIZATION"
        raise RefusedStatement(f"{what} is not allowed: govfin sql runs as the analyst login")
    if isinstance(stmt, ast.CopyStmt):
        if stmt.is_program:
            raise RefusedStatement("COPY … PROGRAM is not allowed: it runs a program on the database server")
        raise RefusedStatement("COPY is not allowed: use --format csv to export rows")
    if isinstance(stmt, ast.ExplainStmt):
        _check_one(stmt.query)
        return
    if isinstance(stmt, ast.SelectStmt):
        if stmt.intoClause is not None:
            raise RefusedStatement("read-only: SELECT … INTO creates a table and is not allowed")
        return
    if isinstance(stmt, ast.VariableShowStmt):
        return
    raise RefusedStatement(f"read-only: govfin sql runs {ALLOWED}, not {_keyword(stmt)}")
