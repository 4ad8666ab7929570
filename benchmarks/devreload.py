"""Dev mode's reload latency: a file saved -> the window's page reloaded (frontend), and a Python
file saved -> the backend restarted (the supervisor's child). Figures, not a pass/fail test.

    python -m benchmarks.devreload [--saves 10] [--restarts 5]

Frontend: an app in this process with dev mode at its default timings (``DevMode(app)``); each
save (alternately atomic, as vim does, and in place) is timed to the window's ``loadStarted``
(the watcher's and the debounce's part) and ``loadFinished`` (the page is back). Backend:
``python -m app --dev --config app.json`` in a child process; each save of ``backend.py`` is
timed to the supervisor's ``changed: restarting`` line (the watcher's part), to the new child's
``started`` line and to its window's ``loaded`` line. Times are in milliseconds from the moment
the save returned; the table gives the median and the range.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

INDEX = '<!doctype html><meta charset="utf-8"><script src="app.js"></script><p>dev</p>'


def frontend(saves: int) -> dict[str, list[float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.environment import prepare_environment

    prepare_environment()
    from PySide6.QtWidgets import QApplication

    from app import Builder
    from app.dev.devmode import DevMode

    from .harness import settle, wait_until

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    started: list[float] = []
    finished: list[float] = []
    figures: dict[str, list[float]] = {"save -> reload starts": [], "save -> page reloaded": []}
    with tempfile.TemporaryDirectory() as folder:
        dist = Path(folder)
        (dist / "index.html").write_text(INDEX, encoding="utf-8")
        (dist / "app.js").write_text("window.version = 0\n", encoding="utf-8")
        config = {"build": {"frontendDist": str(dist)}, "app": {"windows": [{"label": "main"}]}}
        app = Builder().setup(DevMode).build(config)
        page = app.window("main").page
        page.loadStarted.connect(lambda: started.append(time.perf_counter()))
        page.loadFinished.connect(lambda _ok: finished.append(time.perf_counter()))
        wait_until(lambda: len(finished) == 1)
        settle(500)
        for n in range(1, saves + 1):
            before = len(finished)
            text = f"window.version = {n}\n"
            if n % 2:
                (dist / "app.js.tmp").write_text(text, encoding="utf-8")
                os.replace(dist / "app.js.tmp", dist / "app.js")
            else:
                (dist / "app.js").write_text(text, encoding="utf-8")
            saved = time.perf_counter()

            def reloaded(before: int = before) -> bool:
                return len(finished) > before

            wait_until(reloaded, timeout=30)
            figures["save -> reload starts"].append((started[-1] - saved) * 1000)
            figures["save -> page reloaded"].append((finished[-1] - saved) * 1000)
            settle(1500)  # past the debounce's longest wait: each save is a burst of its own
        app.close()
    del qt_app
    return figures


class Lines:
    """A child's output lines, each with the time it was read."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.queue: queue.Queue[tuple[float, str] | None] = queue.Queue()
        assert process.stdout is not None
        stream = process.stdout
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.queue.put((time.perf_counter(), line.rstrip("\n")))
        self.queue.put(None)

    def wait_for(self, text: str, timeout: float = 60) -> float:
        deadline = time.perf_counter() + timeout
        while True:
            item = self.queue.get(timeout=max(0.0, deadline - time.perf_counter()))
            if item is None:
                raise RuntimeError(f"the output ended before {text!r}")
            if text in item[1]:
                return item[0]


def backend(restarts: int) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {
        "save -> restart begins": [],
        "save -> new backend started": [],
        "save -> new page loaded": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "dist").mkdir()
        (project / "dist" / "index.html").write_text(INDEX, encoding="utf-8")
        (project / "dist" / "app.js").write_text("", encoding="utf-8")
        (project / "backend.py").write_text("VERSION = 0\n", encoding="utf-8")
        config = {"build": {"frontendDist": "dist"}, "app": {"windows": [{"label": "main"}]}}
        (project / "app.json").write_text(json.dumps(config), encoding="utf-8")
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "QT_QPA_PLATFORM": "offscreen"}
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "--dev", "--config", str(project / "app.json")],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        lines = Lines(process)
        try:
            lines.wait_for("window 'main': loaded")
            time.sleep(1)  # the app settles (a benchmark, not a test: a plain wait is fine)
            for n in range(1, restarts + 1):
                (project / "backend.py").write_text(f"VERSION = {n}\n", encoding="utf-8")
                saved = time.perf_counter()
                begins = lines.wait_for("changed: restarting the app")
                started = lines.wait_for("qtauri dev: started the app")
                loaded = lines.wait_for("window 'main': loaded")
                figures["save -> restart begins"].append((begins - saved) * 1000)
                figures["save -> new backend started"].append((started - saved) * 1000)
                figures["save -> new page loaded"].append((loaded - saved) * 1000)
                time.sleep(1.5)
        finally:
            process.terminate()
            process.wait(timeout=60)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.devreload", description=__doc__)
    parser.add_argument("--saves", type=int, default=10, help="frontend saves (default 10)")
    parser.add_argument("--restarts", type=int, default=5, help="Python saves (default 5)")
    args = parser.parse_args()
    figures = {**frontend(args.saves), **backend(args.restarts)}
    print(f"{'ms from the save':<30} {'median':>7}  range")
    for name, values in figures.items():
        low, high = min(values), max(values)
        print(f"{name:<30} {statistics.median(values):7.0f}  {low:.0f}-{high:.0f}")


if __name__ == "__main__":
    main()
