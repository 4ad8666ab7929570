"""What the app says while it runs: window lifecycle and refused calls at INFO/WARNING, and the
event trace (``--trace-events``) naming every event's route."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage

from app import App, Event
from app.bridge.protocol import RefusalLog
from app.errors import BridgeMessageError
from app.tools.trace import trace_events
from tests.conftest import page_config
from tests.js import JsError, eval_js, wait_js

pytestmark = [pytest.mark.webengine, pytest.mark.app("live")]


@pytest.fixture(autouse=True)
def log_at_info(caplog: pytest.LogCaptureFixture) -> None:
    """From before the app is built: its windows' first messages are checked too."""
    caplog.set_level(logging.INFO, logger="app")


def messages(caplog: pytest.LogCaptureFixture, logger: str) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == logger]


def test_window_lifecycle_is_logged(app: App, qtbot: Any, caplog: pytest.LogCaptureFixture) -> None:
    main = app.window("main")
    with qtbot.waitSignal(main.page.loadFinished, timeout=10_000):
        main.page.triggerAction(QWebEnginePage.WebAction.Reload)
    app.window("other").close()
    at_start = [r.getMessage() for r in caplog.get_records("setup") if r.name == "app.web.window"]
    assert sorted(at_start) == [  # the two loads end in either order
        "window 'main': created, loading tauri://localhost/recorder.html",
        "window 'main': loaded tauri://localhost/recorder.html",
        "window 'other': created, loading tauri://localhost/recorder.html",
        "window 'other': loaded tauri://localhost/recorder.html",
    ]
    assert messages(caplog, "app.web.window") == [
        "window 'main': reloading (or navigating)",
        "window 'main': loaded tauri://localhost/recorder.html",
        "window 'other': closed",
    ]
    assert all(r.levelno == logging.INFO for r in caplog.records if r.name == "app.web.window")


def test_a_failed_load_is_a_warning(app: App, qtbot: Any, caplog: pytest.LogCaptureFixture) -> None:
    # (A crashed page's process is logged, and the page reloaded: tests/test_faults.py.)
    main = app.window("main")
    with qtbot.waitSignal(main.page.loadFinished, timeout=10_000):
        main.page.load(QUrl("tauri://localhost/missing.html"))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "window 'main': failed to load tauri://localhost/missing.html" in warnings


def test_refused_calls_are_warnings(app: App, qtbot: Any, caplog: pytest.LogCaptureFixture) -> None:
    main = app.window("main")
    with pytest.raises(JsError, match="no_such_command"):
        eval_js(qtbot, main, "api.invoke('no_such_command')")
    with pytest.raises(JsError, match="bad name!"):
        eval_js(qtbot, main, "window.__TAURI__.event.emit('bad name!', 1)")
    refused = [
        r.getMessage()
        for r in caplog.records
        if r.name == "app.bridge.protocol" and r.levelno == logging.WARNING
    ]
    assert any("refused a call: CommandNotFound" in m and "no_such_command" in m for m in refused)
    assert any("refused a call: InvalidEventName" in m for m in refused), refused


# -- the event trace ---------------------------------------------------------------------------


def test_the_trace_names_every_route(
    app: App, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    heard: list[Event] = []

    def on_ping(event: Event) -> None:
        heard.append(event)

    python_id = app.listen_global("ping", on_ping)
    trace_events(app)
    for window in app.windows().values():
        eval_js(qtbot, window, "api.listen('ping', record('traced')).then(() => null)")
    ids = {  # each page's listeners of 'ping': the recorder's own, then the one just added
        label: sorted(x.id for x in app.hub.listeners("ping") if x.page == label)
        for label in app.windows()
    }
    assert [len(of_page) for of_page in ids.values()] == [2, 2]

    eval_js(qtbot, app.window("main"), "api.emit('ping', 1)")
    qtbot.waitUntil(lambda: len(heard) == 1)
    app.emit_to("other", "ping", 2)
    app.emit_all("nobody-listens")
    app.trigger_global("ping", 3)
    wait_js(qtbot, app.window("other"), "tagged('traced').length === 2")

    python = f"python [{python_id} test_the_trace_names_every_route.<locals>.on_ping]"
    shown = {label: ",".join(map(str, of_page)) for label, of_page in ids.items()}
    # Pages are named in the order of their first listener of the event.
    pages = ", ".join(f"{label} [{shown[label]}]" for label in sorted(ids, key=ids.__getitem__))
    other_ids = shown["other"]
    assert messages(caplog, "app.trace") == [
        f"emit 'ping' from window 'main' on the global channel -> {python}; pages {pages}",
        "emit 'ping' from the backend on the channel of window 'other' -> "
        f"pages other [{other_ids}]",
        "emit 'nobody-listens' from the backend on the global channel -> dropped: no listener",
        f"emit 'ping' from the backend on the global channel -> {python}",
    ]


def test_no_trace_unless_asked(app: App, qtbot: Any, caplog: pytest.LogCaptureFixture) -> None:
    assert app.hub.tracer is None
    app.emit_all("ping", 1)
    trace_events(app)
    trace_events(app, enabled=False)
    eval_js(qtbot, app.window("main"), "api.emit('ping', 2)")
    wait_js(qtbot, app.window("other"), "tagged('ping').length === 2")
    assert messages(caplog, "app.trace") == []


def test_a_page_held_event_is_traced_as_kept(
    make_app: Callable[..., App], qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="app.trace")
    built = make_app(page_config("main"), setup=trace_events)
    built.emit_all("early", {"n": 1})  # before the page has loaded: kept for it (spec §7)
    assert messages(caplog, "app.trace") == [
        "emit 'early' from the backend on the global channel -> kept for loading page(s) main"
    ]


def test_a_page_sending_junk_in_a_loop_cannot_flood_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    log_refusal = RefusalLog(loud=3)
    with caplog.at_level(logging.DEBUG, logger="app.bridge.protocol"):
        for n in range(5):
            log_refusal("main", BridgeMessageError(f"junk {n}"))
        log_refusal("other", BridgeMessageError("its own budget"))
    levels = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert levels == [
        ("WARNING", "window 'main': refused a call: BridgeMessageError: junk 0"),
        ("WARNING", "window 'main': refused a call: BridgeMessageError: junk 1"),
        ("WARNING", "window 'main': refused a call: BridgeMessageError: junk 2"),
        ("WARNING", "window 'main': further refused calls are logged at DEBUG"),
        ("DEBUG", "window 'main': refused a call: BridgeMessageError: junk 3"),
        ("DEBUG", "window 'main': refused a call: BridgeMessageError: junk 4"),
        ("WARNING", "window 'other': refused a call: BridgeMessageError: its own budget"),
    ]
