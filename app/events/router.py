"""Routing (spec §3, §5, §7) in plain Python: who hears an emit, in what order, and when.

The router runs on one thread (the hub's GUI thread). It calls Python listeners itself and
puts frontend deliveries into each page's outgoing batch; the hub decides when batches leave.
Emits made while a dispatch runs are queued and dispatched after it, breadth-first.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol

from ..errors import InvalidWindowLabel, WindowNotFound
from .binary import decode_bytes
from .pages import PageState, TokenCheck
from .registry import ListenerRegistry
from .sidebytes import SideBytes, SideSend
from .values import UNPARSED, Emission, Event, Listener, ListenerSelection, Reach

# A page's batch is sent at once, instead of at the end of the event-loop turn, at this many
# messages; and before a message that would take it past this many characters (one message
# larger than that goes alone). Channel messages of more than about 100 KB cost the page
# (and the GUI thread) more per byte than smaller ones: 10 KB events went 1.5-1.9x faster in
# batches of 64 K characters than in batches of 128 K or 1 M (docs/performance.md, "The
# outbound stream"); batches of small events stop at the message count first.
URGENT_BATCH_MESSAGES = 1000
URGENT_BATCH_CHARS = 64 * 1024

ListenerErrorHook = Callable[[BaseException, Listener, Emission], None]
_PREFIXES_KEPT = 4096
_ROUTES_KEPT = 4096


class _Route(NamedTuple):
    """Who hears one (event, channel): computed once per registry version, a snapshot."""

    # (page label, its listener ids as a JSON array, the delivery's prefix for a backend emit)
    targets: tuple[tuple[str, str, str], ...]
    backend: tuple[Listener, ...]

    @property
    def pages(self) -> tuple[tuple[str, str], ...]:
        return tuple((label, ids) for label, ids, _ in self.targets)


class Flow(NamedTuple):
    """A page's flow control at one moment: whether it is sent nothing until it acks
    (``stalled``), the characters waiting for it and in flight to it, and the events dropped
    for it and not yet reported."""

    stalled: bool
    waiting_chars: int
    in_flight_chars: int
    dropped: int


class Tracer(Protocol):
    """Told of every routed emit (``--trace-events``: ``app.tools.trace``)."""

    def routed(
        self,
        event: str,
        source: str | None,
        channel: str | None,
        pages: Sequence[tuple[str, str]],
        backend: Sequence[Listener],
        held: Sequence[str],
    ) -> None: ...


class Router:
    def __init__(
        self,
        registry: ListenerRegistry,
        *,
        send_now: Callable[[str], None],
        flush_soon: Callable[[], None],
        on_listener_error: ListenerErrorHook,
    ) -> None:
        """``send_now(label)``: a page's batch is full, send it now; ``flush_soon()``: a
        batch was started, send the waiting batches at the end of the event-loop turn."""
        self.registry = registry
        self._send_now = send_now
        self._flush_soon = flush_soon
        self._on_listener_error = on_listener_error
        self._pages: dict[str, PageState] = {}
        self._to_dispatch: deque[Emission | Callable[[], object]] = deque()
        self._dispatching = False
        self._routes: dict[tuple[str, str | None, str | None], _Route] = {}
        self._routes_version = -1
        # Python v2 emits' routes (spec §17), by (event, selection key, excluded page).
        self._selected_routes: dict[tuple[str, object, str | None], _Route] = {}
        self._prefixes: dict[tuple[str, str | None, str], str] = {}
        self._unready: list[PageState] = []
        # Set by --trace-events; off, it costs one attribute test per emit.
        self.tracer: Tracer | None = None
        # The pages' side path for large bytes (spec §6.8), set by the hub once it can send.
        self.side_send: SideSend | None = None

    # -- windows ---------------------------------------------------------------------------

    def labels(self) -> list[str]:
        """Open windows' labels, in the order they were opened."""
        return list(self._pages)

    def require_window(self, label: str) -> None:
        if label not in self._pages:
            raise WindowNotFound(f"no window with label {label!r}")

    def open_window(self, label: str) -> None:
        if label in self._pages:
            raise InvalidWindowLabel(f"a window with label {label!r} already exists")
        page = self._pages[label] = PageState(label)
        self._unready.append(page)
        self._broadcast_windows()

    def close_window(self, label: str, farewell: Emission | None = None) -> None:
        """Forget the window: its page's listeners, then (after ``farewell``, its
        ``tauri://destroyed``, has been routed) the Python listeners on its channel. Pages learn
        the new window list before they get ``farewell``."""
        page = self._pages.pop(label, None)
        if page is None:
            return
        if page in self._unready:
            self._unready.remove(page)
        self.registry.remove_page(label)
        self._broadcast_windows()
        if farewell is not None:
            self.route(farewell)
        self.route(lambda: self.registry.remove_backend_on_window(label))

    # -- pages -----------------------------------------------------------------------------

    def page_loading(self, label: str) -> None:
        """A (re)load began: the old document's listeners go, a new not-ready period starts."""
        page = self._pages.get(label)
        if page is not None:
            page.start_load()
            if page not in self._unready:
                self._unready.append(page)
            self.registry.remove_page(label)

    def page_ready(self, label: str) -> None:
        """The ready deadline passed: kept events no listener claimed are dropped."""
        page = self._pages.get(label)
        if page is not None:
            page.mark_ready()
            if page in self._unready:
                self._unready.remove(page)

    def page_hears(self, event: str, channel: str) -> bool:
        """Whether some page has a listener of ``event`` that hears window channel ``channel``
        (a v2 ``Any`` listener hears every window's and so claims none, as in Tauri v2)."""
        return any(
            listener.page is not None
            and listener.reach is not Reach.ANY
            and listener.hears(channel)
            for listener in self.registry.snapshot(event)
        )

    def is_connected(self, label: str) -> bool:
        """Whether the current document of window ``label`` has reached the bridge."""
        page = self._pages.get(label)
        return page is not None and page.token is not None

    def queue_reply(self, label: str, token: str, message: str) -> bool:
        """Queue ``message`` for document ``token`` of window ``label`` without scheduling a
        send (the answer to a call: the call's reply takes the batch); ``False`` if that
        document is not the window's current one."""
        page = self._pages.get(label)
        if page is None or page.token != token:
            return False
        page.queue(message, self.side_send)
        return True

    def is_ready(self, label: str) -> bool:
        page = self._pages.get(label)
        return page is not None and page.ready

    def check_page(self, label: str, token: str) -> TokenCheck:
        """Whether a message from document ``token`` of window ``label`` is to be served.

        The first token after a load starts is adopted as the page's (``NEW``); the current one
        is ``CURRENT``; the tokens of replaced documents, and any other while a page is
        current, are refused (``RETIRED`` / ``UNKNOWN``): one page cannot pose as another.
        """
        page = self._pages.get(label)
        if page is None:
            return TokenCheck.RETIRED
        verdict = page.check_token(token)
        if verdict is TokenCheck.UNKNOWN and page.may_adopt(token):
            page.adopt(token)
            # The page's metadata was written when its document was created; bring it up to date.
            self._queue_for(page, self._windows_message())
            return TokenCheck.NEW
        return verdict

    def listen_from_page(
        self,
        label: str,
        event: str,
        window: str | None,
        announce: Callable[[int], object] | None = None,
        reach: Reach = Reach.SPEC,
    ) -> int:
        """Register a page's listener; a page not yet ready also gets the events kept for it.
        ``announce(id)`` runs in between, so that a reply naming the id goes to the page
        before any event that names it."""
        page = self._pages[label]
        listener = self.registry.add(event, page=label, window=window, reach=reach)
        if announce is not None:
            announce(listener.id)
        if not page.ready:
            for kept in page.held:
                if kept.event == event and kept.heard_by(listener):
                    prefix = self._event_prefix(kept.event, kept.source, f"[{listener.id}]")
                    if type(kept.payload_text) is SideBytes:
                        page.queue_side(prefix, kept.payload_text, self.side_send)
                    else:
                        page.queue_event(prefix, kept.payload_text)
            if page.pending:
                self._flush_soon()
        return listener.id

    def queue_message(self, label: str, token: str, message: str) -> bool:
        """Queue ``message`` for document ``token`` of window ``label``; dropped (``False``) if
        that document is gone."""
        page = self._pages.get(label)
        if page is None or page.token != token:
            return False
        self._queue_for(page, message)
        return True

    def has_waiting(self) -> bool:
        """Whether some page has deliveries waiting to be sent."""
        return any(page.pending for page in self._pages.values())

    def take_batches(self) -> list[tuple[str, str]]:
        """Every page's outgoing messages as ``(label, json_array)``, emptying the outboxes."""
        batches = []
        for label, page in self._pages.items():
            batch = page.take_batch()
            if batch is not None:
                batches.append((label, batch))
        return batches

    def flow(self, label: str) -> Flow:
        """Window ``label``'s flow control now (docs/reliability.md)."""
        page = self._pages[label]
        return Flow(page.stalled, page.outbox_chars, page.in_flight_chars, page.dropped)

    def acked(self, label: str, token: str, batches: int) -> bool:
        """Record a page's acknowledgement; ``True`` if deliveries wait that may go now. Only
        the current document's count (an old one's late ack, or another page's, would let
        more than the limit be in flight)."""
        page = self._pages.get(label)
        if page is None or batches <= 0 or page.token is None or token != page.token:
            return False
        was_stalled = page.stalled
        page.acked(batches)
        return was_stalled and not page.stalled and page.pending > 0

    def take_batch(self, label: str) -> str | None:
        page = self._pages.get(label)
        return page.take_batch() if page is not None else None

    def take_reply_batch(self, label: str) -> str | None:
        """What a call's reply carries to the page (``PageState.take_reply_batch``)."""
        page = self._pages.get(label)
        return page.take_reply_batch() if page is not None else None

    # -- routing ---------------------------------------------------------------------------

    def route(self, item: Emission | Callable[[], object]) -> None:
        """Dispatch now, or after the current dispatch if called from a listener. A callable
        is a step that must keep its place among the emissions (a purge after a farewell)."""
        self._to_dispatch.append(item)
        if self._dispatching:
            return
        self._dispatching = True
        try:
            while self._to_dispatch:
                item = self._to_dispatch.popleft()
                if isinstance(item, Emission):
                    self._dispatch(item)
                else:
                    item()
        finally:
            self._dispatching = False

    def route_to_pages(self, event: str, channel: str | None, payload_text: str) -> None:
        """A backend emit to pages only, routed at once; the hot path of ``route``, with its
        semantics: queued behind a running dispatch, kept for pages not yet ready."""
        if self._dispatching or self._to_dispatch or self._unready:
            self.route(
                Emission(event, channel, None, payload_text, to_backend=False, to_frontend=True)
            )
            return
        route = self._routes.get((event, channel, None))  # _route's cache hit, inlined
        if route is None or self._routes_version != self.registry.version:
            route = self._route(event, channel, None)
        self._queue_for_pages(route, event, None, payload_text)
        if self.tracer is not None:
            self.tracer.routed(event, None, channel, route.pages, (), ())

    def route_selected(
        self, event: str, channel: str | None, payload_text: str, select: ListenerSelection
    ) -> None:
        """A Python v2 emit (spec §17), routed at once when it reaches pages only by a cached
        route; the hot path of ``route``, with its semantics (otherwise it goes through it)."""
        if (
            select.key is None
            or self._dispatching
            or self._to_dispatch
            or self._unready
            or self.tracer is not None
        ):
            route = None
        else:
            route = self._route(event, None, None, (select.key, select.hears))
        if route is None or route.backend:
            self.route(
                Emission(
                    event,
                    channel,
                    None,
                    payload_text,
                    to_backend=True,
                    to_frontend=True,
                    select=select,
                )
            )
            return
        self._queue_for_pages(route, event, None, payload_text)

    def _dispatch(self, emission: Emission) -> None:
        if emission.select is None:
            route = self._route(emission.event, emission.channel, emission.exclude_page)
        else:
            route = self._selected_route(emission)
        if self.tracer is not None:
            self._trace(emission, route)
        if emission.to_frontend:
            self._queue_for_pages(route, emission.event, emission.source, emission.payload_text)
            if emission.keep:
                for page in self._unready:
                    if page.label != emission.exclude_page:
                        page.hold(emission)
        if emission.to_backend and route.backend:
            self._call_backend(emission, route.backend)

    def _trace(self, emission: Emission, route: _Route) -> None:
        assert self.tracer is not None
        held: tuple[str, ...] = ()
        if emission.to_frontend and emission.keep:
            held = tuple(p.label for p in self._unready if p.label != emission.exclude_page)
        self.tracer.routed(
            emission.event,
            emission.source,
            emission.channel,
            route.pages if emission.to_frontend else (),
            route.backend if emission.to_backend else (),
            held,
        )

    def _queue_for_pages(
        self, route: _Route, event: str, source: str | None, payload_text: str
    ) -> None:
        side = payload_text if type(payload_text) is SideBytes else None
        room = URGENT_BATCH_CHARS - len(payload_text)  # what the batch may hold before it
        for label, ids, backend_prefix in route.targets:
            page = self._pages.get(label)
            if page is not None:
                prefix = (
                    backend_prefix if source is None else self._event_prefix(event, source, ids)
                )
                if side is None and page.outbox_chars <= room:  # the common case, first
                    page.queue_event(prefix, payload_text)
                else:
                    if page.outbox_chars > room and page.pending:
                        self._send_now(label)  # what waits goes first, within the size limit
                    if side is None:
                        page.queue_event(prefix, payload_text)
                    else:
                        page.queue_side(prefix, side, self.side_send)
                # _queued's test, inlined for the common case of an event joining a batch
                if (
                    page.pending == 1
                    or page.pending >= URGENT_BATCH_MESSAGES
                    or page.outbox_chars >= URGENT_BATCH_CHARS
                ):
                    self._queued(page)

    def _route(
        self,
        event: str,
        channel: str | None,
        excluded: str | None,
        selection: tuple[object, Callable[[Listener], bool]] | None = None,
    ) -> _Route:
        """The cached route of ``(event, channel, excluded)``, or, with ``selection`` (a
        v2 emit's key and test), of ``(event, key, excluded)`` in a cache of their own."""
        if self._routes_version != self.registry.version:
            self._routes.clear()
            self._selected_routes.clear()
            self._routes_version = self.registry.version
        if selection is not None:
            selected_key = (event, selection[0], excluded)
            route = self._selected_routes.get(selected_key)
            if route is None:
                if len(self._selected_routes) >= _ROUTES_KEPT:
                    self._selected_routes.clear()
                route = self._compute_route(event, None, excluded, selection[1])
                self._selected_routes[selected_key] = route
            return route
        key = (event, channel, excluded)
        route = self._routes.get(key)
        if route is None:
            if len(self._routes) >= _ROUTES_KEPT:  # e.g. one event name per download
                self._routes.clear()
            route = self._routes[key] = self._compute_route(event, channel, excluded)
        return route

    def _selected_route(self, emission: Emission) -> _Route:
        """The route of a Python v2 emit, whose listeners are chosen by their targets (spec
        §17); kept beside the channel routes, under the selection's key when it has one."""
        select = emission.select
        assert select is not None
        key = select.key
        if key is None:
            return self._compute_route(emission.event, None, emission.exclude_page, select.hears)
        return self._route(emission.event, None, emission.exclude_page, (key, select.hears))

    def _compute_route(
        self,
        event: str,
        channel: str | None,
        excluded: str | None,
        hears: Callable[[Listener], bool] | None = None,
    ) -> _Route:
        ids_by_page: dict[str, list[int]] = {}
        backend = []
        for listener in self.registry.snapshot(event):
            if not (listener.hears(channel) if hears is None else hears(listener)):
                continue
            if listener.page is None:
                backend.append(listener)
            elif listener.page != excluded:
                ids_by_page.setdefault(listener.page, []).append(listener.id)
        targets = []
        for label, page_ids in ids_by_page.items():
            ids = json.dumps(page_ids, separators=(",", ":"))
            targets.append((label, ids, self._event_prefix(event, None, ids)))
        return _Route(tuple(targets), tuple(backend))

    def _event_prefix(self, event: str, source: str | None, ids: str) -> str:
        """A delivery message up to its payloads: the same for every emit of one event, from
        one source, to one page's listeners (kept, so that consecutive events share it)."""
        key = (event, source, ids)
        prefix = self._prefixes.get(key)
        if prefix is None:
            if len(self._prefixes) >= _PREFIXES_KEPT:
                self._prefixes.clear()
            prefix = self._prefixes[key] = (
                '{"t":"event","event":'
                + json.dumps(event)
                + ',"source":'
                + json.dumps(source)
                + ',"ids":'
                + ids
                + ',"payloads":['
            )
        return prefix

    def _call_backend(self, emission: Emission, hearing: tuple[Listener, ...]) -> None:
        payload = emission.payload_value
        if type(emission.payload_text) is SideBytes:
            payload = emission.payload_text.data
        elif payload is UNPARSED:
            payload = json.loads(emission.payload_text)
            data = decode_bytes(payload)  # bytes stay bytes (spec §6.7)
            if data is not None:
                payload = data
        for listener in hearing:
            if not self.registry.is_registered(listener):
                continue  # removed during this dispatch, before its turn (spec §5)
            if listener.once:
                self.registry.remove(listener.id)
            assert listener.handler is not None
            try:
                listener.handler(Event(emission.event, emission.source, listener.id, payload))
            except Exception as error:
                self._on_listener_error(error, listener, emission)

    def _queue_for(self, page: PageState, message: str) -> None:
        if page.pending and page.outbox_chars + len(message) > URGENT_BATCH_CHARS:
            self._send_now(page.label)
        page.queue(message, self.side_send)
        self._queued(page)

    def _queued(self, page: PageState) -> None:
        if (
            page.pending >= URGENT_BATCH_MESSAGES or page.outbox_chars >= URGENT_BATCH_CHARS
        ) and not page.stalled:  # a stalled page's batch waits for its ack
            self._send_now(page.label)  # full (or one large event): it goes now
        elif page.pending == 1:
            self._flush_soon()  # the first of a batch: flush at the turn's end

    def _broadcast_windows(self) -> None:
        message = self._windows_message()
        for page in self._pages.values():
            if page.token is not None:
                self._queue_for(page, message)

    def _windows_message(self) -> str:
        return json.dumps({"t": "windows", "labels": list(self._pages)}, separators=(",", ":"))
