"""What became of a file: loaded, refused, failed or quarantined, derived from the ledger's reason.

The ledger stores a file the loader did not load with its reason. Some reasons say the file is
not a disclosure this warehouse reads — a portal page, a web page saved with a .pdf name, a
scan without a text layer, an empty or cut download, a format it does not open: the file is
*refused*, which is the corpus's business, not a fault. Every other reason — a parser crash,
a parse time or memory limit, tables unreadable nearly everywhere, a database rejection, any
reason not listed here — is a *failure*, which someone must look at: an unknown reason is a
failure, never a silent refusal. `govfin run`/`load` exit 1 on failures only.
"""

from __future__ import annotations

import re

LOADED, REFUSED, FAILED, QUARANTINED = "loaded", "refused", "failed", "quarantined"

# the reason without the file, table and line it names: "file a.pdf, line 3: <reason>"
_REASON_HEAD = re.compile(r"^(?:file [^:]*?(?:, (?:table|line) [^:]*?)*: )?")
# reasons that say what the file is rather than what went wrong reading it
REFUSAL_STARTS = (
    "not a budget or final account disclosure",  # names no 预算 or 决算
    "not a disclosure",  # no standard table and no amount of money
    "an html page saved with a",  # the bytes are a web page, whatever the name says
    "not a pdf",  # a .pdf name without a %PDF header
    "no text layer",  # a scan: needs OCR
    "no text found",
    "empty file",
    "truncated",  # a cut download
    "damaged or truncated",
    "damaged, truncated or password-protected",
    "unsupported format",
    "the workbook has no visible sheet",
)
# reasons that end in what makes the file no disclosure this warehouse can key
REFUSAL_CONTAINS = ("not a disclosure this warehouse can key",)


def reason(error: str | None) -> str:
    """The reason of a ledger error without the file, table and line it names."""
    return _REASON_HEAD.sub("", (error or "").strip(), count=1)


def is_refusal(error: str | None) -> bool:
    """Whether a file's reason says it is no disclosure this warehouse reads (not a fault)."""
    text = reason(error).lower()
    return text.startswith(REFUSAL_STARTS) or any(part in text for part in REFUSAL_CONTAINS)


def outcome(status: str, error: str | None = None) -> str:
    """The outcome of a ledger status with its reason: a 'failed' file is refused or failed."""
    if status == FAILED:
        return REFUSED if is_refusal(error) else FAILED
    return status
