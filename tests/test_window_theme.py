"""A window's ``theme`` option (issue 15, item 2): Tauri forces light or dark for that window;
Qt's color scheme is the app's (no per-page ``prefers-color-scheme`` in Qt 6.11/6.12,
docs/windows.md), so a window's theme asks Qt for that scheme for every window, from the
config, from ``create_window`` and from ``new WebviewWindow(label, {theme})``.

Qt's offscreen platform cannot switch schemes, so the tests see what is asked of Qt."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app import App, ConfigError, load_config
from tests.compat_build import compat_config
from tests.conftest import page_config
from tests.js import eval_js, wait_loaded

pytestmark = pytest.mark.webengine


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The schemes asked of Qt (``None``: the system's again)."""
    seen: list[Any] = []
    hints = QGuiApplication.styleHints()
    monkeypatch.setattr(type(hints), "setColorScheme", lambda _self, s: seen.append(s))
    monkeypatch.setattr(type(hints), "unsetColorScheme", lambda _self: seen.append(None))
    return seen


def test_a_config_window_s_theme_is_asked_of_qt(
    make_app: Callable[..., App], qtbot: Any, asked: list[Any]
) -> None:
    config = page_config({"label": "main", "url": "recorder.html", "theme": "Dark"}, "other")
    app = make_app(config)
    wait_loaded(qtbot, app)
    assert app.window("main").config.theme == "dark"  # Tauri's "Dark" reads as dark
    assert asked == [Qt.ColorScheme.Dark]  # once: "other" has no theme of its own
    app.create_window("light", url="recorder.html", theme="light")
    assert asked == [Qt.ColorScheme.Dark, Qt.ColorScheme.Light]


@pytest.mark.parametrize(
    ("version", "create"),
    [
        ("v1", "new v1.window.WebviewWindow('made', {url: 'v1.html', theme: 'dark'})"),
        ("v2", "new v2.webviewWindow.WebviewWindow('made', {url: 'v2.html', theme: 'dark'})"),
    ],
)
def test_a_window_made_from_js_asks_for_its_theme(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    asked: list[Any],
    version: str,
    create: str,
) -> None:
    app = make_app(compat_config(compat_dist, ("main", version)))
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    result = eval_js(
        qtbot,
        app.window("main"),
        "new Promise((resolve) => {"
        f" const w = {create};"
        " w.once('tauri://created', () => resolve('created'));"
        " w.once('tauri://error', (e) => resolve(e.payload)); })",
    )
    assert result == "created"
    assert app.window("made").config.theme == "dark"
    assert asked == [Qt.ColorScheme.Dark]


def test_a_theme_tauri_does_not_have_is_an_error() -> None:
    config = page_config({"label": "main", "url": "recorder.html", "theme": "blue"})
    with pytest.raises(
        ConfigError, match=r"app\.windows\[0\]\.theme: 'blue' is not 'light' or 'dark'"
    ):
        load_config(config)
