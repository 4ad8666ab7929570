"""The web profiles of one app: where its pages keep ``localStorage``, IndexedDB, cookies and
their HTTP cache.

An app with a data folder (its config names an ``identifier``) gets a disk-backed profile
there, in ``<data folder>/QtWebEngine/``, so what its pages store survives restarts, as in
Tauri. A lock file in that folder keeps a second instance of the app from opening the same
storage at the same time (Chromium's stores are not made for two writers): it gets
``StorageInUse`` instead. Windows opened with ``incognito`` share an off-the-record profile,
made when the first one opens; an app without a data folder only has that kind.

Each profile gets its own handler of the app's scheme (Qt allows one per profile); profiles
are deleted after the pages that use them (``close``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLockFile, QObject
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineProfileBuilder,
    QWebEngineSettings,
    QWebEngineUrlSchemeHandler,
)

from ..errors import StorageInUse
from .scheme import SCHEME

log = logging.getLogger(__name__)

# Under the app data folder, which is the app's own (Tauri apps write their files there too).
WEBVIEW_FOLDER = "QtWebEngine"
LOCK_FILE = "lock"


class Profiles:
    """The app's profiles. ``data_dir``: the app data folder, or ``None`` to keep nothing on
    disk; ``make_handler(parent)``: a new scheme handler for one profile."""

    def __init__(
        self,
        data_dir: Path | None,
        storage_name: str,
        make_handler: Callable[[QObject], QWebEngineUrlSchemeHandler],
    ) -> None:
        self._make_handler = make_handler
        # The profiles' parent, deleted to delete them: Python's wrapper of a profile becomes
        # invalid once a page that returned it from profile() is deleted (PySide 6.11), and
        # the profile cannot be reached through it any more.
        self._holder = QObject()
        self._lock: QLockFile | None = None
        self._incognito: QWebEngineProfile | None = None
        self.data_dir = data_dir
        if data_dir is None:
            self._main = self._install(QWebEngineProfile(self._holder))
            return
        folder = data_dir / WEBVIEW_FOLDER
        self._lock = _take_lock(folder)
        builder = QWebEngineProfileBuilder()
        # Paths are given before the profile exists: Chromium opens its stores at creation.
        builder.setPersistentStoragePath(str(folder / "storage"))
        builder.setCachePath(str(folder / "cache"))
        self._main = self._install(builder.createProfile(storage_name, self._holder))
        log.debug("web storage of %r in %s", storage_name, folder)

    def for_window(self, incognito: bool) -> QWebEngineProfile:
        """The profile of a new window's page."""
        if not incognito:
            return self._main
        if self._incognito is None:
            self._incognito = self._install(QWebEngineProfile(self._holder))
        return self._incognito

    def _install(self, profile: QWebEngineProfile) -> QWebEngineProfile:
        profile.installUrlSchemeHandler(SCHEME.encode(), self._make_handler(profile))
        # Qt hands links of schemes it does not know (mailto:, ssh:, ...) straight to the
        # desktop, past the navigation policy: refuse them instead (docs/security.md).
        profile.settings().setUnknownUrlSchemePolicy(
            QWebEngineSettings.UnknownUrlSchemePolicy.DisallowUnknownUrlSchemes
        )
        return profile

    def close(self) -> None:
        """Delete the profiles (their pages must be deleted already), then free the lock."""
        self._holder.deleteLater()
        self._incognito = None
        # Deleted now, so that their stores are closed before the lock goes.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def _take_lock(folder: Path) -> QLockFile:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageInUse(
            f"cannot create the app's web storage folder {folder}: {error.strerror}"
        ) from None
    lock = QLockFile(str(folder / LOCK_FILE))
    # Never stale by age (an app runs for days); a lock left by a process that died is still
    # taken over, as QLockFile checks that its process is alive.
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        pid, host, _name = lock.getLockInfo()  # pid 0: the file could not be read
        owner = f" (process {pid} on {host or 'this machine'})" if pid else ""
        raise StorageInUse(
            f"another instance of this app{owner} is using its web storage in {folder}: "
            "close it first (or give this instance another data folder)"
        )
    raise StorageInUse(f"cannot lock the app's web storage in {folder}: {lock.error().name}")
