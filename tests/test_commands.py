"""Commands (spec §10) from real pages: arguments, injection, validation, errors, threads and
coroutines, and the guide's init_process example."""

from __future__ import annotations

import asyncio
import dataclasses
import enum
import sys
import threading
import typing
from collections.abc import Callable
from typing import Any

import pydantic
import pytest
import typing_extensions

from app import App, ArgumentError, Window, WindowNotFound, command
from app.commands.registry import CommandRegistry
from app.testing import AppErrors
from tests.conftest import page_config
from tests.js import JsError, eval_js, wait_js, wait_loaded


@dataclasses.dataclass
class Point:
    x: int
    y: int


class User(pydantic.BaseModel):
    name: str
    age: int


def add(left_value: int, right_value: int = 0) -> int:
    return left_value + right_value


def untyped(value, other=None):
    return [value, other]


def shapes(point: Point, user: User, pair: tuple[int, str], tags: list[str] | None = None) -> Any:
    return {"point": point, "user": user, "pair": pair, "tags": tags}


def whoami(window: Window, app: App, greeting: str = "hi") -> list[Any]:
    return [greeting, window.label, list(app.windows())]


class Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.data = {"code": 403}


def refuse() -> None:
    raise Refused("not for you")


def bad_result() -> object:
    return {1, 2}


@command(name="renamed")
def original_name() -> str:
    return "renamed works"


COMMANDS = (add, untyped, shapes, whoami, refuse, bad_result, original_name)


pytestmark = [pytest.mark.webengine, pytest.mark.app("pages", commands=COMMANDS)]


def invoke(qtbot: Any, app: App, call: str, window: str = "main") -> Any:
    return eval_js(qtbot, app.window(window), call)


def test_arguments_by_name_with_camel_case_keys(app: App, qtbot: Any) -> None:
    assert invoke(qtbot, app, "api.invoke('add', {leftValue: 2, rightValue: 3})") == 5
    assert invoke(qtbot, app, "api.invoke('add', {left_value: 2})") == 2
    assert invoke(qtbot, app, "api.invoke('untyped', {value: {a: [1]}})") == [{"a": [1]}, None]
    assert invoke(qtbot, app, "api.invoke('renamed')") == "renamed works"


def test_window_and_app_parameters_are_injected(app: App, qtbot: Any) -> None:
    assert invoke(qtbot, app, "api.invoke('whoami')", "other") == ["hi", "other", ["main", "other"]]
    with pytest.raises(JsError, match="unexpected argument 'window'"):
        invoke(qtbot, app, "api.invoke('whoami', {window: 'main', greeting: 'x'})")


def test_dataclass_pydantic_and_tuple_parameters_are_built_from_json(app: App, qtbot: Any) -> None:
    result = invoke(
        qtbot,
        app,
        "api.invoke('shapes', {point: {x: 1, y: 2}, user: {name: 'Ada', age: 36}, pair: [1, 'a']})",
    )
    assert result == {
        "point": {"x": 1, "y": 2},
        "user": {"name": "Ada", "age": 36},
        "pair": [1, "a"],
        "tags": None,
    }


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("api.invoke('add', {})", "command 'add': missing argument 'left_value'"),
        (
            "api.invoke('add', {leftValue: 1, extra: 2})",
            "command 'add': unexpected argument 'extra'",
        ),
        (
            "api.invoke('add', {leftValue: '1'})",
            "command 'add': argument 'left_value': Input should",
        ),
        (
            "api.invoke('shapes', {point: {x: 1}, user: {name: 'a', age: 1}, pair: [1, 'a']})",
            "command 'shapes': argument 'point'['y']: Field required",
        ),
        (
            "api.invoke('shapes', {point: {x: 1, y: 2}, user: {name: 'a', age: 'old'},"
            " pair: [1, 'a']})",
            "argument 'user'['age']: Input should be a valid integer",
        ),
        (
            "api.invoke('shapes', {point: {x: 1, y: 2}, user: {name: 'a', age: 1}, pair: [1]})",
            "argument 'pair'",
        ),
    ],
)
def test_bad_arguments_reject_naming_command_and_argument(
    app: App, qtbot: Any, call: str, message: str
) -> None:
    with pytest.raises(JsError) as error:
        invoke(qtbot, app, call)
    assert error.value.name == "ArgumentError"
    assert message in error.value.message


