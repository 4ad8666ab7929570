"""Light or dark: Tauri's window ``theme()``, ``setTheme`` and ``tauri://theme-changed``, on
Qt's color scheme (``QStyleHints``).

Qt's scheme is the application's: ``set_theme`` on any window sets it for every window (Tauri
sets it per window where the platform can), and every window hears the change. Where the
platform cannot be asked (Qt's offscreen platform, some Linux desktops), setting it has no
effect, and the theme reads as ``"light"`` unless the system says dark.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

THEMES = ("light", "dark")


def current_theme() -> str:
    """``"dark"`` if Qt's color scheme is dark, else ``"light"`` (as Tauri when unknown)."""
    from PySide6.QtCore import Qt  # here: the namespace is costly to import (test_startup)

    dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return "dark" if dark else "light"


def set_theme(theme: str | None) -> None:
    """Ask for ``"light"`` or ``"dark"``, or (``None``) the system's again. ``ValueError``
    for another value."""
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    if theme is None:
        hints.unsetColorScheme()
    elif theme in THEMES:
        hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
    else:
        raise ValueError(f"theme {theme!r}: expected 'light', 'dark' or null")


class ThemeWatcher(QObject):
    """Calls ``changed(theme)`` whenever Qt's color scheme changes, until ``stop()``."""

    def __init__(self, changed: Callable[[str], None], parent: QObject) -> None:
        super().__init__(parent)
        self._changed = changed
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    def stop(self) -> None:
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._scheme_changed)

    # Not a @Slot(Qt.ColorScheme): that would build Qt's namespace when the package is
    # imported (tests/test_startup.py).
    def _scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        from PySide6.QtCore import Qt

        self._changed("dark" if scheme == Qt.ColorScheme.Dark else "light")
