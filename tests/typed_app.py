"""A small app with typed commands and declared events: the Python side of the sample
frontend in tests/typescript/, whose declarations ``python -m app types`` writes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Literal

import pydantic

from app import Builder, Window, command


@dataclass
class Note:
    title: str
    tags: list[str] = field(default_factory=list)


class User(pydantic.BaseModel):
    name: str
    age: int | None = None


class Shade(enum.Enum):
    RED = "red"
    GREEN = "green"


@command
def save_note(note: Note, window: Window) -> Note:
    """Save a note from a window."""
    return note


@command(name="get-user")
def get_user(user_id: int) -> User | None:
    return User(name="Ada", age=36) if user_id == 1 else None


@command
def add(left: int, right: int) -> int:
    return left + right


@command
def shade() -> Shade:
    return Shade.GREEN


@command
def ping() -> None:
    pass


@command(name="set-mode")
def set_mode(mode: Literal["a", "b"]) -> str:
    return mode


def builder() -> Builder:
    return (
        Builder()
        .invoke_handler(save_note, get_user, add, shade, ping, set_mode)
        .events({"note-saved": Note, "progress": float, "ping-event": None})
    )
