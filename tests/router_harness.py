"""A router with two fake pages, for routing tests that need no browser."""

from __future__ import annotations

import json
from typing import Any

from app.events.registry import ListenerRegistry
from app.events.router import Router
from app.events.values import Emission, Event, Listener


class RouterHarness:
    def __init__(
        self, labels: tuple[str, ...] = ("A", "B"), *, ready: bool = True, connect: bool = True
    ) -> None:
        self.registry = ListenerRegistry()
        self.errors: list[tuple[BaseException, Listener]] = []
        self.urgent: list[str] = []
        self.router = Router(
            self.registry,
            send_now=self.urgent.append,
            flush_soon=lambda: None,
            on_listener_error=lambda error, listener, _emission: self.errors.append(
                (error, listener)
            ),
        )
        for label in labels:
            self.router.open_window(label)
            if not connect:
                continue
            self.router.check_page(label, f"token-{label}")
            if ready:
                self.router.page_ready(label)
        self.router.take_batches()  # the window-list updates of opening

    def py(
        self, event: str, *, window: str | None = None, once: bool = False
    ) -> tuple[int, list[Event]]:
        """A Python listener that records what it hears; returns (id, heard)."""
        heard: list[Event] = []
        listener = self.registry.add(
            event, page=None, window=window, handler=heard.append, once=once
        )
        return listener.id, heard

    def js(self, page: str, event: str, *, window: str | None = None) -> int:
        """A page listener, as the bridge registers it; returns its id."""
        return self.router.listen_from_page(page, event, window)

    def emit(
        self,
        event: str,
        payload: Any = None,
        *,
        channel: str | None = None,
        source: str | None = None,
        backend: bool = True,
        frontend: bool = True,
    ) -> None:
        text = json.dumps(payload)
        self.router.route(
            Emission(event, channel, source, text, to_backend=backend, to_frontend=frontend)
        )

    def deliveries(self) -> dict[str, list[dict[str, Any]]]:
        """What each page would receive now, one decoded message per event (a message with
        several payloads is shown as one per payload); empties the outboxes."""
        return {
            label: [single for message in json.loads(batch)[2:] for single in _per_event(message)]
            for label, batch in self.router.take_batches()
        }

    def delivered_ids(self) -> dict[str, list[int]]:
        return {
            label: [i for message in messages if message["t"] == "event" for i in message["ids"]]
            for label, messages in self.deliveries().items()
        }


def _per_event(message: dict[str, Any]) -> list[dict[str, Any]]:
    if message["t"] != "event":
        return [message]
    common = {key: value for key, value in message.items() if key != "payloads"}
    return [{**common, "payload": payload} for payload in message["payloads"]]
