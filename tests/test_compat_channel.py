"""``app.Channel``: a command streams to the v2 package's ``Channel`` (issue 4): in order from
any thread, large messages too, and closing it on the Python side ends it in JS."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from app import App, Channel, ChannelClosed, command
from app.commands.channel import parse_channel_id
from tests.js import eval_js, wait_js

# The channels the commands below were given, for the test to drive.
opened: list[Channel[Any]] = []


@command
def subscribe(on_event: Channel[Any]) -> int:
    opened.append(on_event)
    return on_event.id


@command(thread=True)
def count(to: int, on_progress: Channel[int]) -> str:
    with on_progress:  # closes the channel at the end: the page's Channel ends
        for n in range(to):
            on_progress.send(n)
    return "counted"


@command
def optional_channel(on_event: Channel[Any] | None = None) -> bool:
    return on_event is None


@pytest.fixture(autouse=True)
def forget_channels() -> None:
    opened.clear()


pytestmark = [
    pytest.mark.webengine,
    pytest.mark.app(
        "compat", windows=(("main", "v2"),), commands=(subscribe, count, optional_channel)
    ),
]


SUBSCRIBE = (
    "(() => { window.got = [];"
    " window.channel = new v2.core.Channel((m) => window.got.push(m));"
    " return v2.core.invoke('subscribe', {onEvent: window.channel}); })()"
)


@pytest.mark.webengine
def test_a_command_gets_the_page_s_channel(app: App, qtbot: Any) -> None:
    main = app.window("main")
    channel_id = eval_js(qtbot, main, SUBSCRIBE)
    assert [c.id for c in opened] == [channel_id]
    assert opened[0].label == "main"
    assert eval_js(qtbot, main, "window.channel.id") == channel_id


@pytest.mark.webengine
def test_messages_from_many_threads_arrive_in_send_order(app: App, qtbot: Any) -> None:
    main = app.window("main")
    eval_js(qtbot, main, SUBSCRIBE)
    channel = opened[0]
    sent: list[int] = []
    lock = threading.Lock()

    def produce(base: int) -> None:
        for n in range(200):
            with lock:  # the order they were sent in is the order the page must see
                channel.send(base + n)
                sent.append(base + n)

    threads = [threading.Thread(target=produce, args=(k * 1000,)) for k in range(4)]
    for thread in threads:
        thread.start()
    channel.send(-1)  # from the GUI thread, too, meanwhile
    for thread in threads:
        thread.join()
    wait_js(qtbot, main, "window.got.length === 801", timeout=10_000)
    got = eval_js(qtbot, main, "window.got")
    assert got.count(-1) == 1
    assert [n for n in got if n != -1] == sent


@pytest.mark.webengine
def test_large_messages_arrive_whole_and_in_order(app: App, qtbot: Any) -> None:
    main = app.window("main")
    eval_js(qtbot, main, SUBSCRIBE)
    channel = opened[0]
    big = [f"{n}:" + "x" * (3 * 1024 * 1024) for n in range(3)]  # 3 MiB each
    for value in big:
        channel.send(value)
    channel.send("small")
    wait_js(qtbot, main, "window.got.length === 4", timeout=15_000)
    assert eval_js(qtbot, main, "window.got.map((m) => [m.slice(0, 2), m.length])") == [
        ["0:", 3 * 1024 * 1024 + 2],
        ["1:", 3 * 1024 * 1024 + 2],
        ["2:", 3 * 1024 * 1024 + 2],
        ["sm", 5],
    ]


@pytest.mark.webengine
def test_a_threaded_command_streams_then_ends_the_channel(app: App, qtbot: Any) -> None:
    main = app.window("main")
    result = eval_js(
        qtbot,
        main,
        "(() => { window.got = []; window.progress = new v2.core.Channel();"
        " window.progress.onmessage = (m) => window.got.push(m);"
        " return v2.core.invoke('count', {to: 50, onProgress: window.progress}); })()",
    )
    assert result == "counted"
    wait_js(qtbot, main, "window.got.length === 50")
    assert eval_js(qtbot, main, "window.got") == list(range(50))
    # Ended: the page dropped the channel's callback, so nothing can reach its handler now.
    wait_js(qtbot, main, "!window.__QTAURI__.runCallback(window.progress.id, {index: 50})")


@pytest.mark.webengine
def test_closing_ends_the_channel_in_js_and_later_sends_raise(app: App, qtbot: Any) -> None:
    main = app.window("main")
    channel_id = eval_js(qtbot, main, SUBSCRIBE)
    channel = opened[0]
    channel.send("last")
    channel.close()
    channel.close()  # twice: nothing more
    assert channel.closed
    with pytest.raises(ChannelClosed):
        channel.send("too late")
    wait_js(qtbot, main, "window.got.length === 1")
    wait_js(qtbot, main, f"!window.__QTAURI__.runCallback({channel_id}, {{index: 1}})")
    assert eval_js(qtbot, main, "window.got") == ["last"]


@pytest.mark.webengine
def test_a_channel_whose_page_went_away_closes(app: App, qtbot: Any) -> None:
    main = app.window("main")
    eval_js(qtbot, main, SUBSCRIBE)
    channel = opened[0]
    with qtbot.waitSignal(main.page.loadFinished):
        main.page.triggerAction(main.page.WebAction.Reload)
    channel.send("to nobody")  # the document it belonged to is gone
    qtbot.waitUntil(lambda: channel.closed)
    with pytest.raises(ChannelClosed):
        channel.send("again")


@pytest.mark.webengine
def test_bad_channel_values_are_argument_errors(app: App, qtbot: Any) -> None:
    main = app.window("main")
    for value in ("'nope'", "'__CHANNEL__:x'", "5", "{}"):
        message = eval_js(
            qtbot, main, f"v2.core.invoke('subscribe', {{onEvent: {value}}}).catch((e) => e)"
        )
        assert "argument 'on_event'" in message, value
        assert "__CHANNEL__:ID" in message, value
    assert eval_js(qtbot, main, "v2.core.invoke('optional_channel')") is True
    assert (
        eval_js(
            qtbot,
            main,
            "v2.core.invoke('optional_channel', {onEvent: new v2.core.Channel()})",
        )
        is False
    )
    assert opened == []


@pytest.mark.webengine
def test_send_rejects_what_json_cannot_carry(app: App, qtbot: Any) -> None:
    eval_js(qtbot, app.window("main"), SUBSCRIBE)
    with pytest.raises(TypeError):
        opened[0].send(object())
    assert not opened[0].closed


def test_parse_channel_id() -> None:
    assert parse_channel_id("__CHANNEL__:42") == 42
    for bad in ("__CHANNEL__:", "__CHANNEL__:-1", "__CHANNEL__:1 ", "CHANNEL:1", 1, None):
        with pytest.raises(ValueError, match="__CHANNEL__:ID"):
            parse_channel_id(bad)
