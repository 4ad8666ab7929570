"""What the dialog plugin asks the desktop to show (``DialogRequest``): shared by its
commands (``dialog.py``) and Qt's dialogs (``dialog_qt.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class FileFilter:
    name: str
    extensions: tuple[str, ...]


@dataclass(frozen=True)
class DialogRequest:
    """One dialog to show. ``kind``: ``open`` (answer: a path, a list of paths with
    ``multiple``, or ``None``), ``save`` (a path or ``None``), ``message`` (the label of the
    button chosen, one of ``buttons``; the last one when the box is closed)."""

    kind: Literal["open", "save", "message"]
    window: str
    title: str | None = None
    default_path: str | None = None
    filters: tuple[FileFilter, ...] = ()
    multiple: bool = False
    directory: bool = False
    message: str = ""
    message_kind: str = "info"
    buttons: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
