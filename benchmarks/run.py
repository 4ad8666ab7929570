"""``make bench``: every figure for the project and for a raw QWebEngineView + QWebChannel
baseline, in one run; a table of medians, ranges and project/raw ratios, and a JSON file.

    python -m benchmarks.run [--quick] [--out benchmarks/results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from .harness import Figure, Reports, settle

ROOT = Path(__file__).resolve().parent.parent
SIDES = ("project", "raw")


def main() -> None:
    args = _parse()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.environment import prepare_environment

    prepare_environment()  # the GPU off and, as root, no sandbox: as `make bench` sets them
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion
    from PySide6.QtWebEngineCore import qWebEngineChromiumVersion
    from PySide6.QtWidgets import QApplication

    import app  # noqa: F401  (the URL scheme must be registered before any web object)

    qt_app = QApplication(sys.argv[:1])
    settings = {
        "python": platform.python_version(),
        "pyside6": pyside_version,
        "qt": qVersion(),
        "chromium": qWebEngineChromiumVersion(),
        "platform": os.environ.get("QT_QPA_PLATFORM"),
        "chromium_flags": os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", ""),
        "cpus": os.cpu_count(),
        "quick": args.quick,
    }
    print("settings: " + ", ".join(f"{k}={v}" for k, v in settings.items()), flush=True)
    started = time.perf_counter()
    figures = run_all(
        repeats=2 if args.quick else 5, scale=0.2 if args.quick else 1.0, only=args.only
    )
    seconds = time.perf_counter() - started
    print(table(figures))
    print(f"took {seconds:.0f} s")
    args.out.write_text(
        json.dumps(
            {"settings": settings, "seconds": seconds, "figures": [f.summary() for f in figures]},
            indent=2,
        )
    )
    print(f"wrote {args.out}")
    del qt_app


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats and events")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--only", default="", help="run only figures whose name contains this")
    return parser.parse_args()


def run_all(repeats: int, scale: float, only: str = "") -> list[Figure]:
    from . import figures as f
    from . import payloads
    from .project import ProjectSide
    from .raw import RawSide

    reports = Reports()
    sides: dict[str, Any] = {"project": ProjectSide(reports), "raw": RawSide(reports)}
    results: list[Figure] = []

    def n(count: int) -> int:
        return max(10, int(count * scale))

    def measure(
        figure: Figure,
        windows: int,
        listeners: int,
        run: Callable[[Any], float],
        how: str = "listenMany",
    ) -> None:
        if only not in figure.name:
            return
        print(f"  {figure.name} ...", flush=True)
        for name, value in interleaved(windows, listeners, run, how):
            getattr(figure, name).append(value)
        results.append(figure)

    def interleaved(
        windows: int, listeners: int, run: Callable[[Any], Any], how: str = "listenMany"
    ) -> list[Any]:
        """Both sides open at once, their runs taking turns (the first side alternating), so
        that the machine's slow and fast moments fall on both alike."""
        for side in sides.values():
            side.open(windows)
            side.listeners(listeners, how)
        settle(200)
        outcomes = []
        for repeat in range(repeats):
            names = list(sides) if repeat % 2 == 0 else list(reversed(sides))
            for name in names:
                outcomes.append((name, run(sides[name])))
                settle(50)
        for side in sides.values():
            side.close()
        settle(200)
        return outcomes

    for size, count, label in (
        (50, 100_000, "50 B"),
        (10_240, 3_000, "10 KB"),
        (1 << 20, 40, "1 MB"),
    ):
        measure(
            Figure(f"Python->JS, 1 window, 1 listener, {label}", "events/s"),
            1,
            1,
            partial(_python_to_js, size=size, count=n(count)),
        )
    # The large figures' second shape (issue 18): a list of small objects, as a table is sent.
    for size, count, label in ((10_240, 3_000, "10 KB"), (1 << 20, 20, "1 MB")):
        measure(
            Figure(
                f"Python->JS, 1 window, 1 listener, {label}, a list of small objects", "events/s"
            ),
            1,
            1,
            partial(f.python_to_js_rows, size=size, count=n(count)),
        )
    # The common path (issue 18): emit_all of a value made per event, heard by the global
    # listen (the module's listen is the same function), emit_to heard by appWindow.listen;
    # and the
    # issue's own harness, whose page tells Python it is done by an emit.
    for kind, make in payloads.KINDS.items():
        measure(
            Figure(f"Python->JS, emit_all of {kind}, ~50 B, listen", "events/s"),
            1,
            1,
            partial(f.python_to_js_values, make=make, count=n(100_000)),
        )
    measure(
        Figure("Python->JS, emit_to of a dict, ~50 B, appWindow.listen", "events/s"),
        1,
        1,
        partial(f.python_to_js_values, make=payloads.as_dict, count=n(100_000), path="emit_to"),
        how="listenOnWindow",
    )
    measure(
        Figure("Python->JS, emit (Tauri v2's App.emit) of a dict, ~50 B, listen", "events/s"),
        1,
        1,
        partial(f.python_to_js_values, make=payloads.as_dict, count=n(100_000), path="emit"),
    )
    measure(
        Figure("Python->JS, emit_all of a dict, ~50 B, reported by an emit back", "events/s"),
        1,
        1,
        partial(f.python_to_js_values, make=payloads.as_dict, count=n(100_000), report_back=True),
    )
    measure(
        Figure("Python->JS, 1 window, 1 MB binary (raw: 1 MB string)", "events/s"),
        1,
        1,
        lambda side: f.python_to_js_binary(side, 1 << 20, n(40)),
    )
    measure(
        Figure("Python->JS, 5 windows, 50 B (per window)", "events/s"),
        5,
        1,
        lambda side: f.python_to_js(side, 50, n(30_000), windows=5),
    )
    measure(
        Figure("Python->JS, 1 window, 10 listeners, 50 B", "events/s"),
        1,
        10,
        lambda side: f.python_to_js(side, 50, n(100_000), listeners=10),
    )
    for size, count, label in ((50, 10_000, "50 B"), (10_240, 2_000, "10 KB")):
        measure(
            Figure(f"JS->Python, {label}", "events/s"),
            1,
            1,
            partial(_js_to_python, size=size, count=n(count)),
        )
    latency_runs: dict[str, dict[str, list[dict[str, float]]]] = {}
    latencies: list[tuple[str, Callable[[Any], dict[str, float]]]] = [
        ("round trip JS->Python->JS, 50 B", partial(f.round_trip, count=n(2000))),
        ("invoke of a trivial command", partial(f.invoke_latency, count=n(2000))),
    ]
    for kind, run in latencies:
        if only not in kind:
            continue
        print(f"  {kind} ...", flush=True)
        for name, latency in interleaved(1, 1, run):
            latency_runs.setdefault(kind, {}).setdefault(name, []).append(latency)
        for quantile in ("p50", "p99"):
            figure = Figure(f"{kind}, {quantile}", "ms", higher_is_better=False)
            for name in sides:
                getattr(figure, name).extend(r[quantile] for r in latency_runs[kind][name])
            results.append(figure)
    from app.events.payload import NAN_CHECK

    encoding = Figure(
        "encoding 10,000 rows, a third with a None (raw: plain orjson.dumps)",
        "ms",
        higher_is_better=False,
        note=f"NaN check: {NAN_CHECK}",  # the C extension, or the count without a compiler
    )
    if only in encoding.name:
        print(f"  {encoding.name} ({encoding.note}) ...", flush=True)
        for repeat in range(repeats):
            for name in SIDES if repeat % 2 == 0 else SIDES[::-1]:
                getattr(encoding, name).append(f.encode_table(name))
        results.append(encoding)
    if only in "cold start memory RSS":
        # More runs than the other figures: one process start moves by 20-30 % here.
        results.extend(cold_start_and_memory(repeats=repeats + 2))
    if only in "RSS growth":
        results.append(growth(sides, n(1_000_000), n(100_000)))
    for side in sides.values():
        side.cleanup()
    return results


