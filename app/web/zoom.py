"""Page zoom from the keyboard, Tauri's window option ``zoomHotkeysEnabled``: Ctrl and ``+``
(or ``=``), ``-`` and ``0`` zoom the page in, out and back to 100 %, by a browser's steps.
Off by default, as in Tauri: an app's own shortcuts keep those keys."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWebEngineWidgets import QWebEngineView

# Chromium's zoom levels, within QtWebEngine's range (0.25 to 5).
LEVELS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0)


def next_level(factor: float, step: int) -> float:
    """The zoom factor one step in (``step`` 1) or out (-1) from ``factor``; 0 resets."""
    if step == 0:
        return 1.0
    if step > 0:
        index = bisect_right(LEVELS, factor + 1e-6)
        return LEVELS[min(index, len(LEVELS) - 1)]
    index = bisect_left(LEVELS, factor - 1e-6) - 1
    return LEVELS[max(index, 0)]


def enable_zoom_hotkeys(view: QWebEngineView) -> None:
    """Ctrl + ``+``/``=``, ``-``, ``0`` zoom ``view``'s page (shortcuts owned by the view)."""
    keys = (
        (QKeySequence(QKeySequence.StandardKey.ZoomIn), 1),
        (QKeySequence("Ctrl+="), 1),
        (QKeySequence(QKeySequence.StandardKey.ZoomOut), -1),
        (QKeySequence("Ctrl+0"), 0),
    )
    for sequence, step in keys:
        shortcut = QShortcut(sequence, view)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(
            lambda step=step: view.setZoomFactor(next_level(view.zoomFactor(), step))
        )
