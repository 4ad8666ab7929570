"""``clipboard_manager()``: Tauri's clipboard-manager plugin
(``@tauri-apps/plugin-clipboard-manager`` 2.x) and v1's ``clipboard`` module, on Qt's
clipboard (``QGuiApplication.clipboard()``): text and HTML. Images are not supported."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from ..plugin import Plugin

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


def _not_supported() -> None:
    raise ValueError("clipboard images are not supported by qtauri (docs/tauri-compat.md)")


def write_image() -> None:
    _not_supported()


def read_image() -> None:
    _not_supported()


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
