"""``python -m app types``: Python annotations to TypeScript, without a browser or tsc (the
declarations are compiled against a sample frontend in test_types_tsc.py)."""

from __future__ import annotations

import enum
import sys
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, NotRequired

import pydantic
import pytest
from typing_extensions import TypedDict

from app import App, Builder, Channel, InvalidEventName, State, Window, command
from app.tools.tsschema import doc_comment, property_key, type_name
from app.tools.typegen import generate


def one_command(annotation: Any) -> str:
    """The declarations of a command taking and returning ``annotation``."""

    def echo(value):
        return value

    echo.__annotations__ = {"value": annotation, "return": annotation}
    return generate(Builder().invoke_handler(echo))


def args_and_result(text: str) -> tuple[str, str]:
    """The one command's ``args`` and ``result`` types, each on one line."""
    body = text.split("export interface Commands {", 1)[1].split("\n}\n", 1)[0]
    args = body.split("args: ", 1)[1].split(";\n    result: ", 1)[0]
    result = body.split("result: ", 1)[1].rsplit(";\n  };", 1)[0]
    flat = " ".join(args.split()), " ".join(result.split())
    return flat[0].replace("{ value: ", "").removesuffix("; }"), flat[1]


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


@pytest.mark.parametrize(
    ("annotation", "typescript"),
    [
        (int, "number"),
        (float, "number"),
        (str, "string"),
        (bool, "boolean"),
        (type(None), "null"),
        (int | None, "number | null"),
        (typing.Optional[str], "string | null"),  # noqa: UP045 (the spelling is the point)
        (int | str, "number | string"),
        (list[str], "string[]"),
        (list[int | None], "(number | null)[]"),
        (list[list[bool]], "boolean[][]"),
        (dict[str, int], "Record<string, number>"),
        (dict[str, list[float]], "Record<string, number[]>"),
        (tuple[int, str], "[number, string]"),
        (tuple[int, ...], "number[]"),
        (Literal["a", "b"], '"a" | "b"'),
        (Literal[1, True, "x"], '1 | true | "x"'),
        (Any, "unknown"),
        (object, "unknown"),
    ],
)
def test_builtin_types_map_to_their_typescript(annotation: Any, typescript: str) -> None:
    assert args_and_result(one_command(annotation)) == (typescript, typescript)


def test_enums_become_named_unions_of_their_values() -> None:
    text = one_command(Color)
    assert 'export type Color = "red" | "green";' in text
    assert args_and_result(text) == ("Color", "Color")
    assert "export type Level = 1 | 2;" in one_command(Level)


@dataclass
class Note:
    """A note.

    Kept on disk."""

    title: str
    tags: list[str] = field(default_factory=list)


def test_a_dataclass_is_an_interface_optional_where_it_has_defaults_only_when_received() -> None:
    text = one_command(Note)
    assert "/**\n * A note.\n *\n * Kept on disk.\n */\nexport interface Note {\n" in text
    assert "export interface Note {\n  title: string;\n  tags?: string[];\n}" in text
    # Sent back, every field is there (the bridge writes them all).
    assert "export interface Note_Result {\n  title: string;\n  tags: string[];\n}" in text
    assert args_and_result(text) == ("Note", "Note_Result")


class User(pydantic.BaseModel):
    """A user."""

    full_name: str = pydantic.Field(alias="fullName", description="As written on the badge.")
    age: int | None = None


def test_a_pydantic_model_is_received_by_alias_and_sent_by_field_name() -> None:
    text = one_command(User)
    assert (
        "export interface User {\n"
        "  /** As written on the badge. */\n"
        "  fullName: string;\n"
        "  age?: number | null;\n}"
    ) in text
    assert "export interface User_Result {\n" in text
    assert "  full_name: string;\n  age: number | null;\n}" in text


class Options(TypedDict):
    depth: int
    label: NotRequired[str]


def test_a_typed_dict_keeps_its_required_and_not_required_keys_both_ways() -> None:
    text = one_command(Options)
    assert "export interface Options {\n  depth: number;\n  label?: string;\n}" in text
    assert args_and_result(text) == ("Options", "Options")


@dataclass
class Tree:
    name: str
    children: list[Tree]
    parent: Tree | None


def test_recursive_types_refer_to_themselves() -> None:
    text = one_command(Tree)
    assert "  children: Tree[];\n  parent: Tree | null;" in text


@dataclass
class Commands:  # the name the declarations file uses for its own interface
    value: int


def test_user_types_never_take_the_names_the_file_declares() -> None:
    text = one_command(Commands)
    assert "export interface Commands_ {\n  value: number;\n}" in text
    assert args_and_result(text) == ("Commands_", "Commands_")


