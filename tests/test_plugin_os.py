"""The os plugin (``app.plugins.os()``) through the unmodified official guest package
``@tauri-apps/plugin-os`` 2.x: the values it reads synchronously from
``window.__TAURI_OS_PLUGIN_INTERNALS__``, its commands, and its permissions."""

from __future__ import annotations

import platform
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App
from app.plugins import os
from tests.js import eval_js
from tests.plugin_apps import outcome, plugin_app

pytestmark = pytest.mark.webengine


def test_the_synchronous_values_and_the_commands(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "de_CH.UTF-8")
    app = plugin_app(make_app, qtbot, compat_dist, os())
    got = eval_js(
        qtbot,
        app.window("main"),
        "(({os}) => [os.platform(), os.family(), os.type(), os.arch(), os.exeExtension(),"
        " os.eol(), typeof os.version()])(plugins)",
    )
    machine = {"x86_64": "x86_64", "aarch64": "aarch64"}.get(platform.machine())
    assert got[:3] == ["linux", "unix", "linux"]
    if machine is not None:
        assert got[3] == machine
    assert got[4:] == ["", "\n", "string"]
    assert outcome(qtbot, app, "await plugins.os.locale()") == ["ok", "de-CH"]
    assert outcome(qtbot, app, "await plugins.os.hostname()") == ["ok", socket.gethostname()]


def test_os_permissions(make_app: Callable[..., App], qtbot: Any, compat_dist: Path) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, os(), permissions=["os:allow-hostname"])
    assert outcome(qtbot, app, "await plugins.os.hostname()")[0] == "ok"
    kind, message = outcome(qtbot, app, "await plugins.os.locale()")
    assert kind == "error"
    assert "add the permission 'os:allow-locale'" in message
    everything = plugin_app(make_app, qtbot, compat_dist, os(), permissions=["os:default"])
    assert outcome(qtbot, everything, "await plugins.os.locale()")[0] == "ok"
