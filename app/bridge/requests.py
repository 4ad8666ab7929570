"""What a page may ask of the backend through its bridge (see docs/bridge-protocol.md).

Each request kind is a small function of the window's label and the decoded message; the
messages come from untrusted page code, so every field is checked here before use.
"""

from __future__ import annotations

import base64
import binascii
import logging
import math
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage

from ..commands.invoker import PENDING, ReplyTo
from ..commands.rawbody import RawBody
from ..errors import BridgeMessageError, NotAllowed, PageGone, UntrustedPage, WindowNotFound
from ..events.binary import decode_bytes
from ..events.names import check_event_name, check_window_label
from ..events.pages import TokenCheck
from ..events.payload import decode_payload
from ..events.sidebytes import SideMessage
from ..events.values import Emission, Reach
from ..security import (
    CONFIG_KEY,
    CREATE_WINDOW_COMMAND,
    WINDOW_COMMAND_PREFIX,
    Grant,
    SecurityPolicy,
    origin_of,
)
from .hub import EventHub
from .inbound import FloodCutOff, InboundGate, NotPermitted
from .limits import MessageLimits
from .protocol import (
    RefusalLog,
    batch_for,
    decode_request,
    error_result_message,
    result_message,
)

Request = dict[str, Any]
log = logging.getLogger(__name__)


class Invoke(Protocol):
    """Calls a command for window ``caller``'s page (``App.invoke_command``)."""

    def __call__(
        self,
        name: str,
        args: Mapping[str, Any],
        *,
        caller: str,
        reply_to: ReplyTo | None = None,
        body: RawBody | None = None,
    ) -> Any: ...


# How long a page's call waits when it arrives while an earlier one of its page is being
# served (a nested event loop): the page sends it again after this.
NESTED_HOLD_SECONDS = 0.02


