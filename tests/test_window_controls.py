"""Monitors, the cursor and the window's controls (issue 14, item 4; app/web/window_controls.py,
app/web/monitors.py), through real pages of the official packages (v1 1.x, v2 2.x, bundled in
tests/compat) and the project's own API. Offscreen Qt has one screen: the monitors must be its
real values; methods whose effect is a window flag are checked on the QWidget."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QCursor, QGuiApplication, QScreen

from app import App, Window
from app.web import monitors, window_controls
from app.web.geometry import PhysicalPosition
from tests.compat_pages import js_error
from tests.js import eval_js

pytestmark = [
    pytest.mark.webengine,
    pytest.mark.app("compat", windows=(("main", "own"), ("old", "v1"), ("new", "v2"))),
]

# How each page's window module is reached, and its current window.
MODULE = {"main": "window.__TAURI__.window", "old": "v1.window", "new": "v2.window"}
CURRENT = {
    "main": "window.__TAURI__.window.appWindow",
    "old": "v1.window.appWindow",
    "new": "v2.window.getCurrentWindow()",
}
Hint = Qt.WindowType


def expected_monitor(screen: QScreen, *, work_area: bool = True) -> dict[str, Any]:
    """What Tauri reports for ``screen``, read here from Qt (physical pixels)."""
    ratio = screen.devicePixelRatio()

    def area(rect: Any) -> dict[str, Any]:
        return {
            "position": {
                "type": "Physical",
                "x": round(rect.x() * ratio),
                "y": round(rect.y() * ratio),
            },
            "size": {
                "type": "Physical",
                "width": round(rect.width() * ratio),
                "height": round(rect.height() * ratio),
            },
        }

    monitor = {"name": screen.name(), "scaleFactor": ratio, **area(screen.geometry())}
    if work_area:
        monitor["workArea"] = area(screen.availableGeometry())
    return monitor


def untyped(value: Any) -> Any:
    """``value`` without the ``type`` fields the packages' Physical* objects carry."""
    if isinstance(value, dict):
        return {key: untyped(item) for key, item in value.items() if key != "type"}
    return [untyped(item) for item in value] if isinstance(value, list) else value


def rejection(qtbot: Any, window: Window, call: str) -> str:
    """The message ``call``'s promise rejects with (a package's string or our ``Error``)."""
    return str(
        eval_js(qtbot, window, f"{call}.then(() => 'resolved', (e) => String(e?.message ?? e))")
    )


def flags(window: Window) -> Qt.WindowType:
    return window.webview.windowFlags()


# -- monitors and the cursor --------------------------------------------------------------------


@pytest.mark.parametrize("label", ["main", "old", "new"])
def test_monitors_are_qt_screens_in_each_api(app: App, qtbot: Any, label: str) -> None:
    (screen,) = QGuiApplication.screens()  # offscreen Qt: one screen
    assert screen.geometry().width() > 0
    # v1's Monitor has no workArea: its package keeps only what it knows.
    expected = untyped(expected_monitor(screen, work_area=label != "old"))
    module = MODULE[label]
    window = app.window(label)
    # JSON of the API's objects (v2's Physical* serialise without their type, v1's with it).
    read = f"JSON.parse(JSON.stringify(await {module}.%s()))"
    typed = f"(async () => {read % 'currentMonitor'})()"
    if label == "old":
        assert eval_js(qtbot, window, typed) == expected_monitor(screen, work_area=False)
    for function in ("currentMonitor", "primaryMonitor"):
        assert untyped(eval_js(qtbot, window, f"(async () => {read % function})()")) == expected
    all_of_them = eval_js(qtbot, window, f"(async () => {read % 'availableMonitors'})()")
    assert untyped(all_of_them) == [expected]
    assert eval_js(
        qtbot,
        window,
        f"{module}.currentMonitor().then((m) => m.size instanceof {module}.PhysicalSize"
        f" && m.position instanceof {module}.PhysicalPosition)",
    )


