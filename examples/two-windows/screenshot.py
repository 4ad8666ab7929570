"""Pictures of the tutorial's app for the guide, taken headless:

    QT_QPA_PLATFORM=offscreen python examples/two-windows/screenshot.py docs/images

Adds three notes, opens the viewer and highlights a note there, as a user would, then saves
``tutorial-main.png`` and ``tutorial-viewer.png``, and ``tutorial-inspector.png``: main's
inspector, as F12 opens it in dev mode.
"""

from __future__ import annotations

import sys
from pathlib import Path

from main import CONFIG, build  # the script's folder is on sys.path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.dev.devmode import DevMode

# Time for the pages to show what they received, after they loaded.
SETTLE_MS = 2500


def main(folder: Path) -> int:
    app = build().build(CONFIG)
    dev = DevMode(app)
    for text in ("Buy milk", "Call Ada about the bridge", "Water the plants"):
        app.invoke_command("add_note", {"text": text}, caller="main")
    viewer = app.create_window("viewer", url="viewer.html", title="Viewer", width=360, height=400)
    app.emit_to("viewer", "highlight", 1)  # kept for the viewer's listener while it loads
    waiting = {"main", "viewer"}
    status = {"code": 1}

    def take() -> None:
        views = {label: window.webview for label, window in app.windows().items()}
        views["inspector"] = inspector
        for name, view in views.items():
            path = folder / f"tutorial-{name}.png"
            if not view.grab().save(str(path)):
                print(f"could not save {path}", file=sys.stderr)
                return QApplication.exit(1)
            print(f"saved {path}")
        status["code"] = 0
        QApplication.exit(0)

    inspector = dev.toggle_inspector("main")
    assert inspector is not None
    inspector.resize(900, 420)

    def loaded(label: str) -> None:
        waiting.discard(label)
        if not waiting:
            QTimer.singleShot(SETTLE_MS, take)

    for window in (app.window("main"), viewer):
        window.page.loadFinished.connect(lambda _ok, label=window.label: loaded(label))
    try:
        QApplication.exec()
    finally:
        app.close()
    return status["code"]


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ".")))
