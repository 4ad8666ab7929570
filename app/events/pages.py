"""What the hub knows about each window's page: which document is current, whether it is past
its ready deadline, the events kept for it until then (spec §7), and its outgoing batch."""

from __future__ import annotations

import json
import logging
import re
from collections import deque
from enum import Enum

from .sidebytes import SideBytes, SideMessage, SideSend
from .values import Emission

log = logging.getLogger(__name__)

# Events kept for a page that is not ready yet. The deadline bounds this in time; these bound it
# in memory for a page that emits floods during its first seconds.
MAX_HELD_EVENTS = 10_000
MAX_HELD_BYTES = 64 * 1024 * 1024
# Tokens of documents that were replaced; their late messages are refused, not mistaken for new.
_RETIRED_TOKENS_KEPT = 64
# Flow control (docs/reliability.md): batches sent that the page has not yet acknowledged. At
# either limit nothing more is sent until it does; what waits meanwhile is bounded by the next
# two, beyond which new events for that page are dropped (counted, and the page told). The
# in-flight limits must stay above what a page handles between two acks (core.js: 8 batches
# or 1 MiB) plus one batch, or a page could wait for more before it acks, and the backend for
# its ack.
MAX_IN_FLIGHT_BATCHES = 1024
MAX_IN_FLIGHT_CHARS = 32 * 1024 * 1024
MAX_WAITING_EVENTS = 1_000_000
MAX_WAITING_CHARS = 64 * 1024 * 1024
# What core.js makes (crypto.randomUUID(), or 32 hex digits): a token goes into every batch.
_TOKEN = re.compile(r"[0-9A-Za-z-]{1,64}")


def _held_size(emission: Emission) -> int:
    """What a kept event weighs: large bytes by their bytes, not by their placeholder."""
    text = emission.payload_text
    return len(text.data) if type(text) is SideBytes else len(text)


class TokenCheck(Enum):
    CURRENT = "current"
    NEW = "new"
    RETIRED = "retired"
    UNKNOWN = "unknown"


