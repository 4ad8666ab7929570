"""Dev mode in the app: a saved frontend file reloads the windows that use it, and only those,
with the backend's state and the listener registry left right; the inspector opens."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app import App
from app.dev.devmode import DevMode, affected_windows, url_to_file
from tests.js import eval_js, wait_js, wait_loaded

pytestmark = pytest.mark.webengine

INDEX = """<!doctype html>
<html><head><meta charset="utf-8"><script src="app.js"></script></head>
<body><p id="text"></p></body></html>
"""
# Two listeners in main, one in other: counts that a reload must leave as they were.
APP_JS = """window.version = '%s'
const { listen } = window.__TAURI__.event
listen('ping', () => {})
  .then(() => listen('pong', () => {}))
  .then(() => { document.getElementById('text').textContent = window.version; window.ready = true })
"""
OTHER = """<!doctype html>
<html><head><meta charset="utf-8"></head><body>
<script>
window.__TAURI__.event.listen('ping', () => {}).then(() => { window.ready = true })
</script>
</body></html>
"""


def save_atomically(path: Path, text: str) -> None:
    """As vim or a JetBrains IDE saves: a temporary file renamed over the old one."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    folder = tmp_path / "dist"
    folder.mkdir()
    (folder / "index.html").write_text(INDEX, encoding="utf-8")
    (folder / "app.js").write_text(APP_JS % "v1", encoding="utf-8")
    (folder / "other.html").write_text(OTHER, encoding="utf-8")
    return folder


@pytest.fixture
def dev_app(make_app: Callable[..., App], qtbot: Any, dist: Path) -> tuple[App, DevMode]:
    """The app as ``--dev`` runs it: dev mode starts before the pages load (in setup)."""
    modes: list[DevMode] = []
    app = make_app(config(dist), setup=lambda app: modes.append(DevMode(app, quiet_ms=50)))
    wait_loaded(qtbot, app, ready_flag="window.ready")
    return app, modes[0]


def config(dist: Path) -> dict[str, Any]:
    windows = [{"label": "main", "url": "index.html"}, {"label": "other", "url": "other.html"}]
    return {"build": {"frontendDist": str(dist)}, "app": {"windows": windows}}


def listener_counts(app: App) -> dict[str | None, int]:
    """Listeners in the hub's registry by holder (a window's page, or None for Python)."""
    counts: dict[str | None, int] = {}
    for event in ("ping", "pong", "tauri://window-created"):
        for listener in app.hub.listeners(event):
            counts[listener.page] = counts.get(listener.page, 0) + 1
    return counts


def test_saving_a_script_reloads_the_window_that_uses_it_only(
    dev_app: tuple[App, DevMode], qtbot: Any, dist: Path
) -> None:
    app, _dev = dev_app
    main, other = app.window("main"), app.window("other")
    before = listener_counts(app)
    assert before == {"main": 2, "other": 1, None: 1}  # None: dev mode's own window-created
    eval_js(qtbot, other, "window.marker = 'not reloaded'")
    other_loads: list[bool] = []
    other.page.loadStarted.connect(lambda: other_loads.append(True))

    with qtbot.waitSignal(main.page.loadFinished, timeout=10_000):
        save_atomically(dist / "app.js", APP_JS % "v2")
    wait_js(qtbot, main, "window.ready && document.getElementById('text').textContent === 'v2'")

    assert listener_counts(app) == before
    assert eval_js(qtbot, other, "window.marker") == "not reloaded"
    assert other_loads == []


def test_saving_a_page_in_place_reloads_its_window(
    dev_app: tuple[App, DevMode], qtbot: Any, dist: Path
) -> None:
    app, _dev = dev_app
    main, other = app.window("main"), app.window("other")
    eval_js(qtbot, main, "window.marker = 'not reloaded'")
    before = listener_counts(app)

    with qtbot.waitSignal(other.page.loadFinished, timeout=10_000):
        (dist / "other.html").write_text(OTHER.replace("<body>", "<body>edited"), encoding="utf-8")
    wait_js(qtbot, other, "window.ready && document.body.textContent.includes('edited')")

    assert listener_counts(app) == before
    assert eval_js(qtbot, main, "window.marker") == "not reloaded"


def test_a_new_unused_file_reloads_nothing_and_the_backend_keeps_its_state(
    dev_app: tuple[App, DevMode], qtbot: Any, dist: Path
) -> None:
    app, dev = dev_app
    heard: list[object] = []
    app.listen_global("from-page", lambda event: heard.append(event.payload))
    loads: list[str] = []
    for window in app.windows().values():
        window.page.loadStarted.connect(lambda label=window.label: loads.append(label))
    with qtbot.waitSignal(dev.watcher.changed, timeout=10_000) as blocker:
        (dist / "unused.css").write_text("p {}", encoding="utf-8")
    assert blocker.args == [frozenset({dist / "unused.css"})]
    # The reload decision is taken once every page answered: then a used file's save.
    with qtbot.waitSignal(app.window("main").page.loadFinished, timeout=10_000):
        save_atomically(dist / "app.js", APP_JS % "v3")
    assert loads == ["main"]
    wait_js(qtbot, app.window("main"), "window.ready")
    eval_js(qtbot, app.window("main"), "window.__TAURI__.event.emit('from-page', 'after')")
    qtbot.waitUntil(lambda: heard == ["after"])


