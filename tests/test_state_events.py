"""Built-in state events are not kept for pages that are not ready (issue 15, item 4;
docs/events.md): a window created, resized, moved, focused or closed is news only to the
listeners that exist when it happens, while the app's own events keep the readiness rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app import App, Event
from tests.conftest import page_config
from tests.js import eval_js, wait_js

pytestmark = pytest.mark.webengine


def multiwindow_config() -> dict[str, Any]:
    return page_config({"label": "main", "url": "multiwindow.html"})


def others(qtbot: Any, app: App, label: str) -> list[str]:
    window = app.window(label)
    wait_js(qtbot, window, "window.listening === true")
    return sorted(eval_js(qtbot, window, "window.others"))


def test_a_page_listing_windows_sees_each_window_once(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    # Tauri's multiwindow example: a window made in setup (its pages still loading), each
    # page listing the others from getAll() and adding one per tauri://window-created.
    app = make_app(
        multiwindow_config(), setup=lambda app: app.create_window("Rust", url="multiwindow.html")
    )
    assert others(qtbot, app, "main") == ["Rust"]
    assert others(qtbot, app, "Rust") == ["main"]
    # Past their ready deadline (it would have delivered nothing more either way).
    qtbot.waitUntil(lambda: all(app.hub.router.is_ready(label) for label in ("main", "Rust")))
    app.create_window("third", url="multiwindow.html")
    for label in ("main", "Rust"):  # a window made later: heard live, once
        wait_js(qtbot, app.window(label), "window.others.includes('third')")
    assert others(qtbot, app, "main") == ["Rust", "third"]
    assert others(qtbot, app, "Rust") == ["main", "third"]
    assert others(qtbot, app, "third") == ["Rust", "main"]


def test_state_events_before_the_page_is_ready_are_not_kept_for_it(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    heard: list[tuple[str, bool]] = []  # (event, whether main's page was ready then)

    def setup(app: App) -> None:
        def note(event: Event) -> None:
            heard.append((event.event, app.hub.router.is_ready("main")))

        for name in ("resize", "move", "window-created", "destroyed"):
            app.listen_global(f"tauri://{name}", note)
        app.emit_all("setup-event", "kept")
        main = app.window("main")
        main.set_size(640, 480)
        main.set_position(40, 30)
        app.create_window("brief", url="multiwindow.html").close()

    app = make_app(page_config({"label": "main", "url": "early.html"}), setup=setup)
    main = app.window("main")
    qtbot.waitUntil(lambda: {"tauri://resize", "tauri://move"} <= {name for name, _ in heard})
    wait_js(qtbot, main, "window.earlyReady === true")
    names = {name for name, _ready in heard}
    assert {"tauri://window-created", "tauri://destroyed"} <= names  # they did happen
    assert not any(ready for _name, ready in heard)  # all while the page was not ready
    # The app's own event was kept for the page; the state events were not.
    assert eval_js(qtbot, main, "window.heard") == ["setup-event"]
    # Live, once the page listens, they come as usual.
    main.set_size(500, 400)
    wait_js(qtbot, main, "window.heard.includes('tauri://resize')")
    app.create_window("later", url="multiwindow.html")
    wait_js(qtbot, main, "window.heard.includes('tauri://window-created')")
    assert eval_js(qtbot, main, "window.heard.filter((e) => e === 'tauri://window-created')") == [
        "tauri://window-created"
    ]
