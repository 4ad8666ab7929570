"""One app, three pages: our own API, the official v1 package and the official v2 package,
exchanging events with each other and with the backend (issue 4)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App, Event, Window, command
from tests.compat_build import compat_config
from tests.js import eval_js, wait_js

# How each page's own code listens and emits, in its own API.
LISTEN = {
    "own": "window.__TAURI__.event.listen",
    "v1": "v1.event.listen",
    "v2": "v2.event.listen",
}
EMIT = {
    "own": "window.__TAURI__.event.emit",
    "v1": "v1.event.emit",
    "v2": "v2.event.emit",
}
LABELS = {"own": "main", "v1": "old", "v2": "new"}


@command
def whoami(window: Window) -> str:
    return window.label


pytestmark = [
    pytest.mark.webengine,
    pytest.mark.app(
        "compat",
        windows=tuple((label, page) for page, label in LABELS.items()),
        commands=(whoami,),
    ),
]


def page(app: App, kind: str) -> Window:
    return app.window(LABELS[kind])


def test_global_events_reach_every_page_and_the_backend(app: App, qtbot: Any) -> None:
    python: list[tuple[str | None, Any]] = []
    app.listen_global("chat", lambda e: python.append((e.window_label, e.payload)))
    for kind in LABELS:
        eval_js(qtbot, page(app, kind), f"{LISTEN[kind]}('chat', record('chat'))")
    for kind in LABELS:
        eval_js(qtbot, page(app, kind), f"{EMIT[kind]}('chat', 'from {kind}')")
    app.emit_all("chat", "from python")
    expected = ["from own", "from v1", "from v2", "from python"]
    for kind in LABELS:
        window = page(app, kind)
        wait_js(qtbot, window, "heard.filter((h) => h.tag === 'chat').length === 4")
        got = eval_js(qtbot, window, "heard.filter((h) => h.tag === 'chat').map((h) => h.payload)")
        assert got == expected, kind
    assert python == [(LABELS[kind], f"from {kind}") for kind in LABELS]
    # Sources, as each API shows them: v1 and ours carry windowLabel; v2's event has none.
    sources = "heard.filter((h) => h.tag === 'chat').map((h) => h.windowLabel ?? null)"
    assert eval_js(qtbot, page(app, "v1"), sources) == ["main", "old", "new", None]
    assert eval_js(qtbot, page(app, "v2"), sources) == [None, None, None, None]


def test_window_events_cross_the_apis(app: App, qtbot: Any) -> None:
    own, old, new = page(app, "own"), page(app, "v1"), page(app, "v2")
    eval_js(qtbot, own, "window.__TAURI__.window.appWindow.listen('direct', record('direct'))")
    eval_js(qtbot, old, "v1.window.appWindow.listen('direct', record('direct'))")
    eval_js(qtbot, new, "v2.window.getCurrentWindow().listen('direct', record('direct'))")
    python_new: list[Event] = []
    app.window("new").listen("direct", python_new.append)

    eval_js(qtbot, new, "v2.event.emitTo('old', 'direct', 'v2 to v1')")
    eval_js(qtbot, old, "v1.window.WebviewWindow.getByLabel('main').emit('direct', 'v1 to own')")
    eval_js(
        qtbot,
        own,
        "window.__TAURI__.window.WebviewWindow.getByLabel('new').emit('direct', 'own to v2')",
    )
    app.emit_to("new", "direct", "python to v2")
    for window, expected in (
        (old, ["v2 to v1"]),
        (own, ["v1 to own"]),
        (new, ["own to v2", "python to v2"]),
    ):
        wait_js(
            qtbot, window, f"heard.filter((h) => h.tag === 'direct').length === {len(expected)}"
        )
        got = eval_js(
            qtbot, window, "heard.filter((h) => h.tag === 'direct').map((h) => h.payload)"
        )
        assert got == expected, window.label
    assert [(e.window_label, e.payload) for e in python_new] == [("main", "own to v2")]


def test_every_page_calls_the_same_command(app: App, qtbot: Any) -> None:
    calls = {
        "own": "window.__TAURI__.invoke('whoami')",
        "v1": "v1.tauri.invoke('whoami')",
        "v2": "v2.core.invoke('whoami')",
    }
    for kind, call in calls.items():
        assert eval_js(qtbot, page(app, kind), call) == LABELS[kind]


def test_every_page_sees_windows_opened_by_another_api(app: App, qtbot: Any) -> None:
    eval_js(
        qtbot,
        page(app, "v2"),
        "new Promise((resolve) => new v2.webviewWindow.WebviewWindow('extra', {url: 'own.html'})"
        ".once('tauri://created', resolve))",
    )
    expected = ["main", "old", "new", "extra"]
    assert (
        eval_js(qtbot, page(app, "own"), "window.__TAURI__.window.getAll().map((w) => w.label)")
        == expected
    )
    assert eval_js(qtbot, page(app, "v1"), "v1.window.getAll().map((w) => w.label)") == expected
    assert (
        eval_js(
            qtbot, page(app, "v2"), "v2.window.getAllWindows().then((ws) => ws.map((w) => w.label))"
        )
        == expected
    )


def test_capabilities_apply_to_the_packages_calls(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    narrow = {
        "identifier": "narrow",
        "windows": ["old", "new"],
        "commands": ["whoami"],
        "emit": ["ok"],
        "listen": ["ok"],
    }
    config = compat_config(compat_dist, ("old", "v1"), ("new", "v2"))
    config["app"]["security"] = {"capabilities": [narrow]}  # type: ignore[index]
    app = make_app(config, commands=(whoami,))
    # (The pages' start-up listen of 'compat-start' is refused: they are not "ready".)
    old, new = app.window("old"), app.window("new")
    calls = {
        old: ("v1.tauri.invoke", "v1.event.emit", "v1.event.listen", "v1.window.appWindow"),
        new: ("v2.core.invoke", "v2.event.emit", "v2.event.listen", "v2.window.getCurrentWindow()"),
    }
    for window, (invoke, emit, listen, current) in calls.items():
        wait_js(qtbot, window, "window.v1 || window.v2")
        assert eval_js(qtbot, window, f"{invoke}('whoami')") == window.label
        assert eval_js(qtbot, window, f"{emit}('ok', 1).then(() => 'sent')") == "sent"
        for call, refused in (
            (f"{invoke}('secret')", "invoke of command 'secret' is not allowed"),
            (f"{emit}('other', 1)", "emit of event 'other' is not allowed"),
            (f"{listen}('other', () => {{}})", "listen"),
            (f"{current}.setTitle('x')", "invoke of command 'window:setTitle'"),
        ):
            kind, message = eval_js(
                qtbot, window, f"{call}.then(() => ['resolved', ''], (e) => [typeof e, e])"
            )
            assert kind == "string", call  # the packages' error shape: a string
            assert refused in message, call
            assert "not allowed" in message, call
