"""The fs plugin's ``watch`` / ``watchImmediate``: the system's watcher through ``watchfiles``
(its ``notify`` backend, as dev mode's ``app/dev/watcher.py``), one thread per watch, each change
sent through the ``Channel`` the guest package passes as Tauri's event
``{type, paths, attrs}``. The watch is a resource: closing it (the guest's unwatch function)
stops the thread."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

from watchfiles import Change

# As dev mode: RustNotify's watches are set when it is made, so a watch is live when the
# command answers (watchfiles.watch() would set them later, out of sight).
from watchfiles._rust_notify import RustNotify

from ...commands.channel import Channel
from ...errors import ChannelClosed

log = logging.getLogger(__name__)

# The thread looks at its stop flag this often; watchImmediate's changes wait at most this.
STEP_MS = 20
STOP_TIMEOUT_S = 5.0


def event_of(change: Change, path: str) -> dict[str, Any]:
    """A change as Tauri's (notify's) event; ``watchfiles`` tells added, modified, deleted."""
    if change is Change.added:
        kind: dict[str, Any] = {
            "create": {"kind": "folder" if os.path.isdir(path) else "file"},
        }
    elif change is Change.deleted:
        kind = {"remove": {"kind": "any"}}
    else:
        kind = {"modify": {"kind": "any"}}
    return {"type": kind, "paths": [path], "attrs": {}}


class Watch:
    """Watches ``paths`` until ``close()``; each change whose path ``allowed`` accepts goes to
    ``channel``, in the order seen. ``delay_ms``: changes are sent once that long passed with
    no new one (``watch``); ``None``: at once (``watchImmediate``)."""

    def __init__(
        self,
        paths: Sequence[str],
        recursive: bool,
        delay_ms: int | None,
        channel: Channel[Any],
        allowed: Callable[[str], bool],
    ) -> None:
        self._notify = RustNotify(list(paths), False, False, 300, recursive, False)
        self._debounce = max(delay_ms or STEP_MS, STEP_MS)
        self._channel = channel
        self._allowed = allowed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fs-watch", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(STOP_TIMEOUT_S)
        if self._thread.is_alive():
            log.warning("an fs watch's thread did not stop in %.0f s", STOP_TIMEOUT_S)

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                result = self._notify.watch(self._debounce, STEP_MS, 0, self._stop)
                if isinstance(result, str):  # "stop"
                    continue
                for change, path in sorted(result, key=lambda item: (item[1], item[0])):
                    if self._stop.is_set():
                        break
                    if self._allowed(path):
                        self._channel.send(event_of(Change(change), path))
        except ChannelClosed:
            pass  # the page is gone: nothing to tell
        except Exception:  # the thread must say why it ends, not die silently
            log.exception("an fs watch stopped: its changes are no longer sent")
        finally:
            self._notify.close()
