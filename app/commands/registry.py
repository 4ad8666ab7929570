"""Commands that pages call with ``invoke`` (spec §10): registration, and turning the JSON
arguments of a call into the keyword arguments of the Python function.

Arguments are matched by name, camelCase keys to snake_case parameters. Parameters annotated
with a context type (``Window``, ``App``) receive the caller's; one annotated ``Channel``
receives the stream the page passed (Tauri v2's ``Channel``, sent as ``__CHANNEL__:<id>``).
Other annotated parameters are checked with JSON's rules, strictly (``"1"`` is no ``int``),
and built into what the annotation asks for: a dataclass or pydantic model from a JSON object,
a tuple from an array, and so on.
"""

from __future__ import annotations

import inspect
import json
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

from ..errors import ArgumentError, CommandNotFound, StateNotManaged
from ..events.names import check_event_name
from .channel import Channel, parse_channel_id
from .state import StateManager, check_state_type, not_managed, state_type

if TYPE_CHECKING:
    from pydantic import TypeAdapter

F = TypeVar("F", bound=Callable[..., Any])
_OPTIONS_ATTRIBUTE = "__qtauri_command__"
_UNCHECKED = (inspect.Parameter.empty, Any, object)


@dataclass(frozen=True)
class CommandOptions:
    name: str | None = None
    thread: bool = False


@overload
def command(fn: F, /) -> F: ...
@overload
def command(*, name: str | None = None, thread: bool = False) -> Callable[[F], F]: ...


def command(
    fn: F | None = None, *, name: str | None = None, thread: bool = False
) -> F | Callable[[F], F]:
    """Mark a function as a command; then pass it to ``Builder().invoke_handler``.

    ``@command``, ``@command(name="greet")``; ``thread=True`` runs each call on a worker
    thread instead of the GUI thread. ``async def`` commands run on the asyncio loop.
    """

    def mark(target: F) -> F:
        setattr(target, _OPTIONS_ATTRIBUTE, CommandOptions(name, thread))
        return target

    return mark(fn) if fn is not None else mark


def camel_case(name: str) -> str:
    """``user_name`` -> ``userName``, ``get_x_y`` -> ``getXY``: how JS spells a parameter."""
    first, *rest = name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


@dataclass(frozen=True)
class Parameter:
    name: str
    annotation: Any
    required: bool
    context: type | None  # the context type it receives, if any
    command: str = field(repr=False)
    channel: bool = False  # receives a Channel, opened from the page's channel id
    # State[T]: always the managed T. A bare class: the managed one if that type is managed
    # when the command is called, else an argument (spec §17.8).
    state: type | None = None
    state_only: bool = False

    @cached_property
    def adapter(self) -> TypeAdapter[Any] | None:
        if self.annotation in _UNCHECKED:
            return None
        from pydantic import PydanticUserError, TypeAdapter  # imported on first use (startup)

        try:
            return TypeAdapter(self.annotation)
        except PydanticUserError as error:  # e.g. typing.TypedDict before Python 3.12
            raise TypeError(
                f"command {self.command!r}: parameter {self.name!r}: cannot check values of "
                f"{self.annotation!r}: {error.message}"
            ) from None

    def convert(self, value: object) -> object:
        if self.adapter is None:
            return value
        from pydantic import ValidationError

        try:
            return self.adapter.validate_json(json.dumps(value), strict=True)
        except ValidationError as error:
            details = error.errors(include_url=False)
            first = details[0]
            where = "".join(f"[{part!r}]" for part in first["loc"])
            raise ArgumentError(
                f"command {self.command!r}: argument {self.name!r}{where}: {first['msg']}",
                data=json.loads(error.json(include_url=False)),
            ) from None


