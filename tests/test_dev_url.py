"""``build.devUrl``: in dev mode windows load their pages from a dev server (e.g. Vite), and
that server's origin may use the API; without dev mode it is ignored and such pages are refused."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app import App, ConfigError, load_config
from app.dev.devmode import DevMode
from tests.js import eval_js
from tests.sites import folder_site

pytestmark = pytest.mark.webengine

PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<script>
window.__TAURI__.event.emit('hello', location.origin).then(
  () => { window.outcome = 'sent' }, (error) => { window.outcome = error.message })
</script></body></html>
"""


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[str]:
    """A stand-in for a Vite server: serves a folder over http on a free port."""
    served = tmp_path / "served"
    served.mkdir()
    (served / "index.html").write_text(PAGE, encoding="utf-8")
    with folder_site(served) as origin:
        yield origin


def config(tmp_path: Path, dev_url: str, url: str = "index.html") -> dict[str, Any]:
    (tmp_path / "dist").mkdir(exist_ok=True)
    return {
        "build": {"frontendDist": str(tmp_path / "dist"), "devUrl": dev_url},
        "app": {"windows": [{"label": "main", "url": url}]},
    }


def test_dev_mode_loads_pages_from_dev_url_and_trusts_its_origin(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path, dev_server: str
) -> None:
    heard: list[object] = []

    def setup(app: App) -> None:
        app.listen_global("hello", lambda event: heard.append(event.payload))

    app = make_app(load_config(config(tmp_path, dev_server), dev=True), setup=setup)
    assert app.security.is_local(dev_server)
    assert app.security.is_local("tauri://localhost")
    qtbot.waitUntil(lambda: heard == [dev_server], timeout=10_000)
    window = app.window("main")
    assert window.page.url().toString() == f"{dev_server}/index.html"
    assert eval_js(qtbot, window, "window.outcome") == "sent"


def test_without_dev_mode_dev_url_is_ignored_and_its_pages_are_refused(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path, dev_server: str
) -> None:
    loaded = load_config(config(tmp_path, dev_server, url=f"{dev_server}/index.html"))
    assert loaded.dev_url is None
    app = make_app(loaded)
    assert not app.security.is_local(dev_server)
    window = app.window("main")
    qtbot.waitUntil(lambda: window.page.url().toString() == f"{dev_server}/index.html")
    outcome = eval_js(
        qtbot,
        window,
        "new Promise((resolve) => { const check = () => window.outcome ? resolve(window.outcome)"
        " : setTimeout(check, 10); check() })",
        connected=False,
    )
    assert f"the page at {dev_server}/index.html may not use the app's API" in outcome


@pytest.mark.parametrize(
    "dev_url", ["localhost:5173", "file:///tmp/x", "ftp://host/", "http://", 5173]
)
def test_a_bad_dev_url_is_a_config_error(tmp_path: Path, dev_url: object) -> None:
    with pytest.raises(ConfigError, match=r"build\.devUrl"):
        load_config(config(tmp_path, dev_url))  # type: ignore[arg-type]


def test_an_app_config_passes_through_load_config(tmp_path: Path) -> None:
    loaded = load_config(config(tmp_path, "http://localhost:5173"), dev=True)
    assert loaded.dev_url == "http://localhost:5173"
    assert load_config(loaded) is loaded


def test_dev_mode_leaves_dev_server_windows_to_the_dev_server(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path, dev_server: str
) -> None:
    settings = config(tmp_path, dev_server)
    # A window on the frontend folder too: it must reload, while the dev server's does not.
    settings["app"]["windows"].append({"label": "built", "url": "tauri://localhost/index.html"})
    built_page = "<p>built</p><script>window.__TAURI__.event.emit('up')</script>"
    (tmp_path / "dist" / "index.html").write_text(built_page, encoding="utf-8")
    app = make_app(
        load_config(settings, dev=True),
        setup=lambda app: DevMode(app, quiet_ms=50),
    )
    served, built = app.window("main"), app.window("built")
    qtbot.waitUntil(lambda: served.page_connected, timeout=10_000)
    qtbot.waitUntil(lambda: built.page_connected, timeout=10_000)
    loads: list[bool] = []
    served.page.loadStarted.connect(lambda: loads.append(True))
    with qtbot.waitSignal(built.page.loadFinished, timeout=10_000):
        (tmp_path / "dist" / "index.html").write_text("re" + built_page, encoding="utf-8")
    assert loads == []  # the dev server (e.g. Vite) reloads its pages itself
