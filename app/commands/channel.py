"""``Channel``: a stream of messages from a command to the page that called it (Tauri v2's
``Channel<T>``).

A command parameter annotated ``Channel`` (or ``Channel[T]``) receives the ``Channel`` the
page passed: the v2 package sends one as the text ``__CHANNEL__:<id>``, the id of a callback
in that page. ``send`` works from any thread; messages carry an index, so the page hands them
to its handler in the order they were sent, and ``close`` tells the page the stream ended.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from ..errors import ChannelClosed
from ..events.payload import encode_payload
from ..events.sidebytes import SideBytes, SideMessage

if TYPE_CHECKING:
    from types import TracebackType

T = TypeVar("T")
# Queues a message for the page holding the channel; the callable runs if that page is gone.
Queue = Callable[[str, Callable[[], object]], None]

_CHANNEL_TEXT = re.compile(r"__CHANNEL__:(\d{1,10})")


def parse_channel_id(value: object) -> int:
    """The callback id in ``"__CHANNEL__:<id>"``; ``ValueError`` for anything else."""
    found = _CHANNEL_TEXT.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError(
            f"invalid channel value {value!r}, expected a string in the `__CHANNEL__:ID` format"
        )
    return int(found.group(1))


class Channel(Generic[T]):
    """The page end of a v2 ``Channel``, for one document of one window.

    ``send(value)`` queues a message (JSON-encodable, up to the app's payload limit) from any
    thread; ``close()`` ends the stream (also at the end of a ``with`` block). Once the page is
    gone (closed or reloaded), ``send`` raises ``ChannelClosed``.
    """

    def __init__(
        self, channel_id: int, *, label: str, queue: Queue, max_payload_bytes: int
    ) -> None:
        self._queue_message = queue
        self._label = label
        self._max_payload_bytes = max_payload_bytes
        self.id = channel_id
        self._lock = threading.Lock()
        self._next_index = 0
        self._closed = False

    @property
    def label(self) -> str:
        """The label of the window whose page holds the other end."""
        return self._label

    @property
    def closed(self) -> bool:
        """Whether ``close()`` was called, or a message found the page gone."""
        return self._closed

    def send(self, value: T) -> None:
        """Send ``value`` to the page's handler, after every message sent before it."""
        text = encode_payload(value, self._max_payload_bytes, side=True)  # bad values fail here
        with self._lock:
            # Under the lock: the index order and the order of the queue are the same.
            self._require_open()
            head = f'"index":{self._next_index},"message":'
            if type(text) is SideBytes:  # large bytes: the page's side path (spec §6.8)
                self._queue(SideMessage(self._opening + head, text, "}"), whole=True)
            else:
                self._queue(head + text)
            self._next_index += 1

    def close(self) -> None:
        """End the stream: the page's ``Channel`` drops its handler after the last message.
        Closing twice does nothing."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._queue(f'"index":{self._next_index},"end":true')

    @property
    def _opening(self) -> str:
        return '{"t":"channel","id":' + json.dumps(self.id) + ","

    def _queue(self, body: str, *, whole: bool = False) -> None:
        message = body if whole else self._opening + body + "}"
        self._queue_message(message, self._page_gone)

    def _page_gone(self) -> None:
        self._closed = True

    def _require_open(self) -> None:
        if self._closed:
            raise ChannelClosed(
                f"channel {self.id} of window {self._label!r} is closed (or its page is gone)"
            )

    def __enter__(self) -> Channel[T]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        return f"<Channel {self.id} of window {self._label!r}, {state}>"


class PageChannels:
    """The calling page's channels by value: what a command parameter annotated
    ``PageChannels`` gets, to open channels the page passed inside other values (Tauri v2's
    menu items carry theirs nested in the item options)."""

    def __init__(self, opener: Callable[[int], Channel[object]] | None) -> None:
        self._opener = opener

    def open(self, value: object) -> Channel[object]:
        """The channel ``"__CHANNEL__:<id>"`` names; ``ValueError`` for anything else, or
        without a calling page."""
        channel_id = parse_channel_id(value)
        if self._opener is None:
            raise ValueError("a Channel needs a calling page")
        return self._opener(channel_id)
