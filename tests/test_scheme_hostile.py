"""The tauri://localhost scheme against hostile requests, from a real page: every request
settles with a status, refused paths get 400 or 404, documents that run scripts carry the
policy, and error bodies end."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App
from tests.conftest import page_config
from tests.js import eval_js, wait_loaded

pytestmark = pytest.mark.webengine

# fetch() settles (status and body read to the end) or rejects: either way an answer comes.
FETCH = """(async (url) => {
    try {
        const response = await fetch(url);
        const body = await response.text();
        return [response.status, body.length];
    } catch (error) {
        return [error.name, String(error.message)];
    }
})(%s)"""


def fetch_status(qtbot: Any, app: App, url: str) -> list[Any]:
    answer: list[Any] = eval_js(qtbot, app.window("main"), FETCH % json.dumps(url))
    return answer


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("%00", 400),
        ("sub/%00data.json", 400),
        ("sub/data.json%00.html", 400),
        ("x" * 300, 404),  # one segment over 255 bytes: no file can have that name
        ("sub/" + "%C3%A9" * 200 + "/data.json", 404),  # 400 bytes once decoded
        ("%ZZ", 404),  # not an escape: the browser sends it as it is, no such file
        ("%C3%28.html", 400),  # an escape that is not UTF-8
        ("%E0%80%AE%E0%80%AE/conftest.py", 400),  # an overlong ".." in UTF-8
        ("no-such-file.js", 404),
        ("sub", 404),  # a folder without index.html
    ],
)
def test_hostile_paths_settle_with_a_status_and_a_body_that_ends(
    make_app: Callable[..., App],
    qtbot: Any,
    caplog: pytest.LogCaptureFixture,
    path: str,
    status: int,
) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    with caplog.at_level(logging.WARNING):
        answer = fetch_status(qtbot, app, path)
    assert answer[0] == status, answer
    assert answer[1] > 0  # the error page's text, read to its end
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    # The app still serves afterwards.
    assert fetch_status(qtbot, app, "sub/data.json")[0] == 200


@pytest.mark.parametrize(
    ("error", "status"),
    [(PermissionError(13, "Permission denied"), 403), (RuntimeError("disk on fire"), 503)],
)
def test_an_exception_in_the_handler_is_an_error_status_and_one_log_line(
    make_app: Callable[..., App],
    qtbot: Any,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    status: int,
) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)

    def broken(self: object, file: Path) -> bytes:
        raise error

    monkeypatch.setattr("app.web.scheme.FrontendSchemeHandler._read", broken)
    with caplog.at_level(logging.WARNING, logger="app.web.scheme"):
        answer = fetch_status(qtbot, app, "sub/data.json")
    assert answer[0] == status
    lines = [r for r in caplog.records if r.name == "app.web.scheme"]
    assert len(lines) == 1, lines
    assert "sub/data.json" in lines[0].getMessage()
    assert str(error) in lines[0].getMessage()
    monkeypatch.undo()
    assert fetch_status(qtbot, app, "sub/data.json")[0] == 200


def loaded(qtbot: Any, app: App) -> None:
    """Wait until the main window's document ran its external script (it makes no API call)."""
    main = app.window("main")
    check = "window.externalRan ?? false"
    qtbot.waitUntil(lambda: eval_js(qtbot, main, check, connected=False), timeout=10_000)


@pytest.mark.parametrize("document", ["docs/page.xhtml", "docs/image.svg"])
def test_script_running_documents_other_than_html_carry_the_policy(
    make_app: Callable[..., App], qtbot: Any, document: str
) -> None:
    app = make_app(page_config({"label": "main", "url": document}))
    main = app.window("main")
    loaded(qtbot, app)
    assert eval_js(qtbot, main, "window.inlineRan ?? false", connected=False) is False
    # eval is refused too: the policy applies, not merely a parser quirk.
    refused = "(() => { try { return eval('1 + 1'); } catch (e) { return e.name; } })()"
    assert eval_js(qtbot, main, refused, connected=False) == "EvalError"


def test_without_a_policy_those_documents_run_their_inline_scripts(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    """The counterpart of the test above: the page does run inline scripts, the policy is
    what stops them."""
    config = page_config({"label": "main", "url": "docs/page.xhtml"})
    config["app"]["security"] = {"csp": None}
    app = make_app(config)
    loaded(qtbot, app)
    assert eval_js(qtbot, app.window("main"), "window.inlineRan ?? false", connected=False)
