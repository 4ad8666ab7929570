"""spec §3 routing, §5 order and re-entrancy, §7 readiness: the router alone."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from app.events.pages import TokenCheck
from app.events.router import URGENT_BATCH_CHARS, URGENT_BATCH_MESSAGES
from app.events.values import Event
from tests.router_harness import RouterHarness

# Every kind of listener of spec §3.2's table, for windows A and B.
LISTENERS = {
    "py_global": ("py", None, None),  # app.listen_global
    "py_A": ("py", None, "A"),  # window("A").listen
    "py_B": ("py", None, "B"),
    "js_A_global": ("js", "A", None),  # listen() in page A
    "js_B_global": ("js", "B", None),
    "js_A_self": ("js", "A", "A"),  # appWindow.listen in page A
    "js_B_self": ("js", "B", "B"),
    "js_A_on_B": ("js", "A", "B"),  # WebviewWindow.getByLabel('B').listen in page A
}

# Emitters of spec §3.1's table: (channel, reaches backend, reaches frontend) -> who hears.
ROUTES = [
    pytest.param(None, True, True, {"py_global", "js_A_global", "js_B_global"}, id="js-emit"),
    pytest.param(None, False, True, {"js_A_global", "js_B_global"}, id="emit_all"),
    pytest.param(None, True, False, {"py_global"}, id="trigger_global"),
    pytest.param(
        "A", True, True, {"py_global", "py_A", "js_A_global", "js_A_self"}, id="js-window-emit-A"
    ),
    pytest.param("A", False, True, {"js_A_global", "js_A_self"}, id="emit_to-A"),
    pytest.param("A", True, False, {"py_global", "py_A"}, id="trigger-A"),
    pytest.param(
        "B",
        True,
        True,
        {"py_global", "py_B", "js_B_global", "js_B_self", "js_A_on_B"},
        id="emit_and_trigger-B",
    ),
    pytest.param("B", False, True, {"js_B_global", "js_B_self", "js_A_on_B"}, id="emit_to-B"),
    pytest.param("B", True, False, {"py_global", "py_B"}, id="trigger-B"),
]


@pytest.mark.parametrize(("channel", "backend", "frontend", "expected"), ROUTES)
def test_every_routing_row(
    channel: str | None, backend: bool, frontend: bool, expected: set[str]
) -> None:
    harness = RouterHarness()
    heard: dict[str, list[Event]] = {}
    ids: dict[int, str] = {}
    for name, (side, page, window) in LISTENERS.items():
        if side == "py":
            listener_id, heard[name] = harness.py("e", window=window)
        else:
            assert page is not None
            listener_id = harness.js(page, "e", window=window)
        ids[listener_id] = name
    harness.js("A", "other-event")  # a listener of another event hears nothing

    harness.emit("e", {"n": 1}, channel=channel, source="A", backend=backend, frontend=frontend)

    python_heard = {name for name, events in heard.items() if events}
    pages_heard = {ids[i] for page_ids in harness.delivered_ids().values() for i in page_ids}
    assert python_heard | pages_heard == expected
    for name in python_heard:
        (event,) = heard[name]
        assert event == Event("e", "A", event.id, {"n": 1})
        assert ids[event.id] == name


def test_a_page_gets_each_event_with_its_matching_ids_in_order() -> None:
    harness = RouterHarness()
    first = harness.js("A", "e")
    second = harness.js("A", "e", window="A")
    harness.js("A", "e", window="B")  # does not hear channel A
    harness.emit("e", [1, 2], channel="A", source=None)
    messages = harness.deliveries()["A"]
    assert messages == [
        {"t": "event", "event": "e", "source": None, "payload": [1, 2], "ids": [first, second]}
    ]


def test_pages_without_matching_listeners_get_no_traffic() -> None:
    harness = RouterHarness()
    harness.js("A", "e")
    harness.emit("unheard")
    harness.emit("e", channel="B")
    assert harness.deliveries() == {}


def test_ids_are_unique_and_shared_by_backend_and_frontend_listeners() -> None:
    harness = RouterHarness()
    ids = [harness.py("e")[0], harness.js("A", "e"), harness.py("f")[0], harness.js("B", "f")]
    assert ids == sorted(set(ids))


def recorder(calls: list[int], index: int) -> Callable[[Event], None]:
    return lambda _event: calls.append(index)


def test_listeners_are_called_in_registration_order() -> None:
    harness = RouterHarness()
    calls: list[int] = []
    for index in range(20):
        harness.registry.add("e", page=None, window=None, handler=recorder(calls, index))
    harness.emit("e")
    assert calls == list(range(20))


def test_once_is_removed_before_its_handler_runs_even_if_it_emits_the_same_event() -> None:
    harness = RouterHarness()
    calls: list[int | None] = []

    def handler(event: Event) -> None:
        calls.append(event.payload)
        assert harness.registry.get(event.id) is None  # already unlistened
        harness.emit("e", 2, frontend=False)

    harness.registry.add("e", page=None, window=None, handler=handler, once=True)
    _, later = harness.py("e")
    harness.emit("e", 1, frontend=False)
    assert calls == [1]
    assert [event.payload for event in later] == [1, 2]
    assert harness.registry.count("e") == 1


def test_unlisten_during_dispatch_stops_a_listener_not_yet_called() -> None:
    harness = RouterHarness()
    victim: list[Event] = []
    victim_id: list[int] = []
    harness.registry.add(  # registered first, so it runs before the victim
        "e", page=None, window=None, handler=lambda _e: harness.registry.remove(victim_id[0])
    )
    victim_id.append(harness.registry.add("e", page=None, window=None, handler=victim.append).id)
    harness.emit("e")
    assert victim == []
    assert harness.registry.count("e") == 1


def test_listener_added_during_dispatch_is_not_called_for_that_event() -> None:
    harness = RouterHarness()
    added: list[Event] = []
    harness.registry.add(
        "e",
        page=None,
        window=None,
        handler=lambda _e: harness.registry.add("e", page=None, window=None, handler=added.append),
        once=True,
    )
    harness.emit("e", 1)
    assert added == []
    harness.emit("e", 2)
    assert [event.payload for event in added] == [2]


def test_nested_emits_are_breadth_first() -> None:
    harness = RouterHarness()
    order: list[str] = []

    def on(name: str, *then: str) -> None:
        def handler(_event: Event) -> None:
            order.append(name)
            for event in then:
                harness.emit(event, frontend=False)

        harness.registry.add(name.split("#")[0], page=None, window=None, handler=handler)

    on("a#1", "b", "c")
    on("a#2", "d")
    on("b#1", "e")
    on("c#1")
    on("d#1")
    on("e#1")
    harness.emit("a", frontend=False)
    assert order == ["a#1", "a#2", "b#1", "c#1", "d#1", "e#1"]


def test_a_raising_listener_is_reported_and_the_others_still_run() -> None:
    harness = RouterHarness()
    _, before = harness.py("e")
    boom = harness.registry.add("e", page=None, window=None, handler=lambda _e: 1 / 0)
    _, after = harness.py("e")
    harness.emit("e")
    assert len(before) == len(after) == 1
    ((error, listener),) = harness.errors
    assert isinstance(error, ZeroDivisionError)
    assert listener is boom


def test_unlisten_of_an_unknown_id_does_nothing() -> None:
    harness = RouterHarness()
    harness.py("e")
    assert harness.registry.remove(12345) is None
    assert harness.registry.count() == 1


def test_listener_count_by_event_and_in_all() -> None:
    harness = RouterHarness()
    harness.py("e")
    harness.js("A", "e")
    harness.js("B", "f")
    assert harness.registry.count("e") == 2
    assert harness.registry.count("f") == 1
    assert harness.registry.count("nothing") == 0
    assert harness.registry.count() == 3


# -- spec §7: readiness and lifecycle ------------------------------------------------------


def test_events_before_ready_are_kept_for_listeners_registered_before_the_deadline() -> None:
    harness = RouterHarness(ready=False)
    harness.emit("e", 1, frontend=True, backend=False)
    harness.emit("e", 2, channel="B", backend=False)  # B's channel: page A's listen() misses it
    harness.emit("f", 3, backend=False)
    listener = harness.js("A", "e")
    messages = harness.deliveries()["A"]
    assert [(m["payload"], m["ids"]) for m in messages if m["t"] == "event"] == [(1, [listener])]
    on_b = harness.js("A", "e", window="B")  # WebviewWindow('B').listen in A hears B's channel
    messages = harness.deliveries()["A"]
    assert [(m["payload"], m["ids"]) for m in messages] == [(2, [on_b])]


def test_kept_events_are_dropped_at_the_deadline() -> None:
    harness = RouterHarness(ready=False)
    harness.emit("e", 1, backend=False)
    harness.router.page_ready("A")
    harness.js("A", "e")
    harness.js("B", "e")
    assert list(harness.delivered_ids()) == ["B"]


def test_a_reload_forgets_the_page_listeners_and_starts_a_new_not_ready_period() -> None:
    harness = RouterHarness()
    harness.js("A", "e")
    kept = harness.js("B", "e")
    harness.router.page_loading("A")
    assert harness.registry.count() == 1
    assert harness.router.check_page("A", "token-A") is TokenCheck.RETIRED
    assert harness.router.check_page("A", "token-A2") is TokenCheck.NEW
    assert harness.router.check_page("A", "token-A2") is TokenCheck.CURRENT
    assert harness.router.check_page("A", "token-A3") is TokenCheck.UNKNOWN
    harness.emit("e", "during reload", backend=False)
    again = harness.js("A", "e")
    assert harness.delivered_ids() == {"A": [again], "B": [kept]}


def test_events_kept_for_a_document_are_not_replayed_to_the_next_one() -> None:
    harness = RouterHarness(ready=False)  # A's first document has connected, is not ready
    first = harness.js("A", "e")
    harness.emit("e", "for the first document", backend=False)
    assert harness.delivered_ids() == {"A": [first]}
    harness.router.page_loading("A")  # reloaded within its grace period
    harness.emit("e", "during the reload", backend=False)
    harness.router.check_page("A", "token-A2")
    again = harness.js("A", "e")
    messages = harness.deliveries()["A"]
    assert [(m["payload"], m["ids"]) for m in messages if m["t"] == "event"] == [
        ("during the reload", [again])
    ]


def test_closing_a_window_drops_its_page_and_its_python_window_listeners() -> None:
    harness = RouterHarness()
    harness.js("A", "e")
    harness.py("e", window="A")
    _, _global_heard = harness.py("e")
    harness.js("B", "e", window="A")  # B's own listener on A's channel stays
    harness.router.close_window("A")
    assert harness.registry.count() == 2
    assert "A" not in harness.router.labels()
    assert harness.deliveries() == {"B": [{"t": "windows", "labels": ["B"]}]}


def test_window_list_changes_reach_connected_pages() -> None:
    harness = RouterHarness()
    harness.router.open_window("C")
    assert harness.deliveries() == {
        "A": [{"t": "windows", "labels": ["A", "B", "C"]}],
        "B": [{"t": "windows", "labels": ["A", "B", "C"]}],
    }


def test_a_full_batch_is_flagged_urgent() -> None:
    harness = RouterHarness()
    harness.js("A", "e")
    for index in range(URGENT_BATCH_MESSAGES):
        harness.emit("e", index, backend=False)
    assert "A" in harness.urgent
    assert len(harness.deliveries()["A"]) == URGENT_BATCH_MESSAGES


def test_one_event_as_large_as_a_full_batch_is_flagged_urgent_at_once() -> None:
    harness = RouterHarness()
    harness.js("A", "e")
    harness.emit("e", "x" * URGENT_BATCH_CHARS, backend=False)
    assert harness.urgent == ["A"]  # not kept for the end of the turn, behind nothing


def test_consecutive_events_share_one_message_and_keep_their_order() -> None:
    harness = RouterHarness()
    harness.js("A", "a")
    harness.js("A", "b")
    for payload in (1, 2):
        harness.emit("a", payload, backend=False)
    harness.emit("b", 3, backend=False)
    harness.emit("a", 4, backend=False)
    harness.emit("a", 5, source="B", backend=False)  # another source: another message
    ((label, batch),) = harness.router.take_batches()
    assert label == "A"
    token, _number, *messages = json.loads(batch)
    assert token == "token-A"
    assert [(m["event"], m["source"], m["payloads"]) for m in messages] == [
        ("a", None, [1, 2]),
        ("b", None, [3]),
        ("a", None, [4]),
        ("a", "B", [5]),
    ]


def test_the_fast_path_keeps_its_place_behind_queued_emits() -> None:
    harness = RouterHarness()
    harness.js("A", "a")
    harness.js("A", "b")

    def listener(_event: Event) -> None:  # inside a dispatch: both are queued, in order
        harness.emit("a", 1, backend=False)
        harness.router.route_to_pages("b", None, "2")

    harness.registry.add("go", page=None, window=None, handler=listener)
    harness.emit("go", frontend=False)
    assert [(m["event"], m["payload"]) for m in harness.deliveries()["A"]] == [("a", 1), ("b", 2)]
