"""A frontend bundled with the official @tauri-apps/api 1.6.0 runs unchanged (issue 4): its
`event`, `window` and `tauri` modules against real windows, routed by spec §3 (whose rules are
v1's, minus v1's quirks). The page's modules are `v1.*`; what its listeners heard is `heard`
(see tests/compat/v1.js)."""

from __future__ import annotations

from typing import Any

import pytest

from app import App, Event, Window, command
from app.testing import AppErrors
from tests.compat_pages import heard, js_error, large_and_small_events, payloads
from tests.js import eval_js, wait_js


@command
def greet(name: str) -> str:
    return f"Hello, {name}"


@command
def fail() -> None:
    raise RuntimeError("it broke")


def emit_at_start(built: App) -> None:
    built.emit_all("compat-start", "from setup")


pytestmark = [
    pytest.mark.webengine,
    pytest.mark.app(
        "compat",
        windows=(("main", "v1"), ("other", "v1")),
        commands=(greet, fail),
        setup=emit_at_start,
    ),
]


def fence(qtbot: Any, app: App, window: Window) -> None:
    """Wait until everything sent to ``window`` before now has been handled there."""
    eval_js(qtbot, window, "v1.event.listen('fence', record('fence'))")
    app.emit_all("fence")
    wait_js(qtbot, window, "heard.some((h) => h.tag === 'fence')")


def test_a_listener_registered_at_start_gets_the_setup_event(app: App, qtbot: Any) -> None:
    for label in ("main", "other"):
        wait_js(qtbot, app.window(label), "heard.some((h) => h.tag === 'start')")
        assert payloads(qtbot, app.window(label), "start") == ["from setup"]


def test_event_listen_emit_and_the_v1_event_object(app: App, qtbot: Any) -> None:
    main, other = app.window("main"), app.window("other")
    python: list[Event] = []
    app.listen_global("g", python.append)
    eval_js(qtbot, other, "v1.event.listen('g', record('g'))")
    eval_js(qtbot, main, "v1.event.listen('g', record('g'))")
    eval_js(qtbot, main, "v1.event.emit('g', {n: 1})")
    wait_js(qtbot, other, "heard.some((h) => h.tag === 'g')")
    for window in (main, other):
        [entry] = heard(qtbot, window, "g")
        assert {k: v for k, v in entry.items() if k != "id"} == {
            "tag": "g",
            "event": "g",
            "windowLabel": "main",  # the source, as in Tauri v1
            "payload": {"n": 1},
        }
        assert isinstance(entry["id"], int)
    assert [(e.window_label, e.payload) for e in python] == [("main", {"n": 1})]


def test_once_fires_once_and_unlisten_stops(app: App, qtbot: Any) -> None:
    main = app.window("main")
    eval_js(qtbot, main, "v1.event.once('o', record('once'))")
    eval_js(qtbot, main, "v1.event.listen('u', record('u')).then((u) => { window.stopU = u; })")
    app.emit_all("o", 1)
    app.emit_all("o", 2)
    app.emit_all("u", 1)
    fence(qtbot, app, main)
    eval_js(qtbot, main, "window.stopU()")
    app.emit_all("u", 2)
    fence(qtbot, app, main)
    assert payloads(qtbot, main, "once") == [1]
    assert payloads(qtbot, main, "u") == [1]
    assert app.listener_count("o") == 0
    assert app.listener_count("u") == 0


