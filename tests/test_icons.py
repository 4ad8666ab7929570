"""Icons (issue 15, item 6): the app's from the config's ``bundle.icon`` (v1:
``tauri.bundle.icon``) on every window, and a window's own from ``set_icon`` / ``setIcon``
(qtauri's API and the official packages, v1 and v2), as a file or as the bytes of one."""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from app import App, load_config
from tests.compat_build import compat_config
from tests.conftest import PAGES, page_config
from tests.js import eval_js, wait_loaded

pytestmark = pytest.mark.webengine


def png(size: int, color: str = "red") -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(color))
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "icon.png"
        assert image.save(str(file))
        return file.read_bytes()


def sizes(icon: Any) -> list[int]:
    return sorted(size.width() for size in icon.availableSizes())


def test_bundle_icon_is_every_window_s_icon(
    make_app: Callable[..., App], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "32x32.png").write_bytes(png(32))
    (tmp_path / "icons" / "128x128.png").write_bytes(png(128))
    (tmp_path / "icons" / "broken.png").write_bytes(b"not a png")
    config = tmp_path / "tauri.conf.json"
    config.write_text(
        json.dumps(
            {
                "build": {"frontendDist": str(PAGES)},
                "app": {"windows": [{"label": "main", "url": "recorder.html"}]},
                "bundle": {
                    "active": True,
                    "icon": [
                        "icons/32x32.png",
                        "icons/128x128.png",
                        "icons/broken.png",
                        "icons/icon.icns",
                    ],
                },
            }
        )
    )
    assert load_config(config).icons[0] == tmp_path / "icons" / "32x32.png"
    caplog.set_level(logging.WARNING)
    app = make_app(config)
    assert sizes(app.window("main").icon()) == [32, 128]
    assert sizes(app.create_window("later", visible=False).icon()) == [32, 128]
    missing = [r.getMessage() for r in caplog.records if "bundle.icon" in r.getMessage()]
    assert len(missing) == 2  # named, left out; the app runs
    assert "broken.png is missing or not an image" in missing[0]
    assert "icon.icns is missing or not an image" in missing[1]


def test_a_v1_config_s_icon_is_read_too(tmp_path: Path) -> None:
    (tmp_path / "dist").mkdir()
    config = tmp_path / "tauri.conf.json"
    config.write_text(
        json.dumps(
            {
                "build": {"distDir": "dist"},
                "tauri": {"bundle": {"identifier": "com.example.x", "icon": ["icons/a.png"]}},
            }
        )
    )
    loaded = load_config(config)
    assert loaded.icons == (tmp_path / "icons" / "a.png",)
    assert loaded.identifier == "com.example.x"


def test_set_icon_from_python_and_from_qtauri_s_js_api(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path
) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    assert main.icon().isNull()
    main.set_icon(png(48))
    assert sizes(main.icon()) == [48]
    file = tmp_path / "icon.png"
    file.write_bytes(png(64))
    eval_js(qtbot, main, f"api.appWindow.setIcon({json.dumps(str(file))})")
    assert sizes(main.icon()) == [64]
    eval_js(qtbot, main, f"api.appWindow.setIcon(new Uint8Array({json.dumps(list(png(16)))}))")
    assert sizes(main.icon()) == [16]
    refused = eval_js(
        qtbot, main, "api.appWindow.setIcon([1, 2, 3]).then(() => 'set', (e) => e.message)"
    )
    assert "3 bytes that are not an image" in refused
    refused = eval_js(
        qtbot, main, "api.appWindow.setIcon('no-such.png').then(() => 'set', (e) => e.message)"
    )
    assert "no image Qt can read" in refused
    assert sizes(main.icon()) == [16]  # unchanged by the refusals


@pytest.mark.parametrize(
    ("version", "window"),
    [("v1", "v1.window.appWindow"), ("v2", "v2.window.getCurrentWindow()")],
)
def test_set_icon_from_the_official_packages(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, version: str, window: str
) -> None:
    app = make_app(compat_config(compat_dist, ("main", version)))
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    main = app.window("main")
    eval_js(qtbot, main, f"{window}.setIcon(new Uint8Array({json.dumps(list(png(24)))}))")
    assert sizes(main.icon()) == [24]
    eval_js(qtbot, main, f"{window}.setIcon({json.dumps(list(png(40)))})")
    assert sizes(main.icon()) == [40]
