"""The one object each page's ``QWebChannel`` publishes: calls in (JS -> Python), batches of
deliveries out (Python -> JS). Wire format: docs/bridge-protocol.md."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from ..commands.rawbody import encode_result
from ..errors import BridgeMessageError, CommandFailed, PageGone, UntrustedPage
from ..events.payload import encode_payload, read_json
from ..events.sidebytes import SideBytes, SideMessage

log = logging.getLogger(__name__)

BatchHandler = Callable[[str, str, str, str], str]
AckHandler = Callable[[str, str, int], None]


class Bridge(QObject):
    """``call(page, permit, calls) -> reply`` and ``ack(page, batches)``, for JS -> Python;
    the ``deliver(batch)`` signal for Python -> JS. The answers to a page's calls come back in
    the slot's own reply (a batch with whatever else waited for the page): one channel
    message, not two. The ``permit`` property is the page's first window of permits (below).
    """

    deliver = Signal(str)

    def __init__(
        self,
        label: str,
        handle_batch: BatchHandler,
        acked: AckHandler,
        issue_permit: Callable[[str], list[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._label = label
        self._handle_batch = handle_batch
        self._acked = acked
        self._issue_permit = issue_permit

    def _first_permit(self) -> str:
        try:
            return ",".join(self._issue_permit(self._label))
        except Exception:  # none may escape into Qt
            log.exception("window %r: no permits for the page", self._label)
            return ""

    # QWebChannel reads a published object's properties once, as a client connects (each new
    # document's channel): so reading this hands the connecting page its permits (a window
    # of them, comma-separated), which its first `call`s carry, with no round trip of their
    # own (docs/bridge-protocol.md). Constant to Qt: it has no change signal, and the page
    # reads it only then.
    permit = Property(str, _first_permit, constant=True)

    @Slot(str, int)
    def ack(self, page: str, batches: int) -> None:
        """Document ``page`` has handled this many more delivery batches (flow control)."""
        try:
            self._acked(self._label, page, batches)
        except Exception:  # none may escape into Qt
            log.exception("window %r: ack failed", self._label)

    @Slot(str, str, str, result=str)
    def call(self, page: str, permit: str, messages: str) -> str:
        """Document ``page``'s calls of one task, one per line, ``<call id>\t<JSON>``, so that
        each is decoded, and answered by a ``result`` delivery to that document, on its own;
        ``permit`` is one the page was handed and has not spent. Returns ``"<next permit>
        <batch>"``, a batch of deliveries for that document (its answers, and what else was
        waiting for it) or nothing when it must wait for the page's acknowledgements;
        ``"<permits> busy <ms>"`` (a fresh window of them, comma-separated); ``"stale"`` for
        a call sent before the page read such a reply; or ``""`` for a call refused unread."""
        try:
            return self._handle_batch(self._label, page, permit, messages)
        except Exception:  # none may escape into Qt
            log.exception("window %r: bridge batch failed: %.200s", self._label, messages)
            return ""


class RefusalLog:
    """Logs the calls the backend refused (bad message, unknown command or window, bad
    arguments, a capability's refusal): the first ``loud`` of each window at WARNING, the rest
    at DEBUG, so that a page sending junk in a loop cannot flood the log. Not logged here: a
    command's own exception (the invoker logs it), an untrusted page (logged once per page
    where it is refused), and a replaced page's late calls, which a reload makes normal."""

    def __init__(self, loud: int = 10) -> None:
        self._loud = loud
        self._counts: dict[str, int] = {}

    def __call__(self, label: str, error: BaseException) -> None:
        if isinstance(error, CommandFailed | UntrustedPage):
            return
        if isinstance(error, PageGone):
            log.debug("window %r: %s", label, error)
            return
        count = self._counts[label] = self._counts.get(label, 0) + 1
        level = logging.WARNING if count <= self._loud else logging.DEBUG
        log.log(level, "window %r: refused a call: %s: %s", label, type(error).__name__, error)
        if count == self._loud:
            log.warning("window %r: further refused calls are logged at DEBUG", label)


def batch_for(token: str, messages: list[str]) -> str:
    """A batch of deliveries for document ``token`` alone, outside its numbered stream
    (number 0: answers to a document that is not its window's current one)."""
    return "[" + json.dumps(token) + ",0," + ",".join(messages) + "]"


def result_message(call: int, result: object) -> str:
    """The delivery that answers call ``call`` with ``result``; a result JSON cannot carry
    raises the payload's error, worded for what it is: a return value."""
    try:
        text = encode_result(result)
    except (TypeError, ValueError) as error:
        raise return_value_error(error) from None
    if type(text) is SideBytes:  # a large Response: the page's side path (spec §6.8)
        return SideMessage(f'{{"t":"result","call":{call},"ok":', text, "}")
    return f'{{"t":"result","call":{call},"ok":{text}}}'


def return_value_error(error: TypeError | ValueError) -> TypeError | ValueError:
    """``payload['a'][1]: ...`` -> ``return value['a'][1]: ...``, same class."""
    message = str(error)
    if message.startswith("payload"):
        message = "return value" + message.removeprefix("payload")
    return type(error)(message)


def error_result_message(call: int, error: BaseException) -> str:
    """The delivery that answers call ``call`` with an error."""
    return f'{{"t":"result","call":{call},"error":{json.dumps(error_body(error))}}}'


def decode_request(message: object) -> dict[str, Any]:
    """Parse a page's message; anything but a JSON object is a ``BridgeMessageError``."""
    if not isinstance(message, str):
        raise BridgeMessageError(f"bridge message must be a string, got {type(message).__name__}")
    try:
        request = read_json(message)
    except ValueError as error:
        raise BridgeMessageError(f"bridge message is not valid JSON: {error}") from None
    if not isinstance(request, dict):
        raise BridgeMessageError("bridge message must be a JSON object")
    return request


def error_body(error: BaseException) -> dict[str, Any]:
    """How a page sees an exception: ``{name, message[, data]}``. For ``CommandFailed``, the
    command's own exception; ``data`` is its ``data`` attribute, or pydantic's error list."""
    if isinstance(error, CommandFailed):
        error = error.error
    body: dict[str, Any] = {"name": type(error).__name__, "message": str(error)}
    data = getattr(error, "data", None)
    errors = getattr(error, "errors", None)
    if data is None and callable(errors):  # a pydantic ValidationError, or alike
        with contextlib.suppress(Exception):
            data = errors(include_url=False)
    if data is not None:
        # Data that JSON cannot carry is left out; the name and the message still go.
        with contextlib.suppress(TypeError, ValueError, RecursionError):
            body["data"] = json.loads(encode_payload(data))
    return body
