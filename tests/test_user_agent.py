"""A window's own ``userAgent`` (issue 15, item 2): its page reads it in ``navigator.userAgent``
(in subframes too), and its requests to the web (its document, its fetches) carry it in the
``User-Agent`` header; the other windows keep the profile's. For windows of the config, of
``create_window`` and of ``new WebviewWindow(label, {userAgent})`` in both package versions.

The app's own scheme handler is given no ``User-Agent`` at all by Qt (not the profile's
either), so the header is checked at a loopback server (docs/windows.md)."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app import App, ConfigError, load_config
from tests.compat_build import compat_config
from tests.js import eval_js, wait_js, wait_loaded

AGENT = "TestAgent/2.0 (qtauri; per window)"
OTHER_AGENT = "Another/1.0"
PAGE = (
    "<!doctype html><title>ua</title><iframe src='frame.html'></iframe>"
    "<script type=module>window.pageReady = true;"
    "await window.__TAURI__.event.emit('page-loaded');</script>"
)

pytestmark = pytest.mark.webengine


@contextlib.contextmanager
def agent_server() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """A loopback server answering every GET with CORS allowed; yields its origin and the
    ``(path, User-Agent)`` of each request."""
    seen: list[tuple[str, str]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append((self.path, self.headers.get("User-Agent", "")))
            body = b"<!doctype html><title>web</title>" if self.path == "/page" else b"ok"
            self.send_response(200)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Type", "text/html" if self.path == "/page" else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _config(tmp_path: Path, web: str | None = None) -> dict[str, Any]:
    """Windows ``main`` (the profile's agent) and ``agent`` (AGENT), both on the app's page with
    a frame; with ``web`` (an origin), ``web`` (AGENT) on that server's ``/page``."""
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "frame.html").write_text("<!doctype html><p>frame</p>")
    windows: list[dict[str, Any]] = [
        {"label": "main", "url": "index.html"},
        {"label": "agent", "url": "index.html", "userAgent": AGENT},
    ]
    if web is not None:
        windows.append({"label": "web", "url": f"{web}/page", "userAgent": AGENT})
    return {
        "build": {"frontendDist": str(tmp_path)},
        # csp null: the pages fetch from the loopback server.
        "app": {"windows": windows, "security": {"csp": None}},
    }


def _agents(qtbot: Any, window: Any) -> list[str]:
    wait_js(qtbot, window, "window.pageReady === true")
    frame = "document.querySelector('iframe').contentWindow"
    # The frame's own document, not the empty one it starts with (about:blank).
    loaded = f"{frame}.location.pathname === '/frame.html'"
    wait_js(qtbot, window, f"{loaded} && {frame}.document.readyState === 'complete'")
    return eval_js(  # type: ignore[no-any-return]
        qtbot, window, f"[navigator.userAgent, {frame}.navigator.userAgent]"
    )


def test_a_config_window_has_its_own_user_agent(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path
) -> None:
    with agent_server() as (origin, seen):
        app = make_app(_config(tmp_path, origin))
        main, agent, web = app.window("main"), app.window("agent"), app.window("web")
        assert _agents(qtbot, agent) == [AGENT, AGENT]
        assert eval_js(qtbot, agent, "navigator.appVersion") == AGENT
        default = _agents(qtbot, main)
        assert default[0] == default[1] != AGENT
        assert "QtWebEngine" in default[0]  # the profile's, untouched
        # The web: a document the window loads, and a fetch from each window.
        qtbot.waitUntil(lambda: web.page.title() == "web")
        assert eval_js(qtbot, web, "navigator.userAgent", connected=False) == AGENT
        for window in (agent, main):
            status = eval_js(qtbot, window, f"fetch('{origin}/{window.label}').then(r => r.status)")
            assert status == 200
    assert ("/page", AGENT) in seen
    assert ("/agent", AGENT) in seen
    assert ("/main", default[0]) in seen
    assert {agent for _path, agent in seen} == {AGENT, default[0]}


def test_create_window_takes_a_user_agent(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path
) -> None:
    app = make_app(_config(tmp_path))
    window = app.create_window("made", url="index.html", user_agent=OTHER_AGENT)
    assert _agents(qtbot, window) == [OTHER_AGENT, OTHER_AGENT]
    with agent_server() as (origin, seen):
        eval_js(qtbot, window, f"fetch('{origin}/made').then(r => r.status)")
    assert seen == [("/made", OTHER_AGENT)]
    # Camel case, as Tauri names it, works too.
    assert app.create_window("camel", url="index.html", userAgent=AGENT).config.user_agent == AGENT


@pytest.mark.parametrize(
    "agent", ["", "line\nbreak", "caf\u00e9"], ids=["empty", "newline", "not-ascii"]
)
def test_a_user_agent_that_cannot_be_a_header_is_an_error(tmp_path: Path, agent: str) -> None:
    config = _config(tmp_path)
    config["app"]["windows"][1]["userAgent"] = agent
    with pytest.raises(ConfigError, match=r"app\.windows\[1\]\.userAgent: .*printable ASCII"):
        load_config(config)


@pytest.mark.parametrize(
    ("version", "create"),
    [
        ("v1", "new v1.window.WebviewWindow('made', {url: 'v1.html', userAgent: AGENT})"),
        ("v2", "new v2.webviewWindow.WebviewWindow('made', {url: 'v2.html', userAgent: AGENT})"),
    ],
)
def test_a_window_made_from_js_has_its_user_agent(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    version: str,
    create: str,
) -> None:
    config = compat_config(compat_dist, ("main", version))
    config["app"]["security"] = {"csp": None}  # type: ignore[index]  # fetches the server
    app = make_app(config)
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    main = app.window("main")
    result = eval_js(
        qtbot,
        main,
        "new Promise((resolve) => {"
        f" const w = {create.replace('AGENT', repr(AGENT))};"
        " w.once('tauri://created', () => resolve('created'));"
        " w.once('tauri://error', (e) => resolve(e.payload)); })",
    )
    assert result == "created"
    made = app.window("made")
    wait_js(qtbot, made, "window.compatReady === true")
    assert eval_js(qtbot, made, "navigator.userAgent") == AGENT
    assert eval_js(qtbot, main, "navigator.userAgent") != AGENT
    with agent_server() as (origin, seen):
        eval_js(qtbot, made, f"fetch('{origin}/made').then(r => r.status)")
    assert seen == [("/made", AGENT)]
