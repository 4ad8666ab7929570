"""A frontend bundled with the official @tauri-apps/api 2.x runs unchanged (issue 4): its
`event` module with every target kind, `core`, and the `window`/`webviewWindow`/`webview`
modules, against real windows. The page's modules are `v2.*`; what its listeners heard is
`heard` (see tests/compat/v2.js)."""

from __future__ import annotations

from typing import Any

import pytest

from app import App, Event, command
from app.testing import AppErrors
from tests.compat_pages import js_error, large_and_small_events, payloads
from tests.js import eval_js, wait_js


@command
def add(a: int, b: int) -> int:
    return a + b


@command
def fail(reason: str) -> None:
    raise ValueError(reason)


@command(thread=True)
def slow_echo(value: str) -> str:
    return value


pytestmark = [
    pytest.mark.webengine,
    pytest.mark.app(
        "compat", windows=(("main", "v2"), ("other", "v2")), commands=(add, fail, slow_echo)
    ),
]


# -- event: targets ---------------------------------------------------------------------------

LISTENERS = {
    "any": "undefined",
    "app": "{target: {kind: 'App'}}",
    "label-main": "{target: 'main'}",
    "window-other": "{target: {kind: 'Window', label: 'other'}}",
    "webview-other": "{target: {kind: 'Webview', label: 'other'}}",
    "webviewwindow-other": "{target: {kind: 'WebviewWindow', label: 'other'}}",
    "anylabel-other": "{target: {kind: 'AnyLabel', label: 'other'}}",
}


def test_each_target_hears_what_the_mapping_says(app: App, qtbot: Any) -> None:
    main, other = app.window("main"), app.window("other")
    for tag, options in LISTENERS.items():
        eval_js(qtbot, main, f"v2.event.listen('e', record({tag!r}), {options})")
    python_global: list[tuple[str | None, Any]] = []
    python_other: list[Any] = []
    app.listen_global("e", lambda e: python_global.append((e.window_label, e.payload)))
    other.listen("e", lambda e: python_other.append(e.payload))

    emits = [
        "v2.event.emit('e', 1)",  # the global channel
        "v2.event.emitTo('other', 'e', 2)",  # AnyLabel other: window channel 'other'
        "v2.event.emitTo('main', 'e', 3)",
        "v2.event.emitTo({kind: 'App'}, 'e', 4)",  # the global channel
        "v2.event.emitTo({kind: 'Any'}, 'e', 5)",  # the global channel
        "v2.event.emitTo({kind: 'WebviewWindow', label: 'other'}, 'e', 6)",
    ]
    for call in emits:
        eval_js(qtbot, other, call)
    app.emit_to("other", "e", 7)
    app.emit_all("e", 8)
    wait_js(qtbot, main, "heard.filter((h) => h.tag === 'any').length === 8")

    everything = [1, 2, 3, 4, 5, 6, 7, 8]
    global_channel = [1, 4, 5, 8]
    other_channel = [2, 6, 7]
    assert payloads(qtbot, main, "any") == everything
    assert payloads(qtbot, main, "app") == global_channel
    assert payloads(qtbot, main, "label-main") == sorted([*global_channel, 3])
    for tag in ("window-other", "webview-other", "webviewwindow-other", "anylabel-other"):
        assert payloads(qtbot, main, tag) == sorted(global_channel + other_channel), tag
    # The backend, by spec §3: Python's global listeners hear every page emit, with its source.
    assert python_global == [("other", p) for p in (1, 2, 3, 4, 5, 6)]
    assert python_other == [2, 6]


def test_handlers_get_v2_event_objects(app: App, qtbot: Any) -> None:
    main = app.window("main")
    eval_js(qtbot, main, "v2.event.listen('shape', (e) => { window.shape = e; })")
    app.emit_all("shape", {"k": [1]})
    assert wait_js(qtbot, main, "window.shape && Object.keys(window.shape).sort()") == [
        "event",
        "id",
        "payload",
    ]
    assert eval_js(qtbot, main, "[window.shape.event, window.shape.payload]") == [
        "shape",
        {"k": [1]},
    ]