def test_window_channel_routing(app: App, qtbot: Any) -> None:
    main, other = app.window("main"), app.window("other")
    # appWindow.listen in other hears window channel 'other'; the event module's listen in
    # other hears the global channel and 'other'; main's global listener hears neither.
    eval_js(qtbot, other, "v1.window.appWindow.listen('w', record('app-window'))")
    eval_js(qtbot, other, "v1.event.listen('w', record('global'))")
    eval_js(qtbot, main, "v1.event.listen('w', record('main-global'))")
    eval_js(qtbot, main, "v1.window.WebviewWindow.getByLabel('other').emit('w', 1)")
    eval_js(qtbot, main, "v1.window.getCurrent().emit('w', 2)")  # main's channel
    app.emit_to("other", "w", 3)
    fence(qtbot, app, other)
    fence(qtbot, app, main)
    assert payloads(qtbot, other, "app-window") == [1, 3]
    assert payloads(qtbot, other, "global") == [1, 3]
    assert payloads(qtbot, main, "main-global") == [2]
    # The listen of a WebviewWindow handle hears that window's channel, from any page.
    eval_js(qtbot, main, "v1.window.WebviewWindow.getByLabel('other').once('w', record('h'))")
    app.emit_to("other", "w", 4)
    fence(qtbot, app, main)
    assert payloads(qtbot, main, "h") == [4]


def test_window_lookups(app: App, qtbot: Any) -> None:
    main = app.window("main")
    assert eval_js(qtbot, main, "v1.window.appWindow.label") == "main"
    assert eval_js(qtbot, main, "v1.window.getCurrent().label") == "main"
    assert eval_js(qtbot, main, "v1.window.getAll().map((w) => w.label)") == ["main", "other"]
    assert eval_js(qtbot, main, "v1.window.WebviewWindow.getByLabel('other').label") == "other"
    assert eval_js(qtbot, main, "v1.window.WebviewWindow.getByLabel('none')") is None


def test_creating_a_window_reports_created_or_error(app: App, qtbot: Any) -> None:
    main = app.window("main")
    create = (
        "new Promise((resolve) => {"
        " const w = new v1.window.WebviewWindow('made', {url: 'v1.html', title: 'Made by v1'});"
        " w.once('tauri://created', (e) => resolve(['created', e.windowLabel]));"
        " w.once('tauri://error', (e) => resolve(['error', typeof e.payload, e.payload])); })"
    )
    assert eval_js(qtbot, main, create) == ["created", "made"]
    assert app.window("made").title() == "Made by v1"
    assert eval_js(qtbot, main, "v1.window.getAll().map((w) => w.label)") == [
        "main",
        "other",
        "made",
    ]
    qtbot.waitUntil(lambda: app.window("made").page_connected, timeout=10_000)
    assert eval_js(qtbot, app.window("made"), "v1.window.appWindow.label") == "made"
    kind, message = eval_js(qtbot, main, create)[1:]
    assert kind == "string"
    assert "already exists" in message


def test_invoke_calls_commands_and_rejects_with_their_message(
    app: App, qtbot: Any, app_errors: AppErrors
) -> None:
    main = app.window("main")
    assert eval_js(qtbot, main, "v1.tauri.invoke('greet', {name: 'v1'})") == "Hello, v1"
    assert js_error(qtbot, main, "v1.tauri.invoke('fail')") == ["string", "it broke"]
    assert js_error(qtbot, main, "v1.tauri.invoke('missing')") == [
        "string",
        "unknown command missing; registered: fail, greet",
    ]
    kind, message = js_error(qtbot, main, "v1.event.emit('bad name', 1)")
    assert kind == "string"
    assert "event name" in message
    kind, message = js_error(
        qtbot, main, "v1.window.WebviewWindow.getByLabel('main').setCursorGrab(true)"
    )
    assert kind == "string"
    assert "'setCursorGrab' is not supported" in message
    # Both of an invoke's once-callbacks are gone once it settles, either way.
    callbacks = "Object.keys(window).filter((k) => /^_\\d+$/.test(k)).length"
    before = eval_js(qtbot, main, callbacks)
    eval_js(qtbot, main, "v1.tauri.invoke('greet', {name: 'a'})")
    js_error(qtbot, main, "v1.tauri.invoke('fail')")
    assert eval_js(qtbot, main, callbacks) == before
    assert app_errors.take(RuntimeError)  # the failing command, reported to the app too


