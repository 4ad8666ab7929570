"""Plugins: commands served as ``plugin:<name>|<cmd>``, Tauri v2's permissions for them, the
core modules every app has (``app``, ``path``) and the official plugins, on Qt.

Owns: ``Plugin`` (``plugin.py``), permissions in capabilities (``permissions.py``), installing
plugins into an app (``host.py``), and the modules of the core and official plugins.
May import: everything up to ``app.app`` (its layer is above it, beside ``app.desktop``;
docs/design.md), and Qt. ``app.app`` imports nothing of it: the builder installs the plugins
(``host.install``) and hands them to ``App`` as its ``PluginSet``.

    from app import Builder, Plugin
    Builder().plugin(Plugin("counter", commands=[increment])).run()
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .plugin import Plugin

if TYPE_CHECKING:
    from .official.clipboard import clipboard_manager as clipboard_manager
    from .official.dialog import dialog as dialog
    from .official.fs import fs as fs
    from .official.notification import notification as notification
    from .official.opener import opener as opener
    from .official.os_info import os as os
    from .official.process import process as process
    from .official.store import store as store
    from .official.window_state import window_state as window_state

# The official plugins' factories, imported on first use: their modules import the app (for
# their commands' `App` parameters), which imports this package.
# name -> (module, function).
_FACTORIES = {
    "store": (".official.store", "store"),
    "os": (".official.os_info", "os"),
    "opener": (".official.opener", "opener"),
    "dialog": (".official.dialog", "dialog"),
    "clipboard_manager": (".official.clipboard", "clipboard_manager"),
    "process": (".official.process", "process"),
    "notification": (".official.notification", "notification"),
    "window_state": (".official.window_state", "window_state"),
    "fs": (".official.fs", "fs"),
}

__all__ = ["Plugin", *_FACTORIES]


def __getattr__(name: str) -> Any:
    found = _FACTORIES.get(name)
    if found is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, function = found
    return getattr(importlib.import_module(module, __name__), function)
