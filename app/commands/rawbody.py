"""Raw binary calls (Tauri v2's ``InvokeBody::Raw``): a page that calls
``invoke(cmd, uint8Array, {headers})`` sends bytes instead of named arguments; the command
gets them, with the headers, through a parameter annotated ``RawBody``. A command answers
bytes as an ``ArrayBuffer`` by returning ``Response(data)`` (Tauri's ``tauri::ipc::Response``;
``raw_response(data)`` is the same); plain ``bytes`` are a number array, as Tauri answers a
``Vec<u8>`` (spec §6.7, docs/bridge-protocol.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..events.binary import BINARY_TYPES, BYTES_KEY, as_bytes, as_numbers
from ..events.payload import DEFAULT_MAX_PAYLOAD_BYTES, encode_payload

__all__ = ["BYTES_KEY", "RawBody", "Response", "encode_result", "raw_response"]


@dataclass(frozen=True)
class RawBody:
    """A call's raw body and its headers (names as the page gave them)."""

    data: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


class Response:
    """A command's answer as raw bytes: ``invoke`` resolves to an ``ArrayBuffer`` of them
    (Tauri v2's ``tauri::ipc::Response``), in this project's API and both v2 packages'."""

    __slots__ = ("data",)

    def __init__(self, data: bytes | bytearray | memoryview) -> None:
        if not isinstance(data, BINARY_TYPES):
            raise TypeError(f"Response takes bytes, not {type(data).__qualname__}")
        self.data: bytes = as_bytes(data)

    def __repr__(self) -> str:
        return f"<Response of {len(self.data)} bytes>"


def raw_response(data: bytes | bytearray | memoryview) -> Response:
    """``Response(data)``: a result ``invoke`` resolves to as an ``ArrayBuffer``."""
    return Response(data)


def encode_result(result: object, max_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES) -> str:
    """A command's return value as JSON text (spec §6.7): a ``Response`` carries bytes, plain
    ``bytes`` become numbers (Tauri's ``Vec<u8>``), anything else is a payload (spec §6.1)."""
    if type(result) is Response:
        return encode_payload(result.data, max_bytes, side=True)  # large: a SideBytes
    if isinstance(result, BINARY_TYPES):
        return encode_payload(as_numbers(result), max_bytes)
    return encode_payload(result, max_bytes)
