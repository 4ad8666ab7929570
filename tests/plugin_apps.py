"""Apps for the official plugins' tests: one window showing tests/compat/plugins.html (the
guest packages, bundled), its app folders under a temporary XDG tree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QImageWriter

from app import App, Builder, Plugin
from tests.compat_build import compat_config
from tests.js import eval_js, wait_loaded

IDENTIFIER = "com.example.plugins"


def xdg_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """XDG folders under tmp_path (QStandardPaths reads the environment on each call)."""
    for name in ("DATA", "CONFIG", "CACHE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(tmp_path / name.lower()))
    return tmp_path


def plugin_app(
    make_app: Callable[..., App],
    qtbot: Any,
    dist: Path,
    *plugins: Plugin,
    permissions: list[object] | None = None,
) -> App:
    """An app with ``plugins``; with ``permissions``, one capability for its window that
    lists them (plus ``core:default``, which the page's own start needs)."""
    config = compat_config(dist, ("main", "plugins"))
    config["identifier"] = IDENTIFIER
    if permissions is not None:
        capability = {
            "identifier": "main",
            "windows": ["main"],
            "permissions": ["core:default", *permissions],
        }
        config["app"]["security"] = {"capabilities": [capability]}  # type: ignore[index]
    builder = Builder()
    for plugin in plugins:
        builder.plugin(plugin)
    app = make_app(config, builder=builder)
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    return app


def outcome(qtbot: Any, app: App, call: str) -> list[Any]:
    """``['ok', value]`` or ``['error', message]`` of the promise ``call`` in the main page."""
    return eval_js(  # type: ignore[no-any-return]
        qtbot,
        app.window("main"),
        f"(async () => {call})().then((v) => ['ok', v ?? null], (e) => ['error', String(e)])",
    )


def assert_refused(qtbot: Any, app: App, refused: dict[str, str]) -> None:
    """Each call (a promise) rejects with a message holding its reason."""
    for call, reason in refused.items():
        kind, message = outcome(qtbot, app, f"await {call}")
        assert kind == "error", call
        assert reason in message, (call, message)


def png_bytes(width: int, height: int, color: str) -> list[int]:
    """A PNG file of one color, as the numbers a page would send."""
    image = QImage(width, height, QImage.Format.Format_RGBA8888)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert QImageWriter(buffer, QByteArray(b"png")).write(image)
    return list(bytes(data.data()))
