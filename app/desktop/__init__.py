"""The app's place on the desktop beyond its windows: one instance at a time, and (with the
menus) the tray. It may import ``app.app`` and everything below it; the builder imports it."""

from .menu import (
    Menu,
    MenuItem,
    PredefinedMenuItem,
    Separator,
    Submenu,
    popup_menu,
    set_window_menu,
)
from .tray import SystemTrayEvent, TrayIcon

__all__ = [
    "Menu",
    "MenuItem",
    "PredefinedMenuItem",
    "Separator",
    "Submenu",
    "SystemTrayEvent",
    "TrayIcon",
    "popup_menu",
    "set_window_menu",
]
