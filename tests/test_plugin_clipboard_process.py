"""The clipboard-manager and process plugins (``app.plugins.clipboard_manager()``,
``app.plugins.process()``) through the unmodified official guest packages 2.x and v1's
``clipboard`` and ``process`` modules, with their permissions; clipboard images as v2
``Image`` resources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage

from app import App, Builder
from app.plugins import clipboard_manager, process
from app.plugins.official.process import ProcessState
from app.testing import AppErrors
from tests.compat_build import compat_config
from tests.js import wait_loaded
from tests.plugin_apps import outcome, plugin_app, png_bytes

pytestmark = pytest.mark.webengine

C = "plugins.clipboard"


def test_clipboard_text_and_html(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, app_errors: AppErrors
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, clipboard_manager())
    clipboard = QGuiApplication.clipboard()
    assert outcome(qtbot, app, f"await {C}.writeText('copied from the page')") == ["ok", None]
    assert clipboard.text() == "copied from the page"
    clipboard.setText("copied in Qt")
    assert outcome(qtbot, app, f"await {C}.readText()") == ["ok", "copied in Qt"]
    assert outcome(qtbot, app, f"await {C}.writeHtml('<b>bold</b>', 'bold')") == ["ok", None]
    data = clipboard.mimeData()
    assert data is not None
    assert (data.html(), data.text()) == ("<b>bold</b>", "bold")
    assert outcome(qtbot, app, f"await {C}.clear()") == ["ok", None]
    kind, message = outcome(qtbot, app, f"await {C}.readText()")
    assert kind == "error"
    assert "clipboard is empty" in message
    assert app_errors.take(ValueError)


def test_clipboard_default_permission_allows_nothing(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = plugin_app(
        make_app,
        qtbot,
        compat_dist,
        clipboard_manager(),
        permissions=["clipboard-manager:default", "clipboard-manager:allow-write-text"],
    )
    assert outcome(qtbot, app, f"await {C}.writeText('x')") == ["ok", None]
    kind, message = outcome(qtbot, app, f"await {C}.readText()")
    assert kind == "error"
    assert "add the permission 'clipboard-manager:allow-read-text'" in message


def test_v1_clipboard(make_app: Callable[..., App], qtbot: Any, compat_dist: Path) -> None:
    builder = Builder().plugin(clipboard_manager())
    app = make_app(compat_config(compat_dist, ("main", "v1")), builder=builder)
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    assert outcome(qtbot, app, "await v1.clipboard.writeText('v1 text')") == ["ok", None]
    assert outcome(qtbot, app, "await v1.clipboard.readText()") == ["ok", "v1 text"]


def seams(app: App) -> list[tuple[str, int]]:
    """What the process commands would do, instead of doing it."""
    done: list[tuple[str, int]] = []
    state = app.plugin("process").state
    assert isinstance(state, ProcessState)
    state.exit = lambda _app, code: done.append(("exit", code))
    state.restart = lambda _app: done.append(("restart", 0))
    return done


def test_process_exit_and_relaunch(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, process(), permissions=["process:default"])
    done = seams(app)
    assert outcome(qtbot, app, "await plugins.process.exit(3)") == ["ok", None]
    assert outcome(qtbot, app, "await plugins.process.relaunch()") == ["ok", None]
    assert done == [("exit", 3), ("restart", 0)]
    narrowed = plugin_app(
        make_app, qtbot, compat_dist, process(), permissions=["process:allow-restart"]
    )
    kind, message = outcome(qtbot, narrowed, "await plugins.process.exit(1)")
    assert kind == "error"
    assert "add the permission 'process:allow-exit'" in message


def test_relaunch_starts_the_same_command_line_again(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    # The plugin's own relaunch is the app's restart: app.relaunch (sys.orig_argv, so a
    # `python -m app` launch comes back as one; the seam replaced here), then exit.
    app = plugin_app(make_app, qtbot, compat_dist, process(), permissions=["process:default"])
    relaunched: list[bool] = []
    app.relaunch = lambda: relaunched.append(app.is_closed)
    # Not awaited: the app, its page included, is gone before an answer could come.
    app.window("main").webview.page().runJavaScript("plugins.process.relaunch()")
    qtbot.waitUntil(lambda: app.is_closed)
    assert relaunched == [False]  # started again before closing


def test_v1_process(make_app: Callable[..., App], qtbot: Any, compat_dist: Path) -> None:
    app = make_app(compat_config(compat_dist, ("main", "v1")), builder=Builder().plugin(process()))
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    done = seams(app)
    assert outcome(qtbot, app, "await v1.process.exit(2)") == ["ok", None]
    assert outcome(qtbot, app, "await v1.process.relaunch()") == ["ok", None]
    assert done == [("exit", 2), ("restart", 0)]


def test_exit_closes_the_app(make_app: Callable[..., App], qtbot: Any, compat_dist: Path) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, process())
    app.window("main").page.runJavaScript("plugins.process.exit(0)")
    qtbot.waitUntil(lambda: app.is_closed)


def test_clipboard_images(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, app_errors: AppErrors
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, clipboard_manager())
    clipboard = QGuiApplication.clipboard()
    rgba = [255, 0, 0, 255, 0, 0, 255, 255]
    made = f"await v2.image.Image.new(new Uint8Array({rgba}), 2, 1)"
    assert outcome(qtbot, app, f"await {C}.writeImage({made})") == ["ok", None]
    assert clipboard.image().size().toTuple() == (2, 1)
    assert clipboard.image().pixelColor(1, 0).getRgb() == (0, 0, 255, 255)
    # An image file's bytes, as the package's types allow.
    assert (
        outcome(qtbot, app, f"await {C}.writeImage(new Uint8Array({png_bytes(3, 2, 'red')}))")[0]
        == "ok"
    )
    assert clipboard.image().size().toTuple() == (3, 2)
    green = QImage(4, 1, QImage.Format.Format_RGBA8888)
    green.fill(QColor("#00ff00"))
    clipboard.setImage(green)
    read = (
        f"{{ const i = await {C}.readImage(); const px = await i.rgba();"
        " return [await i.size(), Array.from(px.slice(0, 4)), i instanceof v2.image.Image]; }"
    )
    assert outcome(qtbot, app, read) == ["ok", [{"width": 4, "height": 1}, [0, 255, 0, 255], True]]
    clipboard.setText("no image")
    kind, message = outcome(qtbot, app, f"await {C}.readImage()")
    assert kind == "error"
    assert "clipboard is empty" in message
    kind, message = outcome(qtbot, app, f"await {C}.writeImage(new Uint8Array([1, 2]))")
    assert kind == "error"
    assert "not an image Qt can read" in message
    assert len(app_errors.take(ValueError)) == 2


def test_clipboard_image_permissions(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = plugin_app(
        make_app,
        qtbot,
        compat_dist,
        clipboard_manager(),
        permissions=["clipboard-manager:default", "clipboard-manager:allow-write-image"],
    )
    assert outcome(qtbot, app, f"await {C}.writeImage({png_bytes(1, 1, 'red')})")[0] == "ok"
    kind, message = outcome(qtbot, app, f"await {C}.readImage()")
    assert kind == "error"
    assert "add the permission 'clipboard-manager:allow-read-image'" in message