@dataclass(frozen=True)
class Command:
    name: str
    function: Callable[..., Any]
    parameters: tuple[Parameter, ...]
    in_thread: bool
    is_async: bool

    @cached_property
    def keys(self) -> dict[str, str]:
        """JS key -> parameter name, for the camelCase spelling of each parameter."""
        return {
            camel_case(p.name): p.name
            for p in self.parameters
            if p.context is None and not p.state_only
        }

    @cached_property
    def takes_context(self) -> bool:
        """Whether a parameter gets something of the call's context (a Channel, state too)."""
        return any(
            p.context is not None or p.channel or p.state is not None for p in self.parameters
        )

    def bind(self, args: Mapping[str, Any], context: Mapping[type, object]) -> dict[str, Any]:
        """Map a call's JSON arguments to keyword arguments, checked, with context injected.

        A parameter ``user_name`` takes the key ``userName`` (Tauri's rule) or ``user_name``.
        """
        given: dict[str, Any] = {}
        for key, value in args.items():
            name = self.keys.get(key, key)
            if name in given:
                raise ArgumentError(f"command {self.name!r}: argument {name!r} given twice")
            given[name] = value
        self._refuse_unexpected(given)
        kwargs: dict[str, Any] = {}
        states = context.get(StateManager)
        if not isinstance(states, StateManager):
            states = None
        for parameter in self.parameters:
            if parameter.context is not None:
                kwargs[parameter.name] = context.get(parameter.context)
            elif parameter.state is not None and (
                parameter.state_only or (states is not None and parameter.state in states)
            ):
                kwargs[parameter.name] = self._state(parameter, states, given)
            elif parameter.channel and parameter.name in given:
                kwargs[parameter.name] = self._open_channel(
                    parameter, given.pop(parameter.name), context
                )
            elif parameter.name in given:
                kwargs[parameter.name] = parameter.convert(given.pop(parameter.name))
            elif parameter.required:
                hint = ""
                if parameter.state is not None:  # maybe state the app forgot to manage
                    hint = f" (if it is app state: {not_managed(parameter.state)})"
                raise ArgumentError(
                    f"command {self.name!r}: missing argument {parameter.name!r}{hint}"
                )
        return kwargs

    def _state(
        self, parameter: Parameter, states: StateManager | None, given: Mapping[str, Any]
    ) -> object:
        assert parameter.state is not None
        where = f"command {self.name!r}: parameter {parameter.name!r}"
        if parameter.name in given:
            raise ArgumentError(
                f"{where} is the app's {parameter.state.__qualname__} state: a page cannot pass it"
            )
        found = states.try_get(parameter.state) if states is not None else None
        if found is None:
            raise StateNotManaged(f"{where}: {not_managed(parameter.state)}")
        return found

    def _refuse_unexpected(self, given: Mapping[str, Any]) -> None:
        """Name the keys no parameter takes, before any missing one: a misspelt ``nme`` is
        the mistake to report, not the ``name`` it left missing."""
        known = [p.name for p in self.parameters if p.context is None and not p.state_only]
        extra = [key for key in given if key not in known]
        if not extra:
            return
        import difflib  # here: only errors need it (6-9 ms at every start otherwise)

        hints = [
            f"did you mean {close[0]!r}?"
            for key in extra
            if (close := difflib.get_close_matches(key, [*known, *self.keys], n=1))
        ]
        takes = ", ".join(repr(camel_case(name)) for name in known) or "no arguments"
        raise ArgumentError(
            f"command {self.name!r}: unexpected argument {', '.join(map(repr, extra))}"
            + (f" ({' '.join(hints)})" if hints else f" (it takes {takes})")
        )

    def _open_channel(
        self, parameter: Parameter, value: object, context: Mapping[type, object]
    ) -> Channel[Any]:
        where = f"command {self.name!r}: argument {parameter.name!r}"
        opener = context.get(Channel)
        if opener is None:
            raise ArgumentError(f"{where}: a Channel needs a calling page")
        try:
            channel_id = parse_channel_id(value)
        except ValueError as error:
            raise ArgumentError(f"{where}: {error}") from None
        return cast("Callable[[int], Channel[Any]]", opener)(channel_id)


def _is_channel(annotation: Any) -> bool:
    """``Channel``, ``Channel[T]``, or either ``| None``."""
    members = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        members = [annotation]
    return len(members) == 1 and (members[0] is Channel or typing.get_origin(members[0]) is Channel)


def _may_be_state(annotation: Any) -> bool:
    """A parameter annotated with a class of the app's own (not a value pages send) gets the
    managed object of that class, if there is one when the command is called."""
    if not isinstance(annotation, type):
        return False
    try:
        check_state_type(annotation)
    except ValueError:
        return False
    return True


def command_name(function: object) -> str:
    """The name pages invoke ``function`` by: ``@command(name=...)``'s, or its own."""
    options = getattr(function, _OPTIONS_ATTRIBUTE, CommandOptions())
    return str(options.name or getattr(function, "__name__", ""))


