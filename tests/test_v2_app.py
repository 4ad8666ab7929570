"""Tauri v2's app-level names (spec §17.8-17.11) with real pages: ``manage`` through the
builder and the pytest plugin's fixtures, a missing state reported, ``run_on_main_thread``
from a worker thread, ``exit`` / ``restart`` (through the relaunch seam), ``Window.eval``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from app import App, AppClosed, Builder, State, StateNotManaged, WindowNotFound
from app.testing import AppErrors
from tests.conftest import PAGES, page_config

pytestmark = pytest.mark.webengine

pytest_plugins = ["pytester"]


class Settings:
    def __init__(self, theme: str) -> None:
        self.theme = theme


def theme(settings: State[Settings]) -> str:
    return settings.theme


def test_builder_manage_reaches_commands_and_copies_share_it(
    make_app: Callable[..., App], eval_js: Callable[..., Any], wait_event: Callable[..., Any]
) -> None:
    settings = Settings("dark")
    builder = Builder().manage(settings).invoke_handler(theme)
    app = make_app(page_config("main"), builder=builder)
    assert app.state(Settings) is settings
    assert app.try_state(int) is None
    assert eval_js(app.window("main"), "window.__TAURI__.invoke('theme')") == "dark"
    assert app.manage(Settings("light")) is False  # one per type: the first stays
    assert eval_js(app.window("main"), "window.__TAURI__.invoke('theme')") == "dark"
    # The pytest plugin's wait_event hears the v2 emit as a Python listener.
    heard = wait_event(app, "saved", trigger=lambda: app.emit("saved", {"ok": True}))
    assert heard.payload == {"ok": True}
    with pytest.raises(ValueError, match="Settings is managed already"):
        builder.manage(Settings("again"))
    with pytest.raises(ValueError, match="int cannot be managed state"):
        Builder().manage(3)


def test_a_command_asking_for_unmanaged_state_rejects_and_reports(
    make_app: Callable[..., App], eval_js: Callable[..., Any], app_errors: AppErrors
) -> None:
    app = make_app(page_config("main"), commands=(theme,))
    rejected = eval_js(
        app.window("main"),
        "window.__TAURI__.invoke('theme').then(() => 'resolved', (e) => [e.name, e.message])",
    )
    assert rejected[0] == "StateNotManaged"
    assert "parameter 'settings': no state of type Settings is managed" in rejected[1]
    [error] = app_errors.take(StateNotManaged)
    assert "call app.manage(Settings(...))" in str(error)


def test_run_on_main_thread_from_a_worker_thread(
    make_app: Callable[..., App], qtbot: Any, app_errors: AppErrors
) -> None:
    app = make_app(page_config("main"))
    ran: list[tuple[bool, list[str]]] = []
    heard: list[str] = []
    app.listen("step", lambda e: heard.append(e.payload))

    def worker() -> None:
        app.emit("step", "before")
        app.run_on_main_thread(
            lambda: ran.append((threading.current_thread() is threading.main_thread(), heard[:]))
        )
        app.run_on_main_thread(lambda: 1 / 0)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(app_errors) == 1)
    # On the GUI thread, after the emit the same thread made before.
    assert ran == [(True, ["before"])]
    [_error] = app_errors.take(ZeroDivisionError)
    ran.clear()
    app.run_on_main_thread(lambda: ran.append((True, [])))
    assert ran == [(True, [])]  # on the GUI thread: at once
    with pytest.raises(TypeError, match="callable"):
        app.run_on_main_thread("not a function")  # type: ignore[arg-type]
    app.close()
    with pytest.raises(AppClosed):
        app.run_on_main_thread(lambda: None)


def test_restart_relaunches_through_its_seam_then_exits(make_app: Callable[..., App]) -> None:
    app = make_app(page_config("main"))
    relaunched: list[bool] = []
    app.relaunch = lambda: relaunched.append(app.is_closed)
    app.restart()
    assert relaunched == [False]  # started again before closing
    assert app.is_closed


def test_a_failed_relaunch_leaves_the_app_running(make_app: Callable[..., App]) -> None:
    app = make_app(page_config("main"))

    def fails() -> None:
        raise RuntimeError("could not start")

    app.relaunch = fails
    with pytest.raises(RuntimeError, match="could not start"):
        app.restart()
    assert not app.is_closed
    app.exit(3)  # not run's loop (a test's): only closed
    assert app.is_closed


def test_window_eval_runs_script_in_the_page_from_any_thread(
    make_app: Callable[..., App], qtbot: Any, eval_js: Callable[..., Any]
) -> None:
    app = make_app(page_config("main"))
    main = app.get_webview_window("main")
    assert main is not None
    assert app.webview_windows() == {"main": main}
    eval_js(main, "1")  # connected
    main.eval("window.evaluated = (window.evaluated || 0) + 1")
    qtbot.waitUntil(lambda: eval_js(main, "window.evaluated ?? 0") == 1)
    worker = threading.Thread(target=lambda: main.eval("window.evaluated += 10"))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: eval_js(main, "window.evaluated") == 11)
    with pytest.raises(TypeError, match="JavaScript text"):
        main.eval(42)  # type: ignore[arg-type]
    main.close()
    with pytest.raises(WindowNotFound):
        main.eval("1")


PLUGIN_TESTS = """
from app import Builder, State


class Store:
    def __init__(self):
        self.items = ["a"]


def items(store: State[Store]) -> list:
    return store.items


def test_v2_names_through_the_fixtures(make_app, eval_js, wait_event):
    app = make_app({"build": {"frontendDist": %(pages)r},
                    "app": {"windows": [{"label": "main", "url": "recorder.html"}]}},
                   builder=Builder().manage(Store()).invoke_handler(items))
    assert eval_js(app.window("main"), "window.__TAURI__.invoke('items')") == ["a"]
    event = wait_event(app, "done", trigger=lambda: app.emit("done", 1))
    assert event.payload == 1


def test_missing_state_fails_the_test(make_app, eval_js):
    app = make_app({"build": {"frontendDist": %(pages)r},
                    "app": {"windows": [{"label": "main", "url": "recorder.html"}]}},
                   commands=(items,))
    eval_js(app.window("main"), "window.__TAURI__.invoke('items').catch(() => null)")
"""


def test_the_pytest_plugin_serves_the_v2_names(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_v2_names=PLUGIN_TESTS % {"pages": str(PAGES)})
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=120)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["*command 'items': StateNotManaged: command 'items': parameter 'store': no state*"]
    )


def test_the_default_relaunch_starts_this_command_line_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from PySide6.QtCore import QProcess

    import app.app as app_module

    started: list[tuple[str, list[str]]] = []

    def start(program: str, arguments: list[str]) -> bool:
        started.append((program, arguments))
        return len(started) == 1

    monkeypatch.setattr(QProcess, "startDetached", start)
    monkeypatch.setattr(sys, "orig_argv", [sys.executable, "-m", "app", "--dev"])
    app_module.relaunch_process()
    assert started == [(sys.executable, ["-m", "app", "--dev"])]  # `-m app` kept
    with pytest.raises(RuntimeError, match="could not start"):
        app_module.relaunch_process()