def test_once_with_and_without_a_target_fires_once(app: App, qtbot: Any) -> None:
    main, other = app.window("main"), app.window("other")
    eval_js(qtbot, main, "v2.event.once('o', record('once'))")
    eval_js(qtbot, main, "v2.event.once('o', record('once-main'), {target: 'main'})")
    for n in (1, 2):
        eval_js(qtbot, other, f"v2.event.emitTo('main', 'o', {n})")
    eval_js(qtbot, main, "v2.event.listen('fence', record('fence'))")
    eval_js(qtbot, other, "v2.event.emit('fence')")
    wait_js(qtbot, main, "heard.some((h) => h.tag === 'fence')")
    assert payloads(qtbot, main, "once") == [1]
    assert payloads(qtbot, main, "once-main") == [1]
    assert app.listener_count("o") == 0


def test_unlisten_stops_the_listener_here_and_in_the_backend(app: App, qtbot: Any) -> None:
    main = app.window("main")
    eval_js(qtbot, main, "v2.event.listen('u', record('u')).then((u) => { window.stopU = u; })")
    assert app.listener_count("u") == 1
    eval_js(qtbot, main, "v2.event.emit('u', 1)")
    eval_js(qtbot, main, "window.stopU()")
    eval_js(qtbot, main, "v2.event.emit('u', 2)")
    assert payloads(qtbot, main, "u") == [1]
    qtbot.waitUntil(lambda: app.listener_count("u") == 0)


def test_unlisten_inside_a_handler_stops_the_rest_of_that_delivery(app: App, qtbot: Any) -> None:
    main = app.window("main")
    # Two listeners of one event: the first unlistens the second, synchronously (v2's
    # __TAURI_EVENT_PLUGIN_INTERNALS__.unregisterListener), before the second's turn.
    eval_js(
        qtbot,
        main,
        "v2.event.listen('x', () => window.stopSecond())"
        ".then(() => v2.event.listen('x', record('second')))"
        ".then((u) => { window.stopSecond = u; })",
    )
    app.emit_all("x", 1)
    eval_js(qtbot, main, "v2.event.listen('fence', record('fence'))")
    app.emit_all("fence")
    wait_js(qtbot, main, "heard.some((h) => h.tag === 'fence')")
    assert payloads(qtbot, main, "second") == []


def test_emit_to_a_window_that_is_not_open_resolves(app: App, qtbot: Any) -> None:
    main = app.window("main")
    assert eval_js(qtbot, main, "v2.event.emitTo('nobody', 'e', 1).then(() => 'ok')") == "ok"


def test_event_errors_reject_with_strings(app: App, qtbot: Any) -> None:
    main = app.window("main")
    for call in (
        "v2.event.listen('bad name', () => {})",
        "v2.event.emit('bad name', 1)",
        "v2.event.emitTo('bad label!', 'e', 1)",
        "v2.event.emitTo({kind: 'Nowhere'}, 'e', 1)",
    ):
        kind, value = js_error(qtbot, main, call)
        assert kind == "string", call
        assert value, call
    assert "event name" in js_error(qtbot, main, "v2.event.emit('bad name', 1)")[1]
    assert "invalid event target" in js_error(qtbot, main, "v2.event.emitTo({kind: 'N'}, 'e')")[1]


def test_the_tauri_event_enum_is_the_package_s(app: App, qtbot: Any) -> None:
    assert eval_js(qtbot, app.window("main"), "v2.event.TauriEvent.WINDOW_CREATED") == (
        "tauri://window-created"
    )


# -- core ---------------------------------------------------------------------------------------


