"""Value types of the event system: what handlers receive and what the registry stores."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass
from enum import Enum
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class Event:
    """What a Python listener receives (spec §4).

    ``window_label`` is the source: the label of the window whose page emitted the event, or
    ``None`` when the backend emitted it. ``id`` is the id of the listener being called.
    ``payload`` is parsed JSON, shared between the listeners of one emit: treat it as read-only.
    """

    event: str
    window_label: str | None
    id: int
    payload: Any


Handler = Callable[[Event], object]


class Reach(Enum):
    """Which channels a listener hears, besides spec §3.2's two kinds (``SPEC``). The others
    carry Tauri v2's event targets for its JS package (docs/tauri-compat.md)."""

    SPEC = "spec"  # window channel ``window``; or, with no window, spec §3.2's global kind
    ANY = "any"  # every channel: v2 target ``Any``, like Python's ``listen_global``
    GLOBAL = "global"  # the global channel only: v2 target ``App``
    LABEL = "label"  # window channel ``window`` and the global channel: v2's labelled targets


@dataclass(slots=True, eq=False)
class Listener:
    """One registered listener, backend or frontend.

    ``page`` is ``None`` for a Python listener, else the label of the window whose page holds it.
    ``window`` is the window channel it was registered on, or ``None`` for the global kind
    (``listen_global`` in Python, the event module's ``listen`` in JS).
    """

    id: int
    event: str
    page: str | None
    window: str | None
    handler: Handler | None = None
    once: bool = False
    reach: Reach = Reach.SPEC

    def hears(self, channel: str | None) -> bool:
        """Whether an emit on ``channel`` (``None`` = global) reaches this listener (spec §3)."""
        if self.reach is not Reach.SPEC:
            return (
                self.reach is Reach.ANY
                or channel is None
                or (self.reach is Reach.LABEL and channel == self.window)
            )
        if self.window is not None:
            return channel == self.window
        # The global kind: Python hears every channel; a page hears global and its own window.
        return self.page is None or channel is None or channel == self.page


class _Unparsed:
    def __repr__(self) -> str:
        return "UNPARSED"


UNPARSED: Any = _Unparsed()


class ListenerSelection(Protocol):
    """Listeners chosen by their Tauri v2 target rather than by a channel
    (``app.events.targets.Selection``, spec §17)."""

    @property
    def key(self) -> object | None: ...  # for the route cache; None: not cacheable

    def hears(self, listener: Listener) -> bool: ...


@dataclass(slots=True)
class Emission:
    """One emit on its way through the hub: validated, encoded, and told where it may go.
    Not frozen only because frozen dataclasses are slower to make; never changed after."""

    event: str
    channel: str | None
    source: str | None
    payload_text: str
    _: KW_ONLY
    to_backend: bool
    to_frontend: bool
    # The parsed payload when the emitter already has it (a page's emit), so it is parsed once.
    payload_value: Any = UNPARSED
    # A window whose page must not get this event (a new window is not told it was created).
    exclude_page: str | None = None
    # Kept for pages not ready yet (spec §7). Not for the built-in events that report a state
    # change (a window created, moved, focused, ...): a page reads the state when it starts,
    # so a replay would tell it again what it already knows (docs/events.md).
    keep: bool = True
    # A Python v2 emit (spec §17): its listeners are these, whatever the channel says (which
    # is then only what traces show).
    select: ListenerSelection | None = None

    def heard_by(self, listener: Listener) -> bool:
        """Whether ``listener`` hears this emission (spec §3, or §17's selection)."""
        if self.select is not None:
            return self.select.hears(listener)
        return listener.hears(self.channel)
