"""Logging for people (text) or for a scheduler's log collector (one JSON object per line).

Every line goes through ``redact`` first: a password in a URL (``user:PASSWORD@``), in its
query (``?password=…``) or in a libpq conninfo (``password=…``) is printed as ``***``, whatever
logged it (a message, an extra field, an exception's text).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime

_STANDARD = set(vars(logging.makeLogRecord({})))
_SECRETS = (
    (re.compile(r"(://[^/\s:@]*:)[^@\s/]*(@)"), r"\1***\2"),
    (re.compile(r"((?:[?&;\s]|^)password\s*=\s*)(?:'(?:[^'\\]|\\.)*'|[^&\s]*)", re.IGNORECASE), r"\1***"),
)


def redact(text: str) -> str:
    """``text`` (a URL, a message, a log line) with every password in it replaced by ``***``."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


def _extras(record: logging.LogRecord) -> dict:
    return {k: redact(v) if isinstance(v, str) else v for k, v in vars(record).items() if k not in _STANDARD}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        entry.update(_extras(record))
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return redact(json.dumps(entry, ensure_ascii=False, default=str))


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        tail = " ".join(f"{k}={v}" for k, v in _extras(record).items())
        return redact(f"{record.levelname.lower()}: {record.getMessage()}" + (f" ({tail})" if tail else ""))


def configure_logging(fmt: str, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger("govfin").setLevel(level)
