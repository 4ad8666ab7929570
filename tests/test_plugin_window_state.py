"""The window-state plugin (``app.plugins.window_state()``) through the unmodified official
guest package ``@tauri-apps/plugin-window-state`` 2.x: state saved when the app closes and on
``saveWindowState``, restored when a window opens and on ``restoreState``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App
from app.plugins import window_state
from app.plugins.official.window_state import StateFlags
from tests.plugin_apps import IDENTIFIER, outcome, plugin_app, xdg_folders

pytestmark = pytest.mark.webengine


@pytest.fixture
def state_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return xdg_folders(tmp_path, monkeypatch) / "config" / IDENTIFIER / ".window-state.json"


def geometry(app: App) -> tuple[int, int, int, int]:
    view = app.window("main").webview
    return view.width(), view.height(), view.frameGeometry().x(), view.frameGeometry().y()


def test_state_is_saved_at_close_and_restored_at_start(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, state_file: Path
) -> None:
    first = plugin_app(make_app, qtbot, compat_dist, window_state())
    first.window("main").set_size(420, 310)
    first.window("main").set_position(37, 41)
    qtbot.waitUntil(lambda: geometry(first) == (420, 310, 37, 41))
    first.close()
    saved = json.loads(state_file.read_text())["main"]
    assert (saved["width"], saved["height"], saved["x"], saved["y"]) == (420, 310, 37, 41)
    assert (saved["maximized"], saved["visible"], saved["fullscreen"]) == (False, True, False)

    second = plugin_app(make_app, qtbot, compat_dist, window_state())
    qtbot.waitUntil(lambda: geometry(second) == (420, 310, 37, 41))


def test_save_restore_and_filename_through_the_guest_package(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, state_file: Path
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, window_state())
    w = "plugins.windowState"
    assert outcome(qtbot, app, f"await {w}.filename()") == ["ok", ".window-state.json"]
    app.window("main").set_size(500, 400)
    qtbot.waitUntil(lambda: geometry(app)[:2] == (500, 400))
    assert outcome(qtbot, app, f"await {w}.saveWindowState({w}.StateFlags.SIZE)") == ["ok", None]
    assert json.loads(state_file.read_text())["main"]["width"] == 500
    app.window("main").set_size(300, 200)
    qtbot.waitUntil(lambda: geometry(app)[:2] == (300, 200))
    assert outcome(qtbot, app, f"await {w}.restoreStateCurrent({w}.StateFlags.ALL)") == [
        "ok",
        None,
    ]
    qtbot.waitUntil(lambda: geometry(app)[:2] == (500, 400))
    assert outcome(qtbot, app, f"await {w}.restoreState('main', {w}.StateFlags.POSITION)")[0] == (
        "ok"
    )


def test_a_denied_window_and_missing_flags_are_left_alone(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, state_file: Path
) -> None:
    state_file.parent.mkdir(parents=True)
    state_file.write_text(json.dumps({"main": {"width": 640, "height": 480, "x": 5, "y": 6}}))
    denied = plugin_app(make_app, qtbot, compat_dist, window_state(denylist=["main"]))
    assert geometry(denied)[:2] != (640, 480)
    denied.close()
    positions_only = plugin_app(
        make_app, qtbot, compat_dist, window_state(flags=StateFlags.POSITION)
    )
    qtbot.waitUntil(lambda: geometry(positions_only)[2:] == (5, 6))
    assert geometry(positions_only)[:2] != (640, 480)


def test_window_state_permissions(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, state_file: Path
) -> None:
    app = plugin_app(
        make_app, qtbot, compat_dist, window_state(), permissions=["window-state:allow-filename"]
    )
    assert outcome(qtbot, app, "await plugins.windowState.filename()")[0] == "ok"
    kind, message = outcome(qtbot, app, "await plugins.windowState.saveWindowState(63)")
    assert kind == "error"
    assert "add the permission 'window-state:allow-save-window-state'" in message
    everything = plugin_app(
        make_app, qtbot, compat_dist, window_state(), permissions=["window-state:default"]
    )
    assert outcome(qtbot, everything, "await plugins.windowState.saveWindowState(63)")[0] == "ok"
