"""Tauri v2's targets on the Python side (spec §17.2-17.7), without a browser: the
``EventTarget`` value, the target each kind of listener has, and who hears ``emit``,
``emit_to(EventTarget)`` and ``emit_filter`` when the router routes them."""

from __future__ import annotations

import json

import pytest

from app import EventTarget, InvalidWindowLabel, TargetKind
from app.events.targets import (
    Selection,
    listener_target,
    select_all,
    select_filter,
    select_target,
)
from app.events.values import Emission, Reach
from tests.router_harness import RouterHarness


def test_event_target_values() -> None:
    assert EventTarget.any() == EventTarget(TargetKind.ANY)
    assert EventTarget.app().label is None
    assert EventTarget.labeled("main") == EventTarget.any_label("main")
    assert EventTarget.labeled("main").kind is TargetKind.ANY_LABEL
    assert EventTarget.window("w").kind is TargetKind.WINDOW
    assert EventTarget.webview("w").kind is TargetKind.WEBVIEW
    assert EventTarget.webview_window("w").kind is TargetKind.WEBVIEW_WINDOW
    assert repr(EventTarget.window("w")) == "EventTarget.Window('w')"
    assert {EventTarget.window("w"), EventTarget.window("w")} == {EventTarget.window("w")}
    assert EventTarget.window("w") != EventTarget.webview("w")


def test_bad_event_targets_are_refused_clearly() -> None:
    with pytest.raises(InvalidWindowLabel, match="' '"):
        EventTarget.window("a b")
    with pytest.raises(InvalidWindowLabel):
        EventTarget(TargetKind.WEBVIEW)  # a labelled kind without its label
    with pytest.raises(ValueError, match="App takes no label"):
        EventTarget(TargetKind.APP, "main")
    with pytest.raises(TypeError, match="TargetKind"):
        EventTarget("Window", "main")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="callable"):
        select_filter("main")  # type: ignore[arg-type]


class Listeners:
    """One listener of event ``e`` of every kind, in a router with pages A and B."""

    def __init__(self, *, ready: bool = True) -> None:
        self.h = RouterHarness(ready=ready)
        reg = self.h.registry
        self.heard: dict[str, list[object]] = {}
        self.ids: dict[int, str] = {}

        def python(name: str, window: str | None, reach: Reach = Reach.SPEC) -> None:
            heard: list[object] = []
            self.heard[name] = heard
            listener = reg.add(
                "e",
                page=None,
                window=window,
                handler=lambda event: heard.append(event.payload),
                reach=reach,
            )
            self.ids[listener.id] = name

        python("py listen_global", window=None)
        python("py listen_any", window=None, reach=Reach.ANY)
        python("py App.listen", window=None, reach=Reach.GLOBAL)
        python("py window(A).listen", window="A")
        python("py window(B).listen", window="B")
        for name, page, window, reach in (
            ("A v1 listen", "A", None, Reach.SPEC),
            ("A v1 WebviewWindow(B).listen", "A", "B", Reach.SPEC),
            ("B v2 Any", "B", None, Reach.ANY),
            ("B v2 App", "B", None, Reach.GLOBAL),
            ("B v2 label A", "B", "A", Reach.LABEL),
            ("B v2 label B", "B", "B", Reach.LABEL),
        ):
            self.ids[self.h.router.listen_from_page(page, "e", window, reach=reach)] = name

    def emit(self, select: Selection, payload: object = 1) -> set[str]:
        """Route a v2 emit; the names of the listeners that got it."""
        for heard in self.heard.values():
            heard.clear()
        self.h.router.route(
            Emission(
                "e",
                None,
                None,
                json.dumps(payload),
                to_backend=True,
                to_frontend=True,
                select=select,
            )
        )
        names = {self.ids[i] for ids in self.h.delivered_ids().values() for i in ids}
        return names | {name for name, heard in self.heard.items() if heard}


ALL = {
    "py listen_global",
    "py listen_any",
    "py App.listen",
    "py window(A).listen",
    "py window(B).listen",
    "A v1 listen",
    "A v1 WebviewWindow(B).listen",
    "B v2 Any",
    "B v2 App",
    "B v2 label A",
    "B v2 label B",
}
ANY = {"py listen_global", "py listen_any", "B v2 Any"}


