"""Menus described in Python (issue 15, item 5): ``Menu``, ``Submenu``, ``MenuItem``,
``Separator`` and ``PredefinedMenuItem``, made into Qt menus for a window's menu bar
(``set_window_menu``), a context menu (``popup_menu``) or a tray icon (``TrayIcon``). A click
on an item runs its ``action`` and emits ``tauri://menu`` with the item's id, the event Tauri
v1's ``onMenuClicked`` hears: on the window's channel for a window menu or a context menu, on
the global channel for a tray menu.

    menu = Menu([Submenu("File", [MenuItem("open", "Open", accelerator="Ctrl+O"),
                                  Separator(),
                                  MenuItem("quit", "Quit", action=lambda: app.exit())])])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction, QCursor, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from .predefined import check_predefined, predefined_action

if TYPE_CHECKING:
    from ..app import App
    from ..web.window import Window

MENU_EVENT = "tauri://menu"


@dataclass(frozen=True)
class MenuItem:
    """A clickable entry. ``id`` is what ``tauri://menu`` carries; ``checked`` makes it a
    check item (``None``: a plain one); ``accelerator`` is Qt's shortcut text (Tauri's
    ``CmdOrCtrl`` reads as ``Ctrl``)."""

    id: str
    text: str
    enabled: bool = True
    checked: bool | None = None
    accelerator: str | None = None
    action: Callable[[], object] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Separator:
    pass


@dataclass(frozen=True)
class PredefinedMenuItem:
    """An item with the platform's behaviour (Tauri v2's ``PredefinedMenuItem``): ``kind`` is
    ``"Copy"``, ``"Paste"``, ``"SelectAll"``, ``"Minimize"``, ``"CloseWindow"``, ``"Quit"``,
    ``"About"``, ... (``app.desktop.predefined``); ``text`` replaces Qt's label. It emits no
    ``tauri://menu``: its job is done by the app."""

    kind: str
    text: str | None = None

    def __post_init__(self) -> None:
        check_predefined(self.kind)


@dataclass(frozen=True)
class Submenu:
    text: str
    items: Sequence[MenuItem | Separator | Submenu | PredefinedMenuItem] = ()
    enabled: bool = True


@dataclass(frozen=True)
class Menu:
    """A menu: a menu bar's submenus, or a tray's items."""

    items: Sequence[MenuItem | Separator | Submenu | PredefinedMenuItem] = ()

    def __post_init__(self) -> None:
        check_menu(self.items)


Entry = MenuItem | Separator | Submenu | PredefinedMenuItem
# Called with the id of the item clicked.
ClickSink = Callable[[str], None]


def check_menu(items: Iterable[object]) -> None:
    """Refuse what Qt would take silently: entries of another type, empty or repeated ids
    (``tauri://menu`` could not tell the items apart), texts that are not strings."""
    seen: set[str] = set()
    for item in _walk(items, "menu"):
        if isinstance(item, MenuItem):
            if not isinstance(item.id, str) or not item.id:
                raise ValueError(f"menu item {item.text!r}: its id must be a non-empty string")
            if item.id in seen:
                raise ValueError(f"menu item id {item.id!r} is used twice in one menu")
            seen.add(item.id)
            if not isinstance(item.text, str):
                raise ValueError(f"menu item {item.id!r}: its text must be a string")
            if item.action is not None and not callable(item.action):
                raise ValueError(f"menu item {item.id!r}: its action must be callable")
        elif isinstance(item, Submenu) and not isinstance(item.text, str):
            raise ValueError(f"submenu {item.text!r}: its text must be a string")


def _walk(items: Iterable[object], where: str) -> Iterable[Entry]:
    for item in items:
        if not isinstance(item, MenuItem | Separator | Submenu | PredefinedMenuItem):
            raise ValueError(
                f"{where}: {item!r} is not a MenuItem, Separator, Submenu or PredefinedMenuItem"
            )
        yield item
        if isinstance(item, Submenu):
            yield from _walk(item.items, f"submenu {item.text!r}")


def fill_menu(
    target: QMenu | QMenuBar,
    items: Iterable[Entry],
    clicked: ClickSink,
    app: App | None = None,
    window: Callable[[], Window | None] = lambda: None,
) -> None:
    """Add ``items`` to ``target``; a click on an item runs its action, then ``clicked(id)``.
    Predefined items act on ``window()`` (and ``Hide``, ``Quit``, ``About`` on the ``app``)."""
    for item in items:
        if isinstance(item, Separator):
            target.addSeparator()
        elif isinstance(item, Submenu):
            submenu = QMenu(item.text, target)
            submenu.setEnabled(item.enabled)
            fill_menu(submenu, item.items, clicked, app, window)
            target.addMenu(submenu)
        elif isinstance(item, PredefinedMenuItem):
            target.addAction(predefined_action(item.kind, target, window, app, text=item.text))
        else:
            target.addAction(_action(item, target, clicked))


