"""Ctrl+C and ``kill`` end a Qt app cleanly: ``App.close()`` runs, windows close, exit code 0.

Python runs its signal handlers only between bytecodes, and Qt's event loop may wait for
minutes without running any: so the signal's arrival is written to a socket (Python's wakeup
fd) that Qt watches, and reading it runs the Python handler at once.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier

HANDLED = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None)


class SignalWatcher(QObject):
    """Calls ``on_signal(signum)`` in Qt's event loop when SIGINT or SIGTERM arrives."""

    def __init__(self, on_signal: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_signal = on_signal
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {number: signal.signal(number, self._handle) for number in HANDLED}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        # The bytes are the signal numbers; the Python handlers have run (or run now).
        with contextlib.suppress(BlockingIOError):
            self._reader.recv(64)

    def _handle(self, number: int, _frame: FrameType | None) -> None:
        self._on_signal(number)

    def restore(self) -> None:
        """Put the previous handlers back (before the event loop ends)."""
        self._notifier.setEnabled(False)
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()
