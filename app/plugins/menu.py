"""The core ``menu`` module of Tauri v2 (``@tauri-apps/api/menu``: ``plugin:menu|*``,
permissions ``core:menu:*``): menus and items made by pages, held by resource id, on the
live Qt menus of ``app.desktop.native``. A click on an item sends its id to the item's JS
``action`` (the package's ``Channel``) and emits ``tauri://menu`` with the id on the global
channel, to Python listeners and pages, as the tray's menus made in Python do."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtGui import QIcon

from ..app import App
from ..commands.channel import Channel, PageChannels
from ..desktop.menu import MENU_EVENT, show_popup
from ..desktop.native import (
    ITEM_KINDS,
    MENU_KINDS,
    NativeItem,
    NativeMenu,
    native_item,
    new_id,
    set_native_window_menu,
)
from ..desktop.predefined import focused_window, predefined_action
from ..errors import ChannelClosed
from ..web.icons import load_icon
from ..web.window import Window
from .image import image_of
from .plugin import Plugin
from .resources import resources_of

Entry = NativeItem | NativeMenu
# NativeIcon names (macOS's template images): no Qt equivalent, the item shows no icon.
_NATIVE_ICONS = frozenset(
    [
        "Add",
        "Advanced",
        "Bluetooth",
        "Bookmarks",
        "Caution",
        "ColorPanel",
        "ColumnView",
        "Computer",
        "EnterFullScreen",
        "Everyone",
        "ExitFullScreen",
        "FlowView",
        "Folder",
        "FolderBurnable",
        "FolderSmart",
        "FollowLinkFreestanding",
        "FontPanel",
        "GoLeft",
        "GoRight",
        "Home",
        "IChatTheater",
        "IconView",
        "Info",
        "InvalidDataFreestanding",
        "LeftFacingTriangle",
        "ListView",
        "LockLocked",
        "LockUnlocked",
        "MenuMixedState",
        "MenuOnState",
        "MobileMe",
        "MultipleDocuments",
        "Network",
        "Path",
        "PreferencesGeneral",
        "QuickLook",
        "RefreshFreestanding",
        "Refresh",
        "Remove",
        "RevealFreestanding",
        "RightFacingTriangle",
        "Share",
        "Slideshow",
        "SmartBadge",
        "StatusAvailable",
        "StatusNone",
        "StatusPartiallyAvailable",
        "StatusUnavailable",
        "StopProgressFreestanding",
        "StopProgress",
        "TrashEmpty",
        "TrashFull",
        "User",
        "UserAccounts",
        "UserGroup",
        "UserGuest",
    ]
)


class MenuState:
    """Every menu object pages made (they live as long as the app: a closed resource id may
    still be shown in a menu), the app menu, each window's menu, and the last popup (a seam:
    a headless Qt cannot click into a popup, tests read what was popped where)."""

    def __init__(self) -> None:
        self.alive: list[Entry] = []
        self.app_menu: NativeMenu | None = None
        self.window_menus: dict[str, NativeMenu] = {}
        self.last_popup: tuple[str, NativeMenu] | None = None
        # Where a menu was last popped up or set as the window menu: its predefined items act
        # on that window (None: on the focused one).
        self.last_window: str | None = None


def menu_state(app: App) -> MenuState:
    state = app.plugin("menu").state
    assert isinstance(state, MenuState)
    return state


def resolve_icon(app: App, icon: object) -> QIcon | None:
    """A JS ``JsImage``/``MenuIcon``: a path (relative to the frontend folder), an image file's
    bytes (a list of byte values), a NativeIcon name (no icon here), or an ``Image`` resource
    id (the ``image`` core module's ``QImage``)."""
    if icon is None:
        return None
    if isinstance(icon, str) and icon in _NATIVE_ICONS:
        return None
    if isinstance(icon, Mapping) and list(icon) == [str(n) for n in range(len(icon))]:
        icon = list(icon.values())  # a Uint8Array, as JSON writes it: {"0": .., "1": ..}
    if isinstance(icon, int) and not isinstance(icon, bool):
        return load_icon(image_of(app, icon), app.config.frontend_dist)  # a v2 Image
    return load_icon(icon, app.config.frontend_dist)  # type: ignore[arg-type]


class _Builder:
    """Makes menu objects from the package's options, wiring each item's click."""

    def __init__(self, app: App, channels: PageChannels) -> None:
        self.app = app
        self.channels = channels
        self.state = menu_state(app)

    def clicked(self, handler: Channel[object] | None) -> Any:
        def click(item_id: str) -> None:
            if self.app.is_closed:
                return
            if handler is not None and not handler.closed:
                # The page that made the item may be gone; Python still hears the click.
                with contextlib.suppress(ChannelClosed):
                    handler.send(item_id)
            self.app.hub.publish(MENU_EVENT, item_id, to_backend=True, to_frontend=True)

        return click

    def make(self, kind: str, options: Mapping[str, Any], handler: Channel[object] | None) -> Entry:
        if not isinstance(options, Mapping):
            raise ValueError(f"{kind} options must be an object, got {options!r}")
        item_id = options.get("id") or new_id()
        if not isinstance(item_id, str):
            raise ValueError(f"menu item id {item_id!r}: expected a string")
        entry: Entry
        if kind in MENU_KINDS:
            entry = NativeMenu(
                kind, item_id, str(options.get("text", "")), bool(options.get("enabled", True))
            )
            if kind == "Submenu" and options.get("icon") is not None:
                entry.set_icon(resolve_icon(self.app, options["icon"]))
            entry.insert(0, self.entries(options.get("items") or []))
        elif kind == "Predefined":
            entry = self.predefined(item_id, options)
        elif kind in ITEM_KINDS:
            text = options.get("text")
            if not isinstance(text, str):
                raise ValueError(f"{kind} {item_id!r}: its text must be a string")
            icon = resolve_icon(self.app, options.get("icon")) if kind == "Icon" else None
            extra = {k: options.get(k) for k in ("enabled", "checked", "accelerator")}
            extra = {k: v for k, v in extra.items() if v is not None}
            entry = native_item(kind, item_id, text, icon=icon, **extra)
            entry.on_click(self.clicked(handler))
        else:
            raise ValueError(f"unknown menu kind {kind!r} (one of {ITEM_KINDS + MENU_KINDS})")
        self.state.alive.append(entry)
        return entry

    def predefined(self, item_id: str, options: Mapping[str, Any]) -> NativeItem:
        item = options.get("item")
        about: Mapping[str, Any] | None = None
        if isinstance(item, Mapping) and set(item) == {"About"}:
            about = item["About"] or {}
            item = "About"
        if not isinstance(item, str):
            raise ValueError(f"predefined menu item {item!r}: expected a name or {{About: ...}}")
        text = options.get("text")
        action = predefined_action(
            item,
            None,  # the NativeItem keeps it
            lambda: focused_window(self.app, lambda: self.state.last_window),
            self.app,
            text=text if isinstance(text, str) else None,
            about=about,
        )
        return NativeItem("Predefined", item_id, action)

    def entries(self, items: object) -> list[Entry]:
        """The package's item list: ``[rid, kind]`` of an existing object, or the options of
        a new one (its ``handler``, a channel, nested)."""
        if not isinstance(items, list):
            raise ValueError(f"menu items must be a list, got {items!r}")
        return [self.entry(item) for item in items]

    def entry(self, item: object) -> Entry:
        if isinstance(item, list) and len(item) == 2:
            return held(self.app, item[0], item[1])
        if not isinstance(item, Mapping):
            raise ValueError(f"menu item {item!r}: expected options or [rid, kind]")
        handler = item.get("handler")
        channel = self.channels.open(handler) if handler is not None else None
        return self.make(kind_of(item), item, channel)


def kind_of(options: Mapping[str, Any]) -> str:
    """The kind of a nested item, from its options (as Tauri reads them)."""
    if "items" in options:
        return "Submenu"
    if "item" in options:
        return "Predefined"
    if "checked" in options:
        return "Check"
    if "icon" in options:
        return "Icon"
    return "MenuItem"


def held(app: App, rid: object, kind: object) -> Entry:
    """The menu object a page holds as ``rid``, of ``kind``."""
    if not isinstance(rid, int) or isinstance(rid, bool):
        raise ValueError(f"resource id {rid!r} is invalid")
    found = resources_of(app).get(rid)
    if not isinstance(found, NativeItem | NativeMenu) or found.kind != kind:
        raise ValueError(f"resource id {rid} is not a {kind}")
    return found


def hold(app: App, entry: Entry) -> list[object]:
    """``[rid, id, kind]``, the entry given a resource id if it has none yet."""
    if entry.rid is None:

        def closed() -> None:  # the page let go (`close()`): the next hold gives a new rid
            entry.rid = None

        entry.rid = resources_of(app).add(entry, closed)
    return [entry.rid, entry.id, entry.kind]


def _menu(app: App, rid: int, kind: str) -> NativeMenu:
    found = held(app, rid, kind)
    if not isinstance(found, NativeMenu):
        raise ValueError(f"resource id {rid} is not a menu")
    return found


def _window_of(app: App, caller: Window, label: str | None) -> Window:
    return caller if label is None else app.window(label)


def menu_plugin() -> Plugin:
    def new(
        app: App,
        channels: PageChannels,
        kind: str,
        options: Any = None,
        handler: Channel[object] | None = None,
    ) -> list[object]:
        entry = _Builder(app, channels).make(kind, options or {}, handler)
        return hold(app, entry)[:2]

    def create_default(app: App) -> list[object]:
        builder = _Builder(app, PageChannels(None))
        edit = [{"item": k} for k in ("Undo", "Redo", "Separator", "Cut", "Copy", "Paste")]
        edit.append({"item": "SelectAll"})
        window = [{"item": k} for k in ("Minimize", "Maximize", "Separator", "CloseWindow")]
        menu = builder.make(
            "Menu",
            {
                "items": [
                    {"text": "Edit", "items": edit},
                    {"text": "Window", "items": window},
                    {"text": "Help", "items": [{"item": {"About": None}}]},
                ]
            },
            None,
        )
        return hold(app, menu)[:2]

    def append(app: App, channels: PageChannels, rid: int, kind: str, items: Any) -> None:
        menu = _menu(app, rid, kind)
        menu.insert(len(menu.items), _Builder(app, channels).entries(items))

    def prepend(app: App, channels: PageChannels, rid: int, kind: str, items: Any) -> None:
        _menu(app, rid, kind).insert(0, _Builder(app, channels).entries(items))

    def insert(
        app: App, channels: PageChannels, rid: int, kind: str, items: Any, position: int
    ) -> None:
        _menu(app, rid, kind).insert(position, _Builder(app, channels).entries(items))

    def remove(app: App, rid: int, kind: str, item: list[Any]) -> None:
        _menu(app, rid, kind).remove(held(app, *item))

    def remove_at(app: App, rid: int, kind: str, position: int) -> list[object] | None:
        found = _menu(app, rid, kind).remove_at(position)
        return hold(app, found) if found is not None else None

    def items(app: App, rid: int, kind: str) -> list[list[object]]:
        return [hold(app, entry) for entry in _menu(app, rid, kind).items]

    def get(app: App, rid: int, kind: str, id: str) -> list[object] | None:
        found = _menu(app, rid, kind).get(id)
        return hold(app, found) if found is not None else None

    def text(app: App, rid: int, kind: str) -> str:
        return held(app, rid, kind).text

    def set_text(app: App, rid: int, kind: str, text: str) -> None:
        held(app, rid, kind).set_text(text)

    def is_enabled(app: App, rid: int, kind: str) -> bool:
        return held(app, rid, kind).enabled

    def set_enabled(app: App, rid: int, kind: str, enabled: bool) -> None:
        held(app, rid, kind).set_enabled(enabled)

    def set_accelerator(app: App, rid: int, kind: str, accelerator: str | None) -> None:
        found = held(app, rid, kind)
        if not isinstance(found, NativeItem):
            raise ValueError(f"a {kind} has no accelerator")
        found.set_accelerator(accelerator)

    def is_checked(app: App, rid: int) -> bool:
        return held(app, rid, "Check").checked  # type: ignore[union-attr]

    def set_checked(app: App, rid: int, checked: bool) -> None:
        held(app, rid, "Check").set_checked(checked)  # type: ignore[union-attr]

    def set_icon(app: App, rid: int, kind: str, icon: Any = None) -> None:
        held(app, rid, kind).set_icon(resolve_icon(app, icon))

    def set_as_app_menu(app: App, rid: int) -> list[object] | None:
        """The app menu: every window's menu bar, except windows given their own."""
        state = menu_state(app)
        menu = _menu(app, rid, "Menu")
        previous, state.app_menu = state.app_menu, menu
        state.last_window = None  # its predefined items act on the focused window
        for label, window in app.windows().items():
            if label not in state.window_menus:
                set_native_window_menu(window, menu)
        return hold(app, previous)[:2] if previous is not None else None

    def set_as_windows_menu_for_nsapp(app: App, rid: int) -> None:
        _menu(app, rid, "Submenu")  # macOS only: checked, nothing to do elsewhere

    def set_as_help_menu_for_nsapp(app: App, rid: int) -> None:
        _menu(app, rid, "Submenu")

    commands: list[Callable[..., Any]] = [
        new,
        create_default,
        append,
        prepend,
        insert,
        remove,
        remove_at,
        items,
        get,
    ]
    commands += [text, set_text, is_enabled, set_enabled, set_accelerator, is_checked]
    commands += [set_checked, set_icon, set_as_app_menu, set_as_windows_menu_for_nsapp]
    commands += [set_as_help_menu_for_nsapp, popup_command(), window_menu_command()]
    plugin = Plugin("menu", commands=commands, state=MenuState())
    plugin.permission_prefix = "core:menu"
    return plugin


def _position(window: Window, at: object) -> tuple[int, int] | None:
    """The package's ``Position`` (``{Logical: {x, y}}`` or ``{Physical: {x, y}}``) in
    logical pixels."""
    if at is None:
        return None
    if isinstance(at, Mapping) and len(at) == 1:
        ((unit, value),) = at.items()
        if unit in ("Logical", "Physical") and isinstance(value, Mapping):
            x, y = value.get("x"), value.get("y")
            if isinstance(x, int | float) and isinstance(y, int | float):
                ratio = window.webview.devicePixelRatioF() if unit == "Physical" else 1.0
                return round(x / ratio), round(y / ratio)
    raise ValueError(f"invalid position {at!r}: expected {{Logical: {{x, y}}}} or {{Physical: }}")


def popup_command() -> Any:
    def popup(
        app: App, caller: Window, rid: int, kind: str, window: str | None = None, at: Any = None
    ) -> None:
        target = _window_of(app, caller, window)
        menu = _menu(app, rid, kind)
        state = menu_state(app)
        state.last_popup = (target.label, menu)
        state.last_window = target.label
        show_popup(menu.qmenu, target, _position(target, at))

    return popup


def window_menu_command() -> Any:
    def set_as_window_menu(
        app: App, caller: Window, rid: int, window: str | None = None
    ) -> list[object] | None:
        target = _window_of(app, caller, window)
        state = menu_state(app)
        menu = _menu(app, rid, "Menu")
        previous = state.window_menus.get(target.label) or state.app_menu
        state.window_menus[target.label] = menu
        state.last_window = target.label
        set_native_window_menu(target, menu)
        return hold(app, previous)[:2] if previous is not None else None

    return set_as_window_menu
