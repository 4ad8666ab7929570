"""The per-page permits and budget of inbound calls and bytes, as plain Python with a fake
clock."""

from __future__ import annotations

import contextlib

import pytest

from app.bridge.inbound import (
    MAX_CALLS,
    WINDOW,
    Budget,
    FloodCutOff,
    InboundGate,
    NotPermitted,
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def gate(clock: Clock, strikes: int = 100) -> InboundGate:
    return InboundGate(Budget(1000, 10_000, strikes=strikes, max_call_chars=1_000_000), clock)


class Page:
    """A page that keeps the rule, as the API does: each call spends one of the permits the
    replies (or its channel's connection) handed out, and a busy reply's replace them all."""

    def __init__(self, inbound: InboundGate, label: str = "main") -> None:
        self.inbound = inbound
        self.label = label
        self.permits = inbound.issue(label)

    @property
    def permit(self) -> str:
        return self.permits[-1]

    def send(self, calls: int, size: int) -> float | None:
        permits, pause = self.inbound.admit(self.label, self.permits.pop(), calls, size)
        if pause is None:
            self.permits += permits
        else:
            self.permits = permits
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


def test_a_call_without_a_good_permit_is_refused_unread_and_is_a_strike() -> None:
    clock = Clock()
    inbound = gate(clock, strikes=3)
    page = Page(inbound)
    old = page.permit
    assert page.send(1, 10) is None
    # A permit spent already, replayed. Forged, empty: the same.
    for permit in (old, "0" * 24, ""):
        with pytest.raises(NotPermitted, match="without a permit of the last replies"):
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


def test_each_connection_hands_out_new_permits_and_the_old_ones_lapse() -> None:
    """A reloaded page's channel connects again: the old document's permits lapse."""
    clock = Clock()
    inbound = gate(clock)
    old = Page(inbound)
    assert old.send(1, 0) is None
    new = Page(inbound)  # the next document connects
    assert len(new.permits) == WINDOW
    assert all(len(permit) == 24 for permit in new.permits)
    assert not set(new.permits) & set(old.permits)
    for _ in range(WINDOW):
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


def test_a_page_has_at_most_its_window_of_calls_in_flight() -> None:
    """Sent without waiting for any reply: the window's calls are admitted, the next is not,
    whatever permit it carries, until a reply hands one back."""
    clock = Clock()
    inbound = gate(clock, strikes=3)
    permits = inbound.issue("main")
    assert len(permits) == WINDOW == 4
    replies = [inbound.admit("main", permit, 1, 10) for permit in permits]  # all in flight
    assert all(pause is None and len(new) == 1 for new, pause in replies)
    assert inbound.admitted_calls == WINDOW
    for permit in (*permits, "0" * 24, ""):  # replayed, forged, none
        with pytest.raises((NotPermitted, FloodCutOff)):
            inbound.admit("main", permit, 1, 10)
    assert inbound.admitted_calls == WINDOW
    assert inbound.is_cut_off("main")  # past 3 strikes


def test_each_reply_hands_back_one_permit_so_the_window_stays_full() -> None:
    clock = Clock()
    inbound = gate(clock)
    page = Page(inbound)
    for _ in range(1000):
        assert page.send(1, 10) is None
        assert len(page.permits) == WINDOW
        clock.now += 0.01
    bucket = inbound._buckets["main"]
    assert bucket.permits == set(page.permits)


def test_a_busy_reply_makes_the_calls_sent_after_it_stale_so_none_overtakes_it() -> None:
    """Four calls in flight; the first is refused as busy: the three behind it are refused
    as stale (not read, not struck), so the page sends all four again, in order, with the
    busy reply's permits. A stale permit serves once; replayed, it is a strike."""
    clock = Clock()
    inbound = gate(clock, strikes=3)
    page = Page(inbound)
    for _ in range(5):
        assert page.send(100, 0) is None  # the half-second burst, spent
    assert page.send(1, 0) is None  # into debt by one call: a millisecond
    first, *behind = page.permits
    new, pause = inbound.admit("main", first, 1, 0)
    assert pause == pytest.approx(0.001)
    assert len(new) == WINDOW
    assert not set(new) & {first, *behind}
    admitted = inbound.admitted_calls
    clock.now += 0.002  # past the pause: still stale, still not served
    for permit in behind:
        assert inbound.admit("main", permit, 1, 0) == ([], 0.0)
    assert inbound.admitted_calls == admitted
    assert not inbound.is_cut_off("main")
    refused = inbound.refused_messages
    with pytest.raises(NotPermitted):
        inbound.admit("main", behind[0], 1, 0)  # a stale permit replayed
    assert inbound.refused_messages == refused + 1
    clock.now += 1  # room again for all four
    for permit in new:  # the fresh window, after the pause
        assert inbound.admit("main", permit, 1, 0)[1] is None
    assert inbound.admitted_calls == admitted + WINDOW


def test_a_held_call_is_refused_as_busy_without_a_strike_or_its_budget() -> None:
    """A nested event loop lets a page's next call in while one of its calls is served: it
    waits as for a spent budget, and the calls behind it turn stale."""
    clock = Clock()
    inbound = gate(clock, strikes=0)
    permits = inbound.issue("main")
    new, pause = inbound.admit("main", permits[0], 1, 0, hold=0.02)
    assert pause == 0.02
    assert len(new) == WINDOW
    assert inbound.admit("main", permits[1], 1, 0)[0] == []  # stale
    assert inbound.admitted_calls == 0
    assert not inbound.is_cut_off("main")
    assert inbound.admit("main", new[0], 1, 0)[1] is None  # even during the hold: no strike


def test_the_permits_a_page_can_make_the_gate_keep_are_bounded() -> None:
    """However it mixes calls, busy replies and replays, a window keeps at most its window
    of good permits and its window of stale ones."""
    clock = Clock()
    inbound = gate(clock, strikes=10**9)
    page = Page(inbound)
    bucket = inbound._buckets["main"]
    for round_ in range(2000):
        with contextlib.suppress(NotPermitted):
            page.send(50, 100)
        if round_ % 7 == 0:
            page.permits = inbound.issue("main") if round_ % 21 == 0 else page.permits
            with contextlib.suppress(NotPermitted):
                inbound.admit("main", "f" * 24, 1, 0)
        assert len(bucket.permits) <= WINDOW
        assert len(bucket.stale) <= WINDOW
        clock.now += 0.001
