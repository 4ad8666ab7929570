"""Single-page apps (issue 15, item 3): a path with no file behind it and no file extension is
a client-side route, answered with the frontend's index.html (as Tauri does); a missing path
with an extension is a missing asset, and still 404."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App
from app.web.scheme import FrontendSchemeHandler
from tests.js import eval_js, wait_js

SPA = Path(__file__).parent / "spa"


def spa_config(url: str) -> dict[str, Any]:
    return {
        "build": {"frontendDist": str(SPA)},
        "app": {"windows": [{"label": "main", "url": url}]},
    }


@pytest.mark.parametrize(
    ("path", "served"),
    [
        ("/", "index.html"),
        ("/settings", "index.html"),  # client-side routes
        ("/settings/profile/", "index.html"),
        ("/notes/42", "index.html"),
        ("/assets/app.js", "assets/app.js"),
        ("/about", "about.html"),  # Tauri's `name` -> `name.html`, before the fallback
        ("/assets", "index.html"),  # a folder without index.html: a route too
        ("/missing.js", None),  # assets: missing is missing
        ("/assets/missing.css", None),
        ("/notes/42.json", None),
        ("/../conftest", None),  # outside the folder: no fallback either
        ("/__qtauri__/api/missing", None),  # the JS API's folder has no fallback
    ],
)
def test_routes_fall_back_to_index_html_and_assets_do_not(
    qtbot: Any, path: str, served: str | None
) -> None:
    resolved = FrontendSchemeHandler(SPA).resolve(path)
    assert resolved == ((SPA / served).resolve() if served else None)


def test_without_an_index_html_a_route_is_missing(qtbot: Any, tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<p>no index</p>")
    assert FrontendSchemeHandler(tmp_path).resolve("/settings") is None


@pytest.mark.webengine
def test_a_window_opened_on_a_route_runs_the_app_there(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(spa_config("settings/profile"))
    main = app.window("main")
    wait_js(qtbot, main, "window.spaReady === true")
    assert eval_js(qtbot, main, "window.startedAt") == "/settings/profile"
    assert eval_js(qtbot, main, "document.getElementById('view').textContent") == (
        "route /settings/profile"
    )


@pytest.mark.webengine
def test_reloading_on_a_client_side_route_keeps_the_app(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(spa_config("index.html"))
    main = app.window("main")
    wait_js(qtbot, main, "window.spaReady === true")
    eval_js(qtbot, main, "window.navigateTo('/notes/42')")
    with qtbot.waitSignal(main.page.loadFinished, timeout=10_000) as loaded:
        main.page.runJavaScript("location.reload()")  # as F5 does
    assert loaded.args == [True]
    wait_js(qtbot, main, "window.spaReady === true")
    assert eval_js(qtbot, main, "window.startedAt") == "/notes/42"


@pytest.mark.webengine
def test_fetch_gets_routes_as_html_and_missing_assets_as_404(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(spa_config("index.html"))
    main = app.window("main")
    wait_js(qtbot, main, "window.spaReady === true")
    statuses = eval_js(
        qtbot,
        main,
        "Promise.all(['/deep/route', '/about', '/missing.js', '/assets/missing.css'].map("
        " async (url) => { const r = await fetch(url);"
        " const about = r.ok && (await r.text()).includes('about page');"
        " return [r.status, r.headers.get('content-type').split(';')[0], about]; }))",
    )
    assert statuses == [
        [200, "text/html", False],
        [200, "text/html", True],
        [404, "text/plain", False],  # the status line as its body (docs/security.md)
        [404, "text/plain", False],
    ]
