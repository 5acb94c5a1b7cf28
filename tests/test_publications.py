"""Publications as departments put them online: in two parts (文件 + 公开表), and corrected (更正版).

Real PostgreSQL, real loader, real dbt: a seed cut into its text and its tables gives the marts
the whole seed gives; a correction supersedes the original whichever is loaded first.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from unicodedata import normalize

import psycopg
import pytest
from mart_names import FACTS_AND_MARTS

from loaders.dbt import run_dbt
from loaders.migrate import upgrade
from loaders.pipeline import load_directory

SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / "000_3b0a4ec0e1089ac8.txt"
LINES = SEED.read_text(encoding="utf-8").split("\n")
# the seed's own sections: cover 1–2, 目录 and 第一部分 概况 to 46, 第二部分 tables 47–358,
# 第三部分 情况说明 and 第四部分 to 502, 第五部分 附件 (自评表) from 503
TEXT_LINES = [(1, 46), (359, 502)]
TABLE_LINES = [(1, 2), (47, 358), (503, len(LINES))]
# every mart a split publication must give unchanged
MARTS = ("dim_department", *FACTS_AND_MARTS)
# where a row came from: another file, other lines, by design
PROVENANCE = ("document_id", "line_no", "page")
CORRECTION_NOTE = "公开02表“住房公积金”项目填报有误，现予更正并重新公开。"
WRONG, RIGHT = "2210201\t住房公积金\t44.37\t44.37", "2210201\t住房公积金\t45.37\t45.37"


def _cut(spans: list[tuple[int, int]]) -> str:
    return "\n".join(line for n, line in enumerate(LINES, start=1) if any(a <= n <= b for a, b in spans))


def _corrected() -> str:
    body = SEED.read_text(encoding="utf-8")
    assert body.count(WRONG) == 3  # 收入决算表 first, then the 支出 tables (which keep their figure)
    title = "2023年度部门决算公开"
    return body.replace(WRONG, RIGHT, 1).replace(title, f"{title}（更正版）\n\n更正说明：{CORRECTION_NOTE}", 1)


@pytest.fixture
def new_db(embedded_server):
    """Another empty, migrated database on the session's server."""

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(embedded_server.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        upgrade(embedded_server.url(name))
        return embedded_server.url(name)

    return make


def _load(url: str, raw: Path, *files: tuple[str, str]) -> None:
    raw.mkdir(exist_ok=True)
    for name, body in files:
        (raw / name).write_text(body, encoding="utf-8")
    summary = load_directory(raw, url, workers=1)
    assert summary.failed == 0, [f.error for f in summary.failures]


def _rows(url: str, sql: str, *params) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params or None).fetchall()


def _mart(url: str, mart: str) -> list[tuple]:
    columns = [
        c
        for (c,) in _rows(
            url,
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "'marts' AND table_name = %s ORDER BY ordinal_position",
            mart,
        )
        if c not in PROVENANCE
    ]
    return sorted(_rows(url, f"SELECT {', '.join(columns)} FROM marts.{mart}"), key=repr)


def test_a_seed_in_two_parts_gives_the_marts_of_the_whole(new_db, tmp_path):
    whole, parts = new_db(), new_db()
    _load(whole, tmp_path / "whole", (SEED.name, SEED.read_text(encoding="utf-8")))
    _load(parts, tmp_path / "parts", ("wenjian.txt", _cut(TEXT_LINES)), ("gongkaibiao.txt", _cut(TABLE_LINES)))
    assert (run_dbt(whole, ["build"], quiet=True), run_dbt(parts, ["build"], quiet=True)) == (0, 0)
    assert _rows(
        parts,
        "SELECT document_part, is_current, is_current_for_tables, is_current_for_text "
        "FROM marts.dim_document ORDER BY document_part",
    ) == [("tables", True, True, False), ("text", True, False, True)]
    assert _rows(
        parts,
        "SELECT count(*) FROM staging.document_table d JOIN raw.document r USING (document_id) "
        "WHERE r.document_part = 'text'",
    ) == [(0,)]
    for mart in MARTS:
        expected = _mart(whole, mart)
        assert expected, f"{mart} is empty: the comparison would prove nothing"
        assert _mart(parts, mart) == expected, mart


