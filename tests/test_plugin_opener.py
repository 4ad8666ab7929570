"""The opener plugin (``app.plugins.opener()``) through the unmodified official guest package
``@tauri-apps/plugin-opener`` 2.x, and v1's ``shell.open`` (``@tauri-apps/api`` 1.x), with
the desktop replaced by a recorder (``OpenerState.open``, the seam)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl

from app import App, Builder
from app.plugins import opener
from app.plugins.official.opener import OpenerState
from app.testing import AppErrors
from tests.compat_build import compat_config
from tests.js import wait_loaded
from tests.plugin_apps import outcome, plugin_app

pytestmark = pytest.mark.webengine


def recorded(app: App) -> list[str]:
    """What the app hands to the desktop from now on, instead of opening it."""
    opened: list[str] = []
    state = app.plugin("opener").state
    assert isinstance(state, OpenerState)

    def record(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    state.open = record
    return opened


def test_each_command(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    tmp_path: Path,
    app_errors: AppErrors,
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, opener())
    opened = recorded(app)
    item = tmp_path / "folder" / "report.txt"
    item.parent.mkdir()
    item.write_text("r")
    o = "plugins.opener"
    assert outcome(qtbot, app, f"await {o}.openUrl('https://tauri.app/x?y=1')") == ["ok", None]
    assert outcome(qtbot, app, f"await {o}.openUrl('mailto:a@example.com')") == ["ok", None]
    assert outcome(qtbot, app, f"await {o}.openPath({str(item)!r})") == ["ok", None]
    assert outcome(qtbot, app, f"await {o}.revealItemInDir({str(item)!r})") == ["ok", None]
    assert opened == [
        "https://tauri.app/x?y=1",
        "mailto:a@example.com",
        QUrl.fromLocalFile(str(item)).toString(),
        QUrl.fromLocalFile(str(item.parent)).toString(),
    ]
    refusals = {
        f"await {o}.openUrl('file:///etc/passwd')": "only http, https, mailto, tel URLs",
        f"await {o}.openUrl('https://x.org', 'firefox')": "a chosen program",
        f"await {o}.openPath('relative.txt')": "an absolute path that exists",
        f"await {o}.revealItemInDir('/no/such/file')": "an absolute path that exists",
    }
    for call, reason in refusals.items():
        kind, message = outcome(qtbot, app, call)
        assert kind == "error", call
        assert reason in message, call
    assert len(opened) == 4
    assert len(app_errors.take(ValueError)) == len(refusals)


def test_v1_shell_open(make_app: Callable[..., App], qtbot: Any, compat_dist: Path) -> None:
    app = make_app(compat_config(compat_dist, ("main", "v1")), builder=Builder().plugin(opener()))
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    opened = recorded(app)
    assert outcome(qtbot, app, "await v1.shell.open('https://example.com/')") == ["ok", None]
    assert opened == ["https://example.com/"]


def test_opener_permissions(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, tmp_path: Path
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, opener(), permissions=["opener:default"])
    opened = recorded(app)
    assert outcome(qtbot, app, "await plugins.opener.openUrl('https://a.org/')") == ["ok", None]
    kind, message = outcome(qtbot, app, f"await plugins.opener.openPath({str(tmp_path)!r})")
    assert kind == "error"
    assert "add the permission 'opener:allow-open-path'" in message
    assert opened == ["https://a.org/"]
