"""The script every page gets at document creation, before its own scripts run: Qt's
``qwebchannel.js``, the window metadata, the table of window operations (``operations.py``)
and the classic scripts of ``frontend/api/global`` that build
``window.__TAURI__`` from them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtWebEngineCore import QWebEngineScript

from ..paths import API_DIR
from .operations import wire_table

SCRIPT_NAME = "qtauri-bootstrap"
# Order matters: each script builds on the ones before it.
_GLOBAL_SCRIPTS = (
    "binary.js",
    "sidepath.js",
    "core.js",
    "event.js",
    "window.js",
    "tauri.js",
    "tauri-v1.js",
    "tauri-v2.js",
    "error-bodies.js",
    "v2-core.js",  # v2's global modules: on the v2 internals
    "v2-window.js",
    "v2-image.js",
    "v2-menu.js",  # v2's menu and tray modules
    "v1-modules.js",  # v1's dialog, shell, ...: through tauri-v1.js's __TAURI_IPC__
)


@cache
def _static_part() -> str:
    qwebchannel = QFile(":/qtwebchannel/qwebchannel.js")
    if not qwebchannel.open(QIODevice.OpenModeFlag.ReadOnly):
        raise RuntimeError("QtWebChannel's qwebchannel.js is missing from Qt's resources")
    parts = [bytes(qwebchannel.readAll().data()).decode("utf-8")]
    qwebchannel.close()
    # core.js takes the window operations from here (and deletes the global it reads).
    parts.append(f"window.__QTAURI_WINDOW_OPERATIONS__ = {json.dumps(wire_table())}")
    for name in _GLOBAL_SCRIPTS:
        parts.append((API_DIR / "global" / name).read_text(encoding="utf-8"))
    return "\n;\n".join(parts)


def metadata(current: str, labels: list[str]) -> dict[str, object]:
    """Tauri v1's ``__TAURI_METADATA__``: every window, and the page's own."""
    return {
        "__windows": [{"label": label} for label in labels],
        "__currentWindow": {"label": current},
    }


def bootstrap_script(
    current: str,
    labels: list[str],
    page_globals: Mapping[str, object] | None = None,
    page_script: str = "",
) -> QWebEngineScript:
    """The document-creation script for a page of window ``current``; ``page_globals``:
    values the plugins' guest packages read synchronously (``window.<name> = <JSON>``);
    ``page_script``: the plugins' scripts, run once the API is built."""
    data = json.dumps(metadata(current, labels))
    values = "".join(
        f"window[{json.dumps(name)}] = {json.dumps(value)};\n"
        for name, value in (page_globals or {}).items()
    )
    script = QWebEngineScript()
    script.setName(SCRIPT_NAME)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setRunsOnSubFrames(False)
    plugins = f"\n;\n{page_script}" if page_script else ""
    script.setSourceCode(f"window.__TAURI_METADATA__ = {data};\n{values}{_static_part()}{plugins}")
    return script
