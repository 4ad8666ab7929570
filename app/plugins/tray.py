"""The core ``tray`` module of Tauri v2 (``@tauri-apps/api/tray``: ``plugin:tray|*``,
permissions ``core:tray:*``): tray icons made by pages, as ``app.desktop.TrayIcon``s. Each
icon's events (``TrayIconEvent``) go to the page's ``action`` (the package's ``Channel``) and,
as ``tauri://tray-icon``, to Python listeners and pages. ``TrayIcon.getById`` also finds the
icons made in Python once they are registered with ``register_tray``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from ..app import App
from ..commands.channel import Channel
from ..desktop.native import NativeMenu
from ..desktop.tray import TrayIcon
from ..errors import ChannelClosed
from .menu import held, resolve_icon
from .plugin import Plugin
from .resources import resources_of


class TrayState:
    """The app's tray icons by id, and each one's resource id."""

    def __init__(self) -> None:
        self.by_id: dict[str, TrayIcon] = {}
        self.rids: dict[str, int] = {}
        self._next = 1

    def new_id(self) -> str:
        while f"tray-{self._next}" in self.by_id:
            self._next += 1
        return f"tray-{self._next}"


def tray_state(app: App) -> TrayState:
    state = app.plugin("tray").state
    assert isinstance(state, TrayState)
    return state


def register_tray(app: App, tray: TrayIcon) -> None:
    """Let pages find ``tray`` (made in Python) with ``TrayIcon.getById``."""
    state = tray_state(app)
    if tray.id in state.by_id:
        raise ValueError(f"a tray icon with id {tray.id!r} exists already")
    state.by_id[tray.id] = tray


def _tray(app: App, rid: int) -> TrayIcon:
    found = resources_of(app).get(rid, TrayIcon)
    assert isinstance(found, TrayIcon)
    return found


def _menu_of(app: App, menu: Any) -> NativeMenu | None:
    if menu is None:
        return None
    if not isinstance(menu, list) or len(menu) != 2:
        raise ValueError(f"a tray menu is [rid, kind], got {menu!r}")
    found = held(app, menu[0], menu[1])
    if not isinstance(found, NativeMenu):
        raise ValueError(f"resource id {menu[0]} is not a menu")
    return found


def _hold(app: App, tray: TrayIcon) -> int:
    """The icon's resource id; closing it (``tray.close()`` in JS) removes the icon, as in
    Tauri."""
    state = tray_state(app)
    if tray.id not in state.rids:

        def closed() -> None:
            state.rids.pop(tray.id, None)
            if state.by_id.get(tray.id) is tray:
                del state.by_id[tray.id]
                tray.close()

        state.rids[tray.id] = resources_of(app).add(tray, closed)
    return state.rids[tray.id]


_OPTIONS = frozenset(
    {
        "id",
        "menu",
        "icon",
        "tooltip",
        "title",
        "tempDirPath",
        "iconAsTemplate",
        "menuOnLeftClick",
        "showMenuOnLeftClick",
    }
)


def tray_plugin() -> Plugin:
    def new(
        app: App, options: dict[str, Any], handler: Channel[object] | None = None
    ) -> list[object]:
        unknown = set(options) - _OPTIONS
        if unknown:
            raise ValueError(f"unknown tray icon options: {', '.join(sorted(unknown))}")
        state = tray_state(app)
        tray_id = options.get("id") or state.new_id()
        if not isinstance(tray_id, str):
            raise ValueError(f"tray icon id {tray_id!r}: expected a string")
        if tray_id in state.by_id:
            raise ValueError(f"a tray icon with id {tray_id!r} exists already")
        menu = _menu_of(app, options.get("menu"))
        on_left = options.get("showMenuOnLeftClick", options.get("menuOnLeftClick", True))
        tray = TrayIcon(
            app,
            icon=resolve_icon(app, options.get("icon")),
            tooltip=str(options.get("tooltip") or ""),
            id=tray_id,
            show_menu_on_left_click=bool(on_left),
        )
        tray.title = str(options.get("title") or "")
        if menu is not None:
            tray.set_menu(menu.qmenu)
        if handler is not None:
            tray.on_event(_sender(handler))
        state.by_id[tray_id] = tray
        return [_hold(app, tray), tray_id]

    def get_by_id(app: App, id: str) -> int | None:
        found = tray_state(app).by_id.get(id)
        return _hold(app, found) if found is not None else None

    def remove_by_id(app: App, id: str) -> None:
        state = tray_state(app)
        found = state.by_id.pop(id, None)
        if found is None:
            raise ValueError(f"no tray icon with id {id!r}")
        found.close()
        rid = state.rids.pop(id, None)
        if rid is not None:
            resources_of(app).close(rid)  # its callback finds the icon gone already

    def set_icon(app: App, rid: int, icon: Any = None) -> None:
        _tray(app, rid).set_icon(resolve_icon(app, icon))

    def set_menu(app: App, rid: int, menu: Any = None) -> None:
        found = _menu_of(app, menu)
        _tray(app, rid).set_menu(found.qmenu if found is not None else None)

    def set_tooltip(app: App, rid: int, tooltip: str | None = None) -> None:
        _tray(app, rid).set_tooltip(tooltip or "")

    def set_title(app: App, rid: int, title: str | None = None) -> None:
        _tray(app, rid).title = title or ""

    def set_visible(app: App, rid: int, visible: bool) -> None:
        _tray(app, rid).set_visible(visible)

    def set_temp_dir_path(app: App, rid: int, path: str | None = None) -> None:
        _tray(app, rid)  # Linux's icon files: Qt hands the icon over itself

    def set_icon_as_template(app: App, rid: int, as_template: bool) -> None:
        _tray(app, rid)  # macOS only

    def set_icon_with_as_template(app: App, rid: int, as_template: bool, icon: Any = None) -> None:
        _tray(app, rid).set_icon(resolve_icon(app, icon))

    def set_show_menu_on_left_click(app: App, rid: int, on_left: bool) -> None:
        _tray(app, rid).show_menu_on_left_click = on_left

    commands: list[Callable[..., Any]] = [
        new,
        get_by_id,
        remove_by_id,
        set_icon,
        set_menu,
        set_tooltip,
        set_title,
    ]
    commands += [set_visible, set_temp_dir_path, set_icon_as_template]
    commands += [set_icon_with_as_template, set_show_menu_on_left_click]
    plugin = Plugin("tray", commands=commands, state=TrayState())
    plugin.permission_prefix = "core:tray"
    return plugin


def _sender(handler: Channel[object]) -> Any:
    def send(event: dict[str, Any]) -> None:
        if handler.closed:
            return
        # The page may be gone; Python still hears `tauri://tray-icon`.
        with contextlib.suppress(ChannelClosed):
            handler.send(event)

    return send
