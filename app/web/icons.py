"""Icons of the app and its windows: from the config's ``bundle.icon`` files, and given to
``Window.set_icon`` (Tauri's ``setIcon``) as a file or as the bytes of an image file.

Qt reads PNG, ICO, ICNS, SVG, JPEG and more; an icon built from several files lets the window
system pick the size it needs.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QIcon, QImage, QImageReader, QPixmap

log = logging.getLogger(__name__)

IconSource = str | Path | bytes | bytearray | Sequence[int] | QImage


def app_icon(files: Sequence[Path], source: str) -> QIcon | None:
    """The icon of the config's ``bundle.icon`` files that Qt can read; each one it cannot is
    named in a warning (``source``: the config). ``None`` if there are none."""
    icon = QIcon()
    for file in files:
        if QImageReader(str(file)).canRead():
            icon.addFile(str(file))
        else:
            log.warning("%s: bundle.icon: %s is missing or not an image; left out", source, file)
    return None if icon.isNull() else icon


def load_icon(source: IconSource, base: Path) -> QIcon:
    """An icon from a file (a relative path is relative to ``base``, the frontend folder),
    from the bytes of an image file (``bytes``, or a list of byte values as pages send them),
    or from a ``QImage`` (a v2 ``Image``'s pixels).
    Raises ``ValueError`` naming what Qt could not read, ``TypeError`` for other values."""
    if isinstance(source, QImage):  # a v2 Image (app/plugins/image.py)
        if source.isNull():
            raise ValueError("icon: the image is empty")
        return QIcon(QPixmap.fromImage(source))
    if isinstance(source, str | Path):
        path = base / source
        if not QImageReader(str(path)).canRead():
            raise ValueError(f"icon {str(source)!r}: no image Qt can read at {path}")
        return QIcon(str(path))
    data = _image_bytes(source)
    pixmap = QPixmap()
    if not pixmap.loadFromData(QByteArray(data)):
        raise ValueError(f"icon: {len(data)} bytes that are not an image Qt can read")
    return QIcon(pixmap)


def _image_bytes(source: object) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    if isinstance(source, list | tuple) and all(
        type(value) is int and 0 <= value <= 255 for value in source
    ):
        return bytes(source)
    raise TypeError("an icon is a file path or the bytes of an image file")
