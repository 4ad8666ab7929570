"""Tauri's ``zoomHotkeysEnabled``: Ctrl and +/=, - and 0 zoom a window's page (off by default)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app import App
from app.web.zoom import LEVELS, next_level
from tests.conftest import page_config
from tests.js import eval_js, wait_loaded


def test_zoom_steps_follow_a_browser_s_levels() -> None:
    assert next_level(1.0, 1) == 1.1
    assert next_level(1.0, -1) == 0.9
    assert next_level(1.17, 1) == 1.25  # from between two levels, to the next one
    assert next_level(1.17, -1) == 1.1
    assert next_level(LEVELS[-1], 1) == LEVELS[-1]  # clamped
    assert next_level(LEVELS[0], -1) == LEVELS[0]
    assert next_level(3.0, 0) == 1.0


def press(view: Any, key: Qt.Key) -> None:
    QTest.keyClick(view.focusProxy(), key, Qt.KeyboardModifier.ControlModifier)


@pytest.mark.webengine
def test_zoom_hotkeys_zoom_the_page_only_when_enabled(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(
        page_config({"label": "main", "url": "recorder.html", "zoomHotkeysEnabled": True}, "off")
    )
    wait_loaded(qtbot, app)
    main = app.window("main")
    main.set_focus()
    qtbot.waitUntil(main.is_focused)
    view = main.webview
    press(view, Qt.Key.Key_Equal)
    qtbot.waitUntil(lambda: view.zoomFactor() == pytest.approx(1.1))
    qtbot.waitUntil(lambda: eval_js(qtbot, main, "window.devicePixelRatio") == pytest.approx(1.1))
    press(view, Qt.Key.Key_Minus)
    press(view, Qt.Key.Key_Minus)
    qtbot.waitUntil(lambda: view.zoomFactor() == pytest.approx(0.9))
    press(view, Qt.Key.Key_0)
    qtbot.waitUntil(lambda: view.zoomFactor() == pytest.approx(1.0))
    off = app.window("off")
    off.set_focus()
    qtbot.waitUntil(off.is_focused)
    press(off.webview, Qt.Key.Key_Equal)
    # A round trip through the page, so the key events have been handled.
    assert eval_js(qtbot, off, "1 + 1") == 2
    assert off.webview.zoomFactor() == 1.0
