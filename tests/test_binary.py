"""Bytes as payloads (spec §6.7, issue 18 item 3), through real pages: this project's API and
the official v1 and v2 packages, side by side in one app. Events of bytes arrive as
``Uint8Array``, a command's ``Response`` and a ``Channel``'s bytes as ``ArrayBuffer``, a page's
bytes reach Python as ``bytes``, and bytes keep their place among the events around them."""

from __future__ import annotations

import array
from typing import Any

import pytest

from app import App, Channel, Event, command
from app.commands.rawbody import RawBody, Response
from tests.js import eval_js, wait_js

LISTEN = {"own": "window.__TAURI__.event.listen", "v1": "v1.event.listen", "v2": "v2.event.listen"}
INVOKE = {"own": "window.__TAURI__.invoke", "v1": "v1.tauri.invoke", "v2": "v2.core.invoke"}
LABELS = {"own": "main", "v1": "old", "v2": "new"}

# What a page's listener heard, with bytes shown as {type, bytes} so the test sees both.
HEARD = (
    "heard.filter((h) => h.tag === {tag!r}).map((h) => h.payload instanceof Uint8Array"
    " ? {{type: h.payload.constructor.name, own: h.payload.byteOffset === 0"
    " && h.payload.byteLength === h.payload.buffer.byteLength, bytes: Array.from(h.payload)}}"
    " : h.payload)"
)
BUFFER = "((b) => b instanceof ArrayBuffer ? Array.from(new Uint8Array(b)) : ['not bytes', b])"

received: list[RawBody | None] = []
opened: list[Channel[Any]] = []


@command
def upload(body: RawBody | None) -> int:
    received.append(body)
    return 0 if body is None else len(body.data)


@command
def download(size: int) -> Response:
    return Response(bytes(n % 256 for n in range(size)))


@command
def plain_bytes() -> bytes:
    return b"\x00\x01\xff"


@command
def subscribe(on_event: Channel[Any]) -> None:
    opened.append(on_event)


@pytest.fixture(autouse=True)
def forget() -> None:
    received.clear()
    opened.clear()


pytestmark = [
    pytest.mark.webengine,
    pytest.mark.app(
        "compat",
        windows=tuple((label, page) for page, label in LABELS.items()),
        commands=(upload, download, plain_bytes, subscribe),
    ),
]


def listen_everywhere(app: App, qtbot: Any, event: str) -> None:
    for kind, label in LABELS.items():
        eval_js(qtbot, app.window(label), f"{LISTEN[kind]}({event!r}, record({event!r}))")


def test_bytes_events_arrive_as_uint8array_in_every_api(app: App, qtbot: Any) -> None:
    listen_everywhere(app, qtbot, "blob")
    data = bytes(range(256)) * 3
    app.emit_all("blob", data)
    app.emit_all("blob", bytearray(b"\x00\xfe"))
    app.emit_all("blob", memoryview(array.array("H", [1, 258])))  # its bytes, as they lie
    app.emit_all("blob", memoryview(b"abcdef")[::2])  # not contiguous: read in order
    app.emit_all("blob", b"")
    expected = [list(data), [0, 254], list(array.array("H", [1, 258]).tobytes()), list(b"ace"), []]
    for label in LABELS.values():
        window = app.window(label)
        wait_js(qtbot, window, "heard.filter((h) => h.tag === 'blob').length === 5")
        got = eval_js(qtbot, window, HEARD.format(tag="blob"))
        assert [h["bytes"] for h in got] == expected, label
        assert {h["type"] for h in got} == {"Uint8Array"}
        assert all(h["own"] for h in got)  # each on a buffer of its own


def test_bytes_inside_a_payload_are_numbers_as_tauri_writes_them(app: App, qtbot: Any) -> None:
    listen_everywhere(app, qtbot, "row")
    app.emit_all("row", {"id": 1, "blob": b"\x01\x02", "parts": [bytearray(b"\xff")]})
    for label in LABELS.values():
        window = app.window(label)
        wait_js(qtbot, window, "heard.some((h) => h.tag === 'row')")
        assert eval_js(qtbot, window, HEARD.format(tag="row")) == [
            {"id": 1, "blob": [1, 2], "parts": [[255]]}
        ]


