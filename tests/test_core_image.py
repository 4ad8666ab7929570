"""Tauri v2's core ``image`` module (``app/plugins/image.py``) through the unmodified
``@tauri-apps/api`` 2.x package's ``Image`` and the v2 global's ``window.__TAURI__.image``:
images made from RGBA, from an image file's bytes and from a path, read back, closed, given to
a window's ``setIcon``; its permissions (``core:image:*``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App, Builder
from app.plugins.image import bytes_of, rgba_image
from app.testing import AppErrors
from tests.compat_build import compat_config
from tests.conftest import PAGES
from tests.js import eval_js, wait_loaded
from tests.plugin_apps import outcome, plugin_app, png_bytes

IMAGE = "v2.image.Image"
# A 2x1 image: one opaque red pixel, one half-transparent blue one.
RGBA = [255, 0, 0, 255, 0, 0, 255, 128]


def test_bytes_and_rgba_are_checked() -> None:
    assert bytes_of([1, 2, 255], "x") == b"\x01\x02\xff"
    assert bytes_of({"0": 7, "1": 8}, "x") == b"\x07\x08"  # a Uint8Array after plain JSON
    for bad in ([256], [-1], [1.5], ["1"], {"1": 2}):
        with pytest.raises(ValueError, match="expected bytes"):
            bytes_of(bad, "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="expected 8 bytes of RGBA, got 4"):
        rgba_image(b"\x00" * 4, 2, 1)
    with pytest.raises(ValueError, match="must be positive"):
        rgba_image(b"", 0, 1)
    image = rgba_image(bytes(RGBA), 2, 1)
    assert image.pixelColor(1, 0).getRgb() == (0, 0, 255, 128)


@pytest.mark.webengine
def test_images_through_the_package(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    app_errors: AppErrors,
    tmp_path: Path,
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist)
    made = f"await {IMAGE}.new(new Uint8Array({RGBA}), 2, 1)"
    assert outcome(
        qtbot, app, f"{{ const i = {made}; return [await i.size(), Array.from(await i.rgba())]; }}"
    ) == ["ok", [{"width": 2, "height": 1}, RGBA]]
    # Numbers and an ArrayBuffer are bytes too, as the package's types allow.
    assert outcome(qtbot, app, f"(await {IMAGE}.new({RGBA}, 2, 1)).size()") == [
        "ok",
        {"width": 2, "height": 1},
    ]
    png = png_bytes(3, 2, "#00ff00")
    from_buffer = f"await {IMAGE}.fromBytes(new Uint8Array({png}).buffer)"
    first_pixel = "(await i.rgba()).slice(0, 4)"
    assert outcome(
        qtbot, app, f"{{ const i = {from_buffer}; return [await i.size(), {first_pixel}]; }}"
    ) == ["ok", [{"width": 3, "height": 2}, {"0": 0, "1": 255, "2": 0, "3": 255}]]
    # fromPath: relative to the config's folder (Tauri: the process's folder, src-tauri/).
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "icon.png").write_bytes(bytes(png_bytes(4, 4, "#0000ff")))
    app.config = dataclasses.replace(app.config, root=tmp_path)
    assert outcome(qtbot, app, f"(await {IMAGE}.fromPath('icons/icon.png')).size()") == [
        "ok",
        {"width": 4, "height": 4},
    ]
    # Closed, an image is gone; bad input is refused with a reason.
    kind, message = outcome(
        qtbot, app, f"{{ const i = {made}; await i.close(); return await i.size(); }}"
    )
    assert kind == "error"
    assert "is invalid" in message
    refused = {
        f"{IMAGE}.new(new Uint8Array(4), 2, 1)": "expected 8 bytes of RGBA, got 4",
        f"{IMAGE}.fromBytes(new Uint8Array([1, 2, 3]))": "not an image Qt can read",
        f"{IMAGE}.fromPath('icons/missing.png')": "cannot read",
    }
    for call, reason in refused.items():
        kind, message = outcome(qtbot, app, f"await {call}")
        assert kind == "error", call
        assert reason in message, (call, message)
    assert len(app_errors.take(ValueError)) == len(refused) + 1


@pytest.mark.webengine
def test_a_window_icon_from_an_image(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist)
    call = (
        f"{{ const i = await {IMAGE}.new(new Uint8Array({RGBA}), 2, 1);"
        " await v2.window.getCurrentWindow().setIcon(i); return i.rid; }"
    )
    assert outcome(qtbot, app, call)[0] == "ok"
    icon = app.window("main").icon()
    assert not icon.isNull()
    pixels = icon.pixmap(2, 1).toImage()
    assert pixels.pixelColor(0, 0).getRgb() == (255, 0, 0, 255)
    # A resource id that is not an image's, or none at all, is refused.
    kind, message = outcome(qtbot, app, "await v2.window.getCurrentWindow().setIcon(9999)")
    assert kind == "error"
    assert "resource id 9999 is invalid" in message


@pytest.mark.webengine
def test_image_permissions(make_app: Callable[..., App], qtbot: Any, compat_dist: Path) -> None:
    config = compat_config(compat_dist, ("main", "plugins"))
    capability = {
        "identifier": "main",
        "windows": ["main"],
        "permissions": ["core:event:default", "core:image:allow-new"],
    }
    config["app"]["security"] = {"capabilities": [capability]}  # type: ignore[index]
    app = make_app(config, builder=Builder())
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    assert outcome(qtbot, app, f"(await {IMAGE}.new([0, 0, 0, 0], 1, 1)).rid")[0] == "ok"
    kind, message = outcome(qtbot, app, f"await {IMAGE}.fromBytes([1])")
    assert kind == "error"
    assert "add the permission 'core:image:allow-from-bytes'" in message


@pytest.mark.webengine
def test_the_v2_global_image(make_app: Callable[..., App], qtbot: Any) -> None:
    config = {
        "build": {"frontendDist": str(PAGES)},
        "app": {"windows": [{"label": "main", "url": "v2-global.html"}]},
    }
    app = make_app(config, builder=Builder())
    wait_loaded(qtbot, app, ready_flag="window.v2GlobalReady")
    main = app.window("main")
    script = (
        "(async () => { const { Image, transformImage } = window.__TAURI__.image;"
        f" const i = await Image.new(new Uint8Array({RGBA}), 2, 1);"
        " await window.__TAURI__.window.getCurrentWindow().setIcon(i);"
        " const size = await i.size(); await i.close();"
        " return [size, transformImage(i) === i.rid, i instanceof Image]; })()"
    )
    assert eval_js(qtbot, main, script) == [{"width": 2, "height": 1}, True, True]
    assert main.icon().pixmap(2, 1).toImage().pixelColor(1, 0).getRgb() == (0, 0, 255, 128)
