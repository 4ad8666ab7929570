"""``store()``: Tauri's store plugin (``@tauri-apps/plugin-store`` 2.x). JSON key-value stores
in files under the app data folder, written atomically (a temporary file, then ``os.replace``:
a crash mid-write leaves the old file whole), saved 100 ms after the last change by default,
with a ``store://change`` event for every change.

The v1 guest (``tauri-plugin-store-api``) calls the same commands with the store's ``path``
where v2's give a resource id ``rid``: each command takes either. A store used by path is made
on first use (saved on ``save`` and when the app closes, as v1's), and its change events name
it by that path, as v1's guest filters them."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

from PySide6.QtCore import QTimer

from ...app import App
from ...commands.registry import command
from ..core import BaseDirectory, directory_path
from ..plugin import Plugin
from ..resources import resources_of

log = logging.getLogger(__name__)

CHANGE_EVENT = "store://change"
DEFAULT_AUTO_SAVE_MS = 100  # Tauri's default debounce
_OPTIONS = {
    "defaults",
    "autoSave",
    "serializeFnName",
    "deserializeFnName",
    "createNew",
    "overrideDefaults",
}


def write_json_atomically(path: Path, value: object) -> None:
    """Write ``value`` as JSON to ``path`` through a temporary file in the same folder: the
    file holds the old text or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Store:
    """One store file: its keys in memory, saved on demand or after each change."""

    def __init__(
        self, app: App, path: Path, defaults: dict[str, Any], auto_save_ms: int | None
    ) -> None:
        self.app = app
        self.path = path
        self.defaults = defaults
        self.rid = 0
        self.data: dict[str, Any] = {}
        self._timer: QTimer | None = None
        if auto_save_ms is not None:
            self._timer = QTimer()
            self._timer.setSingleShot(True)
            self._timer.setInterval(auto_save_ms)
            self._timer.timeout.connect(self.save)
        self._dirty = False
        # The path a v1 page names the store by (its change events carry it), once one has.
        self.v1_path: str | None = None

    def load(self, ignore_defaults: bool = False) -> None:
        if not self.path.exists():
            self.data = {} if ignore_defaults else dict(self.defaults)
            return
        try:
            found = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ValueError(f"failed to read the store {self.path}: {error}") from None
        if not isinstance(found, dict):
            raise ValueError(f"the store {self.path} does not hold a JSON object")
        self.data = found if ignore_defaults else {**self.defaults, **found}

    def save(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        write_json_atomically(self.path, self.data)
        self._dirty = False

    def changed(self, key: str, value: object, exists: bool) -> None:
        self._dirty = True
        payload = {
            "path": self.v1_path if self.v1_path is not None else str(self.path),
            "resourceId": self.rid,
            "key": key,
            "value": value,
            "exists": exists,
        }
        self.app.hub.publish(CHANGE_EVENT, payload, to_backend=True, to_frontend=True)
        if self._timer is not None:
            self._timer.start()

    def close(self) -> None:
        """Saves what is pending, as Tauri does when a store goes."""
        if self._dirty:
            self.save()
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None


class Stores:
    """The stores an app has loaded, by file."""

    def __init__(self) -> None:
        self.by_path: dict[Path, Store] = {}


def _store_path(app: App, path: str) -> Path:
    relative = PurePath(path)
    if not path or relative.is_absolute() or ".." in relative.parts:
        raise ValueError(
            f"store path {path!r}: give a path relative to the app data folder, without '..'"
        )
    return directory_path(app, BaseDirectory.AppData) / relative


def _auto_save(value: object) -> int | None:
    if value is None or value is True:
        return DEFAULT_AUTO_SAVE_MS
    if value is False:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ValueError(f"store option autoSave: expected true, false or milliseconds, got {value!r}")


def _stores(app: App) -> Stores:
    found = app.plugin("store").state
    assert isinstance(found, Stores)
    return found


def _store(app: App, rid: int) -> Store:
    found = resources_of(app).get(rid, Store)
    assert isinstance(found, Store)
    return found


def load(app: App, path: str, options: dict[str, Any] | None = None) -> int:
    options = options or {}
    unknown = set(options) - _OPTIONS
    if unknown:
        raise ValueError(f"store options: unknown {', '.join(sorted(unknown))}")
    if options.get("serializeFnName") or options.get("deserializeFnName"):
        raise ValueError("store options: custom (de)serialize functions are not supported")
    file = _store_path(app, path)
    stores = _stores(app)
    existing = stores.by_path.get(file)
    if existing is not None and not options.get("createNew"):
        return existing.rid
    defaults = options.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise ValueError("store options: defaults must be an object")
    store = Store(app, file, defaults, _auto_save(options.get("autoSave")))
    store.load()
    if options.get("overrideDefaults"):
        store.data.update(defaults)
    if existing is not None:
        resources_of(app).close(existing.rid)
    store.rid = resources_of(app).add(store, lambda: _forget(stores, store))
    stores.by_path[file] = store
    return store.rid


def _forget(stores: Stores, store: Store) -> None:
    store.close()
    if stores.by_path.get(store.path) is store:
        del stores.by_path[store.path]


def get_store(app: App, path: str) -> int | None:
    found = _stores(app).by_path.get(_store_path(app, path))
    return None if found is None else found.rid


def _v1_store(app: App, path: str) -> Store:
    """The store a v1 page names by ``path``: made and read on first use, as v1's (a file
    that cannot be read leaves it empty, with a warning), kept until the app closes."""
    file = _store_path(app, path)
    stores = _stores(app)
    store = stores.by_path.get(file)
    if store is None:
        store = Store(app, file, {}, None)
        try:
            store.load()
        except ValueError as error:
            log.warning("%s; the store starts empty", error)
        store.rid = resources_of(app).add(store, lambda: _forget(stores, store))
        stores.by_path[file] = store
    store.v1_path = path
    return store


def _target(app: App, rid: int | None, path: str | None) -> Store:
    """v2's store by resource id, or v1's by path."""
    if rid is not None:
        return _store(app, rid)
    if path is not None:
        return _v1_store(app, path)
    raise ValueError("give the store's rid (v2) or path (v1)")


@command(name="set")
def set_value(
    app: App, key: str, value: Any, rid: int | None = None, path: str | None = None
) -> None:
    store = _target(app, rid, path)
    store.data[key] = value
    store.changed(key, value, True)


@command(name="get")
def get_value(
    app: App, key: str, rid: int | None = None, path: str | None = None
) -> tuple[Any, bool] | Any:
    """v2: ``[value, exists]``; v1: the value, ``null`` if there is none."""
    store = _target(app, rid, path)
    if rid is None:
        return store.data.get(key)
    return store.data.get(key), key in store.data


def has(app: App, key: str, rid: int | None = None, path: str | None = None) -> bool:
    return key in _target(app, rid, path).data


def delete(app: App, key: str, rid: int | None = None, path: str | None = None) -> bool:
    store = _target(app, rid, path)
    if key not in store.data:
        return False
    del store.data[key]
    store.changed(key, None, False)
    return True


def clear(app: App, rid: int | None = None, path: str | None = None) -> None:
    store = _target(app, rid, path)
    keys = list(store.data)
    store.data.clear()
    for key in keys:
        store.changed(key, None, False)


def reset(app: App, rid: int | None = None, path: str | None = None) -> None:
    """Back to the defaults (or empty): a change event for each key that changes."""
    store = _target(app, rid, path)
    before = store.data
    store.data = dict(store.defaults)
    for key in before.keys() | store.data.keys():
        if key not in store.data:
            store.changed(key, None, False)
        elif before.get(key, object()) != store.data[key]:
            store.changed(key, store.data[key], True)


def keys(app: App, rid: int | None = None, path: str | None = None) -> list[str]:
    return list(_target(app, rid, path).data)


def values(app: App, rid: int | None = None, path: str | None = None) -> list[Any]:
    return list(_target(app, rid, path).data.values())


def entries(app: App, rid: int | None = None, path: str | None = None) -> list[tuple[str, Any]]:
    return list(_target(app, rid, path).data.items())


def length(app: App, rid: int | None = None, path: str | None = None) -> int:
    return len(_target(app, rid, path).data)


def reload(app: App, rid: int, ignore_defaults: bool = False) -> None:
    _store(app, rid).load(ignore_defaults)


def save(app: App, rid: int | None = None, path: str | None = None) -> None:
    _target(app, rid, path).save()


def store() -> Plugin:
    """Tauri's store plugin: ``Builder().plugin(store())``. Files live in the app data folder
    (``$XDG_DATA_HOME/<identifier>`` on Linux); ``store:default`` allows every command."""
    commands: list[Callable[..., Any]] = [load, get_store, set_value, get_value, has, delete]
    commands += [clear, reset, keys, values, entries, length, reload, save]
    return Plugin(
        "store",
        commands=commands,
        state=Stores(),
        events={CHANGE_EVENT: dict},
    )