def test_invoke_calls_commands_and_rejects_with_their_message(
    app: App, qtbot: Any, app_errors: AppErrors
) -> None:
    main = app.window("main")
    assert eval_js(qtbot, main, "v2.core.invoke('add', {a: 2, b: 3})") == 5
    assert eval_js(qtbot, main, "v2.core.invoke('slow_echo', {value: 'v'})") == "v"
    assert js_error(qtbot, main, "v2.core.invoke('fail', {reason: 'no way'})") == [
        "string",
        "no way",
    ]
    kind, message = js_error(qtbot, main, "v2.core.invoke('missing')")
    # spec §10's words, then the registered commands, the closest first.
    assert (kind, message) == (
        "string",
        "unknown command missing; registered: fail, slow_echo, add",
    )
    kind, message = js_error(qtbot, main, "v2.core.invoke('add', {a: 'x', b: 1})")
    assert kind == "string"
    assert "argument 'a'" in message
    assert js_error(qtbot, main, "v2.core.invoke('plugin:fs|read_file', {})") == [
        "string",
        "plugin fs not found",
    ]
    # A raw (binary) call reaches the command as its RawBody: this one takes named arguments.
    kind, message = js_error(qtbot, main, "v2.core.invoke('add', new Uint8Array([1]))")
    assert kind == "string"
    assert "missing argument 'a'" in message
    assert app_errors.take(ValueError)  # the failing command, reported to the app too


def test_internals_metadata_and_helpers(app: App, qtbot: Any) -> None:
    other = app.window("other")
    assert eval_js(qtbot, other, "window.__TAURI_INTERNALS__.metadata") == {
        "currentWindow": {"label": "other"},
        "currentWebview": {"label": "other", "windowLabel": "other"},
    }
    assert eval_js(qtbot, other, "v2.core.isTauri()") is True
    assert eval_js(qtbot, other, "v2.core.convertFileSrc('/tmp/a b.png')") == (
        "asset://localhost/%2Ftmp%2Fa%20b.png"
    )
    # transformCallback: a callback the backend (here: the core) can run by id, once or not.
    assert eval_js(
        qtbot,
        other,
        "(() => { const got = [];"
        " const id = v2.core.transformCallback((x) => got.push(x), true);"
        " window.__TAURI_INTERNALS__.runCallback(id, 1);"
        " window.__TAURI_INTERNALS__.runCallback(id, 2);"
        " const keep = v2.core.transformCallback((x) => got.push(x));"
        " window.__TAURI_INTERNALS__.runCallback(keep, 3);"
        " window.__TAURI_INTERNALS__.unregisterCallback(keep);"
        " window.__TAURI_INTERNALS__.runCallback(keep, 4);"
        " return got; })()",
    ) == [1, 3]


# -- window, webviewWindow, webview --------------------------------------------------------------


def test_window_lookups(app: App, qtbot: Any) -> None:
    main = app.window("main")
    assert eval_js(qtbot, main, "v2.window.getCurrentWindow().label") == "main"
    assert eval_js(qtbot, main, "v2.window.Window.getCurrent().label") == "main"
    assert eval_js(qtbot, main, "v2.webviewWindow.getCurrentWebviewWindow().label") == "main"
    assert eval_js(qtbot, main, "v2.webviewWindow.WebviewWindow.getCurrent().label") == "main"
    assert eval_js(qtbot, main, "v2.webview.getCurrentWebview().label") == "main"
    labels = "(ws) => ws.map((w) => w.label)"
    assert eval_js(qtbot, main, f"v2.window.getAllWindows().then({labels})") == ["main", "other"]
    assert eval_js(qtbot, main, f"v2.window.Window.getAll().then({labels})") == ["main", "other"]
    assert eval_js(qtbot, main, f"v2.webviewWindow.WebviewWindow.getAll().then({labels})") == [
        "main",
        "other",
    ]
    assert eval_js(qtbot, main, f"v2.webviewWindow.getAllWebviewWindows().then({labels})") == [
        "main",
        "other",
    ]
    assert eval_js(qtbot, main, f"v2.webview.getAllWebviews().then({labels})") == [
        "main",
        "other",
    ]
    assert eval_js(qtbot, main, "v2.window.Window.getByLabel('other').then((w) => w.label)") == (
        "other"
    )
    assert eval_js(qtbot, main, "v2.window.Window.getByLabel('none')") is None
    assert (
        eval_js(
            qtbot, main, "v2.webviewWindow.WebviewWindow.getByLabel('other').then((w) => w.label)"
        )
        == "other"
    )


