"""The listener registry: ids, registration order, lookups and purges. Plain Python.

One id counter serves backend and frontend listeners (spec §4). Listeners of one event are kept
in a dict, so iteration is registration order. Every method may be called from any thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from .values import Handler, Listener, Reach


class ListenerRegistry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next_id = 1
        self._by_event: dict[str, dict[int, Listener]] = {}
        self._by_id: dict[int, Listener] = {}
        # Bumped on every change, so that routes computed from the registry know they are stale.
        self.version = 0

    def add(
        self,
        event: str,
        *,
        page: str | None,
        window: str | None,
        handler: Handler | None = None,
        once: bool = False,
        reach: Reach = Reach.SPEC,
    ) -> Listener:
        """Register a listener and return it with its new id."""
        with self._lock:
            listener = Listener(self._next_id, event, page, window, handler, once, reach)
            self._next_id += 1
            self._by_event.setdefault(event, {})[listener.id] = listener
            self._by_id[listener.id] = listener
            self.version += 1
            return listener

    def remove(self, listener_id: int) -> Listener | None:
        """Unregister by id; an unknown id is ignored (spec §5). Returns what was removed."""
        with self._lock:
            return self._remove_locked(listener_id)

    def is_registered(self, listener: Listener) -> bool:
        return self._by_id.get(listener.id) is listener

    def get(self, listener_id: int) -> Listener | None:
        return self._by_id.get(listener_id)

    def snapshot(self, event: str | None = None) -> list[Listener]:
        """The listeners of ``event`` now, in registration order (spec §5.5: dispatch snapshot);
        without ``event``, every listener."""
        with self._lock:
            if event is None:
                return list(self._by_id.values())  # ids grow: registration order
            listeners = self._by_event.get(event)
            return list(listeners.values()) if listeners else []

    def remove_page(self, page: str) -> int:
        """Forget every listener held by the page of window ``page``; returns how many."""
        return self._remove_where(lambda listener: listener.page == page)

    def remove_backend_on_window(self, window: str) -> int:
        """Forget the Python listeners registered on window channel ``window``."""
        return self._remove_where(
            lambda listener: listener.page is None and listener.window == window
        )

    def count(self, event: str | None = None) -> int:
        with self._lock:
            if event is None:
                return len(self._by_id)
            return len(self._by_event.get(event, ()))

    def clear(self) -> None:
        with self._lock:
            self._by_event.clear()
            self._by_id.clear()
            self.version += 1

    def _remove_where(self, predicate: Callable[[Listener], bool]) -> int:
        with self._lock:
            doomed = [i for i, listener in self._by_id.items() if predicate(listener)]
            for listener_id in doomed:
                self._remove_locked(listener_id)
            return len(doomed)

    def _remove_locked(self, listener_id: int) -> Listener | None:
        listener = self._by_id.pop(listener_id, None)
        if listener is not None:
            self.version += 1
            of_event = self._by_event[listener.event]
            del of_event[listener_id]
            if not of_event:
                del self._by_event[listener.event]
        return listener
