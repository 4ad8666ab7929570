"""``process()``: Tauri's process plugin (``@tauri-apps/plugin-process`` 2.x) and v1's
``process`` module: ``exit(code)`` and ``relaunch()``. ``ProcessState.exit`` and
``ProcessState.restart`` are the seams (tests replace them: the test process stays)."""

from __future__ import annotations

from collections.abc import Callable

from ...app import App
from ..plugin import Plugin


def exit_app(app: App, code: int) -> None:
    """``App.exit``: close the app, then end ``Builder.run``'s loop with ``code``."""
    app.exit(code)


def restart_app(app: App) -> None:
    """``App.restart``: start this program again (its interpreter and its whole command line,
    ``-m app`` included; ``app.relaunch`` is that seam), then exit."""
    app.restart()


class ProcessState:
    def __init__(self) -> None:
        self.exit: Callable[[App, int], None] = exit_app
        self.restart: Callable[[App], None] = restart_app


def _state(app: App) -> ProcessState:
    found = app.plugin("process").state
    assert isinstance(found, ProcessState)
    return found


def exit(app: App, code: int = 0) -> None:  # Tauri's name, shadowing the builtin here only
    # The page gets no answer: its app is gone (as in Tauri).
    _state(app).exit(app, code)


def restart(app: App) -> None:
    _state(app).restart(app)


def process() -> Plugin:
    """Tauri's process plugin: ``Builder().plugin(process())``; ``process:default`` allows
    ``exit`` and ``restart``."""
    return Plugin("process", commands=[exit, restart], state=ProcessState())
