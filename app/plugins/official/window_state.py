"""``window_state()``: Tauri's window-state plugin (``@tauri-apps/plugin-window-state`` 2.x):
each window's size, position, maximized, visible, decorated and fullscreen state, saved to
``appConfigDir()/.window-state.json`` when its user closes a window, when the app closes and
on ``saveWindowState``, and restored when a window opens and on ``restoreState``. Sizes and
positions are in logical pixels (Qt's unit)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from enum import IntFlag
from pathlib import Path
from typing import Any

from ...app import App
from ...events.values import Event
from ...web.window import CLOSE_REQUESTED, Window
from ..core import BaseDirectory, directory_path
from ..plugin import Plugin
from .store import write_json_atomically

log = logging.getLogger(__name__)
FILENAME = ".window-state.json"


class StateFlags(IntFlag):
    """@tauri-apps/plugin-window-state's ``StateFlags``."""

    SIZE = 1
    POSITION = 2
    MAXIMIZED = 4
    VISIBLE = 8
    DECORATIONS = 16
    FULLSCREEN = 32
    ALL = 63


class WindowStates:
    """The plugin's options and the file's path."""

    def __init__(self, flags: StateFlags, denylist: Iterable[str]) -> None:
        self.flags = flags
        self.denylist = frozenset(denylist)

    def file(self, app: App) -> Path:
        return directory_path(app, BaseDirectory.AppConfig) / FILENAME

    def read(self, app: App) -> dict[str, Any]:
        file = self.file(app)
        try:
            found = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            log.warning("window state: %s is unreadable (%s); starting afresh", file, error)
            return {}
        return found if isinstance(found, dict) else {}


def _states(app: App) -> WindowStates:
    found = app.plugin("window-state").state
    assert isinstance(found, WindowStates)
    return found


def state_of(window: Window, before: dict[str, Any]) -> dict[str, Any]:
    """The window's state now; a maximized or fullscreen window keeps the size and position
    saved before, so that it comes back to them when it is restored to normal."""
    view = window.webview
    maximized, fullscreen = window.is_maximized(), window.is_fullscreen()
    state = {
        "width": view.width(),
        "height": view.height(),
        "x": view.frameGeometry().x(),
        "y": view.frameGeometry().y(),
        "maximized": maximized,
        "visible": window.is_visible(),
        "decorated": window.is_decorated(),
        "fullscreen": fullscreen,
    }
    if (maximized or fullscreen) and before:
        state.update({key: before[key] for key in ("width", "height", "x", "y") if key in before})
    return state


def save(app: App, flags: StateFlags = StateFlags.ALL) -> None:
    """Save the open windows' state (those not on the deny list)."""
    _save(app, app.windows().values(), flags)


def _save(app: App, windows: Iterable[Window], flags: StateFlags) -> None:
    states = _states(app)
    saved = states.read(app)
    for window in windows:
        if window.label in states.denylist:
            continue
        now = state_of(window, saved.get(window.label, {}))
        if not flags & StateFlags.SIZE:
            now = {k: v for k, v in now.items() if k not in ("width", "height")}
        if not flags & StateFlags.POSITION:
            now = {k: v for k, v in now.items() if k not in ("x", "y")}
        saved[window.label] = {**saved.get(window.label, {}), **now}
    write_json_atomically(states.file(app), saved)


def restore(app: App, label: str, flags: StateFlags = StateFlags.ALL) -> None:
    window = app.window(label)
    state = _states(app).read(app).get(label)
    if not isinstance(state, dict):
        return
    if flags & StateFlags.DECORATIONS and isinstance(state.get("decorated"), bool):
        window.set_decorations(state["decorated"])
    if flags & StateFlags.SIZE and _ints(state, "width", "height"):
        window.set_size(state["width"], state["height"])
    if flags & StateFlags.POSITION and _ints(state, "x", "y"):
        window.set_position(state["x"], state["y"])
    if flags & StateFlags.MAXIMIZED and state.get("maximized") is True:
        window.maximize()
    if flags & StateFlags.FULLSCREEN and state.get("fullscreen") is True:
        window.set_fullscreen(True)
    if flags & StateFlags.VISIBLE and state.get("visible") is False:
        window.hide()


def _ints(state: dict[str, Any], *keys: str) -> bool:
    return all(type(state.get(key)) is int for key in keys)


def save_window_state(app: App, flags: StateFlags) -> None:
    save(app, flags)


def restore_state(app: App, label: str, flags: StateFlags) -> None:
    restore(app, label, flags)


def filename() -> str:
    return FILENAME


def _set_up(app: App) -> None:
    states = _states(app)

    def follow(window: Window) -> None:
        restore(app, window.label, states.flags)
        # Saved as its user closes it, while it is still there to be measured: an app closes
        # after its last window, too late for on_close below (Tauri saves on CloseRequested).
        window.listen(CLOSE_REQUESTED, lambda _: _save(app, [window], states.flags))

    def follow_new(event: Event) -> None:
        label = event.payload.get("label") if isinstance(event.payload, dict) else None
        window = app.get_window(label) if isinstance(label, str) else None
        if window is not None and window.label not in states.denylist:
            follow(window)

    for label, window in app.windows().items():
        if label not in states.denylist:
            follow(window)
    app.listen_global("tauri://window-created", follow_new)
    app.on_close(lambda: save(app, states.flags))


def window_state(flags: StateFlags = StateFlags.ALL, denylist: Iterable[str] = ()) -> Plugin:
    """Tauri's window-state plugin: ``Builder().plugin(window_state())``. ``flags``: what is
    saved and restored automatically; ``denylist``: window labels left alone.
    ``window-state:default`` allows every command."""
    return Plugin(
        "window-state",
        commands=[save_window_state, restore_state, filename],
        state=WindowStates(flags, denylist),
        setup=_set_up,
    )
