"""The project's own test settings. The headless environment, ``make_app``, ``app_errors``
(alias ``listener_errors``), ``eval_js``, ``wait_js`` and ``wait_event`` come from the
package's pytest plugin (``app.pytest_plugin``, loaded through its ``pytest11`` entry point)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import app as app_package
from app.testing import AppErrors

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
