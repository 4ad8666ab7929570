"""Menus described in Python (issue 15, item 5): ``Menu``, ``Submenu``, ``MenuItem`` and
``Separator``, made into Qt menus for a window's menu bar (``set_window_menu``) or a tray icon
(``TrayIcon``). A click on an item runs its ``action`` and emits ``tauri://menu`` with the
item's id, the event Tauri v1's ``onMenuClicked`` hears: on the window's channel for a window
menu, on the global channel for a tray menu.

    menu = Menu([Submenu("File", [MenuItem("open", "Open", accelerator="Ctrl+O"),
                                  Separator(),
                                  MenuItem("quit", "Quit", action=lambda: app.exit())])])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

if TYPE_CHECKING:
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
class Submenu:
    text: str
    items: Sequence[MenuItem | Separator | Submenu] = ()
    enabled: bool = True


@dataclass(frozen=True)
class Menu:
    """A menu: a menu bar's submenus, or a tray's items."""

    items: Sequence[MenuItem | Separator | Submenu] = ()

    def __post_init__(self) -> None:
        check_menu(self.items)


Entry = MenuItem | Separator | Submenu
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
        if not isinstance(item, MenuItem | Separator | Submenu):
            raise ValueError(f"{where}: {item!r} is not a MenuItem, Separator or Submenu")
        yield item
        if isinstance(item, Submenu):
            yield from _walk(item.items, f"submenu {item.text!r}")


def fill_menu(target: QMenu | QMenuBar, items: Iterable[Entry], clicked: ClickSink) -> None:
    """Add ``items`` to ``target``; a click on an item runs its action, then ``clicked(id)``."""
    for item in items:
        if isinstance(item, Separator):
            target.addSeparator()
        elif isinstance(item, Submenu):
            submenu = QMenu(item.text, target)
            submenu.setEnabled(item.enabled)
            fill_menu(submenu, item.items, clicked)
            target.addMenu(submenu)
        else:
            target.addAction(_action(item, target, clicked))


def _action(item: MenuItem, parent: QWidget, clicked: ClickSink) -> QAction:
    action = QAction(item.text, parent)
    action.setObjectName(item.id)  # so tools and tests find it: parent.findChild(QAction, id)
    action.setEnabled(item.enabled)
    if item.checked is not None:
        action.setCheckable(True)
        action.setChecked(item.checked)
    if item.accelerator:
        action.setShortcut(QKeySequence(item.accelerator.replace("CmdOrCtrl", "Ctrl")))

    def triggered() -> None:
        if item.action is not None:
            item.action()
        clicked(item.id)

    action.triggered.connect(triggered)
    return action


def set_window_menu(window: Window, menu: Menu | None) -> QMenuBar | None:
    """Give ``window`` a menu bar of ``menu``'s submenus (``None`` removes it); a click emits
    ``tauri://menu`` with the item's id on the window's channel, to Python and its pages."""
    layout = window.webview.layout()
    assert layout is not None, "a QWebEngineView lays out its page in a layout"
    old = layout.menuBar()
    if old is not None:
        old.setParent(None)  # the layout forgets a menu bar that stops being a child
        old.deleteLater()
    if menu is None:
        return None
    bar = QMenuBar(window.webview)
    bar.setNativeMenuBar(False)  # in the window, as Tauri's window menus are
    fill_menu(bar, menu.items, lambda item_id: window.emit_as_window(MENU_EVENT, item_id))
    layout.setMenuBar(bar)
    return bar
