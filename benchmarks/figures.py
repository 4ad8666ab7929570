"""The figures of the benchmark, each measured the same way on a side (raw or project)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any, Protocol

from .harness import Reports, payload_of, settle, tree_memory, wait_until


class Side(Protocol):
    name: str
    reports: Reports

    def open(self, count: int) -> None: ...
    def js(self, index: int, code: str) -> None: ...
    def listeners(self, count: int, how: str = ...) -> None: ...
    def send(self, payload: Any, count: int) -> None: ...  # str, list; bytes: project
    def send_values(self, make: Callable[[int], object], count: int, path: str = ...) -> None: ...
    def reported_back(self) -> int: ...
    def received(self) -> int: ...
    def close(self) -> None: ...


def arm(side: Side, windows: int, deliveries: int) -> None:
    """Tell each page how many deliveries to count, and wait until they know."""
    with side.reports.expect("armed", windows):
        for index in range(windows):
            side.js(index, f"bench.expect({deliveries}); bench.report('armed', 1)")


def python_to_js(side: Side, size: int, count: int, listeners: int = 1, windows: int = 1) -> float:
    """Events per second into each window: Python sends ``count`` events of ``size`` bytes."""
    arm(side, windows, count * listeners)
    payload = payload_of(size)
    start = time.perf_counter()
    with side.reports.expect("done", windows):
        side.send(payload, count)
    return count / (time.perf_counter() - start)


def python_to_js_rows(side: Side, size: int, count: int) -> float:
    """``python_to_js`` with a list of small objects of about ``size`` bytes of JSON for a
    payload (``payloads.rows_of``): the project emits the list, the raw side ``json.dumps``
    it, each once per event, as an app sending a table does."""
    from .payloads import rows_of

    arm(side, 1, count)
    rows = rows_of(size)
    start = time.perf_counter()
    with side.reports.expect("done", 1):
        side.send(rows, count)
    return count / (time.perf_counter() - start)


def python_to_js_binary(side: Side, size: int, count: int) -> float:
    """Events per second of ``size`` bytes: ``bytes`` on the project's side (a page listener
    gets a ``Uint8Array``), against the raw baseline's string of that size (spec §6.7; issue
    18 compares binary events to raw's string rate, raw having no binary path)."""
    arm(side, 1, count)
    payload: str | bytes = os.urandom(size) if side.name == "project" else payload_of(size)
    start = time.perf_counter()
    with side.reports.expect("done", 1):
        side.send(payload, count)
    return count / (time.perf_counter() - start)


def python_to_js_values(
    side: Side,
    make: Callable[[int], object],
    count: int,
    *,
    report_back: bool = False,
    path: str = "emit_all",
) -> float:
    """Events per second into one window: Python sends ``make(0)``, ..., ``make(count - 1)``
    (the project through ``path``: ``emit_all``, ``emit_to`` the window, or v2's ``emit``),
    a value each, encoded per event. ``report_back``: the page tells Python it has them all
    through its own path (an emit; the raw page's slot) and Python waits for that, asleep,
    instead of for the console."""
    if not report_back:
        arm(side, 1, count)
        start = time.perf_counter()
        with side.reports.expect("done"):
            side.send_values(make, count, path)
        return count / (time.perf_counter() - start)
    with side.reports.expect("armed"):
        side.js(0, f"bench.expect({count}, true); bench.report('armed', 1)")
    before = side.reported_back()
    start = time.perf_counter()
    side.send_values(make, count, path)
    wait_until(lambda: side.reported_back() > before)
    return count / (time.perf_counter() - start)


def js_to_python(side: Side, size: int, count: int) -> float:
    """Events per second from a page to a Python listener."""
    before = side.received()
    payload = json.dumps(payload_of(size))
    start = time.perf_counter()
    side.js(0, f"sendMany({count}, {payload})")
    wait_until(lambda: side.received() - before >= count)
    return count / (time.perf_counter() - start)


def round_trip(side: Side, count: int, size: int = 50) -> dict[str, float]:
    """JS -> Python -> JS, one at a time: p50 and p99 in milliseconds."""
    payload = json.dumps(payload_of(size))
    with side.reports.expect("latency") as values:
        side.js(0, f"roundTrips({count}, {payload})")
    return values[0]  # type: ignore[return-value]


def invoke_latency(side: Side, count: int) -> dict[str, float]:
    """A trivial command called from JS, one at a time: p50 and p99 in milliseconds."""
    with side.reports.expect("latency") as values:
        side.js(0, f"calls({count})")
    return values[0]  # type: ignore[return-value]


def rss_growth(side: Side, warmup: int, count: int, chunk: int = 10_000) -> float:
    """RSS growth of the whole process tree over ``count`` small events, after a warm-up."""
    _send_in_chunks(side, warmup, chunk)
    settle(500)
    before, _ = tree_memory()
    _send_in_chunks(side, count, chunk)
    settle(500)
    after, _ = tree_memory()
    return (after - before) / before


def _send_in_chunks(side: Side, count: int, chunk: int) -> None:
    for _ in range(count // chunk):
        arm(side, 1, chunk)
        with side.reports.expect("done"):
            side.send(payload_of(50), chunk)


def encode_table(side_name: str, rows: int = 10_000, rounds: int = 20) -> float:
    """Milliseconds to encode a table of ``rows`` rows, a third with a ``None``: the
    project's ``encode_payload`` ("project"), or plain ``orjson.dumps`` of the same value
    ("raw": what the encoding would cost without spec §6's checks). Best of 3 x ``rounds``."""
    import orjson

    from app.events.payload import encode_payload

    from .payloads import table_with_nulls

    table = table_with_nulls(rows)
    encode = encode_payload if side_name == "project" else orjson.dumps
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(rounds):
            encode(table)
        best = min(best, (time.perf_counter() - start) / rounds)
    return best * 1e3
