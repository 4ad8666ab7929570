"""Managed state (Tauri v2's ``manage`` and ``State<T>``, spec §17.8): one object per type,
given to the commands whose parameters ask for that type. Plain Python, any thread."""

from __future__ import annotations

import threading
import typing
from typing import Annotated, Any, TypeVar

from ..errors import StateNotManaged

T = TypeVar("T")


class _StateMark:
    def __repr__(self) -> str:
        return "STATE"


STATE_MARK = _StateMark()

# ``def count(counter: State[Counter])``: the parameter gets the managed ``Counter``. It is
# ``Counter`` itself to type checkers (an ``Annotated`` alias), so no wrapper to unpack.
State = Annotated[T, STATE_MARK]

# Types whose values pages send: managed, they would take every parameter annotated so.
_REFUSED = (type(None), bool, int, float, complex, str, bytes, bytearray, list, tuple, dict, set)


def state_type(annotation: Any) -> type | None:
    """``T`` of ``State[T]`` (as ``typing.get_type_hints(..., include_extras=True)`` gives it),
    else ``None``."""
    if typing.get_origin(annotation) is Annotated:
        base, *marks = typing.get_args(annotation)
        if any(mark is STATE_MARK for mark in marks):
            if not isinstance(base, type):
                raise TypeError(f"State[{base!r}]: a state type is a class")
            return base
    return None


def check_state_type(kind: type, reserved: tuple[type, ...] = ()) -> None:
    """Refuse types that cannot be state: values pages send, and the context types."""
    if kind in _REFUSED or kind in reserved:
        raise ValueError(
            f"{kind.__name__} cannot be managed state: parameters annotated {kind.__name__} "
            "take what the page sends (or the call's context); wrap the value in a class of "
            "your own"
        )


class StateManager:
    """One instance per type, as Tauri's: ``manage`` a second object of a type keeps the first
    (and returns ``False``)."""

    def __init__(self, reserved: tuple[type, ...] = ()) -> None:
        self._lock = threading.Lock()
        self._by_type: dict[type, object] = {}
        self._reserved = reserved

    def manage(self, state: object) -> bool:
        if state is None:
            raise TypeError("manage(None): give the object commands should receive")
        kind = type(state)
        check_state_type(kind, self._reserved)
        with self._lock:
            if kind in self._by_type:
                return False
            self._by_type[kind] = state
            return True

    def __contains__(self, kind: object) -> bool:
        return kind in self._by_type

    def try_get(self, kind: type[T]) -> T | None:
        found = self._by_type.get(kind)
        return typing.cast("T | None", found)

    def get(self, kind: type[T]) -> T:
        found = self._by_type.get(kind)
        if found is None:
            raise StateNotManaged(not_managed(kind))
        return typing.cast("T", found)


def not_managed(kind: type) -> str:
    name = kind.__qualname__
    return (
        f"no state of type {name} is managed: call app.manage({name}(...)) or "
        f"Builder().manage({name}(...)) first"
    )
