"""``EventHub``: the Qt side of routing. It owns the one thread hop, the flush of outgoing
batches at the end of an event-loop turn, and the pages' ready deadlines; the rules themselves
live in ``Router`` and ``ListenerRegistry``, which are plain Python."""

from __future__ import annotations

import json
import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

# Not `Qt`: importing that namespace builds ~90 Python enums, a cost at every app's start.
from PySide6.QtCore import QObject, QTimer, Signal

from ..config import DEFAULT_READY_GRACE_MS
from ..errors import AppClosed
from ..events.names import KNOWN_VALID_NAMES, check_event_name, check_window_label
from ..events.pages import TokenCheck
from ..events.payload import DEFAULT_MAX_PAYLOAD_BYTES, encode_payload
from ..events.registry import ListenerRegistry
from ..events.router import Flow, Router, Tracer
from ..events.targets import Selection
from ..events.values import Emission, Handler, Listener, Reach

if TYPE_CHECKING:
    from ..events.sidebytes import SideBytes
    from .sidepath import SidePath

log = logging.getLogger(__name__)

# Emissions from other threads waiting for the GUI thread; beyond this, emitting threads wait,
# unless the GUI thread has routed nothing for STALL_SECONDS (docs/reliability.md).
MAX_INCOMING = 10_000
STALL_SECONDS = 1.0

ErrorHook = Callable[[BaseException, str], None]
Deliver = Callable[[str], object]


