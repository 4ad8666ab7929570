"""Theme and scale (issue 15, item 8): ``theme()``/``setTheme`` on Qt's color scheme,
``tauri://theme-changed`` to every window when it changes, ``tauri://scale-change`` when a
window's device pixel ratio does; through qtauri's API and the official packages.

Qt's offscreen platform cannot switch color schemes or screens, so the tests raise the
changes as Qt reports them: the ``colorSchemeChanged`` signal, a ``DevicePixelRatioChange``
event."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app import App
from tests.compat_build import compat_config
from tests.conftest import page_config
from tests.js import eval_js, wait_js, wait_loaded

pytestmark = pytest.mark.webengine


def scheme_changes_to(scheme: Qt.ColorScheme) -> None:
    QGuiApplication.styleHints().colorSchemeChanged.emit(scheme)


def test_theme_reads_qt_s_scheme_and_every_window_hears_it_change(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config("main", "other"))
    wait_loaded(qtbot, app)
    main, other = app.window("main"), app.window("other")
    dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    assert main.theme() == ("dark" if dark else "light")
    assert eval_js(qtbot, main, "api.appWindow.theme()") == main.theme()
    for window in (main, other):
        eval_js(qtbot, window, "api.appWindow.onThemeChanged(record('theme'))")
    scheme_changes_to(Qt.ColorScheme.Dark)
    for window in (main, other):
        wait_js(qtbot, window, "tagged('theme').length === 1")
        assert eval_js(qtbot, window, "tagged('theme')[0].payload") == "dark"
        assert eval_js(qtbot, window, "tagged('theme')[0].windowLabel") == window.label
    refused = eval_js(
        qtbot, main, "api.appWindow.setTheme('blue').then(() => 'set', (e) => e.message)"
    )
    assert "expected 'light', 'dark' or null" in refused
    eval_js(qtbot, main, "api.appWindow.setTheme(null)")  # the system's: no error anywhere


def test_set_theme_asks_qt_for_the_scheme(
    make_app: Callable[..., App], qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Any] = []
    hints = QGuiApplication.styleHints()
    monkeypatch.setattr(type(hints), "setColorScheme", lambda _self, s: asked.append(s))
    monkeypatch.setattr(type(hints), "unsetColorScheme", lambda _self: asked.append(None))
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    eval_js(qtbot, main, "api.appWindow.setTheme('dark')")
    main.set_theme("light")
    main.set_theme(None)
    assert asked == [Qt.ColorScheme.Dark, Qt.ColorScheme.Light, None]


def test_a_scale_change_is_reported_with_the_new_size(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    eval_js(qtbot, main, "api.appWindow.onScaleChanged(record('scale'))")
    QApplication.sendEvent(main.webview, QEvent(QEvent.Type.DevicePixelRatioChange))
    wait_js(qtbot, main, "tagged('scale').length === 1")
    payload = eval_js(qtbot, main, "tagged('scale')[0].payload")
    size = main.inner_size()
    assert payload == {
        "scaleFactor": main.scale_factor(),
        "size": {"type": "Physical", "width": size.width, "height": size.height},
    }


@pytest.mark.parametrize(
    ("version", "window"),
    [("v1", "v1.window.appWindow"), ("v2", "v2.window.getCurrentWindow()")],
)
def test_the_official_packages_read_and_hear_the_theme_and_scale(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, version: str, window: str
) -> None:
    app = make_app(compat_config(compat_dist, ("main", version)))
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    main = app.window("main")
    assert eval_js(qtbot, main, f"{window}.theme()") == main.theme()
    eval_js(
        qtbot,
        main,
        f"Promise.all([{window}.onThemeChanged((e) => {{ window.theme = e.payload; }}),"
        f" {window}.onScaleChanged((e) => {{ window.scale = e.payload.scaleFactor; }})])",
    )
    scheme_changes_to(Qt.ColorScheme.Dark)
    QApplication.sendEvent(main.webview, QEvent(QEvent.Type.DevicePixelRatioChange))
    wait_js(qtbot, main, "window.theme === 'dark' && window.scale !== undefined")
    assert eval_js(qtbot, main, "window.scale") == main.scale_factor()
