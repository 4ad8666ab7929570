"""Windows from both sides (spec §13, §9.8): creation and its errors, every method, the built-in
events with their payloads, and getAll() kept right in every window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app import App, ConfigError, Event, InvalidWindowLabel
from app.web.window import PhysicalPosition, PhysicalSize
from tests.js import eval_js, wait_js

pytestmark = [pytest.mark.webengine, pytest.mark.app("live")]


def create_from_js(qtbot: Any, app: App, label: str, options: str = "{}") -> Any:
    """``new WebviewWindow(label, options)`` in main; returns 'created' or the error text."""
    return eval_js(
        qtbot,
        app.window("main"),
        "new Promise((resolve) => {"
        f" const w = new api.WebviewWindow({label!r}, {options});"
        " w.once('tauri://created', () => resolve('created'));"
        " w.once('tauri://error', (e) => resolve(e.payload)); })",
    )


def record_builtins(app: App) -> list[tuple[str, str | None, Any]]:
    heard: list[tuple[str, str | None, Any]] = []

    def keep(event: Event) -> None:
        heard.append((event.event, event.window_label, event.payload))

    for name in ("resize", "move", "focus", "blur", "close-requested", "destroyed"):
        app.listen_global(f"tauri://{name}", keep)
    app.listen_global("tauri://window-created", keep)
    return heard


# -- creation -------------------------------------------------------------------------------


def test_new_webview_window_applies_every_option(app: App, qtbot: Any) -> None:
    result = create_from_js(
        qtbot,
        app,
        "opts",
        "{url: 'recorder.html', title: 'Options', width: 320, height: 240, x: 30, y: 40,"
        " resizable: false, visible: true, focus: true, alwaysOnTop: true}",
    )
    assert result == "created"
    window = app.window("opts")
    assert window.title() == "Options"
    assert window.inner_size() == PhysicalSize(320, 240)
    assert window.outer_position() == PhysicalPosition(30, 40)
    assert window.webview.minimumSize() == window.webview.maximumSize()  # not resizable
    assert window.webview.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.is_visible()
    wait_js(qtbot, window, "window.recorderReady")
    assert eval_js(qtbot, window, "api.appWindow.label") == "opts"


def test_hidden_and_centered_windows(app: App, qtbot: Any) -> None:
    assert create_from_js(qtbot, app, "hidden", "{visible: false}") == "created"
    assert not app.window("hidden").is_visible()
    assert create_from_js(qtbot, app, "centered", "{center: true, width: 200, height: 100}") == (
        "created"
    )
    centered = app.window("centered")
    screen = centered.webview.screen().availableGeometry()
    frame = centered.webview.frameGeometry()
    assert abs(frame.center().x() - screen.center().x()) <= 2
    assert abs(frame.center().y() - screen.center().y()) <= 2


@pytest.mark.parametrize(
    ("label", "options", "reason"),
    [
        ("bad label", "{}", "invalid window label 'bad label'"),
        ("other", "{}", "a window with label 'other' already exists"),
        ("x", "{url: 'javascript:alert(1)'}", "'javascript:alert(1)' is not a page of the app"),
        ("x", "{url: 'http://[broken'}", "is not a page of the app nor an http(s) URL"),
        ("x", "{width: 'wide'}", "options.width: expected a number, got a string"),
        ("x", "{colour: 'red'}", "options.colour: unknown key"),
    ],
)
def test_creation_errors_reach_tauri_error_with_the_reason(
    app: App, qtbot: Any, label: str, options: str, reason: str
) -> None:
    result = create_from_js(qtbot, app, label, options)
    assert reason in result
    assert list(app.windows()) == ["main", "other"]


def test_create_window_from_python_has_the_same_options_and_errors(app: App, qtbot: Any) -> None:
    window = app.create_window(
        "py", url="recorder.html", title="Py", width=300, height=200, x=5, y=6
    )
    assert (window.title(), window.inner_size(), window.outer_position()) == (
        "Py",
        PhysicalSize(300, 200),
        PhysicalPosition(5, 6),
    )
    camel = app.create_window("camel", alwaysOnTop=True, visible=False)
    assert camel.webview.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert not camel.is_visible()
    wait_js(qtbot, camel, "window.recorderReady")
    assert camel.webview.url().toString().endswith("recorder.html")  # the first window's page
    with pytest.raises(InvalidWindowLabel, match="already exists"):
        app.create_window("py")
    with pytest.raises(InvalidWindowLabel, match="invalid window label"):
        app.create_window("a.b")
    with pytest.raises(ConfigError, match=r"options\.url"):
        app.create_window("f", url="file:///etc/passwd")
    with pytest.raises(ConfigError, match=r"options\.height: expected a number"):
        app.create_window("g", height="tall")
    # Tauri's sizes are numbers (logical pixels): fractions are rounded for Qt.
    assert app.create_window("h", width=300.6, height=199.5, visible=False).config.width == 301


# -- methods -------------------------------------------------------------------------------


def test_every_window_method_from_js(app: App, qtbot: Any) -> None:
    main = app.window("main")
    other = "api.WebviewWindow.getByLabel('other')"
    calls = [
        (f"{other}.setTitle('Renamed').then(() => {other}.title())", "Renamed"),
        (
            f"{other}.setSize(new api.index.window.LogicalSize(333, 222))"
            f".then(() => {other}.innerSize())",
            {"type": "Physical", "width": 333, "height": 222},
        ),
        (
            f"{other}.setPosition(new api.index.window.PhysicalPosition(12, 34))"
            f".then(() => {other}.outerPosition())",
            {"type": "Physical", "x": 12, "y": 34},
        ),
        (f"{other}.maximize().then(() => {other}.isMaximized())", True),
        (f"{other}.unmaximize().then(() => {other}.isMaximized())", False),
        (f"{other}.center().then(() => {other}.scaleFactor())", 1),
    ]
    for call, expected in calls:
        assert eval_js(qtbot, main, call) == expected, call
    window = app.window("other")
    assert window.title() == "Renamed"
    app.window("main").set_focus()
    qtbot.waitUntil(app.window("main").webview.isActiveWindow)
    assert eval_js(qtbot, main, f"{other}.setFocus().then(() => 'ok')") == "ok"
    qtbot.waitUntil(window.webview.isActiveWindow)
    # (Offscreen, a window hidden while active cannot be activated again: so hide comes last.)
    assert eval_js(qtbot, main, f"{other}.hide().then(() => {other}.isVisible())") is False
    assert eval_js(qtbot, main, f"{other}.show().then(() => {other}.isVisible())") is True
    assert eval_js(qtbot, main, f"{other}.minimize().then(() => 'ok')") == "ok"
    assert window.webview.isMinimized()
    eval_js(qtbot, main, f"{other}.close()")
    assert app.get_window("other") is None
    assert eval_js(qtbot, main, "api.getAll().map((w) => w.label)") == ["main"]


def test_every_window_method_from_python(app: App, qtbot: Any) -> None:
    window = app.window("other")
    window.set_title("T")
    window.set_size(210, 110)
    window.set_position(7, 8)
    assert (window.title(), window.inner_size(), window.outer_position()) == (
        "T",
        PhysicalSize(210, 110),
        PhysicalPosition(7, 8),
    )
    window.maximize()
    assert window.is_maximized()
    window.unmaximize()
    assert not window.is_maximized()
    app.window("main").set_focus()
    qtbot.waitUntil(app.window("main").webview.isActiveWindow)
    window.set_focus()
    qtbot.waitUntil(window.webview.isActiveWindow)
    window.hide()
    assert not window.is_visible()
    window.show()
    assert window.is_visible()
    window.minimize()
    assert window.webview.isMinimized()
    window.center()
    assert window.scale_factor() == 1
    window.close()
    assert not window.is_open
    assert "other" not in app.windows()


def test_bad_window_calls_from_js_reject(app: App, qtbot: Any) -> None:
    main = app.window("main")
    for call, expected in [
        ("api.appWindow.setTitle(5)", "TypeError: setTitle: expected str arguments"),
        ("new api.WebviewWindow('gone', {skip: true}).show()", "WindowNotFound"),
    ]:
        assert eval_js(
            qtbot, main, f"{call}.then(() => 'ok', (e) => e.name + ': ' + e.message)"
        ).startswith(expected)


# -- built-in events -----------------------------------------------------------------------


def test_resize_move_focus_and_blur_reach_both_sides_of_the_window_channel(
    app: App, qtbot: Any
) -> None:
    main, other = app.window("main"), app.window("other")
    main.set_focus()
    qtbot.waitUntil(main.webview.isActiveWindow)
    heard = record_builtins(app)
    eval_js(
        qtbot,
        other,
        "Promise.all([api.appWindow.onResized(record('resized')),"
        " api.appWindow.onMoved(record('moved')),"
        " api.appWindow.onFocusChanged(record('focus'))])",
    )
    eval_js(qtbot, main, "api.WebviewWindow.getByLabel('other').onResized(record('r'))")
    other.set_size(250, 150)
    other.set_position(20, 25)
    other.set_focus()
    qtbot.waitUntil(other.webview.isActiveWindow)
    main.set_focus()
    qtbot.waitUntil(main.webview.isActiveWindow)
    assert [h for h in heard if h[1] == "other"] == [
        ("tauri://resize", "other", {"width": 250, "height": 150}),
        ("tauri://move", "other", {"x": 20, "y": 25}),
        ("tauri://focus", "other", None),
        ("tauri://blur", "other", None),
    ]
    assert [h for h in heard if h[1] == "main"] == [
        ("tauri://blur", "main", None),
        ("tauri://focus", "main", None),
    ]
    wait_js(qtbot, other, "tagged('focus').length === 2")
    entries = eval_js(qtbot, other, "log.map((e) => [e.tag, e.event, e.windowLabel, e.payload])")
    assert entries == [
        ["resized", "tauri://resize", "other", {"type": "Physical", "width": 250, "height": 150}],
        ["moved", "tauri://move", "other", {"type": "Physical", "x": 20, "y": 25}],
        ["focus", "tauri://focus", "other", True],
        ["focus", "tauri://blur", "other", False],
    ]
    wait_js(qtbot, main, "tagged('r').length === 1")  # another page, on other's channel


def test_python_window_listeners_hear_their_window_builtins(app: App, qtbot: Any) -> None:
    other_heard: list[Event] = []
    main_heard: list[Event] = []
    app.window("other").listen("tauri://resize", other_heard.append)
    app.window("main").listen("tauri://resize", main_heard.append)
    app.window("other").set_size(123, 45)
    assert [(e.window_label, e.payload) for e in other_heard] == [
        ("other", {"width": 123, "height": 45})
    ]
    assert main_heard == []


def test_close_requested_without_a_page_listener_closes(app: App, qtbot: Any) -> None:
    heard = record_builtins(app)
    app.window("other").webview.close()  # as the title bar's close button does
    assert app.get_window("other") is None
    assert [h for h in heard if h[1] == "other"] == [
        ("tauri://close-requested", "other", None),
        ("tauri://destroyed", "other", None),
    ]


def test_a_page_can_prevent_the_close_or_let_it_happen(app: App, qtbot: Any) -> None:
    other = app.window("other")
    eval_js(
        qtbot,
        other,
        "api.appWindow.onCloseRequested((event) => {"
        " record('asked')(event); if (!window.allowClose) event.preventDefault(); })",
    )
    other.webview.close()
    wait_js(qtbot, other, "tagged('asked').length === 1")
    assert app.get_window("other") is other  # prevented
    eval_js(qtbot, other, "window.allowClose = true")
    heard = record_builtins(app)
    with qtbot.waitSignal(other.webview.closed):
        other.webview.close()
    assert app.get_window("other") is None
    assert ("tauri://destroyed", "other", None) in heard


def test_destroyed_reaches_other_pages_listening_on_that_window(app: App, qtbot: Any) -> None:
    main = app.window("main")
    eval_js(
        qtbot,
        main,
        "api.WebviewWindow.getByLabel('other').listen('tauri://destroyed', (e) =>"
        " record('destroyed')({...e, labels: api.getAll().map((w) => w.label)}))",
    )
    app.window("other").close()
    wait_js(qtbot, main, "tagged('destroyed').length === 1")
    (entry,) = eval_js(qtbot, main, "tagged('destroyed')")
    assert (entry["windowLabel"], entry["labels"]) == ("other", ["main"])


def test_window_created_goes_on_the_global_channel(app: App, qtbot: Any) -> None:
    heard = record_builtins(app)
    eval_js(qtbot, app.window("other"), "api.listen('tauri://window-created', record('created'))")
    assert create_from_js(qtbot, app, "third", "{url: 'recorder.html'}") == "created"
    assert ("tauri://window-created", None, {"label": "third"}) in heard
    wait_js(qtbot, app.window("other"), "tagged('created').length === 1")
    assert eval_js(qtbot, app.window("other"), "tagged('created')[0].payload") == {"label": "third"}


def test_get_all_is_right_in_every_window_right_after_each_change(app: App, qtbot: Any) -> None:
    app.create_window("third", url="recorder.html")
    third = app.window("third")
    wait_js(qtbot, third, "window.recorderReady")
    snapshot = (
        "(e) => record('seen')({...e, labels: api.getAll().map((w) => w.label),"
        " byLabel: ['main', 'other', 'third', 'fourth'].filter("
        "(l) => api.WebviewWindow.getByLabel(l) !== null)})"
    )
    windows = [app.window(label) for label in ("main", "other", "third")]
    for window in windows:
        eval_js(
            qtbot,
            window,
            f"Promise.all([api.listen('tauri://window-created', {snapshot}),"
            f" api.WebviewWindow.getByLabel('other').listen('tauri://destroyed', {snapshot})])",
        )
    assert create_from_js(qtbot, app, "fourth", "{url: 'recorder.html'}") == "created"
    app.window("other").close()
    expected_created = ["main", "other", "third", "fourth"]
    expected_destroyed = ["main", "third", "fourth"]
    for window in (windows[0], windows[2]):
        wait_js(qtbot, window, "tagged('seen').length === 2")
        seen = eval_js(qtbot, window, "tagged('seen').map((e) => [e.event, e.labels, e.byLabel])")
        assert seen == [
            ["tauri://window-created", expected_created, expected_created],
            ["tauri://destroyed", expected_destroyed, expected_destroyed],
        ]
    assert eval_js(qtbot, app.window("fourth"), "api.getAll().map((w) => w.label)") == (
        expected_destroyed
    )


def test_window_created_listeners_can_already_use_the_new_window(app: App, qtbot: Any) -> None:
    titles: list[str] = []
    app.listen_global(
        "tauri://window-created", lambda e: titles.append(app.window(e.payload["label"]).title())
    )
    app.create_window("fresh", url="recorder.html", title="Fresh")
    assert titles == ["Fresh"]


def test_more_window_methods_from_js_and_python(app: App, qtbot: Any) -> None:
    main, window = app.window("main"), app.window("other")
    other = "api.WebviewWindow.getByLabel('other')"
    window.set_focus()
    qtbot.waitUntil(window.webview.isActiveWindow)
    assert window.is_focused()
    assert eval_js(qtbot, main, f"{other}.isFocused()") is True
    window.minimize()
    assert window.is_minimized()
    eval_js(qtbot, main, f"{other}.unminimize()")
    assert not window.is_minimized()
    assert eval_js(qtbot, main, f"{other}.setFullscreen(true).then(() => {other}.isFullscreen())")
    assert window.is_fullscreen()
    window.set_fullscreen(False)
    assert eval_js(qtbot, main, f"{other}.isFullscreen()") is False
    assert (
        eval_js(qtbot, main, f"{other}.setDecorations(false).then(() => {other}.isDecorated())")
        is False
    )
    assert not window.is_decorated()
    assert window.is_visible()  # a window flag change must not hide the window
    window.set_decorations(True)
    assert window.is_decorated()
    eval_js(qtbot, main, f"{other}.setAlwaysOnTop(true)")
    assert window.is_always_on_top()
    window.set_always_on_top(False)
    assert not window.is_always_on_top()
    frame = window.webview.frameGeometry()
    assert window.outer_size() == PhysicalSize(frame.width(), frame.height())
    assert eval_js(
        qtbot, main, f"{other}.outerSize().then((s) => [s.type, s.width, s.height])"
    ) == [
        "Physical",
        frame.width(),
        frame.height(),
    ]
    corner = window.webview.geometry().topLeft()
    assert window.inner_position() == PhysicalPosition(corner.x(), corner.y())
    assert eval_js(qtbot, main, f"{other}.innerPosition().then((p) => [p.x, p.y])") == [
        corner.x(),
        corner.y(),
    ]
