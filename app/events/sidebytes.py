"""Large bytes on the side path (spec §6.8): the pure part, no Qt.

A ``bytes`` payload of at least ``SIDE_THRESHOLD`` bytes is encoded as a ``SideBytes``: its
bytes travel to each page on that page's loopback WebSocket (``bridge/sidepath.py``) and a
stub, ``{"__qtauri_side__": n}``, keeps the event's place in the page's one ordered stream.
``n`` counts the frames sent on that page's socket (1, 2, ...): the page holds the stream at a
stub until its frame has come. A page without a socket gets the base64 form in the stream, as
smaller bytes always do.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from .binary import encode_bytes

SIDE_KEY = "__qtauri_side__"
"""The one key of a stub (read by sidepath.js)."""

# Measured (docs/performance.md, "The WebSocket side path"): the socket and inline base64 break
# even near 8 KiB; from 16 KiB the socket is faster (1.2-1.4x there, 2.3x at 64 KiB).
SIDE_THRESHOLD = 16 * 1024

# What the str of a SideBytes reads if some path writes it without asking the page's socket:
# a stub no frame has, which the page reports as lost bytes (never silently taken as data).
_LOST_STUB = '{"' + SIDE_KEY + '":0}'

TOKEN_BYTES = 32  # 256 bits


class SideBytes(str):
    """An encoded bytes payload that may take the side path: ``data`` are its bytes; ``inline``
    is the base64 text for the stream, made only when a page needs it (and made once)."""

    data: bytes
    _max_bytes: int
    _inline: str | None

    def __new__(cls, data: bytes, max_bytes: int) -> SideBytes:
        self = super().__new__(cls, _LOST_STUB)
        self.data = data
        self._max_bytes = max_bytes
        self._inline = None
        return self

    def inline(self) -> str:
        if self._inline is None:
            self._inline = encode_bytes(self.data, self._max_bytes)
        return self._inline


# A page's socket, as the page state sees it: given a page label, its document token and the
# bytes, it sends them and answers the stub, or answers None (the bytes go inline).
SideSend = Callable[[str, str, SideBytes], "str | None"]


class SideMessage(str):
    """A whole message around large bytes (a ``Channel``'s, a command's ``Response``):
    ``before`` + the bytes' text + ``after``, resolved per page as an event's are."""

    before: str
    side: SideBytes
    after: str

    def __new__(cls, before: str, side: SideBytes, after: str) -> SideMessage:
        self = super().__new__(cls, before + side + after)
        self.before, self.side, self.after = before, side, after
        return self

    def inline(self) -> str:
        return self.before + self.side.inline() + self.after

    def resolve(self, label: str, document: str | None, send: SideSend | None) -> str:
        """The message for page ``label``: a stub if ``send`` put the bytes on its socket."""
        text = None if send is None or document is None else send(label, document, self.side)
        return self.inline() if text is None else self.before + text + self.after


def stub(sequence: int) -> str:
    """The stream's stand-in for the frame numbered ``sequence`` on a page's socket."""
    return '{"' + SIDE_KEY + '":' + str(sequence) + "}"


def token_matches(presented: object, expected: str) -> bool:
    """Whether a connection's first message is the page's token (constant time; anything that
    is not a str, e.g. a binary frame, never matches)."""
    if type(presented) is not str or not expected:
        return False
    return secrets.compare_digest(presented.encode("utf-8", "replace"), expected.encode())


def origin_matches(presented: str, expected: str) -> bool:
    """Whether a connection's ``Origin`` header is the origin of the page its token was given to
    (an empty or missing one never is: browsers always send it on a WebSocket)."""
    return bool(presented) and presented == expected