def _action(item: MenuItem, parent: QWidget, clicked: ClickSink) -> QAction:
    action = new_action(
        item.text, parent, enabled=item.enabled, checked=item.checked, accelerator=item.accelerator
    )
    action.setObjectName(item.id)  # so tools and tests find it: parent.findChild(QAction, id)

    def triggered() -> None:
        if item.action is not None:
            item.action()
        clicked(item.id)

    action.triggered.connect(triggered)
    return action


def new_action(
    text: str,
    parent: QObject | None,
    *,
    enabled: bool = True,
    checked: bool | None = None,
    accelerator: str | None = None,
) -> QAction:
    """A menu item's ``QAction``: ``checked`` not ``None`` makes it a check item."""
    action = QAction(text, parent)
    action.setEnabled(enabled)
    if checked is not None:
        action.setCheckable(True)
        action.setChecked(checked)
    set_accelerator(action, accelerator)
    return action


# Tauri's accelerator modifiers (as in `CmdOrCtrl+Shift+K`) in Qt's words.
_MODIFIERS = {
    "cmdorctrl": "Ctrl",
    "commandorcontrol": "Ctrl",
    "cmdorcontrol": "Ctrl",
    "commandorctrl": "Ctrl",
    "ctrl": "Ctrl",
    "control": "Ctrl",
    "cmd": "Meta",
    "command": "Meta",
    "super": "Meta",
    "meta": "Meta",
    "alt": "Alt",
    "option": "Alt",
    "shift": "Shift",
}


def set_accelerator(action: QAction, accelerator: str | None) -> None:
    """Give ``action`` Tauri's ``accelerator`` (``None``: none); one Qt cannot read is a
    ``ValueError`` naming it."""
    if not accelerator:
        action.setShortcut(QKeySequence())
        return
    if not isinstance(accelerator, str):
        raise ValueError(f"accelerator {accelerator!r}: expected a string like 'CmdOrCtrl+O'")
    parts = [part.strip() for part in accelerator.split("+")]
    text = "+".join(_MODIFIERS.get(part.lower(), part) for part in parts[:-1])
    text = f"{text}+{parts[-1]}" if text else parts[-1]
    sequence = QKeySequence(text)
    if sequence.isEmpty() or not parts[-1] or sequence.toString() == "":
        raise ValueError(f"accelerator {accelerator!r}: not a key combination Qt knows")
    action.setShortcut(sequence)


def set_window_menu(
    window: Window, menu: Menu | None, *, app: App | None = None
) -> QMenuBar | None:
    """Give ``window`` a menu bar of ``menu``'s submenus (``None`` removes it); a click emits
    ``tauri://menu`` with the item's id on the window's channel, to Python and its pages.
    Predefined items act on this window; ``Hide``, ``Quit`` and ``About`` need the ``app``."""
    bar = replace_menu_bar(window, menu is not None)
    if bar is not None and menu is not None:
        emit = window.emit_as_window
        fill_menu(bar, menu.items, lambda item_id: emit(MENU_EVENT, item_id), app, lambda: window)
    return bar


def replace_menu_bar(window: Window, new: bool) -> QMenuBar | None:
    """Remove ``window``'s menu bar; with ``new``, give it an empty one and return it."""
    layout = window.webview.layout()
    assert layout is not None, "a QWebEngineView lays out its page in a layout"
    old = layout.menuBar()
    if old is not None:
        old.setParent(None)  # the layout forgets a menu bar that stops being a child
        old.deleteLater()
    if not new:
        return None
    bar = QMenuBar(window.webview)
    bar.setNativeMenuBar(False)  # in the window, as Tauri's window menus are
    layout.setMenuBar(bar)
    return bar


def show_popup(menu: QMenu, window: Window, at: tuple[int, int] | None) -> QPoint:
    """Pop ``menu`` up over ``window`` at ``at`` (logical pixels from the top-left corner of
    its page), else at the mouse; returns where, on the screen."""
    point = QCursor.pos() if at is None else window.webview.mapToGlobal(QPoint(*at))
    menu.popup(point)
    return point


def popup_menu(
    window: Window, menu: Menu, at: tuple[int, int] | None = None, *, app: App | None = None
) -> QMenu:
    """Show ``menu`` as a context menu of ``window`` (Tauri's ``Menu::popup``) at ``at``
    (logical pixels from the page's top-left corner; default: the mouse); a click emits
    ``tauri://menu`` with the item's id on the window's channel, as a window menu's does.
    Predefined items act on this window; ``Hide``, ``Quit`` and ``About`` need the ``app``."""
    popup = QMenu(window.webview)
    emit = window.emit_as_window
    fill_menu(popup, menu.items, lambda item_id: emit(MENU_EVENT, item_id), app, lambda: window)
    show_popup(popup, window, at)
    return popup
