"""``fs(scope=[...])``: Tauri's fs plugin (``@tauri-apps/plugin-fs`` 2.x), scoped: every path
must be inside the scope (``fs_scope.py``), without ``..``, and not lead out through a
symlink. Writes come as raw bytes (``RawBody``) with the path and options in headers, reads
answer bytes (``raw_response``), as the guest package sends and expects. Open files and lines:
``fs_handles.py``; watches: ``fs_watch.py``."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ...app import App
from ...commands.channel import Channel
from ...commands.rawbody import RawBody, Response, raw_response
from ...security import Capability
from ..permissions import scopes_of
from ..plugin import Plugin
from ..resources import resources_of
from . import fs_handles
from .fs_handles import file_info
from .fs_scope import VARIABLES, Scope, resolve, scope_for
from .fs_watch import Watch

Options = dict[str, Any] | None


class FsState:
    def __init__(self, scope: Iterable[str] | None) -> None:
        self.configured = None if scope is None else list(scope)
        self.scope: Scope | None = None  # made at setup: the variables need the app


def _scope(app: App) -> Scope:
    state = app.plugin("fs").state
    assert isinstance(state, FsState)
    if state.scope is None:
        entries = [
            entry
            for capability in app.plugins.capabilities
            for entry in scopes_of([capability], "fs:scope") + folder_scopes(capability)
        ]
        state.scope = scope_for(app, state.configured, entries)
    return state.scope


def _path(app: App, path: str, options: Options, key: str = "baseDir") -> Path:
    return _scope(app).check(resolve(app, path, (options or {}).get(key)))


def exists(app: App, path: str, options: Options = None) -> bool:
    return _path(app, path, options).exists()


def mkdir(app: App, path: str, options: Options = None) -> None:
    target = _path(app, path, options)
    if (options or {}).get("recursive"):
        target.mkdir(parents=True, exist_ok=True)
    else:
        target.mkdir()


def read_dir(app: App, path: str, options: Options = None) -> list[dict[str, Any]]:
    folder = _path(app, path, options)
    return [
        {
            "name": entry.name,
            "isDirectory": entry.is_dir(),
            "isFile": entry.is_file(),
            "isSymlink": entry.is_symlink(),
        }
        for entry in sorted(os.scandir(folder), key=lambda e: e.name)
    ]


def read_file(app: App, path: str, options: Options = None) -> Response:
    return raw_response(_path(app, path, options).read_bytes())


def read_text_file(app: App, path: str, options: Options = None) -> Response:
    return raw_response(_path(app, path, options).read_bytes())  # the page decodes it


def _write(app: App, body: RawBody | None) -> None:
    if body is None:
        raise ValueError("write: the file's bytes must be the call's body (a Uint8Array)")
    path = unquote(body.headers.get("path", ""))
    options = json.loads(body.headers.get("options") or "null") or {}
    if not isinstance(options, dict):
        raise ValueError("write: the options header must be a JSON object")
    target = _path(app, path, options)
    if options.get("createNew") and target.exists():
        raise FileExistsError(f"{target} exists")
    if options.get("create") is False and not target.exists():
        raise FileNotFoundError(f"{target} does not exist")
    with target.open("ab" if options.get("append") else "wb") as file:
        file.write(body.data)
    if isinstance(options.get("mode"), int):
        target.chmod(options["mode"])


def write_file(app: App, body: RawBody | None) -> None:
    _write(app, body)


def write_text_file(app: App, body: RawBody | None) -> None:
    _write(app, body)


def remove(app: App, path: str, options: Options = None) -> None:
    target = _path(app, path, options)
    if target.is_dir() and not target.is_symlink():
        if (options or {}).get("recursive"):
            shutil.rmtree(target)
        else:
            target.rmdir()
    else:
        target.unlink()


def rename(app: App, old_path: str, new_path: str, options: Options = None) -> None:
    source = _path(app, old_path, options, "oldPathBaseDir")
    os.replace(source, _path(app, new_path, options, "newPathBaseDir"))


def copy_file(app: App, from_path: str, to_path: str, options: Options = None) -> None:
    source = _path(app, from_path, options, "fromPathBaseDir")
    shutil.copyfile(source, _path(app, to_path, options, "toPathBaseDir"))


def stat(app: App, path: str, options: Options = None) -> dict[str, Any]:
    return file_info(_path(app, path, options).stat())


def lstat(app: App, path: str, options: Options = None) -> dict[str, Any]:
    return file_info(_path(app, path, options).lstat())


def size(app: App, path: str, options: Options = None) -> int:
    target = _path(app, path, options)
    if target.is_dir():
        return sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    return target.stat().st_size


def truncate(app: App, path: str, len: int | None = None, options: Options = None) -> None:
    os.truncate(_path(app, path, options), len or 0)


def open(app: App, path: str, options: Options = None) -> int:
    """A ``FileHandle``'s resource id; ``options``: the guest's ``OpenOptions``."""
    opts = options or {}
    target = _path(app, path, opts)
    return fs_handles.add_open_file(app, target, fs_handles.open_flags(opts), opts.get("mode"))


def create(app: App, path: str, options: Options = None) -> int:
    """A new empty file (an existing one is truncated), open for writing, as Rust's
    ``File::create``."""
    flags = fs_handles.open_flags({"write": True, "create": True, "truncate": True})
    return fs_handles.add_open_file(app, _path(app, path, options), flags, None)


def read_text_file_lines(app: App, path: str, options: Options = None) -> int:
    return fs_handles.add_lines(app, _path(app, path, options))


def watch(app: App, paths: list[str], on_event: Channel[Any], options: Options = None) -> int:
    """Watch ``paths`` (each in scope; ``recursive``, ``delayMs``, ``baseDir`` options);
    changes go to ``on_event``. The resource's close stops the watch."""
    opts = options or {}
    scope = _scope(app)
    targets = [str(_path(app, path, opts)) for path in paths]
    delay = opts.get("delayMs")
    if delay is not None and (type(delay) is not int or delay < 0):
        raise ValueError(f"watch: delayMs must be a number of milliseconds, got {delay!r}")
    found = Watch(targets, bool(opts.get("recursive")), delay, on_event, scope.allows)
    return resources_of(app).add(found, found.close)


