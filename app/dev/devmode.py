"""Dev mode inside the running app (``python -m app --dev``): reload the windows whose page uses
a file of the frontend folder that was saved, and open an inspector with F12.

Which windows reload: each page's requests to the frontend folder are recorded (a per-page
``QWebEngineUrlRequestInterceptor``: its document, scripts, ES modules, styles, images, fetches).
A window reloads when a file its current document requested changed. A window whose document
began loading before dev mode started recording is in doubt, and reloads on any change. Windows
that show no page of the frontend folder (a devUrl server, which has its own hot reload, or a
web page) are left alone. The backend is not touched: its state and Python listeners stay; the
reloaded page's listeners are retired by the core on reload, and the new page registers its own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView

from ..app import App
from ..environment import enable_remote_debugging
from ..events.values import Event
from ..web.interceptor import page_interceptor
from ..web.scheme import API_PATH, HOST, SCHEME
from ..web.window import Window
from .watcher import MAX_WAIT_MS, QUIET_MS, TreeWatcher

log = logging.getLogger(__name__)

INSPECTOR_KEY = "F12"


def enable_dev_tools() -> None:
    """Serve Chromium's DevTools for every page; QtWebEngine must not have started yet."""
    address = enable_remote_debugging()
    log.info("DevTools of every page: %s (or chrome://inspect in Chrome)", address)


def url_to_file(url: str, root: Path) -> Path | None:
    """The file of the frontend folder ``root`` that a ``tauri://localhost`` URL names (it need
    not exist), or ``None`` for other URLs and for the JS API's own files."""
    parsed = QUrl(url)
    if parsed.scheme() != SCHEME or parsed.host() != HOST:
        return None
    path = parsed.path(QUrl.ComponentFormattingOption.FullyDecoded)
    if path.startswith(API_PATH):
        return None
    file = (root / path.lstrip("/")).resolve()
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file if file.is_relative_to(root) else None


def affected_windows(
    changed: Iterable[Path], shown: Mapping[str, frozenset[Path] | None]
) -> list[str]:
    """The labels of the windows to reload: ``shown`` maps each window showing a page of the
    frontend folder to the files its page uses, or ``None`` when that is not known."""
    changed = set(changed)
    return [label for label, files in shown.items() if files is None or files & changed]


class PageFiles(QWebEngineUrlRequestInterceptor):
    """Records the files of the frontend folder one page requested since its document's own
    request: the document, scripts, ES modules (static and dynamic), styles, images, fetches."""

    def __init__(self, root: Path, parent: QObject) -> None:
        super().__init__(parent)
        self._root = root
        self._files: set[Path] = set()
        self._complete = False  # False until a document's request was seen

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt's name)
        if info.resourceType() == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeMainFrame:
            self._files = set()
            self._complete = True
        file = url_to_file(info.requestUrl().toString(), self._root)
        if file is not None:
            self._files.add(file)

    def files(self) -> frozenset[Path] | None:
        """The files the current page uses, or ``None`` if its load began before recording."""
        return frozenset(self._files) if self._complete else None


class DevMode(QObject):
    """Dev mode for one app: its frontend folder watched, F12 on each window. ``close()``
    (called by ``app.close()`` too) stops it."""

    def __init__(
        self,
        app: App,
        *,
        quiet_ms: int = QUIET_MS,
        max_wait_ms: int = MAX_WAIT_MS,
    ) -> None:
        super().__init__()
        self._closed = False
        self.app = app
        self.root = app.config.frontend_dist
        self.watcher = TreeWatcher(
            [self.root], quiet_ms=quiet_ms, max_wait_ms=max_wait_ms, parent=self
        )
        self.watcher.changed.connect(self.files_changed)
        self._inspectors: dict[str, QWebEngineView] = {}
        self._shortcuts: dict[str, QShortcut] = {}
        self._recorders: dict[str, PageFiles] = {}
        for window in app.windows().values():
            self._record_files(window)
            self._add_inspector_key(window)
        self._created_listener = app.listen_global("tauri://window-created", self._window_created)
        app.on_close(self.close)
        log.info(
            "dev mode: watching %s; press %s in a window to inspect it", self.root, INSPECTOR_KEY
        )

    # -- reload ----------------------------------------------------------------------------

    def files_changed(self, changed: frozenset[Path]) -> None:
        """Reload the windows whose page uses a changed file (or may: in doubt, reload)."""
        if self._closed:
            return
        shown: dict[str, frozenset[Path] | None] = {}
        for window in self.app.windows().values():
            if window.is_open and url_to_file(window.page.url().toString(), self.root):
                recorder = self._recorders.get(window.label)
                shown[window.label] = recorder.files() if recorder is not None else None
        names = ", ".join(sorted(_relative(path, self.root) for path in changed))
        for label in affected_windows(changed, shown):
            why = "in doubt" if shown[label] is None else "its page uses it"
            log.info("dev mode: %s changed: reloading window %r (%s)", names, label, why)
            self.app.window(label).page.triggerAction(QWebEnginePage.WebAction.ReloadAndBypassCache)

    def _record_files(self, window: Window) -> None:
        recorder = PageFiles(self.root, window.page)
        # Through the page's one interceptor: a window's userAgent uses it too.
        page_interceptor(window.page).add(recorder.interceptRequest)
        self._recorders[window.label] = recorder

    # -- inspector -------------------------------------------------------------------------

    def toggle_inspector(self, label: str) -> QWebEngineView | None:
        """Open (or close) window ``label``'s inspector: Chromium's DevTools in a window of its
        own. Returns the inspector's view while it is open."""
        window = self.app.window(label)
        inspector = self._inspectors.get(label)
        if inspector is not None and inspector.isVisible():
            inspector.hide()
            return None
        if inspector is None:
            from PySide6.QtCore import Qt  # only here: the namespace is costly to import

            # A child of the window's view (so it goes with it), shown as a window of its own.
            inspector = QWebEngineView(window.webview)
            inspector.setWindowFlag(Qt.WindowType.Window, True)
            inspector.setWindowTitle(f"Inspector: {window.title()}")
            inspector.resize(900, 600)
            inspector.setPage(QWebEnginePage(window.page.profile(), inspector))
            window.page.setDevToolsPage(inspector.page())
            self._inspectors[label] = inspector
        inspector.show()
        return inspector

    def _add_inspector_key(self, window: Window) -> None:
        shortcut = QShortcut(QKeySequence(INSPECTOR_KEY), window.webview)
        shortcut.activated.connect(lambda label=window.label: self.toggle_inspector(label))
        self._shortcuts[window.label] = shortcut

    def _window_created(self, event: Event) -> None:
        label = event.payload.get("label") if isinstance(event.payload, dict) else None
        window = self.app.get_window(label) if isinstance(label, str) else None
        if window is not None:
            self._inspectors.pop(window.label, None)  # a new window may reuse a closed one's label
            self._record_files(window)
            self._add_inspector_key(window)

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        """Stop watching (the recorders and inspectors go with their windows' pages); the
        watcher's thread has ended when this returns."""
        if self._closed:
            return
        self._closed = True
        self.watcher.close()
        if not self.app.is_closed:
            self.app.unlisten(self._created_listener)
        self._inspectors.clear()
        self._shortcuts.clear()
        self._recorders.clear()
        self.deleteLater()


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
