"""The per-page budget of inbound calls and bytes, as plain Python with a fake clock."""

from __future__ import annotations

import pytest

from app.bridge.inbound import IN_FLIGHT, Budget, FloodCutOff, InboundGate


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def gate(clock: Clock, strikes: int = 100) -> InboundGate:
    return InboundGate(Budget(1000, 10_000, strikes=strikes), clock)


def test_a_page_within_its_budget_is_never_refused() -> None:
    clock = Clock()
    inbound = gate(clock)
    for _ in range(1000):  # 1,000 calls a second, in messages of 10 every 10 ms
        assert inbound.admit("main", 10, 100) is None
        clock.now += 0.01
    assert inbound.admitted_calls == 10_000
    assert inbound.refused_messages == 0


def test_over_budget_a_message_is_refused_with_the_pause_until_there_is_room() -> None:
    clock = Clock()
    inbound = gate(clock)
    assert inbound.admit("main", 700, 10) is None  # the burst: half a second's worth, 500
    pause = inbound.admit("main", 1, 10)
    assert pause == pytest.approx(0.2)  # 200 calls of debt at 1,000 a second
    clock.now += 0.2
    assert inbound.admit("main", 1, 10) is None
    # Bytes count too, and one large message may go into debt alone.
    clock.now += 10
    assert inbound.admit("main", 1, 25_000) is None
    assert inbound.admit("main", 1, 1) == pytest.approx(2.0)


def test_budgets_are_per_window() -> None:
    clock = Clock()
    inbound = gate(clock)
    assert inbound.admit("main", 600, 0) is None
    assert inbound.admit("main", 1, 0) is not None
    assert inbound.admit("other", 1, 0) is None


def test_a_page_that_waits_its_pauses_is_never_cut_off() -> None:
    """What the API does: one more `call` may arrive during a pause (it was in flight)."""
    clock = Clock()
    inbound = gate(clock, strikes=3)
    for _ in range(500):
        pause = inbound.admit("main", 200, 0)
        for _ in range(IN_FLIGHT - 1):
            clock.now += 0.0001
            inbound.admit("main", 200, 0)
        if pause is not None:
            clock.now += pause
    assert not inbound.is_cut_off("main")


def test_a_page_that_keeps_sending_through_its_pauses_is_cut_off_once() -> None:
    clock = Clock()
    inbound = gate(clock, strikes=3)
    assert inbound.admit("main", 600, 0) is None
    for _ in range(IN_FLIGHT + 3):  # refused, the one in flight, then three strikes
        assert inbound.admit("main", 1, 0) is not None
    with pytest.raises(FloodCutOff) as cut:
        inbound.admit("main", 1, 0)
    assert cut.value.first
    assert "kept sending while refused" in str(cut.value)
    clock.now += 60  # cut off until the app reloads it, however long it waits
    with pytest.raises(FloodCutOff) as again:
        inbound.admit("main", 1, 0)
    assert not again.value.first
    assert inbound.admit("other", 1, 0) is None  # the other windows are served
    inbound.forget("main")
    assert inbound.admit("main", 1, 0) is None


def test_strikes_fade() -> None:
    clock = Clock()
    inbound = gate(clock, strikes=3)
    for _ in range(20):  # a few strikes now and then, never many at once
        inbound.admit("main", 10_000, 0)
        inbound.admit("main", 1, 0)
        inbound.admit("main", 1, 0)
        inbound.admit("main", 1, 0)  # a strike
        clock.now += 11
    assert not inbound.is_cut_off("main")
