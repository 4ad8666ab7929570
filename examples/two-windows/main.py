"""The tutorial's app (docs/guide/tutorial.md): notes typed in one window, listed in another.

python examples/two-windows/main.py          # run it
python examples/two-windows/main.py --dev    # run it in dev mode
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from app import App, Builder, Event, command

CONFIG = Path(__file__).with_name("app.json")
log = logging.getLogger("notes")


def build() -> Builder:
    """The app: its state, its commands and its setup. Each build has its own notes."""
    notes: list[str] = []

    @command
    def add_note(app: App, text: str) -> list[str]:
        """Keep a note and tell every window; a blank note is refused."""
        text = text.strip()
        if not text:
            raise ValueError("a note needs some text")
        notes.append(text)
        app.emit_all("notes-changed", notes)
        return notes

    @command
    def list_notes() -> list[str]:
        return notes

    def setup(app: App) -> None:
        def closed(event: Event) -> None:
            log.info("the %s window closed; %d note(s) kept", event.window_label, len(notes))

        app.listen_global("tauri://destroyed", closed)

    return Builder().setup(setup).invoke_handler(add_note, list_notes)


if __name__ == "__main__":
    sys.exit(build().run(CONFIG, dev="--dev" in sys.argv))
