"""qtauri's pytest plugin, registered through the ``pytest11`` entry point (``-p no:qtauri``
turns it off). It sets the headless defaults QtWebEngine needs before Qt starts, and gives
tests fixtures over ``app.testing``:

- ``make_app(config, builder=..., setup=..., commands=...)``: build an app, closed after the test
- ``eval_js(window, expression)``, ``wait_js(window, condition)``: run JS in a page, await it
- ``wait_event(target, name, trigger=...)``: the next event as the backend or a page hears it
- ``app_errors``: what Python listeners and commands raised; the test fails if any are left

See docs/testing.md.
"""

from __future__ import annotations

import os

# Before anything creates the QApplication: no screen, no GPU, no Chromium sandbox (tests
# often run as root in CI). Only defaults: a variable already set wins, e.g. to watch the
# windows with QT_QPA_PLATFORM=xcb.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from collections.abc import Callable, Generator, Iterator
from functools import partial
from typing import Any

import pytest

from .testing import AppErrors, AppFactory
from .testing import eval_js as _eval_js
from .testing import wait_event as _wait_event
from .testing import wait_js as _wait_js

_ERRORS = pytest.StashKey[AppErrors]()


@pytest.fixture
def app_errors(request: pytest.FixtureRequest) -> AppErrors:
    """``(exception, where)`` of each exception raised by a Python listener or command of
    the test's apps. A test that expects some takes them (``app_errors.take(ValueError)``);
    any left fail the test."""
    errors = AppErrors()
    request.node.stash[_ERRORS] = errors
    return errors


@pytest.fixture
def listener_errors(app_errors: AppErrors) -> AppErrors:
    """The same list as ``app_errors`` (its older name)."""
    return app_errors


@pytest.fixture
def make_app(
    qtbot: Any, app_errors: AppErrors, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppFactory]:
    """``make_app(config, builder=None, setup=None, commands=())`` builds an app (with your
    ``Builder`` if given) whose errors go to ``app_errors``; every app is closed after the
    test. Each app's data folder (``app.data_dir``, where its pages' storage is kept) is a
    new temporary folder, never the user's real one."""
    factory = AppFactory(app_errors, tmp_path_factory.mktemp("app-data"))
    yield factory
    factory.close_all()
    app_errors.check()  # raised while closing (on_close callbacks)


@pytest.fixture
def eval_js(qtbot: Any) -> Callable[..., Any]:
    """``eval_js(window, expression, timeout=5000)``: the awaited JSON value of
    ``expression`` in the window's page; raises ``app.testing.JsError`` if it threw."""
    return partial(_eval_js, qtbot)


@pytest.fixture
def wait_js(qtbot: Any) -> Callable[..., Any]:
    """``wait_js(window, condition, timeout=5000)``: wait until ``condition`` is truthy."""
    return partial(_wait_js, qtbot)


@pytest.fixture
def wait_event(qtbot: Any) -> Callable[..., Any]:
    """``wait_event(target, name, trigger=None, timeout=5000)``: the next ``name`` event
    (an ``app.Event``) heard by the backend (``target`` an ``App``) or by a window's page
    (``target`` a ``Window``); ``trigger()`` runs once the listener is in place."""
    return partial(_wait_event, qtbot)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Fail a test that passed although a listener or command raised meanwhile."""
    result = yield
    errors = item.stash.get(_ERRORS, None)
    if errors is not None:
        errors.check()
    return result
