"""Excel and Word: the seeds written as .xlsx, .xls, .ods and .docx give the facts of the text seed.

The files are generated here (openpyxl, xlwt, odfpy, python-docx) from the tab-separated
seeds; amounts become numeric cells, titles and header labels merged cells. Formats the
parser cannot read are refused by name, and a folder of them makes `govfin load` exit 1.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest
from office_fixtures import write_docx, write_ods, write_xls, write_xlsx

from loaders.extract import extract_lines
from loaders.extract.spreadsheet import cell_text
from loaders.extract.word import word_lines
from loaders.model import ParseError
from loaders.reading import read_document

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
GOVFIN = str(Path(sys.executable).with_name("govfin"))
TAB_SEEDS = ["000_3b0a4ec0e1089ac8.txt", "003_4bfa79258c3578d4.txt"]
WORKBOOKS = {".xlsx": write_xlsx, ".xls": write_xls, ".ods": write_ods}
TABLE_FACTS = ("functional_amounts", "summary_amounts", "economic_amounts", "three_public_amounts")


def bare(row):
    """A fact without its provenance (line numbers differ between formats)."""
    row = replace(row, page=None, lineno=0)
    if hasattr(row, "indicators"):
        row = replace(row, indicators=tuple(replace(i, page=None, lineno=0) for i in row.indicators))
    return row


def table_facts(doc) -> dict:
    facts = {attr: sorted(repr(bare(r)) for r in getattr(doc, attr)) for attr in TABLE_FACTS}
    facts["statistics"] = sorted(repr(bare(s)) for s in doc.statistics if s.source == "table")
    facts["tables"] = sorted((t.kind, t.title, t.unit, t.row_count, t.is_empty) for t in doc.tables)
    facts["meta"] = doc.meta
    return facts


@pytest.mark.parametrize("suffix", list(WORKBOOKS))
@pytest.mark.parametrize("seed", TAB_SEEDS)
def test_workbook_gives_the_tables_of_the_text_seed(tmp_path, seed, suffix):
    text = (RAW / seed).read_text(encoding="utf-8")
    path = WORKBOOKS[suffix](tmp_path / f"seed{suffix}", text)
    reference, doc = read_document(RAW / seed), read_document(path)
    assert len(reference.functional_amounts) > 100
    assert table_facts(doc) == table_facts(reference)
    # a workbook stores 100.00 as the number 100: the printed trailing zeros are number
    # formatting, which calamine does not read; every amount and score is equal
    unformatted = [bare(replace(p, execution_rate_printed=None)) for p in doc.projects]
    assert unformatted == [bare(replace(p, execution_rate_printed=None)) for p in reference.projects]
    assert len(unformatted) == len(reference.projects) > 0
    lines = extract_lines(path)
    assert {line.page for line in lines} == set(range(1, 12))  # cover + ten table sheets
    titles = [line for line in lines if line.page > 1 and line.lineno == 1]
    assert len(titles) == 10 and all(t.spans == (8,) for t in titles)  # merged over A:H


def test_workbook_with_merged_header_bands_gives_the_three_public_amounts(tmp_path):
    seed = TAB_SEEDS[0]
    path = write_xlsx(tmp_path / "bands.xlsx", (RAW / seed).read_text(encoding="utf-8"), bands=True)
    assert table_facts(read_document(path)) == table_facts(read_document(RAW / seed))


@pytest.mark.parametrize("seed", TAB_SEEDS)
def test_word_document_gives_every_fact_of_the_text_seed(tmp_path, seed):
    text = (RAW / seed).read_text(encoding="utf-8")
    doc = read_document(write_docx(tmp_path / "seed.docx", text))
    reference = read_document(RAW / seed)
    assert table_facts(doc) == table_facts(reference)
    for attr in ("narrative_facts", "statistics", "projects"):
        assert [repr(bare(r)) for r in getattr(doc, attr)] == [repr(bare(r)) for r in getattr(reference, attr)], attr
    assert len(doc.narrative_facts) > 100


def test_merged_title_and_header_keep_their_columns(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["收入支出决算总表"])
    sheet.merge_cells("A1:F1")
    sheet.append(["收入", None, None, "支出", None, None])
    sheet.merge_cells("A2:C2")
    sheet.merge_cells("D2:F2")
    sheet.append(["项目", "行次", "金额", "项目", "行次", "金额"])
    sheet.append(["一、一般公共预算财政拨款收入", 1, 1214.6799999999998, "一、一般公共服务支出", 32, 1170.31])
    path = tmp_path / "merged.xlsx"
    book.save(path)
    title, header, _labels, row = extract_lines(path)
    assert title.cells == ("收入支出决算总表",) and title.spans == (6,)
    assert header.cells == ("收入", "", "", "支出") and header.spans == (3, 0, 0, 3)
    assert row.cells == ("一、一般公共预算财政拨款收入", "1", "1214.68", "一、一般公共服务支出", "32", "1170.31")
    assert (row.page, row.lineno) == (1, 4)


def test_word_merges_across_columns_and_down_rows(tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("部门名称：某市审计局")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "项目"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "决算数"
    table.cell(1, 1).text, table.cell(1, 2).text = "基本支出", "项目支出"
    table.cell(2, 0).text, table.cell(2, 1).text, table.cell(2, 2).text = "合计", "1.00", "2.00"
    buffer = io.BytesIO()
    document.save(buffer)
    prose, first, second, total = word_lines(buffer.getvalue(), "merged.docx")
    assert prose.cells == ("部门名称:某市审计局",) and prose.lineno == 1  # NFKC, as every source
    assert first.cells == ("项目", "决算数") and first.spans == (1, 2)
    assert second.cells == ("", "基本支出", "项目支出") and second.spans == (0, 1, 1)
    assert total.cells == ("合计", "1.00", "2.00") and total.lineno == 4


@pytest.mark.parametrize(
    "value, printed",
    [
        (1214.6799999999998, "1214.68"),
        (3.0, "3"),
        (0.0, "0"),
        (-0.5, "-0.5"),
        (1e15, "1000000000000000"),
        (29956.26546, "29956.26546"),
        (7, "7"),
        ("　一般公共 服务\n支出 ", "一般公共 服务 支出"),
    ],
)
def test_cells_print_as_a_reader_sees_them(value, printed):
    assert cell_text(value) == printed


def _ole2(stream: str) -> bytes:
    """The start of an OLE2 compound file whose directory names one stream."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + stream.encode("utf-16-le") + b"\0" * 64


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name, data, label, detail",
    [
        ("report.doc", _ole2("WordDocument"), ".doc", "an old Office or WPS binary file"),
        ("report.wps", _ole2("WordDocument"), ".wps", "an old Office or WPS binary file"),
        ("table.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, ".png", None),
        ("scan.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100, ".jpg", None),
        ("tables.zip", _zip({"a.txt": b"x"}), ".zip", "a ZIP archive"),
        ("tables.rar", b"Rar!\x1a\x07\x00" + b"\0" * 50, ".rar", None),
        (
            "report.odt",
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}),
            ".odt",
            "application/vnd.oasis.opendocument.text",
        ),
        ("notes.rtf", b"{\\rtf1\\ansi 2023\xc4\xea}", ".rtf", None),
        ("README", "部门决算".encode(), "no file extension", None),
    ],
)
def test_unsupported_formats_are_refused_by_name(tmp_path, name, data, label, detail):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ParseError) as caught:
        read_document(path)
    expected = f"file {name}: unsupported format ({label}): convert it to PDF, DOCX or XLSX"
    assert str(caught.value) == expected + (f" ({detail})" if detail else "")


