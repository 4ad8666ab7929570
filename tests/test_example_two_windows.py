"""The tutorial's final app (examples/two-windows, docs/guide/tutorial.md) works as the tutorial
says: notes added in main show in both windows, a blank one is refused, main highlights a note
in the viewer only, and the backend hears the viewer close.

It uses only what a user's own project has: pytest-qt and qtauri's pytest plugin (``make_app``,
``eval_js``, ``wait_js``, ``wait_event``, ``app_errors``), so it can be copied into one."""

from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from app import App, Event
from app.testing import AppErrors

pytestmark = pytest.mark.webengine
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "two-windows"


def load_example() -> ModuleType:
    """examples/two-windows/main.py (in your project: ``import main``, with ``pythonpath``)."""
    spec = importlib.util.spec_from_file_location("two_windows_main", EXAMPLE / "main.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def notes_app(make_app: Callable[..., App], wait_js: Callable[..., Any]) -> App:
    example = load_example()
    app = make_app(example.CONFIG, builder=example.build())  # closed after the test
    wait_js(app.window("main"), "window.notesReady", timeout=10_000)
    return app


def add(eval_js: Callable[..., Any], app: App, text: str) -> Any:
    """Type ``text`` into main's form and submit it, as a user does."""
    return eval_js(
        app.window("main"),
        f"(() => {{ document.querySelector('#text').value = {text!r};"
        " document.querySelector('#add').requestSubmit(); return true })()",
    )


def items(eval_js: Callable[..., Any], app: App, label: str) -> Any:
    return eval_js(
        app.window(label),
        "[...document.querySelectorAll('#notes li')]"
        ".map((li) => li.textContent + (li.classList.contains('highlighted') ? ' *' : ''))",
    )


def test_the_tutorial_app(
    notes_app: App,
    qtbot: Any,
    eval_js: Callable[..., Any],
    wait_js: Callable[..., Any],
    wait_event: Callable[..., Event],
    app_errors: AppErrors,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="notes")
    main = notes_app.window("main")
    assert main.title() == "Notes"
    add(eval_js, notes_app, "Buy milk")
    wait_js(main, "document.querySelectorAll('#notes li').length === 1")

    eval_js(main, "document.querySelector('#open-viewer').click()")
    qtbot.waitUntil(lambda: notes_app.get_window("viewer") is not None)
    viewer = notes_app.window("viewer")
    wait_js(viewer, "window.notesReady", timeout=10_000)
    assert viewer.title() == "Viewer"
    assert items(eval_js, notes_app, "viewer") == ["Buy milk"]  # from list_notes

    # notes-changed reaches both windows: the viewer's page hears it.
    changed = wait_event(
        viewer, "notes-changed", trigger=lambda: add(eval_js, notes_app, "Call Ada")
    )
    assert changed.payload == ["Buy milk", "Call Ada"]
    wait_js(viewer, "document.querySelectorAll('#notes li').length === 2")
    assert items(eval_js, notes_app, "main") == ["Buy milk", "Call Ada"]

    add(eval_js, notes_app, "   ")  # refused by the command: the page shows the reason
    wait_js(main, "document.querySelector('#error').textContent !== ''")
    assert eval_js(main, "document.querySelector('#error').textContent") == (
        "a note needs some text"
    )
    assert [str(error) for error in app_errors.take(ValueError)] == ["a note needs some text"]

    eval_js(main, "document.querySelectorAll('#notes li')[1].click()")
    wait_js(viewer, "document.querySelector('li.highlighted') !== null")
    assert items(eval_js, notes_app, "viewer") == ["Buy milk", "Call Ada *"]
    assert items(eval_js, notes_app, "main") == ["Buy milk", "Call Ada"]  # main's own: no

    eval_js(main, "document.querySelector('#open-viewer').click()")  # focuses it
    assert list(notes_app.windows()) == ["main", "viewer"]
    # The backend hears the viewer close (tauri://destroyed) and logs it.
    wait_event(notes_app, "tauri://destroyed", trigger=viewer.close)
    qtbot.waitUntil(lambda: "the viewer window closed; 2 note(s) kept" in caplog.text)


def test_the_tutorial_shows_the_example_files_as_they_are() -> None:
    tutorial = (EXAMPLE.parent.parent / "docs" / "guide" / "tutorial.md").read_text("utf-8")
    shown = re.findall(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```\n", tutorial, re.DOTALL)
    assert {name for name, _code in shown} == {
        "app.json",
        "main.py",
        "frontend/index.html",
        "frontend/main.js",
        "frontend/style.css",
        "frontend/viewer.html",
        "frontend/viewer.js",
    }
    for name, code in shown:
        assert code == (EXAMPLE / name).read_text("utf-8"), f"{name} differs from the tutorial"
