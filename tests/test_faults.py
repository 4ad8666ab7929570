"""Faults: a page's process killed, a window closed under a thread's emits, shutdown with
everything in flight."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App, WindowNotFound
from app.web.bootstrap import SCRIPT_NAME
from tests.conftest import page_config
from tests.js import eval_js, wait_js, wait_loaded

pytestmark = pytest.mark.webengine
ROOT = Path(__file__).resolve().parent.parent


def test_a_killed_page_process_is_reloaded_and_other_windows_go_on(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config("main", "other"))
    wait_loaded(qtbot, app)
    main, other = app.window("main"), app.window("other")
    at_start = app.listener_count()
    eval_js(qtbot, main, "window.api.listen('stale', () => {})")
    eval_js(qtbot, other, "window.api.listen('news', window.record('news'))")
    assert app.listener_count("stale") == 1
    pid = main.page.renderProcessPid()
    assert pid != other.page.renderProcessPid()
    with qtbot.waitSignal(main.page.renderProcessTerminated):
        os.kill(pid, signal.SIGKILL)
    assert app.listener_count("stale") == 0  # gone with the process
    app.emit_all("news", "after the crash")  # the other window did not notice
    wait_js(qtbot, other, "window.tagged('news').length === 1")
    # The page comes back by itself, in a new process, with only its own start listeners.
    qtbot.waitUntil(lambda: main.page.renderProcessPid() not in (0, pid), timeout=10_000)
    wait_js(qtbot, main, "window.recorderReady", timeout=10_000)
    assert app.listener_count() == at_start + 1  # + other's 'news'
    assert eval_js(qtbot, main, "window.api.invoke('missing').catch((e) => e.name)") == (
        "CommandNotFound"
    )


def test_a_page_that_keeps_dying_is_left_alone(
    make_app: Callable[..., App], qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    reload = main.reload
    reloads: list[int] = []

    def counted_reload() -> None:
        reloads.append(1)
        reload()

    main.reload = counted_reload  # type: ignore[method-assign]
    for _ in range(3):
        qtbot.waitUntil(lambda: main.page.renderProcessPid() > 0, timeout=10_000)
        with qtbot.waitSignal(main.page.renderProcessTerminated):
            os.kill(main.page.renderProcessPid(), signal.SIGKILL)
    assert len(reloads) == 2  # the handler runs before the signal reaches the test
    assert "reloading it" in caplog.text
    assert "not reloading: it ended 3 times within a minute" in caplog.text
    reload()  # the app may still try again when it wants
    wait_js(qtbot, main, "window.recorderReady", timeout=10_000)


def test_a_page_back_without_its_api_after_a_crash_is_given_it_again(
    make_app: Callable[..., App], qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # Qt can start a renderer without the document-creation scripts when the last one was
    # killed while it started (seen under load after quick kills); here they are taken away.
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    scripts = main.page.scripts()
    for script in scripts.find(SCRIPT_NAME):
        scripts.remove(script)
    with qtbot.waitSignal(main.page.renderProcessTerminated):
        os.kill(main.page.renderProcessPid(), signal.SIGKILL)
    wait_js(qtbot, main, "window.recorderReady", timeout=10_000)
    assert "came up without the app's API; loading it again" in caplog.text


def test_closing_a_window_under_a_threads_emits(make_app: Callable[..., App], qtbot: Any) -> None:
    app = make_app(page_config("victim", "other"))
    wait_loaded(qtbot, app)
    victim, other = app.window("victim"), app.window("other")
    eval_js(qtbot, other, "window.api.listen('seq', window.record('seq'))")
    eval_js(qtbot, victim, "window.api.listen('seq', window.record('seq'))")
    outcome: list[BaseException | str] = []
    sent_to_other = 0
    started = threading.Event()

    def emitter() -> None:
        nonlocal sent_to_other
        try:
            while True:
                app.emit_to("other", "seq", sent_to_other)
                sent_to_other += 1
                app.emit_to("victim", "seq", sent_to_other)
                started.set()
        except WindowNotFound as error:
            outcome.append(error)
        except BaseException as error:  # anything else is a failure of the test
            outcome.append(repr(error))

    thread = threading.Thread(target=emitter)
    thread.start()
    qtbot.waitUntil(started.is_set)
    victim.close()
    qtbot.waitUntil(lambda: bool(outcome))
    thread.join()
    assert isinstance(outcome[0], WindowNotFound), outcome
    assert "victim" in str(outcome[0])
    # Every event for the window that stayed arrived, in order.
    expected = list(range(sent_to_other))
    wait_js(qtbot, other, f"window.tagged('seq').length === {len(expected)}", timeout=15_000)
    got = eval_js(qtbot, other, "window.tagged('seq').map((e) => e.payload)")
    assert got == expected
    assert app.windows().keys() == {"other"}


def test_quitting_with_everything_in_flight_exits_cleanly() -> None:
    # The headless settings are in this process's environment (the pytest plugin's), so the
    # child inherits them.
    done = subprocess.run(
        [sys.executable, "-m", "tests.scripts.busy_shutdown"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "clean exit" in done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    assert "Error" not in done.stderr.replace("dbus", ""), done.stderr
