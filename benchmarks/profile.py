"""Where the GUI thread's time goes in a burst of Python->JS events: a cProfile of the project's
side of the throughput figure, and how long the burst took against how long until the page
had every event (when they differ, the page, not Python, is what limits). The same burst
unprofiled first, since profiling makes every Python call about 5x slower.

    python -m benchmarks.profile [--size 50] [--count 50000] [--windows 1] [--top 15]

The figures of docs/performance.md's "What limits the figures not met" come from here.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time


def main() -> None:
    args = _parse()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.environment import prepare_environment

    prepare_environment()
    from PySide6.QtWidgets import QApplication

    from .figures import arm
    from .harness import Reports, payload_of
    from .project import ProjectSide

    qt_app = QApplication(sys.argv[:1])
    reports = Reports()
    side = ProjectSide(reports)
    side.open(args.windows)
    side.listeners(1)
    payload = payload_of(args.size)
    pages = "the page" if args.windows == 1 else f"the {args.windows} pages"

    def burst(profile: cProfile.Profile | None) -> str:
        arm(side, args.windows, args.count)
        start = time.perf_counter()
        with reports.expect("done", args.windows):
            if profile is not None:
                profile.enable()
            side.send(payload, args.count)
            if profile is not None:
                profile.disable()
            sent = time.perf_counter()
        done = time.perf_counter()
        per_event = 1e6 / args.count
        return (
            f"the burst took {(sent - start) * per_event:.2f} us per event on the GUI thread"
            f" ({'profiled' if profile else 'unprofiled'}), {pages} had them all after"
            f" {(done - start) * per_event:.2f} us per event"
        )

    for _ in range(2):  # warm-up: caches, the page's JIT
        burst(None)
    unprofiled = burst(None)
    profile = cProfile.Profile()
    profiled = burst(profile)
    side.cleanup()
    qt_app.processEvents()
    print(f"{args.count} events of {args.size} B to {args.windows} window(s):")
    print(f"  {unprofiled}\n  {profiled}\n")
    pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=50, help="payload size in bytes")
    parser.add_argument("--count", type=int, default=50_000, help="events in the burst")
    parser.add_argument("--windows", type=int, default=1, help="windows the burst goes to")
    parser.add_argument("--top", type=int, default=15, help="functions to list")
    return parser.parse_args()


if __name__ == "__main__":
    main()