def test_saves_under_skipped_folders_reload_nothing(
    make_app: Callable[..., App], qtbot: Any, dist: Path
) -> None:
    # A page that uses a file in each: were they watched, their saves would reload it.
    skipped = ["venv/lib/x.js", "build/x.js", "node_modules/pkg/x.js", "env/x.js"]
    for name in skipped:
        (dist / name).parent.mkdir(parents=True, exist_ok=True)
        (dist / name).write_text("window.n = (window.n || 0) + 1", encoding="utf-8")
    (dist / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    scripts = "".join(f'<script src="{name}"></script>' for name in skipped)
    page = INDEX.replace('<script src="app.js">', scripts + '<script src="app.js">')
    (dist / "index.html").write_text(page, encoding="utf-8")
    modes: list[DevMode] = []
    app = make_app(config(dist), setup=lambda app: modes.append(DevMode(app, quiet_ms=50)))
    wait_loaded(qtbot, app, ready_flag="window.ready")
    main = app.window("main")
    assert eval_js(qtbot, main, "window.n") == len(skipped)
    batches: list[frozenset[Path]] = []
    modes[0].watcher.changed.connect(batches.append)
    loads: list[bool] = []
    main.page.loadStarted.connect(lambda: loads.append(True))
    for name in skipped:
        (dist / name).write_text("window.n = -1", encoding="utf-8")
    (dist / "node_modules" / "new").mkdir()  # a new folder in a skipped one: not watched
    (dist / "node_modules" / "new" / "y.js").write_text("", encoding="utf-8")
    # Then a file no page uses: once it is reported, the saves above would have been.
    with qtbot.waitSignal(modes[0].watcher.changed, timeout=10_000):
        (dist / "unused.css").write_text("p {}", encoding="utf-8")
    assert batches == [frozenset({dist / "unused.css"})]
    assert loads == []


def test_closing_dev_mode_ends_the_watchers_thread(dev_app: tuple[App, DevMode]) -> None:
    app, dev = dev_app
    watcher = dev.watcher
    assert watcher.running
    dev.close()  # what app.close() calls; the thread has ended when it returns
    assert not watcher.running
    app.close()


def test_pages_loaded_before_dev_mode_started_reload_on_any_change(
    make_app: Callable[..., App], qtbot: Any, dist: Path
) -> None:
    app = make_app(config(dist))
    wait_loaded(qtbot, app, ready_flag="window.ready")
    DevMode(app, quiet_ms=50)  # too late to know which files the pages use: in doubt
    windows = list(app.windows().values())
    with qtbot.waitSignals([w.page.loadFinished for w in windows], timeout=10_000):
        (dist / "unused.css").write_text("p {}", encoding="utf-8")
    for window in windows:
        wait_js(qtbot, window, "window.ready")


def test_f12_inspector_opens_devtools_for_the_window(
    dev_app: tuple[App, DevMode], qtbot: Any
) -> None:
    app, dev = dev_app
    inspector = dev.toggle_inspector("main")
    assert inspector is not None
    assert app.window("main").page.devToolsPage() is inspector.page()
    qtbot.waitUntil(lambda: inspector.page().url().scheme() == "devtools", timeout=10_000)
    assert inspector.isVisible()
    assert dev.toggle_inspector("main") is None
    assert not inspector.isVisible()


def test_f12_in_a_window_opens_its_inspector(dev_app: tuple[App, DevMode], qtbot: Any) -> None:
    app, _dev = dev_app
    created = app.create_window("late", url="other.html")  # windows made later get F12 too
    created.set_focus()
    qtbot.waitUntil(created.webview.isActiveWindow)
    qtbot.keyClick(created.webview.focusProxy() or created.webview, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: created.page.devToolsPage() is not None)
    assert app.window("main").page.devToolsPage() is None


# -- the decisions, without a page ------------------------------------------------------------


def test_url_to_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    assert url_to_file("tauri://localhost/a/b.js?x=1#y", tmp_path) == tmp_path / "a" / "b.js"
    assert url_to_file("tauri://localhost/", tmp_path) == tmp_path / "index.html"
    assert url_to_file("tauri://localhost/sub", tmp_path) == tmp_path / "sub" / "index.html"
    assert url_to_file("tauri://localhost/%20x.js", tmp_path) == tmp_path / " x.js"
    assert url_to_file("tauri://localhost/__qtauri__/api/event.js", tmp_path) is None
    assert url_to_file("tauri://localhost/../escape.js", tmp_path) is None or (
        url_to_file("tauri://localhost/../escape.js", tmp_path) == tmp_path / "escape.js"
    )
    assert url_to_file("http://localhost:5173/index.html", tmp_path) is None
    assert url_to_file("tauri://elsewhere/index.html", tmp_path) is None


def test_affected_windows_reload_users_of_a_changed_file_and_those_in_doubt() -> None:
    a, b, c = Path("/d/a.js"), Path("/d/b.css"), Path("/d/c.html")
    shown = {"one": frozenset({c, a}), "two": frozenset({b}), "three": None}
    assert affected_windows({a}, shown) == ["one", "three"]
    assert affected_windows({b, a}, shown) == ["one", "two", "three"]
    assert affected_windows({Path("/d/new.js")}, shown) == ["three"]
    assert affected_windows({a}, {}) == []
