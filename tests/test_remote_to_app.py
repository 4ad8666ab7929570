"""A window showing an allowed remote page that follows a link to the app's own pages gets
the API there, with that app page's own rights."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QUrl

from app import App
from tests.conftest import page_config
from tests.js import JsError, eval_js, wait_js, wait_loaded
from tests.sites import foreign_site

pytestmark = pytest.mark.webengine

REMOTE_PAGE = b"""<!doctype html>
<a id="home" href="tauri://localhost/recorder.html">back to the app</a>
<script>window.remoteReady = true;</script>"""


def secret() -> str:
    return "the secret"


@pytest.mark.parametrize(
    "leave",
    [
        "document.getElementById('home').click()",
        "location.assign('tauri://localhost/recorder.html')",
    ],
)
def test_a_link_from_an_allowed_remote_page_to_the_app_gives_the_app_page_its_api(
    make_app: Callable[..., App], qtbot: Any, leave: str
) -> None:
    remote = {
        "identifier": "news-site",
        "windows": ["main"],
        "remote": {"urls": ["http://127.0.0.1:*/*"]},
        "listen": ["news-*"],
    }
    local = {"identifier": "app", "windows": ["main"], "commands": ["secret"], "listen": ["*"]}
    config = page_config("main")
    config["app"]["security"] = {"capabilities": [remote, local]}
    app = make_app(config, commands=(secret,))
    wait_loaded(qtbot, app)
    main = app.window("main")
    with foreign_site(REMOTE_PAGE) as url:
        with qtbot.waitSignal(main.page.loadFinished):
            main.page.load(QUrl(url))
        with pytest.raises(JsError) as refused:  # the remote page's own rights
            eval_js(qtbot, main, "window.__TAURI__.invoke('secret')", connected=False)
        assert refused.value.name == "NotAllowed"
        # The app page's own load: the refused navigation away from the remote page can end
        # the remote document's load first, as a failure (loadFinished(False)), under load.
        with qtbot.waitSignal(
            main.page.loadFinished, timeout=10_000, check_params_cb=lambda ok: ok is True
        ):
            eval_js(qtbot, main, f"void {leave}", connected=False)
        assert main.page.url().toString() == "tauri://localhost/recorder.html"
        assert wait_js(qtbot, main, "typeof window.__TAURI__ === 'object' && window.recorderReady")
        # The app page's own capability, not the remote one's.
        assert eval_js(qtbot, main, "window.__TAURI__.invoke('secret')") == "the secret"
