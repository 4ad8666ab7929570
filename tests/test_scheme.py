"""The tauri://localhost scheme: what it serves, what it refuses, and the import map."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App
from app.web.scheme import IMPORT_MAP, FrontendSchemeHandler, insert_head
from tests.conftest import PAGES, page_config
from tests.js import eval_js, wait_loaded


@pytest.fixture
def handler(qtbot: Any) -> FrontendSchemeHandler:
    return FrontendSchemeHandler(PAGES)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/recorder.html", PAGES / "recorder.html"),
        ("/", None),  # no index.html in tests/pages
        ("/sub/data.json", PAGES / "sub" / "data.json"),
        ("/missing.html", None),
        ("/../conftest.py", None),
        ("/sub/../../conftest.py", None),
        ("//etc/passwd", None),
        ("/__qtauri__/api/event.js", PAGES.parent.parent / "frontend" / "api" / "event.js"),
        ("/__qtauri__/api/../demo/index.html", None),
    ],
)
def test_paths_resolve_inside_the_served_folders_only(
    handler: FrontendSchemeHandler, path: str, expected: Path | None
) -> None:
    resolved = handler.resolve(path)
    assert resolved == (expected.resolve() if expected else None)


def test_tags_go_first_in_head() -> None:
    tag = b"<meta>"
    assert insert_head(b"<html><HEAD lang=x><script></script>", tag) == (
        b"<html><HEAD lang=x>" + tag + b"<script></script>"
    )
    assert insert_head(b"<p>no head</p>", tag) == tag + b"<p>no head</p>"
    assert json.loads(IMPORT_MAP)["imports"]["@tauri-apps/api/event"] == "/__qtauri__/api/event.js"


def test_symlinks_out_of_the_folder_are_refused(tmp_path: Path, qtbot: Any) -> None:
    dist = tmp_path / "dist"
    (dist / "sub").mkdir(parents=True)
    (dist / "page.html").write_text("<p>in</p>")
    secret = tmp_path / "secret.txt"
    secret.write_text("out")
    (dist / "leak.txt").symlink_to(secret)
    (dist / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    (dist / "alias.html").symlink_to(dist / "page.html")
    handler = FrontendSchemeHandler(dist)
    assert handler.resolve("/leak.txt") is None
    assert handler.resolve("/sub/up/secret.txt") is None
    assert handler.resolve(str(secret)) is None  # an absolute path is still under the root
    assert handler.resolve("/alias.html") == (dist / "page.html").resolve()


@pytest.mark.webengine
def test_pages_fetch_with_types_and_get_404_for_missing_files(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    fetched = eval_js(
        qtbot,
        main,
        "Promise.all(['sub/data.json', '/__qtauri__/api/event.js', 'recorder.html'].map("
        " async (url) => { const r = await fetch(url);"
        " return [r.status, r.headers.get('content-type'), (await r.text()).length > 0]; }))",
    )
    assert fetched == [
        [200, "application/json; charset=utf-8", True],
        [200, "text/javascript; charset=utf-8", True],
        [200, "text/html; charset=utf-8", True],
    ]
    assert eval_js(qtbot, main, "fetch('no-such-file.js').then((r) => r.status)") == 404
    for sneaky in (
        "../../conftest.py",
        "%2e%2e/%2e%2e/conftest.py",
        "..%2f..%2fconftest.py",
        "sub/..%5c..%5c..%5cconftest.py",
        "/%2Fetc%2Fpasswd",
    ):
        status = eval_js(qtbot, main, f"fetch({json.dumps(sneaky)}).then((r) => r.status)")
        assert status == 404, sneaky
    assert eval_js(qtbot, main, "location.origin") == "tauri://localhost"