def test_type_errors_carry_the_details_as_data(app: App, qtbot: Any) -> None:
    details = invoke(
        qtbot,
        app,
        "api.invoke('add', {leftValue: 'x'})"
        ".catch((e) => [e.name, e.data[0].type, e.data[0].input])",
    )
    assert details == ["ArgumentError", "int_type", "x"]


def test_unknown_commands_and_raised_exceptions_reject_with_name_message_and_data(
    app: App, qtbot: Any, app_errors: AppErrors
) -> None:
    with pytest.raises(JsError, match="CommandNotFound: unknown command nope"):
        invoke(qtbot, app, "api.invoke('nope')")
    caught = invoke(qtbot, app, "api.invoke('refuse').catch((e) => [e.name, e.message, e.data])")
    assert caught == ["Refused", "not for you", {"code": 403}]
    assert [str(error) for error in app_errors.take(Refused)] == ["not for you"]
    # What the command returned is named as such, not as a payload.
    with pytest.raises(JsError, match="TypeError: return value: a value of type set"):
        invoke(qtbot, app, "api.invoke('bad_result')")
    assert invoke(qtbot, app, "api.invoke('add', {leftValue: 1})") == 1  # still running


# -- threads and coroutines ---------------------------------------------------------------


def test_threaded_and_async_commands_run_without_blocking_events(
    make_app: Callable[..., App], qtbot: Any, app_errors: AppErrors
) -> None:
    gate = threading.Event()
    where: dict[str, int] = {}

    @command(thread=True)
    def slow_threaded(value: int) -> int:
        where["threaded"] = threading.get_ident()
        assert gate.wait(10), "the test never opened the gate"
        return value * 2

    @command
    async def slow_async(value: int) -> int:
        where["async"] = threading.get_ident()
        await asyncio.sleep(0.05)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, gate.wait, 10)
        return value + 1

    @command
    async def failing_async() -> None:
        await asyncio.sleep(0)
        raise LookupError("async failure")

    app = make_app(
        page_config("main", "other"), commands=(slow_threaded, slow_async, failing_async)
    )
    wait_loaded(qtbot, app)
    main, other = app.window("main"), app.window("other")
    eval_js(
        qtbot,
        main,
        "(window.threaded = api.invoke('slow_threaded', {value: 21}),"
        " window.coroutine = api.invoke('slow_async', {value: 41}), 1)",
    )
    # Both commands are running; events still flow to the other window, and back.
    eval_js(qtbot, other, "api.listen('tick', record('tick'))")
    for n in range(5):
        app.emit_all("tick", n)
    wait_js(qtbot, other, "tagged('tick').length === 5")
    gate.set()
    assert eval_js(qtbot, main, "Promise.all([window.threaded, window.coroutine])") == [42, 42]
    assert where["threaded"] != threading.get_ident()
    assert where["async"] == threading.get_ident()  # coroutines run on the GUI thread
    with pytest.raises(JsError, match="LookupError: async failure"):
        eval_js(qtbot, main, "api.invoke('failing_async')")
    assert [where for _error, where in app_errors] == ["command 'failing_async'"]
    app_errors.clear()