def test_window_methods(app: App, qtbot: Any) -> None:
    main, other = app.window("main"), app.window("other")
    w = "v1.window.WebviewWindow.getByLabel('other')"
    assert eval_js(qtbot, main, f"{w}.setTitle('Renamed').then(() => {w}.title())") == "Renamed"
    assert other.title() == "Renamed"
    assert eval_js(
        qtbot,
        main,
        f"{w}.setSize(new v1.window.LogicalSize(333, 222)).then(() => {w}.innerSize())"
        ".then((s) => [s.constructor.name, s.width, s.height])",
    ) == ["PhysicalSize", 333, 222]
    assert eval_js(
        qtbot,
        main,
        f"{w}.setPosition(new v1.window.PhysicalPosition(12, 34))"
        f".then(() => {w}.outerPosition()).then((p) => [p.x, p.y])",
    ) == [12, 34]
    assert eval_js(qtbot, main, f"{w}.maximize().then(() => {w}.isMaximized())") is True
    assert eval_js(qtbot, main, f"{w}.toggleMaximize().then(() => {w}.isMaximized())") is False
    assert eval_js(qtbot, main, f"{w}.unmaximize().then(() => {w}.isMaximized())") is False
    assert eval_js(qtbot, main, f"{w}.center().then(() => {w}.scaleFactor())") == 1
    main.set_focus()
    qtbot.waitUntil(main.webview.isActiveWindow)
    eval_js(qtbot, main, f"{w}.setFocus()")
    qtbot.waitUntil(other.webview.isActiveWindow)
    assert eval_js(qtbot, main, f"{w}.hide().then(() => {w}.isVisible())") is False
    assert eval_js(qtbot, main, f"{w}.show().then(() => {w}.isVisible())") is True
    eval_js(qtbot, main, f"{w}.minimize()")
    assert other.webview.isMinimized()
    eval_js(qtbot, main, f"{w}.close()")
    assert app.get_window("other") is None
    assert eval_js(qtbot, main, "v1.window.getAll().map((w) => w.label)") == ["main"]


def test_on_close_requested_can_prevent_or_allow(app: App, qtbot: Any) -> None:
    other = app.window("other")
    eval_js(
        qtbot,
        other,
        "v1.window.appWindow.onCloseRequested((event) => {"
        " record('asked')(event); if (!window.allowClose) event.preventDefault(); })",
    )
    other.webview.close()
    wait_js(qtbot, other, "heard.filter((h) => h.tag === 'asked').length === 1")
    assert app.get_window("other") is other
    eval_js(qtbot, other, "window.allowClose = true")
    with qtbot.waitSignal(other.webview.closed):
        other.webview.close()
    assert app.get_window("other") is None


def test_built_in_event_helpers(app: App, qtbot: Any) -> None:
    main = app.window("main")
    eval_js(qtbot, main, "v1.window.appWindow.onResized(record('resized'))")
    eval_js(qtbot, main, "v1.window.appWindow.onMoved(record('moved'))")
    main.set_size(321, 123)
    main.set_position(40, 50)
    wait_js(qtbot, main, "heard.some((h) => h.tag === 'resized' && h.payload.width === 321)")
    wait_js(qtbot, main, "heard.some((h) => h.tag === 'moved' && h.payload.x === 40)")
    assert eval_js(qtbot, main, "v1.event.TauriEvent.WINDOW_RESIZED") == "tauri://resize"


