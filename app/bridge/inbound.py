"""Inbound flow control: what one page may send the backend, so that a page flooding its
bridge cannot take the GUI thread (or memory) from the others.

Plain Python, no Qt. Two rules, checked on a ``call``'s length and line count before anything
reads it (so refusals cost almost nothing):

- **One call in flight, by permit.** Each reply to a page's ``call``, and its channel's
  connection, hands it a fresh unguessable permit; the page's next ``call`` must carry the
  latest. A ``call`` sent before the last reply arrived cannot carry it: it is refused unread,
  and so is one of more than ``MAX_CALLS`` calls or ``max_call_chars`` characters. The JS API
  keeps one ``call`` in flight anyway; the permit makes it the rule for a page that bypasses
  the API too, which the gate could not otherwise see: what such a page sends ahead waits in
  Qt's event loop, not here. So each window has at most one admitted ``call`` being served or
  waiting, of bounded size, whatever its page does.
- **A budget per second.** Each window has a budget of calls and bytes, a token bucket
  refilled continuously. A ``call`` is admitted while its window's budget is not in debt, and
  its calls and bytes are taken from it (one large message may put it in debt; it then waits
  until the debt is paid). A ``call`` that is not admitted is refused whole, unread, with the
  pause after which there is room again: the page's API waits that long and sends it again.
  With one call in flight the budget is defence in depth, set above what one page reaches.

Every refused call that the API would not have sent (one without the latest permit, one
during a pause) is a strike: past ``strikes`` of them within one stretch (they fade), the
window is cut off.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..config import DEFAULT_PAGE_BYTES_PER_SECOND, DEFAULT_PAGE_CALLS_PER_SECOND

CALLS_PER_SECOND = DEFAULT_PAGE_CALLS_PER_SECOND
BYTES_PER_SECOND = DEFAULT_PAGE_BYTES_PER_SECOND
BURST_SECONDS = 0.5
# Calls in one `call`: the API's own cap (frontend/api/global/core.js MAX_BATCH_CALLS).
MAX_CALLS = 128
# A `call`'s characters beyond its largest message: the API starts a new `call` past 256 KiB
# (MAX_BATCH_CHARS), so one holds at most that, one message more, and its lines' call ids.
CALL_SLACK_CHARS = 512 * 1024
# Strikes fade at STRIKE_FADE per second, and a page with more than STRIKES is cut off.
STRIKES = 100
STRIKE_FADE = 10.0
# 96 random bits, as 24 hex digits, cut from os.urandom drawn PERMITS_PER_DRAW at a time: one
# getrandom call per permit (os.urandom(12).hex()) cost 0.5 us of the hot path here,
# secrets.token_urlsafe(12) 0.9 us, an HMAC of a counter 2 us; a cut from a draw 0.2 us.
PERMIT_BYTES = 12
PERMITS_PER_DRAW = 256


@dataclass
class _Bucket:
    calls: float
    bytes: float
    at: float
    permit: str = ""  # the one the page was last handed; "" before its channel connects
    paused_until: float = 0.0
    strikes: float = 0.0
    cut_off: bool = False


@dataclass(frozen=True)
class Budget:
    calls_per_second: float = CALLS_PER_SECOND
    bytes_per_second: float = BYTES_PER_SECOND
    burst_seconds: float = BURST_SECONDS
    strikes: int = STRIKES
    max_call_chars: int = 64 * 1024 * 1024 + CALL_SLACK_CHARS


class InboundGate:
    """Per-window permits and budgets; ``admit`` before anything else reads a ``call``.

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
        self._random = b""
        self._taken = 0

    def _new_permit(self) -> str:
        start = self._taken
        if start >= len(self._random):
            self._random = os.urandom(PERMIT_BYTES * PERMITS_PER_DRAW)
            start = 0
        self._taken = start + PERMIT_BYTES
        return self._random[start : start + PERMIT_BYTES].hex()

    def _bucket(self, label: str, now: float) -> _Bucket:
        bucket = self._buckets.get(label)
        if bucket is None:
            budget = self.budget
            bucket = self._buckets[label] = _Bucket(
                budget.calls_per_second * budget.burst_seconds,
                budget.bytes_per_second * budget.burst_seconds,
                now,
            )
        return bucket

    def issue(self, label: str) -> str:
        """A new permit for window ``label``'s page, at its channel's connection: the one its
        first ``call`` must carry. Any permit handed out before lapses."""
        permit = self._bucket(label, self._clock()).permit = self._new_permit()
        return permit

    def admit(self, label: str, permit: str, calls: int, size: int) -> tuple[str, float | None]:
        """Whether window ``label`` may send a ``call`` of ``calls`` calls and ``size``
        characters, carrying ``permit``, now. If so (they are counted), ``(next permit,
        None)``; if its budget is spent, ``(next permit, seconds to wait before sending it
        again)``: either way the reply hands the page the next permit. Raises ``NotPermitted``
        (a strike) for a call without the latest permit or over the size caps, and
        ``FloodCutOff`` once the page has kept sending what the API would not have sent."""
        budget = self.budget
        now = self._clock()
        bucket = self._buckets.get(label)
        if bucket is None:
            bucket = self._bucket(label, now)
        if bucket.cut_off:
            self.refused_messages += 1
            raise FloodCutOff(
                label, "it was cut off for flooding; reload it to serve it again", False
            )
        elapsed = now - bucket.at
        bucket.at = now
        bucket.strikes = max(0.0, bucket.strikes - elapsed * STRIKE_FADE)
        if permit != bucket.permit or not permit:
            self._strike(bucket, label)
            raise NotPermitted(f"window {label!r}: a call without the permit of the last reply")
        if calls > MAX_CALLS or size > budget.max_call_chars:
            self._strike(bucket, label)
            raise NotPermitted(
                f"window {label!r}: a call of {calls} calls and {size} characters, over "
                f"{MAX_CALLS} calls or {budget.max_call_chars} characters"
            )
        # Spent: the reply hands out the next one, so the page sends one call at a time.
        permit = bucket.permit = self._new_permit()
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
            return permit, None
        if now < bucket.paused_until:  # sent during the pause it was given
            self._strike(bucket, label)
        else:
            self.refused_messages += 1
        wait = max(-bucket.calls / budget.calls_per_second, -bucket.bytes / budget.bytes_per_second)
        bucket.paused_until = now + wait
        return permit, wait

    def _strike(self, bucket: _Bucket, label: str) -> None:
        """A refused message the API would not have sent; past the limit, the page is cut off."""
        self.refused_messages += 1
        bucket.strikes += 1
        budget = self.budget
        if bucket.strikes > budget.strikes:
            bucket.cut_off = True
            raise FloodCutOff(
                label,
                f"it kept sending while refused (over {budget.strikes} calls sent during its "
                f"pauses or before the reply to its last call; the budget is "
                f"{budget.calls_per_second:g} calls and {budget.bytes_per_second:g} bytes per "
                f"second, one call in flight)",
            )

    def cut(self, label: str) -> None:
        """Refuse everything window ``label`` sends from now on, until ``forget``."""
        self._bucket(label, self._clock()).cut_off = True

    def forget(self, label: str) -> None:
        """Window ``label`` closed or was reloaded by the app: it starts with a full budget
        (and the permit its next page's channel is handed as it connects)."""
        self._buckets.pop(label, None)

    def is_cut_off(self, label: str) -> bool:
        bucket = self._buckets.get(label)
        return bucket is not None and bucket.cut_off


class NotPermitted(Exception):
    """A ``call`` refused unread: it did not carry the latest permit (the page did not wait
    for its last reply), or it was over the size caps."""


class FloodCutOff(Exception):
    """A page kept flooding its bridge past its budget; its window is cut off."""

    def __init__(self, label: str, reason: str, first: bool = True) -> None:
        super().__init__(f"window {label!r}: {reason}")
        self.label = label
        self.reason = reason
        self.first = first  # the page was cut off just now
