"""The table of window operations (app/web/operations.py) is the one place a window operation is
declared: the bridge serves it, and the JS API and both Tauri shims build their methods from
it. Here: the table agrees with ``Window``, the typings and the docs; the bridge checks a
call against it; and an entry added to it (the worked example of docs/windows.md) is callable
at once from our ``WebviewWindow``, Tauri v1's ``manage`` command and v2's window plugin."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app import App, Window
from app.errors import BridgeMessageError
from app.web import bootstrap, operations
from app.web.operations import (
    WINDOW_OPERATIONS,
    Gives,
    Takes,
    WindowOperation,
    call_window_operation,
)
from tests.conftest import page_config
from tests.js import eval_js, wait_loaded

ROOT = Path(__file__).resolve().parent.parent
ARITY = {
    Takes.NOTHING: 0,
    Takes.TEXT: 1,
    Takes.FLAG: 1,
    Takes.SIZE: 2,
    Takes.POSITION: 2,
    Takes.ICON: 1,
    Takes.VALUE: 1,
    Takes.OPTIONAL_SIZE: 2,
    Takes.POINT: 2,
}


@pytest.mark.parametrize("operation", WINDOW_OPERATIONS, ids=lambda o: o.op)
def test_each_operation_names_a_window_method_that_takes_its_arguments(
    operation: WindowOperation,
) -> None:
    method = getattr(Window, operation.method)
    parameters = list(inspect.signature(method).parameters.values())[1:]  # without self
    assert len(parameters) == ARITY[operation.takes]


def test_the_typings_and_the_docs_name_every_operation() -> None:
    typings = (ROOT / "frontend" / "api" / "window.d.ts").read_text("utf-8")
    webview_window = typings[typings.index("class WebviewWindow") : typings.index("class Logical")]
    methods = (ROOT / "docs" / "windows.md").read_text("utf-8")
    methods = methods[methods.index("## Methods") : methods.index("## Built-in events")]
    for operation in WINDOW_OPERATIONS:
        assert f"`{operation.method}(" in methods, operation.method
        if operation.v1:
            assert re.search(rf"\n\s+{operation.op}\(", webview_window), operation.op
            assert f"{operation.op}(" in methods, operation.op


def test_ops_and_v2_commands_are_unique() -> None:
    assert len({o.op for o in WINDOW_OPERATIONS}) == len(WINDOW_OPERATIONS)
    v2 = [o.v2 for o in WINDOW_OPERATIONS if o.v2 is not None]
    assert len(set(v2)) == len(v2)


class FakeWindow:
    def set_size(self, width: int, height: int) -> tuple[int, int]:
        return width, height

    def set_title(self, title: str) -> str:
        return title


@pytest.mark.parametrize(
    ("op", "args", "error", "message"),
    [
        ("fly", [], BridgeMessageError, "unknown window method 'fly'"),
        ("setSize", [1], BridgeMessageError, "setSize: expected 2 argument(s)"),
        ("setSize", {"width": 1}, BridgeMessageError, "setSize: expected 2 argument(s)"),
        ("setSize", [1, True], TypeError, "setSize: expected int arguments, got True"),
        ("setSize", [1, 2.5], TypeError, "setSize: expected int arguments, got 2.5"),
        ("setTitle", [5], TypeError, "setTitle: expected str arguments, got 5"),
    ],
)
def test_a_call_is_checked_against_its_entry(
    op: str, args: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=re.escape(message)):
        call_window_operation(FakeWindow(), op, args)


def test_a_checked_call_reaches_the_method() -> None:
    assert call_window_operation(FakeWindow(), "setSize", [3, 4]) == (3, 4)


@pytest.fixture
def with_heading(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """One entry more, as docs/windows.md adds one: ``heading`` reads the title."""
    heading = WindowOperation("heading", "title", Takes.NOTHING, Gives.VALUE, v2="heading")
    monkeypatch.setattr(operations, "WINDOW_OPERATIONS", (*WINDOW_OPERATIONS, heading))
    monkeypatch.setattr(operations, "_BY_OP", {o.op: o for o in operations.WINDOW_OPERATIONS})
    bootstrap._static_part.cache_clear()  # the pages' scripts are made again, with it
    yield
    bootstrap._static_part.cache_clear()


V1_MANAGE = """new Promise((resolve, reject) => {
  window._901 = resolve; window._902 = reject;
  window.__TAURI_IPC__({cmd: 'tauri', callback: 901, error: 902,
    __tauriModule: 'Window',
    message: {cmd: 'manage', data: {label: 'main', cmd: {type: 'heading'}}}});
})"""


@pytest.mark.usefixtures("with_heading")
def test_a_new_entry_is_an_operation_of_every_api(make_app: Callable[..., App], qtbot: Any) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    main.set_title("Heading")
    assert eval_js(qtbot, main, "window.__TAURI__.window.appWindow.heading()") == "Heading"
    assert eval_js(qtbot, main, V1_MANAGE) == "Heading"
    v2 = "window.__TAURI_INTERNALS__.invoke('plugin:window|heading', {label: 'main'})"
    assert eval_js(qtbot, main, v2) == "Heading"
