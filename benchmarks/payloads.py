"""The payloads of the common-path figures: what apps emit (issue 18), about 50 bytes of JSON
each, made anew for every event as an app makes them; and the table of the encoding figure."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import pydantic

PAD = "x" * 30


@dataclasses.dataclass
class Row:
    seq: int
    pad: str


class RowModel(pydantic.BaseModel):
    seq: int
    pad: str


def as_dict(seq: int) -> object:
    return {"seq": seq, "pad": PAD}


def as_list(seq: int) -> object:
    return [seq, PAD]


def as_dataclass(seq: int) -> object:
    return Row(seq, PAD)


def as_model(seq: int) -> object:
    return RowModel(seq=seq, pad=PAD)


KINDS: dict[str, Callable[[int], object]] = {
    "a dict": as_dict,
    "a list": as_list,
    "a dataclass": as_dataclass,
    "a pydantic model": as_model,
}


def rows_of(size: int) -> list[dict[str, object]]:
    """A list of small objects (an app's table or log lines: an id, a short string, a flag)
    whose JSON is about ``size`` bytes: the large figures' second shape, next to one string."""
    rows: list[dict[str, object]] = []
    length = 1  # the JSON text's length so far: "[", the rows and their commas, "]"
    while length < size:
        row = {"id": len(rows), "name": f"item {len(rows)}", "done": len(rows) % 2 == 0}
        rows.append(row)
        length += len(json.dumps(row, separators=(",", ":"))) + 1
    return rows


def table_with_nulls(rows: int = 10_000) -> list[dict[str, object]]:
    """Rows of a table as a database returns them: a third have a ``None`` field."""
    return [
        {"id": i, "name": f"row {i}", "score": i * 0.5, "note": None if i % 3 == 0 else "ok"}
        for i in range(rows)
    ]
