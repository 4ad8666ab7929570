"""An app that quits while everything is in flight: a thread emitting, a threaded command and
an async command still running, pages emitting. Run by tests/test_faults.py in its own process
(a clean exit is a property of the whole process: exit code 0, no traceback on stderr)."""

from __future__ import annotations

import asyncio
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app import App, AppClosed, Builder, WindowNotFound, command

PAGES = Path(__file__).resolve().parent.parent / "pages"
stop = threading.Event()


@command(thread=True)
def slow_threaded() -> str:
    stop.wait(30)  # still running when the app closes
    return "late"


@command
async def slow_async() -> str:
    await asyncio.sleep(30)
    return "late"


def emit_forever(app: App) -> None:
    n = 0
    while not stop.is_set():
        try:
            app.emit_all("flood", n)
        except (AppClosed, WindowNotFound):  # the documented way an emit learns of the close
            return
        n += 1


def setup(app: App) -> None:
    threading.Thread(target=emit_forever, args=(app,), daemon=False).start()
    app.on_close(stop.set)

    def start_everything() -> None:
        main = app.window("main")
        main.page.runJavaScript(
            "window.api.invoke('slow_threaded'); window.api.invoke('slow_async');"
            "setInterval(() => window.api.emit('from-page', 1), 0);"
            "window.api.listen('flood', () => {}).then(() => console.info('in flight'));",
            0,
        )

    def quit_when_in_flight(level: str, message: str) -> None:
        if message == "in flight":
            QTimer.singleShot(200, QApplication.quit)

    app.window("main").page.console_message.connect(quit_when_in_flight)
    app.window("main").page.loadFinished.connect(lambda _ok: start_everything())


def main() -> int:
    config = {
        "build": {"frontendDist": str(PAGES)},
        "app": {"windows": [{"label": "main", "url": "recorder.html"}]},
    }
    Builder().setup(setup).invoke_handler(slow_threaded, slow_async).run(config)
    print("clean exit", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
