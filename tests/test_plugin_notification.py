"""The notification plugin (``app.plugins.notification()``) through the unmodified official
guest package ``@tauri-apps/plugin-notification`` 2.x and v1's ``notification`` module: both
show notifications with ``window.Notification``, which the plugin's page script serves."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App, Builder
from app.plugins import notification
from app.plugins.official.notification import Notice, NotificationState
from tests.compat_build import compat_config
from tests.js import eval_js, wait_loaded
from tests.plugin_apps import outcome, plugin_app

pytestmark = pytest.mark.webengine


def shown(app: App) -> list[Notice]:
    notices: list[Notice] = []
    state = app.plugin("notification").state
    assert isinstance(state, NotificationState)

    def show(notice: Notice) -> bool:
        notices.append(notice)
        return True

    state.show = show
    return notices


def test_notifications_through_the_guest_package(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, notification())
    notices = shown(app)
    n = "plugins.notification"
    assert outcome(qtbot, app, f"await {n}.isPermissionGranted()") == ["ok", True]
    assert outcome(qtbot, app, f"await {n}.requestPermission()") == ["ok", "granted"]
    eval_js(qtbot, app.window("main"), f"{n}.sendNotification('Saved') ?? true")
    eval_js(
        qtbot,
        app.window("main"),
        f"{n}.sendNotification({{title: 'Done', body: 'All 3 files', icon: 'dialog-information'}})"
        " ?? true",
    )
    qtbot.waitUntil(lambda: len(notices) == 2)
    assert notices == [
        Notice("Saved", None, None, "com.example.plugins"),
        Notice("Done", "All 3 files", "dialog-information", "com.example.plugins"),
    ]


def test_v1_notifications(make_app: Callable[..., App], qtbot: Any, compat_dist: Path) -> None:
    builder = Builder().plugin(notification())
    app = make_app(compat_config(compat_dist, ("main", "v1")), builder=builder)
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    notices = shown(app)
    assert outcome(qtbot, app, "await v1.notification.isPermissionGranted()") == ["ok", True]
    assert outcome(qtbot, app, "await v1.notification.requestPermission()") == ["ok", "granted"]
    eval_js(qtbot, app.window("main"), "v1.notification.sendNotification({title: 'v1'}) ?? true")
    qtbot.waitUntil(lambda: [n.title for n in notices] == ["v1"])


def test_notification_permissions(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = plugin_app(
        make_app,
        qtbot,
        compat_dist,
        notification(),
        permissions=["notification:allow-is-permission-granted"],
    )
    notices = shown(app)
    assert outcome(qtbot, app, "await plugins.notification.isPermissionGranted()") == ["ok", True]
    kind, message = outcome(qtbot, app, "await plugins.notification.requestPermission()")
    assert kind == "error"
    assert "add the permission 'notification:allow-request-permission'" in message
    # A refused notify shows nothing (the page's Notification logs the refusal).
    eval_js(qtbot, app.window("main"), "plugins.notification.sendNotification('no') ?? true")
    everything = plugin_app(
        make_app, qtbot, compat_dist, notification(), permissions=["notification:default"]
    )
    allowed = shown(everything)
    eval_js(
        qtbot, everything.window("main"), "plugins.notification.sendNotification('yes') ?? true"
    )
    qtbot.waitUntil(lambda: [n.title for n in allowed] == ["yes"])
    assert notices == []


def test_without_a_desktop_notification_service_nothing_is_shown_and_nothing_fails(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no notify-send
    app = plugin_app(make_app, qtbot, compat_dist, notification())
    assert outcome(
        qtbot,
        app,
        "await window.__TAURI_INTERNALS__.invoke('plugin:notification|notify',"
        " {options: {title: 'lost'}})",
    ) == ["ok", None]
    assert "notification 'lost' not shown" in caplog.text


def test_the_desktop_gets_it_through_notify_send(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The default path, with a stand-in ``notify-send`` first on PATH that writes down its
    arguments."""
    record = tmp_path / "args.txt"
    program = tmp_path / "bin" / "notify-send"
    program.parent.mkdir()
    program.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {record}\n')
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{program.parent}{os.pathsep}{os.environ['PATH']}")
    app = plugin_app(make_app, qtbot, compat_dist, notification())
    eval_js(
        qtbot,
        app.window("main"),
        "plugins.notification.sendNotification({title: 'Hi', body: 'there', icon: 'mail'}) ?? true",
    )
    qtbot.waitUntil(lambda: record.exists() and record.read_text().count("\n") == 5)
    assert record.read_text().splitlines() == [
        "--app-name=com.example.plugins",
        "--icon=mail",
        "--",
        "Hi",
        "there",
    ]
