"""Flow control: a page that stops taking deliveries makes the backend wait, then drop (counted
and reported), and never fills memory; the app stays responsive and the page recovers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from app import App
from app.events import pages
from app.events.pages import PageState
from tests.conftest import page_config
from tests.js import eval_js, wait_js, wait_loaded
from tests.router_harness import RouterHarness

HEAD = '{"t":"event","event":"e","source":null,"ids":[1],"payloads":['


def test_a_page_is_sent_only_so_much_it_has_not_acknowledged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pages, "MAX_IN_FLIGHT_BATCHES", 3)
    monkeypatch.setattr(pages, "MAX_WAITING_EVENTS", 5)
    page = PageState("main")
    page.adopt("doc")
    for n in range(3):
        page.queue_event(HEAD, str(n))
        assert page.take_batch() is not None
    assert page.stalled
    for n in range(3, 10):
        page.queue_event(HEAD, str(n))
        assert page.take_batch() is None  # waits for the page
    assert (page.pending, page.dropped) == (5, 2)  # 3..7 wait, 8 and 9 were dropped
    page.acked(1)
    assert not page.stalled
    batch = json.loads(page.take_batch() or "")
    assert batch == [
        "doc",
        4,
        {"t": "event", "event": "e", "source": None, "ids": [1], "payloads": [3, 4, 5, 6, 7]},
        {"t": "dropped", "count": 2},
    ]
    assert page.dropped == 0
    page.acked(99)  # more than was sent: harmless
    page.queue_event(HEAD, "10")
    assert json.loads(page.take_batch() or "")[2]["payloads"] == [10]


def test_a_calls_reply_is_not_counted_for_flow_control(monkeypatch: pytest.MonkeyPatch) -> None:
    # The page takes a reply as it goes on calling, and does not acknowledge it (core.js).
    monkeypatch.setattr(pages, "MAX_IN_FLIGHT_BATCHES", 1)
    page = PageState("main")
    page.adopt("doc")
    for n in range(3):
        page.queue(f'{{"t":"result","call":{n},"ok":null}}')
        assert page.take_reply_batch() is not None
    assert (page.in_flight_chars, page.stalled) == (0, False)
    page.queue_event(HEAD, "1")
    assert page.take_batch() is not None  # a delivery is counted
    assert page.stalled


def test_a_reload_forgets_what_the_old_document_did_not_acknowledge(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pages, "MAX_IN_FLIGHT_BATCHES", 1)
    page = PageState("main")
    page.adopt("doc")
    page.queue_event(HEAD, "1")
    assert page.take_batch() is not None
    assert page.stalled
    page.start_load()
    assert not page.stalled


@pytest.mark.webengine
def test_a_busy_page_makes_the_backend_wait_then_drop_and_it_recovers(
    make_app: Callable[..., App],
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Small bounds, still above what a page handles between two acks (8 batches or 1 MiB).
    monkeypatch.setattr(pages, "MAX_IN_FLIGHT_CHARS", 2 * 1024 * 1024)
    monkeypatch.setattr(pages, "MAX_WAITING_CHARS", 4 * 1024 * 1024)
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    warnings: list[str] = []
    main.page.console_message.connect(
        lambda level, message: warnings.append(message) if level == "warning" else None
    )
    eval_js(qtbot, main, "window.api.listen('data', window.record('data'))")
    sent = 0
    ticks_while_stalled = 0
    most_waiting = 0

    def emit_some() -> None:
        nonlocal sent, ticks_while_stalled, most_waiting
        ticks_while_stalled += app.hub.flow("main").stalled
        for _ in range(20):
            app.emit_all("data", {"n": sent, "fill": "x" * 10_000})
            sent += 1
        most_waiting = max(most_waiting, app.hub.flow("main").waiting_chars)

    timer = QTimer()
    timer.timeout.connect(emit_some)
    # The page stays busy for 3 s from its next task: it takes no deliveries meanwhile.
    eval_js(
        qtbot,
        main,
        "(setTimeout(() => { const end = performance.now() + 3000;"
        " while (performance.now() < end) {} }, 0), 1)",
    )
    timer.start(0)
    qtbot.waitUntil(lambda: app.hub.flow("main").dropped > 0, timeout=10_000)
    timer.stop()
    assert ticks_while_stalled >= 2  # the GUI thread went on while the page was stuck
    assert most_waiting <= 4 * 1024 * 1024 + 10_100  # bounded: at most one event over it
    # Busy no more: what waited arrives, in order, then the notice of what was dropped.
    qtbot.waitUntil(lambda: any("events were dropped" in w for w in warnings), timeout=15_000)
    received = eval_js(qtbot, main, "window.tagged('data').map((e) => e.payload.n)")
    assert received == list(range(len(received)))
    dropped = sent - len(received)
    assert dropped > 0
    assert f"{dropped} events were dropped: this page did not keep up" in " ".join(warnings)
    assert f"{dropped} events were dropped for it" in caplog.text
    app.emit_all("data", {"n": sent, "fill": ""})  # and the page is served again
    wait_js(qtbot, main, f"window.tagged('data').at(-1).payload.n === {sent}")


@pytest.mark.webengine
def test_a_long_burst_from_the_gui_thread_reaches_a_healthy_page_whole(
    make_app: Callable[..., App], qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The page cannot acknowledge while the loop below holds the GUI thread: what does not fit
    # in flight waits, and the page gets all of it, in order, once the loop returns.
    monkeypatch.setattr(pages, "MAX_IN_FLIGHT_BATCHES", 16)  # reached sooner, same rules
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    eval_js(
        qtbot,
        main,
        "(window.burst = {next: 0, disorder: 0},"
        " window.api.listen('burst', (e) => { if (e.payload !== burst.next) burst.disorder++;"
        " burst.next++; }))",
    )
    total = 300_000
    for n in range(total):
        main.emit("burst", n)
    assert app.hub.flow("main").stalled  # more than could go at once
    wait_js(qtbot, main, f"window.burst.next === {total}", timeout=60_000)
    assert eval_js(qtbot, main, "window.burst.disorder") == 0
    assert app.hub.flow("main").dropped == 0


def test_only_the_current_documents_acks_count(monkeypatch: pytest.MonkeyPatch) -> None:
    harness = RouterHarness(("A",))
    harness.router.acked("A", "token-A", 1)  # the window list sent on opening
    monkeypatch.setattr(pages, "MAX_IN_FLIGHT_BATCHES", 1)
    harness.js("A", "e")
    harness.emit("e", 1, backend=False)
    assert harness.router.take_batch("A") is not None
    assert harness.router.flow("A").stalled
    assert not harness.router.acked("A", "someone else", 1)
    assert harness.router.flow("A").stalled
    assert not harness.router.acked("nobody", "token-A", 1)
    harness.emit("e", 2, backend=False)
    assert harness.router.acked("A", "token-A", 1)  # room again, and something waits
    assert not harness.router.flow("A").stalled
