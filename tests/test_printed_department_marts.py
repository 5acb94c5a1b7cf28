"""A department printed with full-width brackets one year and half-width the next is one department.

Real PostgreSQL, real loader, real dbt: department_id is keyed on the name's NFKC form
(stg_documents.department_key), dim_department shows the latest printing as it was printed.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg

from loaders.dbt import run_dbt
from loaders.migrate import upgrade
from loaders.pipeline import load_directory

SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / "001_cb5fbf2334879971.txt"
HALF, FULL = "荆门市行政审批局(本级)", "荆门市行政审批局（本级）"


def test_a_name_printed_in_either_bracket_width_is_one_department(embedded_server, tmp_path):
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(embedded_server.url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = embedded_server.url(name)
    upgrade(url)
    body = SEED.read_text(encoding="utf-8")
    assert HALF in body and FULL not in body
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "2023.txt").write_text(body, encoding="utf-8")
    # the next year's publication prints the name with full-width brackets
    (raw / "2024.txt").write_text(body.replace(HALF, FULL).replace("2023", "2024"), encoding="utf-8")
    summary = load_directory(raw, url, workers=1)
    assert summary.failed == 0, [f.error for f in summary.failures]
    assert run_dbt(url, ["build"], quiet=True) == 0
    with psycopg.connect(url) as conn:
        printed = conn.execute("SELECT department, fiscal_year FROM raw.document ORDER BY fiscal_year").fetchall()
        departments = conn.execute("SELECT department_name FROM marts.dim_department").fetchall()
        ids = conn.execute("SELECT count(DISTINCT department_id) FROM marts.fct_three_public_expenses").fetchone()
    assert printed == [(HALF, 2023), (FULL, 2024)]
    assert departments == [(FULL,)]
    assert ids == (1,)
