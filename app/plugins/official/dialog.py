"""``dialog()``: Tauri's dialog plugin (``@tauri-apps/plugin-dialog`` 2.x), and v1's
``dialog`` module: file dialogs (``QFileDialog``) and message boxes (``QMessageBox``).

Each command describes its dialog as a ``DialogRequest`` and hands it to
``DialogState.show``: Qt's dialogs by default, over the calling window; tests (and apps that
want their own dialogs) replace it and answer the request themselves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from ...app import App
from ...web.window import Window
from ..plugin import Plugin
from .dialog_request import DialogRequest, FileFilter

# Tauri's message kinds and button sets.
MessageKind = Literal["info", "warning", "error"]
_BUTTON_SETS = {
    "Ok": ("Ok",),
    "OkCancel": ("Ok", "Cancel"),
    "YesNo": ("Yes", "No"),
    "YesNoCancel": ("Yes", "No", "Cancel"),
}


class DialogState:
    """``show(request, window) -> answer``: Qt's dialogs, unless replaced."""

    def __init__(self) -> None:
        from .dialog_qt import show_qt_dialog  # Qt's widgets are imported on first use

        self.show: Callable[[DialogRequest, Window], object] = show_qt_dialog


def _state(app: App) -> DialogState:
    found = app.plugin("dialog").state
    assert isinstance(found, DialogState)
    return found


_OPEN_OPTIONS = {
    "title",
    "filters",
    "defaultPath",
    "multiple",
    "directory",
    "recursive",
    "canCreateDirectories",
    "pickerMode",
    "fileAccessMode",
}


def _filters(value: object) -> tuple[FileFilter, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValueError("dialog option filters: expected a list of {name, extensions}")
    found = []
    for entry in value:
        name = entry.get("name") if isinstance(entry, dict) else None
        extensions = entry.get("extensions") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not isinstance(extensions, list):
            raise ValueError(f"dialog option filters: {entry!r} is not {{name, extensions}}")
        found.append(FileFilter(name, tuple(str(e) for e in extensions)))
    return tuple(found)


def _file_request(
    kind: Literal["open", "save"], window: Window, options: dict[str, Any]
) -> DialogRequest:
    unknown = set(options) - _OPEN_OPTIONS
    if unknown:
        raise ValueError(f"dialog options: unknown {', '.join(sorted(unknown))}")
    title, default_path = options.get("title"), options.get("defaultPath")
    if title is not None and not isinstance(title, str):
        raise ValueError("dialog option title: expected a string")
    if default_path is not None and not isinstance(default_path, str):
        raise ValueError("dialog option defaultPath: expected a string")
    return DialogRequest(
        kind,
        window.label,
        title=title,
        default_path=default_path,
        filters=_filters(options.get("filters")),
        multiple=kind == "open" and bool(options.get("multiple")),
        directory=kind == "open" and bool(options.get("directory")),
    )


def open(  # Tauri's name, shadowing the builtin here only
    app: App, window: Window, options: dict[str, Any] | None = None
) -> str | list[str] | None:
    request = _file_request("open", window, options or {})
    answer = _state(app).show(request, window)
    if answer is None:
        return None
    if request.multiple:
        paths = [answer] if isinstance(answer, str) else answer
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise TypeError(f"the open dialog answered {answer!r}, not paths")
        return paths or None
    if not isinstance(answer, str):
        raise TypeError(f"the open dialog answered {answer!r}, not a path")
    return answer


def save(app: App, window: Window, options: dict[str, Any] | None = None) -> str | None:
    request = _file_request("save", window, options or {})
    answer = _state(app).show(request, window)
    if answer is not None and not isinstance(answer, str):
        raise TypeError(f"the save dialog answered {answer!r}, not a path")
    return answer


def _buttons(value: object) -> tuple[str, ...]:
    """Tauri's ``MessageDialogButtons``: a set's name, or custom labels."""
    if value is None:
        return _BUTTON_SETS["Ok"]
    if isinstance(value, str) and value in _BUTTON_SETS:
        return _BUTTON_SETS[value]
    if isinstance(value, dict) and len(value) == 1:
        ((name, labels),) = value.items()
        if name == "OkCustom" and isinstance(labels, str):
            return (labels,)
        if name in ("OkCancelCustom", "YesNoCancelCustom") and isinstance(labels, list):
            return tuple(str(label) for label in labels)
    raise ValueError(f"dialog buttons: {value!r} is not one of Tauri's button sets")


def message(
    app: App,
    window: Window,
    message: str,
    title: str | None = None,
    kind: MessageKind | None = None,
    buttons: Any = None,
) -> str:
    """Shows a message box; answers the label of the button chosen."""
    choices = _buttons(buttons)
    request = DialogRequest(
        "message",
        window.label,
        title=title,
        message=message,
        message_kind=kind or "info",
        buttons=choices,
    )
    answer = _state(app).show(request, window)
    if answer not in choices:
        raise ValueError(f"the message box answered {answer!r}, not one of {choices}")
    return str(answer)


def dialog() -> Plugin:
    """Tauri's dialog plugin: ``Builder().plugin(dialog())``. ``dialog:default`` allows every
    command, as Tauri's. Dialogs are modal to the calling window."""
    return Plugin(
        "dialog",
        commands=[open, save, message],
        state=DialogState(),
        # Tauri's dialog permissions for ask and confirm, which the guest sends as `message`
        # (real apps' capability files list them: mdjax's names dialog:allow-ask).
        permission_sets={"allow-ask": ["message"], "allow-confirm": ["message"]},
    )
