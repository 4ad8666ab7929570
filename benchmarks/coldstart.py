"""A child process for the cold-start and memory figures: start, open N windows, and report
(on stdout) when every page has received its first event from Python, and the memory then.

    python -m benchmarks.coldstart raw|project WINDOWS
"""

from __future__ import annotations

import json
import os
import sys
import time


def main() -> None:
    side_name, windows = sys.argv[1], int(sys.argv[2])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if side_name == "project":
        import app  # noqa: F401  (registers the URL scheme first, as any app does)
    from PySide6.QtWidgets import QApplication

    from .harness import Reports, settle, tree_memory, wait_until

    qt_app = QApplication(sys.argv[:1])
    reports = Reports()
    first: list[float] = []
    if side_name == "project":
        from .project import ProjectSide

        side = ProjectSide(reports)
        side.open_cold(windows, lambda: first.append(time.time()))
    else:
        from .raw import RawSide

        side = RawSide(reports)  # type: ignore[assignment]
        side.open_cold(windows, lambda: first.append(time.time()))
    wait_until(lambda: len(first) >= windows)
    arrived = max(first)
    settle(1000)
    rss, pss = tree_memory()
    print(json.dumps({"first_event": arrived, "rss": rss, "pss": pss}), flush=True)
    side.cleanup()
    del qt_app


if __name__ == "__main__":
    main()
