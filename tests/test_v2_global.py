"""One ``window.__TAURI__`` for v1 and v2 pages: a classic page written for Tauri 2's global
(create-tauri-app's vanilla template shape: ``__TAURI__.core.invoke``,
``__TAURI__.webviewWindow.WebviewWindow``) runs, and v1's names keep their meaning beside
v2's (docs/tauri-compat.md, "One window.__TAURI__ for v1 and v2")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app import App
from tests.conftest import PAGES
from tests.js import eval_js, wait_js, wait_loaded

pytestmark = pytest.mark.webengine


def greet(name: str) -> str:
    return f"Hello, {name}! You've been greeted from Python!"


@pytest.fixture
def app(make_app: Callable[..., App], qtbot: Any) -> App:
    config = {
        "build": {"frontendDist": str(PAGES)},
        "productName": "Greeter",
        "identifier": "com.example.greeter",
        "version": "1.2.3",
        "app": {"windows": [{"label": "main", "url": "v2-global.html"}]},
    }
    built = make_app(config, commands=(greet,))
    wait_loaded(qtbot, built, ready_flag="window.v2GlobalReady")
    return built


def test_the_template_s_form_invokes_through_core_invoke(app: App, qtbot: Any) -> None:
    main = app.window("main")
    eval_js(qtbot, main, "document.querySelector('#greet-form').requestSubmit() ?? true")
    assert wait_js(qtbot, main, "document.querySelector('#greet-msg').textContent") == (
        "Hello, Ada! You've been greeted from Python!"
    )


def test_a_webview_window_opens_and_emit_to_reaches_it(app: App, qtbot: Any) -> None:
    main = app.window("main")
    assert eval_js(qtbot, main, "openViewer('viewer')") == "created"
    viewer = app.window("viewer")
    wait_js(qtbot, viewer, "window.v2GlobalReady")
    eval_js(qtbot, main, "sendNote('viewer', 'for the viewer')")
    eval_js(qtbot, main, "sendNote('main', 'for main')")
    assert wait_js(qtbot, viewer, "heard.length === 1 && heard") == ["for the viewer"]
    assert wait_js(qtbot, main, "heard.length === 1 && heard") == ["for main"]
    assert eval_js(qtbot, main, "openViewer('viewer')").startswith("error: ")


def test_v2_window_module(app: App, qtbot: Any) -> None:
    main = app.window("main")
    w = "window.__TAURI__.window"
    assert eval_js(qtbot, main, f"{w}.getCurrentWindow().label") == "main"
    eval_js(qtbot, main, f"{w}.getCurrentWindow().setTitle('v2 title')")
    assert main.title() == "v2 title"
    assert eval_js(qtbot, main, f"{w}.getAllWindows().then((all) => all.map((x) => x.label))") == [
        "main"
    ]
    assert eval_js(qtbot, main, f"{w}.Window.getByLabel('nobody')") is None
    size = eval_js(qtbot, main, f"{w}.getCurrentWindow().innerSize()")
    assert size["type"] == "Physical"
    resize = "new window.__TAURI__.dpi.LogicalSize({width: 333, height: 222})"
    eval_js(qtbot, main, f"{w}.getCurrentWindow().setSize({resize})")
    assert (main.webview.width(), main.webview.height()) == (333, 222)
    assert eval_js(qtbot, main, "window.__TAURI__.webview.getCurrentWebview().label") == "main"
    ww = "window.__TAURI__.webviewWindow"
    assert eval_js(qtbot, main, f"{ww}.getCurrentWebviewWindow().label") == "main"


def test_v1_names_keep_their_meaning(app: App, qtbot: Any) -> None:
    main = app.window("main")
    tauri = "window.__TAURI__"
    # v1's synchronous lookups and invoke, beside v2's.
    assert eval_js(qtbot, main, f"{tauri}.window.appWindow.label") == "main"
    assert eval_js(qtbot, main, f"{tauri}.window.getAll().map((w) => w.label)") == ["main"]
    assert eval_js(qtbot, main, f"{tauri}.invoke('greet', {{name: 'v1'}})").startswith("Hello, v1")
    assert eval_js(qtbot, main, f"{tauri}.tauri.invoke('greet', {{name: 'v1'}})").startswith(
        "Hello"
    )
    # v1's listen (no options) keeps spec §3's reach: the global channel and its own window's.
    eval_js(
        qtbot,
        main,
        f"{tauri}.event.listen('v1', (e) => heard.push(['v1', e.windowLabel, e.payload]))",
    )
    app.emit_all("v1", 1)
    app.emit_to("main", "v1", 2)
    assert wait_js(qtbot, main, "heard.length === 2 && heard") == [
        ["v1", None, 1],
        ["v1", None, 2],  # v1's event object: windowLabel is the source (here Python)
    ]


def test_path_sep_reads_as_v1_s_string_and_calls_as_v2_s_function(app: App, qtbot: Any) -> None:
    main = app.window("main")
    p = "window.__TAURI__.path"
    assert eval_js(qtbot, main, f"[{p}.sep(), `a${{{p}.sep}}b`, 'a' + {p}.delimiter]") == [
        "/",
        "a/b",
        "a:",
    ]


def test_app_and_path_in_the_global(app: App, qtbot: Any, tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    main = app.window("main")
    a = "window.__TAURI__.app"
    got = eval_js(
        qtbot,
        main,
        f"Promise.all([{a}.getName(), {a}.getVersion(), {a}.getIdentifier(), "
        f"{a}.getTauriVersion(), window.__TAURI__.path.appDataDir()])",
    )
    assert got == [
        "Greeter",
        "1.2.3",
        "com.example.greeter",
        "2.0.0",
        f"{tmp_path}/com.example.greeter",
    ]


def test_v2_close_asks_first_and_destroy_does_not(app: App, qtbot: Any) -> None:
    main = app.window("main")
    assert eval_js(qtbot, main, "openViewer('viewer')") == "created"
    viewer = app.window("viewer")
    wait_js(qtbot, viewer, "window.v2GlobalReady")
    eval_js(
        qtbot,
        viewer,
        "window.__TAURI__.window.getCurrentWindow()"
        ".onCloseRequested((e) => { window.asked = true; e.preventDefault(); })",
    )
    w = "window.__TAURI__.window.Window"
    eval_js(qtbot, main, f"{w}.getByLabel('viewer').then((v) => v.close())")
    wait_js(qtbot, viewer, "window.asked === true")
    assert app.get_window("viewer") is not None
    eval_js(qtbot, main, f"{w}.getByLabel('viewer').then((v) => v.destroy())")
    qtbot.waitUntil(lambda: app.get_window("viewer") is None)
