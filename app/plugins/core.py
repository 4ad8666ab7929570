"""The core modules every app has, as in Tauri: ``app`` (``plugin:app|*``: name, version,
identifier) and ``path`` (``plugin:path|*``: the user's and the app's folders, from
``QStandardPaths``, and path arithmetic), here; ``resources`` and ``image`` beside. Their
permissions are ``core:app:*``, ``core:path:*``, ..."""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path, PurePath
from typing import Any

from PySide6.QtCore import QStandardPaths

from ..app import App
from ..config import DEFAULT_IDENTIFIER, DEFAULT_VERSION
from .plugin import Plugin

# What `getTauriVersion()` answers: the Tauri API level the project follows.
TAURI_VERSION = "2.0.0"


def identifier_of(app: App) -> str:
    """The config's identifier, or the project's stand-in when it has none."""
    return app.config.identifier or DEFAULT_IDENTIFIER


def app_plugin() -> Plugin:
    def name(app: App) -> str:
        return app.config.product_name or identifier_of(app)

    def version(app: App) -> str:
        return app.config.version or DEFAULT_VERSION

    def tauri_version() -> str:
        return TAURI_VERSION

    def identifier(app: App) -> str:
        return identifier_of(app)

    plugin = Plugin("app", commands=[name, version, tauri_version, identifier])
    plugin.permission_prefix = "core:app"
    return plugin


class BaseDirectory(IntEnum):
    """@tauri-apps/api 2.x's ``BaseDirectory`` numbers."""

    Audio = 1
    Cache = 2
    Config = 3
    Data = 4
    LocalData = 5
    Document = 6
    Download = 7
    Picture = 8
    Public = 9
    Video = 10
    Resource = 11
    Temp = 12
    AppConfig = 13
    AppData = 14
    AppLocalData = 15
    AppCache = 16
    AppLog = 17
    Desktop = 18
    Executable = 19
    Font = 20
    Home = 21
    Runtime = 22
    Template = 23


_L = QStandardPaths.StandardLocation
# Tauri's folders (the `dirs` crate's on Linux) as Qt's generic locations: Qt's App*Location
# would add Qt's organization/application names, Tauri adds the identifier.
_LOCATIONS = {
    BaseDirectory.Audio: _L.MusicLocation,
    BaseDirectory.Cache: _L.GenericCacheLocation,
    BaseDirectory.Config: _L.GenericConfigLocation,
    BaseDirectory.Data: _L.GenericDataLocation,
    BaseDirectory.LocalData: _L.GenericDataLocation,
    BaseDirectory.Document: _L.DocumentsLocation,
    BaseDirectory.Download: _L.DownloadLocation,
    BaseDirectory.Picture: _L.PicturesLocation,
    BaseDirectory.Public: _L.PublicShareLocation,
    BaseDirectory.Video: _L.MoviesLocation,
    BaseDirectory.Temp: _L.TempLocation,
    BaseDirectory.Desktop: _L.DesktopLocation,
    BaseDirectory.Font: _L.FontsLocation,
    BaseDirectory.Home: _L.HomeLocation,
    BaseDirectory.Runtime: _L.RuntimeLocation,
    BaseDirectory.Template: _L.TemplatesLocation,
}
# The app's own folders: a base folder joined with the identifier (and for logs, `logs`).
_APP_FOLDERS = {
    BaseDirectory.AppConfig: (BaseDirectory.Config, ()),
    BaseDirectory.AppData: (BaseDirectory.Data, ()),
    BaseDirectory.AppLocalData: (BaseDirectory.LocalData, ()),
    BaseDirectory.AppCache: (BaseDirectory.Cache, ()),
    BaseDirectory.AppLog: (BaseDirectory.LocalData, ("logs",)),
}


def resolve_directory(app: App, directory: BaseDirectory, path: str | None = None) -> str:
    """The folder ``directory`` (joined with the relative ``path``) as Tauri names it; the app
    folders are ``<base>/<identifier>``, e.g. ``$XDG_DATA_HOME/<identifier>`` for AppData."""
    base = directory_path(app, directory)
    if path is None:
        return str(base)
    if ".." in PurePath(path).parts:
        # Tauri's SafePathBuf: a path with `..` is refused, not resolved.
        raise ValueError("cannot traverse directory, rewrite the path without the use of `../`")
    return str(base / path)


def directory_path(app: App, directory: BaseDirectory) -> Path:
    if directory in _APP_FOLDERS:
        base, tail = _APP_FOLDERS[directory]
        return directory_path(app, base).joinpath(identifier_of(app), *tail)
    if directory is BaseDirectory.Resource:
        return app.config.root
    if directory is BaseDirectory.Executable:
        return Path(os.environ.get("XDG_BIN_HOME") or Path.home() / ".local" / "bin")
    found = QStandardPaths.writableLocation(_LOCATIONS[directory])
    if not found:
        raise ValueError(f"the {directory.name} folder is not known on this system")
    return Path(found)


def path_plugin() -> Plugin:
    def join(paths: list[str]) -> str:
        return os.path.normpath(os.path.join(*paths)) if paths else "."

    def normalize(path: str) -> str:
        return os.path.normpath(path) if path else "."

    def resolve(paths: list[str]) -> str:
        return os.path.abspath(os.path.join(*paths) if paths else ".")

    def dirname(path: str) -> str:
        parent = os.path.dirname(path.rstrip(os.sep) or path)
        if not parent or parent == path:
            raise ValueError("Couldn't get the parent directory")
        return parent

    def extname(path: str) -> str:
        suffix = PurePath(path).suffix
        if not suffix:
            raise ValueError("Couldn't get the extension of the file")
        return suffix[1:]

    def basename(path: str, ext: str | None = None) -> str:
        name = PurePath(path).name
        if not name:
            raise ValueError("Couldn't get the basename")
        if ext and name.endswith(ext):
            name = name[: -len(ext)]
        return name

    def is_absolute(path: str) -> bool:
        return os.path.isabs(path)

    commands: list[Callable[..., Any]] = [resolve_directory, join, normalize, resolve]
    commands += [dirname, extname, basename, is_absolute]
    plugin = Plugin(
        "path",
        commands=commands,
        page_globals={"__QTAURI_PATH__": {"sep": os.sep, "delimiter": os.pathsep}},
    )
    plugin.permission_prefix = "core:path"
    return plugin


def core_plugins() -> list[Plugin]:
    """A fresh set for each app."""
    from .image import image_plugin
    from .menu import menu_plugin
    from .resources import resources_plugin
    from .tray import tray_plugin

    return [
        app_plugin(),
        path_plugin(),
        resources_plugin(),
        image_plugin(),
        menu_plugin(),
        tray_plugin(),
    ]
