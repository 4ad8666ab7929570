"""The raw baseline: bare QWebEngineViews, each with a QWebChannel and one small object, a
page loaded from a file, one channel message per event. What an app without this project
would write."""

from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFile, QIODevice, QObject, QUrl, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView

from .harness import ReportingPage, Reports, on_first_report, wait_until

PAGES = Path(__file__).parent / "pages"


def _plain(value: object) -> object:
    """What a raw app passes to ``json.dumps``: a dataclass as its dict (``asdict``), a
    pydantic model as its ``model_dump()``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    model_dump = getattr(value, "model_dump", None)
    return model_dump() if callable(model_dump) else value


class RawBridge(QObject):
    message = Signal(str)
    reply = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.received = 0
        self.reported_back = 0
        self.is_ready = False

    @Slot(int)
    def done(self, _count: int) -> None:
        self.reported_back += 1

    @Slot(str)
    def post(self, text: str) -> None:
        json.loads(text)  # a raw app parses what it is sent, as the project does
        self.received += 1

    @Slot(str)
    def echo(self, text: str) -> None:
        self.reply.emit(json.dumps(json.loads(text)))

    @Slot(str, result=str)
    def call(self, text: str) -> str:
        json.loads(text)
        return "null"

    @Slot()
    def ready(self) -> None:
        self.is_ready = True
        self.message.emit(json.dumps("first"))  # the cold-start figure's first event


class RawWindow:
    def __init__(self, profile: QWebEngineProfile, page_url: QUrl, reports: Reports) -> None:
        self.view = QWebEngineView()
        self.page = ReportingPage(profile, self.view)
        self.view.setPage(self.page)
        self.channel = QWebChannel(self.page)
        self.bridge = RawBridge()
        self.channel.registerObject("raw", self.bridge)
        self.page.setWebChannel(self.channel)
        reports.watch(self.page.console_message)
        self.view.resize(800, 600)
        self.view.show()
        self.page.load(page_url)


class RawSide:
    name = "raw"

    def __init__(self, reports: Reports) -> None:
        self.reports = reports
        self.folder = Path(tempfile.mkdtemp(prefix="bench-raw-"))
        for name in ("raw.html", "bench.js", "raw.js"):
            shutil.copy(PAGES / name, self.folder / name)
        qwebchannel = QFile(":/qtwebchannel/qwebchannel.js")
        qwebchannel.open(QIODevice.OpenModeFlag.ReadOnly)
        (self.folder / "qwebchannel.js").write_bytes(bytes(qwebchannel.readAll().data()))
        self.profile = QWebEngineProfile()
        self.windows: list[RawWindow] = []

    def open(self, count: int) -> None:
        url = QUrl.fromLocalFile(str(self.folder / "raw.html"))
        self.windows = [RawWindow(self.profile, url, self.reports) for _ in range(count)]
        wait_until(lambda: all(w.bridge.is_ready for w in self.windows))

    def open_cold(self, count: int, on_first: Callable[[], None]) -> None:
        """Open ``count`` windows; ``on_first()`` runs as each page reports its first event."""
        url = QUrl.fromLocalFile(str(self.folder / "raw.html"))
        self.windows = [RawWindow(self.profile, url, self.reports) for _ in range(count)]
        for window in self.windows:
            window.page.console_message.connect(on_first_report(on_first))

    def js(self, index: int, code: str) -> None:
        self.windows[index].page.runJavaScript(code, 0)

    def listeners(self, count: int, how: str = "listenMany") -> None:
        with self.reports.expect("listening", len(self.windows)):
            for index in range(len(self.windows)):
                self.js(index, f"{how}({count})")

    def send(self, payload: object, count: int) -> None:
        bridges = [window.bridge for window in self.windows]
        for _ in range(count):
            text = json.dumps(payload)
            for bridge in bridges:
                bridge.message.emit(text)

    def send_values(
        self, make: Callable[[int], object], count: int, path: str = "emit_all"
    ) -> None:
        """``count`` payloads ``make(0)``, ``make(1)``, ...: encoded as a raw app does."""
        (window,) = self.windows
        message = window.bridge.message
        for seq in range(count):
            message.emit(json.dumps(_plain(make(seq))))

    def reported_back(self) -> int:
        return sum(window.bridge.reported_back for window in self.windows)

    def received(self) -> int:
        return sum(window.bridge.received for window in self.windows)

    def close(self) -> None:
        for window in self.windows:
            window.view.close()
            window.page.deleteLater()
            window.view.deleteLater()
        self.windows = []

    def cleanup(self) -> None:
        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)
