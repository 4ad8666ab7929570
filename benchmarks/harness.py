"""What both sides of a benchmark share: Qt set-up, waiting on a page's reports, timing and
process memory. The pages report through their console (``__bench__:<tag>:<json>``), which
costs the same on both sides and happens once per measurement, not per event."""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

REPORT = "__bench__:"


class ReportingPage(QWebEnginePage):
    """The raw side's page: its console as a ``console_message(level, text)`` signal, as the
    project's pages have it."""

    console_message = Signal(str, str)

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)

    def javaScriptConsoleMessage(self, level: Any, message: str, line: int, source: str) -> None:  # noqa: N802
        self.console_message.emit("info", message)


def on_first_report(on_first: Callable[[], None]) -> Callable[[str, str], None]:
    """A console slot that calls ``on_first()`` when a page reports its first event."""

    def seen(_level: str, message: str) -> None:
        if message.startswith(f"{REPORT}first:"):
            on_first()

    return seen


WAKE_MS = 10  # how often a waiting loop wakes without an event


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    """Run Qt's event loop until ``condition()`` holds; raise after ``timeout`` seconds.

    The loop sleeps until an event comes, as an app's does: polling it instead kept the GUI
    thread busy for the whole wait, one of this machine's two cores taken from the pages and
    Chromium's own threads. A timer wakes it now and then to check the deadline, and a
    condition that another thread changes."""
    deadline = time.perf_counter() + timeout
    loop = QEventLoop()
    waker = QTimer()
    waker.start(WAKE_MS)
    try:
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError("benchmark step timed out")
            loop.processEvents(
                QEventLoop.ProcessEventsFlag.AllEvents
                | QEventLoop.ProcessEventsFlag.WaitForMoreEvents
            )
    finally:
        waker.stop()


class Reports:
    """Collects the reports of some pages."""

    def __init__(self) -> None:
        self._seen: list[tuple[str, object]] = []

    def watch(self, console_message: Any) -> None:
        console_message.connect(self._console)

    def _console(self, _level: str, message: str) -> None:
        if message.startswith(REPORT):
            tag, _, value = message[len(REPORT) :].partition(":")
            self._seen.append((tag, json.loads(value)))

    @contextmanager
    def expect(self, tag: str, count: int = 1, timeout: float = 120.0) -> Iterator[list[object]]:
        """Inside: start something; on exit, wait for ``count`` reports ``tag``."""
        start = len(self._seen)
        values: list[object] = []
        yield values

        def arrived() -> bool:
            return sum(1 for t, _ in self._seen[start:] if t == tag) >= count

        wait_until(arrived, timeout)
        values.extend(v for t, v in self._seen[start:] if t == tag)


def settle(milliseconds: int = 50) -> None:
    """Let pending Qt work finish between measurements."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


@dataclass
class Figure:
    """One row of the table: the project's and the raw baseline's runs of one measurement."""

    name: str
    unit: str
    project: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    higher_is_better: bool = True
    note: str = ""

    def summary(self) -> dict[str, Any]:
        project = statistics.median(self.project) if self.project else None
        raw = statistics.median(self.raw) if self.raw else None
        ratio = project / raw if project is not None and raw else None
        return {
            "name": self.name,
            "unit": self.unit,
            "project_median": project,
            "project_range": [min(self.project), max(self.project)] if self.project else None,
            "raw_median": raw,
            "raw_range": [min(self.raw), max(self.raw)] if self.raw else None,
            "ratio": ratio,
            "higher_is_better": self.higher_is_better,
            "note": self.note,
        }


def tree_memory(pid: int | None = None) -> tuple[int, int]:
    """(RSS, PSS) in bytes of a process and all its descendants (QtWebEngine's renderers)."""
    pid = os.getpid() if pid is None else pid
    rss = pss = 0
    for member in _process_tree(pid):
        try:
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            key, _, rest = line.partition(":")
            if key == "Rss":
                rss += int(rest.split()[0]) * 1024
            elif key == "Pss":
                pss += int(rest.split()[0]) * 1024
    return rss, pss


def _process_tree(pid: int) -> list[int]:
    tree = [pid]
    index = 0
    while index < len(tree):
        current = tree[index]
        index += 1
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            tree.extend(int(child) for child in children)
    return tree


def payload_of(size: int) -> str:
    """A string whose JSON encoding is ``size`` bytes."""
    return "x" * (size - 2)
