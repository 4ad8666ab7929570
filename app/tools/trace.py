"""The event trace (``python -m app --trace-events``): one log line per routed event, saying who
got it. It goes to the ``app.trace`` logger at INFO, so it can be filtered or captured like any
other log; when the trace is off the router pays one attribute test per emit."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..events.values import Listener

if TYPE_CHECKING:
    from ..app import App

LOGGER_NAME = "app.trace"


class EventTracer:
    """Formats a route as ``emit 'name' from main on window 'main' -> python [3 on_click];
    pages main [7], second [9]`` (or ``-> dropped: no listener``)."""

    def __init__(self, logger: logging.Logger | None = None) -> None:
        self.log = logger or logging.getLogger(LOGGER_NAME)

    def routed(
        self,
        event: str,
        source: str | None,
        channel: str | None,
        pages: Sequence[tuple[str, str]],
        backend: Sequence[Listener],
        held: Sequence[str],
    ) -> None:
        if not self.log.isEnabledFor(logging.INFO):
            return
        origin = "the backend" if source is None else f"window {source!r}"
        where = "the global channel" if channel is None else f"the channel of window {channel!r}"
        parts = []
        if backend:
            parts.append("python " + ", ".join(_describe(listener) for listener in backend))
        if pages:
            parts.append("pages " + ", ".join(f"{label} {ids}" for label, ids in pages))
        if held:
            parts.append("kept for loading page(s) " + ", ".join(held))
        route = "; ".join(parts) if parts else "dropped: no listener"
        self.log.info("emit %r from %s on %s -> %s", event, origin, where, route)


def trace_events(app: App, enabled: bool = True) -> None:
    """Turn the event trace of ``app`` on or off."""
    app.hub.set_tracer(EventTracer() if enabled else None)


def _describe(listener: Listener) -> str:
    handler = listener.handler
    name = getattr(handler, "__qualname__", None) or type(handler).__name__
    return f"[{listener.id} {name}]"
