"""``Window``: one top-level ``QWebEngineView`` with its own page, ``QWebChannel`` and bridge,
and the per-window half of the Python API (SPEC 8)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView

from .bootstrap import SCRIPT_NAME, bootstrap_script
from .bridge import Bridge
from .config import WindowConfig
from .errors import WindowNotFound
from .events import Handler
from .scheme import page_url

if TYPE_CHECKING:
    from .app import App


class WindowPage(QWebEnginePage):
    """A window's page. Its JS console goes to the ``app.console`` logger (errors and warnings
    as such, the rest at debug) and to the ``console_message`` signal, for tools and tests."""

    console_message = Signal(str, str)  # level ("info", "warning", "error"), message

    def __init__(self, label: str, profile: QWebEngineProfile, parent: QObject) -> None:
        super().__init__(profile, parent)
        self._label = label

    def javaScriptConsoleMessage(  # noqa: N802 (Qt's name)
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        name, log_level = _CONSOLE_LEVELS[level]
        console_log.log(log_level, "%s: %s (%s:%d)", self._label, message, source, line)
        self.console_message.emit(name, message)


_LEVEL = QWebEnginePage.JavaScriptConsoleMessageLevel
_CONSOLE_LEVELS = {
    _LEVEL.InfoMessageLevel: ("info", logging.DEBUG),
    _LEVEL.WarningMessageLevel: ("warning", logging.WARNING),
    _LEVEL.ErrorMessageLevel: ("error", logging.ERROR),
}
console_log = logging.getLogger("app.console")


class WindowView(QWebEngineView):
    """The top-level widget; tells its ``Window`` when it is closed, by the user or by code."""

    closed = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()


class Window:
    """A window of the app. Get one with ``app.get_window(label)``; the app creates them."""

    def __init__(
        self, app: App, config: WindowConfig, profile: QWebEngineProfile, labels: list[str]
    ) -> None:
        self.label = config.label
        self._app = app
        self._hub = app.hub
        self._open = True
        self.webview = WindowView()
        self.page = WindowPage(self.label, profile, self.webview)
        self.webview.setPage(self.page)
        self._channel = QWebChannel(self.page)
        self._bridge = Bridge(self.label, app.page_requests.handle, self._channel)
        self._channel.registerObject("bridge", self._bridge)
        self.page.setWebChannel(self._channel)
        self.set_known_windows(labels)
        self.page.loadStarted.connect(self._load_started)
        self.page.loadFinished.connect(self._load_finished)
        self.webview.closed.connect(self._closed)
        self._apply(config)
        self.page.load(page_url(config.url))

    def _apply(self, config: WindowConfig) -> None:
        view = self.webview
        view.setWindowTitle(config.title or self._app.config.product_name or self.label)
        view.resize(config.width, config.height)
        if not config.resizable:
            view.setFixedSize(config.width, config.height)
        if config.x is not None and config.y is not None:
            view.move(config.x, config.y)
        elif config.center:
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                view.move(screen.availableGeometry().center() - view.rect().center())
        if config.visible:
            view.show()

    # -- events (SPEC 3) -------------------------------------------------------------------

    def listen(self, event: str, handler: Handler) -> int:
        """Call ``handler(Event)`` for every ``event`` on this window's channel; returns its id."""
        self._require_open()
        return self._hub.listen(event, handler, window=self.label)

    def once(self, event: str, handler: Handler) -> int:
        """Like ``listen``, for the next such event only (unlistened before the call)."""
        self._require_open()
        return self._hub.listen(event, handler, window=self.label, once=True)

    def unlisten(self, listener_id: int) -> None:
        """Remove a listener by id; an unknown id is ignored."""
        self._hub.unlisten(listener_id)

    def emit(self, event: str, payload: object = None) -> None:
        """Send ``event`` on this window's channel to its frontend listeners (not Python's)."""
        self._hub.publish(event, payload, window=self.label, to_backend=False, to_frontend=True)

    def trigger(self, event: str, payload: object = None) -> None:
        """Send ``event`` on this window's channel to Python listeners only."""
        self._hub.publish(event, payload, window=self.label, to_backend=True, to_frontend=False)

    def emit_and_trigger(self, event: str, payload: object = None) -> None:
        """Send ``event`` on this window's channel to frontend and Python listeners."""
        self._hub.publish(event, payload, window=self.label, to_backend=True, to_frontend=True)

    # -- the window ------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def page_connected(self) -> bool:
        """Whether the current page's scripts have reached the backend (the API is live).
        False from the start of each (re)load until the page first calls the bridge."""
        return self._hub.router.is_connected(self.label)

    @property
    def title(self) -> str:
        return self.webview.windowTitle()

    def set_title(self, title: str) -> None:
        self.webview.setWindowTitle(title)

    def show(self) -> None:
        self.webview.show()

    def hide(self) -> None:
        self.webview.hide()

    def close(self) -> None:
        """Close the window: its listeners go, and later emits to its label raise."""
        if self._open:
            self.webview.close()
            if self._open:  # a hidden view does not always get a close event
                self._closed()

    def set_known_windows(self, labels: list[str]) -> None:
        """Rewrite the document-creation script, so the next page load sees these windows."""
        scripts = self.page.scripts()
        for old in scripts.find(SCRIPT_NAME):
            scripts.remove(old)
        scripts.insert(bootstrap_script(self.label, labels))

    def deliver(self, batch: str) -> None:
        self._bridge.deliver.emit(batch)

    def _require_open(self) -> None:
        if not self._open:
            raise WindowNotFound(f"window {self.label!r} is closed")

    def _load_started(self) -> None:
        self._hub.page_loading(self.label)

    def _load_finished(self, _ok: bool) -> None:
        self._hub.page_loaded(self.label)

    def _closed(self) -> None:
        if not self._open:
            return
        self._open = False
        self._app._window_closed(self)
        self.page.loadStarted.disconnect(self._load_started)
        self.page.loadFinished.disconnect(self._load_finished)
        # Pages must go before their profile (the app deletes the profile last).
        self.page.deleteLater()
        self.webview.deleteLater()

    def __repr__(self) -> str:
        state = "open" if self._open else "closed"
        return f"<Window {self.label!r} {state}>"
