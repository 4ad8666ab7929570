"""Tauri's config files as Tauri finds and reads them (spec §8.10, docs/tauri-compat.md): the
main file, ``tauri.conf.json``, ``tauri.conf.json5`` or ``Tauri.toml`` (that precedence), and
the running platform's file beside it (``tauri.linux.conf.json``, ``.json5`` or
``Tauri.linux.toml``, and so on), merged over the main one as a JSON Merge Patch (RFC 7396).

This module only finds, parses and merges: it answers plain data and which file gave which
key, and the config reader (``app.config``) checks the keys. Parse errors name the file, and
the line and column where the parser gives them.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .tauriconf import KEBAB_ALIASES

# Tauri's precedence: the first that exists is read.
MAIN_NAMES = ("tauri.conf.json", "tauri.conf.json5", "Tauri.toml")
# Tauri's platforms as it names them in file names; any other Unix counts as Linux (as
# Tauri's own target detection does).
PLATFORMS = ("linux", "windows", "macos")


def platform_names(platform: str) -> tuple[str, ...]:
    """The names of ``platform``'s file, in Tauri's precedence."""
    return (f"tauri.{platform}.conf.json", f"tauri.{platform}.conf.json5", f"Tauri.{platform}.toml")


def current_platform() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


@dataclass(frozen=True)
class RawConfig:
    """A config as read: ``data`` (the main file with the platform file merged over it), the
    ``main`` file (relative paths in the config are relative to its folder), and the
    ``platform`` file merged in, if any, with what it held (``patch``)."""

    data: Any
    main: Path
    platform: Path | None = None
    patch: Any = None

    def origin(self, key: str) -> Path:
        """The file a key (a path as the reader names it: ``app.windows[0].title``) came
        from: the platform file when it set that key or one above it, else the main file."""
        if self.platform is None:
            return self.main
        node = self.patch
        for part in _key_parts(key):
            if not isinstance(node, Mapping):
                # A merge patch sets a non-object whole: everything under it is the patch's.
                return self.platform
            # The reader names a key by Tauri's camelCase; the file may use its kebab alias.
            found = [name for name in node if KEBAB_ALIASES.get(name, name) == part]
            if not found:
                return self.main
            node = node[found[0]]
        return self.platform

    @property
    def files(self) -> tuple[Path, ...]:
        return (self.main,) if self.platform is None else (self.main, self.platform)


def _key_parts(key: str) -> list[str]:
    # Indexes ([0]) name a list element: a patch replaces lists whole, so the list's key
    # decides, and the walk stops at the list.
    return [part for part in re.split(r"\.|\[\d+\]", key) if part]


def find_config_file(path: Path) -> Path:
    """A file is itself; a folder means its main config (at its top, or in ``src-tauri/``,
    where Tauri puts it), the first of ``MAIN_NAMES`` that exists."""
    if not path.is_dir():
        return path
    for folder in (path, path / "src-tauri"):
        for name in MAIN_NAMES:
            if (folder / name).is_file():
                return folder / name
    names = ", ".join(MAIN_NAMES)
    raise ConfigError(f"{path}: a folder with no Tauri config ({names}), here nor in src-tauri/")


def read_config(path: Path, platform: str | None = None) -> RawConfig:
    """Read a config file (or a folder's, ``find_config_file``); when it is one of Tauri's
    main files, merge the ``platform``'s file beside it (default: the running platform)."""
    main = find_config_file(path.resolve())
    data = parse_file(main)
    if main.name not in MAIN_NAMES:  # the project's own name (app.json): no platform files
        return RawConfig(data, main)
    platform = platform or current_platform()
    for name in platform_names(platform):
        candidate = main.parent / name
        if candidate.is_file():
            patch = parse_file(candidate)
            if not isinstance(patch, Mapping):
                raise ConfigError(f"{candidate}: (top level): expected an object")
            return RawConfig(merge_patch(data, patch), main, candidate, patch)
    return RawConfig(data, main)


def parse_file(path: Path) -> Any:
    """One file's data by its name: TOML for ``.toml``, JSON5 for ``.json5``, else JSON (or
    JSON5, as Tauri's CLI also accepts in a ``.json`` file; the JSON error is the one
    reported when neither parses)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the config: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    if path.suffix == ".toml":
        import tomllib  # here: about 30 ms at every start, for apps that have no such file

        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
    if path.suffix == ".json5":
        return _json5(text, path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        import json5  # here: about 12 ms at every start, for apps whose config is JSON

        try:
            return json5.loads(text)
        except ValueError:
            raise ConfigError(f"{path}: not valid JSON: {error}") from None


def _json5(text: str, path: Path) -> Any:
    import json5  # here: about 12 ms at every start, for apps whose config is JSON

    try:
        return json5.loads(text)
    except ValueError as error:
        # json5 says "<string>:LINE Unexpected ... at column N": name the file and the line.
        message = re.sub(r"^<string>:(\d+) (.*)$", r"line \1: \2", str(error))
        raise ConfigError(f"{path}: not valid JSON5: {message}") from None


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: an object patch merges key by key (``null`` removes a key); anything else
    (a list, a string, ...) replaces the target whole."""
    if not isinstance(patch, Mapping):
        return patch
    merged = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


# Tauri v2's capability files: src-tauri/capabilities/, beside the main config file.
CAPABILITY_SUFFIXES = (".json", ".json5", ".toml")


def read_capability_files(config_folder: Path) -> list[tuple[Path, Any]]:
    """Every capability in the files of ``config_folder/capabilities/`` (and its subfolders),
    in file-name order, with the file it came from. A file holds one capability, a list of
    them, or ``{"capabilities": [...]}``, as Tauri reads them."""
    folder = config_folder / "capabilities"
    if not folder.is_dir():
        return []
    found: list[tuple[Path, Any]] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in CAPABILITY_SUFFIXES or not path.is_file():
            continue
        data = parse_file(path)
        if isinstance(data, Mapping) and "capabilities" in data and "identifier" not in data:
            data = data["capabilities"]
        found += [(path, entry) for entry in (data if isinstance(data, list) else [data])]
    return found
