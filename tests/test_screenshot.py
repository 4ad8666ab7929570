"""``--screenshot`` (issue 15, item 10): a picture of each shown window; a hidden one is named
in a warning, not written as a blank image."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App
from app.tools.screenshot import take_screenshots
from tests.conftest import page_config

pytestmark = pytest.mark.webengine

PNG = b"\x89PNG\r\n\x1a\n"


def test_hidden_windows_are_named_and_not_written(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app(
        page_config(
            "main",
            {"label": "tray-only", "url": "recorder.html", "visible": False},
            "other",
        )
    )
    caplog.set_level(logging.INFO, logger="app")
    shot = tmp_path / "shot.png"
    take_screenshots(app, shot, delay_ms=0)

    def reported() -> list[str]:
        return [r.getMessage() for r in caplog.records if "screenshot" in r.getMessage()]

    qtbot.waitUntil(lambda: len(reported()) == 3, timeout=15_000)
    for path in (shot, tmp_path / "shot-other.png"):
        assert path.read_bytes()[:8] == PNG
    assert not (tmp_path / "shot-tray-only.png").exists()
    skipped = [r for r in caplog.records if "skipped" in r.getMessage()]
    assert len(skipped) == 1
    assert skipped[0].levelno == logging.WARNING
    assert "skipped window 'tray-only': it is hidden" in skipped[0].getMessage()
    assert "shot-tray-only.png was not written" in skipped[0].getMessage()


def test_a_missing_folder_is_made_and_an_unwritable_name_says_why(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app(page_config("main", "other"))
    caplog.set_level(logging.INFO, logger="app")
    shot = tmp_path / "new" / "folder" / "shot.png"
    take_screenshots(app, shot, delay_ms=0)
    take_screenshots(app, tmp_path / "shot.not-an-image-type", delay_ms=0)

    def reported() -> list[logging.LogRecord]:
        return [r for r in caplog.records if "screenshot" in r.getMessage()]

    qtbot.waitUntil(lambda: len(reported()) == 4, timeout=15_000)
    assert shot.read_bytes()[:8] == PNG
    assert (tmp_path / "new" / "folder" / "shot-other.png").read_bytes()[:8] == PNG
    failed = [r.getMessage() for r in reported() if r.levelno == logging.ERROR]
    assert len(failed) == 2
    assert all("ends in an image type Qt writes" in message for message in failed)
