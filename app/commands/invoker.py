"""Running commands (spec §10): on the GUI thread, on a worker thread, or as a coroutine on the
asyncio loop, and sending the result of the latter two back to the calling page."""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, Signal

from ..errors import BridgeMessageError, CommandFailed, StateNotManaged
from .registry import Command, CommandRegistry

if TYPE_CHECKING:  # asyncio and concurrent.futures cost startup time: imported on first use
    import asyncio
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

# Workers for commands registered with thread=True.
COMMAND_THREADS = 4
# How long App.close() waits for threaded commands still running.
SHUTDOWN_SECONDS = 5.0


_NO_CONTEXT: Mapping[type, object] = {}


class Pending:
    """A call's answer that comes later, as a delivery (see docs/bridge-protocol.md)."""

    def __repr__(self) -> str:
        return "PENDING"


PENDING = Pending()


class ReplyTo(NamedTuple):
    label: str
    token: str
    call: int


# Sends a late answer: ``(reply_to, result, None)``, or ``(reply_to, None, error)``.
ResultSink = Callable[["ReplyTo", object, BaseException | None], None]
ErrorReporter = Callable[[BaseException, str], None]


class Invoker(QObject):
    """Calls the app's commands for its pages. What finishes later goes to ``send_result``;
    a command's exception, once logged, to ``report_error``."""

    _finished = Signal(object)  # a callable, run on the GUI thread

    def __init__(
        self,
        registry: CommandRegistry,
        *,
        send_result: ResultSink,
        report_error: ErrorReporter,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._send_result = send_result
        self._report_error = report_error
        self._pool: ThreadPoolExecutor | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        # Emitted from a worker thread, Qt's automatic connection queues it to the GUI thread;
        # emitted on the GUI thread (a command done before its done-callback was added), it
        # runs at once, which is fine: the call was already answered as pending.
        self._finished.connect(self._run)

    def invoke(
        self,
        name: str,
        args: Mapping[str, Any],
        context: Callable[[], Mapping[type, object]],
        reply_to: ReplyTo | None,
    ) -> Any:
        """Run a command; returns its result, or ``PENDING`` if it finishes later. ``context()``
        makes what the command's ``App``, ``Window`` and ``Channel`` parameters get."""
        command = self._registry.get(name)
        try:
            kwargs = command.bind(args, context() if command.takes_context else _NO_CONTEXT)
        except StateNotManaged as error:
            # The app's mistake, not the page's: logged and reported as a command's failure.
            log.error("%s", error)
            self._report_error(error, f"command {name!r}")
            raise
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
            from .aio import qt_asyncio_loop  # asyncio costs startup time; few apps need it

            task = qt_asyncio_loop().create_task(command.function(**kwargs))
            self._tasks.add(task)
            task.add_done_callback(lambda done: self._deliver(command, reply_to, done))
            return
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

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
        self._tasks.discard(outcome)
        try:
            result = outcome.result()  # raises CancelledError if it was cancelled
        except BaseException as error:
            self._send_result(reply_to, None, self._failed(command, error))
        else:
            self._send_result(reply_to, result, None)

    def _failed(self, command: Command, error: BaseException) -> CommandFailed:
        if type(error).__name__ != "CancelledError":  # a cancel is no failure to log
            if raised_on_purpose(command, error):
                # The command's own answer (as a Tauri command's Err): one line; the page
                # gets it anyway. The traceback is for --log-level debug.
                log.warning("command %r failed: %s: %s", command.name, type(error).__name__, error)
                log.debug("command %r: traceback", command.name, exc_info=error)
            else:
                log.warning(
                    "command %r raised %s", command.name, type(error).__name__, exc_info=error
                )
            # The page gets the error as a rejection; the hook lets a test fail on it too.
            self._report_error(error, f"command {command.name!r}")
        return CommandFailed(command.name, error)

    def shutdown(self, timeout: float = SHUTDOWN_SECONDS) -> None:
        """Cancel running coroutines, and wait (at most ``timeout`` seconds) for running
        threaded commands to end; the app is closed by then, so their emits raise."""
        for task in list(self._tasks):
            task.cancel()
        if self._pool is None:
            return
        waiter = threading.Thread(
            target=self._pool.shutdown, kwargs={"wait": True, "cancel_futures": True}
        )
        waiter.start()
        waiter.join(timeout)
        if waiter.is_alive():
            log.warning("threaded commands still running %.0f s after the app closed", timeout)


# Exceptions that are slips in the code rather than answers, even when raised by the command
# itself: their traceback is always shown.
_SLIPS = (AttributeError, NameError, AssertionError, ImportError, TypeError, ZeroDivisionError)


def raised_on_purpose(command: Command, error: BaseException) -> bool:
    """Whether the command's own body raised ``error`` (its traceback ends in the command's
    function, not in something it called) and it is not a slip such as ``AttributeError``:
    ``raise ValueError("no such note")`` is the command's answer, not a bug."""
    if isinstance(error, _SLIPS):
        return False
    traceback = error.__traceback__
    if traceback is None:
        return False
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    code = getattr(inspect.unwrap(command.function), "__code__", None)
    return code is not None and traceback.tb_frame.f_code is code
