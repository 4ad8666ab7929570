"""The side path for large bytes (spec §6.8, issue 18 item 3), through real pages: large
bytes come on each page's loopback WebSocket with their place kept in the ordered stream,
small ones stay inline, the socket takes only its page's connection, and without it the
bytes still arrive, in order, inline."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from PySide6.QtCore import QMetaObject, Qt, QUrl
from PySide6.QtWebSockets import QWebSocket

from app import App, Channel, command
from app.bridge import sidepath
from app.commands.rawbody import Response
from app.events.sidebytes import SIDE_THRESHOLD
from tests.js import eval_js, wait_js

LISTEN = {"own": "window.__TAURI__.event.listen", "v1": "v1.event.listen", "v2": "v2.event.listen"}
LABELS = {"own": "main", "v1": "old", "v2": "new"}
BIG = SIDE_THRESHOLD * 4

# Each heard payload, as a number or as [length, first byte, last byte] of bytes.
HEARD = (
    "heard.filter((h) => h.tag === {tag!r}).map((h) => h.payload instanceof Uint8Array"
    " ? [h.payload.length, h.payload[0], h.payload[h.payload.length - 1]] : h.payload)"
)

opened: list[Channel[Any]] = []


@command
def download(size: int) -> Response:
    return Response(bytes([size % 256]) * size)


@command
def subscribe(on_event: Channel[Any]) -> None:
    opened.append(on_event)


@pytest.fixture(autouse=True)
def forget() -> None:
    opened.clear()


pytestmark = [
    pytest.mark.webengine,
    pytest.mark.app(
        "compat",
        windows=tuple((label, page) for page, label in LABELS.items()),
        commands=(download, subscribe),
    ),
]


def side(app: App) -> Any:
    assert app.hub._side is not None, "the side path was not started"
    return app.hub._side


def frames_sent(app: App, label: str) -> int:
    return sum(p.sequence for p in side(app)._pages.values() if p.label == label)


def listen_everywhere(app: App, qtbot: Any, event: str) -> None:
    for kind, label in LABELS.items():
        eval_js(qtbot, app.window(label), f"{LISTEN[kind]}({event!r}, record({event!r}))")


def connect_everyone(app: App, qtbot: Any) -> None:
    """The first large bytes start the server and offer each page a socket."""
    listen_everywhere(app, qtbot, "warm")
    app.emit_all("warm", bytes(BIG))
    qtbot.waitUntil(
        lambda: (
            app.hub._side is not None
            and sum(p.connected for p in app.hub._side._pages.values()) == len(LABELS)
        ),
        timeout=10_000,
    )


def mixed(count: int) -> tuple[list[Any], list[Any]]:
    """Small events and large bytes interleaved: what to send, and what a page must hear."""
    sent: list[Any] = []
    heard: list[Any] = []
    for n in range(count):
        if n % 3 == 1:
            data = bytes([n % 256]) * (BIG + n)
            sent.append(data)
            heard.append([len(data), n % 256, n % 256])
        else:
            sent.append(n)
            heard.append(n)
    return sent, heard


def test_large_bytes_keep_their_place_among_small_events(app: App, qtbot: Any) -> None:
    connect_everyone(app, qtbot)
    listen_everywhere(app, qtbot, "mix")
    sent, expected = mixed(30)
    before = {label: frames_sent(app, label) for label in LABELS.values()}
    for payload in sent:
        app.emit_all("mix", payload)
    for label in LABELS.values():
        window = app.window(label)
        wait_js(qtbot, window, "heard.filter((h) => h.tag === 'mix').length === 30")
        assert eval_js(qtbot, window, HEARD.format(tag="mix")) == expected, label
        # All ten large ones went on the socket, none inline.
        assert frames_sent(app, label) - before[label] == 10


def test_bytes_below_the_threshold_stay_inline(app: App, qtbot: Any) -> None:
    connect_everyone(app, qtbot)
    listen_everywhere(app, qtbot, "small")
    before = frames_sent(app, "main")
    app.window("main").emit("small", bytes([7]) * (SIDE_THRESHOLD - 1))
    app.window("main").emit("small", bytes([8]) * SIDE_THRESHOLD)
    wait_js(qtbot, app.window("main"), "heard.filter((h) => h.tag === 'small').length === 2")
    assert eval_js(qtbot, app.window("main"), HEARD.format(tag="small")) == [
        [SIDE_THRESHOLD - 1, 7, 7],
        [SIDE_THRESHOLD, 8, 8],
    ]
    assert frames_sent(app, "main") - before == 1  # only the one at the threshold


def test_python_listeners_hear_large_bytes_as_they_were(app: App, qtbot: Any) -> None:
    heard: list[object] = []
    app.listen_global("big", lambda event: heard.append(event.payload))
    data = bytes(range(256)) * (BIG // 256)
    app.emit("big", data)
    qtbot.waitUntil(lambda: len(heard) == 1)
    assert heard == [data]


def client(qtbot: Any, port: int, origin: str, first: str | None) -> QWebSocket:
    """A raw client of the side path, as any local process could make one, connected."""
    socket = QWebSocket(origin)
    if first is not None:
        socket.connected.connect(lambda: socket.sendTextMessage(first))
    with qtbot.waitSignal(socket.connected, timeout=5000):
        socket.open(QUrl(f"ws://127.0.0.1:{port}"))
    return socket


def expected_page(app: App, qtbot: Any) -> Any:
    """A document of window main that the side path expects but that has not connected."""
    connect_everyone(app, qtbot)
    side(app)._prepare("main", "a-document-yet-to-connect")
    return side(app)._pages["main\na-document-yet-to-connect"]


@pytest.mark.parametrize(
    "case", ["wrong token", "missing token", "bytes first", "wrong origin", "extra"]
)
def test_only_the_page_s_own_connection_is_accepted(
    app: App,
    qtbot: Any,
    case: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(sidepath, "TOKEN_TIMEOUT_MS", 300)
    page = expected_page(app, qtbot)
    first = {"wrong token": "0" * 64, "missing token": None}.get(case, page.token)
    origin = "http://evil.example" if case == "wrong origin" else page.origin
    if case == "extra":  # the page's own connection first: then no other
        client(qtbot, side(app).port, page.origin, page.token)
        qtbot.waitUntil(lambda: page.connected)
    intruder = QWebSocket(origin)
    if case == "bytes first":
        intruder.connected.connect(lambda: intruder.sendBinaryMessage(page.token.encode()))
    elif first is not None:
        intruder.connected.connect(lambda: intruder.sendTextMessage(first))
    with (
        caplog.at_level(logging.WARNING, logger="app.bridge.sidepath"),
        qtbot.waitSignal(intruder.disconnected, timeout=5000),
    ):
        intruder.open(QUrl(f"ws://127.0.0.1:{side(app).port}"))
    why = {
        "wrong token": "a wrong token",
        "missing token": "no token in time",
        "bytes first": "bytes before its token",
        "wrong origin": "is not an app page's",
        "extra": "a second connection",
    }[case]
    qtbot.waitUntil(lambda: "refused a connection: " in caplog.text)
    assert why in caplog.text
    assert page.connected is (case == "extra")


def test_the_page_s_token_from_its_origin_is_accepted(app: App, qtbot: Any) -> None:
    """The other tests' control: the same client with the right token and origin stays."""
    page = expected_page(app, qtbot)
    socket = client(qtbot, side(app).port, page.origin, page.token)
    qtbot.waitUntil(lambda: page.connected)
    assert socket.state() == socket.state().ConnectedState


