"""The two ends of a page's bridge: the one object each page's ``QWebChannel`` publishes, for
calls (JS -> Python), and the script that hands a batch of deliveries to the page
(Python -> JS). Wire format: docs/bridge-protocol.md."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript

from .errors import BridgeMessageError, CommandFailed, PageGone, UntrustedPage
from .payload import STRICT_JSON, encode_payload


class Pending:
    """A request's answer that comes later, as a delivery (see docs/bridge-protocol.md)."""

    def __repr__(self) -> str:
        return "PENDING"


PENDING = Pending()

log = logging.getLogger(__name__)
# Where core.js lives, so where the scripts that carry its deliveries run (app/bootstrap.py).
_MAIN_WORLD = QWebEngineScript.ScriptWorldId.MainWorld.value

BatchHandler = Callable[[str, str, list[tuple[int | None, str]]], str]
AckHandler = Callable[[str, str, int], None]


# Batches from this size go as a script, smaller ones as a channel message (see Bridge).
SCRIPT_BATCH_CHARS = 32 * 1024


class Bridge(QObject):
    """``call(page, calls) -> batch`` and ``ack(page, batches)``, for JS -> Python;
    ``deliver(batch)`` for Python -> JS, with ``send(batch)`` choosing the way.

    A channel message arrives sooner (an ``invoke``'s round trip took 0.18 ms with its answer
    as a channel message, 0.35 ms as a script, measured here), a script costs less per byte
    (its batch is read once, as a JS value; a channel message's is escaped into the channel's
    own JSON and parsed twice): 10 KB and 1 MB events move up to 2x faster. Batches are
    numbered, so the page runs them in order either way. The answers to a page's calls come
    back as the slot's own reply when they are small: one channel message, not two.
    """

    deliver = Signal(str)

    def __init__(
        self,
        label: str,
        handle_batch: BatchHandler,
        acked: AckHandler,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._label = label
        self._handle_batch = handle_batch
        self._acked = acked

    def send(self, page: QWebEnginePage, batch: str) -> None:
        """Hand ``batch`` to ``page``'s document, the fastest way for its size."""
        if len(batch) < SCRIPT_BATCH_CHARS:
            self.deliver.emit(batch)
        else:
            page.runJavaScript(delivery_script(batch), _MAIN_WORLD)

    @Slot(str, int)
    def ack(self, page: str, batches: int) -> None:
        """Document ``page`` has handled this many more delivery batches (flow control)."""
        try:
            self._acked(self._label, page, batches)
        except Exception:  # none may escape into Qt
            log.exception("window %r: ack failed", self._label)

    @Slot(str, str, result=str)
    def call(self, page: str, messages: str) -> str:
        """Document ``page``'s calls of one task, one per line, ``<call id>\t<JSON>``, so that
        each is decoded, and answered by a ``result`` delivery to that document, on its own.
        Returns a batch of deliveries for that document (its answers, and what else was
        waiting for it), or ``""`` when they went another way."""
        try:
            calls = [split_call(line) for line in messages.split("\n")]
            return self._handle_batch(self._label, page, calls)
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


def delivery_script(batch: str) -> str:
    """The script that hands ``batch`` (a JSON array) to the page's core.js.

    JSON is JS, except for the key ``__proto__``, which a JS object literal takes as the
    object's prototype (also when written with ``\\u`` escapes); a batch that may hold one
    goes as JSON text, for ``JSON.parse``.
    """
    size = len(batch)
    if ("\\" in batch and "\\u" in batch) or ("_" in batch and "__proto__" in batch):
        batch = json.dumps(batch)  # ASCII: lone surrogates and U+2028 escaped too
    return f"window.__QTAURI__?.receive({size},{batch})"


def batch_for(token: str, messages: list[str]) -> str:
    """A batch of deliveries for document ``token`` alone, outside its numbered stream
    (number 0: answers to a document that is not its window's current one)."""
    return "[" + json.dumps(token) + ",0," + ",".join(messages) + "]"


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