def test_window_options_tauri_has_and_qtauri_lacks_are_ignored(
    app: App, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    main = app.window("main")
    create = (
        "new Promise((resolve) => {"
        " const w = new v1.window.WebviewWindow(LABEL, OPTIONS);"
        " w.once('tauri://created', () => resolve('created'));"
        " w.once('tauri://error', (e) => resolve(e.payload)); })"
    )
    options = (
        "{url: 'v1.html', fileDropEnabled: false, skipTaskbar: true,"
        " contentProtected: true, tabbingIdentifier: 'x'}"
    )
    # The shim passes every option on; the backend names each of Tauri's it cannot honour
    # once on the log (app/tauriconf.py's window table), as for the config and create_window.
    with caplog.at_level("WARNING", logger="app.config"):
        result = eval_js(qtbot, main, create.replace("LABEL", "'a'").replace("OPTIONS", options))
    assert result == "created"
    assert [record.getMessage() for record in caplog.records] == [
        f"window 'a': options.{name}: Tauri's window option, accepted; it has no effect here"
        for name in ("contentProtected", "tabbingIdentifier")
    ]
    assert not app.window("a").config.drag_drop_enabled  # v1's fileDropEnabled, by v2's name
    assert app.window("a").config.skip_taskbar  # one qtauri has: honoured
    error = eval_js(qtbot, main, create.replace("LABEL", "'b'").replace("OPTIONS", "{colour: 1}"))
    assert "colour" in error
    assert app.get_window("b") is None


def test_on_focus_changed(app: App, qtbot: Any) -> None:
    main, other = app.window("main"), app.window("other")
    other.set_focus()
    qtbot.waitUntil(other.webview.isActiveWindow)
    eval_js(qtbot, main, "v1.window.appWindow.onFocusChanged(record('focus'))")
    main.set_focus()
    wait_js(qtbot, main, "heard.some((h) => h.tag === 'focus' && h.payload === true)")
    other.set_focus()
    wait_js(qtbot, main, "heard.some((h) => h.tag === 'focus' && h.payload === false)")


def test_more_window_methods(app: App, qtbot: Any) -> None:
    main, other = app.window("main"), app.window("other")
    w = "v1.window.WebviewWindow.getByLabel('other')"
    other.set_focus()
    qtbot.waitUntil(other.webview.isActiveWindow)
    assert eval_js(qtbot, main, f"{w}.isFocused()") is True
    assert eval_js(
        qtbot, main, "v1.window.WebviewWindow.getFocusedWindow().then((w) => w.label)"
    ) == ("other")
    eval_js(qtbot, main, f"{w}.minimize()")
    assert eval_js(qtbot, main, f"{w}.isMinimized()") is True
    eval_js(qtbot, main, f"{w}.unminimize()")
    assert eval_js(qtbot, main, f"{w}.isMinimized()") is False
    assert not other.webview.isMinimized()
    assert eval_js(qtbot, main, f"{w}.setFullscreen(true).then(() => {w}.isFullscreen())") is True
    assert other.webview.isFullScreen()
    assert eval_js(qtbot, main, f"{w}.setFullscreen(false).then(() => {w}.isFullscreen())") is (
        False
    )
    assert eval_js(qtbot, main, f"{w}.setDecorations(false).then(() => {w}.isDecorated())") is (
        False
    )
    assert other.webview.isVisible()  # changing a window flag must not hide it
    assert eval_js(qtbot, main, f"{w}.setDecorations(true).then(() => {w}.isDecorated())") is True
    eval_js(qtbot, main, f"{w}.setAlwaysOnTop(true)")
    assert other.is_always_on_top()
    assert other.webview.isVisible()
    eval_js(qtbot, main, f"{w}.setSize(new v1.window.LogicalSize(300, 200))")
    outer = eval_js(
        qtbot, main, f"{w}.outerSize().then((s) => [s.constructor.name, s.width, s.height])"
    )
    frame = other.webview.frameGeometry()
    assert outer == ["PhysicalSize", frame.width(), frame.height()]
    inner = eval_js(qtbot, main, f"{w}.innerPosition().then((p) => [p.constructor.name, p.x, p.y])")
    corner = other.webview.geometry().topLeft()
    assert inner == ["PhysicalPosition", corner.x(), corner.y()]


def test_large_events_in_many_batches_are_all_heard_in_order(app: App, qtbot: Any) -> None:
    """As in test_compat_v2: events cut into many batches by size reach a v1 listener, all,
    in order (a window's channel and the global one interleaved)."""
    main = app.window("main")
    eval_js(qtbot, main, "v1.event.listen('big', record('big'))")
    sent = large_and_small_events()
    for index, payload in enumerate(sent):
        if index % 2:
            app.emit_to("main", "big", payload)
        else:
            app.emit_all("big", payload)
    wait_js(qtbot, main, f"heard.filter((h) => h.tag === 'big').length === {len(sent)}")
    assert payloads(qtbot, main, "big") == sent
