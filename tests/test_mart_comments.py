"""persist_docs: every column dbt describes reaches PostgreSQL as a comment, for psql and BI tools."""

from __future__ import annotations

import psycopg


def test_every_mart_and_quality_column_has_a_comment(built_seeds_url):
    with psycopg.connect(built_seeds_url) as conn:
        columns = conn.execute("""
            SELECT c.table_schema || '.' || c.table_name || '.' || c.column_name,
                   col_description(format('%I.%I', c.table_schema, c.table_name)::regclass,
                                   c.ordinal_position)
            FROM information_schema.columns c
            WHERE c.table_schema IN ('marts', 'quality')""").fetchall()
        tables = conn.execute("""
            SELECT n.nspname || '.' || c.relname, obj_description(c.oid, 'pg_class')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('marts', 'quality') AND c.relkind = 'r'""").fetchall()
    assert len(columns) > 100, "the marts were not built"
    assert [name for name, comment in columns if not comment] == []
    assert [name for name, comment in tables if not comment] == []