def test_bytes_keep_their_place_among_small_events(app: App, qtbot: Any) -> None:
    listen_everywhere(app, qtbot, "mix")
    sent: list[Any] = []
    for n in range(60):
        payload: Any = bytes([n]) * (1 + 5000 * (n % 3)) if n % 2 else n
        sent.append(list(payload) if n % 2 else n)
        app.emit_all("mix", payload)
    for label in LABELS.values():
        window = app.window(label)
        wait_js(qtbot, window, "heard.filter((h) => h.tag === 'mix').length === 60")
        got = eval_js(qtbot, window, HEARD.format(tag="mix"))
        assert [h["bytes"] if isinstance(h, dict) else h for h in got] == sent, label


def test_a_page_s_bytes_reach_python_as_bytes_and_pages_as_uint8array(app: App, qtbot: Any) -> None:
    heard: list[object] = []
    app.listen_global("up", lambda event: heard.append(event.payload))
    listen_everywhere(app, qtbot, "up")
    main = app.window("main")
    eval_js(qtbot, main, "window.__TAURI__.event.emit('up', new Uint8Array([1, 2, 3]))")
    eval_js(qtbot, main, "window.__TAURI__.event.emit('up', new Uint16Array([258]).buffer)")
    eval_js(
        qtbot,
        main,
        "window.__TAURI__.event.emit('up', new DataView(new Uint8Array([9, 8, 7]).buffer, 1))",
    )
    assert heard == [b"\x01\x02\x03", b"\x02\x01", b"\x08\x07"]
    for label in LABELS.values():
        window = app.window(label)
        wait_js(qtbot, window, "heard.filter((h) => h.tag === 'up').length === 3")
        got = eval_js(qtbot, window, HEARD.format(tag="up"))
        assert [h["bytes"] for h in got] == [[1, 2, 3], [2, 1], [8, 7]], label


@pytest.mark.parametrize("kind", ["own", "v2"])
def test_raw_invoke_bodies_both_ways(app: App, qtbot: Any, kind: str) -> None:
    window = app.window(LABELS[kind])
    invoke = INVOKE[kind]
    body = "new Uint8Array([5, 6, 7, 8]).subarray(1)"
    assert (
        eval_js(qtbot, window, f"{invoke}('upload', {body}, {{headers: {{'X-Name': 'a'}}}})") == 3
    )
    assert received[0] is not None
    assert received[0].data == b"\x06\x07\x08"
    assert dict(received[0].headers) == {"X-Name": "a"}
    assert eval_js(qtbot, window, f"{invoke}('download', {{size: 300}}).then({BUFFER})") == [
        n % 256 for n in range(300)
    ]
    # Plain bytes are a number array, as Tauri answers a Vec<u8>.
    assert eval_js(qtbot, window, f"{invoke}('plain_bytes')") == [0, 1, 255]


def test_the_v1_package_gets_a_response_as_an_arraybuffer(app: App, qtbot: Any) -> None:
    window = app.window(LABELS["v1"])
    assert eval_js(qtbot, window, f"v1.tauri.invoke('download', {{size: 3}}).then({BUFFER})") == [
        0,
        1,
        2,
    ]


def test_channel_bytes_arrive_as_arraybuffer_in_order(app: App, qtbot: Any) -> None:
    window = app.window(LABELS["v2"])
    eval_js(
        qtbot,
        window,
        "(() => { window.got = [];"
        " const channel = new v2.core.Channel((m) => window.got.push("
        "m instanceof ArrayBuffer ? {bytes: Array.from(new Uint8Array(m))} : m));"
        " return v2.core.invoke('subscribe', {onEvent: channel}); })()",
    )
    channel = opened[0]
    expected: list[Any] = []
    for n in range(20):
        if n % 2:
            channel.send(bytes([n, n]))
            expected.append({"bytes": [n, n]})
        else:
            channel.send({"n": n, "nested": b"\x01"})
            expected.append({"n": n, "nested": [1]})
    wait_js(qtbot, window, "window.got.length === 20")
    assert eval_js(qtbot, window, "window.got") == expected


def test_a_python_listener_hears_python_bytes_as_they_were(app: App, qtbot: Any) -> None:
    heard: list[Event] = []
    app.listen_global("local", heard.append)
    app.trigger_global("local", bytearray(b"xyz"))
    app.trigger_global("local", b"")
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert heard[1].payload == b""
    assert heard[0].payload == b"xyz"  # read back from its JSON, as every payload (spec §6.2)
    assert type(heard[0].payload) is bytes
