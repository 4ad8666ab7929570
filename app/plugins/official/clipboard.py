"""``clipboard_manager()``: Tauri's clipboard-manager plugin
(``@tauri-apps/plugin-clipboard-manager`` 2.x) and v1's ``clipboard`` module, on Qt's
clipboard (``QGuiApplication.clipboard()``): text, HTML and images (v2: an ``Image`` resource,
``app/plugins/image.py``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from ...app import App
from ..image import js_image
from ..plugin import Plugin
from ..resources import resources_of

_EMPTY = (
    "The clipboard contents were not available in the requested format or the clipboard is empty."
)


def write_text(text: str, label: str | None = None) -> None:
    """``label`` (a name for clipboard managers on some systems) is not used here."""
    QGuiApplication.clipboard().setText(text)


def read_text() -> str:
    data = QGuiApplication.clipboard().mimeData()
    if data is None or not data.hasText():
        raise ValueError(_EMPTY)
    return data.text()


def write_html(html: str, alt_text: str | None = None) -> None:
    data = QMimeData()
    data.setHtml(html)
    data.setText(alt_text if alt_text is not None else html)
    QGuiApplication.clipboard().setMimeData(data)


def clear() -> None:
    QGuiApplication.clipboard().clear()


def write_image(app: App, image: Any) -> None:
    """``image``: an ``Image``'s resource id, a path, an image file's bytes or raw RGBA."""
    QGuiApplication.clipboard().setImage(js_image(app, image))


def read_image(app: App) -> int:
    """The clipboard's image as a new ``Image`` resource (its id)."""
    image = QGuiApplication.clipboard().image()
    if image.isNull():
        raise ValueError(_EMPTY)
    return resources_of(app).add(image.convertToFormat(image.Format.Format_RGBA8888))


def clipboard_manager() -> Plugin:
    """Tauri's clipboard-manager plugin: ``Builder().plugin(clipboard_manager())``. As in
    Tauri, ``clipboard-manager:default`` allows nothing: list ``allow-read-text``,
    ``allow-write-text``, ... in a capability (without capabilities, app pages may do
    everything)."""
    return Plugin(
        "clipboard-manager",
        commands=[write_text, read_text, write_html, clear, write_image, read_image],
        default_permission=[],
    )
