"""The dialog plugin's dialogs on Qt: ``QFileDialog`` and ``QMessageBox``, modal to the
calling window. Kept apart from the commands: tests answer the requests without them."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...web.window import Window
from .dialog_request import DialogRequest

_ICONS = {
    "info": QMessageBox.Icon.Information,
    "warning": QMessageBox.Icon.Warning,
    "error": QMessageBox.Icon.Critical,
}


def _name_filters(request: DialogRequest) -> str:
    """Qt's filter text: ``Images (*.png *.jpg);;Text (*.txt)``."""
    return ";;".join(
        f"{f.name} ({' '.join(f'*.{extension}' for extension in f.extensions)})"
        for f in request.filters
    )


def show_qt_dialog(request: DialogRequest, window: Window) -> object:
    parent = window.webview
    title = request.title or ""
    start = request.default_path or ""
    if request.kind == "message":
        return _message_box(request, window)
    if request.kind == "save":
        path, _chosen = QFileDialog.getSaveFileName(parent, title, start, _name_filters(request))
        return path or None
    if request.directory:
        folder = QFileDialog.getExistingDirectory(parent, title, start)
        return ([folder] if request.multiple else folder) if folder else None
    if request.multiple:
        paths, _chosen = QFileDialog.getOpenFileNames(parent, title, start, _name_filters(request))
        return paths or None
    path, _chosen = QFileDialog.getOpenFileName(parent, title, start, _name_filters(request))
    return path or None


def _message_box(request: DialogRequest, window: Window) -> str:
    box = QMessageBox(window.webview)
    box.setWindowTitle(request.title or "")
    box.setText(request.message)
    box.setIcon(_ICONS.get(request.message_kind, QMessageBox.Icon.Information))
    roles = [QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.RejectRole]
    buttons = [
        box.addButton(label, roles[min(index, 1)]) for index, label in enumerate(request.buttons)
    ]
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    for label, button in zip(request.buttons, buttons, strict=True):
        if button is clicked:
            return label
    return request.buttons[-1]  # closed without a choice: the last (cancel-like) button
