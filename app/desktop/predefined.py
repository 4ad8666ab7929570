"""Predefined menu items (Tauri v2's ``PredefinedMenuItem``): items whose behaviour is the
platform's, not the app's. Here each is a ``QAction`` doing what Qt can on the window it
applies to (a window menu's or a context menu's own window; for the app menu and the tray,
the focused window): the page's edit actions, minimize, maximize, fullscreen, hide, close, quit and
an about box. The macOS-only ones (``HideOthers``, ``ShowAll``, ``Services``,
``BringAllToFront``) make an item that does nothing, as Tauri's do on Linux and Windows."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWidgets import QApplication, QMessageBox

if TYPE_CHECKING:
    from ..app import App
    from ..web.window import Window

_Web = QWebEnginePage.WebAction
# kind -> (Qt's text, the page action it triggers, the standard shortcut); the page actions
# act on the focused element of the window's page, as the native items act on a text input.
_EDIT = {
    "Copy": ("&Copy", _Web.Copy, QKeySequence.StandardKey.Copy),
    "Cut": ("Cu&t", _Web.Cut, QKeySequence.StandardKey.Cut),
    "Paste": ("&Paste", _Web.Paste, QKeySequence.StandardKey.Paste),
    "SelectAll": ("Select &All", _Web.SelectAll, QKeySequence.StandardKey.SelectAll),
    "Undo": ("&Undo", _Web.Undo, QKeySequence.StandardKey.Undo),
    "Redo": ("&Redo", _Web.Redo, QKeySequence.StandardKey.Redo),
}
_WINDOW: Mapping[str, tuple[str, Callable[[Window], None]]] = {
    "Minimize": ("&Minimize", lambda window: window.minimize()),
    "Maximize": ("Ma&ximize", lambda window: window.maximize()),
    "Fullscreen": (
        "Toggle &Full Screen",
        lambda window: window.set_fullscreen(not window.is_fullscreen()),
    ),
    "CloseWindow": ("C&lose Window", lambda window: window.request_close()),
}
_MAC_ONLY = {
    "HideOthers": "Hide Others",
    "ShowAll": "Show All",
    "Services": "Services",
    "BringAllToFront": "Bring All to Front",
}
PREDEFINED_KINDS = (
    "Separator",
    *_EDIT,
    *_WINDOW,
    "Hide",
    *_MAC_ONLY,
    "Quit",
    "About",
)


def check_predefined(kind: str) -> None:
    if kind not in PREDEFINED_KINDS:
        raise ValueError(
            f"unknown predefined menu item {kind!r} (one of {', '.join(PREDEFINED_KINDS)})"
        )


# Items that act on the app, not on one window.
NEEDS_APP = frozenset({"Hide", "Quit", "About"})


def default_text(kind: str, app: App | None) -> str:
    """The item's text when none is given (Tauri: the platform's own label)."""
    check_predefined(kind)
    if kind in _EDIT:
        return _EDIT[kind][0]
    if kind in _WINDOW:
        return _WINDOW[kind][0]
    if kind in _MAC_ONLY:
        return _MAC_ONLY[kind]
    name = (app.config.product_name or "") if app is not None else ""
    return {"Separator": "", "Hide": f"Hide {name}".strip(), "Quit": f"&Quit {name}".strip()}.get(
        kind, f"&About {name}".strip()
    )


def focused_window(app: App, preferred: Callable[[], str | None] = lambda: None) -> Window | None:
    """The window labelled ``preferred()`` if it is open (the one a context menu was popped up
    on); else the app's window that has the focus; else the first open one."""
    windows = app.windows()
    label = preferred()
    if label is not None and label in windows:
        return windows[label]
    active = QApplication.activeWindow()
    for window in windows.values():
        if active is not None and window.webview.window() is active:
            return window
    return next(iter(windows.values()), None)


def predefined_action(
    kind: str,
    parent: QObject | None,
    target: Callable[[], Window | None],
    app: App | None,
    *,
    text: str | None = None,
    about: Mapping[str, object] | None = None,
) -> QAction:
    """A ``QAction`` doing ``kind``'s job on the window ``target()`` returns (the page's edit
    actions, the window's operations) or on the ``app`` (``Hide``, ``Quit``, ``About``: a
    ``ValueError`` without one); ``about``: the About item's metadata (``name``, ``version``,
    ``copyright``, ``comments``, ``website``: Tauri's ``AboutMetadata``)."""
    check_predefined(kind)
    if kind in NEEDS_APP and app is None:
        raise ValueError(f"predefined menu item {kind!r} acts on the app: give the menu the App")
    action = QAction(default_text(kind, app) if text is None else text, parent)
    if kind == "Separator":
        action.setSeparator(True)
        return action

    about_boxes: list[QMessageBox] = []  # the box lives as long as the item

    def run() -> None:
        if app is not None and app.is_closed:
            return
        window = target()
        if kind in _EDIT and window is not None:
            window.webview.page().triggerAction(_EDIT[kind][1])
        elif kind in _WINDOW and window is not None:
            _WINDOW[kind][1](window)
        elif app is None:
            return
        elif kind == "Hide":
            for each in app.windows().values():
                each.hide()
        elif kind == "Quit":
            quit_app(app)
        elif kind == "About":
            about_boxes[:] = [show_about(app, about or {}, window)]

    if kind in _EDIT:
        action.setShortcut(QKeySequence(_EDIT[kind][2]))
    action.triggered.connect(run)
    return action


def quit_app(app: App) -> None:
    """Close the app and end ``Builder.run``'s event loop (an app built without ``run``, in a
    test, is only closed)."""
    running = app.event_loop_running
    app.close()
    if running:
        QCoreApplication.exit(0)


def show_about(app: App, about: Mapping[str, object], window: Window | None) -> QMessageBox:
    """A non-modal about box of ``about``'s fields, else the config's name and version."""
    name = str(about.get("name") or app.config.product_name or app.config.identifier or "")
    version = str(about.get("version") or app.config.version or "")
    lines = [f"{name} {version}".strip()]
    lines += [str(about[key]) for key in ("comments", "copyright", "website") if about.get(key)]
    box = QMessageBox(window.webview if window is not None else None)
    box.setWindowTitle(f"About {name}".strip())
    box.setText("\n".join(lines))
    box.setModal(False)
    box.setObjectName("qtauri-about")
    box.show()
    return box
