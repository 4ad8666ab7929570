"""Monitors and the mouse cursor as Tauri reports them, from Qt's ``QScreen`` and ``QCursor``.

A monitor is Tauri v2's shape (v1's is the same less ``workArea``): ``name``, ``scaleFactor``,
and its ``position``, ``size`` and ``workArea`` (the part not taken by panels and docks) in
physical pixels: Qt's logical geometry times the screen's device pixel ratio."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QCursor, QGuiApplication, QScreen

Monitor = dict[str, object]


def _physical(rect: QRect, ratio: float) -> dict[str, dict[str, int]]:
    return {
        "position": {"x": round(rect.x() * ratio), "y": round(rect.y() * ratio)},
        "size": {"width": round(rect.width() * ratio), "height": round(rect.height() * ratio)},
    }


def monitor(screen: QScreen) -> Monitor:
    """``screen`` as a Tauri ``Monitor``."""
    ratio = screen.devicePixelRatio()
    return {
        "name": screen.name(),
        "scaleFactor": ratio,
        **_physical(screen.geometry(), ratio),
        "workArea": _physical(screen.availableGeometry(), ratio),
    }


def primary_monitor() -> Monitor | None:
    """The primary screen, or ``None`` if Qt has none."""
    screen = QGuiApplication.primaryScreen()
    return None if screen is None else monitor(screen)


def available_monitors() -> list[Monitor]:
    """Every screen, the primary first (Qt's order)."""
    return [monitor(screen) for screen in QGuiApplication.screens()]


def monitor_from_point(x: float, y: float) -> Monitor | None:
    """The screen holding the desktop point (``x``, ``y``) in physical pixels, or ``None``."""
    for screen in QGuiApplication.screens():
        ratio = screen.devicePixelRatio()
        area = screen.geometry()
        left, top = area.x() * ratio, area.y() * ratio
        if left <= x < left + area.width() * ratio and top <= y < top + area.height() * ratio:
            return monitor(screen)
    return None


def cursor_position() -> tuple[int, int]:
    """The mouse cursor on the desktop, in physical pixels (its screen's ratio)."""
    at = QCursor.pos()
    screen = QGuiApplication.screenAt(at) or QGuiApplication.primaryScreen()
    ratio = 1.0 if screen is None else screen.devicePixelRatio()
    return round(at.x() * ratio), round(at.y() * ratio)


def move_cursor(x: int, y: int) -> None:
    """Put the mouse cursor at desktop point (``x``, ``y``), in logical pixels."""
    QCursor.setPos(QPoint(x, y))
