"""Bytes as payloads (spec §6.6): how ``bytes``, ``bytearray`` and ``memoryview`` travel.

A payload (an event's, a ``Channel`` message, a command's ``Response``) that *is* bytes goes
as one JSON object, ``{"__qtauri_bytes__": "<base64>"}``, in the page's one ordered stream,
and the page hands it on as bytes (``frontend/api/global/binary.js``). Bytes *inside* a dict
or a list are a JSON array of numbers, as Tauri's serde writes a ``Vec<u8>``.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from ..errors import PayloadTooLarge

BYTES_KEY = "__qtauri_bytes__"
"""The one key of the object that carries bytes (read by binary.js and tauri-v2.js)."""

BINARY_TYPES = (bytes, bytearray, memoryview)

_PREFIX = '{"' + BYTES_KEY + '":"'


def is_binary(value: object) -> bool:
    """Whether ``value`` is a payload that travels as bytes."""
    return isinstance(value, BINARY_TYPES)


def as_bytes(value: bytes | bytearray | memoryview) -> bytes:
    """The bytes of ``value`` (a ``memoryview`` of any format or shape, read in C order)."""
    return value if type(value) is bytes else bytes(value)


def encode_bytes(value: bytes | bytearray | memoryview, max_bytes: int) -> str:
    """``value`` as the JSON text that carries bytes; ``PayloadTooLarge`` over ``max_bytes``
    (counted on the bytes themselves, so the limit means what it says for binary data)."""
    size = value.nbytes if isinstance(value, memoryview) else len(value)
    if size > max_bytes:
        raise PayloadTooLarge(f"payload is {size} bytes, over the limit of {max_bytes}")
    data = value if isinstance(value, bytes | bytearray) or value.c_contiguous else bytes(value)
    return _PREFIX + binascii.b2a_base64(data, newline=False).decode("ascii") + '"}'


def as_numbers(value: bytes | bytearray | memoryview) -> list[int]:
    """Bytes inside a payload: a list of numbers, as Tauri writes a ``Vec<u8>``."""
    return list(as_bytes(value))


def decode_bytes(value: Any) -> bytes | None:
    """The bytes a page sent, if ``value`` (a decoded JSON payload) is the object that carries
    them; ``None`` for any other value. ``ValueError`` if it is that object but not base64."""
    if type(value) is not dict or len(value) != 1:
        return None
    text = value.get(BYTES_KEY)
    if type(text) is not str:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise ValueError(f"payload: bytes that are not base64: {error}") from None