def test_another_page_s_token_does_not_reach_this_page(app: App, qtbot: Any) -> None:
    connect_everyone(app, qtbot)
    main = next(p for p in side(app)._pages.values() if p.label == "main")
    # The page "old" presents main's token: main's socket is taken, so it is refused.
    eval_js(
        qtbot,
        app.window("old"),
        f"(() => {{ const s = new WebSocket('ws://127.0.0.1:{side(app).port}');"
        f" s.onopen = () => s.send({main.token!r});"
        " s.onclose = () => { window.stolenClosed = true; }; return true; })()",
    )
    wait_js(qtbot, app.window("old"), "window.stolenClosed === true")


def test_without_a_server_bytes_come_inline_in_order(
    app: App, qtbot: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def fail(self: Any) -> None:
        self.failed.emit("refused by the test")

    monkeypatch.setattr(sidepath._Server, "start", fail)
    listen_everywhere(app, qtbot, "mix")
    sent, expected = mixed(12)
    with caplog.at_level(logging.WARNING, logger="app.bridge.sidepath"):
        for payload in sent:
            app.emit_all("mix", payload)
        for label in LABELS.values():
            window = app.window(label)
            wait_js(qtbot, window, "heard.filter((h) => h.tag === 'mix').length === 12")
            assert eval_js(qtbot, window, HEARD.format(tag="mix")) == expected, label
        qtbot.waitUntil(lambda: "did not start" in caplog.text)
    assert all(p.sequence == 0 for p in side(app)._pages.values())


def test_bytes_lost_with_the_socket_come_inline_in_order(
    app: App, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    connect_everyone(app, qtbot)
    listen_everywhere(app, qtbot, "mix")
    key, page = next((k, p) for k, p in side(app)._pages.items() if p.label == "main")
    socket = side(app)._server._sockets[key]
    sent, expected = mixed(30)
    with caplog.at_level(logging.WARNING, logger="app.bridge.sidepath"):
        # Closed on the worker thread before it sends these: the ten frames are lost.
        QMetaObject.invokeMethod(socket, "close", Qt.ConnectionType.QueuedConnection)
        for payload in sent:
            app.window("main").emit("mix", payload)
        wait_js(qtbot, app.window("main"), "heard.filter((h) => h.tag === 'mix').length === 30")
        assert eval_js(qtbot, app.window("main"), HEARD.format(tag="mix")) == expected
        assert "socket closed" in caplog.text
    assert not page.connected
    # Later large bytes come inline, and still arrive.
    app.window("main").emit("mix", bytes([5]) * BIG)
    wait_js(qtbot, app.window("main"), "heard.filter((h) => h.tag === 'mix').length === 31")
    assert page.sequence == 10


def test_a_reloaded_page_gets_a_socket_of_its_own_and_the_old_one_goes(
    app: App, qtbot: Any
) -> None:
    connect_everyone(app, qtbot)
    old = {k: p.token for k, p in side(app)._pages.items() if p.label == "main"}
    with qtbot.waitSignal(app.window("main").page.loadFinished, timeout=10_000):
        app.window("main").page.triggerAction(app.window("main").page.WebAction.Reload)
    qtbot.waitUntil(lambda: not side(app)._server._sockets.keys() & old.keys())
    qtbot.waitUntil(lambda: eval_js(qtbot, app.window("main"), "window.compatReady === true"))
    listen_everywhere(app, qtbot, "again")
    app.window("main").emit("again", bytes([9]) * BIG)  # inline: the new page is offered one
    qtbot.waitUntil(
        lambda: any(p.connected for p in side(app)._pages.values() if p.label == "main")
    )
    app.window("main").emit("again", bytes([8]) * BIG)
    wait_js(qtbot, app.window("main"), "heard.filter((h) => h.tag === 'again').length === 2")
    assert eval_js(qtbot, app.window("main"), HEARD.format(tag="again")) == [
        [BIG, 9, 9],
        [BIG, 8, 8],
    ]
    new = [p for p in side(app)._pages.values() if p.label == "main"]
    assert [p.sequence for p in new] == [1]
    assert new[0].token not in old.values()


def test_the_server_thread_ends_with_the_app(app: App, qtbot: Any) -> None:
    connect_everyone(app, qtbot)
    thread = side(app)._thread
    assert thread is not None
    assert thread.isRunning()
    app.close()
    assert thread.isFinished()


def test_channel_bytes_take_the_side_path_in_order(app: App, qtbot: Any) -> None:
    connect_everyone(app, qtbot)
    window = app.window(LABELS["v2"])
    eval_js(
        qtbot,
        window,
        "(() => { window.got = [];"
        " const channel = new v2.core.Channel((m) => window.got.push(m instanceof ArrayBuffer"
        " ? [m.byteLength, new Uint8Array(m)[0], new Uint8Array(m)[m.byteLength - 1]] : m));"
        " return v2.core.invoke('subscribe', {onEvent: channel}); })()",
    )
    before = frames_sent(app, LABELS["v2"])
    sent, expected = mixed(12)
    for payload in sent:
        opened[0].send(payload)
    wait_js(qtbot, window, "window.got.length === 12")
    assert eval_js(qtbot, window, "window.got") == expected
    assert frames_sent(app, LABELS["v2"]) - before == 4


@pytest.mark.parametrize("kind", ["own", "v1", "v2"])
def test_a_large_response_takes_the_side_path(app: App, qtbot: Any, kind: str) -> None:
    connect_everyone(app, qtbot)
    invoke = {"own": "window.__TAURI__.invoke", "v1": "v1.tauri.invoke", "v2": "v2.core.invoke"}
    window = app.window(LABELS[kind])
    before = frames_sent(app, LABELS[kind])
    got = eval_js(
        qtbot,
        window,
        f"{invoke[kind]}('download', {{size: {BIG + 3}}}).then((b) => b instanceof ArrayBuffer"
        " ? [b.byteLength, new Uint8Array(b)[0], new Uint8Array(b)[b.byteLength - 1]] : 'no')",
    )
    assert got == [BIG + 3, (BIG + 3) % 256, (BIG + 3) % 256]
    assert frames_sent(app, LABELS[kind]) - before == 1
