"""The bundled demo's backend: the two examples of Tauri's event guide, in Python.

Global events: ``app.listen_global`` hears what any page emits; ``app.emit_all`` reaches every
page. Window-specific events: a background thread emits ``backend-tick`` to the ``main``
window's channel, as the guide's ``init_process`` does, and stops when that window closes.
"""

from __future__ import annotations

import logging
import threading
import time

from .app import App
from .commands import command
from .errors import WindowNotFound
from .events import Event

log = logging.getLogger("app.demo")

TICK_SECONDS = 1.0


def setup(app: App) -> None:
    for name in ("demo-global", "demo-window"):
        app.listen_global(name, _log_event)
    main = app.get_window("main")
    if main is not None:
        main.listen(
            "demo-window", lambda event: log.info("main's channel heard %s", _describe(event))
        )
    stop = threading.Event()
    ticker = threading.Thread(target=_tick, args=(app, stop), name="demo-ticker", daemon=True)
    ticker.start()

    def stop_ticker() -> None:
        stop.set()
        ticker.join()

    app.on_close(stop_ticker)
    app.emit_all("backend-hello", {"message": "Hello from Python", "windows": list(app.windows())})


@command
def greet(name: str) -> str:
    """The demo's command: ``invoke('greet', {name})`` from any page."""
    return f"Hello, {name}! (from Python)"


COMMANDS = (greet,)


def _tick(app: App, stop: threading.Event) -> None:
    """Emit to one window from a thread, as the guide's example does, until it closes."""
    count = 0
    while not stop.wait(TICK_SECONDS):
        count += 1
        window = app.get_window("main")
        try:
            if window is None:
                raise WindowNotFound("main")
            window.emit("backend-tick", {"count": count, "time": time.strftime("%H:%M:%S")})
        except WindowNotFound:
            log.info("window 'main' is closed: the ticker stops")
            return


def _log_event(event: Event) -> None:
    log.info("listen_global heard %s", _describe(event))


def _describe(event: Event) -> str:
    source = event.window_label or "the backend"
    return f"{event.event!r} from {source}: {event.payload!r}"
