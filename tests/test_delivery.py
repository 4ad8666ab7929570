"""How batches are addressed (docs/bridge-protocol.md): to one document, numbered in its
stream; and how a page's requests are read. No browser: the page's side is checked by the JS
unit tests."""

from __future__ import annotations

import json

import pytest

from app.bridge.protocol import batch_for, decode_request
from app.errors import BridgeMessageError
from app.events.pages import PageState, TokenCheck
from tests.router_harness import RouterHarness


def test_answers_to_a_document_that_is_not_current_are_addressed_to_it() -> None:
    assert json.loads(batch_for('x"y', ['{"t":"result","call":1,"ok":null}'])) == [
        'x"y',
        0,  # outside its stream, if it has one
        {"t": "result", "call": 1, "ok": None},
    ]


def test_every_batch_names_the_document_it_is_for_and_its_place_in_the_stream() -> None:
    harness = RouterHarness(("A",))
    harness.js("A", "e")
    heads = []
    for payload in range(3):
        harness.emit("e", payload, backend=False)
        ((_label, batch),) = harness.router.take_batches()
        heads.append(json.loads(batch)[:2])
    assert heads == [["token-A", 2], ["token-A", 3], ["token-A", 4]]  # 1: the window list
    harness.router.page_loading("A")  # a new document: a new stream
    harness.router.check_page("A", "next-document")
    ((_label, batch),) = harness.router.take_batches()
    assert json.loads(batch)[:2] == ["next-document", 1]


def test_nothing_leaves_for_a_page_before_a_document_connects_and_tokens_are_checked() -> None:
    page = PageState("A")
    page.queue('{"t":"windows","labels":["A"]}')
    assert page.take_batch() is None  # kept: there is no document to address yet
    harness = RouterHarness(("A",), connect=False)
    router = harness.router
    for bad in ("", "x" * 65, 'a"b', "a b", "é"):
        assert router.check_page("A", bad) is TokenCheck.UNKNOWN
    assert not router.is_connected("A")
    assert router.check_page("A", "0f3c-doc") is TokenCheck.NEW
    ((_label, batch),) = router.take_batches()
    assert json.loads(batch)[:2] == ["0f3c-doc", 1]


@pytest.mark.parametrize(
    "text",
    [
        # Read by orjson: every value a plain scalar.
        '{"kind":"emit","event":"a","payload":"[1.5,2]","call":3}',
        # Values orjson would read as floats, and text it refuses: read by json, exactly.
        '{"kind":"invoke","args":{"n":123456789012345678901234567890}}',
        '{"kind":"unlisten","id":18446744073709551616}',
        '{"kind":"emit","event":"\\ud800"}',
        '{"kind":"window","args":[1e400]}',
    ],
)
def test_requests_are_read_exactly_as_json_reads_them(text: str) -> None:
    request = decode_request(text)
    assert request == json.loads(text)
    assert [type(v) for v in request.values()] == [type(v) for v in json.loads(text).values()]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[1]", "must be a JSON object"),
        ('{"a":NaN}', "not valid JSON"),
        ('{"a":1', "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
    ],
)
def test_bad_requests_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(BridgeMessageError, match=reason):
        decode_request(text)
