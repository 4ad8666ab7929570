"""The page helpers of ``app.testing``, under the names the project's tests import, with
``wait_loaded`` waiting for the test pages' own ready flag."""

from __future__ import annotations

from typing import Any

from app import App
from app.testing import JsError, eval_js, wait_js
from app.testing import wait_loaded as _wait_loaded


def wait_loaded(qtbot: Any, app: App, *, ready_flag: str = "window.recorderReady") -> None:
    """Wait until every window's page has loaded and set ``ready_flag`` (the test pages'
    scripts set ``window.recorderReady``)."""
    _wait_loaded(qtbot, app, ready_flag=ready_flag)


__all__ = ["JsError", "eval_js", "wait_js", "wait_loaded"]