def test_monitor_from_point_v2_and_own(app: App, qtbot: Any) -> None:
    (screen,) = QGuiApplication.screens()
    inside = screen.geometry().center()
    for label in ("new", "main"):
        module = MODULE[label]
        found = f"{module}.monitorFromPoint({inside.x()}, {inside.y()}).then((m) => m && m.name)"
        assert eval_js(qtbot, app.window(label), found) == screen.name()
        outside = f"{module}.monitorFromPoint(-100000, -100000)"
        assert eval_js(qtbot, app.window(label), outside) is None


def test_cursor_position_is_qcursor_and_polling_logs_no_error(app: App, qtbot: Any) -> None:
    QCursor.setPos(QPoint(37, 41))
    qtbot.waitUntil(lambda: QCursor.pos() == QPoint(37, 41))
    new, main = app.window("new"), app.window("main")
    errors: list[str] = []
    new.page.console_message.connect(
        lambda level, text: errors.append(text) if level != "info" else None
    )
    assert eval_js(qtbot, new, "v2.window.cursorPosition().then((p) => [p.type, p.x, p.y])") == [
        "Physical",
        37,
        41,
    ]
    assert eval_js(
        qtbot, main, "window.__TAURI__.window.cursorPosition().then((p) => [p.x, p.y])"
    ) == [
        37,
        41,
    ]
    # A page that polls it (issue 14: "logs 10 errors a second") gets 30 answers, no error.
    poll = (
        "Promise.allSettled(Array.from({length: 30}, () => v2.window.cursorPosition()))"
        ".then((all) => all.filter((r) => r.status === 'fulfilled' && r.value.x === 37).length)"
    )
    assert eval_js(qtbot, new, poll) == 30
    assert errors == []
    assert app.window("new").cursor_position() == PhysicalPosition(37, 41)


@pytest.mark.parametrize("label", ["main", "old", "new"])
def test_set_cursor_position_moves_qcursor_in_the_page_area(
    app: App, qtbot: Any, label: str
) -> None:
    window = app.window(label)
    module = MODULE[label]
    eval_js(
        qtbot, window, f"{CURRENT[label]}.setCursorPosition(new {module}.LogicalPosition(5, 7))"
    )
    assert QCursor.pos() == window.webview.mapToGlobal(QPoint(5, 7))


# -- flags and constraints ---------------------------------------------------------------------


@pytest.mark.parametrize("label", ["main", "old", "new"])
def test_resizable_holds_the_size_and_gives_the_limits_back(
    app: App, qtbot: Any, label: str
) -> None:
    window, current = app.window(label), CURRENT[label]
    view = window.webview
    assert eval_js(qtbot, window, f"{current}.isResizable()") is True
    eval_js(qtbot, window, f"{current}.setMinSize(new {MODULE[label]}.LogicalSize(120, 90))")
    assert (view.minimumWidth(), view.minimumHeight()) == (120, 90)
    eval_js(qtbot, window, f"{current}.setResizable(false)")
    assert view.minimumSize() == view.maximumSize() == view.size()
    assert eval_js(qtbot, window, f"{current}.isResizable()") is False
    eval_js(qtbot, window, f"{current}.setResizable(true)")
    assert (view.minimumWidth(), view.minimumHeight()) == (120, 90)
    assert view.maximumWidth() > 100_000
    eval_js(qtbot, window, f"{current}.setMaxSize(new {MODULE[label]}.LogicalSize(800, 700))")
    assert (view.maximumWidth(), view.maximumHeight()) == (800, 700)
    eval_js(qtbot, window, f"{current}.setMinSize(null)")
    eval_js(qtbot, window, f"{current}.setMaxSize(null)")
    assert (view.minimumWidth(), view.maximumWidth()) == (0, 16_777_215)


def test_v2_size_constraints(app: App, qtbot: Any) -> None:
    new = app.window("new")
    view = new.webview
    eval_js(
        qtbot,
        new,
        "v2.window.getCurrentWindow().setSizeConstraints({minWidth: 300, maxHeight: 900})",
    )
    assert (view.minimumWidth(), view.minimumHeight(), view.maximumHeight()) == (300, 0, 900)
    eval_js(qtbot, new, "v2.window.getCurrentWindow().setSizeConstraints(null)")
    assert (view.minimumWidth(), view.maximumHeight()) == (0, 16_777_215)