def test_an_office_name_without_office_content_is_damaged(tmp_path):
    path = tmp_path / "~$tables.xlsx"  # the lock file Excel leaves beside an open workbook
    path.write_bytes(b"\x0bzhang san" + b"\x20" * 40 + b"\x0b\x00z\x00h\x00")
    with pytest.raises(ParseError) as caught:
        read_document(path)
    assert str(caught.value).startswith("file ~$tables.xlsx: damaged or not a .xlsx file")


def test_content_decides_over_the_file_name(tmp_path):
    """An ".xls" download that is an HTML table and an .xlsx saved as ".dat" are read for what they are."""
    seed = RAW / TAB_SEEDS[0]
    reference = table_facts(read_document(seed))
    text = seed.read_text(encoding="utf-8")
    rows = "".join(
        "<tr>" + "".join(f"<td>{c}</td>" for c in line.split("\t")) + "</tr>"
        if "\t" in line
        else f"</table><p>{line}</p><table>"
        for line in text.split("\n")
        if line.strip()
    )
    html = tmp_path / "附表.xls"
    html.write_text(f"<html><body><table>{rows}</table></body></html>", encoding="utf-8")
    assert table_facts(read_document(html))["functional_amounts"] == reference["functional_amounts"]
    disguised = tmp_path / "export.dat"
    write_xlsx(disguised, text)
    assert table_facts(read_document(disguised)) == reference


