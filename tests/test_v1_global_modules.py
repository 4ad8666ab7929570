"""Tauri v1's built-in modules in the global ``window.__TAURI__`` (``dialog``, ``shell``,
``clipboard``, ``process``, ``notification``), as a classic v1 page with ``withGlobalTauri``
uses them (QuikEdit, a real Tauri 1 app: docs/tauri-compat.md, "Real apps"). They take the
v1 package's path (``frontend/api/global/v1-modules.js``), so they answer as it does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App, Builder
from app.plugins import clipboard_manager, dialog, notification, opener, process
from app.plugins.official.process import ProcessState
from tests.conftest import PAGES
from tests.js import eval_js, wait_loaded
from tests.test_plugin_dialog import Answers
from tests.test_plugin_opener import recorded

pytestmark = pytest.mark.webengine


def open_file(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def save_file(path: str, contents: str) -> None:
    Path(path).write_text(contents, encoding="utf-8")


@pytest.fixture
def app(make_app: Callable[..., App], qtbot: Any) -> App:
    config = {
        "build": {"frontendDist": str(PAGES)},
        "app": {"windows": [{"label": "main", "url": "v1-global-modules.html"}]},
    }
    builder = Builder()
    for plugin in (dialog(), opener(), clipboard_manager(), process(), notification()):
        builder.plugin(plugin)
    built = make_app(config, builder=builder, commands=(open_file, save_file))
    wait_loaded(qtbot, built, ready_flag="window.v1ModulesReady")
    return built


def settled(qtbot: Any, app: App, call: str) -> list[Any]:
    """``['ok', value]`` or ``['error', what the promise rejected with, its type]``."""
    return eval_js(  # type: ignore[no-any-return]
        qtbot,
        app.window("main"),
        f"(async () => {call})().then((v) => ['ok', v ?? null],"
        " (e) => ['error', typeof e === 'string' ? e : String(e), typeof e])",
    )


def test_open_and_save_through_the_dialog_module(app: App, qtbot: Any, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello from a file\n", encoding="utf-8")
    answers = Answers(app, str(notes), str(tmp_path / "new.txt"), None)
    assert settled(qtbot, app, "await openFile()") == ["ok", str(notes)]
    assert eval_js(qtbot, app.window("main"), "document.querySelector('#text').value") == (
        "hello from a file\n"
    )
    assert settled(qtbot, app, "await saveFileAs()") == ["ok", str(tmp_path / "new.txt")]
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "hello from a file\n"
    assert settled(qtbot, app, "await openFile()") == ["ok", None]  # cancelled
    first = answers.requests[0]
    assert (first.kind, first.title, first.multiple) == ("open", "Open File", False)
    assert [(f.name, f.extensions) for f in first.filters] == [("Text Documents", ("txt",))]
    assert (answers.requests[1].kind, answers.requests[1].title) == ("save", "Save File")


def test_message_ask_and_confirm(app: App, qtbot: Any) -> None:
    answers = Answers(app, "Ok", "Yes", "Cancel", "Sure")
    d = "window.__TAURI__.dialog"
    assert settled(qtbot, app, f"await {d}.message('Done', 'Title')") == ["ok", None]
    assert settled(qtbot, app, f"await {d}.ask('Go?', {{title: 'Q', type: 'warning'}})") == [
        "ok",
        True,
    ]
    assert settled(qtbot, app, f"await {d}.confirm('Sure?')") == ["ok", False]
    assert settled(
        qtbot, app, f"await {d}.ask('Go?', {{okLabel: 'Sure', cancelLabel: 'Nope'}})"
    ) == [
        "ok",
        True,
    ]
    assert [r.buttons for r in answers.requests] == [
        ("Ok",),
        ("Yes", "No"),
        ("Ok", "Cancel"),
        ("Sure", "Nope"),
    ]
    assert (answers.requests[1].title, answers.requests[1].message) == ("Q", "Go?")


def test_shell_clipboard_process_and_notification(app: App, qtbot: Any) -> None:
    opened = recorded(app)
    g = "window.__TAURI__"
    assert settled(qtbot, app, f"await {g}.shell.open('https://example.com/')") == ["ok", None]
    assert opened == ["https://example.com/"]
    assert settled(qtbot, app, f"await {g}.clipboard.writeText('copied')") == ["ok", None]
    assert settled(qtbot, app, f"await {g}.clipboard.readText()") == ["ok", "copied"]
    assert settled(qtbot, app, f"await {g}.notification.isPermissionGranted()") == ["ok", True]
    exits: list[int] = []
    state = app.plugin("process").state
    assert isinstance(state, ProcessState)
    state.exit = lambda _app, code: exits.append(code)
    eval_js(qtbot, app.window("main"), f"{g}.process.exit(3) && true")
    qtbot.waitUntil(lambda: exits == [3])


def test_a_refused_call_rejects_with_a_string_as_v1_does(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    config = {
        "build": {"frontendDist": str(PAGES)},
        "app": {"windows": [{"label": "main", "url": "v1-global-modules.html"}]},
    }
    app = make_app(config)  # no dialog plugin registered
    wait_loaded(qtbot, app, ready_flag="window.v1ModulesReady")
    kind, message, of_type = settled(qtbot, app, "await window.__TAURI__.dialog.open()")
    assert (kind, of_type) == ("error", "string")
    assert "plugin dialog not found" in message
