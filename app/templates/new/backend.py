"""The Python side of {{name}}: its commands, its events, and how it starts.

Run the app with ``python backend.py`` (``--dev``: dev mode, reload on save), or ``python -m
app --app backend:builder --config app.json``; test it with ``python -m pytest``; write the
frontend's TypeScript types with ``python -m app types --app backend:builder --out
frontend/ipc.d.ts``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from app import App, Builder, command

CONFIG = Path(__file__).with_name("app.json")


@dataclass
class Greeted:
    """The payload of the ``greeted`` event."""

    name: str
    count: int


def builder() -> Builder:
    """The app: its commands and declared events. A function, so that each test gets an
    app with fresh state."""
    greetings = 0

    @command
    def greet(name: str, app: App) -> str:
        """Greet someone, and tell every window how many greetings there were so far."""
        nonlocal greetings
        if not name.strip():
            raise ValueError("a name, please")
        greetings += 1
        app.emit_all("greeted", Greeted(name, greetings))
        return f"Hello, {name}!"

    return Builder().invoke_handler(greet).events(greeted=Greeted)


if __name__ == "__main__":
    sys.exit(builder().run(CONFIG, dev="--dev" in sys.argv[1:]))
