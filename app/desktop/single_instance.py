"""Single instance (issue 15, item 9), as Tauri's single-instance plugin: with
``Builder().single_instance(...)``, a second launch of the app hands its arguments and
working folder to the running one and exits, and the running one gets them: the
``single-instance`` event (``{args, cwd}``, global channel, Python and pages) and the
callback given, ``callback(app, args, cwd)``.

The instances meet on a ``QLocalServer`` named after the app (its identifier, else its
product name, else its frontend folder) and the user. A launch that finds nobody listening
becomes the first; a socket left behind by a crashed first instance is taken over. Messages
are one line of JSON each way; anything else is logged and dropped.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QDir, QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ..errors import AlreadyRunning

if TYPE_CHECKING:
    from ..app import App
    from ..config import AppConfig

EVENT = "single-instance"
MAX_MESSAGE_BYTES = 1 << 20
TIMEOUT_MS = 3000
log = logging.getLogger(__name__)

# Tauri's callback: (app, the second launch's argv, its working folder).
SecondInstance = Callable[["App", list[str], str], object]


def app_key(config: AppConfig) -> str:
    """What names the app among others: its identifier, else its product name, else its
    frontend folder."""
    if config.identifier:
        return config.identifier
    return config.product_name or str(config.frontend_dist)


def server_name(key: str) -> str:
    """The local server's name for app ``key`` and this user (a socket in the temp folder)."""
    digest = hashlib.sha256(f"{getpass.getuser()}\0{key}".encode()).hexdigest()[:24]
    return f"qtauri-single-{digest}"


def claim(key: str, args: list[str], cwd: str) -> InstanceServer:
    """Become the app's first instance and return its server, or hand ``args`` and ``cwd``
    to the running one and raise ``AlreadyRunning``."""
    name = server_name(key)
    # Two launches at once must not both see "nobody" and then both listen (or remove the
    # other's socket as stale): the check and the listen happen under a lock.
    lock = QLockFile(QDir(QDir.tempPath()).filePath(f"{name}.lock"))
    if not lock.tryLock(TIMEOUT_MS):
        raise RuntimeError(f"single instance: could not lock {lock.fileName()}")
    try:
        if hand_over(name, args, cwd):
            raise AlreadyRunning(f"another instance of {key!r} is running: it got the arguments")
        return InstanceServer(name)
    finally:
        lock.unlock()


def hand_over(name: str, args: list[str], cwd: str) -> bool:
    """Send ``{args, cwd}`` to the instance listening on ``name``; False if there is none."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write(QByteArray(json.dumps({"args": args, "cwd": cwd}).encode() + b"\n"))
    socket.waitForBytesWritten(TIMEOUT_MS)
    answered = socket.waitForReadyRead(TIMEOUT_MS) and bytes(socket.readAll().data()) == b"ok\n"
    if not answered:
        log.warning("single instance: the running instance did not confirm; exiting anyway")
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """The first instance's end: reads each later launch's line and hands it on."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._app: App | None = None
        self._callback: SecondInstance | None = None
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # With an access option, Qt listens on a fresh socket file and renames it into place,
        # so a file a crashed instance left behind is replaced (tested).
        if not self._server.listen(name):
            raise RuntimeError(
                f"single instance: cannot listen on {name}: {self._server.errorString()}"
            )
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def serve(self, app: App, callback: SecondInstance | None) -> None:
        """Hand later launches to ``app`` (its event and ``callback``) until it closes."""
        self._app = app
        self._callback = callback
        app.on_close(self.close)

    @property
    def name(self) -> str:
        return self._server.fullServerName()

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        line, newline, _rest = bytes(buffer).partition(b"\n")
        if not newline:
            if len(buffer) > MAX_MESSAGE_BYTES:
                log.warning("single instance: a message over %d bytes; dropped", MAX_MESSAGE_BYTES)
                self._buffers.pop(socket, None)
                socket.abort()
            return
        self._buffers.pop(socket, None)
        handover = _parse(line)
        if handover is None:
            socket.abort()
            return
        socket.write(QByteArray(b"ok\n"))
        socket.flush()
        socket.disconnectFromServer()
        self._handed(*handover)

    def _handed(self, args: list[str], cwd: str) -> None:
        app = self._app
        if app is None or app.is_closed:
            return
        log.info("single instance: another launch handed over %s (in %s)", args, cwd)
        app.hub.publish(EVENT, {"args": args, "cwd": cwd}, to_backend=True, to_frontend=True)
        if self._callback is not None:
            try:
                self._callback(app, args, cwd)
            except Exception as error:
                app.hub.report_error(error, "the single-instance callback")


def _parse(line: bytes) -> tuple[list[str], str] | None:
    try:
        message = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError):
        log.warning("single instance: a message that is not JSON; dropped")
        return None
    args = message.get("args") if isinstance(message, dict) else None
    cwd = message.get("cwd") if isinstance(message, dict) else None
    if (
        not isinstance(args, list)
        or not all(isinstance(arg, str) for arg in args)
        or not isinstance(cwd, str)
    ):
        log.warning("single instance: a message without {args: [str], cwd: str}; dropped")
        return None
    return args, cwd
