"""The tray icon (issue 15, item 5): ``TrayIcon(app, icon=..., menu=..., tooltip=...)``, a
``QSystemTrayIcon`` with a menu of ``Menu`` entries. A click on a menu item runs its action
and emits ``tauri://menu`` (the item's id) on the global channel; a click on the icon emits
``tauri://tray-icon`` with ``{id, type, button}`` (``type``: ``"Click"`` or
``"DoubleClick"``; ``button``: ``"Left"`` or ``"Middle"``), as Tauri v2's tray events name
them. The icon goes when the app closes, or with ``close()``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from ..web.icons import IconSource, load_icon
from .menu import MENU_EVENT, Menu, fill_menu

if TYPE_CHECKING:
    from ..app import App

TRAY_EVENT = "tauri://tray-icon"
_Reason = QSystemTrayIcon.ActivationReason
_CLICKS = {
    _Reason.Trigger: ("Click", "Left"),
    _Reason.DoubleClick: ("DoubleClick", "Left"),
    _Reason.MiddleClick: ("Click", "Middle"),
}


class TrayIcon:
    """An icon in the desktop's tray. ``id`` names it in its events; ``icon`` is a path (relative
    to the frontend folder), an image file's bytes or a ``QIcon``. Without a system tray
    (``QSystemTrayIcon.isSystemTrayAvailable()`` false), it exists but shows nowhere."""

    def __init__(
        self,
        app: App,
        *,
        icon: IconSource | QIcon,
        menu: Menu | None = None,
        tooltip: str = "",
        id: str = "main",
    ) -> None:
        self.id = id
        self._app = app
        self.tray = QSystemTrayIcon(self._icon(icon))
        self.tray.setToolTip(tooltip)
        self._menu: QMenu | None = None
        self.set_menu(menu)
        self.tray.activated.connect(self._activated)
        app.on_close(self.close)
        self.tray.show()

    def set_icon(self, icon: IconSource | QIcon) -> None:
        self.tray.setIcon(self._icon(icon))

    def _icon(self, icon: IconSource | QIcon) -> QIcon:
        """As ``Window.set_icon`` takes it (a relative path is in the frontend folder), or a
        ``QIcon`` made in Python."""
        if isinstance(icon, QIcon):
            return icon
        return load_icon(icon, self._app.config.frontend_dist)

    def set_tooltip(self, tooltip: str) -> None:
        self.tray.setToolTip(tooltip)

    def set_visible(self, visible: bool) -> None:
        self.tray.setVisible(visible)

    def set_menu(self, menu: Menu | None) -> None:
        """Replace the icon's menu (``None``: no menu)."""
        old, self._menu = self._menu, None
        if menu is not None:
            self._menu = QMenu()
            fill_menu(self._menu, menu.items, self._clicked)
        self.tray.setContextMenu(self._menu)  # type: ignore[arg-type]  # Qt takes None
        if old is not None:
            old.deleteLater()

    @property
    def menu(self) -> QMenu | None:
        return self._menu

    def close(self) -> None:
        """Remove the icon from the tray."""
        self.tray.hide()
        self.tray.setContextMenu(None)  # type: ignore[arg-type]
        if self._menu is not None:
            self._menu.deleteLater()
            self._menu = None

    def _clicked(self, item_id: str) -> None:
        if not self._app.is_closed:
            self._app.hub.publish(MENU_EVENT, item_id, to_backend=True, to_frontend=True)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        found = _CLICKS.get(reason)
        if found is None or self._app.is_closed:
            return  # the context menu's own opening
        kind, button = found
        payload = {"id": self.id, "type": kind, "button": button}
        self._app.hub.publish(TRAY_EVENT, payload, to_backend=True, to_frontend=True)
