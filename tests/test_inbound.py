"""The per-page permits and budget of inbound calls and bytes, as plain Python with a fake
clock."""

from __future__ import annotations

import pytest

from app.bridge.inbound import MAX_CALLS, Budget, FloodCutOff, InboundGate, NotPermitted


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def gate(clock: Clock, strikes: int = 100) -> InboundGate:
    return InboundGate(Budget(1000, 10_000, strikes=strikes, max_call_chars=1_000_000), clock)


class Page:
    """A page that waits for its replies, as the API does: each call carries the permit the
    last reply (or its channel's connection) handed out."""

    def __init__(self, inbound: InboundGate, label: str = "main") -> None:
        self.inbound = inbound
        self.label = label
        self.permit = inbound.issue(label)

    def send(self, calls: int, size: int) -> float | None:
        self.permit, pause = self.inbound.admit(self.label, self.permit, calls, size)
        return pause


def test_a_page_within_its_budget_is_never_refused() -> None:
    clock = Clock()
    inbound = gate(clock)
    page = Page(inbound)
    for _ in range(1000):  # 1,000 calls a second, in messages of 10 every 10 ms
        assert page.send(10, 100) is None
        clock.now += 0.01
    assert inbound.admitted_calls == 10_000
    assert inbound.refused_messages == 0


def test_over_budget_a_message_is_refused_with_the_pause_until_there_is_room() -> None:
    clock = Clock()
    inbound = gate(clock)
    page = Page(inbound)
    for _ in range(5):
        assert page.send(120, 10) is None  # the burst: half a second's worth, 500
    pause = page.send(1, 10)
    assert pause == pytest.approx(0.1)  # 100 calls of debt at 1,000 a second
    clock.now += 0.1001
    assert page.send(1, 10) is None
    # Bytes count too, and one large message may go into debt alone.
    clock.now += 10
    assert page.send(1, 25_000) is None
    assert page.send(1, 1) == pytest.approx(2.0)


def test_budgets_and_permits_are_per_window() -> None:
    clock = Clock()
    inbound = gate(clock)
    main, other = Page(inbound), Page(inbound, "other")
    for _ in range(5):
        assert main.send(120, 0) is None
    assert main.send(1, 0) is not None
    assert other.send(1, 0) is None
    with pytest.raises(NotPermitted):
        inbound.admit("other", main.permit, 1, 0)  # main's permit is no use to other


def test_a_page_that_waits_its_pauses_is_never_cut_off() -> None:
    clock = Clock()
    inbound = gate(clock, strikes=3)
    page = Page(inbound)
    for _ in range(500):
        pause = page.send(128, 0)
        if pause is not None:
            clock.now += pause
    assert not inbound.is_cut_off("main")


def test_a_page_that_keeps_sending_through_its_pauses_is_cut_off_once() -> None:
    clock = Clock()
    inbound = gate(clock, strikes=3)
    page = Page(inbound)
    for _ in range(5):
        assert page.send(120, 0) is None
    for _ in range(4):  # refused, then three strikes: each with the busy reply's permit
        assert page.send(1, 0) is not None
    with pytest.raises(FloodCutOff) as cut:
        page.send(1, 0)
    assert cut.value.first
    assert "kept sending while refused" in str(cut.value)
    clock.now += 60  # cut off until the app reloads it, however long it waits
    with pytest.raises(FloodCutOff) as again:
        inbound.admit("main", page.permit, 1, 0)
    assert not again.value.first
    assert Page(inbound, "other").send(1, 0) is None  # the other windows are served
    inbound.forget("main")
    assert Page(inbound).send(1, 0) is None


def test_strikes_fade() -> None:
    clock = Clock()
    inbound = gate(clock, strikes=3)
    page = Page(inbound)
    for _ in range(20):  # a few strikes now and then, never many at once
        page.send(1, 20_000)  # into debt for a second and a half
        page.send(1, 0)  # refused: its pause starts
        page.send(1, 0)  # a strike
        page.send(1, 0)  # a strike
        clock.now += 11
    assert not inbound.is_cut_off("main")


def test_a_call_without_the_latest_permit_is_refused_unread_and_is_a_strike() -> None:
    clock = Clock()
    inbound = gate(clock, strikes=3)
    page = Page(inbound)
    old = page.permit
    assert page.send(1, 10) is None
    # Sent before the reply came: with the permit that call spent. Forged, empty: the same.
    for permit in (old, "0" * 24, ""):
        with pytest.raises(NotPermitted, match="without the permit of the last reply"):
            inbound.admit("main", permit, 1, 10)
    assert inbound.admitted_calls == 1  # none of them counted as sent
    assert inbound.refused_messages == 3
    assert page.send(1, 10) is None  # the page that waits is still served
    with pytest.raises(FloodCutOff) as cut:  # the fourth strike
        inbound.admit("main", old, 1, 10)
    assert "kept sending while refused" in str(cut.value)
    assert inbound.is_cut_off("main")


def test_a_window_whose_page_never_connected_has_no_permit() -> None:
    inbound = gate(Clock())
    with pytest.raises(NotPermitted):
        inbound.admit("main", "", 1, 0)


def test_each_connection_hands_out_a_new_permit_and_the_last_lapses() -> None:
    """A reloaded page's channel connects again: the old document's permit lapses."""
    clock = Clock()
    inbound = gate(clock)
    old = Page(inbound)
    assert old.send(1, 0) is None
    new = Page(inbound)  # the next document connects
    assert len(new.permit) == 24
    assert new.permit != old.permit
    with pytest.raises(NotPermitted):
        old.send(1, 0)  # a late call of the old document
    assert new.send(1, 0) is None


def test_a_call_over_the_caps_is_refused_unread_and_is_a_strike() -> None:
    clock = Clock()
    inbound = gate(clock)
    page = Page(inbound)
    assert page.send(MAX_CALLS, 1000) is None
    with pytest.raises(NotPermitted, match="over 128 calls"):
        inbound.admit("main", page.permit, MAX_CALLS + 1, 10)
    with pytest.raises(NotPermitted, match="1000000 characters"):
        inbound.admit("main", page.permit, 1, 1_000_001)
    assert inbound.admitted_calls == MAX_CALLS
    assert inbound.refused_messages == 2
    clock.now += 10
    assert page.send(1, 0) is None  # its permit is still good: a refusal hands out none
