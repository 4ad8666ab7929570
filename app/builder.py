"""``Builder``: Tauri's way to describe and start an app (SPEC 8)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import QApplication

from .app import App
from .config import ConfigSource, load_config
from .environment import prepare_environment
from .hub import ErrorHook
from .names import check_event_name

SetupHook = Callable[[App], object]


class Builder:
    """``Builder().setup(fn).invoke_handler(*commands).run(config)``.

    ``setup(fn)`` runs ``fn(app)`` once the config's windows exist (their pages still loading:
    events emitted there are kept for the pages' listeners, SPEC 7).
    """

    def __init__(self) -> None:
        self._setup: list[SetupHook] = []
        self._commands: list[Callable[..., Any]] = []
        self._error_hook: ErrorHook | None = None
        self._events: dict[str, Any] = {}

    def setup(self, hook: SetupHook) -> Builder:
        self._setup.append(hook)
        return self

    def invoke_handler(self, *commands: Callable[..., Any]) -> Builder:
        self._commands.extend(commands)
        return self

    def events(self, declared: Mapping[str, Any] | None = None, /, **more: Any) -> Builder:
        """Declare events and the type of their payload, for ``python -m app types``:
        ``.events({"file-saved": Saved}, progress=float)``. Declarations only type the
        frontend's ``listen`` and ``emit``; they do not check payloads at run time."""
        for name, payload_type in {**(declared or {}), **more}.items():
            check_event_name(name)
            if name in self._events:
                raise ValueError(f"event {name!r} is already declared")
            self._events[name] = payload_type
        return self

    @property
    def commands(self) -> tuple[Callable[..., Any], ...]:
        """The functions given to ``invoke_handler``, in order."""
        return tuple(self._commands)

    @property
    def declared_events(self) -> dict[str, Any]:
        """Event name -> payload type, as given to ``events``."""
        return dict(self._events)

    def error_hook(self, hook: ErrorHook) -> Builder:
        """Call ``hook(exception, where)`` when a Python listener or a command raises, from
        the start on (``App.set_error_hook`` changes it later). The pytest plugin uses it to
        fail the test."""
        self._error_hook = hook
        return self

    def build(self, config: ConfigSource = None) -> App:
        """Create the app and its windows, run the setup hooks; no event loop is started.

        Uses the running ``QApplication`` if there is one (as under pytest-qt).
        """
        ensure_qapplication()
        app = App(load_config(config), self._commands)
        app.set_error_hook(self._error_hook)
        try:
            for hook in self._setup:
                hook(app)
        except BaseException:
            app.close()
            raise
        return app

    def run(self, config: ConfigSource = None) -> int:
        """Build the app and run Qt's event loop until the last window closes."""
        app = self.build(config)
        try:
            return QApplication.exec()
        finally:
            app.close()


def ensure_qapplication() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    for note in prepare_environment():
        print(f"qtauri: {note}", file=sys.stderr)
    return QApplication(sys.argv[:1])
