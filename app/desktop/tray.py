"""The tray icon (issue 15, item 5): ``TrayIcon(app, icon=..., menu=..., tooltip=...)``, a
``QSystemTrayIcon`` with a menu of ``Menu`` entries. A click on a menu item runs its action
and emits ``tauri://menu`` (the item's id) on the global channel; a click on the icon emits
``tauri://tray-icon`` with Tauri v2's ``TrayIconEvent``: ``{id, type, button, buttonState,
position, rect}`` (``type``: ``"Click"`` or ``"DoubleClick"``; ``button``: ``"Left"``,
``"Right"`` or ``"Middle"``; ``position`` the mouse and ``rect`` the icon, physical pixels).
Qt reports no hover, so ``Enter``, ``Move`` and ``Leave`` never come. The icon goes when the
app closes, or with ``close()``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QCursor, QGuiApplication, QIcon
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
    _Reason.Context: ("Click", "Right"),  # the right button, which also opens the menu
}
TrayListener = Callable[[dict[str, Any]], None]
# v1's SystemTrayEvent kinds, from v2's (type, button).
_V1_KINDS = {
    ("Click", "Left"): "LeftClick",
    ("Click", "Right"): "RightClick",
    ("DoubleClick", "Left"): "DoubleClick",
}


@dataclass(frozen=True)
class SystemTrayEvent:
    """Tauri v1's ``SystemTrayEvent``: ``kind`` is ``"LeftClick"``, ``"RightClick"``,
    ``"DoubleClick"`` (with ``position`` ``{x, y}`` and ``size`` ``{width, height}``,
    physical pixels: the mouse and the icon) or ``"MenuItemClick"`` (with ``id``)."""

    kind: str
    id: str | None = None
    position: dict[str, float] | None = None
    size: dict[str, float] | None = None


SystemTrayHandler = Callable[["App", SystemTrayEvent], object]


class TrayIcon:
    """An icon in the desktop's tray. ``id`` names it in its events; ``icon`` is a path (relative
    to the frontend folder), an image file's bytes or a ``QIcon``. Without a system tray
    (``QSystemTrayIcon.isSystemTrayAvailable()`` false), it exists but shows nowhere."""

    def __init__(
        self,
        app: App,
        *,
        icon: IconSource | QIcon | None,
        menu: Menu | None = None,
        tooltip: str = "",
        id: str = "main",
        show_menu_on_left_click: bool = True,
    ) -> None:
        self.id = id
        self._app = app
        self.tray = QSystemTrayIcon(self._icon(icon) if icon is not None else QIcon())
        self.tray.setToolTip(tooltip)
        self.title = ""  # Tauri's title beside the icon: no Qt tray shows one
        self.show_menu_on_left_click = show_menu_on_left_click
        self._listeners: list[TrayListener] = []
        self._v1_handlers: list[SystemTrayHandler] = []
        self._menu: QMenu | None = None
        self._owns_menu = False
        self.set_menu(menu)
        self.tray.activated.connect(self._activated)
        app.on_close(self.close)
        self.tray.show()

    def set_icon(self, icon: IconSource | QIcon | None) -> None:
        """A new icon (``None``: none)."""
        self.tray.setIcon(self._icon(icon) if icon is not None else QIcon())

    def on_system_tray_event(self, handler: SystemTrayHandler) -> None:
        """Call ``handler(app, event)`` with v1's ``SystemTrayEvent`` for each click on the
        icon and on an item of its Python menu (Tauri v1's ``on_system_tray_event``)."""
        self._v1_handlers.append(handler)

    def on_event(self, listener: TrayListener) -> None:
        """Call ``listener(event)`` with each ``TrayIconEvent`` (after ``tauri://tray-icon``)."""
        self._listeners.append(listener)

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

    def set_menu(self, menu: Menu | QMenu | None) -> None:
        """Replace the icon's menu (``None``: no menu); a ``QMenu`` is shown as it is (the
        menus pages make), and is not the icon's to delete."""
        old, owned = self._menu, self._owns_menu
        self._menu, self._owns_menu = None, False
        if isinstance(menu, QMenu):
            self._menu = menu
        elif menu is not None:
            self._menu, self._owns_menu = QMenu(), True
            fill_menu(self._menu, menu.items, self._clicked, self._app)
        self.tray.setContextMenu(self._menu)  # type: ignore[arg-type]  # Qt takes None
        if old is not None and owned:
            old.deleteLater()

    @property
    def menu(self) -> QMenu | None:
        return self._menu

    def close(self) -> None:
        """Remove the icon from the tray."""
        self.tray.hide()
        self.tray.setContextMenu(None)  # type: ignore[arg-type]
        if self._menu is not None and self._owns_menu:
            self._menu.deleteLater()
        self._menu = None

    def _clicked(self, item_id: str) -> None:
        if not self._app.is_closed:
            self._app.hub.publish(MENU_EVENT, item_id, to_backend=True, to_frontend=True)
            self._v1(SystemTrayEvent("MenuItemClick", id=item_id))

    def _v1(self, event: SystemTrayEvent) -> None:
        for handler in list(self._v1_handlers):
            handler(self._app, event)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        found = _CLICKS.get(reason)
        if found is None or self._app.is_closed:
            return  # the context menu's own opening
        kind, button = found
        payload = self.event(kind, button)
        self._app.hub.publish(TRAY_EVENT, payload, to_backend=True, to_frontend=True)
        for listener in list(self._listeners):
            listener(payload)
        v1_kind = _V1_KINDS.get((kind, button))
        if v1_kind is not None:
            self._v1(SystemTrayEvent(v1_kind, None, payload["position"], payload["rect"]["size"]))
        if reason == _Reason.Trigger and self.show_menu_on_left_click and self._menu is not None:
            self.popup_menu()

    def popup_menu(self) -> None:
        """Open the icon's menu at the mouse (a left click, as Tauri's default)."""
        if self._menu is not None:
            self._menu.popup(QCursor.pos())

    def event(self, kind: str, button: str) -> dict[str, Any]:
        """A ``TrayIconEvent`` of this icon (physical pixels, as Tauri's)."""
        ratio = self._app_ratio()
        mouse = QCursor.pos()
        rect = self.tray.geometry()
        payload: dict[str, Any] = {
            "id": self.id,
            "type": kind,
            "button": button,
            "position": {"x": mouse.x() * ratio, "y": mouse.y() * ratio},
            "rect": {
                "position": {"x": rect.x() * ratio, "y": rect.y() * ratio},
                "size": {"width": rect.width() * ratio, "height": rect.height() * ratio},
            },
        }
        if kind == "Click":
            payload["buttonState"] = "Up"  # Qt reports a click once it is done
        return payload

    @staticmethod
    def _app_ratio() -> float:
        screen = QGuiApplication.primaryScreen()
        return screen.devicePixelRatio() if screen is not None else 1.0
