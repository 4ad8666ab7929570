"""Which channels each listener reach hears (Tauri v2's targets on spec §3's channels, see
docs/tauri-compat.md); plain Python, no browser."""

from __future__ import annotations

import pytest

from app.events.values import Listener, Reach

CHANNELS = (None, "main", "other")  # the global channel, then two window channels


@pytest.mark.parametrize(
    ("window", "reach", "hears"),
    [
        (None, Reach.SPEC, (None, "main")),  # spec §3.2's global kind, in page main
        ("other", Reach.SPEC, ("other",)),  # spec §3.2's window kind
        (None, Reach.ANY, (None, "main", "other")),  # v2 Any
        (None, Reach.GLOBAL, (None,)),  # v2 App
        ("other", Reach.LABEL, (None, "other")),  # v2 AnyLabel/Window/Webview/WebviewWindow
    ],
)
def test_page_listener_reach(window: str | None, reach: Reach, hears: tuple[str | None]) -> None:
    listener = Listener(1, "e", "main", window, reach=reach)
    assert tuple(c for c in CHANNELS if listener.hears(c)) == hears
