"""Calls made straight into a window's bridge slot, as QWebChannel makes them for its page,
with the answers read from the batches the backend answers with (which the page still gets,
to keep its numbered stream whole: ids far above its own, so they settle none of its calls)."""

from __future__ import annotations

import json
from typing import Any

from app import Window
from app.bridge.protocol import Bridge

_FIRST_CALL = 10**9


def call_directly(window: Window, texts: list[str], sender: str) -> list[dict[str, Any]]:
    """Post ``texts`` as one batch of calls from document ``sender`` (a page token); returns
    their answers in order, each ``{"ok": value}`` or ``{"error": {name, message[, data]}}``."""
    sent: list[str] = []
    bridge = bridge_of(window)
    calls = range(_FIRST_CALL, _FIRST_CALL + len(texts))
    record = sent.append  # one object: the one connected is the one disconnected
    bridge.deliver.connect(record)  # every batch the page gets meanwhile
    try:
        lines = "\n".join(f"{c}\t{t}" for c, t in zip(calls, texts, strict=True))
        reply = bridge.call(sender, lines)
        if reply:
            bridge.deliver.emit(reply)  # the page gets it, as it gets the slot's reply
    finally:
        bridge.deliver.disconnect(record)
    answers: dict[int, dict[str, Any]] = {}
    for batch in sent:
        token, _number, *messages = json.loads(batch)
        assert token == sender
        for message in messages:
            if message["t"] == "result":
                answers[message["call"]] = {k: message[k] for k in ("ok", "error") if k in message}
    return [answers[call] for call in calls]


def bridge_of(window: Window) -> Bridge:
    """The object the window's channel publishes to its page, found as the page finds it."""
    channel = window.page.webChannel()
    assert channel is not None
    bridge = channel.registeredObjects()["bridge"]
    assert isinstance(bridge, Bridge)
    return bridge