class PageRequests:
    """Serves the requests of every window's page for one app. Of the app it gets what it
    uses: the hub, the security policy, and callables for the windows and the commands
    (``page_of`` raises ``WindowNotFound`` for a label that is not open; ``call_window(label,
    op, args)`` runs a window operation, checking ``op`` and ``args``)."""

    def __init__(
        self,
        hub: EventHub,
        security: SecurityPolicy,
        *,
        page_of: Callable[[str], QWebEnginePage],
        call_window: Callable[[str, str, object], object],
        create_window: Callable[..., object],
        invoke: Invoke,
        limits: MessageLimits,
        gate: InboundGate,
        cut_off: Callable[[str, str], None],
    ) -> None:
        self._hub = hub
        self._security = security
        self._page_of = page_of
        self._call_window = call_window
        self._create_window = create_window
        self._invoke = invoke
        self._kinds: dict[str, Callable[[str, Request, Grant], object]] = {
            "listen": self.listen,
            "unlisten": self.unlisten,
            "emit": self.emit,
            "invoke": self.invoke,
            "create_window": self.create_window,
            "window": self.window_call,
        }
        self._answers: _Answers | None = None  # while a batch is served
        self.log_refusal = RefusalLog()
        self._limits = limits
        self.gate = gate
        self._cut_off_window = cut_off
        self._batch_grant: Grant | None = None  # what the page whose batch is served may do
        self._serving: set[str] = set()  # windows whose page's batch is being served
        self._refused_logged: dict[str, str] = {}  # window -> the foreign URL last logged
        # window -> (its page, the policy's generation, the grant), until the URL changes
        self._granted: dict[str, tuple[QWebEnginePage, int, Grant]] = {}

    def handle(self, label: str, sender: str, request: Request) -> object:
        """Serve one decoded call of document ``sender``; returns its answer, or ``PENDING``."""
        # The origin first: a foreign document must not even become the page's current one.
        grant = self._batch_grant
        if grant is None or grant.label != label:
            grant = self._grant(label)
        # Each call, not once per batch: a call of the batch may close or reload the window.
        verdict = self._hub.check_page(label, sender)
        if verdict is TokenCheck.RETIRED:
            raise PageGone(f"window {label!r}: this page was replaced by a newer one")
        if verdict is TokenCheck.UNKNOWN:
            raise BridgeMessageError(f"window {label!r}: unknown page token")
        kind = _field(request, "kind", str)
        serve = self._kinds.get(kind)
        if serve is None:
            raise BridgeMessageError(f"unknown bridge message kind {kind!r}")
        return serve(label, request, grant)

    def handle_batch(self, label: str, sender: str, permit: str, calls: str) -> str:
        """Serve document ``sender``'s batch of calls (``<call id>\t<JSON>`` lines) in order,
        each answered by a ``result`` delivery in the page's outgoing stream (so a listen's
        answer precedes its events, and an emit's answer follows the page's own deliveries).
        Returns the reply: ``"<next permit> <batch>"``, the batch to answer with (the stream,
        unless it waits for the page's acks; a document that is not the page's current one,
        refused or replaced, gets its answers in a batch of its own) or nothing; ``"<permits>
        busy <ms>"`` when the page's budget is spent (a fresh window of permits); ``"stale"``
        for a call sent before the page read such a reply; ``""`` when the call is refused
        unread (no good permit, or the page was cut off)."""
        # A command of this window's page runs a nested event loop (a modal dialog), which
        # lets the page's next call in flight in: serving it now would run it before the rest
        # of the batch that runs the dialog, so it waits, as for a spent budget (spec 15.5).
        hold = NESTED_HOLD_SECONDS if label in self._serving else None
        # First, before anything reads the calls: the permit and the budget
        # (docs/reliability.md).
        try:
            permits, pause = self.gate.admit(label, permit, calls.count("\n") + 1, len(calls), hold)
        except NotPermitted as refused:
            log.debug("%s", refused)
            return ""
        except FloodCutOff as cut:
            self._cut_off(cut)
            return ""
        if pause is not None:
            if not permits:
                return "stale"  # the page sends it again after the busy reply's pause
            # The API sends it again after that.
            return f"{','.join(permits)} busy {math.ceil(pause * 1000) + 1}"
        self._serving.add(label)
        try:
            return permits[0] + " " + self._serve_batch(label, sender, calls)
        finally:
            self._serving.discard(label)

    def _serve_batch(self, label: str, sender: str, calls: str) -> str:
        # Kept and put back: a command that runs a nested event loop (a modal dialog) lets
        # another batch be served inside this one.
        outer = self._batch_grant, self._answers
        # One document sent the batch at one moment: its origin is checked once for all.
        try:
            self._batch_grant = self._grant(label)
        except UntrustedPage as refused:
            return _refuse_all(sender, calls, refused)  # unread: a refusal costs next to nothing
        except WindowNotFound:
            self._batch_grant = None  # each call says why
        answers = self._answers = _Answers(self._hub, label, sender)
        try:
            for line in calls.split("\n") if "\n" in calls else (calls,):
                call_id, _, text = line.partition("\t")
                if call_id.isdecimal() and len(call_id) < 16:
                    self._serve(label, int(call_id), text)
                else:
                    log.warning("window %r: a batched bridge message without a call id", label)
        finally:
            self._batch_grant, self._answers = outer
        if answers.elsewhere:
            self._hub.flush_page(label)  # the window's stream, if a call of it adopted sender
            return batch_for(sender, answers.elsewhere)
        return self._hub.take_reply_batch(label) or ""

    def _cut_off(self, cut: FloodCutOff) -> None:
        """The first time a page is cut off: its window stops serving it (the gate refuses
        all it sends until the app reloads it) and replaces it with an empty page."""
        if cut.first:
            self._cut_off_window(cut.label, cut.reason)

    def _serve(self, label: str, call: int, text: str) -> None:
        answers = self._answers
        assert answers is not None
        answers.call = call
        try:
            self._limits.check(text)  # by its length, before any decoding
            result = self.handle(label, answers.sender, decode_request(text))
            if answers.call is not None and result is not PENDING:
                answers.send(result_message(call, result))
        except Exception as error:
            self.log_refusal(label, error)
            if answers.call is not None:
                answers.send(error_result_message(call, error))

    def send_late_result(
        self, reply_to: ReplyTo, result: object, error: BaseException | None
    ) -> None:
        """The answer of a call that finished later (a thread or async command)."""
        if error is None:
            try:
                message = result_message(reply_to.call, result)
            except (TypeError, ValueError) as unencodable:
                message = error_result_message(reply_to.call, unencodable)
        else:
            message = error_result_message(reply_to.call, error)
        self._hub.queue_message(reply_to.label, reply_to.token, message)

    def _announce(self, listener_id: int) -> None:
        """A listen's answer, sent before the events kept for the page that it may hear."""
        answers = self._answers
        if answers is not None and answers.call is not None:
            answers.send(result_message(answers.call, listener_id))

    def _grant(self, label: str) -> Grant:
        """What the window's current page may do, from its URL (checked on every message:
        a window that navigated elsewhere keeps the bridge object, not the rights)."""
        page = self._page_of(label)
        known = self._granted.get(label)
        if known is not None and known[0] is page and known[1] == self._security.generation:
            return known[2]
        url = page.url()
        shown = url.toDisplayString()  # without a password
        try:
            grant = self._security.grant(label, shown, origin_of(url))
        except UntrustedPage:
            if self._refused_logged.get(label) != shown:  # once per page, not per call
                self._refused_logged[label] = shown
                log.warning("window %r: refused the API to the page at %s", label, shown)
            raise
        self._granted[label] = (page, self._security.generation, grant)
        return grant

    def url_changed(self, label: str) -> None:
        """Window ``label``'s page has a new URL: its grant is made again at its next call.
        (``QWebEnginePage.url()`` is a value Qt changes only as it emits ``urlChanged``, so
        a grant kept until then is the one ``url()`` would give.)"""
        self._granted.pop(label, None)

    def listen(self, label: str, request: Request, grant: Grant) -> int:
        event = check_event_name(request.get("event"))
        grant.check("listen", event)
        window = _optional_label(request)
        reach = _reach(request, window)
        return self._hub.listen_from_page(label, event, window, self._announce, reach)

    def unlisten(self, label: str, request: Request, _grant: Grant) -> None:
        self._hub.unlisten_from_page(label, _field(request, "id", int))

    def emit(self, label: str, request: Request, grant: Grant) -> None:
        event = check_event_name(request.get("event"))
        grant.check("emit", event)
        window = _optional_label(request)
        if window is not None:
            self._hub.require_window(window)
        text = request.get("payload")
        if text is None:
            text = "null"
        elif not isinstance(text, str):
            raise BridgeMessageError("emit: 'payload' must be JSON text or null")
        value = decode_payload(text, self._hub.max_payload_bytes)  # bad JSON never reaches a page
        data = decode_bytes(value)  # a page's bytes: Python listeners get bytes (spec §6.7)
        if data is not None:
            value = data
        # Routed now: the page's own deliveries of it go before the answer, in its stream.
        emission = Emission(
            event, window, label, text, to_backend=True, to_frontend=True, payload_value=value
        )
        self._hub.submit(emission)

    def invoke(self, label: str, request: Request, grant: Grant) -> object:
        name = _field(request, "cmd", str)
        grant.check("commands", name)
        args = request.get("args") or {}
        if not isinstance(args, dict):
            raise BridgeMessageError(f"invoke {name!r}: 'args' must be an object")
        answers = self._answers
        assert answers is not None, "a call is served from a batch"
        assert answers.call is not None, "a call is answered after it is served"
        reply_to = ReplyTo(label, answers.sender, answers.call)
        body = _raw_body(name, request)
        return self._invoke(name, args, caller=label, reply_to=reply_to, body=body)

    def create_window(self, label: str, request: Request, grant: Grant) -> None:
        grant.check("commands", CREATE_WINDOW_COMMAND)
        new_label = check_window_label(request.get("label"))
        options = request.get("options") or {}
        if not isinstance(options, dict):
            raise BridgeMessageError("create_window: 'options' must be an object")
        url = options.get("url")
        if isinstance(url, str):
            self._check_window_url(label, new_label, url)
        self._create_window(new_label, **options)  # the new window list precedes the answer
        # Before its page can call: the event loop has not turned since the window was made.
        self._security.opened_by(new_label, grant)

    def _check_window_url(self, label: str, new_label: str, url: str) -> None:
        """A page opens windows on the app's pages, or on remote pages that a capability
        allows for the new window: not on any site (the navigation rules, for new windows)."""
        target = QUrl(url, QUrl.ParsingMode.StrictMode)
        if not target.isValid() or target.scheme() not in ("http", "https"):
            return  # a page of the app, or a URL the window config refuses with its reason
        if self._security.may_load(new_label, target.toString(), origin_of(target)):
            return
        raise NotAllowed(
            f"window {label!r}: a page may open windows on the app's own pages only; to open "
            f"{target.toDisplayString()} in window {new_label!r}, list it under "
            f"{CONFIG_KEY}[].remote.urls of a capability for that window"
        )

    def window_call(self, label: str, request: Request, grant: Grant) -> object:
        """A ``WebviewWindow`` method called in a page: ``{label, op, args}``."""
        target = check_window_label(request.get("label"))
        self._hub.require_window(target)
        op = _field(request, "op", str)
        grant.check("commands", WINDOW_COMMAND_PREFIX + op)
        return self._call_window(target, op, request.get("args") or [])