def test_a_result_for_a_reloaded_page_is_dropped(
    make_app: Callable[..., App], qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG", logger="app.bridge.hub")
    gate = threading.Event()
    done = threading.Event()

    @command(thread=True)
    def waits() -> str:
        gate.wait(10)
        done.set()
        return "late"

    app = make_app(page_config("main"), commands=(waits, add))
    wait_loaded(qtbot, app)
    main = app.window("main")
    eval_js(qtbot, main, "(api.invoke('waits'), 1)")
    with qtbot.waitSignal(main.page.loadFinished):
        main.page.triggerAction(main.page.WebAction.Reload)
    gate.set()
    qtbot.waitUntil(lambda: "dropped a message for a page that is gone" in caplog.text)
    assert done.is_set()
    assert eval_js(qtbot, main, "api.invoke('add', {leftValue: 1})") == 1


# -- the guide's window-specific example ---------------------------------------------------


def test_init_process_emits_to_its_window_until_it_closes(
    make_app: Callable[..., App], qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    threads: list[threading.Thread] = []
    stopped: list[str] = []

    @command
    def init_process(window: Window) -> None:
        def run() -> None:
            while True:
                try:
                    window.emit("event-name", {"message": "Tauri is awesome!"})
                except WindowNotFound:
                    stopped.append(window.label)
                    return
                threading.Event().wait(0.02)

        thread = threading.Thread(target=run)
        threads.append(thread)
        thread.start()

    app = make_app(page_config("main", "other"), commands=(init_process,))
    wait_loaded(qtbot, app)
    main, other = app.window("main"), app.window("other")
    for window in (main, other):
        eval_js(qtbot, window, "api.appWindow.listen('event-name', record('e'))")
    eval_js(qtbot, other, "api.invoke('init_process')")
    wait_js(qtbot, other, "tagged('e').length >= 3")
    assert [e["payload"] for e in eval_js(qtbot, other, "tagged('e').slice(0, 1)")] == [
        {"message": "Tauri is awesome!"}
    ]
    other.close()
    (thread,) = threads
    qtbot.waitUntil(lambda: not thread.is_alive())
    assert stopped == ["other"]
    assert eval_js(qtbot, main, "tagged('e').length") == 0  # only the calling window heard it
    assert "Traceback" not in caplog.text


# -- registration ---------------------------------------------------------------------------


def test_registration_errors() -> None:
    registry = CommandRegistry(context_types=(Window,))
    registry.register(add)
    with pytest.raises(ValueError, match="already registered"):
        registry.register(add)
    with pytest.raises(ValueError, match="invalid event name 'bad name'"):
        registry.register(command(name="bad name")(add))

    def star(*args: int) -> None: ...

    with pytest.raises(TypeError, match=r"\*args"):
        registry.register(star)

    @command(thread=True)
    async def both() -> None: ...

    with pytest.raises(ValueError, match="cannot also ask for a thread"):
        registry.register(both)
    with pytest.raises(ArgumentError, match="missing argument 'left_value'"):
        registry.get("add").bind({}, {})


class Kind(enum.Enum):
    A = "a"


class Depth(typing_extensions.TypedDict):
    depth: int


class OldDepth(typing.TypedDict):
    depth: int


def test_enums_typed_dicts_and_optionals_are_checked_without_a_page() -> None:
    def typed(kind: Kind, opts: Depth, maybe: int | None = None) -> None: ...

    def old_style(opts: OldDepth) -> None: ...

    registry = CommandRegistry(context_types=(Window,))
    registry.register(typed)
    registry.register(old_style)
    bound = registry.get("typed").bind({"kind": "a", "opts": {"depth": 2}, "maybe": None}, {})
    assert bound == {"kind": Kind.A, "opts": {"depth": 2}, "maybe": None}
    with pytest.raises(ArgumentError, match=r"argument 'kind': Input should be 'a'"):
        registry.get("typed").bind({"kind": "b", "opts": {"depth": 2}}, {})
    if sys.version_info < (3, 12):
        with pytest.raises(TypeError, match="parameter 'opts': cannot check values"):
            registry.get("old_style").bind({"opts": {"depth": 2}}, {})


def test_camel_case_keys_follow_tauri_and_duplicates_are_refused() -> None:
    def flags(get_x_y_flag: int, a_b_c: int = 0, window: Window | None = None) -> None: ...

    def positional(value: int, /) -> None: ...

    registry = CommandRegistry(context_types=(Window,))
    command_ = registry.register(flags)
    marker = object()
    assert command_.bind({"getXYFlag": 1, "aBC": 2}, {Window: marker}) == {
        "get_x_y_flag": 1,
        "a_b_c": 2,
        "window": marker,  # Window | None is injected too
    }
    assert command_.bind({"get_x_y_flag": 1}, {})["get_x_y_flag"] == 1
    with pytest.raises(ArgumentError, match="argument 'get_x_y_flag' given twice"):
        command_.bind({"getXYFlag": 1, "get_x_y_flag": 2}, {})
    with pytest.raises(TypeError, match="positional-only"):
        registry.register(positional)
