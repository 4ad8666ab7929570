"""The bundled demo's backend: the two examples of Tauri's event guide, in Python, and a
command of each kind.

Global events: ``app.listen_global`` hears what any page emits; ``app.emit_all`` reaches every
page. Window-specific events: a background thread emits ``backend-tick`` to one window's
channel, as the guide's ``init_process`` does, until that window closes or the page stops it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time

from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication

from ..app import App
from ..commands.channel import Channel
from ..commands.registry import command
from ..desktop import Menu, MenuItem, Separator, TrayIcon
from ..errors import AppClosed, WindowNotFound
from ..events.values import Event
from ..web.window import Window

log = logging.getLogger("app.demo")

TICK_SECONDS = 1.0


trays: dict[int, TrayIcon] = {}  # id(app) -> its tray icon, for tools and tests


def _tray(app: App) -> TrayIcon:
    """A tray icon whose menu shows the main window, greets every page or quits."""

    def show_main() -> None:
        main = app.get_window("main")
        if main is not None:
            main.set_focus()

    def hello() -> None:
        app.emit_all(
            "backend-hello", {"message": "Hello from the tray", "windows": list(app.windows())}
        )

    menu = Menu(
        [
            MenuItem("show-main", "Show the main window", action=show_main),
            MenuItem("hello", "Say hello to every window", action=hello),
            Separator(),
            MenuItem("quit", "Quit", action=QApplication.quit),
        ]
    )
    return TrayIcon(app, icon=_icon(), menu=menu, tooltip="qtauri demo")


def _icon() -> QIcon:
    """A round blue icon, drawn: the demo ships no image files."""
    pixmap = QPixmap(64, 64)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#2f6fdf"))
    painter.setPen(QColor("#2f6fdf"))
    painter.drawEllipse(4, 4, 56, 56)
    painter.end()
    return QIcon(pixmap)


class Ticker:
    """A thread emitting ``backend-tick`` to one window every ``interval`` seconds."""

    def __init__(self, window: Window, interval: float) -> None:
        self.window = window
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(interval,), name=f"ticker-{window.label}", daemon=True
        )
        self._thread.start()

    def _run(self, interval: float) -> None:
        count = 0
        while not self._stop.wait(interval):
            count += 1
            try:
                self.window.emit("backend-tick", {"count": count, "time": time.strftime("%X")})
            except (WindowNotFound, AppClosed):
                log.info("window %r is closed: its ticker stops", self.window.label)
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()


_tickers: dict[int, dict[str, Ticker]] = {}  # id(app) -> label -> ticker


def setup(app: App) -> None:
    for name in ("demo-global", "demo-window"):
        app.listen_global(name, _log_event)
    tickers: dict[str, Ticker] = {}
    _tickers[id(app)] = tickers
    main = app.get_window("main")
    if main is not None:
        main.listen(
            "demo-window", lambda event: log.info("main's channel heard %s", _describe(event))
        )
        tickers["main"] = Ticker(main, TICK_SECONDS)

    def stop_tickers() -> None:
        for ticker in _tickers.pop(id(app), {}).values():
            ticker.stop()

    app.on_close(stop_tickers)
    trays[id(app)] = _tray(app)

    def forget_tray() -> None:
        trays.pop(id(app), None)

    app.on_close(forget_tray)
    app.emit_all("backend-hello", {"message": "Hello from Python", "windows": list(app.windows())})


@command
def greet(name: str) -> str:
    """A plain command: runs on the GUI thread."""
    return f"Hello, {name}! (from Python)"


@command(thread=True)
def slow_square(value: int) -> int:
    """A threaded command: a second of work that does not hold up the GUI or the events."""
    time.sleep(1.0)
    return value * value


@command
async def countdown(seconds: int) -> str:
    """An async command: awaits on the asyncio loop that runs inside Qt's."""
    for _ in range(seconds):
        await asyncio.sleep(1.0)
    return f"{seconds} s later, from a coroutine"


@command
def fail(reason: str) -> None:
    """A command that raises: the page's promise rejects with this error."""
    raise ValueError(reason)


@command(thread=True)
def stream_count(to: int, on_number: Channel[int]) -> str:
    """Stream 0..to-1 to the page through a Tauri v2 ``Channel``, then end it."""
    with on_number:
        for n in range(to):
            on_number.send(n)
            time.sleep(0.01)
    return f"streamed {to} numbers"


@command
def start_ticker(app: App, window: Window, interval_ms: int = 1000) -> bool:
    """Start emitting ``backend-tick`` to the calling window (the guide's init_process)."""
    tickers = _tickers.setdefault(id(app), {})
    running = tickers.get(window.label)
    if running is not None and running.running:
        return False
    tickers[window.label] = Ticker(window, max(interval_ms, 50) / 1000)
    return True


@command
def stop_ticker(app: App, window: Window) -> bool:
    """Stop the calling window's ticker; ``False`` if none was running."""
    ticker = _tickers.get(id(app), {}).pop(window.label, None)
    if ticker is None:
        return False
    ticker.stop()
    return True


COMMANDS = (greet, slow_square, countdown, fail, stream_count, start_ticker, stop_ticker)


def _log_event(event: Event) -> None:
    log.info("listen_global heard %s", _describe(event))


def _describe(event: Event) -> str:
    source = event.window_label or "the backend"
    return f"{event.event!r} from {source}: {event.payload!r}"
