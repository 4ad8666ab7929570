"""The one object each page's ``QWebChannel`` publishes. JSON in, JSON out: it decodes a
message, hands it to the request handler, and encodes the answer or the error. Nothing else."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from .errors import BridgeMessageError, CommandFailed, PageGone, UntrustedPage
from .payload import STRICT_JSON, encode_payload


class Pending:
    """A request's answer that comes later, as a delivery (see docs/bridge-protocol.md)."""

    def __repr__(self) -> str:
        return "PENDING"


PENDING = Pending()
_PENDING_REPLY = '{"pending":true}'

log = logging.getLogger(__name__)

RequestHandler = Callable[[str, dict[str, Any]], object]
BatchHandler = Callable[[str, list[tuple[int | None, str]]], None]
AckHandler = Callable[[str, str, int], None]


class Bridge(QObject):
    """``call(message) -> reply`` for JS -> Python; ``deliver(batch)`` for Python -> JS."""

    deliver = Signal(str)

    def __init__(
        self,
        label: str,
        handle: RequestHandler,
        handle_batch: BatchHandler,
        acked: AckHandler,
        log_refusal: RefusalLog,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._label = label
        self._handle = handle
        self._handle_batch = handle_batch
        self._acked = acked
        self._log_refusal = log_refusal

    @Slot(str, int)
    def ack(self, page: str, batches: int) -> None:
        """Document ``page`` has handled this many more ``deliver`` batches (flow control)."""
        try:
            self._acked(self._label, page, batches)
        except Exception:  # none may escape into Qt
            log.exception("window %r: ack failed", self._label)

    @Slot(str, result=str)
    def call(self, message: str) -> str:
        try:
            request = decode_request(message)
            result = self._handle(self._label, request)
            if result is PENDING:
                return _PENDING_REPLY
            return '{"ok":' + encode_payload(result) + "}"
        except Exception as error:  # every failure is answered; none may escape into Qt
            expected = ValueError | TypeError | LookupError | PermissionError | CommandFailed
            if not isinstance(error, expected):
                log.exception("window %r: bridge message failed: %.200s", self._label, message)
            else:
                self._log_refusal(self._label, error)
            return error_reply(error)

    @Slot(str)
    def post(self, messages: str) -> None:
        """Many calls at once (a page's calls of one task), one per line, ``<call id>\t<JSON>``,
        so that each is decoded, and answered by a ``result`` delivery, on its own."""
        try:
            self._handle_batch(self._label, [split_call(line) for line in messages.split("\n")])
        except Exception:  # none may escape into Qt
            log.exception("window %r: bridge batch failed: %.200s", self._label, messages)


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


def split_call(line: str) -> tuple[int | None, str]:
    """``"12\t{...}"`` -> ``(12, "{...}")``; the id is ``None`` if the line has none."""
    head, _, text = line.partition("\t")
    return (int(head) if head.isdecimal() and len(head) < 16 else None), text


def result_message(call: int, result: object) -> str:
    """The delivery that answers call ``call`` with ``result``."""
    return f'{{"t":"result","call":{call},"ok":{encode_payload(result)}}}'


def error_result_message(call: int, error: BaseException) -> str:
    """The delivery that answers call ``call`` with an error."""
    return f'{{"t":"result","call":{call},"error":{json.dumps(error_body(error))}}}'


def decode_request(message: object) -> dict[str, Any]:
    """Parse a page's message; anything but a JSON object is a ``BridgeMessageError``."""
    if not isinstance(message, str):
        raise BridgeMessageError(f"bridge message must be a string, got {type(message).__name__}")
    try:
        request = STRICT_JSON.decode(message)
    except (ValueError, RecursionError) as error:
        raise BridgeMessageError(f"bridge message is not valid JSON: {error}") from None
    if not isinstance(request, dict):
        raise BridgeMessageError("bridge message must be a JSON object")
    return request


def error_reply(error: BaseException) -> str:
    return json.dumps({"error": error_body(error)})


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
