"""``opener()``: Tauri's opener plugin (``@tauri-apps/plugin-opener`` 2.x), and what v1's
``shell.open`` calls: URLs and files in the desktop's default application
(``QDesktopServices``). ``OpenerState.open`` is the seam: tests (and apps) replace it to see
what would be opened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from ...app import App
from ..plugin import Plugin

# Tauri's default URL scope (opener:allow-default-urls): the web, mail and phone links.
URL_SCHEMES = ("http", "https", "mailto", "tel")


class OpenerState:
    """``open(url) -> bool``: hands a URL to the desktop (``QDesktopServices.openUrl``)."""

    def __init__(self) -> None:
        self.open: Callable[[QUrl], object] = QDesktopServices.openUrl


def _state(app: App) -> OpenerState:
    found = app.plugin("opener").state
    assert isinstance(found, OpenerState)
    return found


def _no_program(program: str | None) -> None:
    if program:
        raise ValueError(
            f"opening with a chosen program ({program!r}) is not supported: the desktop's "
            "default application opens it"
        )


def _hand_over(app: App, url: QUrl) -> None:
    if _state(app).open(url) is False:
        raise RuntimeError(f"the desktop could not open {url.toDisplayString()}")


def open_url(app: App, url: str, with_: str | None = None) -> None:
    _no_program(with_)
    target = QUrl(url, QUrl.ParsingMode.StrictMode)
    if not target.isValid() or target.scheme() not in URL_SCHEMES:
        raise ValueError(
            f"not allowed to open url {url}: only {', '.join(URL_SCHEMES)} URLs (use openPath "
            "for files)"
        )
    _hand_over(app, target)


def open_path(app: App, path: str, with_: str | None = None) -> None:
    _no_program(with_)
    file = Path(path)
    if not file.is_absolute() or not file.exists():
        raise ValueError(f"failed to open path {path}: give an absolute path that exists")
    _hand_over(app, QUrl.fromLocalFile(str(file)))


def reveal_item_in_dir(app: App, paths: list[str]) -> None:
    """Opens the folder of each item (Tauri also selects the item in the file manager)."""
    for path in paths:
        item = Path(path)
        if not item.is_absolute() or not item.exists():
            raise ValueError(f"failed to reveal {path}: give an absolute path that exists")
    for folder in dict.fromkeys(Path(path).parent for path in paths):
        _hand_over(app, QUrl.fromLocalFile(str(folder)))


def opener() -> Plugin:
    """Tauri's opener plugin: ``Builder().plugin(opener())``. ``opener:default`` allows
    ``open_url`` (http, https, mailto, tel) and ``reveal_item_in_dir``, as Tauri's;
    ``opener:allow-open-path`` allows files."""
    return Plugin(
        "opener",
        commands=[open_url, open_path, reveal_item_in_dir],
        state=OpenerState(),
        default_permission=["open_url", "reveal_item_in_dir"],
    )
