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
        batch = call_raw(window, sender, lines)
        if batch:
            bridge.deliver.emit(batch)  # the page gets it, as it gets the slot's reply
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


def call_raw(window: Window, sender: str, lines: str) -> str:
    """Call the window's bridge slot with ``lines`` from document ``sender``, in its page's
    stead: with one of the permits its API holds, all of which are put back after, since the
    page's own next calls carry them (app/bridge/inbound.py). Returns the reply without its
    next permit."""
    bucket = window._services.gate._buckets[window.label]
    held = set(bucket.permits)
    try:
        reply = bridge_of(window).call(sender, next(iter(held)), lines)
    finally:
        bucket.permits = held
    permit, _, rest = reply.partition(" ")
    assert permit, f"the call was refused unread: {reply!r}"
    return rest


def bridge_of(window: Window) -> Bridge:
    """The object the window's channel publishes to its page, found as the page finds it."""
    channel = window.page.webChannel()
    assert channel is not None
    bridge = channel.registeredObjects()["bridge"]
    assert isinstance(bridge, Bridge)
    return bridge
