"""Two real Tauri apps, unmodified, on this project with the Python backends beside this file:
used as their users would (keys typed into the page, dialogs answered through the dialog
plugin's seam). Not part of ``make test``: ``scripts/realapps/check.sh`` fetches and builds
the apps first (it needs the network) and runs this with ``REALAPPS_DIR`` set.
What works and what does not: docs/tauri-compat.md, "Real apps"."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mdjax_backend import builder as mdjax_builder
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from quikedit_backend import FileError
from quikedit_backend import builder as quikedit_builder

from app import App, Window
from app.plugins.official.dialog import DialogState
from app.plugins.official.dialog_request import DialogRequest
from app.testing import AppErrors
from app.testing.page import eval_js, wait_js

pytestmark = pytest.mark.webengine

APPS = Path(os.environ.get("REALAPPS_DIR", "/work/scratch-apps"))
MDJAX = APPS / "mdjax" / "src-tauri" / "tauri.conf.json"
QUIKEDIT = APPS / "quikedit" / "src-tauri" / "tauri.conf.json"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the user's own (documentDir is ``$HOME/Documents``)."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    for name in ("DATA", "CONFIG", "CACHE"):
        monkeypatch.delenv(f"XDG_{name}_HOME", raising=False)
    return home


class Dialogs:
    """Answers the app's dialogs in order, as its user would, and keeps what was asked."""

    def __init__(self, app: App, *answers: object) -> None:
        self.answers = list(answers)
        self.asked: list[DialogRequest] = []
        state = app.plugin("dialog").state
        assert isinstance(state, DialogState)
        state.show = self.show

    def show(self, request: DialogRequest, window: Window) -> object:
        self.asked.append(request)
        return self.answers.pop(0)


def keys(window: Window, text: str = "", key: Qt.Key | None = None, ctrl: bool = False) -> None:
    """Type into the page as a person does (real key events, through Chromium)."""
    target = window.webview.focusProxy() or window.webview
    if text:
        QTest.keyClicks(target, text)
    if key is not None:
        modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
        QTest.keyClick(target, key, modifier)


# -- mdjax (Tauri 2: dialog, fs, window-state, path, window title, onCloseRequested) --------


def open_mdjax(make_app: Callable[..., App], qtbot: Any) -> App:
    if not MDJAX.exists():
        pytest.skip(f"{MDJAX} is missing: run scripts/realapps/check.sh")
    app = make_app(str(MDJAX), builder=mdjax_builder())
    wait_js(qtbot, app.window("main"), "!!document.querySelector('.cm-content')", timeout=15000)
    return app


def test_mdjax_writes_saves_and_comes_back(
    make_app: Callable[..., App], qtbot: Any, home: Path, app_errors: AppErrors
) -> None:
    app = open_mdjax(make_app, qtbot)
    main = app.window("main")
    folder = home / "Documents" / "mdjax"
    qtbot.waitUntil(folder.is_dir)  # made at start through the fs plugin
    dialogs = Dialogs(app, str(folder / "shopping-list.md"))

    eval_js(qtbot, main, "document.querySelector('.cm-content').focus() ?? true")
    keys(main, "Shopping list", Qt.Key.Key_Return)
    keys(main, "milk $e^{i\\pi}$")
    qtbot.waitUntil(lambda: main.title() == "Shopping list \u2022 mdjax")
    keys(main, key=Qt.Key.Key_S, ctrl=True)
    saved = folder / "shopping-list.md"
    qtbot.waitUntil(saved.exists)
    assert saved.read_text() == "# Shopping list\nmilk $e^{i\\pi}$"
    assert dialogs.asked[0].kind == "save"
    assert dialogs.asked[0].default_path == str(folder / "shopping-list.md")
    qtbot.waitUntil(lambda: main.title() == "shopping-list.md - mdjax")

    # Closing with unsaved changes saves them (its onCloseRequested). Then the package calls
    # destroy(), which mdjax's own capability file does not allow (it grants
    # core:window:allow-close, not allow-destroy): refused, as Tauri 2 refuses it (a known
    # trap of onCloseRequested), so the window stays; the person closes it another way.
    keys(main, " and eggs")
    qtbot.waitUntil(lambda: main.title() == "shopping-list.md \u2022 mdjax")
    main.webview.resize(640, 480)
    main.request_close()
    qtbot.waitUntil(lambda: saved.read_text() == "# Shopping list\nmilk $e^{i\\pi}$ and eggs")
    assert app.get_window("main") is main
    main.close()
    qtbot.waitUntil(lambda: app.get_window("main") is None)
    # Its first save of the session fails (no app data folder yet): it makes the folder
    # and saves again, as in Tauri.
    assert len(app_errors.take(FileNotFoundError)) == 1
    state = json.loads((home / ".config" / "com.mdjax.editor" / ".window-state.json").read_text())
    assert (state["main"]["width"], state["main"]["height"]) == (640, 480)
    session = home / ".local" / "share" / "com.mdjax.editor" / "session.json"
    assert json.loads(session.read_text()) == {"lastFile": str(saved)}

    # Started again: the last file is back, and the window's size.
    again = open_mdjax(make_app, qtbot)
    wait_js(
        qtbot,
        again.window("main"),
        "document.querySelector('.cm-content').textContent.includes('and eggs')",
    )
    qtbot.waitUntil(lambda: again.window("main").title() == "shopping-list.md - mdjax")
    # MathJax drew the formula away from the cursor (its script is served from the app's
    # folder, public/mathjax).
    wait_js(qtbot, again.window("main"), "!!document.querySelector('.cm-math-inline svg')")
    assert again.window("main").webview.size().toTuple() == (640, 480)

    # Ctrl+O: another file, through the open dialog (Markdown filter) and the fs plugin.
    other = home / "Documents" / "other.md"
    other.write_text("# Other\nnotes", encoding="utf-8")
    dialogs = Dialogs(again, str(other))
    eval_js(qtbot, again.window("main"), "document.querySelector('.cm-content').focus() ?? true")
    keys(again.window("main"), key=Qt.Key.Key_O, ctrl=True)
    qtbot.waitUntil(lambda: again.window("main").title() == "other.md - mdjax")
    assert dialogs.asked[0].kind == "open"
    assert [f.extensions for f in dialogs.asked[0].filters] == [("md", "markdown", "txt")]


