"""Inbound flow control: what one page may send the backend per unit of time, so that a page
flooding its bridge cannot take the GUI thread (or memory) from the others.

Plain Python, no Qt. Each window has a budget of calls and bytes, a token bucket refilled
continuously. A ``call`` is admitted while its window's budget is not in debt, and its calls
and bytes are taken from it (one large message may put it in debt; it then waits until the
debt is paid). A ``call`` that is not admitted is refused whole, unread, with the pause after
which there is room again: the page's API waits that long and sends it again. The counting
costs a length and a count of newlines, so refusals cost almost nothing.

A page that keeps sending during its pauses does not use the API (which waits): past
``strikes`` such messages within one stretch of refusals, the window is cut off.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ..config import DEFAULT_PAGE_BYTES_PER_SECOND, DEFAULT_PAGE_CALLS_PER_SECOND

CALLS_PER_SECOND = DEFAULT_PAGE_CALLS_PER_SECOND
BYTES_PER_SECOND = DEFAULT_PAGE_BYTES_PER_SECOND
BURST_SECONDS = 0.5
# The API has at most 1 `call` in flight, so it sends nothing during a pause; any message that
# arrives during one (beyond IN_FLIGHT - 1) is a strike. Strikes fade at STRIKE_FADE per
# second, and a page with more than STRIKES is cut off.
IN_FLIGHT = 1
STRIKES = 100
STRIKE_FADE = 10.0


@dataclass
class _Bucket:
    calls: float
    bytes: float
    at: float
    paused_until: float = 0.0
    grace: int = 0  # messages still expected during the current pause
    strikes: float = 0.0
    cut_off: bool = False


@dataclass(frozen=True)
class Budget:
    calls_per_second: float = CALLS_PER_SECOND
    bytes_per_second: float = BYTES_PER_SECOND
    burst_seconds: float = BURST_SECONDS
    strikes: int = STRIKES


class InboundGate:
    """Per-window budgets of calls and bytes; ``admit`` before anything else reads a message.

    Memory: one small record per open window."""

    def __init__(
        self,
        budget: Budget | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.budget = budget or Budget()
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self.admitted_calls = 0  # totals, for figures and tests
        self.refused_messages = 0

    def admit(self, label: str, calls: int, size: int) -> float | None:
        """``None`` if window ``label`` may send a ``call`` of ``calls`` calls and ``size``
        characters now (they are counted); else the seconds to wait before sending it again.
        Raises ``FloodCutOff`` once the page has kept sending through its pauses."""
        budget = self.budget
        now = self._clock()
        bucket = self._buckets.get(label)
        if bucket is None:
            bucket = self._buckets[label] = _Bucket(
                budget.calls_per_second * budget.burst_seconds,
                budget.bytes_per_second * budget.burst_seconds,
                now,
            )
        if bucket.cut_off:
            self.refused_messages += 1
            raise FloodCutOff(
                label, "it was cut off for flooding; reload it to serve it again", False
            )
        elapsed = now - bucket.at
        bucket.at = now
        bucket.strikes = max(0.0, bucket.strikes - elapsed * STRIKE_FADE)
        bucket.calls = min(
            bucket.calls + elapsed * budget.calls_per_second,
            budget.calls_per_second * budget.burst_seconds,
        )
        bucket.bytes = min(
            bucket.bytes + elapsed * budget.bytes_per_second,
            budget.bytes_per_second * budget.burst_seconds,
        )
        if bucket.calls >= 0 and bucket.bytes >= 0:
            bucket.calls -= calls
            bucket.bytes -= size
            self.admitted_calls += calls
            return None
        self.refused_messages += 1
        if now < bucket.paused_until and bucket.grace > 0:
            bucket.grace -= 1  # sent before the page learnt of its pause
        elif now < bucket.paused_until:  # sent during the pause it was given
            bucket.strikes += 1
            if bucket.strikes > budget.strikes:
                bucket.cut_off = True
                raise FloodCutOff(
                    label,
                    f"it kept sending while refused (over {budget.strikes} messages during "
                    f"its pauses; the budget is {budget.calls_per_second:g} calls and "
                    f"{budget.bytes_per_second:g} bytes per second)",
                )
        else:
            bucket.grace = IN_FLIGHT - 1
        wait = max(-bucket.calls / budget.calls_per_second, -bucket.bytes / budget.bytes_per_second)
        bucket.paused_until = now + wait
        return wait

    def cut(self, label: str) -> None:
        """Refuse everything window ``label`` sends from now on, until ``forget``."""
        bucket = self._buckets.get(label)
        if bucket is None:
            bucket = self._buckets[label] = _Bucket(0.0, 0.0, self._clock())
        bucket.cut_off = True

    def forget(self, label: str) -> None:
        """Window ``label`` closed or was reloaded by the app: it starts with a full budget."""
        self._buckets.pop(label, None)

    def is_cut_off(self, label: str) -> bool:
        bucket = self._buckets.get(label)
        return bucket is not None and bucket.cut_off


class FloodCutOff(Exception):
    """A page kept flooding its bridge past its budget; its window is cut off."""

    def __init__(self, label: str, reason: str, first: bool = True) -> None:
        super().__init__(f"window {label!r}: {reason}")
        self.label = label
        self.reason = reason
        self.first = first  # the page was cut off just now