class _Answers:
    """Where the answers to one batch of calls go: the page's stream, or (for a document that
    is not the page's current one) a batch of their own. ``call`` is the call being served,
    ``None`` once answered."""

    __slots__ = ("_hub", "_label", "call", "elsewhere", "sender")

    def __init__(self, hub: EventHub, label: str, sender: str) -> None:
        self._hub = hub
        self._label = label
        self.sender = sender
        self.elsewhere: list[str] = []
        self.call: int | None = None

    def send(self, message: str) -> None:
        self.call = None
        # Each time: a listen adopts the sender. In the page's stream, the reply takes it.
        if not self._hub.queue_reply(self._label, self.sender, message):
            self.elsewhere.append(message.inline() if type(message) is SideMessage else message)


def _refuse_all(sender: str, calls: str, error: UntrustedPage) -> str:
    """The answers to every call of a page that may not use the API: one error, encoded once,
    for each call id; the messages themselves are never decoded."""
    body = error_result_message(0, error)[len('{"t":"result","call":0') :]
    answers = []
    for line in calls.split("\n"):
        head = line.partition("\t")[0]
        if head.isdecimal() and len(head) < 16:
            answers.append(f'{{"t":"result","call":{int(head)}{body}')
    return batch_for(sender, answers)


def _field(request: Request, name: str, kind: type[str] | type[int]) -> Any:
    value = request.get(name)
    if type(value) is not kind:  # decoded JSON: exactly str or int (a bool is no int here)
        raise BridgeMessageError(f"bridge message field {name!r} must be a {kind.__name__}")
    return value


