"""The Python side of QuikEdit (github.com/nulluser0/quikedit), a Tauri 1 text editor with
tabs.

Its Rust side has two commands, ``open_file(path)`` and ``save_file(path, contents)``, which
read and write a whole text file, answering an error string when that fails. Its allowlist
enables v1's ``dialog.open``/``dialog.save`` and ``shell.open``: here the dialog and opener
plugins (v1's ``shell.open`` is the opener's ``openUrl``).

    python -m app --app quikedit_backend:builder --config <checkout>/src-tauri/tauri.conf.json
"""

from __future__ import annotations

from pathlib import Path

from app import Builder, command
from app.plugins import dialog, opener


class FileError(Exception):
    """What the page's promise rejects with, as the Rust ``Err(String)``."""


@command(thread=True)  # a file's read or write does not hold up the windows
def open_file(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FileError(f"Failed to read file: {error}") from error


@command(thread=True)
def save_file(path: str, contents: str) -> None:
    try:
        Path(path).write_text(contents, encoding="utf-8")
    except OSError as error:
        raise FileError(f"Failed to save file: {error}") from error


def builder() -> Builder:
    return Builder().invoke_handler(open_file, save_file).plugin(dialog()).plugin(opener())
