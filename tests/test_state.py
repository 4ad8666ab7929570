"""Managed state (spec §17.8) without a browser: ``StateManager`` and how a command's
parameters get it, by ``State[T]`` or by the managed type itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from app import ArgumentError, State, StateNotManaged
from app.commands.registry import CommandRegistry
from app.commands.state import StateManager


class Counter:
    def __init__(self) -> None:
        self.value = 0


class Db:
    pass


class Context:  # stands for App / Window: a context type
    pass


@dataclass
class Point:
    x: int
    y: int


def registry() -> CommandRegistry:
    return CommandRegistry(context_types=(Context,))


def call(reg: CommandRegistry, name: str, args: dict[str, Any], states: StateManager) -> Any:
    command = reg.get(name)
    context: dict[type, object] = {StateManager: states} if command.takes_context else {}
    return command.function(**command.bind(args, context))


def test_manage_keeps_one_object_per_type() -> None:
    states = StateManager()
    first, second = Counter(), Counter()
    assert states.manage(first) is True
    assert states.manage(second) is False  # Tauri's rule: the first stays
    assert states.get(Counter) is first
    assert states.try_get(Db) is None
    with pytest.raises(StateNotManaged, match=r"no state of type Db is managed.*manage\(Db"):
        states.get(Db)


@pytest.mark.parametrize("value", [5, "text", [1], {"a": 1}, None, Context()])
def test_values_pages_send_and_context_types_cannot_be_state(value: object) -> None:
    with pytest.raises((ValueError, TypeError), match=r"manage\(None\)|cannot be managed state"):
        StateManager(reserved=(Context,)).manage(value)


def test_state_of_t_gets_the_managed_object() -> None:
    reg = registry()

    def bump(counter: State[Counter], by: int) -> int:
        counter.value += by
        return counter.value

    reg.register(bump)
    states = StateManager()
    counter = Counter()
    states.manage(counter)
    assert call(reg, "bump", {"by": 2}, states) == 2
    assert call(reg, "bump", {"by": 3}, states) == 5
    assert counter.value == 5


def test_state_of_t_not_managed_names_command_parameter_and_type() -> None:
    reg = registry()

    def bump(counter: State[Counter]) -> None:
        pass

    reg.register(bump)
    with pytest.raises(
        StateNotManaged, match=r"command 'bump': parameter 'counter': no state of type Counter"
    ):
        call(reg, "bump", {}, StateManager())


def test_a_page_cannot_pass_state() -> None:
    reg = registry()

    def bump(counter: State[Counter]) -> None:
        pass

    reg.register(bump)
    states = StateManager()
    states.manage(Counter())
    with pytest.raises(ArgumentError, match="unexpected argument 'counter'"):
        call(reg, "bump", {"counter": 1}, states)


def test_a_bare_class_gets_the_state_when_managed_else_is_an_argument() -> None:
    reg = registry()

    def where(point: Point) -> Any:
        return point

    def lookup(db: Db) -> Any:
        return db

    reg.register(where)
    reg.register(lookup)
    empty = StateManager()
    assert call(reg, "where", {"point": {"x": 1, "y": 2}}, empty) == Point(1, 2)
    with pytest.raises(ArgumentError, match=r"missing argument 'db' \(if it is app state: no"):
        call(reg, "lookup", {}, empty)
    states = StateManager()
    db, home = Db(), Point(0, 0)
    states.manage(db)
    states.manage(home)
    assert call(reg, "lookup", {}, states) is db
    assert call(reg, "where", {}, states) is home
    with pytest.raises(ArgumentError, match="is the app's Point state: a page cannot pass it"):
        call(reg, "where", {"point": {"x": 1, "y": 2}}, states)


def test_bad_state_annotations_are_refused_at_registration() -> None:
    reg = registry()

    def wants_int(n: State[int]) -> None:
        pass

    def wants_context(c: State[Context]) -> None:
        pass

    with pytest.raises(TypeError, match="command 'wants_int': parameter 'n': int cannot be"):
        reg.register(wants_int)
    with pytest.raises(TypeError, match="command 'wants_context': parameter 'c': Context"):
        reg.register(wants_context)


def test_plain_arguments_are_unchanged() -> None:
    reg = registry()

    def add(a: int, b: int = 1) -> int:
        return a + b

    reg.register(add)
    assert not reg.get("add").takes_context
    assert call(reg, "add", {"a": 2}, StateManager()) == 3
