"""Watching a folder tree for saved files, as dev mode needs it: in Qt's event loop, one batch
of changed paths per burst of saves.

``QFileSystemWatcher`` alone reports a file only until an editor replaces it (the write to a
temporary file and rename that vim, JetBrains IDEs and others do): the watched file is gone and
Qt drops it. So the directories are watched too (a rename changes the directory), and each
directory's entries are compared with a snapshot of their ``stat`` to learn which file changed;
files are watched for in-place writes, and watched again after each replacement.
"""

from __future__ import annotations

import fnmatch
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

# Not part of an app's sources: caches, tools, editors' temporary files.
SKIPPED_DIRS = frozenset({".git", "node_modules", "__pycache__", ".venv", ".mypy_cache"})
SKIPPED_FILES = ("*~", "*.swp", "*.swx", "*.tmp", ".#*", "#*#", "4913", ".DS_Store")

# A burst of saves (an editor's "save all", a formatter, a git checkout) is one batch: the batch
# leaves when no change came for QUIET_MS, or MAX_WAIT_MS after its first change at the latest.
QUIET_MS = 150
MAX_WAIT_MS = 1000

_Stat = tuple[int, int, int]  # mtime_ns, size, inode


class Debounce:
    """Gathers items into batches; plain Python, times in seconds from an injectable clock."""

    def __init__(self, quiet: float, max_wait: float) -> None:
        if quiet <= 0 or max_wait < quiet:
            raise ValueError("need 0 < quiet <= max_wait")
        self.quiet = quiet
        self.max_wait = max_wait
        self._items: set[Path] = set()
        self._first = 0.0
        self._last = 0.0

    def add(self, items: Iterable[Path], now: float) -> None:
        items = set(items)
        if not items:
            return
        if not self._items:
            self._first = now
        self._items |= items
        self._last = now

    def delay(self, now: float) -> float | None:
        """Seconds until the batch is due (0: now), or ``None`` when nothing is waiting."""
        if not self._items:
            return None
        due = min(self._last + self.quiet, self._first + self.max_wait)
        return max(0.0, due - now)

    def take_if_due(self, now: float) -> set[Path] | None:
        if self.delay(now) != 0.0:
            return None
        items, self._items = self._items, set()
        return items


class TreeWatcher(QObject):
    """Watches every file under ``roots`` whose name ``accept`` likes; emits ``changed`` with
    the absolute paths created, modified, replaced or deleted in one burst of saves."""

    changed = Signal(object)  # frozenset[Path]

    def __init__(
        self,
        roots: Iterable[Path],
        *,
        accept: Callable[[Path], bool] = lambda _path: True,
        quiet_ms: int = QUIET_MS,
        max_wait_ms: int = MAX_WAIT_MS,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._accept = accept
        self._clock = clock
        self._debounce = Debounce(quiet_ms / 1000, max_wait_ms / 1000)
        self._snapshots: dict[Path, dict[str, _Stat]] = {}
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._directory_changed)
        self._watcher.fileChanged.connect(self._file_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        for root in roots:
            root = Path(root).resolve()
            if not root.is_dir():
                raise NotADirectoryError(f"cannot watch {root}: not a folder")
            self._watch_tree(root)

    def watched_files(self) -> list[Path]:
        return sorted(Path(path) for path in self._watcher.files())

    def _watch_tree(self, top: Path) -> None:
        for folder, dirs, _files in os.walk(top):
            dirs[:] = [name for name in dirs if name not in SKIPPED_DIRS]
            self._scan(Path(folder))

    def _scan(self, folder: Path) -> set[Path]:
        """Update ``folder``'s snapshot and watches; return the accepted files that changed."""
        old = self._snapshots.get(folder, {})
        new: dict[str, _Stat] = {}
        subdirs: list[Path] = []
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return self._forget(folder)  # the folder is gone, and every file in it
        if str(folder) not in self._watcher.directories():
            self._watcher.addPath(str(folder))
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in SKIPPED_DIRS:
                        subdirs.append(Path(entry.path))
                    continue
                if not entry.is_file() or _skipped(entry.name):
                    continue
                stat = entry.stat()
            except OSError:
                continue  # deleted while we looked: the next event tells
            if self._accept(Path(entry.path)):
                new[entry.name] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        self._snapshots[folder] = new
        watched = set(self._watcher.files())
        missing = [str(folder / name) for name in new if str(folder / name) not in watched]
        if missing:
            self._watcher.addPaths(missing)
        changed = {
            folder / name for name in old.keys() | new.keys() if old.get(name) != new.get(name)
        }
        for subdir in subdirs:
            if subdir not in self._snapshots:  # a new folder: its files are new too
                for inner, dirs, _files in os.walk(subdir):
                    dirs[:] = [name for name in dirs if name not in SKIPPED_DIRS]
                    changed |= self._scan(Path(inner))
        return changed

    def _forget(self, folder: Path) -> set[Path]:
        """Stop watching a deleted folder and its subfolders; return the files they had."""
        gone: set[Path] = set()
        for known in [path for path in self._snapshots if path.is_relative_to(folder)]:
            gone |= {known / name for name in self._snapshots.pop(known)}
            if str(known) in self._watcher.directories():
                self._watcher.removePath(str(known))
        return gone

    def _directory_changed(self, folder: str) -> None:
        self._add(self._scan(Path(folder)))

    def _file_changed(self, file: str) -> None:
        path = Path(file)
        # Report it even if its stat looks the same: timestamps are coarser than two quick saves.
        changed = self._scan(path.parent) | {path}
        self._add(path for path in changed if self._accept(path) and not _skipped(path.name))

    def _add(self, paths: Iterable[Path]) -> None:
        self._debounce.add(paths, self._clock())
        self._schedule()

    def _schedule(self) -> None:
        delay = self._debounce.delay(self._clock())
        if delay is not None:
            self._timer.start(round(delay * 1000))

    def _flush(self) -> None:
        batch = self._debounce.take_if_due(self._clock())
        if batch is None:
            self._schedule()
        else:
            self.changed.emit(frozenset(batch))


def _skipped(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in SKIPPED_FILES)
