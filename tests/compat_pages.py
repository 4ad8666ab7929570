"""What the pages of tests/compat record and how their promises fail, read the same way by
every compatibility test: each page keeps what its listeners heard in ``heard``, entries
``{tag, payload, ...}`` (tests/compat/*.js)."""

from __future__ import annotations

from typing import Any

from app import Window
from tests.js import eval_js


def heard(qtbot: Any, window: Window, tag: str) -> list[dict[str, Any]]:
    """The entries the page's listeners tagged ``tag`` recorded, in order."""
    return eval_js(qtbot, window, f"heard.filter((h) => h.tag === {tag!r})")  # type: ignore[no-any-return]


def payloads(qtbot: Any, window: Window, tag: str) -> list[Any]:
    """The payloads of those entries."""
    return [entry["payload"] for entry in heard(qtbot, window, tag)]


def js_error(qtbot: Any, window: Window, call: str) -> Any:
    """What the promise ``call`` rejects with, and its JS type: ``[typeof, value]`` (or
    ``'resolved'``)."""
    return eval_js(qtbot, window, f"{call}.then(() => 'resolved', (e) => [typeof e, e])")


def large_and_small_events() -> list[Any]:
    """Payloads the stream cuts into many batches by size (router.URGENT_BATCH_CHARS): small
    numbers, 10 KB strings and lists of 300 small objects in turn, then a 100 KB string."""
    rows = [{"id": n, "name": f"item {n}", "done": n % 2 == 0} for n in range(300)]
    sent: list[Any] = []
    for n in range(30):
        sent += [n, "s" * 10_000, rows]
    sent.append("l" * 100_000)
    return sent
