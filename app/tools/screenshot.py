"""``--screenshot PATH``: a picture of each window once its page has loaded (and had time to
show its first events), for docs and bug reports. A hidden window has nothing on screen to
take: it is named in a warning instead of leaving a blank image or no word at all."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer

from ..app import App
from ..web.window import Window

log = logging.getLogger("app")

# Time between a page's load and its picture, so that its first events are on screen.
SCREENSHOT_DELAY_MS = 2500


def take_screenshots(app: App, path: Path, delay_ms: int = SCREENSHOT_DELAY_MS) -> None:
    """Save each window of ``app`` as a PNG once loaded: the first to ``path``, the others
    beside it (``shot.png``, ``shot-second.png``, ...). The folder is made if it is missing,
    as a user naming ``shots/demo.png`` expects."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.error("--screenshot: cannot make the folder %s: %s", path.parent, error)
        return
    labels = list(app.windows())
    for label in labels:
        target = path if label == labels[0] else path.with_name(f"{path.stem}-{label}{path.suffix}")
        _when_loaded(app.window(label), target, delay_ms)


def _when_loaded(window: Window, path: Path, delay_ms: int) -> None:
    def take() -> None:
        if window.is_open and not window.is_visible():
            log.warning(
                '--screenshot: skipped window %r: it is hidden ("visible": false, or hidden '
                "since), so there is nothing to take; %s was not written",
                window.label,
                path,
            )
        elif not window.is_open:
            log.warning("--screenshot: window %r closed before its picture", window.label)
        elif window.webview.grab().save(str(path)):
            log.info("saved a screenshot of window %r to %s", window.label, path)
        else:  # Qt says no more than this
            log.error(
                "could not save a screenshot of window %r to %s: check that the folder is "
                "writable and the name ends in an image type Qt writes (.png, .jpg)",
                window.label,
                path,
            )

    def loaded(_ok: bool) -> None:
        window.page.loadFinished.disconnect(loaded)
        QTimer.singleShot(delay_ms, take)

    window.page.loadFinished.connect(loaded)
