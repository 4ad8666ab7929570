"""Runs ``build.beforeDevCommand`` for the dev supervisor, as ``tauri dev`` does: started before
the app, its output shown line by line with a prefix, and the app started once it is ready (the
command has finished, with ``wait``; else ``devUrl`` answers, or at once without one). It lives
as long as the supervisor, not as each backend: restarts of the app leave it running.

The command runs through the shell in a process group of its own, so that stopping it ends the
shell and everything it started (``npm run dev`` -> node -> esbuild ...), not just the shell.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from ..beforecommands import BeforeCommand, hook_environment

PREFIX = "[beforeDevCommand] "
# How long devUrl may take to answer once the command has started (a dev server's first build).
DEV_URL_TIMEOUT_S = 180.0
POLL_MS = 100
STOP_TIMEOUT_S = 5.0


def url_address(url: str) -> tuple[str, int]:
    """The host and port a ``devUrl`` is served on (the scheme's port when none is given)."""
    parsed = QUrl(url)
    return parsed.host(), parsed.port(443 if parsed.scheme() == "https" else 80)


def answers(address: tuple[str, int]) -> bool:
    """Whether something accepts connections there (what Tauri waits for)."""
    try:
        with socket.create_connection(address, timeout=0.5):
            return True
    except OSError:
        return False


class BeforeDevRunner(QObject):
    """One run of the command. ``ready``: the app may start; ``failed(line)``: it must not
    (the line says why). ``stop()`` ends the command's whole process group."""

    ready = Signal()
    failed = Signal(str)
    _ended = Signal(int)  # from the output thread: the shell's exit code

    def __init__(
        self,
        command: BeforeCommand,
        dev_url: str | None,
        *,
        say: Callable[[str], None],
        timeout_s: float = DEV_URL_TIMEOUT_S,
        output: IO[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.command = command
        self.dev_url = dev_url
        self._say = say
        self._timeout_s = timeout_s
        self._output = output if output is not None else sys.stdout
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._is_ready = False
        self._done = False  # ready or failed: said once
        self._deadline = 0.0
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_url)
        self._ended.connect(self._finished)

    @property
    def pid(self) -> int | None:
        """The shell's process id (its process group's id too), once started."""
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        command = self.command
        self._say(f"running beforeDevCommand {command.script!r} in {command.cwd}")
        try:
            self._process = subprocess.Popen(
                command.script,
                shell=True,
                cwd=command.cwd,
                env={**os.environ, **hook_environment(debug=True)},  # as `tauri dev` sets them
                start_new_session=True,  # its own process group: stop() ends all of it
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
        except OSError as error:
            self._fail(f"beforeDevCommand {command.script!r} could not start: {error}")
            return
        self._reader = threading.Thread(target=self._forward, daemon=True)
        self._reader.start()
        if command.wait:
            return  # ready when it ends (_finished)
        if self.dev_url is None:
            self._set_ready()
        else:
            self._say(f"waiting for {self.dev_url} to answer")
            self._deadline = time.monotonic() + self._timeout_s
            self._poll.start()

    def stop(self) -> None:
        """End the command and all it started (SIGTERM to its group, SIGKILL to what is left
        after ``STOP_TIMEOUT_S``); returns once they are gone."""
        self._poll.stop()
        process = self._process
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self._say(f"beforeDevCommand did not stop in {STOP_TIMEOUT_S:.0f} s: killing it")
        # The shell may be gone while what it started is not: the group gets SIGKILL either way.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        reader = self._reader
        if reader is not None:
            reader.join(timeout=STOP_TIMEOUT_S)  # the pipe closes with the last of them
        # A process that left the group (setsid) may hold the pipe: its reader is left to it
        # (closing the pipe under a reading thread would block on the reader's lock).
        if process.stdout is not None and (reader is None or not reader.is_alive()):
            process.stdout.close()

    # -- inside --------------------------------------------------------------------------

    def _forward(self) -> None:
        """The output thread: each line of the command, prefixed; then its exit code."""
        process = self._process
        assert process is not None
        assert process.stdout is not None
        for raw in process.stdout:
            line = raw.decode(errors="replace").rstrip("\r\n")
            self._output.write(f"{PREFIX}{line}\n")
            self._output.flush()
        self._ended.emit(process.wait())

    def _check_url(self) -> None:
        assert self.dev_url is not None
        if answers(url_address(self.dev_url)):
            self._poll.stop()
            self._set_ready()
        elif time.monotonic() > self._deadline:
            self._poll.stop()
            self._fail(
                f"{self.dev_url} (build.devUrl) did not answer within {self._timeout_s:g} s of "
                f"starting beforeDevCommand: is it the address the dev server serves?"
            )

    def _finished(self, code: int) -> None:
        if self._is_ready:
            if not self.command.wait:
                self._say(f"beforeDevCommand ended (exit code {code}); the app keeps running")
            return
        self._poll.stop()
        if code != 0:
            before = "" if self.command.wait else " before the app could start"
            self._fail(f"beforeDevCommand {self.command.script!r} exited with code {code}{before}")
        elif self.command.wait or self.dev_url is None:
            self._set_ready()
        else:
            self._fail(
                f"beforeDevCommand {self.command.script!r} ended before {self.dev_url} "
                f"(build.devUrl) answered"
            )

    def _set_ready(self) -> None:
        if not self._done:
            self._done = self._is_ready = True
            self.ready.emit()

    def _fail(self, line: str) -> None:
        if not self._done:
            self._done = True
            self.failed.emit(line)
