"""Test helpers for qtauri apps, the ones behind the pytest plugin's fixtures
(``app.pytest_plugin``). Each takes pytest-qt's ``qtbot`` first; the fixtures bind it.

    from app.testing import eval_js, wait_event
    assert eval_js(qtbot, window, "window.__TAURI__.invoke('greet', {name: 'Ada'})") == "Hi Ada"
"""

from __future__ import annotations

from .apps import AppErrors, AppErrorsRaised, AppFactory
from .events import wait_event
from .page import JsError, eval_js, wait_js, wait_loaded

__all__ = [
    "AppErrors",
    "AppErrorsRaised",
    "AppFactory",
    "JsError",
    "eval_js",
    "wait_event",
    "wait_js",
    "wait_loaded",
]