def unwatch(app: App, rid: int) -> None:
    if not isinstance(resources_of(app).get(rid), Watch):
        raise ValueError(f"resource id {rid} is not a watch")
    resources_of(app).close(rid)


# Tauri's fs:read-all and fs:write-all.
READ = ["exists", "read_dir", "read_file", "read_text_file", "stat", "lstat", "size"]
READ += ["open", "read", "seek", "fstat", "read_text_file_lines", "read_text_file_lines_next"]
READ += ["watch", "unwatch"]
WRITE = ["mkdir", "write_file", "write_text_file", "remove", "rename", "copy_file", "truncate"]
WRITE += ["create", "write", "ftruncate"]


# Tauri's read-meta set: what lists and describes without reading contents.
META = ["exists", "read_dir", "stat", "lstat", "fstat", "size"]
# Tauri's permissions made for each base folder: `allow-home-read-recursive` (the read
# commands, in $HOME and below), `allow-download-write`, `allow-appdata-meta`,
# `scope-document-recursive` (the scope alone), `scope-temp-index` (the folder itself), ...
_FOLDER_PERMISSION = re.compile(
    r"^fs:(?:allow-(?P<allow>[a-z]+)-(?:read|write|meta)|scope-(?P<scope>[a-z]+))"
    r"(?P<depth>-recursive|-index)?$"
)
# The scope globs of each depth. A bare folder means everything below it here (fs_scope), so
# `-index` (the folder alone, to list it) adds nothing: it grants less than Tauri's, not more.
_FOLDER_DEPTHS: dict[str, tuple[str, ...]] = {"-recursive": ("/**",), "": ("/*",), "-index": ()}


def folder_permission_sets() -> dict[str, list[str]]:
    """Every base folder's permissions, as the commands each allows."""
    sets: dict[str, list[str]] = {}
    for variable in VARIABLES:
        name = variable[1:].lower()
        for depth in ("", "-recursive"):
            sets[f"allow-{name}-read{depth}"] = READ
            sets[f"allow-{name}-write{depth}"] = WRITE
            sets[f"allow-{name}-meta{depth}"] = META
            sets[f"scope-{name}{depth}"] = []
        sets[f"scope-{name}-index"] = []
    return sets


def folder_scopes(capability: Capability) -> list[tuple[str, Mapping[str, object]]]:
    """The scope entries a capability's base folder permissions add: `$HOME` and what is in
    it (`-recursive`: below it too; `-index`: the folder alone)."""
    found: list[tuple[str, Mapping[str, object]]] = []
    for permission in capability.permissions:
        matched = _FOLDER_PERMISSION.match(permission.identifier)
        if matched is None:
            continue
        variable = "$" + (matched["allow"] or matched["scope"]).upper()
        if variable not in VARIABLES or (matched["allow"] and matched["depth"] == "-index"):
            continue
        suffixes = _FOLDER_DEPTHS[matched["depth"] or ""]
        found += [("allow", {"path": variable + suffix}) for suffix in suffixes]
    return found


def fs(scope: Iterable[str] | None = None) -> Plugin:
    """Tauri's fs plugin: ``Builder().plugin(fs(scope=["$APPDATA/**", "/srv/notes"]))``.
    ``scope``: globs (``*``, ``**``, Tauri's ``$APPDATA``-style variables) or folders; by
    default the app's own folders, as Tauri's ``fs:default``. Capabilities add to it with
    ``{"identifier": "fs:scope", "allow": [{"path": ...}], "deny": [...]}``.
    ``fs:default`` allows the read commands; ``fs:write-all`` the writing ones."""
    commands: list[Callable[..., Any]] = [exists, mkdir, read_dir, read_file, read_text_file]
    commands += [write_file, write_text_file, remove, rename, copy_file, stat, lstat, size]
    commands += [truncate, open, create, read_text_file_lines, watch, unwatch]
    commands += [fs_handles.read, fs_handles.write, fs_handles.seek, fs_handles.fstat]
    commands += [fs_handles.ftruncate, fs_handles.read_text_file_lines_next]
    return Plugin(
        "fs",
        commands=commands,
        state=FsState(scope),
        default_permission=READ,
        permission_sets={
            "read-all": READ,
            "write-all": WRITE,
            "read-files": READ,
            "read-meta": META,
            **folder_permission_sets(),
        },
    )
