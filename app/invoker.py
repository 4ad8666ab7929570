"""Running commands (SPEC 10): on the GUI thread, on a worker thread, or as a coroutine on the
asyncio loop, and sending the result of the latter two back to the calling page."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, Qt, Signal

from .aio import qt_asyncio_loop
from .bridge import PENDING, error_result_message, result_message
from .commands import Command, CommandRegistry
from .errors import BridgeMessageError, CommandFailed
from .hub import EventHub

log = logging.getLogger(__name__)

# Workers for commands registered with thread=True.
COMMAND_THREADS = 4


class ReplyTo(NamedTuple):
    label: str
    token: str
    call: int


class Invoker(QObject):
    """Calls the app's commands for its pages."""

    _finished = Signal(object)  # a callable, run on the GUI thread

    def __init__(self, registry: CommandRegistry, hub: EventHub, parent: QObject) -> None:
        super().__init__(parent)
        self._registry = registry
        self._hub = hub
        self._pool: ThreadPoolExecutor | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._finished.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def invoke(
        self,
        name: str,
        args: Mapping[str, Any],
        context: Mapping[type, object],
        reply_to: ReplyTo | None,
    ) -> Any:
        """Run a command; returns its result, or ``PENDING`` if it finishes later."""
        command = self._registry.get(name)
        kwargs = command.bind(args, context)
        if command.is_async or command.in_thread:
            if reply_to is None:
                raise BridgeMessageError(f"invoke {name!r}: a call id is needed for this command")
            self._start(command, kwargs, reply_to)
            return PENDING
        try:
            return command.function(**kwargs)
        except Exception as error:
            raise self._failed(command, error) from error

    def _start(self, command: Command, kwargs: dict[str, Any], reply_to: ReplyTo) -> None:
        if command.is_async:
            task = qt_asyncio_loop().create_task(command.function(**kwargs))
            self._tasks.add(task)
            task.add_done_callback(lambda done: self._deliver(command, reply_to, done))
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(COMMAND_THREADS, thread_name_prefix="qtauri-command")
        future = self._pool.submit(command.function, **kwargs)
        future.add_done_callback(
            lambda done: self._finished.emit(lambda: self._deliver(command, reply_to, done))
        )

    def _run(self, callback: Callable[[], None]) -> None:
        callback()

    def _deliver(
        self, command: Command, reply_to: ReplyTo, outcome: Future[Any] | asyncio.Task[Any]
    ) -> None:
        if isinstance(outcome, asyncio.Task):
            self._tasks.discard(outcome)
        try:
            if outcome.cancelled():
                raise asyncio.CancelledError(f"command {command.name!r} was cancelled")
            result = outcome.result()
        except BaseException as error:
            message = error_result_message(reply_to.call, self._failed(command, error))
        else:
            try:
                message = result_message(reply_to.call, result)
            except (TypeError, ValueError) as error:
                message = error_result_message(reply_to.call, error)
        self._hub.send_to_page(reply_to.label, reply_to.token, message)

    def _failed(self, command: Command, error: BaseException) -> CommandFailed:
        if not isinstance(error, asyncio.CancelledError):
            log.warning("command %r raised %s", command.name, type(error).__name__, exc_info=error)
        return CommandFailed(command.name, error)

    def shutdown(self) -> None:
        """Cancel running coroutines and wait for running threaded commands to end."""
        for task in list(self._tasks):
            task.cancel()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
