"""A plugin written in Python (``app.Plugin``), called through real pages: the official
@tauri-apps/api 1.x and 2.x packages and the project's own API reach its commands as
``plugin:<name>|<cmd>``, with the binding, injection, threads and async of app commands;
Tauri v2's permissions allow and refuse them (docs/plugins.md)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App, Builder, Channel, Plugin, Window, command
from app.testing import AppErrors
from tests.compat_build import compat_config
from tests.js import eval_js, wait_js, wait_loaded

pytestmark = pytest.mark.webengine

# How each page invokes, in its own API; the window label of each page.
INVOKE = {"own": "window.__TAURI__.invoke", "v1": "v1.tauri.invoke", "v2": "v2.core.invoke"}
LABELS = {"own": "main", "v1": "old", "v2": "new"}


class Counter:
    def __init__(self) -> None:
        self.value = 0


def increment(app: App, by: int = 1) -> int:
    state = app.plugin("counter").state
    assert isinstance(state, Counter)
    state.value += by
    return state.value


def whoami(window: Window) -> str:
    return window.label


@command(thread=True)
def in_thread(value: str) -> str:
    return value.upper()


async def later(value: int) -> int:
    await asyncio.sleep(0)
    return value * 2


def fail(reason: str) -> None:
    raise ValueError(reason)


def count_to(to: int, on_number: Channel[int]) -> str:
    with on_number:
        for number in range(1, to + 1):
            on_number.send(number)
    return "counted"


def counter_plugin() -> Plugin:
    return Plugin(
        "counter",
        commands=[increment, whoami, in_thread, later],
        state=Counter(),
        page_globals={"__COUNTER_PLUGIN_INTERNALS__": {"start": 0}},
        default_permission=["whoami"],
    ).invoke_handler(fail, count_to)


def bare(app: App) -> str:  # an app command, to show the plugin's do not shadow it
    return "app command"


@pytest.fixture
def builder() -> Builder:
    """The app's builder, shared as a test module would share it: make_app copies it."""
    return Builder().plugin(counter_plugin()).invoke_handler(bare)


@pytest.fixture
def app(make_app: Callable[..., App], qtbot: Any, compat_dist: Path, builder: Builder) -> App:
    config = compat_config(compat_dist, *((label, page) for page, label in LABELS.items()))
    built = make_app(config, builder=builder)
    wait_loaded(qtbot, built, ready_flag="window.compatReady")
    return built


def outcome(qtbot: Any, window: Window, call: str) -> list[Any]:
    """``['ok', value]`` or ``['error', typeof, message]`` of the promise ``call``."""
    return eval_js(  # type: ignore[no-any-return]
        qtbot,
        window,
        f"{call}.then((v) => ['ok', v], (e) => ['error', typeof e, e?.message ?? e])",
    )


@pytest.mark.parametrize("kind", list(LABELS))
def test_every_page_calls_plugin_commands_like_app_commands(
    app: App, qtbot: Any, kind: str, app_errors: AppErrors
) -> None:
    window = app.window(LABELS[kind])
    invoke = INVOKE[kind]
    assert outcome(qtbot, window, f"{invoke}('plugin:counter|increment', {{by: 2}})") == ["ok", 2]
    assert outcome(qtbot, window, f"{invoke}('plugin:counter|increment')") == ["ok", 3]
    assert outcome(qtbot, window, f"{invoke}('plugin:counter|whoami')") == ["ok", window.label]
    assert outcome(qtbot, window, f"{invoke}('plugin:counter|in_thread', {{value: 'a'}})") == [
        "ok",
        "A",
    ]
    assert outcome(qtbot, window, f"{invoke}('plugin:counter|later', {{value: 21}})") == ["ok", 42]
    # Arguments are checked as for app commands.
    refused = outcome(qtbot, window, f"{invoke}('plugin:counter|increment', {{by: 'x'}})")
    assert refused[0] == "error"
    assert "argument 'by'" in refused[2]
    failed = outcome(qtbot, window, f"{invoke}('plugin:counter|fail', {{reason: 'no'}})")
    assert failed[0] == "error"
    assert failed[2] == "no"
    assert app_errors.take(ValueError)
    # The string the packages reject with, an Error for our own API.
    assert failed[1] == ("object" if kind == "own" else "string")


@pytest.mark.parametrize("kind", list(LABELS))
def test_plugin_commands_are_not_bare_commands(app: App, qtbot: Any, kind: str) -> None:
    window = app.window(LABELS[kind])
    invoke = INVOKE[kind]
    assert outcome(qtbot, window, f"{invoke}('increment')")[2].startswith(
        "unknown command increment; registered: bare"
    )
    assert outcome(qtbot, window, f"{invoke}('bare')") == ["ok", "app command"]
    assert outcome(qtbot, window, f"{invoke}('plugin:counter|bare')")[2] == (
        "command bare not found"
    )
    assert outcome(qtbot, window, f"{invoke}('plugin:nothing|x')")[2] == "plugin nothing not found"


def test_a_v2_channel_reaches_a_plugin_command(app: App, qtbot: Any) -> None:
    new = app.window("new")
    answer = eval_js(
        qtbot,
        new,
        "(() => { window.seen = []; const channel = new v2.core.Channel();"
        " channel.onmessage = (n) => seen.push(n);"
        " return v2.core.invoke('plugin:counter|count_to', {to: 3, onNumber: channel}); })()",
    )
    assert answer == "counted"
    assert wait_js(qtbot, new, "seen.length === 3 && seen") == [1, 2, 3]


def test_page_globals_are_there_before_the_page_s_scripts(app: App, qtbot: Any) -> None:
    for label in LABELS.values():
        assert eval_js(qtbot, app.window(label), "window.__COUNTER_PLUGIN_INTERNALS__") == {
            "start": 0
        }


def narrowed(compat_dist: Path, *permissions: object) -> dict[str, Any]:
    config = compat_config(compat_dist, *((label, page) for page, label in LABELS.items()))
    config["app"]["security"] = {  # type: ignore[index]
        "capabilities": [
            {
                "identifier": "pages",
                "windows": list(LABELS.values()),
                "permissions": ["core:event:default", *permissions],
            }
        ]
    }
    return config


@pytest.mark.parametrize("kind", list(LABELS))
def test_permissions_allow_and_refuse_plugin_commands(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, builder: Builder, kind: str
) -> None:
    config = narrowed(compat_dist, "counter:default", "counter:allow-increment")
    app = make_app(config, builder=builder)
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    window = app.window(LABELS[kind])
    invoke = INVOKE[kind]
    assert outcome(qtbot, window, f"{invoke}('plugin:counter|whoami')") == ["ok", window.label]
    assert outcome(qtbot, window, f"{invoke}('plugin:counter|increment')") == ["ok", 1]
    refused = outcome(qtbot, window, f"{invoke}('plugin:counter|later', {{value: 1}})")
    assert refused[0] == "error"
    assert refused[2] == (
        f"window {window.label!r}: invoke of command 'plugin:counter|later' is not allowed; "
        "add the permission 'counter:allow-later' to app.security.capabilities[0].permissions "
        "(capability 'pages')"
    )


def test_a_deny_permission_wins(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, builder: Builder
) -> None:
    config = narrowed(compat_dist, "counter:allow-increment", "counter:deny-increment")
    app = make_app(config, builder=builder)
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    refused = outcome(qtbot, app.window("new"), "v2.core.invoke('plugin:counter|increment')")
    assert "denied by a 'deny-' permission" in refused[2]