def test_damaged_workbook_and_document_fail_with_the_file_name(tmp_path):
    text = (RAW / TAB_SEEDS[0]).read_text(encoding="utf-8")
    for writer, name in ((write_xlsx, "cut.xlsx"), (write_docx, "cut.docx")):
        whole = writer(tmp_path / f"whole_{name}", text).read_bytes()
        path = tmp_path / name
        path.write_bytes(whole[: len(whole) // 2])
        with pytest.raises(ParseError) as caught:
            read_document(path)
        assert str(caught.value).startswith(f"file {name}: damaged"), str(caught.value)


def test_govfin_parse_reads_a_workbook(tmp_path):
    path = write_xlsx(tmp_path / "决算.xlsx", (RAW / TAB_SEEDS[0]).read_text(encoding="utf-8"))
    result = subprocess.run(
        [GOVFIN, "parse", str(path), "--format", "json"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["meta"]["department"] == read_document(RAW / TAB_SEEDS[0]).meta.department
    assert len(parsed["functional_amounts"]) == len(read_document(RAW / TAB_SEEDS[0]).functional_amounts)


def test_load_takes_office_files_and_fails_the_unsupported(govfin_env, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    write_xlsx(raw / "tables.xlsx", (RAW / TAB_SEEDS[0]).read_text(encoding="utf-8"))
    write_docx(raw / "report.docx", (RAW / TAB_SEEDS[1]).read_text(encoding="utf-8"))
    shutil.copy2(RAW / "002_c032330014219076.txt", raw / "budget.txt")
    (raw / "old.doc").write_bytes(_ole2("WordDocument"))
    result = subprocess.run(
        [GOVFIN, "load", "--raw-dir", str(raw)], capture_output=True, text=True, env=govfin_env, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr  # refused with its reason: not a fault
    assert "3 loaded, 0 skipped, 1 refused, 0 failed" in result.stdout
    assert "old.doc: file old.doc: unsupported format (.doc): convert it to PDF, DOCX or XLSX" in result.stdout
    with psycopg.connect(govfin_env["DATABASE_URL"]) as conn:
        ledger = dict(
            conn.execute(
                "SELECT f.source_path, d.status FROM raw.source_file f JOIN raw.document d USING (document_id)"
            ).fetchall()
        )
        amounts = conn.execute(
            "SELECT count(*) FROM staging.functional_amount f JOIN raw.source_file s "
            "USING (document_id) WHERE s.source_path = 'tables.xlsx'"
        ).fetchone()[0]
    assert ledger == {"tables.xlsx": "loaded", "report.docx": "loaded", "budget.txt": "loaded", "old.doc": "failed"}
    assert amounts == len(read_document(RAW / TAB_SEEDS[0]).functional_amounts)


def test_hidden_sheets_are_not_read(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["部门名称：某市审计局"])
    hidden = book.create_sheet("计算过程")
    hidden.append(["草稿", 1.5])
    hidden.sheet_state = "hidden"
    book.create_sheet("说明").append(["2023年度部门决算"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert [(line.page, line.text) for line in extract_lines(path)] == [
        (1, "部门名称:某市审计局"),
        (3, "2023年度部门决算"),
    ]


def test_a_workbook_that_unpacks_to_far_more_than_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVFIN_MAX_FILE_MB", "0.1")
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b" " * (2 << 20)}))
    assert path.stat().st_size < 0.1 * (1 << 20)
    with pytest.raises(ParseError) as caught:
        read_document(path)
    assert "file too large: unpacks to 2 MB, over 1 MB (10 times GOVFIN_MAX_FILE_MB)" in str(caught.value)


def test_govfin_run_builds_the_marts_from_a_workbook(govfin_env, tmp_path, expected):
    """`govfin run` (load + real dbt build) on the final-account seed published as an .xlsx:
    the department-year mart holds the answer key's totals."""
    raw = tmp_path / "raw"
    raw.mkdir()
    seed = TAB_SEEDS[0]
    write_xlsx(raw / "决算公开表.xlsx", (RAW / seed).read_text(encoding="utf-8"))
    result = subprocess.run(
        [GOVFIN, "run", "--raw-dir", str(raw)], capture_output=True, text=True, env=govfin_env, timeout=900
    )
    assert result.returncode == 0, result.stdout + result.stderr
    key = expected[seed]
    with psycopg.connect(govfin_env["DATABASE_URL"]) as conn:
        row = conn.execute(
            "SELECT department_name, total_expenditure_yuan, basic_yuan, project_yuan "
            "FROM marts.mart_department_year WHERE fiscal_year = %s",
            (key["fiscal_year"],),
        ).fetchall()
    totals = key["totals"]
    assert [(r[0], str(r[1]), str(r[2]), str(r[3])) for r in row] == [
        (key["department"], totals["total_expenditure"], totals["basic_expenditure"], totals["project_expenditure"])
    ]


def test_a_merge_over_a_whole_sheet_is_clipped_to_its_rows():
    from loaders.extract.spreadsheet import MAX_COLUMNS, merged_spans

    spans = merged_spans([((0, 0), (1_048_575, 16_383))], height=3)
    assert len(spans) == 3 * MAX_COLUMNS and spans[(0, 0)] == (3, MAX_COLUMNS) and spans[(2, 5)] == (0, 0)
