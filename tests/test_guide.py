"""The two examples of Tauri's event guide (v1): the JS snippets verbatim in a page
(tests/pages/guide.html), the Rust snippets translated line by line into Python."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from app import App, Event
from tests.conftest import page_config
from tests.js import wait_js, wait_loaded

pytestmark = pytest.mark.webengine


@dataclasses.dataclass
class Payload:
    message: str


def test_global_events_from_both_sides(make_app: Callable[..., App], qtbot: Any) -> None:
    printed: list[str] = []
    heard_clicks: list[Event] = []

    def setup(app: App) -> None:
        # listen to the `event-name` (emitted on any window)
        listener_id = app.listen_global(
            "event-name",
            lambda event: printed.append(f"got event-name with payload {event.payload!r}"),
        )
        # unlisten to the event using the `id` returned on the `listen_global` function
        # a `once_global` API is also exposed on the `App` class
        app.unlisten(listener_id)

        # emit the `event-name` event to all webview windows on the frontend
        app.emit_all("event-name", Payload(message="Tauri is awesome!"))

        app.listen_global("click", heard_clicks.append)  # observes the page's emit

    app = make_app(page_config({"label": "main", "url": "guide.html"}), setup=setup)
    wait_loaded(qtbot, app, ready_flag="window.observed")
    main = app.window("main")
    observed = wait_js(qtbot, main, "window.observed?.length >= 1 && window.observed")
    assert [(e["kind"], e["windowLabel"], e["payload"]) for e in observed] == [
        ("listen", None, {"message": "Tauri is awesome!"})
    ]
    qtbot.waitUntil(lambda: len(heard_clicks) == 1)
    assert heard_clicks[0].payload == {"theMessage": "Tauri is awesome!"}
    assert heard_clicks[0].window_label == "main"
    assert printed == []  # unlistened before the emit
    qtbot.waitUntil(lambda: app.listener_count("click") == 2)  # the page's and ours


def test_window_specific_events_from_both_sides(make_app: Callable[..., App], qtbot: Any) -> None:
    printed: list[str] = []
    heard: list[Event] = []

    def setup(app: App) -> None:
        # `main` here is the window label; it is defined on the window creation or in the
        # config; the default value is `main`. note that it must be unique
        main_window = app.get_window("main")
        assert main_window is not None

        # listen to the `event-name` (emitted on the `main` window)
        listener_id = main_window.listen(
            "event-name",
            lambda event: printed.append(f"got window event-name with payload {event.payload!r}"),
        )
        # unlisten to the event using the `id` returned on the `listen` function
        # a `once` API is also exposed on the `Window` class
        main_window.unlisten(listener_id)

        # emit the `event-name` event to the `main` window
        main_window.emit("event-name", Payload(message="Tauri is awesome!"))

        app.listen_global("event", heard.append)  # observes the page's window emits

    app = make_app(page_config({"label": "main", "url": "guide.html"}), setup=setup)
    wait_loaded(qtbot, app, ready_flag="window.observed")
    main = app.window("main")
    observed = wait_js(qtbot, main, "window.observed?.length >= 2 && window.observed")
    assert [(e["kind"], e["windowLabel"], e["payload"]) for e in observed] == [
        ("listen", None, {"message": "Tauri is awesome!"}),
        ("appWindow.listen", None, {"message": "Tauri is awesome!"}),
    ]
    # appWindow.emit went to main's channel; new WebviewWindow('window') opened a window, and
    # webview.emit('event') went to that window's channel, both with main as the source.
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert [(e.window_label, e.payload) for e in heard] == [
        ("main", {"message": "Tauri is awesome!"}),
        ("main", None),
    ]
    assert list(app.windows()) == ["main", "window"]
    assert printed == []
