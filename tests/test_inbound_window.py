"""The window of calls in flight with real pages (app/bridge/inbound.py, spec 15.5): the API
keeps several calls in flight and its calls reach Python in the order it made them, through
busy replies; a page past the API cannot have more than the window admitted, nor replay or
forge a permit."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QEventLoop, QTimer

from app import App, command
from app.bridge.inbound import WINDOW
from tests.conftest import page_config
from tests.js import eval_js, wait_loaded

pytestmark = pytest.mark.webengine

EVENTS = 3000


def test_the_api_keeps_its_order_through_busy_replies_with_calls_in_flight(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    """A budget of 500 calls a second against 3,000 emits made 10 a task: the page has
    several calls in flight when one is refused as busy, the ones behind it come back stale
    and are sent again after it, and Python hears every emit once, in the order made."""
    app = make_app(page_config("main", pageCallsPerSecond=500))
    wait_loaded(qtbot, app)
    main = app.window("main")
    heard: list[int] = []
    app.listen_global("seq", lambda event: heard.append(event.payload))
    gate = app.page_requests.gate
    script = f"""new Promise((resolve) => {{
        const emits = [];
        let next = 0;
        const tick = () => {{
            for (let i = 0; i < 10 && next < {EVENTS}; i += 1) {{
                emits.push(window.__TAURI__.event.emit('seq', next++));
            }}
            if (next < {EVENTS}) setTimeout(tick, 0);
            else Promise.all(emits).then(() => resolve(emits.length));
        }};
        tick();
    }})"""
    assert eval_js(qtbot, main, script, timeout=60_000) == EVENTS
    assert heard == list(range(EVENTS))
    assert gate.stale_calls > 0  # a busy reply came with calls behind it in flight
    assert not main.is_cut_off


def test_a_raw_page_cannot_have_more_than_its_window_admitted_nor_replay_or_forge(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    """Past the API, holding the window of permits its channel was handed: one call with
    each is served, all sent at once; a call with a spent permit, or a forged one, sent
    before any reply, is refused unread and never heard."""
    app = make_app(page_config({"label": "raw", "url": "flood.html"}))
    raw = app.window("raw")
    qtbot.waitUntil(lambda: eval_js(qtbot, raw, "Boolean(window.flood)", connected=False))
    heard: dict[str, list[Any]] = {"window": [], "replayed": [], "forged": []}
    app.listen_global("window", lambda event: heard["window"].append(event.payload))
    app.listen_global("replayed", lambda event: heard["replayed"].append(event.payload))
    app.listen_global("forged", lambda event: heard["forged"].append(event.payload))
    gate = app.page_requests.gate
    token = eval_js(qtbot, raw, "window.__QTAURI__.token", connected=False)
    result: dict[str, Any] = eval_js(
        qtbot, raw, f"window.rawWindow({json.dumps(token)})", connected=False, timeout=30_000
    )
    assert result["window"] == WINDOW
    assert result["replies"] == [{"event": "window", "served": True}] * WINDOW + [
        {"event": "replayed", "served": False},
        {"event": "forged", "served": False},
    ]
    assert heard == {"window": list(range(WINDOW)), "replayed": [], "forged": []}
    assert gate.admitted_calls >= WINDOW
    assert not raw.is_cut_off  # two strikes, below the limit


def test_a_call_that_runs_a_nested_event_loop_runs_once_with_calls_behind_it(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    """A command that runs a nested event loop (as a modal dialog does) while the page goes on
    emitting, several calls in flight: the command runs once and is answered, and the emits
    reach Python after it, all, in order. (Here QWebChannel hands the page's later calls to
    Python only once the command returns; should they come inside the loop, they are refused
    busy and the API sends them again, never the command's own: tests/js_unit, "a window of
    calls".)"""
    ran: list[str] = []
    heard: list[int] = []

    @command
    def modal() -> str:
        ran.append("modal")
        loop = QEventLoop()
        QTimer.singleShot(300, loop.quit)
        loop.exec()  # the page emits meanwhile
        ran.append("modal done")
        return "closed"

    app = make_app(page_config("main"), commands=(modal,))
    wait_loaded(qtbot, app)
    main = app.window("main")
    app.listen_global("after", lambda event: heard.append(event.payload))
    script = """new Promise((resolve) => {
        const answer = window.__TAURI__.invoke('modal');
        const emits = [];
        let next = 0;
        const tick = () => {
            emits.push(window.__TAURI__.event.emit('after', next++));
            if (next < 20) setTimeout(tick, 5);
            else Promise.all([answer, ...emits]).then(([closed]) => resolve(closed));
        };
        setTimeout(tick, 0);
    })"""
    assert eval_js(qtbot, main, script, timeout=20_000) == "closed"
    qtbot.waitUntil(lambda: len(heard) == 20)
    assert ran == ["modal", "modal done"]
    assert heard == list(range(20))