# -- QuikEdit (Tauri 1, withGlobalTauri: dialog, its open_file/save_file commands) -----------


def open_quikedit(make_app: Callable[..., App], qtbot: Any) -> App:
    if not QUIKEDIT.exists():
        pytest.skip(f"{QUIKEDIT} is missing: run scripts/realapps/check.sh")
    app = make_app(str(QUIKEDIT), builder=quikedit_builder())
    main = app.window("main")
    # Its page calls nothing until it is used: wait for its scripts rather than a first call.
    until(qtbot, main, "!!(window.$ && $.hotkeys && document.readyState === 'complete')")
    return app


def until(qtbot: Any, window: Window, condition: str) -> Any:
    """Wait until ``condition`` is truthy in a page that may not have called the API yet."""
    values: list[Any] = []

    def check() -> bool:
        values.append(eval_js(qtbot, window, condition, connected=False))
        return bool(values[-1])

    qtbot.waitUntil(check, timeout=10000)
    return values[-1]


def active_text(qtbot: Any, window: Window) -> Any:
    return eval_js(
        qtbot,
        window,
        "$($('#tabLinks .active').data('tab')).children('.text-input').val()",
        connected=False,
    )


def test_quikedit_opens_edits_and_saves_files(
    make_app: Callable[..., App], qtbot: Any, home: Path
) -> None:
    notes = home / "Documents" / "notes.txt"
    notes.write_text("hello from a file\n", encoding="utf-8")
    app = open_quikedit(make_app, qtbot)
    main = app.window("main")
    dialogs = Dialogs(app, str(notes))
    keys(main, key=Qt.Key.Key_O, ctrl=True)
    until(qtbot, main, "$('#tabLinks .active').text() === 'notes.txt'")
    assert active_text(qtbot, main) == "hello from a file\n"
    asked = dialogs.asked[0]
    assert (asked.kind, asked.title, [f.extensions for f in asked.filters]) == (
        "open",
        "Open File",
        [("txt",)],
    )

    eval_js(qtbot, main, "$('.text-input:visible').focus() && true", connected=False)
    keys(main, "edited ")
    keys(main, key=Qt.Key.Key_S, ctrl=True)
    qtbot.waitUntil(lambda: notes.read_text() == "edited hello from a file\n")
    until(qtbot, main, "$('#toastService').text().includes('Saved notes.txt')")


def test_quikedit_saves_a_new_file_through_the_save_dialog(
    make_app: Callable[..., App], qtbot: Any, home: Path
) -> None:
    app = open_quikedit(make_app, qtbot)
    main = app.window("main")
    target = home / "Documents" / "new.txt"
    dialogs = Dialogs(app, str(target))
    keys(main, key=Qt.Key.Key_T, ctrl=True)
    until(qtbot, main, "$('#tabLinks .active').text() === 'Untitled-1'")
    keys(main, "a brand new file")
    keys(main, key=Qt.Key.Key_S, ctrl=True)
    qtbot.waitUntil(target.exists)
    assert target.read_text() == "a brand new file"
    assert (dialogs.asked[0].kind, dialogs.asked[0].title) == ("save", "Save File")


def test_quikedit_shows_a_file_it_cannot_read(
    make_app: Callable[..., App], qtbot: Any, home: Path, app_errors: AppErrors
) -> None:
    binary = home / "Documents" / "binary.txt"
    binary.write_bytes(b"\xff\xfe\xfa")
    app = open_quikedit(make_app, qtbot)
    main = app.window("main")
    Dialogs(app, str(binary))
    keys(main, key=Qt.Key.Key_O, ctrl=True)
    toast = until(
        qtbot, main, "$('#toastService').text().includes('Failed') && $('#toastService').text()"
    )
    # Tauri 1 shows "Error opening file: Failed to read file: ..."; the global v1 invoke
    # rejects with an Error here, whose text starts with the exception's class.
    assert "Error opening file: FileError: Failed to read file:" in toast
    assert len(app_errors.take(FileError)) == 1
