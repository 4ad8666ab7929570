"""The backend's emit to pages has a fast path (``EventHub.emit_to_pages`` ->
``Router.route_to_pages``, docs/performance.md) beside the general one (``publish`` ->
``Router.route``). These properties pin the fast path to the general one: for any listeners,
readiness and sequence of emits, both give the same batches, the same urgent sends and the
same trace; and both refuse the same names and labels with the same errors."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app import EventTarget
from app.bridge.hub import EventHub
from app.errors import InvalidEventName
from app.events.router import Router
from app.events.targets import Selection, select_all, select_target
from app.events.values import Emission, Listener, Reach
from tests.router_harness import RouterHarness

LABELS = ("A", "B", "C")
EVENTS = ("e", "f", "tauri://x", "relayed")
CHANNELS = (None, *LABELS)


class Recorder:
    """A tracer: what it was told, in order."""

    def __init__(self) -> None:
        self.routes: list[tuple[object, ...]] = []

    def routed(
        self,
        event: str,
        source: str | None,
        channel: str | None,
        pages: Sequence[tuple[str, str]],
        backend: Sequence[Listener],
        held: Sequence[str],
    ) -> None:
        self.routes.append(
            (event, source, channel, tuple(pages), tuple(x.id for x in backend), tuple(held))
        )


def fast(router: Router, event: str, channel: str | None, text: str) -> None:
    router.route_to_pages(event, channel, text)


def general(router: Router, event: str, channel: str | None, text: str) -> None:
    router.route(Emission(event, channel, None, text, to_backend=False, to_frontend=True))


page_listener = st.one_of(
    st.tuples(
        st.just("page"),
        st.sampled_from(LABELS),
        st.sampled_from(EVENTS),
        st.sampled_from(CHANNELS),
        st.just(Reach.SPEC),
    ),
    st.tuples(
        st.just("page"),
        st.sampled_from(LABELS),
        st.sampled_from(EVENTS),
        st.sampled_from(LABELS),
        st.just(Reach.LABEL),
    ),
    st.tuples(
        st.just("page"),
        st.sampled_from(LABELS),
        st.sampled_from(EVENTS),
        st.none(),
        st.sampled_from([Reach.ANY, Reach.GLOBAL]),
    ),
)
operation = st.one_of(
    page_listener,
    # A Python listener that, when a trigger reaches it, emits to pages by the path under
    # test: from inside a dispatch, where the fast path must queue behind it.
    # Some relay by the general path (the order of the two inside one dispatch is compared),
    # and some then remove a listener (an emit made in a listener is routed after it returns).
    st.tuples(
        st.just("python"),
        st.sampled_from(EVENTS),
        st.sampled_from(CHANNELS),
        st.booleans(),
        st.booleans(),
        st.one_of(st.none(), st.integers(min_value=0, max_value=30)),
    ),
    st.tuples(st.just("emit"), st.sampled_from(EVENTS), st.sampled_from(CHANNELS), st.integers()),
    st.tuples(st.just("trigger"), st.sampled_from(EVENTS), st.sampled_from(CHANNELS)),
    st.tuples(st.just("unlisten"), st.integers(min_value=0, max_value=30)),
    st.tuples(st.just("ready"), st.sampled_from(LABELS)),
    st.tuples(st.just("reload"), st.sampled_from(LABELS)),
    st.just(("flush",)),
)


# A listener that emits, then removes the page listener that emit would reach.
EMIT_THEN_REMOVE: list[tuple[Any, ...]] = [
    ("page", "A", "relayed", None, Reach.SPEC),
    ("python", "e", None, False, False, 0),
    ("trigger", "e", None),
]


def run(
    path: Any,
    ready: bool,
    operations: list[tuple[Any, ...]],
    traced: bool = True,
    relays_heard: bool = True,
) -> tuple[object, ...]:
    """``relays_heard=False``: no Python listener of the relays' event (a v2 emit reaches
    Python too, and a relay hearing its own relay would relay for ever)."""
    harness = RouterHarness(LABELS, ready=ready)
    tracer = Recorder()
    if traced:  # a traced router takes the general path for v2 emits
        harness.router.tracer = tracer
    batches: list[tuple[str, str]] = []
    ids: list[int] = []
    for op in operations:
        kind = op[0]
        if kind == "page":
            _, label, event, window, reach = op
            ids.append(harness.router.listen_from_page(label, event, window, None, reach))
        elif kind == "python" and (relays_heard or op[1] != "relayed"):
            _, event, window, once, by_general, then_remove = op

            def relay(
                heard: Any, by_general: bool = by_general, then_remove: Any = then_remove
            ) -> None:
                relay_path = general if by_general else path
                relay_path(harness.router, "relayed", None, json.dumps([heard.id, by_general]))
                if then_remove is not None:
                    harness.registry.remove(ids[then_remove % len(ids)])

            listener = harness.registry.add(
                event, page=None, window=window, handler=relay, once=once
            )
            ids.append(listener.id)
        elif kind == "emit":
            _, event, channel, payload = op
            path(harness.router, event, channel, json.dumps(payload))
        elif kind == "trigger":
            harness.emit(op[1], "t", channel=op[2], frontend=False)
        elif kind == "unlisten" and ids:
            harness.registry.remove(ids[op[1] % len(ids)])
        elif kind == "ready":
            harness.router.page_ready(op[1])
        elif kind == "reload":
            harness.router.page_loading(op[1])
            harness.router.check_page(op[1], f"token-{op[1]}-{len(batches)}")
        elif kind == "flush":
            batches.extend(harness.router.take_batches())
    batches.extend(harness.router.take_batches())
    return batches, harness.urgent, tracer.routes, harness.errors


@settings(max_examples=300, deadline=None)
@given(ready=st.booleans(), operations=st.lists(operation, max_size=40))
# A listener that emits, then removes the page listener that emit would reach: routed after
# the listener returns (spec §5), the emit reaches nobody, by either path.
@example(
    ready=True,
    operations=EMIT_THEN_REMOVE,
)
def test_the_fast_path_delivers_what_the_general_path_delivers(
    ready: bool, operations: list[tuple[Any, ...]]
) -> None:
    assert run(fast, ready, operations) == run(general, ready, operations)


def test_the_property_sees_a_difference_between_the_paths() -> None:
    """The comparison can fail: a path that drops the channel does not pass for the other."""

    def wrong(router: Router, event: str, channel: str | None, text: str) -> None:
        general(router, event, None, text)

    operations: list[tuple[Any, ...]] = [("page", "A", "e", "A", Reach.SPEC), ("emit", "e", "A", 1)]
    assert run(wrong, True, operations) != run(fast, True, operations)


# Tauri v2's emit (``App.emit``, ``emit_to(EventTarget)``): ``EventHub.emit_selected`` ->
# ``Router.route_selected``, pinned to the general path the same way.
SELECTIONS: dict[str, Callable[[], Selection]] = {
    "every listener": select_all,
    "window A": lambda: select_target(EventTarget.labeled("A")),
    "the app": lambda: select_target(EventTarget.app()),
}


def v2_path(selection: str, *, fast: bool) -> Callable[[Router, str, str | None, str], None]:
    def emit(router: Router, event: str, channel: str | None, text: str) -> None:
        select = SELECTIONS[selection]()
        if fast:
            router.route_selected(event, channel, text, select)
        else:
            router.route(
                Emission(
                    event, channel, None, text, to_backend=True, to_frontend=True, select=select
                )
            )

    return emit


@settings(max_examples=300, deadline=None)
@given(
    ready=st.booleans(),
    operations=st.lists(operation, max_size=40),
    selection=st.sampled_from(sorted(SELECTIONS)),
    traced=st.booleans(),
)
# A Python listener hears a v2 emit (which the fast path leaves to the general one); one that
# emits, then removes the page listener that emit would reach (routed after it returns, spec
# §5); a page not ready yet (the emit is kept for it, spec §4).
@example(
    ready=True,
    operations=[
        ("page", "A", "relayed", None, Reach.SPEC),
        ("python", "e", None, False, False, None),
        ("emit", "e", None, 1),
    ],
    selection="every listener",
    traced=False,
)
@example(
    ready=True,
    operations=EMIT_THEN_REMOVE,
    selection="every listener",
    traced=False,
)
@example(
    ready=False,
    operations=[("page", "A", "e", None, Reach.SPEC), ("emit", "e", None, 1), ("ready", "A")],
    selection="every listener",
    traced=False,
)
def test_the_v2_fast_path_delivers_what_the_general_path_delivers(
    ready: bool, operations: list[tuple[Any, ...]], selection: str, traced: bool
) -> None:
    fast, general = v2_path(selection, fast=True), v2_path(selection, fast=False)
    assert run(fast, ready, operations, traced, relays_heard=False) == run(
        general, ready, operations, traced, relays_heard=False
    )


names = st.one_of(
    st.sampled_from(["e", "tauri://created", "a b", "", "é", "x" * 300, "ok-name_1:/"]),
    st.text(max_size=8),
    st.integers(),
    st.none(),
)


# The project's autouse fixtures are function-scoped; each example makes its own hubs.
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(event=names, window=st.one_of(st.none(), names, st.sampled_from(["main", "gone"])))
def test_both_paths_refuse_the_same_names_and_labels(qtbot: Any, event: Any, window: Any) -> None:
    outcomes: list[tuple[type[Exception], str] | None] = []
    for emit in ("emit_to_pages", "publish"):
        hub = EventHub()
        hub.add_window("main")
        try:
            if emit == "emit_to_pages":
                hub.emit_to_pages(event, 1, window)
            else:
                hub.publish(event, 1, window=window, to_backend=False, to_frontend=True)
        except Exception as error:  # the type and message are what is compared
            outcomes.append((type(error), str(error)))
        else:
            outcomes.append(None)
        finally:
            hub.close()
            hub.deleteLater()
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("window", ["main", None])
def test_an_open_windows_emit_still_checks_its_name_and_payload(
    qapp: Any, window: str | None
) -> None:
    hub = EventHub()
    hub.add_window("main")
    with pytest.raises(TypeError):
        hub.emit_to_pages("e", object(), window, window_is_open=True)
    with pytest.raises(InvalidEventName):
        hub.emit_to_pages("bad name", 1, window, window_is_open=True)
    hub.close()