def _python_to_js(side: Any, size: int, count: int) -> float:
    from . import figures as f

    return f.python_to_js(side, size, count)


def _js_to_python(side: Any, size: int, count: int) -> float:
    from . import figures as f

    return f.js_to_python(side, size, count)


def cold_start_and_memory(repeats: int) -> list[Figure]:
    figures = []
    # The children start as an installed app does, with its modules' bytecode cached (pip
    # compiles it; a program run from source writes it on its first start). Without a cache,
    # as under PYTHONDONTWRITEBYTECODE, every start compiles the package from source, which is
    # no cost of starting an app (docs/performance.md). A cache of their own, so that the
    # source tree is not written to.
    with tempfile.TemporaryDirectory(prefix="bench-pycache-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        for name in SIDES:  # not counted: fills the cache and the system's file cache
            _cold_start(name, 1, env)
        for windows in (1, 5):
            start = Figure(
                f"cold start to the first event in JS, {windows} window(s)",
                "s",
                higher_is_better=False,
            )
            rss = Figure(
                f"RSS of the process tree, {windows} window(s)", "MB", higher_is_better=False
            )
            pss = Figure(
                f"PSS of the process tree, {windows} window(s)", "MB", higher_is_better=False
            )
            print(f"  cold start, {windows} window(s) ...", flush=True)
            for repeat in range(repeats):
                # Which side starts first alternates: neither always follows the other.
                for name in SIDES if repeat % 2 == 0 else SIDES[::-1]:
                    seconds, report = _cold_start(name, windows, env)
                    getattr(start, name).append(seconds)
                    getattr(rss, name).append(report["rss"] / 1e6)
                    getattr(pss, name).append(report["pss"] / 1e6)
            figures += [start, rss, pss]
    one, five = figures[1], figures[4]
    per_window = Figure(
        "RSS per extra window",
        "MB",
        higher_is_better=False,
        note="(RSS with 5 windows - with 1) / 4",
    )
    for name in ("project", "raw"):
        getattr(per_window, name).extend(
            (b - a) / 4 for a, b in zip(getattr(one, name), getattr(five, name), strict=True)
        )
    figures.append(per_window)
    return figures


def _cold_start(side: str, windows: int, env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Start a child process; the seconds from just before its start to the first event in
    its last page, and its report."""
    begun = time.time()
    child = subprocess.run(
        [sys.executable, "-m", "benchmarks.coldstart", side, str(windows)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    return report["first_event"] - begun, report


def growth(sides: dict[str, Any], count: int, warmup: int) -> Figure:
    from . import figures as f

    figure = Figure(
        f"RSS growth over {count:,} events after {warmup:,}", "%", higher_is_better=False
    )
    print(f"  {figure.name} ...", flush=True)
    for name, side in sides.items():
        side.open(1)
        side.listeners(1)
        getattr(figure, name).append(100 * f.rss_growth(side, warmup, count))
        side.close()
        settle(200)
    return figure


def table(figures: list[Figure]) -> str:
    rows = [("figure", "unit", "project (median, min-max)", "raw (median, min-max)", "project/raw")]
    for figure in figures:
        s = figure.summary()
        rows.append(
            (
                figure.name,
                figure.unit,
                _cell(s["project_median"], s["project_range"]),
                _cell(s["raw_median"], s["raw_range"]),
                f"{s['ratio']:.2f}x" if s["ratio"] is not None else "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def _cell(median: float | None, spread: list[float] | None) -> str:
    if median is None or spread is None:
        return "-"
    return f"{_number(median)} ({_number(spread[0])}-{_number(spread[1])})"


def _number(value: float) -> str:
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


if __name__ == "__main__":
    main()
