"""spec §3 with real pages: every emitter, in both directions, between two windows.

Each test ends with a sentinel event that travels after the event under test; once every page
and the backend have the sentinel, anything the event was going to deliver has arrived, so
"must not fire" is checked without waiting on a timer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app import App, Event
from tests.conftest import page_config
from tests.js import eval_js, wait_js, wait_loaded

pytestmark = pytest.mark.webengine


def two_windows(make_app: Callable[..., App], qtbot: Any) -> tuple[App, dict[str, list[Event]]]:
    """Windows 'main' and 'other', each page with every kind of listener of event 'e'; and
    Python listeners of every kind. Returns the app and what each Python listener heard."""
    app = make_app(page_config("main", "other"))
    wait_loaded(qtbot, app)
    heard: dict[str, list[Event]] = {"py_global": [], "py_main": [], "py_other": []}
    app.listen_global("e", heard["py_global"].append)
    main, other = app.window("main"), app.window("other")
    main.listen("e", heard["py_main"].append)
    other.listen("e", heard["py_other"].append)
    app.listen_global("sentinel", heard.setdefault("py_sentinel", []).append)
    eval_js(
        qtbot,
        main,
        "Promise.all(["
        " api.listen('e', record('js_main_global')),"
        " api.appWindow.listen('e', record('js_main_self')),"
        " api.WebviewWindow.getByLabel('other').listen('e', record('js_main_on_other')),"
        " api.listen('sentinel', record('sentinel'))])",
    )
    eval_js(
        qtbot,
        other,
        "Promise.all(["
        " api.listen('e', record('js_other_global')),"
        " api.appWindow.listen('e', record('js_other_self')),"
        " api.listen('sentinel', record('sentinel'))])",
    )
    return app, heard


def who_heard(qtbot: Any, app: App, heard: dict[str, list[Event]]) -> dict[str, list[Any]]:
    """Send the sentinel after the event under test; return every listener's received events."""
    app.emit_all("sentinel")
    app.trigger_global("sentinel")
    result: dict[str, list[Any]] = {
        name: [(e.event, e.window_label, e.payload) for e in events]
        for name, events in heard.items()
        if events and name != "py_sentinel"
    }
    assert len(heard["py_sentinel"]) == 1
    for window in app.windows().values():
        wait_js(qtbot, window, "tagged('sentinel').length === 1")
        for entry in eval_js(qtbot, window, "log.filter((e) => e.tag !== 'sentinel')"):
            result.setdefault(entry["tag"], []).append(
                (entry["event"], entry["windowLabel"], entry["payload"])
            )
    return result


JS_EMITTERS = [
    pytest.param(
        "api.emit('e', {n: 1})",
        {"py_global", "js_main_global", "js_other_global"},
        id="emit",
    ),
    pytest.param(
        "api.appWindow.emit('e', {n: 1})",
        {"py_global", "py_main", "js_main_global", "js_main_self"},
        id="appWindow.emit",
    ),
    pytest.param(
        "api.WebviewWindow.getByLabel('other').emit('e', {n: 1})",
        {"py_global", "py_other", "js_other_global", "js_other_self", "js_main_on_other"},
        id="WebviewWindow(other).emit",
    ),
]


@pytest.mark.parametrize(("call", "expected"), JS_EMITTERS)
def test_frontend_emitters(
    make_app: Callable[..., App], qtbot: Any, call: str, expected: set[str]
) -> None:
    app, heard = two_windows(make_app, qtbot)
    main = app.window("main")
    eval_js(qtbot, main, call)
    received = who_heard(qtbot, app, heard)
    assert set(received) == expected
    for events in received.values():
        assert events == [("e", "main", {"n": 1})]  # the source is the emitting page


PY_EMITTERS: list[Any] = [
    pytest.param(
        lambda app: app.emit_all("e", {"n": 1}),
        {"js_main_global", "js_other_global"},
        id="emit_all",
    ),
    pytest.param(
        lambda app: app.emit_to("other", "e", {"n": 1}),
        {"js_other_global", "js_other_self", "js_main_on_other"},
        id="emit_to",
    ),
    pytest.param(
        lambda app: app.window("main").emit("e", {"n": 1}),
        {"js_main_global", "js_main_self"},
        id="window.emit",
    ),
    pytest.param(lambda app: app.trigger_global("e", {"n": 1}), {"py_global"}, id="trigger_global"),
    pytest.param(
        lambda app: app.window("other").trigger("e", {"n": 1}),
        {"py_global", "py_other"},
        id="window.trigger",
    ),
    pytest.param(
        lambda app: app.window("main").emit_and_trigger("e", {"n": 1}),
        {"py_global", "py_main", "js_main_global", "js_main_self"},
        id="window.emit_and_trigger",
    ),
]


@pytest.mark.parametrize(("emit", "expected"), PY_EMITTERS)
def test_backend_emitters(
    make_app: Callable[..., App], qtbot: Any, emit: Callable[[App], None], expected: set[str]
) -> None:
    app, heard = two_windows(make_app, qtbot)
    emit(app)
    received = who_heard(qtbot, app, heard)
    assert set(received) == expected
    for events in received.values():
        assert events == [("e", None, {"n": 1})]  # the backend is no window


def test_batching_never_reorders_or_drops_events(make_app: Callable[..., App], qtbot: Any) -> None:
    """Thousands of backend emits of two kinds, to two windows, in one event-loop turn (so
    they are batched, grouped and sent in several urgent batches) all arrive, in order."""
    app = make_app(page_config("main", "other"))
    wait_loaded(qtbot, app)
    for window in app.windows().values():
        eval_js(
            qtbot,
            window,
            "Promise.all([api.listen('a', record('n')), api.listen('b', record('n'))])",
        )
    sent: dict[str, list[list[object]]] = {"main": [], "other": []}
    for n in range(6000):
        name = "a" if n % 7 else "b"
        if n % 3:
            app.emit_all(name, n)
            for label in sent:
                sent[label].append([name, n])
        else:
            app.emit_to("other", name, n)
            sent["other"].append([name, n])
    for label, expected in sent.items():
        window = app.window(label)
        wait_js(qtbot, window, f"tagged('n').length === {len(expected)}", timeout=15_000)
        assert eval_js(qtbot, window, "tagged('n').map((e) => [e.event, e.payload])") == expected
