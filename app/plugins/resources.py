"""Tauri v2's resource table: objects a page holds by number (a ``rid``), such as a store
(``Resource`` in @tauri-apps/api/core), and the core ``resources`` plugin that closes them
(``plugin:resources|close``, permission ``core:resources:default``)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from ..app import App
from .plugin import Plugin


class ResourceTable:
    """``rid -> object``; one per app (Tauri keeps one per webview: here any page of the app
    may use a rid another page got, as any page may load the same store)."""

    def __init__(self) -> None:
        self._next = itertools.count(1)
        self._items: dict[int, tuple[object, Callable[[], None] | None]] = {}

    def add(self, item: object, on_close: Callable[[], None] | None = None) -> int:
        rid = next(self._next)
        self._items[rid] = (item, on_close)
        return rid

    def get(self, rid: int, kind: type | None = None) -> object:
        found = self._items.get(rid)
        if found is None or (kind is not None and not isinstance(found[0], kind)):
            raise ValueError(f"resource id {rid} is invalid")  # Tauri's wording
        return found[0]

    def close(self, rid: int) -> None:
        found = self._items.pop(rid, None)
        if found is None:
            raise ValueError(f"resource id {rid} is invalid")
        if found[1] is not None:
            found[1]()

    def close_all(self) -> None:
        for rid in list(self._items):
            self.close(rid)


def resources_of(app: App) -> ResourceTable:
    table = app.plugin("resources").state
    assert isinstance(table, ResourceTable)
    return table


def resources_plugin() -> Plugin:
    def close(app: App, rid: int) -> None:
        resources_of(app).close(rid)

    def close_all_on_exit(app: App) -> None:
        app.on_close(resources_of(app).close_all)

    plugin = Plugin("resources", commands=[close], state=ResourceTable(), setup=close_all_on_exit)
    plugin.permission_prefix = "core:resources"
    return plugin
