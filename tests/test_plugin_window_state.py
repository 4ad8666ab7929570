"""The window-state plugin (``app.plugins.window_state()``) through the unmodified official
guest package ``@tauri-apps/plugin-window-state`` 2.x: state saved when the app closes and on
``saveWindowState``, restored when a window opens and on ``restoreState``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App, Builder
from app.plugins import window_state
from app.plugins.official.window_state import StateFlags
from tests.compat_build import compat_config
from tests.js import eval_js, wait_loaded
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


def test_a_window_closed_by_its_user_is_saved_as_it_closes(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, state_file: Path
) -> None:
    # mdjax (docs/tauri-compat.md, real apps) is one window that its user closes with the
    # title bar's button; its page's onCloseRequested saves the document and lets it close.
    # The app closes after its last window, so the state must be taken as the window closes.
    config = compat_config(compat_dist, ("main", "v2"), ("other", "v2"))
    config["identifier"] = IDENTIFIER
    app = make_app(config, builder=Builder().plugin(window_state()))
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    eval_js(
        qtbot,
        app.window("main"),
        """v2.window.getCurrentWindow().onCloseRequested(async () => {
             await v2.path.appDataDir();
             window.heard.push('saved the document');
           }).then(() => true)""",
    )
    app.window("main").set_size(420, 310)
    app.window("main").set_position(37, 41)
    qtbot.waitUntil(lambda: geometry(app) == (420, 310, 37, 41))
    app.window("other").set_size(333, 222)
    qtbot.waitUntil(lambda: app.window("other").webview.size().toTuple() == (333, 222))

    app.window("main").request_close()
    qtbot.waitUntil(lambda: app.get_window("main") is None)
    saved = json.loads(state_file.read_text())["main"]
    assert (saved["width"], saved["height"], saved["x"], saved["y"]) == (420, 310, 37, 41)
    app.window("other").request_close()  # no page listener: it closes at once
    qtbot.waitUntil(lambda: app.get_window("other") is None)
    saved = json.loads(state_file.read_text())
    assert (saved["other"]["width"], saved["other"]["height"]) == (333, 222)
    assert saved["main"]["width"] == 420
