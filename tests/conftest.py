"""The project's own test settings. The headless environment, ``make_app``, ``app_errors``
(alias ``listener_errors``), ``eval_js``, ``wait_js`` and ``wait_event`` come from the
package's pytest plugin (``app.pytest_plugin``, loaded through its ``pytest11`` entry point)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import app as app_package
from app import App
from app.testing import AppErrors
from tests.js import wait_loaded

PAGES = Path(__file__).parent / "pages"

ListenerErrors = AppErrors


def page_config(*windows: str | dict[str, Any], **events: Any) -> dict[str, Any]:
    """A config serving tests/pages, with one window per label (or window dict)."""
    entries = [{"label": w, "url": "recorder.html"} if isinstance(w, str) else w for w in windows]
    config: dict[str, Any] = {"build": {"frontendDist": str(PAGES)}, "app": {"windows": entries}}
    if events:
        config["app"]["events"] = events
    return config


__all__ = ["PAGES", "ListenerErrors", "app_package", "page_config"]


@pytest.fixture(scope="session")
def compat_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/compat's pages, their scripts bundled with the official Tauri packages (npm)."""
    from tests.compat_build import build

    return build(tmp_path_factory.mktemp("compat-dist"))


@pytest.fixture
def app(request: pytest.FixtureRequest, make_app: Callable[..., App], qtbot: Any) -> App:
    """The app that the test module's ``pytest.mark.app(kind, **options)`` describes (in its
    ``pytestmark``), built and waited for; without the mark, ``"pages"``:

    - ``"pages"``: windows (``windows``, labels; default ``main`` and ``other``) showing
      tests/pages/recorder.html, loaded;
    - ``"live"``: the same with no grace period, every page past it: for tests of live
      events, not of those kept for a loading page;
    - ``"compat"``: ``windows`` as ``(label, page)`` pairs of tests/compat, bundled with the
      official Tauri packages, each page ready (``window.compatReady``).

    ``commands`` and ``setup`` go to the app.
    """
    marker = request.node.get_closest_marker("app")
    kind = marker.args[0] if marker is not None else "pages"
    options = marker.kwargs if marker is not None else {}
    extra = {"commands": options.get("commands", ()), "setup": options.get("setup")}
    if kind == "compat":
        from tests.compat_build import compat_config

        compat_dist = request.getfixturevalue("compat_dist")
        built = make_app(compat_config(compat_dist, *options["windows"]), **extra)
        wait_loaded(qtbot, built, ready_flag="window.compatReady")
        return built
    if kind not in ("pages", "live"):
        raise ValueError(f"unknown kind of app {kind!r}: 'pages', 'live' or 'compat'")
    windows = options.get("windows", ("main", "other"))
    events = {"readyGraceMs": 0} if kind == "live" else {}
    built = make_app(page_config(*windows, **events), **extra)
    wait_loaded(qtbot, built)
    if kind == "live":
        qtbot.waitUntil(lambda: all(built.hub.is_ready(label) for label in built.windows()))
    return built
