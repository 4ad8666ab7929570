"""The long reliability runs behind docs/reliability.md: a soak of many events, many reloads,
a page flooding junk, a page that stops taking deliveries, killed page processes.

    python -m benchmarks.reliability [--quick] [--out docs/reliability-latest.json]

Each step checks what it claims (nothing lost, nothing reordered, counts back to the start) and
raises if it does not hold; the figures it prints go into docs/reliability.md. The fast
variants of each step run in the test suite (tests/test_fuzz.py, test_faults.py,
test_flow_control.py, test_page_events.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sys
import time
from pathlib import Path
from typing import Any

from .harness import Reports, settle, tree_memory, wait_until

PAGES = Path(__file__).resolve().parent / "pages"
MIB = 1024 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reliability")
    parser.add_argument("--quick", action="store_true", help="a tenth of the events and reloads")
    parser.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    args = parser.parse_args()
    for name, value in (
        ("QT_QPA_PLATFORM", "offscreen"),
        ("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu"),
        ("QTWEBENGINE_DISABLE_SANDBOX", "1"),
    ):
        os.environ.setdefault(name, value)
    from PySide6 import __version__ as pyside_version

    from app import Builder

    scale = 0.1 if args.quick else 1.0
    results: dict[str, Any] = {
        "python": platform.python_version(),
        "pyside6": pyside_version,
        "cpus": os.cpu_count(),
        "quick": args.quick,
    }
    started = time.perf_counter()
    config = {
        "build": {"frontendDist": str(PAGES)},
        "app": {"windows": [{"label": "main", "url": "reliability.html"}]},
    }
    app = Builder().build(config)
    reports = Reports()
    main_window = app.window("main")
    reports.watch(main_window.page.console_message)
    with reports.expect("ready"):
        pass
    try:
        results["soak"] = soak(app, reports, events=int(1_000_000 * scale))
        results["reloads"] = reloads(app, reports, count=int(200 * scale))
        results["junk"] = junk(app, reports, count=int(100_000 * scale))
        results["busy page"] = busy_page(app, reports)
        results["killed page process"] = killed(app, reports)
    finally:
        app.close()
    results["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(results, indent=2))
    if args.out is not None:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


def check(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(f"reliability: {what}")


def emit_counted(app: Any, reports: Reports, start: int, count: int) -> dict[str, Any]:
    """Events start..start+count-1 to the page, 10,000 per event-loop turn; wait for all."""
    window = app.window("main")
    window.page.runJavaScript(f"expectSoak({start}, {count})", 0)
    settle(20)
    with reports.expect("soaked", timeout=600) as seen:
        for chunk_start in range(start, start + count, 10_000):
            for n in range(chunk_start, min(chunk_start + 10_000, start + count)):
                window.emit("soak", n)
            settle(0)
    state: dict[str, Any] = seen[0]  # type: ignore[assignment]
    return state


def soak(app: Any, reports: Reports, events: int) -> dict[str, Any]:
    print(f"  soak: {events:,} events after {events // 10:,} of warm-up ...", flush=True)
    warmup = emit_counted(app, reports, 0, events // 10)
    check(warmup["disorder"] == 0, "warm-up events out of order")
    settle(500)
    before, _ = tree_memory()
    began = time.perf_counter()
    state = emit_counted(app, reports, events // 10, events)
    seconds = time.perf_counter() - began
    settle(500)
    after, _ = tree_memory()
    check(state["next"] == events // 10 + events, "events lost")
    check(state["disorder"] == 0, "events out of order")
    check(app.hub.flow("main").dropped == 0, "events dropped for a healthy page")
    return {
        "events": events,
        "lost": 0,
        "out of order": 0,
        "events/s": round(events / seconds),
        "RSS before MB": round(before / MIB, 1),
        "RSS after MB": round(after / MIB, 1),
        "RSS growth %": round(100 * (after - before) / before, 2),
    }


def reloads(app: Any, reports: Reports, count: int) -> dict[str, Any]:
    print(f"  reloads: {count} ...", flush=True)
    window = app.window("main")
    at_start = app.listener_count()
    counts = []
    for _ in range(count):
        with reports.expect("ready", timeout=30):
            window.reload()
        counts.append(app.listener_count())
    check(all(c == at_start for c in counts), f"listener counts after reloads: {set(counts)}")
    return {
        "reloads": count,
        "listeners at start": at_start,
        "after each reload": sorted(set(counts)),
    }


def junk(app: Any, reports: Reports, count: int) -> dict[str, Any]:
    print(f"  junk: {count:,} junk calls with normal traffic ...", flush=True)
    heard: list[int] = []
    listener = app.listen_global("normal", lambda event: heard.append(event.payload))
    before = app.listener_count()
    rss_before, own_before = tree_memory()[0], own_rss()
    began = time.perf_counter()
    with reports.expect("flooded", timeout=600) as seen:
        app.window("main").page.runJavaScript(f"floodJunk({count})", 0)
    seconds = time.perf_counter() - began
    settle(500)
    rss_after, own_after = tree_memory()[0], own_rss()
    outcome: dict[str, Any] = seen[0]  # type: ignore[assignment]
    app.unlisten(listener)
    check(heard == list(range(outcome["normal"])), "normal events lost or reordered")
    check(outcome["answered"] == count + outcome["normal"], "calls left unanswered")
    return {
        "junk calls": count,
        "raw transport messages": count // 10,
        "normal events": outcome["normal"],
        "normal events lost": 0,
        "answered": outcome["answered"],
        "listeners added by junk": app.listener_count() - before + 1,
        "seconds": round(seconds, 1),
        "RSS of the process tree before/after MB": [
            round(rss_before / MIB),
            round(rss_after / MIB),
        ],
        "RSS of the app's own process before/after MB": [
            round(own_before / MIB),
            round(own_after / MIB),
        ],
    }


def own_rss() -> int:
    """RSS of this process alone (the backend, without QtWebEngine's page processes)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def busy_page(app: Any, reports: Reports, busy_ms: int = 5000) -> dict[str, Any]:
    from PySide6.QtCore import QTimer

    print(f"  busy page: {busy_ms / 1000:.0f} s without taking deliveries, under a flood ...")
    window = app.window("main")
    rss_before, _ = tree_memory()
    peak = {"rss": rss_before, "waiting": 0, "in flight": 0, "ticks": 0, "sent": 0, "dropped": 0}
    fill = "x" * 10_000

    def flood() -> None:
        peak["ticks"] += 1
        for _ in range(50):
            window.emit("flood", fill)
            peak["sent"] += 1
        flow = app.hub.flow("main")
        peak["waiting"] = max(peak["waiting"], flow.waiting_chars)
        peak["in flight"] = max(peak["in flight"], flow.in_flight_chars)
        peak["dropped"] = max(peak["dropped"], flow.dropped)
        if peak["ticks"] % 20 == 0:
            peak["rss"] = max(peak["rss"], tree_memory()[0])

    window.page.runJavaScript("window.__TAURI__.event.listen('flood', () => {})", 0)
    settle(200)
    timer = QTimer()
    timer.timeout.connect(flood)
    with reports.expect("awake", timeout=60):
        window.page.runJavaScript(f"beBusy({busy_ms})", 0)
        timer.start(0)
    timer.stop()
    check(peak["dropped"] > 0, "the flood outran the bounds, so some events must be dropped")
    wait_until(
        lambda: app.hub.flow("main").dropped == 0 and not app.hub.flow("main").stalled, timeout=60
    )  # caught up
    recovered = emit_counted(app, reports, 0, 1000)
    check(recovered["disorder"] == 0 and recovered["next"] == 1000, f"no recovery: {recovered}")
    window.reload()
    with reports.expect("ready", timeout=30):
        pass
    return {
        "busy seconds": busy_ms / 1000,
        "events of 10 KB sent": peak["sent"],
        "dropped (counted and reported to the page)": peak["dropped"],
        "GUI ticks while busy": peak["ticks"],
        "peak waiting MB": round(peak["waiting"] / MIB, 1),
        "peak in flight MB": round(peak["in flight"] / MIB, 1),
        "RSS before MB": round(rss_before / MIB, 1),
        "RSS peak MB": round(peak["rss"] / MIB, 1),
        "served again after": True,
    }


def killed(app: Any, reports: Reports, kills: int = 3) -> dict[str, Any]:
    print(f"  killed page process: {kills} times ...", flush=True)
    window = app.window("main")
    at_start = app.listener_count()
    reloaded = 0
    for n in range(kills):
        pid = window.page.renderProcessPid()
        os.kill(pid, signal.SIGKILL)
        if n < kills - 1:  # the third end within a minute is not reloaded by itself
            with reports.expect("ready", timeout=30):
                pass
            reloaded += 1
            check(app.listener_count() == at_start, "listeners after an automatic reload")
    wait_until(lambda: window.page.renderProcessPid() != pid or app.listener_count() == 0)
    check(app.listener_count() == 0, "the dead page's listeners are gone")
    with reports.expect("ready", timeout=30):
        window.reload()
    check(app.listener_count() == at_start, "listeners after the manual reload")
    return {"kills": kills, "reloaded by themselves": reloaded, "reloaded by the app": 1}


if __name__ == "__main__":
    sys.exit(main())
