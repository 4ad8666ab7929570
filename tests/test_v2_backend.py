"""Tauri v2's backend names through real pages (spec §17): one app with our own API's page,
a page bundled with @tauri-apps/api 1.x and one with 2.x, listeners of every kind in them and
in Python, and ``App.emit``, ``emit_to(EventTarget)``, ``emit_filter`` reaching exactly the
listeners Tauri v2 would; commands of both packages getting managed state."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from app import App, Event, EventTarget, State, command
from tests.js import eval_js, wait_js

LABELS = {"own": "main", "v1": "old", "v2": "new"}


class Counter:
    def __init__(self) -> None:
        self.calls: list[str] = []


@command
def count(counter: State[Counter], who: str) -> int:
    counter.calls.append(who)
    return len(counter.calls)


pytestmark = [
    pytest.mark.webengine,
    pytest.mark.app(
        "compat",
        windows=tuple((label, page) for page, label in LABELS.items()),
        commands=(count,),
        setup=lambda app: app.manage(Counter()),
    ),
]

# Page listeners of event 'e' of every kind: (window, JS that registers it, its tag).
PAGE_LISTENERS = (
    ("main", "window.__TAURI__.event.listen('e', record('own listen'))", "own listen"),
    ("old", "v1.event.listen('e', record('v1 listen'))", "v1 listen"),
    (
        "old",
        "v1.window.WebviewWindow.getByLabel('new').listen('e', record('v1 new.listen'))",
        "v1 new.listen",
    ),
    ("new", "v2.event.listen('e', record('v2 Any'))", "v2 Any"),
    ("new", "v2.event.listen('e', record('v2 App'), {target: {kind: 'App'}})", "v2 App"),
    ("new", "v2.event.listen('e', record('v2 old'), {target: 'old'})", "v2 old"),
    ("new", "v2.window.getCurrentWindow().listen('e', record('v2 window'))", "v2 window"),
)
ANY = {"py listen_any", "py listen_global", "v2 Any"}


@pytest.fixture
def everyone(app: App, qtbot: Any) -> dict[str, list[Any]]:
    """Python listeners of 'e' of every kind and the page listeners above, in place; maps a
    Python listener's tag to what it heard."""
    python: dict[str, list[Any]] = {
        tag: [] for tag in ("py App.listen", "py listen_any", "py listen_global", "py old.listen")
    }
    app.listen("e", lambda e: python["py App.listen"].append(e.payload))
    app.listen_any("e", lambda e: python["py listen_any"].append(e.payload))
    app.listen_global("e", lambda e: python["py listen_global"].append(e.payload))
    old = app.get_webview_window("old")
    assert old is not None
    old.listen("e", lambda e: python["py old.listen"].append(e.payload))
    for label, js, _tag in PAGE_LISTENERS:
        eval_js(qtbot, app.window(label), js)
    return python


def who_heard(app: App, qtbot: Any, python: dict[str, list[Any]], payload: str) -> set[str]:
    """The tags of the listeners that heard ``payload``, once a last ``App.emit`` (which
    reaches every page listener of 'e', spec §17.3) has reached every page: deliveries to a
    page keep their order (spec §5.2), so nothing emitted before is still on its way."""
    app.emit("e", "end")
    for label in LABELS.values():
        wait_js(
            qtbot,
            app.window(label),
            "heard.filter((h) => h.payload === 'end').length"
            f" === {sum(1 for w, _js, _t in PAGE_LISTENERS if w == label)}",
        )
    found = {tag for tag, heard in python.items() if payload in heard}
    for label in LABELS.values():
        found |= set(
            eval_js(
                qtbot,
                app.window(label),
                f"heard.filter((h) => h.payload === {payload!r}).map((h) => h.tag)",
            )
        )
    for heard in python.values():
        heard.clear()
    for label in LABELS.values():
        eval_js(qtbot, app.window(label), "heard.length = 0")
    return found


ALL = {
    "py App.listen",
    "py listen_any",
    "py listen_global",
    "py old.listen",
    *(tag for _w, _js, tag in PAGE_LISTENERS),
}


def test_emit_reaches_every_page_and_python_listener(
    app: App, qtbot: Any, everyone: dict[str, list[Any]]
) -> None:
    app.emit("e", "all")
    assert who_heard(app, qtbot, everyone, "all") == ALL


