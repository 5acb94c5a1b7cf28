"""A file not loaded is refused (not a disclosure this warehouse reads) or failed (a fault), by its reason."""

from __future__ import annotations

import pytest

from loaders.outcomes import FAILED, LOADED, QUARANTINED, REFUSED, is_refusal, outcome, reason

REFUSED_REASONS = [
    "file a.pdf, line 1: not a budget or final account disclosure (expected a 部门预算 …)",
    "file a.html: not a disclosure: no standard table recognised and no amount of money in the text",
    "file a.pdf: an HTML page saved with a .pdf name: not a disclosure: no standard table recognised",
    "file a.pdf: no text layer: needs OCR (a scanned PDF)",
    "file a.txt: no text found",
    "file a.pdf: empty file",
    "file a.html: truncated: the page ends inside a table (the file was cut short; download it again)",
    "file a.pdf: damaged or truncated PDF: PSEOF: Unexpected EOF",
    "file a.pdf: not a PDF (the file has a .pdf name but no %PDF header)",
    "file old.doc: unsupported format (.doc): convert it to PDF, DOCX or XLSX",
    "file a.txt, line 1: no department found: not a disclosure this warehouse can key (expected …)",
    "file a.txt, line 1: no department, fiscal year found: not a disclosure this warehouse can key",
]
FAILED_REASONS = [
    "file a.pdf: internal parser error: IndexError: list index out of range",
    "parse time limit (60 s) exceeded (GOVFIN_PARSE_TIMEOUT_S)",
    "file a.pdf: memory limit exceeded (60 MB, GOVFIN_PARSE_MEMORY_MB)",
    "file a.pdf: tables unreadable: of 80 table cells, 70 could not be read as amounts",
    "file a.pdf: database rejected the document: value too long",
    "file a.pdf: file too large: 2.0 MB (GOVFIN_MAX_FILE_MB is 1)",
    "something nobody has seen before",
    None,
    "",
]


@pytest.mark.parametrize("error", REFUSED_REASONS)
def test_a_file_that_is_no_disclosure_is_refused(error):
    assert is_refusal(error)
    assert outcome("failed", error) == REFUSED


@pytest.mark.parametrize("error", FAILED_REASONS)
def test_a_fault_or_an_unknown_reason_is_a_failure(error):
    """A misread must never be silent: only the reasons listed as refusals are refusals."""
    assert not is_refusal(error)
    assert outcome("failed", error) == FAILED


def test_a_refusal_is_read_from_its_reason_not_from_the_file_it_names():
    assert not is_refusal("file not a disclosure.pdf: internal parser error: KeyError")
    assert reason("file x.pdf, table 2, line 5: no text found") == "no text found"


@pytest.mark.parametrize("status", [LOADED, QUARANTINED, "skipped", "duplicate"])
def test_other_statuses_are_kept(status):
    assert outcome(status, "not a disclosure") == status
