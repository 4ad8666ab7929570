"""The asyncio event loop of ``async def`` commands, running inside Qt's own event loop.

qasync's loop is used with ``already_running=True``: coroutines then run on the GUI thread,
between Qt's events, whoever drives Qt's loop (``Builder.run``, or pytest-qt's waits).
PySide6's QtAsyncio was tried first: its loop only runs under ``QtAsyncio.run()``, which must
own the Qt event loop, so a coroutine started from a test (or from ``build()`` without ``run``)
fails with "no running event loop". See docs/commands.md.
"""

from __future__ import annotations

import asyncio
import atexit
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtWidgets import QApplication

_loop: asyncio.AbstractEventLoop | None = None
_executor: ThreadPoolExecutor | None = None


def qt_asyncio_loop() -> asyncio.AbstractEventLoop:
    """The process's asyncio loop on top of Qt's, made on first use (a QApplication exists)."""
    global _loop, _executor
    if _loop is None:
        import qasync  # imported on first use: most apps have no async command

        _loop = qasync.QEventLoop(QApplication.instance(), already_running=True)
        # A plain thread pool for run_in_executor: qasync's default uses QThreads, which Qt
        # reports as "destroyed while running" at interpreter exit.
        _executor = ThreadPoolExecutor(thread_name_prefix="qtauri-asyncio")
        _loop.set_default_executor(_executor)
        asyncio.set_event_loop(_loop)
        atexit.register(_executor.shutdown, wait=False, cancel_futures=True)
    return _loop
