"""The side path for large bytes (spec §6.8): a loopback WebSocket per page, served from a
worker thread, so that sending a megabyte costs the GUI thread a queued signal, not base64.

``SidePath`` (GUI thread) decides per page: a page whose socket is up gets its large bytes as
binary frames, numbered per socket, with a stub in its ordered stream; any other page gets
them inline. The server starts at the first large bytes payload, not before (no cost at
start), and offers each page a socket through its own stream: a 256-bit token for that
document alone. ``_Server`` (worker thread) accepts a connection only from the page's origin,
with its token as the first message, one per document; any other is closed at once. Frames a
page had not confirmed when its socket went go back to it inline (out of its numbered stream,
so flow control cannot hold them back). Threat model: docs/security.md.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtNetwork import QHostAddress
from PySide6.QtWebSockets import QWebSocket, QWebSocketServer

from ..events.binary import encode_bytes
from ..events.sidebytes import (
    TOKEN_BYTES,
    SideBytes,
    origin_matches,
    stub,
    token_matches,
)

log = logging.getLogger(__name__)

# A connection that has not presented its token by then is closed.
TOKEN_TIMEOUT_MS = 5000
# Frames a page's socket may hold unconfirmed; past it the bytes go inline (a page that reads
# nothing must not make the worker keep gigabytes).
MAX_UNCONFIRMED_BYTES = 256 * 1024 * 1024

Offer = Callable[[str, str, str], object]  # (label, document token, message) into its stream
OutOfStream = Callable[[str, str, list[str]], object]  # (label, document token, messages)
PageOrigin = Callable[[str], "str | None"]


def _key(label: str, document: str) -> str:
    return label + "\n" + document


@dataclass
class _Page:
    label: str
    document: str
    token: str
    origin: str
    connected: bool = False
    sequence: int = 0
    offered: bool = False


class _Server(QObject):
    """The WebSocket server; lives on the worker thread, talks to ``SidePath`` by signals."""

    listening = Signal(int)
    failed = Signal(str)
    connected = Signal(str)
    lost = Signal(str, object)  # key, [(sequence, bytes), ...] not confirmed by the page

    def __init__(self) -> None:
        super().__init__()
        self._server: QWebSocketServer | None = None
        self._expected: dict[str, tuple[str, str]] = {}  # key -> (token, origin)
        self._sockets: dict[str, QWebSocket] = {}
        self._unconfirmed: dict[str, deque[tuple[int, bytes]]] = {}
        self._unconfirmed_bytes: dict[str, int] = {}

    @Slot()
    def start(self) -> None:
        server = QWebSocketServer("qtauri", QWebSocketServer.SslMode.NonSecureMode, self)
        if not server.listen(QHostAddress(QHostAddress.SpecialAddress.LocalHost), 0):
            self.failed.emit(server.errorString() or "listen() failed")
            return
        server.newConnection.connect(self._accept)
        self._server = server
        self.listening.emit(server.serverPort())

    @Slot(str, str, str)
    def expect(self, key: str, token: str, origin: str) -> None:
        self._expected[key] = (token, origin)

    @Slot(str)
    def forget(self, key: str) -> None:
        self._expected.pop(key, None)
        self._unconfirmed.pop(key, None)
        self._unconfirmed_bytes.pop(key, None)
        socket = self._sockets.pop(key, None)
        if socket is not None:
            socket.disconnected.disconnect()
            socket.close()
            socket.deleteLater()

    @Slot(str, int, object)
    def send(self, key: str, sequence: int, data: bytes) -> None:
        socket = self._sockets.get(key)
        if socket is None or self._unconfirmed_bytes[key] + len(data) > MAX_UNCONFIRMED_BYTES:
            # Gone before the GUI thread knew, or not reading: the page gets it inline.
            self.lost.emit(key, [(sequence, data)])
            return
        self._unconfirmed[key].append((sequence, data))
        self._unconfirmed_bytes[key] += len(data)
        socket.sendBinaryMessage(QByteArray(data))

    @Slot()
    def stop(self) -> None:
        for key in list(self._sockets):
            self.forget(key)
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            origin = socket.origin()
            if not any(origin_matches(origin, o) for _, o in self._expected.values()):
                self._refuse(socket, f"origin {origin!r} is not an app page's")
                continue
            timer = QTimer(socket)
            timer.setSingleShot(True)
            timer.timeout.connect(partial(self._refuse, socket, "no token in time"))
            timer.start(TOKEN_TIMEOUT_MS)
            socket.textMessageReceived.connect(partial(self._first_message, socket, timer))
            socket.binaryMessageReceived.connect(
                lambda _data, socket=socket: self._refuse(socket, "bytes before its token")
            )

    def _first_message(self, socket: QWebSocket, timer: QTimer, text: str) -> None:
        timer.stop()
        socket.textMessageReceived.disconnect()
        origin = socket.origin()
        for key, (token, expected_origin) in self._expected.items():
            if token_matches(text, token):
                if not origin_matches(origin, expected_origin):
                    self._refuse(socket, "the token of a page of another origin")
                elif key in self._sockets:
                    self._refuse(socket, "a second connection for one page")
                else:
                    self._adopt(key, socket)
                return
        self._refuse(socket, "a wrong token")

    def _adopt(self, key: str, socket: QWebSocket) -> None:
        self._sockets[key] = socket
        self._unconfirmed[key] = deque()
        self._unconfirmed_bytes[key] = 0
        socket.textMessageReceived.connect(partial(self._confirmed, key))
        socket.disconnected.connect(partial(self._dropped, key, socket))
        self.connected.emit(key)

    def _confirmed(self, key: str, text: str) -> None:
        """The page has every frame up to sequence ``text``."""
        waiting = self._unconfirmed.get(key)
        if waiting is None or not text.isdigit():
            return
        upto = int(text)
        while waiting and waiting[0][0] <= upto:
            self._unconfirmed_bytes[key] -= len(waiting.popleft()[1])

    def _dropped(self, key: str, socket: QWebSocket) -> None:
        if self._sockets.get(key) is not socket:
            return
        del self._sockets[key]
        waiting = list(self._unconfirmed.pop(key, ()))
        self._unconfirmed_bytes.pop(key, None)
        socket.deleteLater()
        self.lost.emit(key, waiting)

    def _refuse(self, socket: QWebSocket, why: str) -> None:
        if socket.property("qtauri_refused"):
            return
        socket.setProperty("qtauri_refused", True)
        log.warning("side path: refused a connection: %s", why)
        socket.abort()
        socket.deleteLater()


class SidePath(QObject):
    """The GUI thread's side of the side path: one per app (its hub's)."""

    _start = Signal()
    _expect = Signal(str, str, str)
    _forget = Signal(str)
    _send = Signal(str, int, object)

    def __init__(
        self,
        *,
        offer: Offer,
        out_of_stream: OutOfStream,
        page_origin: PageOrigin,
        max_payload_bytes: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._offer_to = offer
        self._out_of_stream = out_of_stream
        self._page_origin = page_origin
        self._max_payload_bytes = max_payload_bytes
        self._pages: dict[str, _Page] = {}
        self._port: int | None = None
        self._failed = False
        self._thread: QThread | None = None
        self._server: _Server | None = None
        self._stop: Callable[[], None] | None = None

    @property
    def port(self) -> int | None:
        return self._port

    def send(self, label: str, document: str, side: SideBytes) -> str | None:
        """A ``SideSend``: the stub for ``side``'s bytes sent on the page's socket, or ``None``
        (inline) if the page has none yet; the first time, it is offered one."""
        page = self._pages.get(_key(label, document))
        if page is not None and page.connected:
            page.sequence += 1
            self._send.emit(_key(label, document), page.sequence, side.data)
            return stub(page.sequence)
        if page is None and not self._failed:
            self._prepare(label, document)
        return None

    def page_gone(self, label: str) -> None:
        """Window ``label``'s document is being replaced or closed: its sockets go."""
        for key in [k for k, page in self._pages.items() if page.label == label]:
            del self._pages[key]
            self._forget.emit(key)

    def close(self) -> None:
        """Stop the server and its thread (at the app's close); waits for the thread."""
        if self._thread is None:
            return
        thread, self._thread = self._thread, None
        if self._stop is not None:
            self._stop()
        thread.quit()
        thread.wait()
        self._pages.clear()

    def _prepare(self, label: str, document: str) -> None:
        origin = self._page_origin(label)
        if not origin:
            return
        page = _Page(label, document, secrets.token_hex(TOKEN_BYTES), origin)
        self._pages[_key(label, document)] = page
        self._expect.emit(_key(label, document), page.token, origin)
        if self._thread is None:
            self._start_server()
        elif self._port is not None:
            self._make_offer(page)

    def _start_server(self) -> None:
        thread = QThread()
        thread.setObjectName("qtauri side path")
        server = _Server()
        server.moveToThread(thread)
        # Queued: each runs on the worker thread, in the order emitted.
        self._start.connect(server.start)
        self._expect.connect(server.expect)
        self._forget.connect(server.forget)
        self._send.connect(server.send)
        server.listening.connect(self._listening)
        server.failed.connect(self._server_failed)
        server.connected.connect(self._connected)
        server.lost.connect(self._lost)
        holder = _StopCaller(server)
        self._stop = holder.call
        thread.finished.connect(server.deleteLater)
        self._thread, self._server = thread, server
        application = QCoreApplication.instance()
        if application is not None:  # an app not closed before Qt quits: no running thread
            application.aboutToQuit.connect(self.close)
        thread.start()
        # Re-emit what was expected before the server existed: _expect had no receiver yet.
        for key, page in self._pages.items():
            self._expect.emit(key, page.token, page.origin)
        self._start.emit()

    def _listening(self, port: int) -> None:
        self._port = port
        for page in self._pages.values():
            self._make_offer(page)

    def _server_failed(self, reason: str) -> None:
        self._failed = True
        log.warning(
            "side path: the loopback server did not start (%s): large bytes go "
            "inline, as base64 in the stream",
            reason,
        )

    def _make_offer(self, page: _Page) -> None:
        if page.offered:
            return
        page.offered = True
        message = json.dumps({"t": "side", "port": self._port, "token": page.token})
        self._offer_to(page.label, page.document, message)

    def _connected(self, key: str) -> None:
        page = self._pages.get(key)
        if page is not None:
            page.connected = True

    def _lost(self, key: str, waiting: list[tuple[int, bytes]]) -> None:
        page = self._pages.get(key)
        if page is None:
            return  # its document is gone: nobody waits for these
        if page.connected:
            page.connected = False
            log.warning(
                "side path: window %r's socket closed: its large bytes go inline", page.label
            )
        if waiting:
            fills = [
                '{"t":"side-fill","seq":'
                + str(sequence)
                + ',"data":'
                + encode_bytes(data, max(self._max_payload_bytes, len(data)))
                + "}"
                for sequence, data in waiting
            ]
            self._out_of_stream(page.label, page.document, fills)


class _StopCaller(QObject):
    """Runs ``_Server.stop`` on the worker thread and waits for it (at close)."""

    _stop = Signal()

    def __init__(self, server: _Server) -> None:
        super().__init__()
        self._stop.connect(server.stop, Qt.ConnectionType.BlockingQueuedConnection)

    def call(self) -> None:
        self._stop.emit()
