"""Waiting for an event: as the backend hears it, or as a page's ``listen`` does."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

from ..app import App
from ..events.values import Event
from ..web.window import Window
from .page import JsError, eval_js, page_helpers

_slots = itertools.count()
# How long the page may take to get the marker that arms its listener (one delivery).
ARMING_MS = 4000


def wait_event(
    qtbot: Any,
    target: App | Window,
    event: str,
    *,
    trigger: Callable[[], object] | None = None,
    timeout: int = 5000,
) -> Event:
    """Wait for the next ``event`` and return it (an ``app.Event``).

    ``target`` says who must hear it: the ``App`` means the backend (a Python global
    listener: any channel, from pages or Python); a ``Window`` means that window's page (a
    JS ``listen``: the global channel and the window's own). The listener is in place
    before ``trigger()`` runs, so an event that ``trigger`` causes cannot be missed; events
    sent before the call are not seen. Raises ``TimeoutError`` after ``timeout`` ms.
    """
    if isinstance(target, Window):
        return _wait_in_page(qtbot, target, event, trigger, timeout)
    if not isinstance(target, App):
        raise TypeError(f"wait_event: target must be an App or a Window, not {target!r}")
    caught: list[Event] = []
    listener = target.once_global(event, caught.append)
    try:
        if trigger is not None:
            trigger()
        qtbot.waitUntil(lambda: bool(caught), timeout=timeout)
    except qtbot.TimeoutError:
        raise TimeoutError(f"the backend heard no event {event!r} within {timeout} ms") from None
    finally:
        if not caught and not target.is_closed:
            target.unlisten(listener)
    return caught[0]


def _wait_in_page(
    qtbot: Any, window: Window, event: str, trigger: Callable[[], object] | None, timeout: int
) -> Event:
    slot = f"e{next(_slots)}"
    marker = f"qtauri-test:armed-{slot}"
    helpers = page_helpers()
    arguments = ", ".join(json.dumps(value) for value in (event, slot, marker))
    eval_js(qtbot, window, f"({helpers}).listenOnce({arguments})")
    # Through the page's event stream, after any kept event replayed to the new listener.
    window.emit(marker)
    eval_js(qtbot, window, f"({helpers}).waitArmed({json.dumps(slot)}, {ARMING_MS})")
    if trigger is not None:
        trigger()
    # The page gives up first, so its own message (timed out) is what the test sees.
    expression = f"({helpers}).caughtEvent({json.dumps(slot)}, {timeout}, {json.dumps(event)})"
    try:
        data = eval_js(qtbot, window, expression, timeout=timeout + 2000)
    except JsError as error:
        if error.name != "TimeoutError":
            raise
        raise TimeoutError(
            f"the page of window {window.label!r} heard no event {event!r} within {timeout} ms"
        ) from None
    return Event(data["event"], data["windowLabel"], data["id"], data["payload"])
