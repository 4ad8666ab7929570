"""spec §8's Python API around the windows: building, closing, rebuilding, creating windows."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
import shiboken6

import app as package
from app import App, AppClosed, Builder, InvalidWindowLabel, WindowNotFound
from tests.conftest import page_config
from tests.js import JsError, eval_js, wait_js, wait_loaded


def test_the_public_surface() -> None:
    assert set(package.__all__) >= {"Builder", "App", "Window", "Event", "command"}
    for name in package.__all__:
        assert getattr(package, name) is not None


@pytest.mark.webengine
def test_close_frees_everything_and_another_app_can_be_built(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    first = make_app(page_config("main", "other"))
    wait_loaded(qtbot, first)
    first.listen_global("e", print)
    views = [window.webview for window in first.windows().values()]
    first.close()
    assert first.windows() == {}
    assert first.listener_count() == 0
    assert all(not shiboken6.isValid(view) for view in views)  # the Qt objects are deleted
    with pytest.raises(AppClosed):
        first.emit_all("e")
    with pytest.raises(AppClosed):
        first.listen_global("e", print)
    raised: list[BaseException] = []
    worker = threading.Thread(target=lambda: _capture(raised, lambda: first.trigger_global("e")))
    worker.start()
    worker.join()
    assert [type(error) for error in raised] == [AppClosed]
    first.close()  # twice is harmless
    second = make_app(page_config("main"))
    wait_loaded(qtbot, second)
    assert eval_js(qtbot, second.window("main"), "api.appWindow.label") == "main"


def _capture(raised: list[BaseException], call: Callable[[], None]) -> None:
    try:
        call()
    except Exception as error:
        raised.append(error)


@pytest.mark.webengine
def test_setup_runs_with_the_config_windows_existing(make_app: Callable[..., App]) -> None:
    seen: list[list[str]] = []
    make_app(page_config("main", "other"), setup=lambda app: seen.append(list(app.windows())))
    assert seen == [["main", "other"]]


@pytest.mark.webengine
def test_windows_created_from_python_and_from_pages(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    created = app.create_window("py", url="recorder.html", title="From Python", width=300)
    assert created.title() == "From Python"
    with pytest.raises(InvalidWindowLabel, match="already exists"):
        app.create_window("py")
    with pytest.raises(InvalidWindowLabel):
        app.create_window("bad label")
    result = eval_js(
        qtbot,
        main,
        "new Promise((resolve) => {"
        " const w = new api.WebviewWindow('js', {url: 'recorder.html'});"
        " w.once('tauri://created', () => resolve(api.getAll().map((x) => x.label)));"
        " w.once('tauri://error', (e) => resolve('error: ' + e.payload)); })",
    )
    assert result == ["main", "py", "js"]
    assert list(app.windows()) == ["main", "py", "js"]
    duplicate = eval_js(
        qtbot,
        main,
        "new Promise((resolve) => new api.WebviewWindow('js')"
        " .once('tauri://error', (e) => resolve(e.payload)))",
    )
    assert duplicate == "a window with label 'js' already exists"
    wait_js(qtbot, app.window("js"), "window.recorderReady")
    assert eval_js(qtbot, app.window("js"), "api.getCurrent().label") == "js"


def test_window_lookup(make_app: Callable[..., App]) -> None:
    app = make_app(page_config("main"))
    assert app.get_window("nope") is None
    with pytest.raises(WindowNotFound, match="'nope'"):
        app.window("nope")
    assert list(app.windows()) == ["main"]


@pytest.mark.webengine
def test_a_failing_setup_closes_the_app(qtbot: Any) -> None:
    built: list[App] = []

    def setup(app: App) -> None:
        built.append(app)
        raise RuntimeError("setup failed")

    with pytest.raises(RuntimeError, match="setup failed"):
        Builder().setup(setup).build(page_config("main"))
    (app,) = built
    assert app.is_closed
    assert app.windows() == {}


def test_invalid_js_error_is_reported(make_app: Callable[..., App], qtbot: Any) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    with pytest.raises(JsError, match="TypeError"):
        eval_js(qtbot, app.window("main"), "api.listen('e', 'not a function')")
