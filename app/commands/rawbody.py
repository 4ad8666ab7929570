"""Raw binary calls (Tauri v2's ``InvokeBody::Raw``): a page that calls
``invoke(cmd, uint8Array, {headers})`` sends bytes instead of named arguments; the command
gets them, with the headers, through a parameter annotated ``RawBody``. A command answers
bytes to the v2 packages' ``invoke`` as an ``ArrayBuffer`` by returning ``raw_response(data)``
(docs/bridge-protocol.md)."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field

# The key of a result that the page turns into an ArrayBuffer (frontend/api/global/tauri-v2.js).
BYTES_KEY = "__qtauri_bytes__"


@dataclass(frozen=True)
class RawBody:
    """A call's raw body and its headers (names as the page gave them)."""

    data: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


def raw_response(data: bytes) -> dict[str, str]:
    """A result the v2 packages' ``invoke`` resolves to as an ``ArrayBuffer`` of ``data``."""
    return {BYTES_KEY: base64.b64encode(data).decode("ascii")}
