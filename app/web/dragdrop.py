"""Files dragged onto a window become Tauri's events (window option ``dragDropEnabled``, v1's
``fileDropEnabled``; on by default), on the window's channel, in both versions' shapes:

- v2: ``tauri://drag-enter`` ``{paths, position}``, ``tauri://drag-over`` ``{position}``,
  ``tauri://drag-drop`` ``{paths, position}``, ``tauri://drag-leave`` (``null``);
- v1: ``tauri://file-drop-hover`` (the paths), ``tauri://file-drop`` (the paths),
  ``tauri://file-drop-cancelled`` (``null``).

Positions are physical pixels in the page area. The drag is then the app's: the page gets no
HTML5 drop of those files, as in Tauri. With the option off, nothing is intercepted and the
page handles drops itself. Drags that carry no local files are always left to the page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

# Emits a built-in event on the window's own channel: (name, payload).
Emit = Callable[[str, object], None]


def dropped_paths(mime: QMimeData) -> list[str]:
    """The local files a drag carries (other URLs are not files)."""
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


class FileDrops(QObject):
    """Watches one window's view for file drags and emits the events above."""

    def __init__(self, view: QWidget, emit: Emit) -> None:
        super().__init__(view)
        self._view = view
        self._emit = emit
        self._dragging = False  # a drag of files is over the window, and it is ours
        view.setAcceptDrops(True)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            assert isinstance(event, QDropEvent)
            return self._drag(kind, event)
        if kind == QEvent.Type.DragLeave and self._dragging:
            self._dragging = False
            self._emit("tauri://drag-leave", None)
            self._emit("tauri://file-drop-cancelled", None)
            return True
        return False

    def _drag(self, kind: QEvent.Type, event: QDropEvent) -> bool:
        paths = dropped_paths(event.mimeData())
        if not paths:
            return False  # not files: the page's own drag and drop
        ratio = self._view.devicePixelRatioF()
        point = event.position()
        position = {"x": round(point.x() * ratio), "y": round(point.y() * ratio)}
        if kind == QEvent.Type.DragEnter:
            self._dragging = True
            self._emit("tauri://drag-enter", {"paths": paths, "position": position})
            self._emit("tauri://file-drop-hover", paths)
        elif kind == QEvent.Type.DragMove:
            assert isinstance(event, QDragMoveEvent)
            self._emit("tauri://drag-over", {"position": position})
        else:
            self._dragging = False
            self._emit("tauri://drag-drop", {"paths": paths, "position": position})
            self._emit("tauri://file-drop", paths)
        event.acceptProposedAction()
        return True
