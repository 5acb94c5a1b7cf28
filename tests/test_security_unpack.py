"""Issue 23: hostile Office files. A workbook or Word file whose parts unpack like a decompression bomb is
refused from its parts' sizes and ratios before python-calamine or python-docx opens it, in a fraction
of a second, with the reason in the ledger, and the run goes on.

The bombs are built here, small on disk: a real openpyxl workbook (or a python-docx document) whose
one sheet (or body) is replaced by a part written through zipfile a megabyte at a time.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import psycopg
import pytest

from loaders.extract.limits import check_archive
from loaders.model import ParseError
from loaders.reading import read_document

ROOT = Path(__file__).resolve().parents[1]
GOVFIN = str(Path(sys.executable).with_name("govfin"))
SEED = ROOT / "data" / "raw" / "000_3b0a4ec0e1089ac8.txt"
MB = 1 << 20
SHEET = "xl/worksheets/sheet1.xml"
BODY = "word/document.xml"


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "收入支出决算总表"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _word() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("收入支出决算总表")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bomb(path: Path, base: bytes, part: str, head: bytes, tail: bytes, megabytes: int) -> Path:
    """``base`` with ``part`` replaced by ``head``, ``megabytes`` MB of one repeated character, ``tail``."""
    source = zipfile.ZipFile(io.BytesIO(base))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in source.infolist():
            if info.filename != part:
                out.writestr(info, source.read(info))
                continue
            with out.open(part, "w", force_zip64=megabytes >= 2048) as writer:
                writer.write(head)
                chunk = b"x" * MB
                for _ in range(megabytes):
                    writer.write(chunk)
                writer.write(tail)
    return path


def xlsx_bomb(path: Path, megabytes: int) -> Path:
    """One cell holding ``megabytes`` MB of text."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
    )
    return bomb(path, _workbook(), SHEET, head, b"</t></is></c></row></sheetData></worksheet>", megabytes)


def docx_bomb(path: Path, megabytes: int) -> Path:
    """One paragraph holding ``megabytes`` MB of text."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
    )
    return bomb(path, _word(), BODY, head, b"</w:t></w:r></w:p></w:body></w:document>", megabytes)


def forge_size(path: Path, part: str, size: int) -> None:
    """Make both headers of ``part`` declare ``size`` unpacked bytes (a bomb that lies about itself)."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    central = 0
    while True:
        central = data.index(b"PK\x01\x02", central)
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + length] == name:
            break
        central += 4
    struct.pack_into("<I", data, central + 24, size)
    local = struct.unpack_from("<I", data, central + 42)[0]
    struct.pack_into("<I", data, local + 22, size)
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def the_probe(tmp_path_factory) -> Path:
    """The issue's file: an .xlsx under 1 MB whose one cell unpacks to 900 MB."""
    return xlsx_bomb(tmp_path_factory.mktemp("bomb") / "决算公开表.xlsx", 900)


def test_the_900_mb_cell_is_refused_in_a_moment(the_probe):
    """Probe: an 876 KB .xlsx whose one cell unpacks to 900 MB took 4m47s and 2.7 GB in `govfin parse`."""
    assert the_probe.stat().st_size < MB
    started = time.monotonic()
    result = subprocess.run([GOVFIN, "parse", str(the_probe)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    took = time.monotonic() - started
    assert result.returncode == 1, result.stdout[-500:] + result.stderr
    assert "100 times its packed size" in result.stderr and SHEET in result.stderr
    assert took < 20, took


def test_the_bomb_is_refused_in_the_ledger_and_the_run_goes_on(the_probe, govfin_env, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy2(the_probe, raw)
    shutil.copy2(SEED, raw)
    load = subprocess.run(
        [GOVFIN, "load", "--raw-dir", str(raw)], cwd=ROOT, env=govfin_env, capture_output=True, text=True, timeout=600
    )
    assert load.returncode == 1, load.stdout + load.stderr  # one document failed, the other loaded
    with psycopg.connect(govfin_env["DATABASE_URL"]) as conn:
        ledger = {
            Path(path).name: (status, error)
            for path, status, error in conn.execute(
                "SELECT f.source_path, d.status, d.error FROM raw.source_file f JOIN raw.document d USING (document_id)"
            )
        }
    assert ledger[SEED.name][0] == "loaded"
    status, error = ledger[the_probe.name]
    assert status == "failed" and "decompression bomb" in error and "GOVFIN_MAX_UNPACK_RATIO" in error


@pytest.mark.parametrize("make", [xlsx_bomb, docx_bomb], ids=["xlsx", "docx"])
def test_a_bomb_that_lies_about_its_size_is_stopped_while_it_unpacks(tmp_path, make):
    """Its headers declare 1 KB: the declared sizes pass, the bytes do not (counted, or their CRC)."""
    path = make(tmp_path / f"forged{'.xlsx' if make is xlsx_bomb else '.docx'}", 200)
    forge_size(path, SHEET if make is xlsx_bomb else BODY, 1024)
    started = time.monotonic()
    with pytest.raises(ParseError, match="damaged or truncated ZIP container"):
        read_document(path)
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("make", [xlsx_bomb, docx_bomb], ids=["xlsx", "docx"])
def test_a_ratio_past_the_limit_is_refused_and_the_limit_can_be_raised(tmp_path, monkeypatch, make):
    path = make(tmp_path / f"dense{'.xlsx' if make is xlsx_bomb else '.docx'}", 20)
    with pytest.raises(ParseError, match="times its packed size"):
        check_archive(path.read_bytes(), path.name)
    monkeypatch.setenv("GOVFIN_MAX_UNPACK_RATIO", "100000")
    check_archive(path.read_bytes(), path.name)  # raised past the file's own ratio, it passes


def test_real_office_files_pass(tmp_path):
    """The office fixtures the format tests read are far under the ratio."""
    from office_fixtures import write_docx, write_xlsx

    text = SEED.read_text(encoding="utf-8")
    for path, write in ((tmp_path / "t.xlsx", write_xlsx), (tmp_path / "t.docx", write_docx)):
        write(path, text)
        check_archive(path.read_bytes(), path.name)