def test_emit_to_a_target_reaches_exactly_its_listeners(
    app: App, qtbot: Any, everyone: dict[str, list[Any]]
) -> None:
    app.emit_to(EventTarget.webview_window("new"), "e", "to new")
    assert who_heard(app, qtbot, everyone, "to new") == ANY | {"v1 new.listen", "v2 window"}
    app.emit_to(EventTarget.labeled("old"), "e", "to old")
    assert who_heard(app, qtbot, everyone, "to old") == ANY | {
        "v1 listen",  # a v1 page's global kind is bound to its own window
        "v2 old",
        "py old.listen",
    }
    app.emit_to(EventTarget.app(), "e", "to app")
    assert who_heard(app, qtbot, everyone, "to app") == ANY | {"py App.listen", "v2 App"}
    app.emit_to(EventTarget.any(), "e", "to any")
    assert who_heard(app, qtbot, everyone, "to any") == ALL
    # A plain label keeps v1's meaning: that window's channel, pages only (spec §3.1).
    app.emit_to("old", "e", "v1 to old")
    assert who_heard(app, qtbot, everyone, "v1 to old") == {"v1 listen", "v2 Any", "v2 old"}


def test_emit_filter_reaches_any_and_what_the_predicate_accepts(
    app: App, qtbot: Any, everyone: dict[str, list[Any]]
) -> None:
    asked: list[EventTarget] = []

    def not_main(target: EventTarget) -> bool:
        asked.append(target)
        return target.label not in (None, "main")

    app.emit_filter("e", "filtered", not_main)
    assert who_heard(app, qtbot, everyone, "filtered") == ALL - {
        "own listen",  # main's
        "py App.listen",  # App: no label
        "v2 App",
    }
    assert EventTarget.app() in asked
    assert EventTarget.labeled("main") in asked


def test_listen_any_hears_page_emits_to_any_window_and_listen_hears_the_app_s(
    app: App, qtbot: Any, everyone: dict[str, list[Any]]
) -> None:
    eval_js(qtbot, app.window("new"), "v2.event.emitTo('old', 'e', 'page to old')")
    heard_to_old = who_heard(app, qtbot, everyone, "page to old")
    assert {"py listen_any", "py listen_global", "py old.listen"} <= heard_to_old
    assert "py App.listen" not in heard_to_old  # aimed at a window, not at the app
    eval_js(qtbot, app.window("main"), "window.__TAURI__.event.emit('e', 'page global')")
    heard_global = who_heard(app, qtbot, everyone, "page global")
    assert {"py listen_any", "py App.listen"} <= heard_global
    assert "py old.listen" not in heard_global


def test_emit_works_from_another_thread(
    app: App, qtbot: Any, everyone: dict[str, list[Any]]
) -> None:
    worker = threading.Thread(target=lambda: app.emit("e", "threaded"))
    worker.start()
    worker.join()
    assert who_heard(app, qtbot, everyone, "threaded") == ALL


def test_commands_of_both_packages_get_managed_state(app: App, qtbot: Any) -> None:
    assert eval_js(qtbot, app.window("old"), "v1.tauri.invoke('count', {who: 'v1'})") == 1
    assert eval_js(qtbot, app.window("new"), "v2.core.invoke('count', {who: 'v2'})") == 2
    assert app.state(Counter).calls == ["v1", "v2"]
    # The state is not the page's to give.
    refused = eval_js(
        qtbot,
        app.window("new"),
        "v2.core.invoke('count', {who: 'x', counter: 1}).then(() => 'resolved', (e) => e)",
    )
    assert "unexpected argument 'counter'" in refused
    assert app.state(Counter).calls == ["v1", "v2"]


def test_python_event_objects_of_v2_emits(app: App, qtbot: Any) -> None:
    heard: list[Event] = []
    listener = app.once_any("one", heard.append)
    app.once("one", heard.append)
    app.emit("one", {"n": 1})
    app.emit("one", {"n": 2})
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert [(e.event, e.window_label, e.payload) for e in heard] == [
        ("one", None, {"n": 1}),
        ("one", None, {"n": 1}),
    ]
    assert heard[0].id == listener
    assert app.listener_count("one") == 0
