"""The app's tests. They need no conftest: qtauri's pytest plugin gives ``make_app``,
``eval_js``, ``wait_js``, ``wait_event`` and ``app_errors``, and runs Qt headless."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import backend
from app import App, Event
from app.testing import AppErrors, JsError

CLICK = "document.querySelector('#greet-form').requestSubmit()"


@pytest.fixture
def app(make_app: Callable[..., App]) -> App:
    return make_app(backend.CONFIG, builder=backend.builder())


def test_greet_answers_the_page(app: App, eval_js: Callable[..., Any]) -> None:
    main = app.window("main")
    assert eval_js(main, "window.__TAURI__.invoke('greet', {name: 'Ada'})") == "Hello, Ada!"


def test_the_form_greets_and_the_backend_tells_the_page(
    app: App,
    eval_js: Callable[..., Any],
    wait_js: Callable[..., Any],
    wait_event: Callable[..., Event],
) -> None:
    main = app.window("main")
    eval_js(main, "document.querySelector('#name').value = 'Grace'")
    # Waits in the page (target: the window), as the page's own `listen` hears the event.
    event = wait_event(main, "greeted", trigger=lambda: eval_js(main, CLICK))
    assert event.payload == {"name": "Grace", "count": 1}
    wait_js(main, "document.querySelector('#greeting').textContent === 'Hello, Grace!'")
    wait_js(main, "document.querySelector('#count').textContent.startsWith('1 greeting ')")


def test_an_empty_name_is_refused(
    app: App, eval_js: Callable[..., Any], app_errors: AppErrors
) -> None:
    main = app.window("main")
    with pytest.raises(JsError, match="ValueError: a name, please"):
        eval_js(main, "window.__TAURI__.invoke('greet', {name: ' '})")
    # The command raised on purpose: take the error, or the plugin fails the test.
    assert len(app_errors.take(ValueError)) == 1
