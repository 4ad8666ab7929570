"""EventHub: the thread hop, synchronous and queued triggers, call-site errors (no browser)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest

from app import AppClosed, InvalidEventName, InvalidWindowLabel, PayloadTooLarge, WindowNotFound
from app.bridge.hub import MAX_INCOMING, EventHub
from app.events.values import Event

THREADS = 8
EMITS_PER_THREAD = 10_000


@pytest.fixture
def hub(qtbot: Any) -> EventHub:
    sent: list[tuple[str, str]] = []
    hub = EventHub(ready_grace_ms=0)
    hub.add_window("main")
    hub.connect_window("main", lambda batch: sent.append(("main", batch)))
    hub.sent = sent  # type: ignore[attr-defined]
    return hub


def trigger(hub: EventHub, event: str, payload: object = None, window: str | None = None) -> None:
    hub.publish(event, payload, window=window, to_backend=True, to_frontend=False)


def test_trigger_on_the_gui_thread_calls_listeners_before_it_returns(hub: EventHub) -> None:
    heard: list[Event] = []
    hub.listen("e", heard.append)
    trigger(hub, "e", {"a": 1})
    assert [event.payload for event in heard] == [{"a": 1}]


def test_trigger_from_a_listener_runs_after_the_current_dispatch(hub: EventHub) -> None:
    order: list[str] = []

    def first(_event: Event) -> None:
        order.append("first:start")
        trigger(hub, "nested")
        order.append("first:end")

    hub.listen("e", first)
    hub.listen("e", lambda _e: order.append("second"))
    hub.listen("nested", lambda _e: order.append("nested"))
    trigger(hub, "e")
    assert order == ["first:start", "first:end", "second", "nested"]


def test_trigger_from_another_thread_runs_listeners_on_the_gui_thread(
    hub: EventHub, qtbot: Any
) -> None:
    gui_thread = threading.get_ident()
    threads: list[int] = []
    hub.listen("e", lambda _e: threads.append(threading.get_ident()))
    worker = threading.Thread(target=trigger, args=(hub, "e"))
    worker.start()
    worker.join()
    assert threads == []  # queued, not run on the worker
    qtbot.waitUntil(lambda: threads == [gui_thread])


def test_eight_threads_of_ten_thousand_emits_arrive_complete_and_in_order(
    hub: EventHub, qtbot: Any
) -> None:
    heard: list[tuple[int, int]] = []
    hub.listen("count", lambda event: heard.append(tuple(event.payload)))

    def emitter(thread: int) -> None:
        for seq in range(EMITS_PER_THREAD):
            trigger(hub, "count", (thread, seq))

    workers = [threading.Thread(target=emitter, args=(n,)) for n in range(THREADS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    qtbot.waitUntil(lambda: len(heard) == THREADS * EMITS_PER_THREAD, timeout=30_000)
    for thread in range(THREADS):
        assert [seq for t, seq in heard if t == thread] == list(range(EMITS_PER_THREAD))


def test_errors_are_raised_at_the_call_site_even_from_other_threads(hub: EventHub) -> None:
    hub.max_payload_bytes = 100
    raised: list[BaseException] = []

    def bad_calls() -> None:
        calls: list[Callable[[], None]] = [
            lambda: trigger(hub, "bad name"),
            lambda: trigger(hub, "e", {1, 2}),
            lambda: trigger(hub, "e", float("nan")),
            lambda: trigger(hub, "e", "x" * 200),
            lambda: trigger(hub, "e", window="no-such-window"),
            lambda: trigger(hub, "e", window="bad label"),
        ]
        for call in calls:
            try:
                call()
            except Exception as error:
                raised.append(error)

    worker = threading.Thread(target=bad_calls)
    worker.start()
    worker.join()
    assert [type(error) for error in raised] == [
        InvalidEventName,
        TypeError,
        ValueError,
        PayloadTooLarge,
        WindowNotFound,
        InvalidWindowLabel,
    ]


def test_listen_checks_its_arguments(hub: EventHub) -> None:
    with pytest.raises(InvalidEventName):
        hub.listen("a b", print)
    with pytest.raises(InvalidWindowLabel):
        hub.listen("e", print, window="")
    with pytest.raises(TypeError, match="callable"):
        hub.listen("e", "not a function")  # type: ignore[arg-type]
    assert hub.listener_count() == 0


def test_a_raising_listener_reaches_the_error_hook_and_the_log(
    hub: EventHub, caplog: pytest.LogCaptureFixture
) -> None:
    hooked: list[tuple[BaseException, str]] = []
    hub.error_hook = lambda error, where: hooked.append((error, where))
    listener_id = hub.listen("e", lambda _e: {"present": 1}["missing"])
    heard: list[Event] = []
    hub.listen("e", heard.append)
    trigger(hub, "e")
    assert len(heard) == 1
    ((error, where),) = hooked
    assert isinstance(error, KeyError)
    assert f"listener {listener_id}" in where
    assert "Traceback" in caplog.text


def test_frontend_deliveries_leave_as_one_batch_at_the_end_of_the_turn(
    hub: EventHub, qtbot: Any
) -> None:
    hub.check_page("main", "token")
    hub.page_loaded("main")
    qtbot.waitUntil(lambda: hub.is_ready("main"))
    hub.listen_from_page("main", "e", None)
    hub.flush()
    hub.sent.clear()  # type: ignore[attr-defined]
    for index in range(5):
        hub.publish("e", index, to_backend=False, to_frontend=True)
    assert hub.sent == []  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(hub.sent) == 1)  # type: ignore[attr-defined]
    ((label, batch),) = hub.sent  # type: ignore[attr-defined]
    assert label == "main"
    assert json.loads(batch) == [
        "token",  # the document it is for
        2,  # its second batch (the window list went first)
        {"t": "event", "event": "e", "source": None, "ids": [1], "payloads": [0, 1, 2, 3, 4]},
    ]


def test_a_thread_emitting_faster_than_the_gui_thread_routes_waits_for_room(
    hub: EventHub, qtbot: Any
) -> None:
    heard: list[int] = []
    hub.listen("e", lambda event: heard.append(event.payload))
    total = MAX_INCOMING * 3
    queued_at_most = 0

    def emitter() -> None:
        nonlocal queued_at_most
        for n in range(total):
            trigger(hub, "e", n)
            queued_at_most = max(queued_at_most, len(hub._incoming))

    thread = threading.Thread(target=emitter)
    thread.start()
    qtbot.waitUntil(lambda: len(heard) == total, timeout=30_000)
    thread.join()
    assert heard == list(range(total))
    assert queued_at_most <= MAX_INCOMING  # it waited whenever the queue was full


def test_a_gui_thread_joining_an_emitting_thread_does_not_deadlock(
    hub: EventHub, qtbot: Any
) -> None:
    heard: list[int] = []
    hub.listen("e", lambda event: heard.append(event.payload))
    total = MAX_INCOMING * 2

    def emitter() -> None:
        for n in range(total):
            trigger(hub, "e", n)

    thread = threading.Thread(target=emitter)
    thread.start()
    thread.join(timeout=20)  # the GUI thread routes nothing meanwhile
    assert not thread.is_alive()
    qtbot.waitUntil(lambda: len(heard) == total)
    assert heard == list(range(total))


def test_closing_the_hub_releases_a_waiting_emitter_with_app_closed(
    hub: EventHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome: list[BaseException] = []

    def emitter() -> None:
        try:
            while True:
                trigger(hub, "e", 1)
        except AppClosed as error:
            outcome.append(error)

    # Wait for the emitter to meet the bound without running Qt's loop (which would drain the
    # queue): a blocking wait on an event the emitter sets as it starts waiting for room.
    waiting = threading.Event()
    wait_for_room = hub._wait_for_room

    def wait_noted() -> None:
        waiting.set()
        wait_for_room()

    monkeypatch.setattr(hub, "_wait_for_room", wait_noted)
    thread = threading.Thread(target=emitter, daemon=True)  # a failure must not hang the run
    thread.start()
    assert waiting.wait(timeout=30)
    hub.close()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert [type(error) for error in outcome] == [AppClosed]