@pytest.mark.parametrize(
    "constructor", ["v2.webviewWindow.WebviewWindow", "v2.window.Window"], ids=["ww", "window"]
)
def test_creating_a_window_reports_created_or_error(app: App, qtbot: Any, constructor: str) -> None:
    main = app.window("main")
    create = (
        "new Promise((resolve) => {"
        f" const w = new {constructor}(LABEL, {{url: 'v2.html', title: 'Made by v2', width: 300}});"
        " w.once('tauri://created', (e) => resolve(['created', e.payload ?? null]));"
        " w.once('tauri://error', (e) => resolve(['error', typeof e.payload, e.payload])); })"
    )
    assert eval_js(qtbot, main, create.replace("LABEL", "'made'")) == ["created", None]
    made = app.window("made")
    assert made.title() == "Made by v2"
    qtbot.waitUntil(lambda: made.page_connected, timeout=10_000)
    labels = "v2.window.getAllWindows().then((ws) => ws.map((w) => w.label))"
    assert eval_js(qtbot, main, labels) == ["main", "other", "made"]
    assert eval_js(qtbot, made, "v2.window.getCurrentWindow().label") == "made"
    kind, message = eval_js(qtbot, main, create.replace("LABEL", "'made'"))[1:]
    assert kind == "string"
    assert "already exists" in message


def test_window_methods(app: App, qtbot: Any) -> None:
    main, other = app.window("main"), app.window("other")
    w = "(await v2.window.Window.getByLabel('other'))"
    assert eval_js(qtbot, main, f"{w}.setTitle('Renamed').then(async () => {w}.title())") == (
        "Renamed"
    )
    assert other.title() == "Renamed"
    size = "new v2.window.LogicalSize(333, 222)"
    assert eval_js(
        qtbot,
        main,
        f"{w}.setSize({size}).then(async () => {w}.innerSize())"
        ".then((s) => [s.constructor.name, s.type, s.width, s.height])",
    ) == ["PhysicalSize", "Physical", 333, 222]
    position = "new v2.window.PhysicalPosition(12, 34)"
    assert eval_js(
        qtbot,
        main,
        f"{w}.setPosition({position}).then(async () => {w}.outerPosition())"
        ".then((p) => [p.type, p.x, p.y])",
    ) == ["Physical", 12, 34]
    assert eval_js(qtbot, main, f"{w}.maximize().then(async () => {w}.isMaximized())") is True
    assert eval_js(qtbot, main, f"{w}.toggleMaximize().then(async () => {w}.isMaximized())") is (
        False
    )
    assert eval_js(qtbot, main, f"{w}.unmaximize().then(async () => {w}.isMaximized())") is False
    assert eval_js(qtbot, main, f"{w}.center().then(async () => {w}.scaleFactor())") == 1
    app.window("main").set_focus()
    qtbot.waitUntil(main.webview.isActiveWindow)
    eval_js(qtbot, main, f"{w}.setFocus()")
    qtbot.waitUntil(other.webview.isActiveWindow)
    assert eval_js(qtbot, main, f"{w}.hide().then(async () => {w}.isVisible())") is False
    assert eval_js(qtbot, main, f"{w}.show().then(async () => {w}.isVisible())") is True
    eval_js(qtbot, main, f"{w}.minimize()")
    assert other.webview.isMinimized()
    kind, message = js_error(qtbot, main, f"{w}.setShadow(false)")
    assert kind == "string"
    assert "plugin:window|set_shadow is not supported" in message
    kind, message = js_error(qtbot, main, "new v2.window.Window('gone', {skip: true}).show()")
    assert kind == "string"
    assert "gone" in message
    eval_js(qtbot, main, f"{w}.destroy()")
    assert app.get_window("other") is None
    labels = "v2.window.getAllWindows().then((ws) => ws.map((w) => w.label))"
    assert eval_js(qtbot, main, labels) == ["main"]


