"""Findings of review turned into tests: hostile pages, failing hooks, closed windows reused,
memory bounds, and the public once APIs."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl

from app import App, Event, WindowNotFound
from app.bridge.hub import EventHub
from app.events.pages import MAX_HELD_EVENTS
from app.events.router import URGENT_BATCH_MESSAGES
from tests.conftest import page_config
from tests.js import JsError, eval_js, wait_js, wait_loaded
from tests.router_harness import RouterHarness
from tests.sites import foreign_site


@pytest.mark.webengine
def test_a_page_from_another_origin_is_refused_every_call(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    def secret() -> str:
        return "secret"

    app = make_app(page_config("main"), commands=(secret,))
    wait_loaded(qtbot, app)
    main = app.window("main")
    heard: list[Event] = []
    app.listen_global("e", heard.append)
    with foreign_site() as url, qtbot.waitSignal(main.page.loadFinished):
        main.page.load(QUrl(url))
    for call in ("window.__TAURI__.event.emit('e', 1)", "window.__TAURI__.invoke('secret')"):
        with pytest.raises(JsError) as error:
            eval_js(qtbot, main, call, connected=False)
        assert error.value.name == "UntrustedPage"
        assert "may not use the app's API; only pages of tauri://localhost may" in (
            error.value.message
        )
        assert "http://127.0.0.1:" in error.value.message
    batched = eval_js(  # two calls in one task travel as one batch: both refused
        qtbot,
        main,
        "Promise.allSettled([window.__TAURI__.event.emit('e', 1),"
        " window.__TAURI__.event.listen('e', () => {})]).then((r) => r.map((x) => x.reason.name))",
        connected=False,
    )
    assert batched == ["UntrustedPage", "UntrustedPage"]
    assert heard == []
    assert app.listener_count() == 1


def trigger_from_thread(hub: EventHub, payloads: list[object]) -> None:
    for payload in payloads:
        hub.publish("e", payload, to_backend=True, to_frontend=False)


def test_a_raising_error_hook_is_logged_and_routing_goes_on(
    qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    hub = EventHub()

    def bad_hook(_error: BaseException, _where: str) -> None:
        raise RuntimeError("the hook itself failed")

    hub.error_hook = bad_hook
    hub.listen("e", lambda _e: 1 / 0)
    heard: list[Event] = []
    hub.listen("e", heard.append)
    worker = threading.Thread(target=trigger_from_thread, args=(hub, [0, 1, 2]))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(heard) == 3)
    assert "the error hook raised" in caplog.text


def test_a_base_exception_in_a_listener_does_not_stall_later_emits_from_threads(
    qtbot: Any,
) -> None:
    hub = EventHub()
    heard: list[object] = []

    def listener(event: Event) -> None:
        heard.append(event.payload)
        if event.payload == "stop":
            raise KeyboardInterrupt  # as Ctrl+C inside a listener would

    hub.listen("e", listener)
    with qtbot.capture_exceptions() as raised:
        worker = threading.Thread(
            target=trigger_from_thread, args=(hub, ["stop", "after-1", "after-2"])
        )
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: heard == ["stop", "after-1", "after-2"])
    assert [type(error) for _kind, error, _trace in raised] == [KeyboardInterrupt]


@pytest.mark.webengine
def test_an_old_window_object_cannot_emit_into_a_new_window_with_its_label(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config("main", "s"))
    wait_loaded(qtbot, app)
    old = app.window("s")
    old.close()
    new = app.create_window("s", url="recorder.html")
    wait_js(qtbot, new, "window.recorderReady")
    for call in (old.emit, old.trigger, old.emit_and_trigger):
        with pytest.raises(WindowNotFound, match="'s' is closed"):
            call("e", 1)


@pytest.mark.webengine
def test_once_global_and_window_once_fire_once(make_app: Callable[..., App], qtbot: Any) -> None:
    app = make_app(page_config("main"))
    main = app.window("main")
    global_heard: list[Event] = []
    window_heard: list[Event] = []
    app.once_global("e", global_heard.append)
    main.once("e", window_heard.append)
    for n in range(3):
        main.trigger("e", n)
    assert [e.payload for e in global_heard] == [0]
    assert [e.payload for e in window_heard] == [0]
    assert app.listener_count("e") == 0


def test_kept_events_are_bounded_and_the_drop_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    harness = RouterHarness(ready=False)
    for n in range(MAX_HELD_EVENTS + 5):
        harness.emit("e", n, backend=False)
    listener = harness.js("A", "e")
    payloads = [m["payload"] for m in harness.deliveries()["A"] if m["ids"] == [listener]]
    assert payloads == list(range(5, MAX_HELD_EVENTS + 5))  # the oldest went
    assert caplog.text.count("dropping the oldest") == 2  # once per page, not per event


def test_a_full_batch_leaves_at_once_without_waiting_for_the_turn(qtbot: Any) -> None:
    sent: list[tuple[str, str]] = []
    hub = EventHub(ready_grace_ms=0)
    hub.add_window("main")
    hub.connect_window("main", lambda batch: sent.append(("main", batch)))
    hub.check_page("main", "token")
    hub.page_loaded("main")
    qtbot.waitUntil(lambda: hub.is_ready("main"))
    hub.listen_from_page("main", "e", None)
    hub.flush()
    sent.clear()
    for n in range(URGENT_BATCH_MESSAGES):
        hub.publish("e", n, to_backend=False, to_frontend=True)
    assert len(sent) == 1  # before the event loop ran
    (token, _number, message) = json.loads(sent[0][1])
    assert token == "token"
    assert message["payloads"] == list(range(URGENT_BATCH_MESSAGES))


@pytest.mark.webengine
def test_many_emits_from_one_page_arrive_everywhere_in_order(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config("main", "other"))
    wait_loaded(qtbot, app)
    heard: list[int] = []
    app.listen_global("n", lambda event: heard.append(event.payload))
    eval_js(qtbot, app.window("other"), "api.listen('n', record('n'))")
    eval_js(
        qtbot,
        app.window("main"),
        "Promise.all(Array.from({length: 2000}, (_, i) => api.emit('n', i)))",
        timeout=20_000,
    )
    assert heard == list(range(2000))
    wait_js(qtbot, app.window("other"), "tagged('n').length === 2000", timeout=10_000)
    assert eval_js(qtbot, app.window("other"), "tagged('n').map((e) => e.payload)") == list(
        range(2000)
    )


@pytest.mark.webengine
def test_more_tauri_window_options(make_app: Callable[..., App], qtbot: Any) -> None:
    app = make_app(page_config("main"))
    plain = app.create_window(
        "plain", decorations=False, minWidth=200, minHeight=100, maxWidth=900, maxHeight=700
    )
    assert plain.webview.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert (plain.webview.minimumWidth(), plain.webview.maximumHeight()) == (200, 700)
    assert app.create_window("big", maximized=True).is_maximized()
    assert app.create_window("full", fullscreen=True).webview.isFullScreen()
