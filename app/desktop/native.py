"""Live menus, as Tauri v2's JS ``menu`` module makes them (``Menu.new``, ``MenuItem.new``,
...): objects that exist on their own, change after they are shown (``setText``,
``append``) and may sit in several menus at once. Each item is one ``QAction``, shared by
every Qt menu it is in, so a change shows everywhere; each menu and submenu is one ``QMenu``;
a menu shown as a window's menu bar is copied into a ``QMenuBar`` again after each change.

The ``menu`` plugin (``app.plugins.menu``) serves the JS commands on top of these; the
descriptions of ``app.desktop.menu`` (``Menu``, ``MenuItem``, ...) stay the Python way.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QMenuBar

from .menu import new_action, replace_menu_bar, set_accelerator

if TYPE_CHECKING:
    from ..web.window import Window

# The kinds as the JS package names them.
ITEM_KINDS = ("MenuItem", "Check", "Icon", "Predefined")
MENU_KINDS = ("Menu", "Submenu")

_ids = itertools.count(1)


def new_id() -> str:
    """An id for an item made without one (Tauri numbers them too)."""
    return str(next(_ids))


class NativeItem:
    """A menu item: ``kind`` is ``MenuItem``, ``Check``, ``Icon`` or ``Predefined``. Its
    listeners get its id when it is clicked (a predefined item has none: it does its job)."""

    def __init__(self, kind: str, item_id: str, action: QAction) -> None:
        self.kind = kind
        self.id = item_id
        self.action = action
        self.rid: int | None = None  # its resource id, once a page holds it
        self._listeners: list[Callable[[str], None]] = []
        action.setObjectName(item_id)
        if kind != "Predefined":
            action.triggered.connect(self._clicked)

    def on_click(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def _clicked(self) -> None:
        for listener in list(self._listeners):
            listener(self.id)

    @property
    def text(self) -> str:
        return self.action.text()

    def set_text(self, text: str) -> None:
        self.action.setText(text)

    @property
    def enabled(self) -> bool:
        return self.action.isEnabled()

    def set_enabled(self, enabled: bool) -> None:
        self.action.setEnabled(enabled)

    def set_accelerator(self, accelerator: str | None) -> None:
        set_accelerator(self.action, accelerator)

    @property
    def checked(self) -> bool:
        return self.action.isChecked()

    def set_checked(self, checked: bool) -> None:
        self.action.setChecked(checked)

    def set_icon(self, icon: QIcon | None) -> None:
        self.action.setIcon(icon if icon is not None else QIcon())


def native_item(kind: str, item_id: str, text: str, **options: object) -> NativeItem:
    """A ``MenuItem``, ``Check`` or ``Icon`` item (``enabled``, ``checked``, ``accelerator``,
    ``icon`` as ``new_action`` and ``set_icon`` take them)."""
    icon = options.pop("icon", None)
    checked = options.pop("checked", None)
    action = new_action(
        text,
        None,
        enabled=bool(options.pop("enabled", True)),
        checked=(bool(checked) if checked is not None else False) if kind == "Check" else None,
        accelerator=_optional_str(options.pop("accelerator", None)),
    )
    item = NativeItem(kind, item_id, action)
    if isinstance(icon, QIcon):
        item.set_icon(icon)
    return item


def _optional_str(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"expected a string, got {value!r}")


class NativeMenu:
    """A ``Menu`` (a menu bar, a context menu, a tray's menu) or a ``Submenu`` (with a text):
    an ordered list of items and submenus, as one ``QMenu``."""

    def __init__(self, kind: str, item_id: str, text: str = "", enabled: bool = True) -> None:
        self.kind = kind
        self.id = item_id
        self.rid: int | None = None
        self.qmenu = QMenu(text)
        self.qmenu.setObjectName(item_id)
        self.qmenu.setEnabled(enabled)
        self.items: list[NativeItem | NativeMenu] = []
        self._bars: list[QMenuBar] = []  # the window menu bars showing this menu

    @property
    def action(self) -> QAction:
        """What a parent menu shows for this submenu."""
        action = self.qmenu.menuAction()
        assert action is not None
        return action

    # -- its items ---------------------------------------------------------------------------

    def insert(self, position: int, entries: list[NativeItem | NativeMenu]) -> None:
        """Insert ``entries`` at ``position`` (0 to the number of items)."""
        if not 0 <= position <= len(self.items):
            raise ValueError(
                f"position {position} is out of range: the menu has {len(self.items)} items"
            )
        for entry in entries:
            if entry is self or (isinstance(entry, NativeMenu) and self in entry.walk_menus()):
                raise ValueError("a menu cannot contain itself")
            if entry.kind == "Menu":
                raise ValueError("a Menu cannot be an item of another menu: use a Submenu")
        self.items[position:position] = entries
        self._rebuild()

    def remove(self, entry: NativeItem | NativeMenu) -> None:
        if entry not in self.items:
            raise ValueError(f"item {entry.id!r} is not in menu {self.id!r}")
        self.items.remove(entry)
        self._rebuild()

    def remove_at(self, position: int) -> NativeItem | NativeMenu | None:
        """The item removed, or ``None`` if there is none at ``position`` (as Tauri)."""
        if not 0 <= position < len(self.items):
            return None
        entry = self.items.pop(position)
        self._rebuild()
        return entry

    def get(self, item_id: str) -> NativeItem | NativeMenu | None:
        """The item with ``item_id`` here or in a submenu, depth first."""
        for entry in self.items:
            if entry.id == item_id:
                return entry
            if isinstance(entry, NativeMenu):
                found = entry.get(item_id)
                if found is not None:
                    return found
        return None

    def walk_menus(self) -> Iterator[NativeMenu]:
        """This menu and its submenus, at any depth."""
        yield self
        for entry in self.items:
            if isinstance(entry, NativeMenu):
                yield from entry.walk_menus()

    def _rebuild(self) -> None:
        self.qmenu.clear()  # removes the actions; the shared QActions live on
        for entry in self.items:
            self.qmenu.addAction(entry.action)
        for bar in list(self._bars):
            fill_bar(bar, self)

    # -- as a submenu ------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.qmenu.title()

    def set_text(self, text: str) -> None:
        self.qmenu.setTitle(text)

    @property
    def enabled(self) -> bool:
        return self.qmenu.isEnabled()

    def set_enabled(self, enabled: bool) -> None:
        self.qmenu.setEnabled(enabled)

    def set_icon(self, icon: QIcon | None) -> None:
        self.qmenu.setIcon(icon if icon is not None else QIcon())

    # -- as a window's menu bar --------------------------------------------------------------

    def attach_bar(self, bar: QMenuBar) -> None:
        self._bars.append(bar)
        bar.destroyed.connect(lambda: self._bars.remove(bar) if bar in self._bars else None)
        fill_bar(bar, self)


def fill_bar(bar: QMenuBar, menu: NativeMenu) -> None:
    bar.clear()
    for entry in menu.items:
        bar.addAction(entry.action)


def set_native_window_menu(window: Window, menu: NativeMenu | None) -> QMenuBar | None:
    """Show ``menu`` as ``window``'s menu bar (``None``: none), kept in step with it."""
    bar = replace_menu_bar(window, menu is not None)
    if bar is not None and menu is not None:
        menu.attach_bar(bar)
    return bar
