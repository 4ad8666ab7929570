"""``notification()``: Tauri's notification plugin (``@tauri-apps/plugin-notification`` 2.x)
and v1's ``notification`` module. Both packages show a notification with the web's
``window.Notification``, which the plugin's page script replaces (as Tauri's does) with one
that calls ``plugin:notification|notify``; the desktop shows it through the freedesktop
notification service (``notify-send``). ``NotificationState.show`` is the seam."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QProcess

from ...app import App
from ...paths import API_DIR
from ..plugin import Plugin

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """A notification to show: what the page gave (Tauri's ``Options``)."""

    title: str
    body: str | None = None
    icon: str | None = None
    app_name: str = ""


def show_on_desktop(notice: Notice) -> bool:
    """Hands the notice to ``notify-send`` (libnotify: the freedesktop notification service,
    which every Linux desktop runs); False if it is not installed."""
    program = shutil.which("notify-send")
    if program is None:
        return False
    arguments = [f"--app-name={notice.app_name}"]
    if notice.icon:
        arguments.append(f"--icon={notice.icon}")
    arguments += ["--", notice.title, notice.body or ""]
    started, _pid = QProcess.startDetached(program, arguments)
    return bool(started)


class NotificationState:
    def __init__(self) -> None:
        self.show: Callable[[Notice], bool] = show_on_desktop


def _state(app: App) -> NotificationState:
    found = app.plugin("notification").state
    assert isinstance(found, NotificationState)
    return found


def notify(app: App, options: dict[str, Any]) -> None:
    title = options.get("title")
    if not isinstance(title, str):
        raise ValueError("notification: a title (a string) is needed")
    body, icon = options.get("body"), options.get("icon")
    name = app.config.product_name or app.config.identifier
    notice = Notice(
        title,
        body if isinstance(body, str) else None,
        icon if isinstance(icon, str) else None,
        name,
    )
    if not _state(app).show(notice):
        # As a browser does when notifications are unavailable: nothing shown, no error.
        log.warning("notification %r not shown: no desktop notification service", title)


def is_permission_granted() -> bool:
    return True


def request_permission() -> str:
    return "granted"


def notification() -> Plugin:
    """Tauri's notification plugin: ``Builder().plugin(notification())``;
    ``notification:default`` allows every command."""
    return Plugin(
        "notification",
        commands=[notify, is_permission_granted, request_permission],
        state=NotificationState(),
        page_script=API_DIR / "plugins" / "notification.js",
    )
