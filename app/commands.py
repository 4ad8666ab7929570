"""Commands that pages call with ``invoke`` (SPEC 10): registration and argument binding."""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from .errors import CommandNotFound
from .names import check_event_name

F = TypeVar("F", bound=Callable[..., Any])
_NAME_ATTRIBUTE = "__qtauri_command__"
_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def command(fn: F | None = None, *, name: str | None = None) -> Any:
    """Mark a function as a command, optionally under another name than its own.

    Use as ``@command`` or ``@command(name="greet")``; then pass it to ``invoke_handler``.
    """

    def mark(target: F) -> F:
        setattr(target, _NAME_ATTRIBUTE, name or target.__name__)
        return target

    return mark(fn) if fn is not None else mark


def snake_case(name: str) -> str:
    """``userName`` -> ``user_name``: JS sends camelCase, Python parameters are snake_case."""
    return _CAMEL_HUMP.sub("_", name).lower()


@dataclass(frozen=True)
class Command:
    name: str
    function: Callable[..., Any]
    parameters: tuple[inspect.Parameter, ...]
    injected: Mapping[str, type]  # parameter name -> the context type it receives

    def bind(self, args: Mapping[str, Any], context: Mapping[type, object]) -> dict[str, Any]:
        """Map JS arguments to keyword arguments, injecting context parameters."""
        given = {snake_case(key): value for key, value in args.items()}
        kwargs: dict[str, Any] = {}
        for parameter in self.parameters:
            if parameter.name in self.injected:
                kwargs[parameter.name] = context.get(self.injected[parameter.name])
            elif parameter.name in given:
                kwargs[parameter.name] = given.pop(parameter.name)
            elif parameter.default is inspect.Parameter.empty:
                raise TypeError(f"command {self.name!r}: missing argument {parameter.name!r}")
        if given:
            extra = ", ".join(repr(key) for key in given)
            raise TypeError(f"command {self.name!r}: unexpected argument {extra}")
        return kwargs


class CommandRegistry:
    def __init__(self, context_types: tuple[type, ...]) -> None:
        self._context_types = context_types
        self._commands: dict[str, Command] = {}

    def register(self, function: Callable[..., Any]) -> Command:
        name = check_event_name(  # commands follow the naming rule of events
            getattr(function, _NAME_ATTRIBUTE, None) or getattr(function, "__name__", "")
        )
        if name in self._commands:
            raise ValueError(f"a command named {name!r} is already registered")
        hints = typing.get_type_hints(function)
        parameters = tuple(inspect.signature(function).parameters.values())
        for parameter in parameters:
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                raise TypeError(f"command {name!r}: *args and **kwargs cannot be matched by name")
        injected = {
            p.name: hints[p.name] for p in parameters if hints.get(p.name) in self._context_types
        }
        registered = Command(name, function, parameters, injected)
        self._commands[name] = registered
        return registered

    def invoke(self, name: str, args: Mapping[str, Any], context: Mapping[type, object]) -> Any:
        found = self._commands.get(name)
        if found is None:
            raise CommandNotFound(f"unknown command {name}")
        return found.function(**found.bind(args, context))

    def names(self) -> list[str]:
        return list(self._commands)