def test_close_asks_first_and_destroy_does_not(app: App, qtbot: Any) -> None:
    main, other = app.window("main"), app.window("other")
    heard: list[Event] = []
    app.listen_global("tauri://close-requested", heard.append)
    eval_js(
        qtbot,
        other,
        "v2.window.getCurrentWindow().onCloseRequested((event) => {"
        " record('asked')(event); if (!window.allowClose) event.preventDefault(); })",
    )
    close = "v2.window.Window.getByLabel('other').then((w) => w.close())"
    eval_js(qtbot, main, close)
    wait_js(qtbot, other, "heard.filter((h) => h.tag === 'asked').length === 1")
    assert app.get_window("other") is other  # the page said no
    assert [e.window_label for e in heard] == ["other"]
    eval_js(qtbot, other, "window.allowClose = true")
    with qtbot.waitSignal(other.webview.closed):
        eval_js(qtbot, main, close)  # the page's handler destroys the window
    assert app.get_window("other") is None


def test_close_without_a_close_requested_listener_closes(app: App, qtbot: Any) -> None:
    heard: list[Event] = []
    app.listen_global("tauri://close-requested", heard.append)
    eval_js(
        qtbot, app.window("main"), "v2.window.Window.getByLabel('other').then((w) => w.close())"
    )
    assert app.get_window("other") is None
    assert [e.window_label for e in heard] == ["other"]  # it was asked, all the same


def test_window_listen_emit_and_built_in_helpers(app: App, qtbot: Any) -> None:
    main, other = app.window("main"), app.window("other")
    # Window.listen uses target Window{label}: it hears that window's channel.
    eval_js(qtbot, main, "v2.window.getCurrentWindow().listen('w', record('mine'))")
    eval_js(qtbot, main, "v2.window.getCurrentWindow().onResized(record('resized'))")
    eval_js(qtbot, main, "v2.webviewWindow.getCurrentWebviewWindow().once('w', record('ww'))")
    eval_js(qtbot, main, "v2.window.getCurrentWindow().once('w', record('window-once'))")
    main.emit("w", 1)
    app.emit_to("other", "w", 2)
    main.emit("w", 3)
    wait_js(qtbot, main, "heard.filter((h) => h.tag === 'mine').length === 2")
    assert payloads(qtbot, main, "mine") == [1, 3]
    assert payloads(qtbot, main, "ww") == [1]
    assert payloads(qtbot, main, "window-once") == [1]
    main.set_size(321, 123)
    wait_js(qtbot, main, "heard.some((h) => h.tag === 'resized' && h.payload.width === 321)")
    assert (
        eval_js(qtbot, main, "heard.find((h) => h.tag === 'resized').payload.constructor.name")
        == "PhysicalSize"
    )
    # Window.emit broadcasts (v2): the global channel, whatever the window.
    heard_py: list[Event] = []
    app.listen_global("b", heard_py.append)
    eval_js(qtbot, other, "v2.window.getCurrentWindow().emit('b', 'x')")
    assert [(e.window_label, e.payload) for e in heard_py] == [("other", "x")]
    # emitTo on a window object: the package's emitTo.
    eval_js(qtbot, other, "v2.window.getCurrentWindow().emitTo('main', 'w', 4)")
    wait_js(qtbot, main, "heard.filter((h) => h.tag === 'mine').length === 3")


