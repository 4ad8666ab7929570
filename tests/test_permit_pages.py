"""The permits of inbound flow control with real pages: each document is handed its own as
its channel connects, and the permits of the document it replaced lapse with it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from app import App
from tests.conftest import page_config
from tests.direct import bridge_of
from tests.js import eval_js, wait_js, wait_loaded

pytestmark = pytest.mark.webengine


def test_a_reloaded_page_is_served_with_its_own_permit_and_the_old_one_lapses(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    gate = app.page_requests.gate
    heard: list[object] = []
    app.listen_global("late", lambda event: heard.append(event.payload))
    old_token = eval_js(qtbot, main, "window.__QTAURI__.token")
    old_permits = set(gate._buckets["main"].permits)  # those the old document's API holds
    assert len(old_permits) == gate.budget.window
    with qtbot.waitSignal(main.page.loadFinished, timeout=10_000):
        main.reload()
    wait_js(qtbot, main, "window.recorderReady")
    new_token = eval_js(qtbot, main, "window.__QTAURI__.token")
    assert new_token != old_token
    assert not gate._buckets["main"].permits & old_permits
    refused_before = gate.refused_messages
    # Late calls of the old document, with its permits: refused unread, no permit handed out.
    line = "1\t" + json.dumps({"kind": "emit", "event": "late", "payload": "1"})
    for old_permit in old_permits:
        assert bridge_of(main).call(old_token, old_permit, line) == ""
    assert gate.refused_messages == refused_before + len(old_permits)
    assert heard == []
    # The new document is served with the permit its channel was handed, call after call.
    for n in range(3):
        eval_js(qtbot, main, f"window.__TAURI__.event.emit('late', {n})")
    assert heard == [0, 1, 2]
    assert not main.is_cut_off
