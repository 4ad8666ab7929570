"""Inbound flow control: what one page may send the backend, so that a page flooding its
bridge cannot take the GUI thread (or memory) from the others.

Plain Python, no Qt. Two rules, checked on a ``call``'s length and line count before anything
reads it (so refusals cost almost nothing):

- **A window of calls in flight, by permit.** A page holds at most ``WINDOW`` permits, each
  unguessable and good for one ``call``: its channel's connection hands it ``WINDOW`` of them,
  and each reply to an admitted ``call`` hands back one new permit for the one spent. So a
  page can have at most ``WINDOW`` calls in flight, whatever it does: a ``call`` sent beyond
  that (without a permit it holds, a spent one replayed, a forged one) cannot carry a good
  permit and is refused unread, and so is one of more than ``MAX_CALLS`` calls or
  ``max_call_chars`` characters. What a page that bypasses the API sends ahead waits in Qt's
  event loop, not here, which the gate could not otherwise see: the permits bound what of it
  is admitted, to ``WINDOW`` calls of bounded size per window.
- **Order.** The calls in flight are served in the order they arrive (one channel, in order).
  When one is refused as busy (below), the ones sent after it must not be served before it
  is sent again: the busy reply hands the page a fresh set of ``WINDOW`` permits, and every
  permit handed out before it turns *stale*. A ``call`` carrying a stale permit (one sent
  before the page read the busy reply) is refused unread with ``stale`` (no strike, no
  permit: the page has already put it back in its queue, in order, behind the refused one);
  a stale permit serves once. So the page resends its calls in the order it first sent them.
- **A budget per second.** Each window has a budget of calls and bytes, a token bucket
  refilled continuously. A ``call`` is admitted while its window's budget is not in debt, and
  its calls and bytes are taken from it (one large message may put it in debt; it then waits
  until the debt is paid). A ``call`` that is not admitted is refused whole, unread, with the
  pause after which there is room again: the page's API waits that long and sends it again.
  With a few calls in flight the budget is defence in depth, set above what one page reaches.

Every refused call that the API would not have sent (one without a good permit, one during a
pause) is a strike: past ``strikes`` of them within one stretch (they fade), the
window is cut off.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

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
# Calls in flight per page. One (issue 17) put a round trip between a page's batches: 50 B
# JS->Python fell from 3.5x raw to 1.8-3.3x; four keep the channel busy (docs/performance.md).
WINDOW = 4
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
    # The permits the page holds or has in flight (at most the window), and those handed out
    # before its last busy reply, still in flight or unused (at most the window too).
    permits: set[str] = field(default_factory=set)
    stale: set[str] = field(default_factory=set)
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
    window: int = WINDOW


class InboundGate:
    """Per-window permits and budgets; ``admit`` before anything else reads a ``call``.

    Memory: one small record per open window, with at most twice its window of permits."""

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
        self.stale_calls = 0  # of the refused: those sent before their page read a busy reply
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

    def issue(self, label: str) -> list[str]:
        """The permits for window ``label``'s page, at its channel's connection: the window of
        them. Any permit handed out before lapses."""
        bucket = self._bucket(label, self._clock())
        bucket.stale = set()
        return self._fresh(bucket)

    def _fresh(self, bucket: _Bucket) -> list[str]:
        permits = [self._new_permit() for _ in range(self.budget.window)]
        bucket.permits = set(permits)
        return permits

    def admit(
        self, label: str, permit: str, calls: int, size: int, hold: float | None = None
    ) -> tuple[list[str], float | None]:
        """Whether window ``label`` may send a ``call`` of ``calls`` calls and ``size``
        characters, carrying ``permit``, now. If so (they are counted), ``([next permit],
        None)``; if its budget is spent, or ``hold`` (seconds) asks it to wait, ``(a fresh
        window of permits, seconds to wait before sending it again)``; for a stale permit
        (sent before the page read such a busy reply), ``([], seconds left of the pause)``.
        Raises ``NotPermitted`` (a strike) for a call without a good permit or over the size
        caps, and ``FloodCutOff`` once the page has kept sending what the API would not."""
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
        if permit in bucket.stale:
            # In flight as the busy reply left: the page put it back in its queue already.
            bucket.stale.discard(permit)
            self.refused_messages += 1
            self.stale_calls += 1
            return [], max(0.0, bucket.paused_until - now)
        if permit not in bucket.permits:
            self._strike(bucket, label)
            raise NotPermitted(f"window {label!r}: a call without a permit of the last replies")
        if calls > MAX_CALLS or size > budget.max_call_chars:
            self._strike(bucket, label)
            raise NotPermitted(
                f"window {label!r}: a call of {calls} calls and {size} characters, over "
                f"{MAX_CALLS} calls or {budget.max_call_chars} characters"
            )
        bucket.permits.discard(permit)  # spent: the reply hands out another
        bucket.calls = min(
            bucket.calls + elapsed * budget.calls_per_second,
            budget.calls_per_second * budget.burst_seconds,
        )
        bucket.bytes = min(
            bucket.bytes + elapsed * budget.bytes_per_second,
            budget.bytes_per_second * budget.burst_seconds,
        )
        if hold is None and bucket.calls >= 0 and bucket.bytes >= 0:
            bucket.calls -= calls
            bucket.bytes -= size
            self.admitted_calls += calls
            new = self._new_permit()
            bucket.permits.add(new)
            return [new], None
        if hold is not None:
            wait = hold
            self.refused_messages += 1
        else:
            if now < bucket.paused_until:  # sent during the pause it was given
                self._strike(bucket, label)
            else:
                self.refused_messages += 1
            wait = max(
                -bucket.calls / budget.calls_per_second, -bucket.bytes / budget.bytes_per_second
            )
        bucket.paused_until = now + wait
        # Every permit handed out so far was handed out before this reply: the calls that
        # carry them were sent before the page knew of it, and must wait behind this one.
        bucket.stale = bucket.permits
        return self._fresh(bucket), wait

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
                f"pauses or without a permit of its last replies; the budget is "
                f"{budget.calls_per_second:g} calls and {budget.bytes_per_second:g} bytes per "
                f"second, {budget.window} calls in flight)",
            )

    def cut(self, label: str) -> None:
        """Refuse everything window ``label`` sends from now on, until ``forget``."""
        self._bucket(label, self._clock()).cut_off = True

    def forget(self, label: str) -> None:
        """Window ``label`` closed or was reloaded by the app: it starts with a full budget
        (and the permits its next page's channel is handed as it connects)."""
        self._buckets.pop(label, None)

    def is_cut_off(self, label: str) -> bool:
        bucket = self._buckets.get(label)
        return bucket is not None and bucket.cut_off


class NotPermitted(Exception):
    """A ``call`` refused unread: it did not carry a good permit (the page had more calls in
    flight than its window, replayed a spent permit or forged one), or it was over the size
    caps."""


class FloodCutOff(Exception):
    """A page kept flooding its bridge past its budget; its window is cut off."""

    def __init__(self, label: str, reason: str, first: bool = True) -> None:
        super().__init__(f"window {label!r}: {reason}")
        self.label = label
        self.reason = reason
        self.first = first  # the page was cut off just now
