"""Run JavaScript in a window's page from a test and wait for its (awaited) result.

The result comes back through the page's console as a marked message, which the test waits
for with ``qtbot.waitSignal``: no polling from Python, no sleeps.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from app import App, Window

_MARK = "__qtauri_test_result__"
_keys = itertools.count()


class JsError(Exception):
    """A JS expression rejected or threw; ``name`` and ``message`` are the JS error's."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def eval_js(
    qtbot: Any, window: Window, expression: str, *, timeout: int = 5000, connected: bool = True
) -> Any:
    """Evaluate ``expression`` (``await`` allowed) in the page; return its JSON value or raise
    ``JsError`` if it threw or rejected. Waits first until the page has connected (a script
    run while a page loads may land in the document being replaced), unless ``connected``
    is false, for pages that never call the bridge by themselves."""
    if connected:
        qtbot.waitUntil(lambda: window.page_connected, timeout=timeout)
    key = f"{_MARK}{next(_keys)}:"
    report = f"(r) => console.info({json.dumps(key)} + JSON.stringify(r))"
    script = (
        f"(async () => ({expression}))().then("
        f"(value) => ({report})({{ok: value === undefined ? null : value}}),"
        f"(error) => ({report})({{error: {{name: String(error?.name), "
        f"message: String(error?.message ?? error)}}}}))"
    )
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


def wait_js(qtbot: Any, window: Window, condition: str, *, timeout: int = 5000) -> Any:
    """Wait until ``condition`` is truthy in the page (checked in the page on each frame)."""
    expression = (
        "await new Promise((resolve, reject) => {"
        f"  const deadline = performance.now() + {timeout - 500};"
        "  const check = () => {"
        f"    let value; try {{ value = ({condition}); }} catch (e) {{ return reject(e); }}"
        "    if (value) resolve(value);"
        "    else if (performance.now() > deadline)"
        f"      reject(new Error('timed out: ' + {json.dumps(condition)}));"
        "    else setTimeout(check, 5);"
        "  };"
        "  check();"
        "})"
    )
    return eval_js(qtbot, window, expression, timeout=timeout)


def wait_loaded(qtbot: Any, app: App, *, ready_flag: str = "window.recorderReady") -> None:
    """Wait until every window's page has loaded and set ``ready_flag``.

    Call it right after building the app: the pages cannot have loaded before the test
    returns to Qt's event loop.
    """
    windows = list(app.windows().values())
    with qtbot.waitSignals([w.page.loadFinished for w in windows], timeout=15_000):
        pass
    for window in windows:
        wait_js(qtbot, window, ready_flag, timeout=10_000)