@pytest.mark.parametrize("label", ["main", "old", "new"])
def test_the_title_bar_buttons_are_qt_hints(app: App, qtbot: Any, label: str) -> None:
    window, current = app.window(label), CURRENT[label]
    assert eval_js(qtbot, window, f"{current}.isMaximizable()") is True
    eval_js(qtbot, window, f"{current}.setMaximizable(false)")
    assert flags(window) & Hint.CustomizeWindowHint
    assert not flags(window) & Hint.WindowMaximizeButtonHint
    assert flags(window) & Hint.WindowMinimizeButtonHint
    assert flags(window) & Hint.WindowCloseButtonHint
    eval_js(qtbot, window, f"{current}.setClosable(false)")
    eval_js(qtbot, window, f"{current}.setMinimizable(false)")
    got = ", ".join(f"{current}.is{name}()" for name in ("Maximizable", "Minimizable", "Closable"))
    got = f"Promise.all([{got}])"
    assert eval_js(qtbot, window, got) == [False, False, False]
    assert not flags(window) & Hint.WindowCloseButtonHint
    eval_js(qtbot, window, f"{current}.setMaximizable(true)")
    assert eval_js(qtbot, window, got) == [True, False, False]
    assert window.webview.isVisible()  # a change of flags hides a widget: shown again


@pytest.mark.parametrize("label", ["main", "old", "new"])
def test_skip_taskbar_and_ignore_cursor_events(app: App, qtbot: Any, label: str) -> None:
    window, current = app.window(label), CURRENT[label]
    eval_js(qtbot, window, f"{current}.setSkipTaskbar(true)")
    assert window.webview.windowType() == Hint.Tool
    eval_js(qtbot, window, f"{current}.setSkipTaskbar(false)")
    assert window.webview.windowType() == Hint.Window
    eval_js(qtbot, window, f"{current}.setIgnoreCursorEvents(true)")
    assert flags(window) & Hint.WindowTransparentForInput
    assert window.webview.windowHandle().flags() & Hint.WindowTransparentForInput
    eval_js(qtbot, window, f"{current}.setIgnoreCursorEvents(false)")
    assert not flags(window) & Hint.WindowTransparentForInput
    assert window.webview.isVisible()


def test_v2_enabled_and_always_on_bottom(app: App, qtbot: Any) -> None:
    new = app.window("new")
    current = CURRENT["new"]
    eval_js(qtbot, new, f"{current}.setEnabled(false)")
    assert not new.webview.isEnabled()
    assert eval_js(qtbot, new, f"{current}.isEnabled()") is False
    eval_js(qtbot, new, f"{current}.setEnabled(true)")
    assert new.webview.isEnabled()
    eval_js(qtbot, new, f"{current}.setAlwaysOnBottom(true)")
    assert flags(new) & Hint.WindowStaysOnBottomHint
    # The global window.__TAURI__'s v2 Window has them too (v1's class lacks them).
    main = app.window("main")
    eval_js(qtbot, main, "window.__TAURI__.window.getCurrentWindow().setEnabled(false)")
    assert not main.webview.isEnabled()
    assert eval_js(qtbot, main, "window.__TAURI__.window.getCurrentWindow().isEnabled()") is False
    assert (
        eval_js(qtbot, main, "typeof window.__TAURI__.window.appWindow.setEnabled") == "undefined"
    )


# -- attention, cursor icon, dragging, no-effect methods, refusals ----------------------------