def _raw_body(name: str, request: Request) -> RawBody | None:
    """A raw call's bytes (base64 on the wire) and headers, or ``None`` for a JSON call."""
    raw = request.get("raw")
    if raw is None:
        return None
    headers = request.get("headers") or {}
    if not isinstance(raw, str) or not isinstance(headers, dict):
        raise BridgeMessageError(f"invoke {name!r}: 'raw' must be base64 text, 'headers' an object")
    if not all(isinstance(value, str) for value in headers.values()):
        raise BridgeMessageError(f"invoke {name!r}: header values must be strings")
    try:
        data = base64.b64decode(raw, validate=True)
    except binascii.Error as error:
        raise BridgeMessageError(f"invoke {name!r}: 'raw' is not base64: {error}") from None
    return RawBody(data, headers)


def _reach(request: Request, window: str | None) -> Reach:
    """The optional ``reach`` of a listen (Tauri v2's targets, docs/tauri-compat.md)."""
    name = request.get("reach", Reach.SPEC.value)
    try:
        reach = Reach(name)
    except ValueError:
        raise BridgeMessageError(f"listen: unknown reach {name!r}") from None
    if (reach is Reach.LABEL) != (window is not None) and reach is not Reach.SPEC:
        raise BridgeMessageError(f"listen: reach {name!r} needs a window exactly when 'label'")
    return reach


def _optional_label(request: Request) -> str | None:
    window = request.get("window")
    return None if window is None else check_window_label(window)
