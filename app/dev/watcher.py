"""Watching folder trees for saved files, as dev mode needs it: one batch of changed paths per
burst of saves, delivered in Qt's event loop.

The system's watcher does the work, through ``watchfiles`` (its Rust backend, the ``notify``
crate: inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows). Each folder of
the trees is watched, less the skipped ones (a venv, ``node_modules``, ``build``, ...), which are
never entered: on Linux a watch costs one inotify watch per folder, and a venv or a
``node_modules`` holds thousands of folders. A folder's watch sees its files written in place,
replaced by a rename (as vim and JetBrains IDEs save), created and deleted; a folder created or
deleted renews the set of watched folders, without a moment unwatched (the new watches are set
before the old ones go). A thread waits on the watches and hands each group of changes to Qt's
event loop through a queued signal; there a ``Debounce`` makes one batch of a burst of saves.
``close()`` stops the thread.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from watchfiles import Change, DefaultFilter

# RustNotify is the class that watchfiles.watch() is built on. Used directly, its watches are
# set when it is made, so that a watcher is live when its constructor returns and can be
# renewed with no gap (watch() makes its own on the first iteration, out of our sight).
from watchfiles._rust_notify import RustNotify

log = logging.getLogger(__name__)

# A burst of saves (an editor's "save all", a formatter, a git checkout) is one batch: the batch
# leaves when no change came for QUIET_MS, or MAX_WAIT_MS after its first change at the latest.
QUIET_MS = 150
MAX_WAIT_MS = 1000
# The watching thread hands a group of changes to Qt's loop once STEP_MS passed with no new
# one; that wait counts in the quiet period, so Qt's side waits QUIET_MS - STEP_MS more. (The
# thread wakes every STEP_MS to look for changes and for its stop flag: 50 times a second, a
# few microseconds each, in dev mode only.)
STEP_MS = 20
# close() waits this long for the thread; it wakes every STEP_MS to look at its stop flag.
STOP_TIMEOUT_S = 5.0


class SkipFilter(DefaultFilter):
    """Names of files and folders that are not an app's sources: watchfiles' defaults (VCS
    folders, ``__pycache__``, ``.venv``, ``node_modules``, tool caches, editors' swap and backup
    files), and more venvs, build output, tool caches and editors' temporary files. Matched
    against a name, not a whole path: a watched root may be called ``dist`` or ``build``."""

    ignore_dirs = (
        *DefaultFilter.ignore_dirs,
        "venv",
        "build",
        "dist",
        ".nox",
        ".eggs",
        ".ruff_cache",
        ".cache",
        "htmlcov",
        "site-packages",
    )
    ignore_entity_patterns = (
        *DefaultFilter.ignore_entity_patterns,
        r"\.egg-info$",
        r"\.tmp$",
        r"^#.*#$",  # emacs' auto-save
        r"^4913$",  # vim's probe for a writable folder
    )

    def skips(self, name: str) -> bool:
        """Whether a file or folder of this name is skipped."""
        return not self(Change.modified, name)


SKIP = SkipFilter()


def is_venv(folder: Path) -> bool:
    """A virtual environment, whatever its name (``.venv-3.13``, ``env``): it has a
    ``pyvenv.cfg``."""
    return (folder / "pyvenv.cfg").is_file()


def watched_folders(roots: Iterable[Path], skip: SkipFilter = SKIP) -> set[Path]:
    """Every folder of the trees under ``roots`` (the roots included, whatever their names)
    that is not skipped, nor inside a skipped one."""
    folders: set[Path] = set()
    for root in roots:
        for folder, dirs, _files in os.walk(root):
            path = Path(folder)
            folders.add(path)
            dirs[:] = [d for d in dirs if not skip.skips(d) and not is_venv(path / d)]
    return folders


def files_under(folders: Iterable[Path], accept: Callable[[Path], bool]) -> set[Path]:
    """The accepted, not skipped files directly in ``folders``."""
    found: set[Path] = set()
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # gone meanwhile: its deletion is an event of its own
        for entry in entries:
            path = Path(entry.path)
            if not SKIP.skips(entry.name) and entry.is_file() and accept(path):
                found.add(path)
    return found


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
    """Watches every file under ``roots`` whose name ``accept`` likes (``accept`` runs in the
    watching thread); emits ``changed`` in the thread of this object with the absolute paths
    created, modified, replaced or deleted in one burst of saves. ``close()`` (or this object's
    deletion) stops watching."""

    changed = Signal(object)  # frozenset[Path]
    # From the watching thread: queued to this object's thread, as its receiver lives there.
    _arrived = Signal(object)  # set[Path]

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
        self._roots = [Path(root).resolve() for root in roots]
        for root in self._roots:
            if not root.is_dir():
                raise NotADirectoryError(f"cannot watch {root}: not a folder")
        self._accept = accept
        self._clock = clock
        if quiet_ms <= STEP_MS or max_wait_ms < quiet_ms:
            raise ValueError(f"need {STEP_MS} < quiet_ms <= max_wait_ms")
        self._debounce = Debounce((quiet_ms - STEP_MS) / 1000, max_wait_ms / 1000)
        self._quiet_ms = quiet_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        self._arrived.connect(self._add)
        # Set up here, in the caller's thread: a folder that cannot be watched (the system's
        # limit on watches reached, say) is an error of the constructor, not of a thread.
        self._folders = watched_folders(self._roots)
        self._known = files_under(self._folders, accept)
        self._notify = _watch(self._folders)
        self._stop = threading.Event()
        # If this object is deleted without close(), the thread must not outlive it.
        self.destroyed.connect(self._stop.set)
        self._thread = threading.Thread(target=self._run, name="qtauri-watcher", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        """Whether the watching thread is running."""
        return self._thread.is_alive()

    def close(self) -> None:
        """Stop watching; returns once the watching thread has ended. A batch still gathering
        is dropped."""
        self._stop.set()
        self._timer.stop()
        self._thread.join(STOP_TIMEOUT_S)
        if self._thread.is_alive():
            log.warning("the file watcher's thread did not stop in %.0f s", STOP_TIMEOUT_S)

    # -- the watching thread ----------------------------------------------------------------

    def _run(self) -> None:
        notify = self._notify
        try:
            while not self._stop.is_set():
                result = notify.watch(self._quiet_ms, STEP_MS, 0, self._stop)
                if isinstance(result, str):  # "stop" (or "signal"/"timeout": not asked for)
                    continue
                changes = _changes(result)
                folders = self._folders
                # Again while the renewal brings news of folders (made during the walk).
                for _round in range(10):
                    if not self._folders_changed(changes):
                        break
                    renewed, extra = self._renew(notify)
                    changes |= extra
                    if renewed is notify:
                        break  # could not renew (said in the log): keep the watches there are
                    notify = renewed
                paths = self._accepted(changes, folders | self._folders)
                if paths and not self._stop.is_set():
                    self._arrived.emit(paths)
        except RuntimeError:
            if not self._stop.is_set():  # else: this object was deleted, the thread ends
                log.exception("the file watcher stopped: saved files are no longer seen")
        except Exception:  # the thread must say why it ends, not die silently
            log.exception("the file watcher stopped: saved files are no longer seen")
        finally:
            notify.close()

    def _folders_changed(self, changes: set[tuple[Change, Path]]) -> bool:
        return any(
            (kind == Change.deleted and path in self._folders)
            or (
                kind == Change.added
                and path not in self._folders
                and path.is_dir()
                and not SKIP.skips(path.name)
                and not is_venv(path)
            )
            for kind, path in changes
        )

    def _renew(self, old: RustNotify) -> tuple[RustNotify, set[tuple[Change, Path]]]:
        """Watch the folders as they are now: the new watches first, then what the old ones
        saw meanwhile, then the old ones go. Returns the watcher to use and the changes to
        add: the files of new folders, those of deleted ones, and any the old watches had."""
        for _attempt in range(5):
            folders = watched_folders(root for root in self._roots if root.is_dir())
            try:
                new = _watch(folders)
                break
            except FileNotFoundError:
                continue  # a folder went between the walk and its watch: walk again
            except OSError as error:
                log.error("cannot watch the new folders (%s): saves in them are not seen", error)
                return old, set()
        else:
            return old, set()
        left = old.watch(1, 1, 1, None)  # whatever came since the last batch, at once
        old.close()
        extra = _changes(left) if isinstance(left, set) else set()
        extra |= {
            (Change.added, file) for file in files_under(folders - self._folders, self._accept)
        }
        gone = self._folders - folders
        extra |= {(Change.deleted, file) for file in self._known if file.parent in gone}
        self._folders = folders
        return new, extra

    def _accepted(self, changes: set[tuple[Change, Path]], folders: set[Path]) -> set[Path]:
        """The changed files to report (not the folders), with the known files kept up to
        date."""
        paths: set[Path] = set()
        for kind, path in changes:
            if path in folders or SKIP.skips(path.name) or not self._accept(path):
                continue
            if kind == Change.deleted:
                self._known.discard(path)
            elif path.is_dir():
                continue
            else:
                self._known.add(path)
            paths.add(path)
        return paths

    # -- in Qt's event loop -----------------------------------------------------------------

    def _add(self, paths: Iterable[Path]) -> None:
        self._debounce.add(paths, self._clock())
        self._schedule()

    def _schedule(self) -> None:
        delay = self._debounce.delay(self._clock())
        if delay is not None and not self._stop.is_set():
            self._timer.start(round(delay * 1000))

    def _flush(self) -> None:
        batch = self._debounce.take_if_due(self._clock())
        if batch is None:
            self._schedule()
        else:
            self.changed.emit(frozenset(batch))


def _changes(raw: set[tuple[int, str]]) -> set[tuple[Change, Path]]:
    return {(Change(kind), Path(path)) for kind, path in raw}


def _watch(folders: Iterable[Path]) -> RustNotify:
    """Watches on ``folders``, each for its own entries only (the skipped folders below them are
    never watched). ``WATCHFILES_FORCE_POLLING`` set (and not ``false``) polls instead, as with
    watchfiles' own ``watch()``."""
    polling = os.environ.get("WATCHFILES_FORCE_POLLING", "").lower()
    force_polling = polling not in {"", "false", "disable", "disabled"}
    return RustNotify(
        sorted(str(folder) for folder in folders),
        False,  # debug
        force_polling,
        300,  # poll delay (ms), if polling
        False,  # recursive: no, each folder is given
        True,  # ignore permission denied: an unreadable folder is no app's source
    )