def test_on_close_requested_can_prevent_or_allow(app: App, qtbot: Any) -> None:
    other = app.window("other")
    eval_js(
        qtbot,
        other,
        "v2.window.getCurrentWindow().onCloseRequested((event) => {"
        " record('asked')(event); if (!window.allowClose) event.preventDefault(); })",
    )
    other.webview.close()
    wait_js(qtbot, other, "heard.filter((h) => h.tag === 'asked').length === 1")
    assert app.get_window("other") is other  # prevented
    eval_js(qtbot, other, "window.allowClose = true")
    with qtbot.waitSignal(other.webview.closed):
        other.webview.close()
    assert app.get_window("other") is None


def test_an_any_listener_of_close_requested_does_not_hold_the_window_open(
    app: App, qtbot: Any
) -> None:
    main, other = app.window("main"), app.window("other")
    eval_js(qtbot, main, "v2.event.listen('tauri://close-requested', record('any-close'))")
    with qtbot.waitSignal(other.webview.closed):
        other.webview.close()
    assert app.get_window("other") is None
    wait_js(qtbot, main, "heard.some((h) => h.tag === 'any-close')")


def test_the_bridge_refuses_a_malformed_reach(app: App, qtbot: Any) -> None:
    main = app.window("main")
    for message, expected in (
        ("{kind: 'listen', event: 'e', window: null, reach: 'far'}", "unknown reach 'far'"),
        ("{kind: 'listen', event: 'e', window: null, reach: 'label'}", "needs a window"),
        ("{kind: 'listen', event: 'e', window: 'main', reach: 'any'}", "needs a window"),
    ):
        error = eval_js(
            qtbot, main, f"window.__QTAURI__.call({message}).catch((e) => [e.name, e.message])"
        )
        assert error[0] == "BridgeMessageError", message
        assert expected in error[1], message


