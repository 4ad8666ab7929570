"""Tauri v2's event targets for the Python side (spec §17): the ``EventTarget`` value that
``App.emit_to`` takes, the target each listener has in v2's terms, and the selections the v2
emits (``emit``, ``emit_to``, ``emit_filter``) make of the listeners. Plain Python.

qtauri has one webview per window, so a listener bound to window ``L`` (whatever API made it)
is ``AnyLabel(L)`` here: Tauri's ``Window``, ``Webview`` and ``WebviewWindow`` of one label are
one (docs/tauri-compat.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from .names import check_window_label
from .values import Listener, Reach


class TargetKind(Enum):
    """Tauri v2's ``EventTarget`` variants, spelt as its JS package spells ``kind``."""

    ANY = "Any"
    ANY_LABEL = "AnyLabel"
    APP = "App"
    WINDOW = "Window"
    WEBVIEW = "Webview"
    WEBVIEW_WINDOW = "WebviewWindow"


_LABELLED = frozenset(
    {TargetKind.ANY_LABEL, TargetKind.WINDOW, TargetKind.WEBVIEW, TargetKind.WEBVIEW_WINDOW}
)


@dataclass(frozen=True, slots=True)
class EventTarget:
    """Who an event is for, as Tauri v2's ``EventTarget``: make one with ``EventTarget.any()``,
    ``app()``, ``labeled(label)`` (also ``any_label``), ``window(label)``, ``webview(label)`` or
    ``webview_window(label)``. ``label`` is ``None`` for ``Any`` and ``App``."""

    kind: TargetKind
    label: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.kind, TargetKind):
            raise TypeError(f"EventTarget kind must be a TargetKind, not {self.kind!r}")
        if self.kind in _LABELLED:
            check_window_label(self.label)
        elif self.label is not None:
            raise ValueError(f"EventTarget {self.kind.value} takes no label")

    @classmethod
    def any(cls) -> EventTarget:
        return cls(TargetKind.ANY)

    @classmethod
    def app(cls) -> EventTarget:
        return cls(TargetKind.APP)

    @classmethod
    def labeled(cls, label: str) -> EventTarget:
        """Every listener bound to window ``label`` (Tauri's ``AnyLabel``; what a plain label
        means in v2's ``emit_to``)."""
        return cls(TargetKind.ANY_LABEL, label)

    any_label = labeled

    @classmethod
    def window(cls, label: str) -> EventTarget:
        return cls(TargetKind.WINDOW, label)

    @classmethod
    def webview(cls, label: str) -> EventTarget:
        return cls(TargetKind.WEBVIEW, label)

    @classmethod
    def webview_window(cls, label: str) -> EventTarget:
        return cls(TargetKind.WEBVIEW_WINDOW, label)

    @property
    def is_labelled(self) -> bool:
        return self.kind in _LABELLED

    def __repr__(self) -> str:
        if self.label is None:
            return f"EventTarget.{self.kind.value}"
        return f"EventTarget.{self.kind.value}({self.label!r})"


ANY = EventTarget.any()
APP = EventTarget.app()


def listener_target(listener: Listener) -> EventTarget:
    """What ``listener`` is in Tauri v2's terms (spec §17.2): ``Any`` for what hears every
    channel, ``App`` for what hears only the global one, else ``AnyLabel`` of the window it is
    bound to (a page's own global-kind listener is bound to that page's window)."""
    if listener.reach is Reach.ANY:
        return ANY
    if listener.reach is Reach.GLOBAL:
        return APP
    if listener.window is not None:  # SPEC window-kind, or a v2 labelled target
        return EventTarget(TargetKind.ANY_LABEL, listener.window)
    if listener.page is None:  # Python's listen_global: every channel
        return ANY
    return EventTarget(TargetKind.ANY_LABEL, listener.page)


class Selection:
    """The listeners one v2 emit is for, chosen by their targets instead of a channel (spec
    §17.3-17.5). ``key`` names the selection for the router's route cache; ``None``: not
    cacheable (a user's predicate)."""

    def __init__(self, accepts: Callable[[EventTarget], object], key: object | None) -> None:
        self._accepts = accepts
        self.key = key
        # Told of an exception the test raised (a user's predicate); it then counts as False.
        self.on_error: Callable[[BaseException], None] | None = None
        self._verdicts: dict[EventTarget, bool] = {}

    def hears(self, listener: Listener) -> bool:
        """Whether ``listener`` is one this emit is for. ``Any`` listeners always are, as in
        Tauri (its ``match_any_or_filter``). The test runs once per distinct target."""
        target = listener_target(listener)
        if target.kind is TargetKind.ANY:
            return True
        verdict = self._verdicts.get(target)
        if verdict is None:
            try:
                verdict = bool(self._accepts(target))
            except Exception as error:
                if self.on_error is None:
                    raise
                self.on_error(error)
                verdict = False
            self._verdicts[target] = verdict
        return verdict


def select_all() -> Selection:
    """v2's ``emit``: every listener of the event, whatever its target (spec §17.3)."""
    return _ALL


# One for every emit: its test cannot fail and its verdicts are the same for every event (one
# per window label met); a new one per emit cost 0.2 us of v2's emit.
_ALL = Selection(lambda _target: True, key=("all",))


def select_target(target: EventTarget) -> Selection:
    """v2's ``emit_to(target)`` (spec §17.4). A labelled target reaches every listener bound
    to that label, of any kind (one webview per window here); ``App`` reaches ``App``
    listeners; ``Any`` reaches every listener."""
    if target.kind is TargetKind.ANY:
        return select_all()
    if target.kind is TargetKind.APP:
        return Selection(lambda found: found.kind is TargetKind.APP, key=("to", target))
    label = target.label
    return Selection(lambda found: found.is_labelled and found.label == label, key=("to", target))


def select_filter(predicate: Callable[[EventTarget], object]) -> Selection:
    """v2's ``emit_filter``: the listeners whose target ``predicate`` accepts, and every
    ``Any`` listener (spec §17.5). The predicate's errors are the router's to report."""
    if not callable(predicate):
        raise TypeError(f"emit_filter needs a callable predicate, not {type(predicate).__name__}")
    return Selection(predicate, key=None)
