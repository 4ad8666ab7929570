"""Drag and drop of files (issue 15, item 7): Qt's drag events on a window become Tauri's
events in v1's and v2's shapes, heard through qtauri's API and the official packages'
``onFileDropEvent`` (v1) and ``onDragDropEvent`` (v2); ``dragDropEnabled: false`` leaves
drops to the page. The drags are simulated with Qt's own drag events."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData

from app import App, Event, Window
from tests.compat_build import compat_config
from tests.conftest import page_config
from tests.drag import drag as drag_files
from tests.drag import files
from tests.js import eval_js, wait_js, wait_loaded

pytestmark = pytest.mark.webengine


def drag(window: Window, mime: QMimeData, *, drop: bool = True) -> None:
    drag_files(window.webview, mime, drop=drop)


NAMES = (
    "tauri://drag-enter",
    "tauri://drag-over",
    "tauri://drag-drop",
    "tauri://drag-leave",
    "tauri://file-drop-hover",
    "tauri://file-drop",
    "tauri://file-drop-cancelled",
)


def record(app: App) -> list[tuple[str, str | None, Any]]:
    heard: list[tuple[str, str | None, Any]] = []

    def keep(event: Event) -> None:
        heard.append((event.event, event.window_label, event.payload))

    for name in NAMES:
        app.listen_global(name, keep)
    return heard


def test_dropped_files_become_tauri_s_events(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path
) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    eval_js(
        qtbot,
        main,
        "Promise.all(['tauri://drag-drop', 'tauri://file-drop'].map("
        " (name) => api.appWindow.listen(name, record(name))))",
    )
    heard = record(app)
    first, second = tmp_path / "a.txt", tmp_path / "b c.png"
    drag(main, files(first, second))
    paths = [str(first), str(second)]
    ratio = main.scale_factor()
    at = {"x": round(30 * ratio), "y": round(40 * ratio)}
    entered = {"x": round(10 * ratio), "y": round(20 * ratio)}
    assert heard == [
        ("tauri://drag-enter", "main", {"paths": paths, "position": entered}),
        ("tauri://file-drop-hover", "main", paths),
        ("tauri://drag-over", "main", {"position": at}),
        ("tauri://drag-drop", "main", {"paths": paths, "position": at}),
        ("tauri://file-drop", "main", paths),
    ]
    wait_js(qtbot, main, "tagged('tauri://file-drop').length === 1")
    assert eval_js(qtbot, main, "tagged('tauri://drag-drop')[0].payload") == {
        "paths": paths,
        "position": at,
    }
    heard.clear()
    drag(main, files(first), drop=False)
    assert [name for name, _label, _payload in heard] == [
        "tauri://drag-enter",
        "tauri://file-drop-hover",
        "tauri://drag-over",
        "tauri://drag-leave",
        "tauri://file-drop-cancelled",
    ]


def test_drags_without_files_and_windows_with_drops_off_are_the_page_s(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path
) -> None:
    app = make_app(
        page_config("main", {"label": "off", "url": "recorder.html", "dragDropEnabled": False})
    )
    wait_loaded(qtbot, app)
    heard = record(app)
    text = QMimeData()
    text.setText("just text")
    drag(app.window("main"), text, drop=False)
    drag(app.window("off"), files(tmp_path / "a.txt"), drop=False)
    assert eval_js(qtbot, app.window("off"), "1 + 1") == 2  # the events were handled
    assert heard == []
    assert app.window("off").config.drag_drop_enabled is False


@pytest.mark.parametrize(
    ("version", "listen"),
    [
        ("v1", "v1.window.appWindow.onFileDropEvent"),
        ("v2", "v2.window.getCurrentWindow().onDragDropEvent"),
    ],
)
def test_the_official_packages_hear_drops(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    tmp_path: Path,
    version: str,
    listen: str,
) -> None:
    app = make_app(compat_config(compat_dist, ("main", version)))
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    main = app.window("main")
    eval_js(qtbot, main, f"{listen}((event) => {{ (window.drops ??= []).push(event.payload); }})")
    file = tmp_path / "notes.md"
    drag(main, files(file))
    if version == "v1":
        wait_js(qtbot, main, "window.drops?.length === 2")
        expected = [{"type": "hover", "paths": [str(file)]}, {"type": "drop", "paths": [str(file)]}]
        assert eval_js(qtbot, main, "window.drops") == expected
    else:
        wait_js(qtbot, main, "window.drops?.length === 3")
        drops = eval_js(qtbot, main, "window.drops")
        assert [d["type"] for d in drops] == ["enter", "over", "drop"]
        assert drops[2]["paths"] == [str(file)]
        assert drops[0]["position"]["x"] == round(10 * main.scale_factor())


def test_qtauri_s_own_on_file_drop_event(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path
) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    eval_js(qtbot, main, "(await api.appWindow.onFileDropEvent(record('drops')), true)")
    dropped = tmp_path / "a.txt"
    drag(main, files(dropped))
    drag(main, files(dropped), drop=False)
    wait_js(qtbot, main, "tagged('drops').length === 4")
    assert eval_js(qtbot, main, "tagged('drops').map((e) => [e.event, e.payload])") == [
        ["tauri://file-drop-hover", {"type": "hover", "paths": [str(dropped)]}],
        ["tauri://file-drop", {"type": "drop", "paths": [str(dropped)]}],
        ["tauri://file-drop-hover", {"type": "hover", "paths": [str(dropped)]}],
        ["tauri://file-drop-cancelled", {"type": "cancel"}],
    ]
