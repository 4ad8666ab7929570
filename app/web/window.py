"""``Window``: one top-level ``QWebEngineView`` with its own page, ``QWebChannel`` and bridge,
and the per-window half of the Python API (spec §8.4, §13)."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

from ..bridge.inbound import InboundGate
from ..bridge.protocol import BatchHandler, Bridge
from ..config import WindowConfig
from ..errors import WindowNotFound
from ..events.values import Handler
from .bootstrap import SCRIPT_NAME, bootstrap_script
from .geometry import PhysicalPosition as PhysicalPosition  # re-exported: their documented home
from .geometry import PhysicalSize as PhysicalSize
from .icons import IconSource, load_icon
from .navigation import NavigationPolicy
from .scheme import page_url
from .theme import current_theme, set_theme
from .useragent import set_user_agent
from .window_controls import WindowControls
from .window_view import WindowPage, WindowView

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

CLOSE_REQUESTED = "tauri://close-requested"
# A page whose process ended is reloaded, unless it ended this many times within a minute.
CRASH_RELOAD_LIMIT = 3
# Heard by the backend (window channel) when a page is cut off for flooding its bridge.
CUT_OFF = "qtauri://cut-off"
_CUT_OFF_PAGE = "<!doctype html><title>cut off</title><p>This page was stopped: it flooded the app."
log = logging.getLogger(__name__)
_QT_MAX_SIZE = 16_777_215  # QWIDGETSIZE_MAX


class WindowHub(Protocol):
    """What a window asks of the event hub (``EventHub`` is one)."""

    def listen(
        self, event: str, handler: Handler, *, window: str | None = None, once: bool = False
    ) -> int: ...
    def unlisten(self, listener_id: int) -> None: ...
    def emit_to_pages(
        self, event: str, payload: object, window: str | None, *, window_is_open: bool = False
    ) -> None: ...
    def publish(
        self,
        event: str,
        payload: object = None,
        *,
        window: str | None = None,
        source: str | None = None,
        to_backend: bool,
        to_frontend: bool,
    ) -> None: ...
    def emit_builtin(self, event: str, payload: object, window: str) -> None: ...
    def submit(self, emission: Callable[[], object]) -> None: ...
    def connect_window(self, label: str, deliver: Callable[[str], object]) -> None: ...
    def page_acked(self, label: str, token: str, batches: int) -> None: ...
    def page_loading(self, label: str) -> None: ...
    def page_loaded(self, label: str) -> None: ...
    def is_connected(self, label: str) -> bool: ...
    def page_hears(self, event: str, channel: str) -> bool: ...


@dataclass(frozen=True)
class WindowServices:
    """What every window of one app is given by it: the hub, where its page's calls are served
    (``serve_calls``, and ``url_changed`` so that their grant follows the page's URL), the
    navigation policy, the profile, the config's dev URL and product name, ``closed``,
    called once when the window closes, the inbound gate and the open windows."""

    hub: WindowHub
    serve_calls: BatchHandler
    url_changed: Callable[[str], None]
    navigation: NavigationPolicy
    profile: Callable[[bool], QWebEngineProfile]  # the profile of a window (incognito or not)
    dev_url: str | None
    product_name: str | None
    icon: QIcon | None  # the config's bundle.icon
    frontend_dist: Path  # where a relative icon path is
    closed: Callable[[Window], None]
    gate: InboundGate  # the budgets of what pages send; a page cut off for flooding
    windows: Callable[[], Iterable[Window]]  # the open ones
    # What the plugins give every page before its scripts run (app/plugins/host.py).
    page_globals: Mapping[str, object] = field(default_factory=dict)
    page_script: str = ""


class Window(WindowControls):
    """A window of the app. Get one with ``app.get_window(label)``; the app creates them.

    Sizes and positions given to methods are in logical pixels, as Qt's; the sizes and
    positions it reports, like Tauri's, are physical (logical times the device pixel ratio).
    """

    def __init__(self, config: WindowConfig, services: WindowServices, labels: list[str]) -> None:
        self.label = config.label
        self.config = config
        self._services = services
        self._hub = services.hub
        self._open = True
        self._loads = 0
        self.webview = WindowView(self._emit_builtin, self._close_requested)
        self.page = WindowPage(
            self.label, services.profile(config.incognito), services.navigation, self.webview
        )
        self.webview.setPage(self.page)
        if config.user_agent is not None:  # before anything loads: the first request has it
            set_user_agent(self.page, config.user_agent)
        self._channel = QWebChannel(self.page)
        self._bridge = Bridge(
            self.label,
            services.serve_calls,
            services.hub.page_acked,
            services.gate.issue,
            self._channel,
        )
        self._channel.registerObject("bridge", self._bridge)
        # Batches go from the hub straight to the page's channel object.
        services.hub.connect_window(self.label, self._bridge.deliver.emit)
        self.page.setWebChannel(self._channel)
        self._known_windows: list[str] = []  # the labels in this window's bootstrap script
        self._write_bootstrap(labels)
        # Connected before any page loads: the bridge's grant must follow every URL change.
        self.page.urlChanged.connect(self._url_changed)
        self.page.loadStarted.connect(self._load_started)
        self.page.loadFinished.connect(self._load_finished)
        self.page.renderProcessTerminated.connect(self._render_process_gone)
        self.webview.closed.connect(self._closed)
        self._crashes: deque[float] = deque(maxlen=CRASH_RELOAD_LIMIT)
        self._api_checked = True  # nothing to check before a crash
        self._cut_off_url = QUrl()  # the page a cut-off replaced, which reload() loads again
        self._init_controls(config)
        self._apply(config)
        if config.theme is not None:
            # Qt's color scheme is the app's: this window's theme is every window's (there is
            # no per-page prefers-color-scheme in Qt 6.11/6.12; docs/windows.md).
            log.info(
                "window %r: theme %r, for every window (Qt's is app-wide)", self.label, config.theme
            )
            set_theme(config.theme)
        if config.drag_drop_enabled:
            from .dragdrop import FileDrops

            FileDrops(self.webview, self._emit_builtin)
        self.webview.start_reporting()
        url = page_url(config.url, services.dev_url)
        log.info("window %r: created, loading %s", self.label, url.toDisplayString())
        self.page.load(url)

    def _url_changed(self, _url: object) -> None:
        self._services.url_changed(self.label)

    def _apply(self, config: WindowConfig) -> None:
        view = self.webview
        view.setWindowTitle(config.title or self._services.product_name or self.label)
        if self._services.icon is not None:
            view.setWindowIcon(self._services.icon)
        view.resize(config.width, config.height)
        if not config.resizable:
            view.setFixedSize(config.width, config.height)
        # Before the flags below: Qt's window-type flags (Tool) would otherwise reset them.
        if (
            config.transparent
            or config.skip_taskbar
            or not (config.maximizable and config.minimizable and config.closable)
        ):
            self._apply_frame(config)
        if config.always_on_top or not config.decorations:
            from PySide6.QtCore import Qt  # only here: the namespace is costly to import

            view.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, config.always_on_top)
            view.setWindowFlag(Qt.WindowType.FramelessWindowHint, not config.decorations)
        if config.zoom_hotkeys_enabled:
            from .zoom import enable_zoom_hotkeys

            enable_zoom_hotkeys(view)
        if config.min_width is not None or config.min_height is not None:
            view.setMinimumSize(config.min_width or 0, config.min_height or 0)
        if config.max_width is not None or config.max_height is not None:
            view.setMaximumSize(config.max_width or _QT_MAX_SIZE, config.max_height or _QT_MAX_SIZE)
        if config.x is not None and config.y is not None:
            view.move(config.x, config.y)
        elif config.center:
            self.center()
        if config.visible:
            if config.fullscreen:
                view.showFullScreen()
            elif config.maximized:
                view.showMaximized()
            else:
                view.show()
            if config.focus:
                view.activateWindow()

    def _apply_frame(self, config: WindowConfig) -> None:
        """The window options Qt sets with widget attributes and window flags."""
        from PySide6.QtCore import Qt

        view = self.webview
        if config.transparent:
            # Both: the window lets the desktop through where the page draws nothing.
            view.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
            self.page.setBackgroundColor(Qt.GlobalColor.transparent)
        if config.skip_taskbar:
            view.setWindowFlag(Qt.WindowType.Tool)  # Qt's way to stay off the taskbar
        # A frameless window has no buttons to take away (and Qt drops the frameless hint
        # of a window whose buttons are customized).
        if config.decorations and not (
            config.maximizable and config.minimizable and config.closable
        ):
            hint = Qt.WindowType
            # Customized: a title bar with only the buttons asked for.
            for kept in (hint.CustomizeWindowHint, hint.WindowTitleHint, hint.WindowSystemMenuHint):
                view.setWindowFlag(kept)
            view.setWindowFlag(hint.WindowMaximizeButtonHint, config.maximizable)
            view.setWindowFlag(hint.WindowMinimizeButtonHint, config.minimizable)
            view.setWindowFlag(hint.WindowCloseButtonHint, config.closable)

    # -- events (spec §3) -------------------------------------------------------------------

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
        if not self._open:
            self._require_open()
        self._hub.emit_to_pages(event, payload, self.label, window_is_open=True)

    def eval(self, script: str) -> None:
        """Run the JavaScript ``script`` in this window's page, without waiting for it (Tauri
        v2's ``WebviewWindow::eval``, spec §17.11). Safe from any thread: from another one it
        runs after the emits that thread made before. Its errors go to the page's console."""
        if not isinstance(script, str):
            raise TypeError(f"eval takes JavaScript text, not {type(script).__name__}")
        self._require_open()
        self._hub.submit(lambda: self._run_script(script))

    def _run_script(self, script: str) -> None:
        if self._open:  # closed while the script waited for the GUI thread: nothing to run in
            self.page.runJavaScript(script)

    def trigger(self, event: str, payload: object = None) -> None:
        """Send ``event`` on this window's channel to Python listeners only."""
        self._require_open()
        self._hub.publish(event, payload, window=self.label, to_backend=True, to_frontend=False)

    def emit_and_trigger(self, event: str, payload: object = None) -> None:
        """Send ``event`` on this window's channel to frontend and Python listeners."""
        self._require_open()
        self._hub.publish(event, payload, window=self.label, to_backend=True, to_frontend=True)

    # -- the window (spec §13.3; Qt calls, GUI thread only) --------------------------------------

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def page_connected(self) -> bool:
        """Whether the current page's scripts have reached the backend (the API is live).
        False from the start of each (re)load until the page first calls the bridge."""
        return self._hub.is_connected(self.label)

    def title(self) -> str:
        return self.webview.windowTitle()

    def set_title(self, title: str) -> None:
        self.webview.setWindowTitle(title)

    def show(self) -> None:
        self.webview.show()

    def hide(self) -> None:
        self.webview.hide()

    def set_focus(self) -> None:
        """Show the window (restored if minimized), raise it and ask for the focus; the window
        system grants it later, with a ``tauri://focus`` event."""
        if self.webview.isMinimized():
            self.webview.showNormal()
        self.webview.show()
        self.webview.raise_()
        self.webview.activateWindow()

    def minimize(self) -> None:
        self.webview.showMinimized()

    def maximize(self) -> None:
        self.webview.showMaximized()

    def unmaximize(self) -> None:
        self.webview.showNormal()

    def is_visible(self) -> bool:
        return self.webview.isVisible()

    def is_maximized(self) -> bool:
        return self.webview.isMaximized()

    def set_size(self, width: int, height: int) -> None:
        """Resize the page area to ``width`` x ``height`` logical pixels."""
        self.webview.resize(width, height)

    def set_position(self, x: int, y: int) -> None:
        """Move the window's outer top-left corner to (``x``, ``y``), in logical pixels."""
        self.webview.move(x, y)

    def center(self) -> None:
        """Move the window to the middle of its screen."""
        screen = self.webview.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            frame = self.webview.frameGeometry()
            frame.moveCenter(screen.availableGeometry().center())
            self.webview.move(frame.topLeft())

    def inner_size(self) -> PhysicalSize:
        ratio = self.scale_factor()
        size = self.webview.size()
        return PhysicalSize(round(size.width() * ratio), round(size.height() * ratio))

    def outer_position(self) -> PhysicalPosition:
        ratio = self.scale_factor()
        corner = self.webview.frameGeometry().topLeft()
        return PhysicalPosition(round(corner.x() * ratio), round(corner.y() * ratio))

    def scale_factor(self) -> float:
        return self.webview.devicePixelRatioF()

    def reload(self) -> None:
        """Load the window's current page again (its listeners are dropped and re-made by
        the page, as on any load). A window cut off for flooding is served again."""
        if self.is_cut_off:
            url = self._cut_off_url
            self._services.gate.forget(self.label)
            log.info("window %r: reloaded after being cut off", self.label)
            self.page.load(url)
            return
        url = self.page.url()
        self.page.load(
            url if not url.isEmpty() else page_url(self.config.url, self._services.dev_url)
        )

    def unminimize(self) -> None:
        if self.webview.isMinimized():
            self.webview.showNormal()

    def is_minimized(self) -> bool:
        return self.webview.isMinimized()

    def is_focused(self) -> bool:
        return self.webview.isActiveWindow()

    def set_fullscreen(self, fullscreen: bool) -> None:
        if fullscreen:
            self.webview.showFullScreen()
        elif self.webview.isFullScreen():
            self.webview.showNormal()

    def is_fullscreen(self) -> bool:
        return self.webview.isFullScreen()

    def outer_size(self) -> PhysicalSize:
        """The window's size with its frame, in physical pixels."""
        ratio = self.scale_factor()
        size = self.webview.frameGeometry().size()
        return PhysicalSize(round(size.width() * ratio), round(size.height() * ratio))

    def inner_position(self) -> PhysicalPosition:
        """The page area's top-left corner on the screen, in physical pixels."""
        ratio = self.scale_factor()
        corner = self.webview.geometry().topLeft()
        return PhysicalPosition(round(corner.x() * ratio), round(corner.y() * ratio))

    def theme(self) -> str:
        """``"light"`` or ``"dark"``: Qt's color scheme, the app's (docs/windows.md)."""
        return current_theme()

    def set_theme(self, theme: str | None) -> None:
        """Ask for ``"light"`` or ``"dark"`` (``None``: the system's), for the whole app:
        Qt's color scheme is the app's. Where the platform cannot be asked, no effect."""
        set_theme(theme)

    def set_icon(self, icon: IconSource) -> None:
        """Set the window's icon (Tauri's ``setIcon``): an image file (a relative path is
        relative to the frontend folder), the bytes of one, or a ``QImage`` (a v2 ``Image``'s).
        ``ValueError`` if Qt cannot read it."""
        self.webview.setWindowIcon(load_icon(icon, self._services.frontend_dist))

    def icon(self) -> QIcon:
        """The window's icon (empty if it has none)."""
        return self.webview.windowIcon()

    def set_decorations(self, decorations: bool) -> None:
        """Show or hide the title bar and borders."""
        from PySide6.QtCore import Qt  # only here: the namespace is costly to import

        self._set_flag(Qt.WindowType.FramelessWindowHint, not decorations)

    def is_decorated(self) -> bool:
        from PySide6.QtCore import Qt

        return not self.webview.windowFlags() & Qt.WindowType.FramelessWindowHint

    def set_always_on_top(self, always_on_top: bool) -> None:
        from PySide6.QtCore import Qt

        self._set_flag(Qt.WindowType.WindowStaysOnTopHint, always_on_top)

    def is_always_on_top(self) -> bool:
        from PySide6.QtCore import Qt

        return bool(self.webview.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)

    def _set_flag(self, flag: Qt.WindowType, on: bool) -> None:
        # Qt hides a top-level widget whose window flags change: show it again if it was shown.
        visible = self.webview.isVisible()
        self.webview.setWindowFlag(flag, on)
        if visible:
            self.webview.show()

    def request_close(self) -> None:
        """Ask the window to close, as its title bar's close button does: it emits
        ``tauri://close-requested``, and closes unless a page listener of that event on this
        window takes the decision (Tauri v2's ``close``; ``close`` is its ``destroy``)."""
        if self._open:
            self.webview.close()

    def close(self) -> None:
        """Close the window now (no ``tauri://close-requested``): its listeners go, and later
        emits to its label raise ``WindowNotFound``."""
        if self._open:
            self.webview.close_by_code()
            if self._open:  # a hidden view does not always get a close event
                self._closed()

    # -- internals ---------------------------------------------------------------------------

    def set_known_windows(self, labels: list[str]) -> None:
        """Rewrite the document-creation script, so the next page load sees these windows."""
        if labels != self._known_windows:  # the script is about 60 KB: not made for nothing
            self._write_bootstrap(labels)

    def _write_bootstrap(self, labels: list[str]) -> None:
        self._known_windows = list(labels)
        scripts = self.page.scripts()
        for old in scripts.find(SCRIPT_NAME):
            scripts.remove(old)
        services = self._services
        scripts.insert(
            bootstrap_script(self.label, labels, services.page_globals, services.page_script)
        )

    def emit_as_window(self, event: str, payload: object = None) -> None:
        """Send ``event`` on this window's channel to Python and page listeners with this
        window as its source, as its built-in events are (a window menu's ``tauri://menu``)."""
        self._require_open()
        self._emit_builtin(event, payload)

    def _emit_builtin(self, event: str, payload: object) -> None:
        """A built-in event: on this window's channel, with this window as the source."""
        if self._open:
            self._hub.emit_builtin(event, payload, self.label)

    def _close_requested(self) -> bool:
        """The user asked to close: tell every listener; close now unless a page listens
        (then its ``onCloseRequested`` closes the window, or prevents it)."""
        self._emit_builtin(CLOSE_REQUESTED, None)
        return not self._hub.page_hears(CLOSE_REQUESTED, self.label)

    def _require_open(self) -> None:
        if not self._open:
            raise WindowNotFound(f"window {self.label!r} is closed")

    def _load_started(self) -> None:
        self._loads += 1
        if self._loads > 1:
            log.info("window %r: reloading (or navigating)", self.label)
        self._hub.page_loading(self.label)

    def _load_finished(self, ok: bool) -> None:
        shown = self.page.url().toDisplayString()
        if ok:
            log.info("window %r: loaded %s", self.label, shown)
        else:
            log.warning("window %r: failed to load %s", self.label, shown)
        self._hub.page_loaded(self.label)
        # Not on the empty page of a cut-off: the check is for the next real page.
        if ok and self._crashes and not self._api_checked and not self.is_cut_off:
            self._api_checked = True
            self.page.runJavaScript("typeof window.__QTAURI__", 0, self._check_api)

    def _check_api(self, kind: object) -> None:
        """After a crash, a renderer started while the last was being killed can come up
        without the document-creation scripts (Qt; seen here after three quick kills): the
        page then has no ``window.__TAURI__``. It is given the scripts again and reloaded."""
        if kind == "object" or not self._open or self.is_cut_off:
            return
        log.warning(
            "window %r: the page came up without the app's API; loading it again", self.label
        )
        self._write_bootstrap(self._known_windows)
        self.reload()

    def _render_process_gone(
        self, status: QWebEnginePage.RenderProcessTerminationStatus, exit_code: int
    ) -> None:
        """The page's renderer died (crashed, killed, out of memory): its listeners go with
        it, and the page is reloaded, unless it keeps dying (then it stays blank, logged).

        A normal end is Chromium's own business (a process swapped for another, shutdown):
        the page is not gone, and reloading it then races Chromium's own recovery."""
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return
        self._hub.page_loading(self.label)  # the old document is gone: retire it now
        self._api_checked = False  # the next load that succeeds is checked for the API
        now = time.monotonic()
        self._crashes.append(now)
        looping = len(self._crashes) == CRASH_RELOAD_LIMIT and now - self._crashes[0] < 60
        log.warning(
            "window %r: its page's process ended (%s, exit code %d)%s",
            self.label,
            status.name,
            exit_code,
            f"; not reloading: it ended {CRASH_RELOAD_LIMIT} times within a minute"
            if looping
            else "; reloading it",
        )
        if self.is_cut_off:
            log.warning("window %r: not reloading a page that was cut off", self.label)
            self.page.setHtml(_CUT_OFF_PAGE)
        elif not looping:
            self.reload()

    @property
    def is_cut_off(self) -> bool:
        """Whether the page was cut off for flooding its bridge (until ``reload()``)."""
        return self._services.gate.is_cut_off(self.label)

    def cut_off(self, reason: str) -> None:
        """Stop serving a page that floods its bridge: the gate refuses all it sends (at no
        cost), the page is replaced by an empty one, and the backend hears ``CUT_OFF``."""
        self._services.gate.cut(self.label)
        self._cut_off_url = self.page.url()
        shown = self._cut_off_url.toDisplayString()
        log.warning("window %r: cut off the page at %s: %s", self.label, shown, reason)
        self._hub.publish(
            CUT_OFF,
            {"url": shown, "reason": reason},
            window=self.label,
            source=self.label,
            to_backend=True,
            to_frontend=False,
        )
        # What the page has already sent waits in its process's pipe, to be read (and
        # refused) at the rate the app reads it: seconds of it. Ending the process drops it,
        # unless the process also runs another window's page.
        pid = self.page.renderProcessPid()
        others = [w.page.renderProcessPid() for w in self._services.windows() if w is not self]
        if pid > 0 and pid not in others:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                return  # the page is replaced once its process is gone
        self.page.setHtml(_CUT_OFF_PAGE)  # ends the flooding document and its scripts

    def _closed(self) -> None:
        if not self._open:
            return
        self._open = False
        self._services.closed(self)
        self.page.loadStarted.disconnect(self._load_started)
        self.page.loadFinished.disconnect(self._load_finished)
        self.page.renderProcessTerminated.disconnect(self._render_process_gone)
        log.info("window %r: closed", self.label)
        # Pages must go before their profile (the app deletes the profile last).
        self.page.deleteLater()
        self.webview.deleteLater()

    def __repr__(self) -> str:
        state = "open" if self._open else "closed"
        return f"<Window {self.label!r} {state}>"
