"""How many times control crosses from one module of ``app/`` to another for one event (the
figures of docs/design.md): a ``Window.emit`` heard by a page listener, from the call through
the end-of-turn flush to the bridge's ``deliver`` signal, and a JS ``invoke`` of a plain
command, from the bridge's slot to its reply. A crossing is a call or a return between two
functions of different modules (``sys.setprofile``); Qt's and JS's side are not counted.

    python -m benchmarks.hops [--path]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

PAGES = Path(__file__).parent / "pages"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", action="store_true", help="print the modules crossed")
    show_path = parser.parse_args().path
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import app as package
    from app import Builder, command
    from app.environment import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QApplication

    root = Path(package.__file__).parent
    qt_app = QApplication(sys.argv[:1])

    @command
    def ping(n: int) -> int:
        return n

    config = {
        "build": {"frontendDist": str(PAGES)},
        "app": {"windows": [{"label": "main", "url": "hops.html", "visible": False}]},
    }
    built = Builder().invoke_handler(ping).build(config)
    window = built.window("main")

    def spin(seconds: float, until: Callable[[], bool] = lambda: False) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and not until():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def page_says(expression: str) -> bool:
        answers: list[Any] = []
        window.page.runJavaScript(expression, 0, answers.append)
        spin(2, lambda: bool(answers))
        return bool(answers and answers[0] is True)

    spin(30, lambda: page_says("window.ready === true"))
    spin(2.5)  # past the ready deadline: the emit goes to the page, not into its kept events

    def module_of(frame: FrameType | None) -> str | None:
        if frame is None or not frame.f_code.co_filename.startswith(str(root)):
            return None
        path = Path(frame.f_code.co_filename).relative_to(root.parent).with_suffix("")
        return ".".join(path.parts)

    def crossings(action: Callable[[], object]) -> tuple[int, list[str]]:
        modules: list[str | None] = []

        def profile(frame: FrameType, event: str, _arg: object) -> None:
            if event == "call" and module_of(frame) is not None:
                modules.append(module_of(frame))
            elif event == "return" and module_of(frame) is not None:
                modules.append(module_of(frame.f_back))  # None: back to Qt's loop

        sys.setprofile(profile)
        try:
            action()
        finally:
            sys.setprofile(None)
        path: list[str | None] = modules[:1]
        for module in modules[1:]:
            if module != path[-1]:
                path.append(module)
        count = sum(1 for a, b in itertools.pairwise(path) if a and b)
        return count, [p.removeprefix("app.") if p else "|" for p in path]

    def emit() -> None:
        window.emit("e", {"n": 1})
        spin(0.2)

    def invoke() -> None:
        window.page.runJavaScript(
            "window.__TAURI__.invoke('ping', {n: 3}).then((n) => { window.pinged = n; })", 0
        )
        spin(5, lambda: page_says("window.pinged === 3"))
        window.page.runJavaScript("window.pinged = 0", 0)

    for name, action in (("Window.emit to a page listener", emit), ("JS invoke", invoke)):
        crossings(action)  # the first of each fills the caches (route, grant)
        count, path = crossings(action)
        print(f"{name}: {count} module crossings")
        if show_path:
            print("  " + " > ".join(path))
    built.close()
    del qt_app


if __name__ == "__main__":
    main()