def test_each_listener_has_a_v2_target() -> None:
    listeners = Listeners()
    targets = {
        listeners.ids[listener.id]: listener_target(listener)
        for listener in listeners.h.registry.snapshot("e")
    }
    assert targets == {
        "py listen_global": EventTarget.any(),
        "py listen_any": EventTarget.any(),
        "py App.listen": EventTarget.app(),
        "py window(A).listen": EventTarget.labeled("A"),
        "py window(B).listen": EventTarget.labeled("B"),
        "A v1 listen": EventTarget.labeled("A"),  # a page's own global kind: its window
        "A v1 WebviewWindow(B).listen": EventTarget.labeled("B"),
        "B v2 Any": EventTarget.any(),
        "B v2 App": EventTarget.app(),
        "B v2 label A": EventTarget.labeled("A"),
        "B v2 label B": EventTarget.labeled("B"),
    }


def test_emit_reaches_every_listener_of_every_kind() -> None:
    assert Listeners().emit(select_all()) == ALL


@pytest.mark.parametrize(
    "make",
    [EventTarget.labeled, EventTarget.window, EventTarget.webview, EventTarget.webview_window],
)
def test_emit_to_a_label_reaches_any_and_everything_bound_to_it(make: type) -> None:
    listeners = Listeners()
    assert listeners.emit(select_target(make("A"))) == ANY | {
        "py window(A).listen",
        "A v1 listen",
        "B v2 label A",
    }
    assert listeners.emit(select_target(make("B"))) == ANY | {
        "py window(B).listen",
        "A v1 WebviewWindow(B).listen",
        "B v2 label B",
    }


def test_emit_to_app_and_any() -> None:
    listeners = Listeners()
    assert listeners.emit(select_target(EventTarget.app())) == ANY | {"py App.listen", "B v2 App"}
    assert listeners.emit(select_target(EventTarget.any())) == ALL


def test_emit_to_a_label_with_no_window_reaches_the_any_listeners() -> None:
    assert Listeners().emit(select_target(EventTarget.labeled("gone"))) == ANY


def test_emit_filter_asks_once_per_target_and_any_always_hears() -> None:
    listeners = Listeners()
    asked: list[EventTarget] = []

    def only_b(target: EventTarget) -> bool:
        asked.append(target)
        return target.label == "B"

    assert listeners.emit(select_filter(only_b)) == ANY | {
        "py window(B).listen",
        "A v1 WebviewWindow(B).listen",
        "B v2 label B",
    }
    assert len(asked) == 3  # once per distinct target, never for Any
    assert set(asked) == {EventTarget.app(), EventTarget.labeled("A"), EventTarget.labeled("B")}
    assert listeners.emit(select_filter(lambda target: False)) == ANY


def test_a_predicate_that_raises_is_reported_and_counts_as_no() -> None:
    listeners = Listeners()
    errors: list[BaseException] = []

    def broken(target: EventTarget) -> bool:
        if target.kind is TargetKind.APP:
            raise RuntimeError("no app")
        return True

    select = select_filter(broken)
    select.on_error = errors.append
    assert listeners.emit(select) == ALL - {"py App.listen", "B v2 App"}
    assert [str(error) for error in errors] == ["no app"]


def test_a_v2_emit_is_kept_for_a_page_not_ready_by_its_selection() -> None:
    listeners = Listeners(ready=False)
    router = listeners.h.router
    for event, select in (("to-a", select_target(EventTarget.labeled("A"))), ("all", select_all())):
        router.route(
            Emission(event, None, None, "7", to_backend=True, to_frontend=True, select=select)
        )
    a_own = router.listen_from_page("A", "to-a", None)  # A's own global kind: AnyLabel(A)
    router.listen_from_page("A", "to-a", None, reach=Reach.GLOBAL)  # App: not targeted
    router.listen_from_page("A", "to-a", "B")  # bound to B: not targeted
    # emit reaches every listener, one bound to another window's channel too
    a_to_b = router.listen_from_page("A", "all", "B")
    assert listeners.h.delivered_ids() == {"A": [a_own, a_to_b]}


def test_v2_routes_are_cached_per_selection_and_refreshed_on_change() -> None:
    listeners = Listeners()
    assert listeners.emit(select_target(EventTarget.app())) == ANY | {"py App.listen", "B v2 App"}
    new = listeners.h.router.listen_from_page("A", "e", "A", reach=Reach.LABEL)
    listeners.ids[new] = "new"
    assert listeners.emit(select_target(EventTarget.app())) == ANY | {"py App.listen", "B v2 App"}
    assert "new" in listeners.emit(select_target(EventTarget.labeled("A")))
