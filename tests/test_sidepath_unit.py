"""The side path for large bytes (spec §6.8), without a browser: which bytes may take it, the
token and origin checks, the stubs a page's stream gets, and the CSP that lets a page connect."""

from __future__ import annotations

import base64
import json

import pytest

from app.errors import PayloadTooLarge
from app.events.binary import BYTES_KEY
from app.events.pages import PageState
from app.events.payload import encode_payload
from app.events.sidebytes import (
    SIDE_KEY,
    SIDE_THRESHOLD,
    SideBytes,
    origin_matches,
    stub,
    token_matches,
)
from app.web.csp import SIDE_PATH_SOURCE, with_side_path

TOKEN = "ab" * 32


def test_only_an_event_s_large_bytes_may_take_the_side_path() -> None:
    big = bytes(SIDE_THRESHOLD)
    side = encode_payload(big, side=True)
    assert type(side) is SideBytes
    assert side.data == big
    assert type(encode_payload(big)) is str  # a Channel's, a result's: inline
    assert type(encode_payload(big[:-1], side=True)) is str  # below the threshold
    assert type(encode_payload({"b": big}, side=True)) is str  # inside a payload: numbers
    view = memoryview(bytearray(big))
    copied = encode_payload(view, side=True)
    view[0] = 1  # the caller may reuse its buffer at once: the side path has a copy
    assert type(copied) is SideBytes
    assert copied.data == big


def test_side_bytes_over_the_limit_are_refused_as_inline_ones_are() -> None:
    with pytest.raises(PayloadTooLarge):
        encode_payload(bytes(SIDE_THRESHOLD + 1), SIDE_THRESHOLD, side=True)


def test_side_bytes_read_inline_and_written_raw_are_a_lost_stub() -> None:
    side = SideBytes(b"\x00\xff", 100)
    value = json.loads(side.inline())
    assert base64.b64decode(value[BYTES_KEY]) == b"\x00\xff"
    assert side.inline() is side.inline()  # encoded once, for every page that needs it
    # A path that wrote it without asking a page's socket: a stub no frame has (the page
    # reports lost bytes, never takes it as data).
    assert json.loads(side) == {SIDE_KEY: 0}
    assert json.loads(stub(7)) == {SIDE_KEY: 7}


@pytest.mark.parametrize(
    ("presented", "expected"),
    [
        (TOKEN, True),
        ("cd" * 32, False),
        ("", False),
        (TOKEN[:-1], False),
        (TOKEN + "0", False),
        (b"ab" * 32, False),
        (None, False),
        ("é" * 64, False),
    ],
)
def test_a_connection_s_token(presented: object, expected: bool) -> None:
    assert token_matches(presented, TOKEN) is expected


def test_no_token_is_expected_of_nobody() -> None:
    assert not token_matches("", "")


def test_a_connection_s_origin() -> None:
    assert origin_matches("tauri://localhost", "tauri://localhost")
    assert not origin_matches("http://localhost", "tauri://localhost")
    assert not origin_matches("", "tauri://localhost")
    assert not origin_matches("", "")


class Socket:
    """A page's socket as the page state sees it: up or not, counting frames."""

    def __init__(self, up: bool) -> None:
        self.up = up
        self.sent: list[tuple[str, str, bytes]] = []

    def __call__(self, label: str, document: str, side: SideBytes) -> str | None:
        if not self.up:
            return None
        self.sent.append((label, document, side.data))
        return stub(len(self.sent))


def page() -> PageState:
    state = PageState("main")
    state.adopt("doc-1")
    return state


def messages(state: PageState) -> list[object]:
    batch = state.take_batch()
    assert batch is not None
    return [m["payloads"] for m in json.loads(batch)[2:]]


def test_a_page_with_a_socket_gets_stubs_in_order_and_the_bytes_on_the_socket() -> None:
    state, socket = page(), Socket(up=True)
    state.queue_event('{"t":"event","ids":[1],"payloads":[', "1")
    state.queue_side('{"t":"event","ids":[1],"payloads":[', SideBytes(b"a", 10), socket)
    state.queue_event('{"t":"event","ids":[1],"payloads":[', "2")
    state.queue_side('{"t":"event","ids":[1],"payloads":[', SideBytes(b"b", 10), socket)
    assert messages(state) == [[1, {SIDE_KEY: 1}, 2, {SIDE_KEY: 2}]]
    assert socket.sent == [("main", "doc-1", b"a"), ("main", "doc-1", b"b")]


def test_a_page_without_a_socket_gets_the_bytes_inline() -> None:
    for socket in (Socket(up=False), None):
        state = page()
        state.queue_side('{"t":"event","ids":[1],"payloads":[', SideBytes(b"a", 10), socket)
        assert messages(state) == [[{BYTES_KEY: "YQ=="}]]


def test_a_page_with_no_document_yet_is_not_sent_frames() -> None:
    state, socket = PageState("main"), Socket(up=True)
    state.queue_side('{"t":"event","ids":[1],"payloads":[', SideBytes(b"a", 10), socket)
    assert socket.sent == []


@pytest.mark.parametrize(
    ("csp", "expected"),
    [
        (
            "default-src 'self'; connect-src 'self'",
            f"default-src 'self'; connect-src 'self' {SIDE_PATH_SOURCE}",
        ),
        (
            "default-src 'self' ipc:",
            f"default-src 'self' ipc:; connect-src 'self' ipc: {SIDE_PATH_SOURCE}",
        ),
        ("script-src 'self'", "script-src 'self'"),  # connections are not restricted
        ("default-src 'self'; connect-src 'none'", "default-src 'self'; connect-src 'none'"),
        (f"connect-src {SIDE_PATH_SOURCE}", f"connect-src {SIDE_PATH_SOURCE}"),
    ],
)
def test_a_csp_lets_the_page_reach_the_side_path(csp: str, expected: str) -> None:
    assert with_side_path(csp) == expected
