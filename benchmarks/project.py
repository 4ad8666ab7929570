"""The project's side of each figure, through its public Python and JS APIs only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import App, Builder, Event

from .harness import Reports, on_first_report, wait_until

PAGES = Path(__file__).parent / "pages"


def noop() -> None:
    """The trivial command of the invoke figure."""


class ProjectSide:
    name = "project"

    def __init__(self, reports: Reports) -> None:
        self.reports = reports
        self.app: App | None = None
        self.python_received = 0
        self.python_reported_back = 0

    def open(self, count: int) -> None:
        app = Builder().invoke_handler(noop).build(_config(count, ready_grace_ms=0))
        self.app = app
        for window in app.windows().values():
            self.reports.watch(window.page.console_message)
        app.listen_global("bench-in", self._count)
        app.listen_global("bench-ping", self._echo)
        app.listen_global("bench-done", self._reported_back)
        wait_until(
            lambda: all(
                w.page_connected and app.hub.is_ready(label) for label, w in app.windows().items()
            )
        )

    def open_cold(self, count: int, on_first: Callable[[], None]) -> None:
        """Open ``count`` windows as an app does: ``setup`` emits, the pages listen at load;
        ``on_first()`` runs as each page reports the event."""
        builder = Builder().setup(lambda app: app.emit_all("bench-first", "first"))
        self.app = builder.build(_config(count, ready_grace_ms=2000))
        for window in self.app.windows().values():
            window.page.console_message.connect(on_first_report(on_first))

    def _count(self, _event: Event) -> None:
        self.python_received += 1

    def _reported_back(self, _event: Event) -> None:
        self.python_reported_back += 1

    def _echo(self, event: Event) -> None:
        assert self.app is not None
        assert event.window_label is not None
        self.app.window(event.window_label).emit("bench-echo", event.payload)

    def windows(self) -> list[str]:
        assert self.app is not None
        return list(self.app.windows())

    def js(self, index: int, code: str) -> None:
        assert self.app is not None
        self.app.window(self.windows()[index]).page.runJavaScript(code, 0)

    def listeners(self, count: int, how: str = "listenMany") -> None:
        """``how``: ``listenMany`` (the global ``listen``) or ``listenOnWindow``
        (``appWindow.listen``)."""
        with self.reports.expect("listening", len(self.windows())):
            for index in range(len(self.windows())):
                self.js(index, f"{how}({count})")

    def send(self, payload: object, count: int) -> None:
        assert self.app is not None
        windows = list(self.app.windows().values())
        if len(windows) == 1:
            (window,) = windows
            for _ in range(count):
                window.emit("bench", payload)
        else:
            for _ in range(count):
                self.app.emit_all("bench", payload)

    def send_values(
        self, make: Callable[[int], object], count: int, path: str = "emit_all"
    ) -> None:
        """``count`` payloads ``make(0)``, ``make(1)``, ... through ``path``: ``emit_all`` (the
        path most apps take), ``emit_to`` the first window (what ``appWindow.listen`` hears)
        or ``emit`` (Tauri v2's ``App.emit``, to pages' and Python's listeners alike)."""
        assert self.app is not None
        if path == "emit_to":
            emit_to, label = self.app.emit_to, self.windows()[0]
            for seq in range(count):
                emit_to(label, "bench", make(seq))
            return
        emit = self.app.emit if path == "emit" else self.app.emit_all
        for seq in range(count):
            emit("bench", make(seq))

    def reported_back(self) -> int:
        return self.python_reported_back

    def received(self) -> int:
        return self.python_received

    def close(self) -> None:
        if self.app is not None:
            self.app.close()
            self.app = None
        self.python_received = 0

    def cleanup(self) -> None:
        self.close()


def _config(windows: int, *, ready_grace_ms: int) -> dict[str, Any]:
    return {
        "build": {"frontendDist": str(PAGES)},
        "app": {
            "windows": [{"label": f"w{i}", "url": "project.html"} for i in range(windows)],
            "events": {"readyGraceMs": ready_grace_ms},
        },
    }
