"""The Qt objects of a window: the top-level view, its page, and the translation of Qt's
window events into Tauri's built-in events (spec §9.8)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QMoveEvent, QResizeEvent
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView

from .navigation import NavigationPolicy

console_log = logging.getLogger("app.console")
log = logging.getLogger(__name__)

# Emits a built-in event on the window's own channel: (name, payload).
BuiltinSink = Callable[[str, object], None]


class WindowPage(QWebEnginePage):
    """A window's page. Its JS console goes to the ``app.console`` logger (errors and warnings
    as such, the rest at debug) and to the ``console_message`` signal, for tools and tests.
    Where it may navigate, and what becomes of its ``window.open``, the policy decides."""

    console_message = Signal(str, str)  # level ("info", "warning", "error"), message

    def __init__(
        self,
        label: str,
        profile: QWebEngineProfile,
        navigation: NavigationPolicy,
        parent: QObject,
    ) -> None:
        super().__init__(profile, parent)
        self._label = label
        self._navigation = navigation
        self.newWindowRequested.connect(lambda request: navigation.new_window(label, request))

    def acceptNavigationRequest(  # noqa: N802 (Qt's name)
        self, url: QUrl | str, kind: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        # Frames never get the bridge (qt.webChannelTransport is the main frame's alone);
        # what they may load is the Content-Security-Policy's business.
        if not is_main_frame:
            return True
        target = QUrl(url)
        if self._navigation.enters_app(self.url(), target, kind):
            log.info(
                "window %r: a page of another site leads to %s",
                self._label,
                target.toDisplayString(),
            )
            QTimer.singleShot(0, self, lambda: self.load(target))  # not from inside this call
            return False
        return self._navigation.navigation(self._label, self.url(), target, kind)

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


class WindowView(QWebEngineView):
    """The top-level widget of a window.

    A close that code asked for (``Window.close()``, JS ``close()``) always closes. A close
    the user asks for (the title bar's button, or ``webview.close()``) is first offered to
    ``close_requested``, which may refuse it (a page listener decides, spec §13.4).
    """

    closed = Signal()

    def __init__(self, emit_builtin: BuiltinSink, close_requested: Callable[[], bool]) -> None:
        super().__init__()
        self._emit_builtin = emit_builtin
        self._close_requested = close_requested
        self._closing_by_code = False
        self._reporting = False

    def close_by_code(self) -> None:
        self._closing_by_code = True
        self.close()
        self._closing_by_code = False

    def start_reporting(self) -> None:
        """Report geometry and focus changes from now on (not the ones of being set up)."""
        self._reporting = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self._closing_by_code and not self._close_requested():
            event.ignore()
            return
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self._reporting:
            ratio = self.devicePixelRatioF()
            size = event.size()
            payload = {"width": round(size.width() * ratio), "height": round(size.height() * ratio)}
            self._emit_builtin("tauri://resize", payload)

    def moveEvent(self, event: QMoveEvent) -> None:  # noqa: N802 (Qt's name)
        super().moveEvent(event)
        if self._reporting:
            ratio = self.devicePixelRatioF()
            position = self.frameGeometry().topLeft()
            payload = {"x": round(position.x() * ratio), "y": round(position.y() * ratio)}
            self._emit_builtin("tauri://move", payload)

    def event(self, event: QEvent) -> bool:
        if self._reporting and event.type() == QEvent.Type.DevicePixelRatioChange:
            ratio = self.devicePixelRatioF()
            size = self.size()
            self._emit_builtin(
                "tauri://scale-change",
                {
                    "scaleFactor": ratio,
                    "size": {
                        "width": round(size.width() * ratio),
                        "height": round(size.height() * ratio),
                    },
                },
            )
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if self._reporting and event.type() == QEvent.Type.ActivationChange:
            self._emit_builtin("tauri://focus" if self.isActiveWindow() else "tauri://blur", None)
