"""The pytest plugin (app.pytest_plugin): its fixtures against real pages, and, in a pytest
run of its own, that a test fails when a listener or command raised and it did not take it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app import App, Builder, Event
from app.errors import CommandFailed
from app.testing import AppErrors, JsError
from tests.conftest import PAGES, page_config
from tests.js import wait_loaded

pytestmark = pytest.mark.webengine

pytest_plugins = ["pytester"]


def test_make_app_builds_from_a_copy_of_the_builder_it_is_given(
    make_app: Callable[..., App], app_errors: AppErrors
) -> None:
    own_hook: list[str] = []
    shared = Builder().error_hook(lambda _error, where: own_hook.append(where))

    def extra() -> None:
        raise ValueError("extra failed")

    first = make_app(page_config("main"), builder=shared, commands=(extra,))
    make_app(page_config(), builder=shared, commands=(extra,))  # not "already registered"
    assert shared.commands == ()
    with pytest.raises(CommandFailed):
        first.invoke_command("extra", {}, caller="main")
    assert own_hook == ["command 'extra'"]  # the app's own hook still runs
    assert [str(e) for e in app_errors.take(ValueError)] == ["extra failed"]


def test_eval_js_awaits_promises_and_reports_js_errors(
    app: App, eval_js: Callable[..., Any]
) -> None:
    main = app.window("main")
    assert eval_js(main, "new Promise((r) => setTimeout(() => r({a: [1, 'x']}), 10))") == {
        "a": [1, "x"]
    }
    assert eval_js(main, "undefined") is None
    with pytest.raises(JsError, match="RangeError: too far"):
        eval_js(main, "Promise.reject(new RangeError('too far'))")
    with pytest.raises(JsError, match="TypeError: the value cannot be sent as JSON"):
        eval_js(main, "(() => { const o = {}; o.self = o; return o; })()")


def test_wait_js_returns_the_truthy_value_or_times_out(
    app: App, wait_js: Callable[..., Any], eval_js: Callable[..., Any]
) -> None:
    main = app.window("main")
    eval_js(main, "setTimeout(() => (window.later = 'here'), 50)")
    assert wait_js(main, "window.later") == "here"
    with pytest.raises(JsError, match=r"timed out: window\.never"):
        wait_js(main, "window.never", timeout=800)


def test_wait_event_on_the_app_returns_what_the_backend_heard(
    app: App, wait_event: Callable[..., Event], eval_js: Callable[..., Any]
) -> None:
    main = app.window("other")
    event = wait_event(
        app, "saved", trigger=lambda: eval_js(main, "api.emit('saved', {path: '/tmp/a'})")
    )
    assert (event.event, event.window_label, event.payload) == (
        "saved",
        "other",
        {"path": "/tmp/a"},
    )
    assert app.listener_count("saved") == 0  # the one-shot listener is gone


def test_wait_event_on_a_window_returns_what_its_page_heard(
    app: App, wait_event: Callable[..., Event], eval_js: Callable[..., Any]
) -> None:
    other = app.window("other")
    event = wait_event(other, "refresh", trigger=lambda: app.emit_to("other", "refresh", [1, 2]))
    assert (event.event, event.window_label, event.payload) == ("refresh", None, [1, 2])
    # A page's listen hears the global channel and its own window's, not another window's.
    with pytest.raises(TimeoutError, match="window 'other' heard no event 'refresh'"):
        wait_event(other, "refresh", trigger=lambda: app.emit_to("main", "refresh"), timeout=300)
    assert eval_js(other, "window.__QTAURI__.listenerCount('refresh')") == 0  # removed
    assert wait_event(other, "refresh", trigger=lambda: app.emit_all("refresh", 3)).payload == 3


def test_wait_event_in_a_page_skips_the_events_kept_for_it_before(
    make_app: Callable[..., App], qtbot: Any, wait_event: Callable[..., Event]
) -> None:
    # A long ready grace period: the page keeps every event sent to it meanwhile (spec §7),
    # and replays them to each new listener; wait_event wants the next one.
    app = make_app(page_config("main", readyGraceMs=60_000))
    wait_loaded(qtbot, app)
    main = app.window("main")
    app.emit_all("refresh", "kept")
    app.emit_all("refresh", "kept too")
    event = wait_event(main, "refresh", trigger=lambda: app.emit_all("refresh", "next"))
    assert event.payload == "next"
    assert not app.hub.is_ready("main")  # it was the grace period throughout
    event = wait_event(main, "refresh", trigger=lambda: app.emit_all("refresh", "after"))
    assert event.payload == "after"


def test_wait_event_times_out_with_a_clear_error(
    app: App, wait_event: Callable[..., Event]
) -> None:
    with pytest.raises(TimeoutError, match="the backend heard no event 'never' within 100 ms"):
        wait_event(app, "never", timeout=100)
    assert app.listener_count("never") == 0
    with pytest.raises(TypeError, match="must be an App or a Window"):
        wait_event("main", "never")


def test_app_errors_take_removes_only_the_given_kind() -> None:
    errors = AppErrors()
    errors.record(ValueError("v"), "command 'a'")
    errors.record(KeyError("k"), "listener 1 of event 'e'")
    assert [str(e) for e in errors.take(ValueError)] == ["v"]
    assert [where for _e, where in errors] == ["listener 1 of event 'e'"]


FAILING_TESTS = """
import pytest
from app import command

PAGE = {"build": {"frontendDist": %(pages)r},
        "app": {"windows": [{"label": "main", "url": "recorder.html"}]}}

@command
def boom() -> None:
    raise ValueError("boom in a command")

def test_listener_raised(make_app, wait_event):
    app = make_app(PAGE)
    app.listen_global("tick", lambda event: 1 / 0)
    wait_event(app, "tick", trigger=lambda: app.trigger_global("tick"))

def test_command_raised(make_app, eval_js):
    app = make_app(PAGE, commands=(boom,))
    eval_js(app.window("main"), "window.__TAURI__.invoke('boom').catch((e) => e.message)")

BUILT = []

def test_expected_error_taken(make_app, eval_js, app_errors):
    app = make_app(PAGE, commands=(boom,))
    BUILT.append(app)
    eval_js(app.window("main"), "window.__TAURI__.invoke('boom').catch((e) => e.message)")
    assert len(app_errors.take(ValueError)) == 1

def test_the_app_of_the_test_before_was_closed():
    assert [app.is_closed for app in BUILT] == [True]
"""


def test_a_test_fails_when_a_listener_or_command_raised(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_app_errors=FAILING_TESTS % {"pages": str(PAGES)})
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=120)
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*AppErrorsRaised: 1 exception(s) raised by Python listeners or commands*",
            "*listener * of event 'tick': ZeroDivisionError: division by zero",
            "*AppErrorsRaised: 1 exception(s)*",
            "*command 'boom': ValueError: boom in a command",
        ]
    )