def test_request_user_attention_alerts_the_window(
    app: App, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    alerts: list[tuple[object, int]] = []
    monkeypatch.setattr(
        window_controls, "_alert", lambda widget, msec: alerts.append((widget, msec))
    )
    old, new = app.window("old"), app.window("new")
    eval_js(
        qtbot, old, "v1.window.appWindow.requestUserAttention(v1.window.UserAttentionType.Critical)"
    )
    eval_js(qtbot, new, "v2.window.getCurrentWindow().requestUserAttention(2)")  # Informational
    eval_js(qtbot, new, "v2.window.getCurrentWindow().requestUserAttention(null)")  # no request
    assert alerts == [(old.webview, 0), (new.webview, 0)]
    error = rejection(
        qtbot, app.window("main"), "window.__TAURI__.window.appWindow.requestUserAttention(7)"
    )
    assert "requestUserAttention: expected UserAttentionType" in error


@pytest.mark.parametrize("label", ["main", "old", "new"])
def test_cursor_icon_and_visibility(app: App, qtbot: Any, label: str) -> None:
    window, current = app.window(label), CURRENT[label]
    eval_js(qtbot, window, f"{current}.setCursorIcon('hand')")
    assert window.webview.cursor().shape() == Qt.CursorShape.PointingHandCursor
    eval_js(qtbot, window, f"{current}.setCursorVisible(false)")
    assert window.webview.cursor().shape() == Qt.CursorShape.BlankCursor
    eval_js(qtbot, window, f"{current}.setCursorVisible(true)")
    assert window.cursor_icon() == Qt.CursorShape.PointingHandCursor
    error = rejection(qtbot, window, f"{current}.setCursorIcon('sparkles')")
    assert "unknown cursor icon 'sparkles'" in error


@pytest.mark.parametrize("label", ["main", "old", "new"])
def test_start_dragging_rejects_when_the_platform_refuses(app: App, qtbot: Any, label: str) -> None:
    # Offscreen Qt has no window system to move a window: the promise says so.
    error = rejection(qtbot, app.window(label), f"{CURRENT[label]}.startDragging()")
    assert "startDragging: the window system did not start a move" in error


def test_start_resize_dragging_checks_the_direction(app: App, qtbot: Any) -> None:
    new = app.window("new")
    error = js_error(qtbot, new, "v2.window.getCurrentWindow().startResizeDragging('Up')")
    assert "unknown direction 'Up'" in str(error)
    error = js_error(qtbot, new, "v2.window.getCurrentWindow().startResizeDragging('SouthEast')")
    assert "did not start a resize" in str(error)


def test_accepted_without_effect_but_checked(app: App, qtbot: Any) -> None:
    new, old = app.window("new"), app.window("old")
    current = CURRENT["new"]
    assert js_error(qtbot, old, "v1.window.appWindow.setContentProtected(true)") == "resolved"
    assert js_error(qtbot, new, f"{current}.setContentProtected(true)") == "resolved"
    progress = (
        f"{current}.setProgressBar({{status: v2.window.ProgressBarStatus.Normal, progress: 40}})"
    )
    assert js_error(qtbot, new, progress) == "resolved"
    assert js_error(qtbot, new, f"{current}.setBadgeCount(3)") == "resolved"
    assert js_error(qtbot, new, f"{current}.setBadgeCount()") == "resolved"  # clears it
    error = js_error(qtbot, new, f"{current}.setProgressBar({{progress: 140}})")
    assert "progress must be 0 to 100" in str(error)
    error = js_error(qtbot, new, f"{current}.setBadgeCount(-1)")
    assert "setBadgeCount: expected a count" in str(error)


def test_what_qt_cannot_do_is_refused_by_name(app: App, qtbot: Any) -> None:
    old, new = app.window("old"), app.window("new")
    assert js_error(qtbot, old, "v1.window.appWindow.setCursorGrab(true)") == [
        "string",
        "the window method 'setCursorGrab' is not supported by qtauri (docs/tauri-compat.md)",
    ]
    assert js_error(qtbot, new, "v2.window.getCurrentWindow().setCursorGrab(true)") == [
        "string",
        "plugin:window|set_cursor_grab is not supported by qtauri (docs/tauri-compat.md)",
    ]


class FakeScreen:
    """A screen with a device pixel ratio of 2 and a panel, which offscreen Qt has not."""

    def name(self) -> str:
        return "HDMI-1"

    def devicePixelRatio(self) -> float:  # noqa: N802 (Qt's name)
        return 2.0

    def geometry(self) -> QRect:
        return QRect(1920, 0, 1280, 720)

    def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
        return QRect(1920, 30, 1280, 690)


def test_a_monitor_is_in_physical_pixels_with_its_work_area() -> None:
    assert monitors.monitor(FakeScreen()) == {  # type: ignore[arg-type]
        "name": "HDMI-1",
        "scaleFactor": 2.0,
        "position": {"x": 3840, "y": 0},
        "size": {"width": 2560, "height": 1440},
        "workArea": {"position": {"x": 3840, "y": 60}, "size": {"width": 2560, "height": 1380}},
    }