def test_commands_use_camel_case_keys_leave_out_injected_parameters_and_await_coroutines() -> None:
    @command(name="save-note")
    async def save(note_text: str, window: Window, app: App, dry_run: bool = False) -> int:
        """Save a note.

        Details nobody needs in a tooltip."""
        return 1

    def untyped(value, other=None):
        return value

    def nothing() -> None:
        pass

    text = generate(Builder().invoke_handler(save, untyped, nothing), source="mod:b")
    assert text.startswith("// Generated by `python -m app types --app mod:b`")
    assert (
        "  /** Save a note. */\n"
        '  "save-note": {\n'
        "    args: {\n      noteText: string;\n      dryRun?: boolean;\n    };\n"
        "    result: number;\n  };"
    ) in text
    assert (
        "  untyped: {\n    args: {\n      value: unknown;\n      other?: unknown;\n    };\n"
        "    result: unknown;\n  };"
    ) in text
    assert "  nothing: {\n    args: Record<string, never>;\n    result: null;\n  };" in text


@dataclass
class Progress:
    done: int


def test_channel_parameters_are_typed_by_their_messages() -> None:
    def download(
        url: str,
        on_progress: Channel[Progress],
        on_log: Channel | None = None,  # type: ignore[type-arg]  # a bare one, on purpose
    ) -> None:
        pass

    text = generate(Builder().invoke_handler(download))
    assert (
        "    args: {\n      url: string;\n      onProgress: ChannelOf<Progress>;\n"
        "      onLog?: ChannelOf<unknown>;\n    };"
    ) in text
    assert "export interface Progress {\n  done: number;\n}" in text
    assert "export interface ChannelOf<T> {" in text


def test_declared_events_map_names_to_payload_types() -> None:
    builder = Builder().events({"note-saved": Note}, progress=float, ping=None)
    text = generate(builder)
    assert (
        'export interface Events {\n  "note-saved": Note;\n  progress: number;\n  ping: null;\n}'
    ) in text
    assert builder.declared_events == {"note-saved": Note, "progress": float, "ping": None}


def test_bad_event_declarations_are_refused() -> None:
    with pytest.raises(InvalidEventName):
        Builder().events({"has space": int})
    with pytest.raises(ValueError, match="event 'tick' is already declared"):
        Builder().events(tick=int).events(tick=float)


class Opaque:
    pass


class LegacyPoint(typing.TypedDict):  # typing's own, which pydantic refuses before 3.12
    x: int


def test_types_without_a_json_form_are_refused_naming_the_command_and_parameter() -> None:
    def takes_callable(callback: Callable[[], int]) -> None:
        pass

    with pytest.raises(TypeError, match="command 'takes_callable': parameter 'callback'"):
        generate(Builder().invoke_handler(takes_callable))

    def returns_opaque() -> Opaque:
        return Opaque()

    with pytest.raises(TypeError, match="command 'returns_opaque': return type"):
        generate(Builder().invoke_handler(returns_opaque))


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="pydantic takes typing.TypedDict from 3.12")
def test_typing_typed_dict_before_3_12_is_refused_as_commands_refuse_it() -> None:
    def move(point: LegacyPoint) -> None:
        pass

    with pytest.raises(TypeError, match=r"command 'move': parameter 'point'.*typing_extensions"):
        generate(Builder().invoke_handler(move))


@pytest.mark.skipif(sys.version_info < (3, 12), reason="pydantic refuses typing.TypedDict before")
def test_typing_typed_dict_from_3_12_is_declared_as_commands_take_it() -> None:
    text = one_command(LegacyPoint)
    assert "export interface LegacyPoint {\n" in text
    assert args_and_result(text) == ("LegacyPoint", "LegacyPoint")


def test_names_keys_and_comments_are_valid_typescript() -> None:
    assert property_key("userName") == "userName"
    assert property_key("my-key") == '"my-key"'
    assert property_key("1st") == '"1st"'
    assert type_name("Note-Input") == "Note_Input"
    assert type_name("Page[int]") == "Page_int_"
    assert type_name("1x") == "T_1x"
    assert doc_comment("ends */ here") == "/** ends *\\/ here */\n"
    assert doc_comment("  ") == ""


@pytest.mark.webengine
def test_results_reach_the_page_in_the_shapes_declared(
    make_app: Callable[..., App], eval_js: Callable[..., Any]
) -> None:
    """What the declarations promise of tests/typed_app.py, checked against a real page."""
    from tests import typed_app
    from tests.conftest import page_config

    text = generate(typed_app.builder())
    assert "export interface Note_Result {\n  title: string;\n  tags: string[];\n}" in text
    assert "export interface User {\n  name: string;\n  age: number | null;\n}" in text
    assert 'export type Shade = "red" | "green";' in text
    app = make_app(page_config("main"), builder=typed_app.builder())
    main = app.window("main")
    invoke = "window.__TAURI__.invoke"
    assert eval_js(main, f"{invoke}('save_note', {{note: {{title: 'Hi'}}}})") == {
        "title": "Hi",
        "tags": [],
    }
    assert eval_js(main, f"{invoke}('get-user', {{userId: 1}})") == {"name": "Ada", "age": 36}
    assert eval_js(main, f"{invoke}('shade')") == "green"


class Store:
    """Managed state (spec §17.8): no JSON form, and never the page's to pass."""


def test_state_parameters_are_left_out_like_injected_ones() -> None:
    def keys(store: State[Store], prefix: str) -> list[str]:
        return []

    text = generate(Builder().invoke_handler(keys))
    assert "  keys: {\n    args: {\n      prefix: string;\n    };\n" in text
