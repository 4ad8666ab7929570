"""What start-up leaves out (docs/performance.md, "Start-up"): ``import app`` loads no module
that only later work needs, and opening the config's windows makes each bootstrap script once."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from app import App
from app.web import bootstrap
from tests.conftest import page_config
from tests.js import eval_js, wait_loaded

# Each is imported when first needed: by an async command, a thread command's pool, a typed
# command argument, a file type the scheme does not list, or a tool (dev mode, types, trace).
LATER = (
    "asyncio",
    "concurrent.futures",
    "pydantic",
    "mimetypes",
    "app.commands.aio",
    "app.tools.cli",
    "app.tools.demo",
    "app.dev",
    "app.tools.scaffold",
    "app.tools.trace",
    "app.tools.tsschema",
    "app.tools.typegen",
    "watchfiles",
)

_REPORT_IMPORTS = """
import json, sys
import PySide6.QtCore
built_before = "Qt" in vars(PySide6.QtCore)
import app
print(json.dumps({
    "modules": sorted(sys.modules),
    "qt_built_before": built_before,
    "qt_built": "Qt" in vars(PySide6.QtCore),
}))
"""


def test_import_loads_nothing_that_only_later_work_needs() -> None:
    # A fresh interpreter: this one has imported everything the tests use.
    child = subprocess.run(
        [sys.executable, "-c", _REPORT_IMPORTS], capture_output=True, text=True, check=True
    )
    report = json.loads(child.stdout)
    assert [name for name in LATER if name in report["modules"]] == []
    # PySide builds a class's Python type on first use; for the Qt namespace (~90 enums)
    # that took 29 ms. The package reaches it only where a method needs it.
    assert report["qt_built_before"] is False  # else the check below could not fail
    assert report["qt_built"] is False


@pytest.mark.webengine
def test_config_windows_each_get_their_bootstrap_script_once(
    make_app: Callable[..., App], qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    real = bootstrap.bootstrap_script

    def counted(current: str, labels: list[str], *plugin_parts: Any) -> Any:
        made.append(current)
        return real(current, labels, *plugin_parts)

    monkeypatch.setattr("app.web.window.bootstrap_script", counted)  # as the window calls it
    labels = ["a", "b", "c", "d", "e"]
    built = make_app(page_config(*labels))
    # One each, not one more for every window opened after it (the script is about 60 KB).
    assert sorted(made) == labels
    wait_loaded(qtbot, built)
    metadata = "window.__TAURI_METADATA__.__windows.map((w) => w.label)"
    for label in labels:  # and each page knew of all the others from its first load
        assert eval_js(qtbot, built.window(label), metadata) == labels

    made.clear()
    built.create_window("f", url="recorder.html")
    # The new window's script once; each other's once, for its next load.
    assert sorted(made) == [*labels, "f"]
    qtbot.waitUntil(lambda: built.window("f").page_connected)
    assert eval_js(qtbot, built.window("f"), metadata) == [*labels, "f"]
