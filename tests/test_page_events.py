"""Events with real pages: event objects, the two ways to load the API, readiness (spec §7),
reloads, closing, payload types, and errors from the page side."""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Callable
from typing import Any

import pytest

from app import App, Event, Window, WindowNotFound
from app.bridge.requests import PageRequests
from app.testing import AppErrors
from tests.conftest import page_config
from tests.direct import call_directly
from tests.js import JsError, eval_js, wait_js, wait_loaded

pytestmark = pytest.mark.webengine


def one_window(make_app: Callable[..., App], qtbot: Any, **events: Any) -> tuple[App, Window]:
    app = make_app(page_config("main", **events))
    wait_loaded(qtbot, app)
    return app, app.window("main")


def two_windows(make_app: Callable[..., App], qtbot: Any) -> tuple[App, Window, Window]:
    app = make_app(page_config("main", "other"))
    wait_loaded(qtbot, app)
    return app, app.window("main"), app.window("other")


# -- the event objects (spec §4) ------------------------------------------------------------


def test_js_handlers_get_their_own_event_object_with_the_four_fields(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app, main = one_window(make_app, qtbot)
    eval_js(
        qtbot, main, "Promise.all([api.listen('e', record('a')), api.listen('e', record('b'))])"
    )
    app.emit_all("e", {"nested": [1, "two", None]})
    wait_js(qtbot, main, "tagged('a').length && tagged('b').length")
    first, second = eval_js(qtbot, main, "[tagged('a')[0], tagged('b')[0]]")
    for entry in (first, second):
        assert entry["keys"] == ["event", "id", "payload", "windowLabel"]
        assert entry["event"] == "e"
        assert entry["windowLabel"] is None
        assert entry["payload"] == {"nested": [1, "two", None]}
        assert entry["fresh"] is True  # not the object the other handler got
    assert first["id"] != second["id"]
    assert app.listener_count("e") == 2


def test_js_payload_defaults_to_null(make_app: Callable[..., App], qtbot: Any) -> None:
    app, main = one_window(make_app, qtbot)
    heard: list[Event] = []
    app.listen_global("e", heard.append)
    eval_js(qtbot, main, "api.listen('e', record('e')).then(() => api.emit('e'))")
    assert [event.payload for event in heard] == [None]
    assert eval_js(qtbot, main, "tagged('e')[0].payload") is None


def test_python_handlers_get_an_event_with_source_id_and_parsed_payload(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    _app, main = one_window(make_app, qtbot)
    heard: list[Event] = []
    listener_id = main.listen("e", heard.append)
    eval_js(qtbot, main, "api.appWindow.emit('e', {a: [1, 2.5, true, null, 'x']})")
    assert heard == [Event("e", "main", listener_id, {"a": [1, 2.5, True, None, "x"]})]
    with pytest.raises(dataclasses.FrozenInstanceError):
        heard[0].event = "changed"  # type: ignore[misc]


def test_emit_resolves_after_the_emitting_page_heard_its_own_event(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    _app, main = one_window(make_app, qtbot)
    count = eval_js(
        qtbot,
        main,
        "api.listen('e', record('e')).then(() => api.emit('e', 1)).then(() => log.length)",
    )
    assert count == 1


# -- loading the API (spec §9) --------------------------------------------------------------


def test_verbatim_module_imports_and_the_global_are_one_api(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    _app, main = one_window(make_app, qtbot)
    same = eval_js(
        qtbot,
        main,
        "[api.emit === window.__TAURI__.event.emit,"
        " api.listen === window.__TAURI__.event.listen,"
        " api.WebviewWindow === window.__TAURI__.window.WebviewWindow,"
        " api.invoke === window.__TAURI__.tauri.invoke,"
        " api.index.event.emit === api.emit,"
        " api.appWindow.label, api.getCurrent().label,"
        " api.getAll().map((w) => w.label), typeof api.once]",
    )
    assert same == [True, True, True, True, True, "main", "main", ["main"], "function"]


def test_classic_scripts_use_the_global(make_app: Callable[..., App], qtbot: Any) -> None:
    app = make_app(
        page_config({"label": "main", "url": "classic.html"}),
        setup=lambda app: app.emit_all("setup-event", "from setup"),
    )
    wait_loaded(qtbot, app)
    main = app.window("main")
    wait_js(qtbot, main, "window.log.length === 1")
    assert eval_js(qtbot, main, "window.log") == [{"tag": "classic", "payload": "from setup"}]


# -- readiness (spec §7) --------------------------------------------------------------------


def test_emit_all_in_setup_reaches_listeners_at_page_start_and_after_top_level_await(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    def setup(app: App) -> None:
        app.emit_all("setup-event", 1)
        app.emit_to("main", "setup-event", 2)

    app = make_app(page_config({"label": "main", "url": "late.html"}, "other"), setup=setup)
    wait_loaded(qtbot, app)
    main, other = app.window("main"), app.window("other")
    wait_js(qtbot, main, "window.log.length === 4")
    assert eval_js(qtbot, main, "window.log") == [
        {"tag": "start", "payload": 1},
        {"tag": "start", "payload": 2},
        {"tag": "after-await", "payload": 1},
        {"tag": "after-await", "payload": 2},
    ]
    # The other window's page-start listener got the global one only, exactly once.
    wait_js(qtbot, other, "tagged('start').length === 1")
    assert [e["payload"] for e in eval_js(qtbot, other, "tagged('start')")] == [1]


def test_kept_events_are_not_replayed_after_the_deadline(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config("main", readyGraceMs=0))
    app.emit_all("early", "kept?")
    wait_loaded(qtbot, app)
    main = app.window("main")
    qtbot.waitUntil(lambda: app.hub.is_ready("main"))
    eval_js(qtbot, main, "api.listen('early', record('early'))")
    app.emit_all("early", "live")
    wait_js(qtbot, main, "tagged('early').length")
    assert [e["payload"] for e in eval_js(qtbot, main, "tagged('early')")] == ["live"]


def test_listen_resolves_only_after_the_backend_registered_it(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app, main = one_window(make_app, qtbot, readyGraceMs=0)
    qtbot.waitUntil(lambda: app.hub.is_ready("main"))
    before = app.listener_count("x")
    eval_js(qtbot, main, "api.listen('x', record('x'))")
    assert app.listener_count("x") == before + 1
    app.emit_all("x", "right after")
    wait_js(qtbot, main, "tagged('x').length === 1")


# -- lifecycle -----------------------------------------------------------------------------


def test_twenty_reloads_leave_one_delivery_per_listener_and_no_growth(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app, main = one_window(make_app, qtbot)
    start_count = app.listener_count()
    for _ in range(20):
        with qtbot.waitSignal(main.page.loadFinished, timeout=10_000):
            main.page.triggerAction(main.page.WebAction.Reload)
        wait_js(qtbot, main, "window.recorderReady")
    assert app.listener_count() == start_count
    app.emit_all("ping", "once")
    app.emit_all("sentinel")
    eval_js(qtbot, main, "api.listen('sentinel', record('sentinel'))")
    app.emit_all("sentinel")
    wait_js(qtbot, main, "tagged('sentinel').length")
    assert [e["payload"] for e in eval_js(qtbot, main, "tagged('ping')")] == ["once"]


def test_closing_a_window_drops_its_listeners_and_later_emits_raise(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app, main, other = two_windows(make_app, qtbot)
    other.listen("e", lambda _e: None)
    eval_js(qtbot, other, "api.appWindow.listen('e', record('e'))")
    global_id = app.listen_global("e", lambda _e: None)
    before = app.listener_count()
    other_listeners = 2 + 1  # the page-start listeners and its own 'e'

    other.close()

    assert app.get_window("other") is None
    assert list(app.windows()) == ["main"]
    assert app.listener_count() == before - other_listeners - 1
    with pytest.raises(WindowNotFound):
        app.emit_to("other", "e")
    with pytest.raises(WindowNotFound):
        other.emit("e")
    with pytest.raises(WindowNotFound):
        other.listen("e", print)
    app.unlisten(global_id)
    wait_js(qtbot, main, "api.getAll().length === 1")
    assert eval_js(qtbot, main, "api.WebviewWindow.getByLabel('other')") is None
    with pytest.raises(JsError, match="WindowNotFound: no window with label 'other'"):
        eval_js(
            qtbot,
            main,
            "api.emit.call(null, 'e').then(() => "
            "new api.WebviewWindow('other', {skip: true}).emit('e'))",
        )


def test_the_calls_after_one_that_closes_its_own_window_are_refused(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app, _main, other = two_windows(make_app, qtbot)
    heard: list[Event] = []
    app.listen_global("after", heard.append)
    token = eval_js(qtbot, other, "window.__QTAURI__.token")
    close = json.dumps({"kind": "window", "label": "other", "op": "close", "args": []})
    after = json.dumps({"kind": "emit", "event": "after", "payload": "1"})
    # One batch: the page's token is checked for each of its calls, not once for the batch.
    answers = call_directly(other, [close, after], token)
    assert answers[0] == {"ok": None}
    assert answers[1]["error"]["name"] == "PageGone"
    assert app.get_window("other") is None
    assert heard == []


def test_a_reply_that_takes_its_pages_deliveries_leaves_no_flush_but_others_still_go(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app, main, other = two_windows(make_app, qtbot)
    eval_js(qtbot, main, "api.listen('solo', record('solo')).then(() => 1)")
    token = eval_js(qtbot, main, "window.__QTAURI__.token")
    flush_timer = app.hub._flush_timer
    # Heard only in the calling page: its delivery goes with the reply, nothing is left to
    # flush at the end of the turn (running an empty flush there held the next call back).
    solo = json.dumps({"kind": "emit", "event": "solo", "payload": "1"})
    assert call_directly(main, [solo], token) == [{"ok": None}]
    assert not flush_timer.isActive()
    wait_js(qtbot, main, "tagged('solo').length === 1")
    # Heard in another page too: that page's delivery still goes at the end of the turn.
    eval_js(qtbot, other, "api.listen('both', record('both')).then(() => 1)")
    eval_js(qtbot, main, "api.listen('both', record('both')).then(() => 1)")
    both = json.dumps({"kind": "emit", "event": "both", "payload": "2"})
    assert call_directly(main, [both], token) == [{"ok": None}]
    assert flush_timer.isActive()
    wait_js(qtbot, other, "tagged('both').length === 1")
    wait_js(qtbot, main, "tagged('both').length === 1")


# -- payloads (spec §6) ---------------------------------------------------------------------


class Mood(enum.Enum):
    HAPPY = "happy"


@dataclasses.dataclass
class Status:
    mood: Mood
    scores: tuple[int, ...]


def test_dataclass_enum_and_tuple_payloads_arrive_as_json(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app, main = one_window(make_app, qtbot)
    eval_js(qtbot, main, "api.listen('status', record('s'))")
    app.emit_all("status", {"status": Status(Mood.HAPPY, (1, 2)), "pair": ("a", 1)})
    wait_js(qtbot, main, "tagged('s').length")
    assert eval_js(qtbot, main, "tagged('s')[0].payload") == {
        "status": {"mood": "happy", "scores": [1, 2]},
        "pair": ["a", 1],
    }


def test_proto_keys_arrive_as_own_keys_however_they_are_written(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    # A JS object literal would take a "__proto__" key (even written with \\u escapes) as the
    # object's prototype; payloads are JSON, where it is a key like any other.
    app, main = one_window(make_app, qtbot)
    eval_js(qtbot, main, "api.listen('p', record('p'))")
    app.emit_all("p", {"__proto__": {"admin": True}, "filler": "x"})
    token = eval_js(qtbot, main, "window.__QTAURI__.token")
    # As a page may send it, written by hand:
    escaped = '{"\\u005f_proto__":{"admin":true},"filler":"x"}'
    call_directly(main, [json.dumps({"kind": "emit", "event": "p", "payload": escaped})], token)
    wait_js(qtbot, main, "tagged('p').length === 2")
    seen = eval_js(
        qtbot,
        main,
        "tagged('p').map(({payload}) => [Object.keys(payload), payload.admin === undefined,"
        " Object.getPrototypeOf(payload) === Object.prototype])",
    )
    assert seen == [[["__proto__", "filler"], True, True]] * 2


# -- errors from the page side -------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "name", "message"),
    [
        ("api.emit('bad name')", "InvalidEventName", "invalid event name 'bad name'"),
        ("api.emit('')", "InvalidEventName", "invalid event name ''"),
        ("api.emit(42)", "InvalidEventName", "invalid event name 42"),
        ("api.listen('a.b', () => {})", "InvalidEventName", "invalid event name 'a.b'"),
        ("api.once('a@b', () => {})", "InvalidEventName", "invalid event name 'a@b'"),
        (
            "api.appWindow.listen('tab\\t', () => {})",
            "InvalidEventName",
            "invalid event name 'tab\\t'",
        ),
        (
            "new api.WebviewWindow('nowhere', {skip: true}).emit('e')",
            "WindowNotFound",
            "no window with label 'nowhere'",
        ),
        (
            "new api.WebviewWindow('bad label', {skip: true}).emit('e')",
            "InvalidWindowLabel",
            "invalid window label 'bad label'",
        ),
        ("api.emit('e', 'x'.repeat(300))", "PayloadTooLarge", "over the limit of 256"),
        ("api.emit('e', {big: 10n})", "TypeError", "BigInt"),
    ],
)
def test_bad_input_from_a_page_rejects_with_a_clear_error(
    make_app: Callable[..., App], qtbot: Any, call: str, name: str, message: str
) -> None:
    app, main = one_window(make_app, qtbot, maxPayloadBytes=256)
    before = app.listener_count()
    with pytest.raises(JsError) as error:
        eval_js(qtbot, main, call)
    assert error.value.name == name
    assert message in error.value.message
    assert app.listener_count() == before
    assert eval_js(qtbot, main, "api.emit('still-fine', 1).then(() => 'ok')") == "ok"


def test_malformed_bridge_messages_get_error_replies_and_change_nothing(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app, main = one_window(make_app, qtbot)
    before = app.listener_count()
    token = eval_js(qtbot, main, "window.__QTAURI__.token")
    messages = [
        ("not json", token),
        ("[1, 2]", token),
        ('{"kind": "listen", "event": "e"}', ""),  # no page token
        ('{"kind": "listen", "event": "e"}', "someone-else"),  # a document not its own
        ('{"kind": "teleport"}', token),
        ('{"kind": "unlisten", "id": "1"}', token),
        ('{"kind": "emit", "event": "e", "payload": "[NaN]"}', token),
        ('{"kind": "emit", "event": "e", "payload": {"not": "text"}}', token),
        ('{"kind": "emit", "event": "e", "payload": "{oops"}', token),
        ('{"kind": "invoke", "cmd": "nothing-here"}', token),
    ]
    # Straight into the window's bridge slot, as QWebChannel would call it for the page.
    replies = [call_directly(main, [message], sender)[0] for message, sender in messages]
    names = [reply["error"]["name"] for reply in replies]
    assert names[:9] == ["BridgeMessageError"] * 6 + [
        "ValueError",
        "BridgeMessageError",
        "ValueError",
    ]
    assert "unknown page token" in replies[2]["error"]["message"]
    assert "unknown page token" in replies[3]["error"]["message"]
    assert "NaN is not JSON" in replies[6]["error"]["message"]
    assert replies[9]["error"] == {
        "name": "CommandNotFound",
        "message": "unknown command nothing-here; no commands are registered "
        "(Builder.invoke_handler)",
    }
    assert app.listener_count() == before
    assert eval_js(qtbot, main, "api.emit('still-fine', 1).then(() => 'ok')") == "ok"


# -- listen, once, unlisten in the page ----------------------------------------------------


def test_unlisten_is_synchronous_in_the_page_and_then_reaches_the_backend(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app, main = one_window(make_app, qtbot)
    before = app.listener_count("e")
    eval_js(qtbot, main, "window.stop = await api.listen('e', record('e')), 1")
    app.emit_all("e", 1)  # queued for the page, not yet delivered...
    eval_js(qtbot, main, "window.stop()")  # ...and the listener is gone before it arrives
    qtbot.waitUntil(lambda: app.listener_count("e") == before)
    eval_js(qtbot, main, "api.listen('sentinel', record('sentinel'))")
    app.emit_all("e", 2)
    app.emit_all("sentinel")
    wait_js(qtbot, main, "tagged('sentinel').length")
    assert eval_js(qtbot, main, "tagged('e').length") == 0
    eval_js(qtbot, main, "window.stop()")  # a second call is harmless


def test_once_in_the_page_fires_once_and_unregisters(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app, main = one_window(make_app, qtbot)
    eval_js(
        qtbot, main, "Promise.all([api.once('e', record('once')), api.listen('e', record('all'))])"
    )
    for n in range(3):
        app.emit_all("e", n)
    wait_js(qtbot, main, "tagged('all').length === 3")
    assert [e["payload"] for e in eval_js(qtbot, main, "tagged('once')")] == [0]
    qtbot.waitUntil(lambda: app.listener_count("e") == 1)


def test_a_throwing_js_listener_is_reported_and_the_others_still_run(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app, main = one_window(make_app, qtbot)
    eval_js(
        qtbot,
        main,
        "Promise.all([api.listen('e', () => { throw new Error('boom') }),"
        " api.listen('e', record('after'))])",
    )
    with qtbot.waitSignal(
        main.page.console_message,
        check_params_cb=lambda level, message: level == "error" and "boom" in message,
    ):
        app.emit_all("e")
    wait_js(qtbot, main, "tagged('after').length === 1")


def test_invoke_calls_a_python_command_with_camel_case_arguments(
    make_app: Callable[..., App], qtbot: Any, app_errors: AppErrors
) -> None:
    def add(left_value: int, right_value: int = 0) -> dict[str, int]:
        return {"sum": left_value + right_value}

    def fail() -> None:
        raise PermissionError("not allowed")

    app = make_app(page_config("main"), commands=(add, fail))
    wait_loaded(qtbot, app)
    main = app.window("main")
    assert eval_js(qtbot, main, "api.invoke('add', {leftValue: 2, rightValue: 3})") == {"sum": 5}
    with pytest.raises(JsError, match="PermissionError: not allowed"):
        eval_js(qtbot, main, "api.invoke('fail')")
    assert len(app_errors.take(PermissionError)) == 1
    with pytest.raises(JsError, match="missing argument 'left_value'"):
        eval_js(qtbot, main, "api.invoke('add', {})")
    with pytest.raises(JsError, match="unexpected argument 'extra'"):
        eval_js(qtbot, main, "api.invoke('add', {leftValue: 1, extra: 2})")


def test_calls_made_in_one_task_keep_their_order(make_app: Callable[..., App], qtbot: Any) -> None:
    app, main = one_window(make_app, qtbot)
    heard: list[Event] = []
    app.listen_global("x", heard.append)
    got = eval_js(
        qtbot,
        main,
        "(() => { const got = [];"
        " api.listen('x', (e) => got.push(e.payload));"  # not awaited: same task as the emit
        " const bad = api.emit('bad name', 0).catch((e) => e.name);"
        " return Promise.all([api.emit('x', 7), bad]).then(([, name]) => [got, name]); })()",
    )
    assert got == [[7], "InvalidEventName"]
    assert [event.payload for event in heard] == [7]


def test_a_tasks_first_call_leaves_at_once_and_its_later_calls_as_one_batch(
    make_app: Callable[..., App], qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    batches: list[int] = []
    original = PageRequests.handle_batch

    def counting(self: PageRequests, label: str, sender: str, permit: str, calls: str) -> str:
        batches.append(len(calls.split("\n")))
        return original(self, label, sender, permit, calls)

    monkeypatch.setattr(PageRequests, "handle_batch", counting)
    _app, main = one_window(make_app, qtbot)
    batches.clear()
    # deeper than the bridge reads (MAX_JSON_DEPTH, 512 on every Python): only this call fails
    deep = "[" * 1500 + "]" * 1500
    results = eval_js(
        qtbot,
        main,
        "Promise.allSettled(["
        " ...Array.from({length: 50}, (_, i) => api.emit('n', i)),"
        f" api.invoke('nothing', {{deep: {deep}}}), api.emit('n', 'last')])"
        ".then((all) => all.map((r) => r.status === 'fulfilled' ? 'ok' : r.reason.name))",
    )
    assert batches == [1, 51]  # a lone call waits for nothing; the rest go together
    assert results == ["ok"] * 50 + ["BridgeMessageError", "ok"]