class PageState:
    def __init__(self, label: str) -> None:
        self.label = label
        self.token: str | None = None
        self._batch_opening = "["  # a batch starts with the token of the document it is for
        self._sequence = 0  # and its number in that document's stream: 1, 2, ...
        self.ready = False
        self.held: deque[Emission] = deque()
        # Outgoing messages, as the pieces of one JSON array joined when sent (one copy of
        # large payloads, not one per level). Consecutive events of one (event, source,
        # listener ids) share one message (`payloads` grows): a burst pays for one header.
        self.outbox: list[str] = ["["]
        self.outbox_chars = 0
        self.pending = 0  # events and other messages waiting in the outbox
        self._group_prefix: str | None = None
        self._group: list[str] = []
        self._held_chars = 0
        self._retired: deque[str] = deque(maxlen=_RETIRED_TOKENS_KEPT)
        self._warned_overflow = False
        self._in_flight: deque[int] = deque()  # sizes of the batches the page has not acked
        self.in_flight_chars = 0
        # Whether the page is too far behind to be sent more now (kept, not computed: the
        # router reads it for every event).
        self.stalled = False
        self.dropped = 0  # events dropped while the page did not keep up, not yet reported

    def start_load(self) -> None:
        """A new document is coming: the old one's token and batch are void. Events kept for
        the old document go with it if it had connected (it had its chance; the next one must
        not get them twice); if it never had, they stay for the coming one (``setup`` emits
        before the first load starts)."""
        if self.token is not None:
            self._retired.append(self.token)
            self.token = None
            self.held.clear()
            self._held_chars = 0
        self.ready = False
        self._discard_outbox()
        self.outbox_chars = 0
        self._warned_overflow = False
        self._in_flight.clear()
        self.in_flight_chars = 0
        self.stalled = False
        self.dropped = 0

    def check_token(self, token: str) -> TokenCheck:
        if token == self.token:
            return TokenCheck.CURRENT
        if token in self._retired:
            return TokenCheck.RETIRED
        return TokenCheck.UNKNOWN

    def may_adopt(self, token: str) -> bool:
        return self.token is None and _TOKEN.fullmatch(token) is not None

    def adopt(self, token: str) -> None:
        self.token = token
        self._batch_opening = "[" + json.dumps(token) + ","
        self._sequence = 0

    def mark_ready(self) -> None:
        self.ready = True
        self.held.clear()
        self._held_chars = 0

    def hold(self, emission: Emission) -> None:
        """Keep an event for listeners the page registers before its deadline."""
        self.held.append(emission)
        self._held_chars += _held_size(emission)
        while len(self.held) > MAX_HELD_EVENTS or self._held_chars > MAX_HELD_BYTES:
            dropped = self.held.popleft()
            self._held_chars -= _held_size(dropped)
            if not self._warned_overflow:
                self._warned_overflow = True
                log.warning(
                    "window %r: page not ready and over %d kept events or %d bytes; "
                    "dropping the oldest",
                    self.label,
                    MAX_HELD_EVENTS,
                    MAX_HELD_BYTES,
                )

    def queue(self, message: str, send: SideSend | None = None) -> None:
        """Queue a whole message (a window list, a command's result); one around large bytes
        takes the page's side path if ``send`` can (spec §6.8)."""
        if type(message) is SideMessage:
            message = message.resolve(self.label, self.token, send)
        if self._group:
            self._close_group()
        self.outbox.append(",")
        self.outbox.append(message)
        self.outbox_chars += len(message)
        self.pending += 1

    def queue_event(self, prefix: str, payload_text: str) -> None:
        """Queue an event: ``prefix`` is its message up to the payloads (``...,"payloads":[``).
        Dropped (and counted) if the page is too far behind."""
        if self.stalled and (
            self.pending >= MAX_WAITING_EVENTS or self.outbox_chars >= MAX_WAITING_CHARS
        ):
            self._drop()
            return
        if prefix is not self._group_prefix and prefix != self._group_prefix:
            self._close_group()
            self._group_prefix = prefix
        self._group.append(payload_text)
        self.outbox_chars += len(payload_text) + 1
        self.pending += 1

    def queue_side(self, prefix: str, side: SideBytes, send: SideSend | None) -> None:
        """Queue an event of large bytes: on the page's socket with a stub in the stream if
        ``send`` can, else inline (spec §6.8). Not sent at all if the event would be dropped."""
        if self.stalled and (
            self.pending >= MAX_WAITING_EVENTS or self.outbox_chars >= MAX_WAITING_CHARS
        ):
            self._drop()
            return
        text = None if send is None or self.token is None else send(self.label, self.token, side)
        self.queue_event(prefix, side.inline() if text is None else text)

    def _separate(self) -> None:
        self.outbox.append(",")  # after the opening, or the message before

    def _close_group(self) -> None:
        if self._group:
            assert self._group_prefix is not None
            self._separate()
            self.outbox.append(self._group_prefix)
            self.outbox.append(",".join(self._group))  # no copy when it holds one payload
            self.outbox.append("]}")
            self._group = []
        self._group_prefix = None

    def _update_stalled(self) -> None:
        self.stalled = (
            len(self._in_flight) >= MAX_IN_FLIGHT_BATCHES
            or self.in_flight_chars >= MAX_IN_FLIGHT_CHARS
        )

    def acked(self, batches: int) -> None:
        """The page has handled its ``batches`` oldest unacknowledged batches."""
        for _ in range(min(batches, len(self._in_flight))):
            self.in_flight_chars -= self._in_flight.popleft()
        self._update_stalled()

    def _drop(self) -> None:
        if not self.dropped:
            log.warning(
                "window %r: its page is not keeping up (%d events / %d bytes waiting); "
                "dropping new events for it until it does",
                self.label,
                self.pending,
                self.outbox_chars,
            )
        self.dropped += 1

    def take_batch(self) -> str | None:
        """The outgoing messages as one JSON array, ``["<token>", <number>, message, ...]``,
        or ``None`` if there are none, if no document has connected, or if the page has not
        yet handled enough of what it was sent (they wait for its ``ack``). Batches are
        numbered 1, 2, ... per document: the page runs them in that order."""
        return self._take(counted=True)

    def take_reply_batch(self) -> str | None:
        """``take_batch`` for a call's reply, which the page takes as it goes on calling: not
        counted for flow control, and the page does not acknowledge it."""
        return self._take(counted=False)

    def _take(self, *, counted: bool) -> str | None:
        if not self.pending or self.stalled or self.token is None:
            return None
        if self.dropped:
            log.warning("window %r: %d events were dropped for it", self.label, self.dropped)
            self._close_group()
            self._separate()
            self.outbox.append(f'{{"t":"dropped","count":{self.dropped}}}')
            self.dropped = 0
        self._close_group()
        self._sequence += 1
        self.outbox[0] = self._batch_opening + str(self._sequence)
        self.outbox.append("]")
        batch = "".join(self.outbox)
        self._discard_outbox()
        if counted:
            self._in_flight.append(len(batch))
            self.in_flight_chars += len(batch)
            self._update_stalled()
        return batch

    def _discard_outbox(self) -> None:
        self.outbox = ["["]
        self._group = []
        self._group_prefix = None
        self.outbox_chars = 0
        self.pending = 0
