"""Files dragged onto a widget, as Qt delivers a drag from another program (tests only)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import QMimeData, QObject, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

COPY = Qt.DropAction.CopyAction
NO_BUTTONS = Qt.MouseButton.NoButton
NO_KEYS = Qt.KeyboardModifier.NoModifier
# Qt 6.12 takes a drag's position as a QPointF (the QPoint form is deprecated, and warnings
# are errors here); 6.11 has only the QPoint form.
# Typed Any: each version's type stubs know only its own form.
_DRAG_POINT: Callable[[int, int], Any] = QPointF if PySide6.__version_info__ >= (6, 12) else QPoint


def files(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def drag(target: QObject, mime: QMimeData, *, drop: bool = True) -> None:
    """Enter at (10, 20), move to (30, 40), then drop there (or leave)."""
    QApplication.sendEvent(
        target, QDragEnterEvent(_DRAG_POINT(10, 20), COPY, mime, NO_BUTTONS, NO_KEYS)
    )
    QApplication.sendEvent(
        target, QDragMoveEvent(_DRAG_POINT(30, 40), COPY, mime, NO_BUTTONS, NO_KEYS)
    )
    if drop:
        QApplication.sendEvent(target, QDropEvent(QPointF(30, 40), COPY, mime, NO_BUTTONS, NO_KEYS))
    else:
        QApplication.sendEvent(target, QDragLeaveEvent())
