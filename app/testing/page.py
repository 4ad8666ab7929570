"""Run JavaScript in a window's page and wait for its (awaited) result.

The result comes back through the page's console as a message marked with a key unique to the
call, which the test waits for with ``qtbot.waitSignal``: no polling from Python, no sleeps.
"""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path
from typing import Any

from ..app import App
from ..web.window import Window

_MARK = "__qtauri_test_result__"
_keys = itertools.count()


class JsError(Exception):
    """A JS expression rejected or threw; ``name`` and ``message`` are the JS error's."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


@cache
def page_helpers() -> str:
    """The helper object of page.js, as an expression."""
    return (Path(__file__).with_name("page.js")).read_text(encoding="utf-8").strip()


def eval_js(
    qtbot: Any, window: Window, expression: str, *, timeout: int = 5000, connected: bool = True
) -> Any:
    """Evaluate ``expression`` (``await`` allowed) in the page; return its JSON value or raise
    ``JsError`` if it threw or rejected. Waits first until the page has connected (a script
    run while a page loads may land in the document being replaced), unless ``connected``
    is false, for pages that never call the bridge by themselves."""
    if connected:
        wait_connected(qtbot, window, timeout=timeout)
    key = f"{_MARK}{next(_keys)}:"
    script = f"({page_helpers()}).report({json.dumps(key)}, async () => ({expression}))"
    with qtbot.waitSignal(
        window.page.console_message,
        timeout=timeout,
        check_params_cb=lambda _level, message: message.startswith(key),
    ) as blocker:
        window.page.runJavaScript(script, 0)
    result = json.loads(blocker.args[1][len(key) :])
    if "error" in result:
        raise JsError(result["error"]["name"], result["error"]["message"])
    return result.get("ok")


def wait_connected(qtbot: Any, window: Window, *, timeout: int = 5000) -> None:
    """Wait until the window's current page has reached the backend (its first API call)."""
    try:
        qtbot.waitUntil(lambda: window.page_connected, timeout=timeout)
    except qtbot.TimeoutError:
        raise TimeoutError(
            f"window {window.label!r}: its page made no API call within {timeout} ms (for a "
            "page that never calls the API, pass connected=False)"
        ) from None


def wait_js(qtbot: Any, window: Window, condition: str, *, timeout: int = 5000) -> Any:
    """Wait until ``condition`` is truthy in the page (checked in the page every few ms);
    return its value. Raises ``JsError`` if it is still falsy after ``timeout`` ms."""
    expression = (
        f"await ({page_helpers()}).waitFor(() => ({condition}), "
        f"{max(timeout - 500, 0)}, {json.dumps(condition)})"
    )
    return eval_js(qtbot, window, expression, timeout=timeout)


def wait_loaded(qtbot: Any, app: App, *, ready_flag: str | None = None) -> None:
    """Wait until every window's page has loaded (and, if given, until the JS expression
    ``ready_flag`` is truthy in each).

    Call it right after building the app: the pages cannot have loaded before the test
    returns to Qt's event loop.
    """
    windows = list(app.windows().values())
    with qtbot.waitSignals([w.page.loadFinished for w in windows], timeout=15_000):
        pass
    if ready_flag is not None:
        for window in windows:
            wait_js(qtbot, window, ready_flag, timeout=10_000)
