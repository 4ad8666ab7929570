"""Shared fixtures: the headless settings QtWebEngine needs, and apps that close themselves."""

from __future__ import annotations

import os

# Before Qt is imported: no screen, no GPU, and no sandbox (the tests may run as root).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import app as app_package
from app import App, Builder

PAGES = Path(__file__).parent / "pages"

ListenerErrors = list[tuple[BaseException, str]]


def page_config(*windows: str | dict[str, Any], **events: Any) -> dict[str, Any]:
    """A config serving tests/pages, with one window per label (or window dict)."""
    entries = [{"label": w, "url": "recorder.html"} if isinstance(w, str) else w for w in windows]
    config: dict[str, Any] = {"build": {"frontendDist": str(PAGES)}, "app": {"windows": entries}}
    if events:
        config["app"]["events"] = events
    return config


@pytest.fixture
def listener_errors() -> ListenerErrors:
    """Exceptions raised by Python listeners; a test that expects some empties the list."""
    return []


@pytest.fixture
def make_app(qtbot: Any, listener_errors: ListenerErrors) -> Iterator[Callable[..., App]]:
    """``make_app(config, setup=..., commands=...)`` builds an app that is closed after the test.

    The test fails if a Python listener raised and the test did not take the error.
    """
    apps: list[App] = []

    def make(
        config: Any = None,
        *,
        setup: Callable[[App], object] | None = None,
        commands: tuple[Callable[..., Any], ...] = (),
    ) -> App:
        builder = Builder().invoke_handler(*commands)
        builder.error_hook(lambda error, where: listener_errors.append((error, where)))
        if setup is not None:
            builder.setup(setup)
        built = builder.build(config)
        apps.append(built)
        return built

    yield make
    for built in apps:
        built.close()
    assert not listener_errors, f"Python listeners raised: {listener_errors}"


__all__ = ["PAGES", "app_package", "page_config"]


@pytest.fixture(scope="session")
def compat_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/compat's pages, their scripts bundled with the official Tauri packages (npm)."""
    from tests.compat_build import build

    return build(tmp_path_factory.mktemp("compat-dist"))
