"""Rights never grow through window creation, through real pages: a window a page opens gets
at most that page's rights, a window no capability names gets nothing once capabilities are
declared, and operations on other windows are checked against the caller's rights."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app import App, Window
from tests.conftest import page_config
from tests.js import JsError, eval_js

pytestmark = pytest.mark.webengine


def allowed() -> str:
    return "yes"


def secret() -> str:
    return "the secret"


# main may open windows and call `allowed`; every page here may listen (the test page does).
NARROW = {
    "identifier": "narrow",
    "windows": ["main"],
    "commands": ["window:create", "allowed"],
    "listen": ["*"],
}
# Names the window main will open, and would give it everything.
WIDE = {
    "identifier": "wide",
    "windows": ["pwn"],
    "commands": ["*"],
    "emit": ["*"],
    "listen": ["*"],
}


def secured_app(make_app: Callable[..., App], qtbot: Any, *capabilities: Any) -> App:
    config = page_config("main")
    config["app"]["security"] = {"capabilities": list(capabilities)}
    app = make_app(config, commands=(allowed, secret))
    qtbot.waitUntil(lambda: app.window("main").page_connected, timeout=10_000)
    return app


def open_from_page(qtbot: Any, app: App, label: str, opener: str = "main") -> Window:
    """``new WebviewWindow(label)`` in ``opener``'s page; the new window, once connected."""
    created = eval_js(
        qtbot,
        app.window(opener),
        "new Promise((resolve) => {"
        f" const w = new api.WebviewWindow({label!r}, {{url: 'recorder.html'}});"
        " w.once('tauri://created', () => resolve('created'));"
        " w.once('tauri://error', (e) => resolve(e.payload)); })",
    )
    assert created == "created"
    window = app.window(label)
    qtbot.waitUntil(lambda: window.page_connected, timeout=10_000)
    return window


def refusal(qtbot: Any, window: Window, call: str) -> str:
    with pytest.raises(JsError) as refused:
        eval_js(qtbot, window, call)
    assert refused.value.name == "NotAllowed"
    return refused.value.message


def test_a_window_opened_by_a_narrowed_page_gets_no_more_than_its_opener(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = secured_app(make_app, qtbot, NARROW, WIDE)
    main = app.window("main")
    assert refusal(qtbot, main, "api.invoke('secret')").startswith("window 'main'")
    pwn = open_from_page(qtbot, app, "pwn")
    assert eval_js(qtbot, pwn, "api.invoke('allowed')") == "yes"  # both allow it
    message = refusal(qtbot, pwn, "api.invoke('secret')")  # its capability would, main may not
    assert message.startswith(
        "window 'pwn' was opened by a page of window 'main', and a window never gets more "
        "rights than the page that opened it: window 'main': invoke of command 'secret'"
    )
    # Operations on other windows are the caller's: checked against pwn's rights, capped.
    for call in (
        "api.WebviewWindow.getByLabel('main').setTitle('pwned')",
        "api.WebviewWindow.getByLabel('main').close()",
        "api.WebviewWindow.getByLabel('main').emit('x', 1)",
        "api.emit('x', 1)",
    ):
        assert "opened by a page of window 'main'" in refusal(qtbot, pwn, call), call
    assert app.window("main").title() != "pwned"
    assert "main" in app.windows()  # its close was refused


def test_a_window_no_capability_names_gets_nothing_once_capabilities_are_declared(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = secured_app(make_app, qtbot, NARROW)
    stray = open_from_page(qtbot, app, "stray")
    message = refusal(qtbot, stray, "api.invoke('allowed')")
    assert message.startswith(
        "window 'stray': invoke of command 'allowed' is not allowed: no "
        "capability names this window"
    )
    # Opened by the app itself rather than a page: the same rule, without a ceiling.
    other = app.create_window("other", url="recorder.html")
    qtbot.waitUntil(lambda: other.page_connected, timeout=10_000)
    assert "no capability names this window" in refusal(qtbot, other, "api.invoke('allowed')")


def test_without_capabilities_opened_windows_may_do_everything(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = secured_app(make_app, qtbot)
    child = open_from_page(qtbot, app, "child")
    assert eval_js(qtbot, child, "api.invoke('secret')") == "the secret"
    eval_js(qtbot, child, "api.WebviewWindow.getByLabel('main').setTitle('renamed')")
    assert app.window("main").title() == "renamed"
