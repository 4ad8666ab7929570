"""Bytes as payloads (spec §6.7), without a browser: how they are written and read."""

from __future__ import annotations

import base64
import json

import pytest

from app.commands.rawbody import Response, encode_result, raw_response
from app.errors import PayloadTooLarge
from app.events.binary import BYTES_KEY, decode_bytes
from app.events.payload import encode_payload


def carried(text: str) -> bytes:
    value = json.loads(text)
    assert list(value) == [BYTES_KEY]
    return base64.b64decode(value[BYTES_KEY])


def test_a_bytes_payload_is_the_object_that_carries_bytes() -> None:
    assert carried(encode_payload(b"\x00\xff")) == b"\x00\xff"
    assert carried(encode_payload(bytearray(b"ab"))) == b"ab"
    assert carried(encode_payload(memoryview(b"abcdef")[1::2])) == b"bdf"
    assert carried(encode_payload(b"")) == b""


def test_bytes_inside_a_payload_are_numbers() -> None:
    text = encode_payload({"a": b"\x01\x02", "b": [memoryview(b"\x03")], "c": None})
    assert json.loads(text) == {"a": [1, 2], "b": [[3]], "c": None}


def test_the_size_limit_counts_the_bytes() -> None:
    assert carried(encode_payload(b"x" * 100, max_bytes=100)) == b"x" * 100
    with pytest.raises(PayloadTooLarge, match="101 bytes"):
        encode_payload(b"x" * 101, max_bytes=100)


def test_a_page_s_bytes_are_read_back_and_bad_base64_is_an_error() -> None:
    assert decode_bytes({BYTES_KEY: base64.b64encode(b"\x07").decode()}) == b"\x07"
    assert decode_bytes({BYTES_KEY: "AA==", "other": 1}) is None  # not the carrier: a dict
    assert decode_bytes({BYTES_KEY: 5}) is None
    assert decode_bytes("AA==") is None
    with pytest.raises(ValueError, match="not base64"):
        decode_bytes({BYTES_KEY: "not base64!"})


def test_results_response_is_bytes_plain_bytes_are_numbers() -> None:
    assert carried(encode_result(Response(b"\x01"))) == b"\x01"
    assert carried(encode_result(raw_response(bytearray(b"\x02")))) == b"\x02"
    assert json.loads(encode_result(b"\x01\x02")) == [1, 2]
    assert json.loads(encode_result({"k": 1})) == {"k": 1}
    with pytest.raises(TypeError, match="Response takes bytes, not str"):
        Response("text")  # type: ignore[arg-type]
