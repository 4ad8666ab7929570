"""How the router cuts a page's stream into batches by size (docs/performance.md, "The outbound
stream"): a batch never grows past ``URGENT_BATCH_CHARS`` unless one message alone is larger,
what waited goes before the message that would overflow it, and nothing is reordered or lost.
Pure Python: a router whose ``send_now`` takes the batch as the hub does."""

from __future__ import annotations

import json
from typing import Any

from app.events.registry import ListenerRegistry
from app.events.router import URGENT_BATCH_CHARS, URGENT_BATCH_MESSAGES, Router
from app.events.values import Emission

# A batch's own characters besides its messages' payloads: the token, its number, a message
# head per group of events.
_FRAMING = 200


class SendingRouter:
    """A router with one connected, ready page "A"; ``sent`` holds the batches it sent, in
    order, the urgent ones as they went and the rest when ``end_turn()`` flushes."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.router = Router(
            ListenerRegistry(),
            send_now=self._send_now,
            flush_soon=lambda: None,
            on_listener_error=lambda error, _listener, _emission: None,
        )
        self.router.open_window("A")
        self.router.check_page("A", "token-A")
        self.router.page_ready("A")
        self.router.take_batches()  # the window list of opening
        self.router.listen_from_page("A", "e", None)

    def _send_now(self, label: str) -> None:
        batch = self.router.take_batch(label)
        if batch is not None:
            self.sent.append(batch)

    def emit(self, payload: Any) -> None:
        self.router.route_to_pages("e", None, json.dumps(payload))

    def emit_from_window(self, payload: Any) -> None:
        """An emit with a source (a page's), which takes the router's other path."""
        text = json.dumps(payload)
        self.router.route(Emission("e", None, "A", text, to_backend=False, to_frontend=True))

    def end_turn(self) -> None:
        self.sent.extend(batch for _, batch in self.router.take_batches())

    def payloads(self) -> list[Any]:
        """Every event payload sent, in the order the page would run them."""
        return [
            payload
            for batch in self.sent
            for message in json.loads(batch)[2:]
            if message["t"] == "event"
            for payload in message["payloads"]
        ]


def test_large_events_are_cut_into_batches_within_the_limit_in_order() -> None:
    stream = SendingRouter()
    expected = [f"{n:05d}" + "x" * 10_000 for n in range(60)]  # 10 KB events, one turn
    for payload in expected:
        stream.emit(payload)
    stream.end_turn()
    assert stream.payloads() == expected
    assert len(stream.sent) > 1
    assert all(len(batch) <= URGENT_BATCH_CHARS + _FRAMING for batch in stream.sent)
    # and each batch was filled: it went only when the next event would not fit
    sizes = [len(batch) for batch in stream.sent[:-1]]
    assert all(size > URGENT_BATCH_CHARS - 10_100 for size in sizes)
    numbers = [json.loads(batch)[1] for batch in stream.sent]
    assert numbers == list(range(numbers[0], numbers[0] + len(stream.sent)))  # no gap


def test_an_event_over_the_limit_goes_alone_after_what_waited_and_before_what_follows() -> None:
    for emit in ("emit", "emit_from_window"):
        stream = SendingRouter()
        big = "y" * (URGENT_BATCH_CHARS + 1)
        expected: list[Any] = [1, 2, big, 3, {"n": 4}]
        for payload in expected:
            getattr(stream, emit)(payload)
        stream.end_turn()
        assert stream.payloads() == expected
        assert [[m["payloads"] for m in json.loads(batch)[2:]] for batch in stream.sent] == [
            [[1, 2]],
            [[big]],
            [[3, {"n": 4}]],
        ], emit


def test_lists_of_small_objects_and_small_events_interleaved_keep_their_order() -> None:
    stream = SendingRouter()
    rows = [{"id": n, "name": f"item {n}", "done": n % 2 == 0} for n in range(300)]
    expected: list[Any] = []
    for n in range(40):
        expected += [n, rows, "z" * (n * 500)]
    for payload in expected:
        stream.emit(payload)
    stream.end_turn()
    assert stream.payloads() == expected
    assert all(len(batch) <= URGENT_BATCH_CHARS + _FRAMING for batch in stream.sent)


def test_whole_messages_respect_the_limit_too() -> None:
    """A command's results and channel messages are queued whole; they cut batches alike."""
    stream = SendingRouter()
    results = [
        json.dumps({"t": "result", "call": n, "ok": "r" * 20_000}, separators=(",", ":"))
        for n in range(10)
    ]
    for message in results:
        assert stream.router.queue_message("A", "token-A", message)
    stream.end_turn()
    calls = [m["call"] for batch in stream.sent for m in json.loads(batch)[2:]]
    assert calls == list(range(10))
    assert len(stream.sent) > 1
    assert all(len(batch) <= URGENT_BATCH_CHARS + _FRAMING for batch in stream.sent)


def test_small_events_still_fill_a_batch_by_count() -> None:
    """The size limit leaves batches of small events as large as before (the 50 B figures)."""
    stream = SendingRouter()
    payload = {"seq": 123456, "pad": "x" * 30}
    for _ in range(URGENT_BATCH_MESSAGES * 3):
        stream.emit(payload)
    stream.end_turn()
    counts = [sum(len(m["payloads"]) for m in json.loads(batch)[2:]) for batch in stream.sent]
    assert counts == [URGENT_BATCH_MESSAGES] * 3