def test_window_options_tauri_has_and_qtauri_lacks_are_ignored(
    app: App, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    main = app.window("main")
    create = (
        "new Promise((resolve) => {"
        " const w = new v2.webviewWindow.WebviewWindow(LABEL, OPTIONS);"
        " w.once('tauri://created', () => resolve('created'));"
        " w.once('tauri://error', (e) => resolve(e.payload)); })"
    )
    # The shim passes every option on; the backend names each of Tauri's it cannot honour
    # once on the log (app/tauriconf.py's window table), as for the config and create_window.
    with caplog.at_level("WARNING", logger="app.config"):
        result = eval_js(
            qtbot,
            main,
            create.replace("LABEL", "'a'").replace(
                "OPTIONS",
                "{url: 'v2.html', transparent: true, shadow: false, tabbingIdentifier: 't'}",
            ),
        )
    assert result == "created"
    assert [record.getMessage() for record in caplog.records] == [
        f"window 'a': options.{name}: Tauri's window option, accepted; it has no effect here"
        for name in ("shadow", "tabbingIdentifier")
    ]
    assert app.window("a").config.transparent  # one qtauri has: honoured
    # An option Tauri does not have either is a mistake: the creation fails, naming it.
    error = eval_js(qtbot, main, create.replace("LABEL", "'b'").replace("OPTIONS", "{colour: 1}"))
    assert "colour" in error
    assert app.get_window("b") is None


def test_invoke_serialises_like_the_package(app: App, qtbot: Any) -> None:
    # An argument with a SERIALIZE_TO_IPC_FN method is sent as what it returns (Tauri's ipc).
    assert (
        eval_js(
            qtbot,
            app.window("main"),
            "v2.core.invoke('add', {a: {[v2.core.SERIALIZE_TO_IPC_FN]() { return 40; }}, b: 2})",
        )
        == 42
    )


def test_on_focus_changed(app: App, qtbot: Any) -> None:
    main, other = app.window("main"), app.window("other")
    other.set_focus()
    qtbot.waitUntil(other.webview.isActiveWindow)
    eval_js(qtbot, main, "v2.window.getCurrentWindow().onFocusChanged(record('focus'))")
    main.set_focus()
    wait_js(qtbot, main, "heard.some((h) => h.tag === 'focus' && h.payload === true)")
    other.set_focus()
    wait_js(qtbot, main, "heard.some((h) => h.tag === 'focus' && h.payload === false)")


def test_more_window_methods(app: App, qtbot: Any) -> None:
    main, other = app.window("main"), app.window("other")
    w = "(await v2.window.Window.getByLabel('other'))"
    other.set_focus()
    qtbot.waitUntil(other.webview.isActiveWindow)
    assert eval_js(qtbot, main, f"{w}.isFocused()") is True
    assert eval_js(qtbot, main, "v2.window.Window.getFocusedWindow().then((w) => w.label)") == (
        "other"
    )
    eval_js(qtbot, main, f"{w}.minimize()")
    assert eval_js(qtbot, main, f"{w}.isMinimized()") is True
    eval_js(qtbot, main, f"{w}.unminimize()")
    assert eval_js(qtbot, main, f"{w}.isMinimized()") is False
    set_full = f"{w}.setFullscreen(VALUE).then(async () => {w}.isFullscreen())"
    assert eval_js(qtbot, main, set_full.replace("VALUE", "true")) is True
    assert other.webview.isFullScreen()
    assert eval_js(qtbot, main, set_full.replace("VALUE", "false")) is False
    set_decorations = f"{w}.setDecorations(VALUE).then(async () => {w}.isDecorated())"
    assert eval_js(qtbot, main, set_decorations.replace("VALUE", "false")) is False
    assert other.webview.isVisible()
    assert eval_js(qtbot, main, set_decorations.replace("VALUE", "true")) is True
    set_top = f"{w}.setAlwaysOnTop(VALUE).then(async () => {w}.isAlwaysOnTop())"
    assert eval_js(qtbot, main, set_top.replace("VALUE", "true")) is True
    assert other.webview.isVisible()
    assert eval_js(qtbot, main, set_top.replace("VALUE", "false")) is False
    outer = eval_js(qtbot, main, f"{w}.outerSize().then((s) => [s.type, s.width, s.height])")
    frame = other.webview.frameGeometry()
    assert outer == ["Physical", frame.width(), frame.height()]
    inner = eval_js(qtbot, main, f"{w}.innerPosition().then((p) => [p.type, p.x, p.y])")
    corner = other.webview.geometry().topLeft()
    assert inner == ["Physical", corner.x(), corner.y()]


def test_unlisten_frees_the_handler_s_callback(app: App, qtbot: Any) -> None:
    main = app.window("main")
    count = "window.__QTAURI__.callbackCount()"
    before = eval_js(qtbot, main, count)
    eval_js(
        qtbot,
        main,
        "Promise.all(Array.from({length: 5}, () => v2.event.listen('c', () => {})))"
        ".then((stops) => Promise.all(stops.map((stop) => stop())))",
    )
    eval_js(qtbot, main, "v2.event.once('c', () => {})")
    app.emit_all("c")
    qtbot.waitUntil(lambda: app.listener_count("c") == 0)
    assert eval_js(qtbot, main, count) == before


def test_large_events_in_many_batches_are_all_heard_in_order(app: App, qtbot: Any) -> None:
    """10 KB strings, lists of small objects and a 100 KB string among small events, in one
    turn: the stream cuts them into many batches by size (router.URGENT_BATCH_CHARS), and the
    package's listener hears every one, in order."""
    main = app.window("main")
    eval_js(qtbot, main, "v2.event.listen('big', record('big'))")
    sent = [*large_and_small_events(), "end"]
    for payload in sent:
        app.emit_all("big", payload)
    wait_js(qtbot, main, f"heard.filter((h) => h.tag === 'big').length === {len(sent)}")
    assert payloads(qtbot, main, "big") == sent