class EventHub(QObject):
    """Routes events between Python listeners and the windows' pages (spec §3-§7).

    ``emit`` and the other entry points are safe from any thread: work from another thread is
    queued and handed to the hub's thread in one hop; everything else runs on the hub's thread.
    """

    _wake = Signal()

    def __init__(
        self,
        *,
        max_payload_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES,
        ready_grace_ms: int = DEFAULT_READY_GRACE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.max_payload_bytes = max_payload_bytes
        self.ready_grace_ms = ready_grace_ms
        self.error_hook: ErrorHook | None = None
        self.registry = ListenerRegistry()
        self.router = Router(
            self.registry,
            send_now=self._send_now,
            flush_soon=self._flush_soon,
            on_listener_error=self._listener_failed,
        )
        # label -> what hands a batch to that window's page (its bridge object's signal)
        self._deliver: dict[str, Deliver] = {}
        self._thread_id = threading.get_ident()
        self._incoming: deque[Emission | Callable[[], object]] = deque()
        self._incoming_lock = threading.Lock()
        # Emitting threads wait on this while the queue is full: a thread that emits faster
        # than the GUI thread routes must not grow memory without end, nor starve Qt's loop.
        self._incoming_room = threading.Condition(self._incoming_lock)
        self._drains = 0
        # Set when the GUI thread routed nothing for a while: it may be waiting for an
        # emitting thread (a join), so emitters stop waiting until it drains again.
        self._bound_suspended = False
        self._wake_pending = False
        # Emitted only from other threads, so Qt's automatic connection queues it to ours.
        self._wake.connect(self._drain_incoming)
        # The end-of-turn flush: one timer, so that a flush no longer needed can be dropped.
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)
        self._flush_pending = False
        self._ready_timers: dict[str, QTimer] = {}
        self._closed = False
        # The side path for large bytes (spec §6.8), made at the first large bytes payload;
        # page_origin (set by the app) says which origin a page's socket must come from.
        self.page_origin: Callable[[str], str | None] | None = None
        self._side: SidePath | None = None
        self.router.side_send = self._side_send

    # -- listeners -------------------------------------------------------------------------

    def listen(
        self,
        event: str,
        handler: Handler,
        *,
        window: str | None = None,
        once: bool = False,
        reach: Reach = Reach.SPEC,
    ) -> int:
        """Register a Python listener on the global kind (``window=None``) or a window channel;
        ``reach``: a v2 target's (``App.listen``: ``GLOBAL``; ``listen_any``: ``ANY``)."""
        self._require_open()
        check_event_name(event)
        if window is not None:
            check_window_label(window)
        if not callable(handler):
            raise TypeError(f"handler must be callable, not {type(handler).__qualname__}")
        return self.registry.add(
            event, page=None, window=window, handler=handler, once=once, reach=reach
        ).id

    def unlisten(self, listener_id: int) -> None:
        self.registry.remove(listener_id)

    def unlisten_from_page(self, label: str, listener_id: int) -> None:
        """A page's unlisten: it may drop only its own listeners (others' ids are ignored)."""
        listener = self.registry.get(listener_id)
        if listener is not None and listener.page == label:
            self.registry.remove(listener_id)

    def listen_from_page(
        self,
        label: str,
        event: str,
        window: str | None,
        announce: Callable[[int], object] | None = None,
        reach: Reach = Reach.SPEC,
    ) -> int:
        """Register a listener of window ``label``'s page (``Router.listen_from_page``)."""
        return self.router.listen_from_page(label, event, window, announce, reach)

    def listener_count(self, event: str | None = None) -> int:
        return self.registry.count(event)

    def listeners(self, event: str | None = None) -> list[Listener]:
        """The listeners, backend and frontend, of ``event`` (or of every event) now, in
        registration order: what the app's listeners and pages hold, for diagnostics."""
        return self.registry.snapshot(event)

    # -- emitting --------------------------------------------------------------------------

    def publish(
        self,
        event: str,
        payload: object = None,
        *,
        window: str | None = None,
        source: str | None = None,
        to_backend: bool,
        to_frontend: bool,
    ) -> None:
        """Validate and encode at the call site, then route (now, or queued: spec §5)."""
        if self._closed:
            self._require_open()
        check_event_name(event)
        if window is not None:
            check_window_label(window)
            self.router.require_window(window)
        text = encode_payload(payload, self.max_payload_bytes, side=True)
        emission = Emission(
            event, window, source, text, to_backend=to_backend, to_frontend=to_frontend
        )
        if threading.get_ident() == self._thread_id:
            self.router.route(emission)
        else:
            self.submit(emission)

    def emit_builtin(self, event: str, payload: object, window: str) -> None:
        """A built-in event about window ``window`` (resize, focus, ...): on its channel, from
        it, to Python and pages; not kept for pages that are not ready (docs/events.md)."""
        if self._closed:
            self._require_open()
        text = encode_payload(payload, self.max_payload_bytes)
        emission = Emission(
            event, window, window, text, to_backend=True, to_frontend=True, keep=False
        )
        if threading.get_ident() == self._thread_id:
            self.router.route(emission)
        else:
            self.submit(emission)

    def emit_to_pages(
        self, event: str, payload: object, window: str | None, *, window_is_open: bool = False
    ) -> None:
        """``publish(..., to_frontend=True, to_backend=False)`` for the backend's ``emit*``: the
        hot path, so it skips what that case does not need (same checks, same semantics).
        ``window_is_open``: the caller is that open window, whose label needs no check."""
        if self._closed:
            self._require_open()
        if type(event) is not str or event not in KNOWN_VALID_NAMES:
            check_event_name(event)
        if window is not None and not window_is_open:
            if type(window) is not str or window not in KNOWN_VALID_NAMES:
                check_window_label(window)
            self.router.require_window(window)
        text = encode_payload(payload, self.max_payload_bytes, side=True)
        if threading.get_ident() == self._thread_id:
            self.router.route_to_pages(event, window, text)
        else:
            self.submit(Emission(event, window, None, text, to_backend=False, to_frontend=True))

    def emit_selected(
        self, event: str, payload: object, select: Selection, *, channel: str | None = None
    ) -> None:
        """A Python v2 emit (spec §17): to the pages and Python listeners ``select`` chooses by
        their targets; ``channel`` is only what traces show. Validated and encoded here, routed
        as ``publish`` routes (kept for pages not ready, queued from other threads)."""
        if self._closed:
            self._require_open()
        if type(event) is not str or event not in KNOWN_VALID_NAMES:
            check_event_name(event)
        text = encode_payload(payload, self.max_payload_bytes, side=True)
        if select.key is None and select.on_error is None:  # a user's predicate may raise
            select.on_error = lambda error: self.report_error(
                error, f"the emit_filter predicate of event {event!r}"
            )
        if threading.get_ident() == self._thread_id:
            self.router.route_selected(event, channel, text, select)
        else:
            self.submit(
                Emission(
                    event, channel, None, text, to_backend=True, to_frontend=True, select=select
                )
            )

    def submit(self, emission: Emission | Callable[[], object]) -> None:
        """Route an already validated emission (or run a step in order with the emissions);
        from another thread it is queued to ours."""
        if threading.get_ident() == self._thread_id:
            self.router.route(emission)
            return
        with self._incoming_lock:
            self._require_open()
            if len(self._incoming) >= MAX_INCOMING and not self._bound_suspended:
                self._wait_for_room()
            self._incoming.append(emission)
            if self._wake_pending:
                return
            self._wake_pending = True
            # Under the lock: close() takes it, so the hub cannot be deleted during the emit.
            self._wake.emit()

    def _wait_for_room(self) -> None:
        """Wait (lock held) while the queue is full and the GUI thread drains it."""
        drains = self._drains
        while len(self._incoming) >= MAX_INCOMING:
            if not self._incoming_room.wait(STALL_SECONDS) and self._drains == drains:
                self._bound_suspended = True
                log.debug("the GUI thread routes nothing: emitting threads go on unbounded")
                return
            self._require_open()
            drains = self._drains

    def _drain_incoming(self) -> None:
        # Only what has arrived so far: a producer that keeps up must not hold the GUI thread.
        # What arrives meanwhile wakes the hub again, after Qt's other events.
        with self._incoming_lock:
            batch, self._incoming = self._incoming, deque()
            self._wake_pending = False
            self._drains += 1
            self._bound_suspended = False
            self._incoming_room.notify_all()
        while batch:
            emission = batch.popleft()
            try:
                self.router.route(emission)
            except BaseException:
                self._requeue(batch)
                raise

    def _requeue(self, batch: deque[Emission | Callable[[], object]]) -> None:
        """Put back what a failed drain did not reach, in order, and wake again."""
        with self._incoming_lock:
            batch.extend(self._incoming)
            self._incoming = batch
            if not batch or self._wake_pending:
                return
            self._wake_pending = True
        QTimer.singleShot(0, self, self._drain_incoming)  # on our thread: a signal would not queue

    # -- outgoing batches ------------------------------------------------------------------

    def queue_reply(self, label: str, token: str, message: str) -> bool:
        """Queue the answer to a call of document ``token``, for the call's reply to take;
        ``False`` if that document is not window ``label``'s current one."""
        return self.router.queue_reply(label, token, message)

    def take_reply_batch(self, label: str) -> str | None:
        """What a call's reply carries to window ``label``'s page: its waiting deliveries,
        not counted for flow control (the page takes it as it goes on calling)."""
        batch = self.router.take_reply_batch(label)
        self.drop_idle_flush()
        return batch

    def queue_message(
        self, label: str, token: str, message: str, on_gone: Callable[[], object] | None = None
    ) -> None:
        """Queue a message (a late command result, a ``Channel`` message) for one document of
        one window, from any thread, in order with the emits made before it on that thread;
        ``on_gone()`` runs (on the hub's thread) if that document is gone by then."""

        def queue() -> None:
            if not self.router.queue_message(label, token, message):
                log.debug("window %r: dropped a message for a page that is gone", label)
                if on_gone is not None:
                    on_gone()

        self.submit(queue)

    def _side_send(self, label: str, document: str, side: SideBytes) -> str | None:
        if self._side is None:
            if self.page_origin is None or self._closed:
                return None
            # Here, not at the top: QtWebSockets loads at the first large bytes, not at start.
            from .sidepath import SidePath

            self._side = SidePath(
                offer=self._side_offer,
                out_of_stream=self._side_fill,
                page_origin=self.page_origin,
                max_payload_bytes=self.max_payload_bytes,
                parent=self,
            )
        return self._side.send(label, document, side)

    def _side_offer(self, label: str, document: str, message: str) -> None:
        if self.router.queue_message(label, document, message):
            self._flush_soon()

    def _side_fill(self, label: str, document: str, messages: list[str]) -> None:
        """Bytes whose frames were lost, to the document waiting for them: outside its
        numbered stream, which may be held back by flow control while the page waits."""
        deliver = self._deliver.get(label)
        if deliver is not None:
            deliver("[" + json.dumps(document) + ",0," + ",".join(messages) + "]")

    @property
    def side_port(self) -> int | None:
        """The side path's port, once it listens (for tests and diagnostics)."""
        return None if self._side is None else self._side.port

    def _send_now(self, label: str) -> None:
        batch = self.router.take_batch(label)
        if batch is not None:
            self._send_batch(label, batch)

    def _send_batch(self, label: str, batch: str) -> None:
        deliver = self._deliver.get(label)
        if deliver is not None:
            deliver(batch)

    def _flush_soon(self) -> None:
        if not self._flush_pending:
            self._flush_pending = True
            self._flush_timer.start()

    def flush(self) -> None:
        """Send every page's waiting deliveries now, one channel message per page."""
        self._flush_pending = False
        self._flush_timer.stop()  # when called before its time
        for label, batch in self.router.take_batches():
            self._send_batch(label, batch)

    def drop_idle_flush(self) -> None:
        """Drop the end-of-turn flush if no page has deliveries waiting: after a call's reply
        took its page's batch, it would send nothing, and running it right after the reply
        holds the page's next call back (measured in docs/performance.md)."""
        if self._flush_pending and not self.router.has_waiting():
            self._flush_timer.stop()
            self._flush_pending = False

    def page_acked(self, label: str, token: str, batches: int) -> None:
        """Document ``token`` handled ``batches`` more batches: if it had fallen behind and has
        caught up enough, what waited for it goes now."""
        if self.router.acked(label, token, batches):
            self.flush_page(label)

    def flush_page(self, label: str) -> None:
        """Send one page's waiting deliveries now; the others go at the end of the turn."""
        batch = self.router.take_batch(label)
        if batch is not None:
            self._send_batch(label, batch)

    # -- pages and windows -----------------------------------------------------------------

    def add_window(self, label: str) -> None:
        """A window is being made: pages may address it from now on."""
        self.router.open_window(label)

    def connect_window(self, label: str, deliver: Deliver) -> None:
        """Window ``label``'s page gets its batches through ``deliver(batch)``."""
        self._deliver[label] = deliver

    def remove_window(self, label: str) -> None:
        """Forget a window that failed to be made (no ``tauri://destroyed``)."""
        self._deliver.pop(label, None)
        self.router.close_window(label)

    def labels(self) -> list[str]:
        """Open windows' labels, in the order they were opened."""
        return self.router.labels()

    def require_window(self, label: str) -> None:
        """Raise ``WindowNotFound`` unless window ``label`` is open."""
        self.router.require_window(label)

    def check_page(self, label: str, token: str) -> TokenCheck:
        """Whether a message of document ``token`` of window ``label`` is to be served."""
        return self.router.check_page(label, token)

    def is_connected(self, label: str) -> bool:
        """Whether the current document of window ``label`` has reached the bridge."""
        return self.router.is_connected(label)

    def is_ready(self, label: str) -> bool:
        """Whether window ``label``'s page is past its ready deadline (kept events dropped)."""
        return self.router.is_ready(label)

    def flow(self, label: str) -> Flow:
        """Window ``label``'s flow control now: stalled, waiting and in-flight characters,
        dropped events (docs/reliability.md)."""
        return self.router.flow(label)

    def page_hears(self, event: str, channel: str) -> bool:
        """Whether some page listens to ``event`` on window channel ``channel``."""
        return self.router.page_hears(event, channel)

    def page_loading(self, label: str) -> None:
        self._stop_ready_timer(label)
        if self._side is not None:
            self._side.page_gone(label)
        self.router.page_loading(label)

    def _stop_ready_timer(self, label: str) -> None:
        timer = self._ready_timers.pop(label, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()

    def page_loaded(self, label: str) -> None:
        """Start the grace period after which kept events no listener claimed are dropped."""
        if self.router.is_ready(label) or label in self._ready_timers:
            return
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._ready_deadline(label))
        self._ready_timers[label] = timer
        timer.start(self.ready_grace_ms)

    def _ready_deadline(self, label: str) -> None:
        timer = self._ready_timers.pop(label, None)
        if timer is not None:
            timer.deleteLater()
        self.router.page_ready(label)

    def window_opened(self, label: str) -> None:
        """Tell everyone but the new window's own page: ``tauri://window-created``."""
        payload = json.dumps({"label": label})
        self.submit(
            Emission(
                "tauri://window-created",
                None,
                None,
                payload,
                to_backend=True,
                to_frontend=True,
                exclude_page=label,
                keep=False,
            )
        )

    def window_closed(self, label: str) -> None:
        """Forget the window, after ``tauri://destroyed`` on its channel, from it."""
        self._stop_ready_timer(label)
        if self._side is not None:
            self._side.page_gone(label)
        self._deliver.pop(label, None)
        self.router.close_window(
            label,
            Emission(
                "tauri://destroyed",
                label,
                label,
                "null",
                to_backend=True,
                to_frontend=True,
                keep=False,
            ),
        )

    # -- tracing ---------------------------------------------------------------------------

    @property
    def tracer(self) -> Tracer | None:
        return self.router.tracer

    def set_tracer(self, tracer: Tracer | None) -> None:
        """Tell ``tracer`` of every routed emit from now on (``None``: stop)."""
        self.router.tracer = tracer

    # -- errors ----------------------------------------------------------------------------

    def _listener_failed(
        self, error: BaseException, listener: Listener, emission: Emission
    ) -> None:
        where = f"listener {listener.id} of event {emission.event!r}"
        self.report_error(error, where)

    def report_error(self, error: BaseException, where: str) -> None:
        """Log an exception raised by user code with its traceback, then call the error hook."""
        log.error("%s raised %s", where, type(error).__name__, exc_info=error)
        self.call_error_hook(error, where)

    def call_error_hook(self, error: BaseException, where: str) -> None:
        """Tell the error hook (if any) about an exception that was already logged."""
        if self.error_hook is not None:
            try:
                self.error_hook(error, where)
            except Exception:
                log.exception("the error hook raised while reporting %s", where)

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        """Refuse emits from now on and forget every listener and queued event."""
        with self._incoming_lock:
            self._closed = True
            self._incoming.clear()
            self._incoming_room.notify_all()  # waiting emitters raise AppClosed
        if self._side is not None:
            self._side.close()
        for timer in self._ready_timers.values():
            timer.stop()
        self._ready_timers.clear()
        self._flush_timer.stop()
        self._flush_pending = False
        self.registry.clear()

    def _require_open(self) -> None:
        if self._closed:
            raise AppClosed("the app is closed: its events go nowhere")