@pytest.mark.parametrize("first", ["original", "correction"])
def test_a_correction_supersedes_the_original_in_either_load_order(new_db, tmp_path, first):
    url = new_db()
    files = {
        "original": ("a_original.txt", SEED.read_text(encoding="utf-8")),
        "correction": ("b_correction.txt", _corrected()),
    }
    second = "correction" if first == "original" else "original"
    _load(url, tmp_path / "raw", files[first])
    _load(url, tmp_path / "raw", files[second])  # a later run: the first file is skipped, this one loads
    assert run_dbt(url, ["run"], quiet=True) == 0
    docs = dict(_rows(url, "SELECT file_name, document_id FROM raw.document"))
    original, correction = docs["a_original.txt"], docs["b_correction.txt"]
    assert _rows(
        url,
        "SELECT document_id, is_current, is_correction, supersedes_document_id, correction_note "
        "FROM marts.dim_document ORDER BY is_current",
    ) == [
        # the note as extracted: NFKC-normalised like every line (，→ ,)
        (original, False, False, None, None),
        (correction, True, True, original, normalize("NFKC", CORRECTION_NOTE)),
    ]
    # the marts show the corrected figure; staging keeps both versions
    assert _rows(
        url,
        "SELECT DISTINCT amount_yuan::text FROM marts.fct_revenue WHERE functional_code = '2210201' "
        "AND amount_yuan <> 0",
    ) == [("453700.00",)]
    assert _rows(url, "SELECT count(DISTINCT document_id) FROM staging.functional_amount") == [(2,)]


def test_a_later_republication_stays_current_after_a_reload(new_db, tmp_path):
    """No 更正 mark: the document first seen later supersedes, and a forced reload of both in one
    transaction does not change which."""
    url = new_db()
    raw = tmp_path / "raw"
    _load(url, raw, ("a_original.txt", SEED.read_text(encoding="utf-8")))
    _load(url, raw, ("b_republished.txt", SEED.read_text(encoding="utf-8").replace(WRONG, RIGHT, 1)))
    assert load_directory(raw, url, workers=1, force=True).loaded == 2
    assert run_dbt(url, ["run"], quiet=True) == 0
    docs = dict(_rows(url, "SELECT file_name, document_id FROM raw.document"))
    assert _rows(url, "SELECT document_id, supersedes_document_id FROM marts.dim_document WHERE is_current") == [
        (docs["b_republished.txt"], docs["a_original.txt"])
    ]


def test_the_later_dated_republication_supersedes_whatever_the_load_order(new_db, tmp_path):
    url = new_db()
    title = "2023年度部门决算公开"
    dated = {
        "a_dated_may.txt": ("2024年5月", SEED.read_text(encoding="utf-8").replace(WRONG, RIGHT, 1)),
        "b_dated_march.txt": ("2024年3月", SEED.read_text(encoding="utf-8")),
    }
    for name, (when, body) in dated.items():  # the later-dated one is loaded first
        _load(url, tmp_path / "raw", (name, body.replace(title, f"{title}\n\n{when}", 1)))
    assert run_dbt(url, ["run"], quiet=True) == 0
    docs = dict(_rows(url, "SELECT file_name, document_id FROM raw.document"))
    assert _rows(
        url, "SELECT document_id, published_on::text, supersedes_document_id FROM marts.dim_document WHERE is_current"
    ) == [(docs["a_dated_may.txt"], "2024-05-01", docs["b_dated_march.txt"])]


def test_a_corrected_tables_part_supersedes_only_the_tables_of_a_complete_document(new_db, tmp_path):
    url = new_db()
    _load(url, tmp_path / "raw", (SEED.name, SEED.read_text(encoding="utf-8")))
    tables = (
        _cut(TABLE_LINES).replace(WRONG, RIGHT, 1).replace("2023年度部门决算公开", "2023年度部门决算公开（更正版）", 1)
    )
    _load(url, tmp_path / "raw", ("gongkaibiao_gengzheng.txt", tables))
    assert run_dbt(url, ["run"], quiet=True) == 0
    docs = dict(_rows(url, "SELECT file_name, document_id FROM raw.document"))
    whole, correction = docs[SEED.name], docs["gongkaibiao_gengzheng.txt"]
    assert sorted(
        _rows(
            url,
            "SELECT document_id, document_part, is_current_for_tables, is_current_for_text, "
            "supersedes_document_id FROM marts.dim_document",
        )
    ) == sorted([(whole, "complete", False, True, None), (correction, "tables", True, False, whole)])
    assert _rows(
        url,
        "SELECT DISTINCT amount_yuan::text FROM marts.fct_revenue WHERE functional_code = '2210201' "
        "AND amount_yuan <> 0",
    ) == [("453700.00",)]
    # the prose of the complete document still counts: the 年初预算 its 情况说明 states (1,433.90 万元)
    assert _rows(url, "SELECT budget_total_yuan::text FROM marts.mart_department_year") == [("14339000.00",)]