class CommandRegistry:
    def __init__(self, context_types: tuple[type, ...]) -> None:
        self._context_types = context_types
        self._commands: dict[str, Command] = {}
        self._plugins: set[str] = set()

    def register(self, function: Callable[..., Any], *, plugin: str | None = None) -> Command:
        """Register ``function`` under its name, or as ``plugin:<plugin>|<name>``: a plugin's
        command, which its bare name does not reach."""
        options = getattr(function, _OPTIONS_ATTRIBUTE, CommandOptions())
        # command names follow the naming rule of events
        name = check_event_name(command_name(function))
        if plugin is not None:
            self._plugins.add(plugin)
            name = f"plugin:{plugin}|{name}"
        if name in self._commands:
            raise ValueError(f"a command named {name!r} is already registered")
        is_async = inspect.iscoroutinefunction(function)
        if is_async and options.thread:
            raise ValueError(f"command {name!r}: an async command cannot also ask for a thread")
        registered = Command(
            name, function, self._parameters(name, function), options.thread, is_async
        )
        self._commands[name] = registered
        return registered

    def _parameters(self, name: str, function: Callable[..., Any]) -> tuple[Parameter, ...]:
        hints = typing.get_type_hints(function)
        extras = typing.get_type_hints(function, include_extras=True)
        parameters = []
        for parameter in inspect.signature(function).parameters.values():
            if parameter.kind in (
                parameter.VAR_POSITIONAL,
                parameter.VAR_KEYWORD,
                parameter.POSITIONAL_ONLY,
            ):
                raise TypeError(
                    f"command {name!r}: parameter {parameter.name!r} cannot be matched by name "
                    "(no *args, **kwargs or positional-only parameters)"
                )
            annotation = hints.get(parameter.name, inspect.Parameter.empty)
            context = self._context_type(annotation)
            required = parameter.default is inspect.Parameter.empty
            channel = _is_channel(annotation)
            state = state_type(extras.get(parameter.name))
            explicit = state is not None
            if state is not None:
                try:
                    check_state_type(state, (*self._context_types, Channel))
                except ValueError as error:
                    raise TypeError(
                        f"command {name!r}: parameter {parameter.name!r}: {error}"
                    ) from None
            elif context is None and not channel and _may_be_state(annotation):
                state = annotation
            parameters.append(
                Parameter(
                    parameter.name,
                    annotation,
                    required,
                    context,
                    name,
                    channel,
                    state=state,
                    state_only=explicit,
                )
            )
        return tuple(parameters)

    def _context_type(self, annotation: Any) -> type | None:
        """``Window``, or ``Window | None``: the context type a parameter receives, if any."""
        if annotation in self._context_types:
            return annotation  # type: ignore[no-any-return]
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) == 1 and members[0] in self._context_types:
            return members[0]  # type: ignore[no-any-return]
        return None

    def __iter__(self) -> Iterator[Command]:
        """The registered commands, in registration order."""
        return iter(list(self._commands.values()))

    def add_plugin(self, plugin: str) -> None:
        """Know ``plugin`` (even with no commands): its unknown commands are named so."""
        self._plugins.add(plugin)

    def get(self, name: str) -> Command:
        found = self._commands.get(name)
        if found is None:
            raise CommandNotFound(self._not_found(name))
        return found

    def _not_found(self, name: str) -> str:
        # Tauri's messages: "plugin <name> not found", "command <cmd> not found".
        if name.startswith("plugin:") and "|" in name:
            plugin, _, command = name[len("plugin:") :].partition("|")
            if plugin not in self._plugins:
                return f"plugin {plugin} not found"
            return f"command {command} not found"
        # A plugin's commands are not among the names a bare call may mean.
        bare = [known for known in self._commands if not known.startswith("plugin:")]
        return unknown_command_message(name, bare)


def unknown_command_message(name: str, registered: list[str]) -> str:
    """``unknown command <name>`` (spec §10's words, which the Tauri packages' callers see),
    then the registered names, the closest to ``name`` first."""
    if not registered:
        return f"unknown command {name}; no commands are registered (Builder.invoke_handler)"
    import difflib  # here: only errors need it (6-9 ms at every start otherwise)

    close = difflib.get_close_matches(name, registered, n=len(registered), cutoff=0.0)
    return f"unknown command {name}; registered: {', '.join(close)}"
