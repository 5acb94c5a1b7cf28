"""SIGTERM, SIGINT and SIGHUP as an exception, so a stopped run unwinds: dbt is stopped
(loaders/dbt.py), the ledger says what happened (loaders/runs.py), the run lock is released."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class Interrupted(BaseException):
    """The process received ``signum`` (a BaseException, as KeyboardInterrupt: `except Exception` lets it pass)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 143 for SIGTERM, 130 for SIGINT


@contextmanager
def signals_raise() -> Iterator[None]:
    """Within the block, the first of SIGNALS raises Interrupted; later ones are ignored while it unwinds."""

    def handler(signum: int, frame) -> None:
        for sig in SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, action in previous.items():
            signal.signal(sig, action)
