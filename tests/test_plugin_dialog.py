"""The dialog plugin (``app.plugins.dialog()``) through the unmodified official guest package
``@tauri-apps/plugin-dialog`` 2.x and v1's ``dialog`` module: the requests each call makes,
answered through the seam (``DialogState.show``), and Qt's own message box, clicked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app import App, Builder, Window
from app.plugins import dialog
from app.plugins.official.dialog import DialogState
from app.plugins.official.dialog_qt import show_qt_dialog
from app.plugins.official.dialog_request import DialogRequest, FileFilter
from tests.compat_build import compat_config
from tests.js import wait_loaded
from tests.plugin_apps import outcome, plugin_app

pytestmark = pytest.mark.webengine


class Answers:
    """Answers dialogs in order, and keeps the requests."""

    def __init__(self, app: App, *answers: object) -> None:
        self.answers = list(answers)
        self.requests: list[DialogRequest] = []
        state = app.plugin("dialog").state
        assert isinstance(state, DialogState)
        state.show = self.show

    def show(self, request: DialogRequest, window: Window) -> object:
        assert window.label == request.window
        self.requests.append(request)
        return self.answers.pop(0)


def test_file_dialogs(make_app: Callable[..., App], qtbot: Any, compat_dist: Path) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, dialog())
    answers = Answers(app, "/home/a.png", ["/x/1.txt", "/x/2.txt"], "/x", None, "/out.json", None)
    d = "plugins.dialog"
    calls = [
        (
            f"{d}.open({{title: 'Pick', filters: [{{name: 'Images', extensions: ['png']}}]}})",
            "/home/a.png",
        ),
        (f"{d}.open({{multiple: true}})", ["/x/1.txt", "/x/2.txt"]),
        (f"{d}.open({{directory: true, defaultPath: '/x'}})", "/x"),
        (f"{d}.open()", None),
        (f"{d}.save({{defaultPath: 'out.json'}})", "/out.json"),
        (f"{d}.save()", None),
    ]
    for call, expected in calls:
        assert outcome(qtbot, app, f"await {call}") == ["ok", expected], call
    first, multiple, folder, _cancelled, saved, _ = answers.requests
    assert (first.kind, first.title) == ("open", "Pick")
    assert first.filters == (FileFilter("Images", ("png",)),)
    assert multiple.multiple
    assert (folder.directory, folder.default_path) == (True, "/x")
    assert (saved.kind, saved.default_path) == ("save", "out.json")


def test_message_ask_and_confirm(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, dialog())
    answers = Answers(app, "Ok", "Yes", "No", "Cancel", "Delete", "Ok")
    d = "plugins.dialog"
    calls = [
        (f"{d}.message('Saved', {{title: 'Notes', kind: 'info'}})", "Ok"),
        (f"{d}.ask('Quit?', 'Notes')", True),
        (f"{d}.ask('Quit?')", False),
        (f"{d}.confirm('Sure?', {{kind: 'warning'}})", False),
        (f"{d}.confirm('Delete it?', {{okLabel: 'Delete', cancelLabel: 'Keep'}})", True),
        (f"{d}.message('Hi', {{buttons: {{ok: 'Ok'}}}})", "Ok"),
    ]
    for call, expected in calls:
        assert outcome(qtbot, app, f"await {call}") == ["ok", expected], call
    buttons = [r.buttons for r in answers.requests]
    assert buttons == [
        ("Ok",),
        ("Yes", "No"),
        ("Yes", "No"),
        ("Ok", "Cancel"),
        ("Delete", "Keep"),
        ("Ok",),
    ]
    assert [r.message_kind for r in answers.requests][:4] == ["info", "info", "info", "warning"]
    assert answers.requests[1].title == "Notes"


def test_v1_dialog_module(make_app: Callable[..., App], qtbot: Any, compat_dist: Path) -> None:
    app = make_app(compat_config(compat_dist, ("main", "v1")), builder=Builder().plugin(dialog()))
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    answers = Answers(app, "/a.txt", "/b.txt", "Ok", "Yes", "Cancel")
    d = "v1.dialog"
    calls = [
        (f"{d}.open({{multiple: false}})", "/a.txt"),
        (f"{d}.save()", "/b.txt"),
        (f"{d}.message('Done', 'Title')", None),
        (f"{d}.ask('Go?')", True),
        (f"{d}.confirm('Sure?')", False),
    ]
    for call, expected in calls:
        assert outcome(qtbot, app, f"await {call}") == ["ok", expected], call
    assert [r.buttons for r in answers.requests[2:]] == [("Ok",), ("Yes", "No"), ("Ok", "Cancel")]


def test_dialog_permissions(make_app: Callable[..., App], qtbot: Any, compat_dist: Path) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, dialog(), permissions=["dialog:allow-open"])
    Answers(app, None)
    assert outcome(qtbot, app, "await plugins.dialog.open()") == ["ok", None]
    kind, text = outcome(qtbot, app, "await plugins.dialog.message('x')")
    assert kind == "error"
    assert "add the permission 'dialog:allow-message'" in text
    everything = plugin_app(make_app, qtbot, compat_dist, dialog(), permissions=["dialog:default"])
    Answers(everything, "Ok")
    assert outcome(qtbot, everything, "await plugins.dialog.message('x')") == ["ok", "Ok"]


D = TypeVar("D", bound=QWidget)


def shown_dialog(kind: type[D]) -> D | None:
    """The dialog of that kind on screen now, if any."""
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
        None,
    )


def test_qt_s_message_box_answers_the_button_clicked(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, dialog())
    seen: list[str] = []

    def click_no() -> None:
        box = shown_dialog(QMessageBox)
        if box is None:
            return
        seen.append(box.text())
        poll.stop()
        next(b for b in box.findChildren(QPushButton) if b.text() == "No").click()

    poll = QTimer()
    poll.timeout.connect(click_no)
    poll.start(10)
    request = DialogRequest("message", "main", message="Quit?", buttons=("Yes", "No"))
    assert show_qt_dialog(request, app.window("main")) == "No"
    assert seen == ["Quit?"]
