"""Where the fs plugin may read and write: Tauri's fs scope, as globs over absolute paths with
variables (``$APPDATA/**``, ``$HOME/notes/*``), and a path check that refuses ``..`` and
symlinks that lead out. Plain Python but for the folders the variables name."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from ...app import App
from ..core import BaseDirectory, directory_path

# Tauri's scope variables -> folders.
VARIABLES = {
    "$APPCONFIG": BaseDirectory.AppConfig,
    "$APPDATA": BaseDirectory.AppData,
    "$APPLOCALDATA": BaseDirectory.AppLocalData,
    "$APPCACHE": BaseDirectory.AppCache,
    "$APPLOG": BaseDirectory.AppLog,
    "$AUDIO": BaseDirectory.Audio,
    "$CACHE": BaseDirectory.Cache,
    "$CONFIG": BaseDirectory.Config,
    "$DATA": BaseDirectory.Data,
    "$LOCALDATA": BaseDirectory.LocalData,
    "$DESKTOP": BaseDirectory.Desktop,
    "$DOCUMENT": BaseDirectory.Document,
    "$DOWNLOAD": BaseDirectory.Download,
    "$EXE": BaseDirectory.Executable,
    "$FONT": BaseDirectory.Font,
    "$HOME": BaseDirectory.Home,
    "$PICTURE": BaseDirectory.Picture,
    "$PUBLIC": BaseDirectory.Public,
    "$RUNTIME": BaseDirectory.Runtime,
    "$TEMPLATE": BaseDirectory.Template,
    "$VIDEO": BaseDirectory.Video,
    "$RESOURCE": BaseDirectory.Resource,
    "$TEMP": BaseDirectory.Temp,
}
# Tauri's fs:default scope: the app's own folders, recursively.
APP_FOLDERS = ("$APPCONFIG", "$APPDATA", "$APPLOCALDATA", "$APPCACHE", "$APPLOG")
_VARIABLE = re.compile(r"^\$[A-Z]+")


class OutOfScope(PermissionError):
    """A path the fs scope does not allow."""


def expand(app: App, pattern: str) -> str:
    """``$APPDATA/**`` -> ``/home/u/.local/share/<identifier>/**``."""
    found = _VARIABLE.match(pattern)
    if found is None:
        return pattern
    name = found.group(0)
    if name not in VARIABLES:
        raise ValueError(f"fs scope {pattern!r}: unknown variable {name}")
    return str(directory_path(app, VARIABLES[name])) + pattern[len(name) :]


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """A glob over paths: ``**`` any depth, ``*`` and ``?`` within one name. A pattern
    without wildcards is a folder or file and everything below it; ``X/**`` matches ``X``."""
    pattern = pattern.rstrip("/") or "/"
    if not any(char in pattern for char in "*?["):
        pattern += "/**"
    parts = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("/**", index):
            parts.append("(?:/.*)?")
            index += 3
        elif pattern.startswith("**", index):
            parts.append(".*")
            index += 2
        elif pattern[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            parts.append("[^/]")
            index += 1
        else:
            parts.append(re.escape(pattern[index]))
            index += 1
    return re.compile("".join(parts))


class Scope:
    """Allowed and denied patterns (absolute, variables expanded); deny wins."""

    def __init__(self, allow: Iterable[str], deny: Iterable[str] = ()) -> None:
        self.allow = [pattern_regex(p) for p in allow]
        self.deny = [pattern_regex(p) for p in deny]

    def allows(self, path: str) -> bool:
        if any(d.fullmatch(path) for d in self.deny):
            return False
        return any(a.fullmatch(path) for a in self.allow)

    def check(self, path: Path) -> Path:
        """``path`` (absolute, without ``..``) if it and the file it really is (symlinks
        resolved) are both in scope; else ``OutOfScope``."""
        lexical = str(path)
        real = os.path.realpath(path)
        if not self.allows(lexical) or not self.allows(real):
            raise OutOfScope(f"forbidden path: {lexical}, maybe it is not allowed on the scope")
        return path


def resolve(app: App, path: str, base_dir: object = None) -> Path:
    """The absolute path a page means: ``path`` itself, or relative to ``base_dir`` (a
    BaseDirectory number). ``..`` is refused (Tauri's ``SafePathBuf``)."""
    if path.startswith("file://"):
        from urllib.parse import unquote, urlparse

        path = unquote(urlparse(path).path)
    if ".." in PurePosixPath(path).parts:
        raise OutOfScope("cannot traverse directory, rewrite the path without the use of `../`")
    if base_dir is not None:
        if type(base_dir) is not int or base_dir not in BaseDirectory._value2member_map_:
            raise ValueError(f"unknown baseDir {base_dir!r}")
        if os.path.isabs(path):
            raise ValueError(f"{path}: a path with a baseDir must be relative")
        return directory_path(app, BaseDirectory(base_dir)) / path
    if not os.path.isabs(path):
        raise ValueError(f"{path}: give an absolute path, or a relative one with a baseDir")
    return Path(path)


def scope_for(
    app: App, configured: Iterable[str] | None, entries: Iterable[tuple[str, Mapping[str, object]]]
) -> Scope:
    """The plugin's scope: ``fs(scope=...)`` (Tauri's app folders if not given) and the
    ``allow``/``deny`` entries of the capabilities' fs permissions."""
    allow = [expand(app, p) for p in (configured if configured is not None else APP_FOLDERS)]
    deny: list[str] = []
    for kind, entry in entries:
        path = entry.get("path")
        if isinstance(path, str):
            (allow if kind == "allow" else deny).append(expand(app, path))
    return Scope(allow, deny)
