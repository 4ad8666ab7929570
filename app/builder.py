"""``Builder``: Tauri's way to describe and start an app (spec §8)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from .app import App
from .bridge.hub import ErrorHook
from .commands.state import check_state_type
from .config import ConfigSource, load_config
from .displaycheck import DisplayUnavailable, check_display_libraries
from .environment import prepare_environment
from .errors import AlreadyRunning, ConfigError
from .events.names import check_event_name
from .plugins import Plugin
from .plugins.host import check_unique, install
from .usererror import exit_status, report

SetupHook = Callable[[App], object]
# Tauri's single-instance callback: (app, the second launch's argv, its working folder).
SecondInstance = Callable[[App, list[str], str], object]
log = logging.getLogger("app")
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class Builder:
    """``Builder().setup(fn).invoke_handler(*commands).run(config)``.

    ``setup(fn)`` runs ``fn(app)`` once the config's windows exist (their pages still loading:
    events emitted there are kept for the pages' listeners, spec §7).
    """

    def __init__(self) -> None:
        self._setup: list[SetupHook] = []
        self._commands: list[Callable[..., Any]] = []
        self._error_hook: ErrorHook | None = None
        self._events: dict[str, Any] = {}
        self._single_instance: tuple[SecondInstance | None, str | None] | None = None
        self._plugins: list[Plugin] = []
        self._managed: list[object] = []

    def single_instance(
        self, callback: SecondInstance | None = None, *, key: str | None = None
    ) -> Builder:
        """Run one instance of the app at a time (Tauri's single-instance plugin): a second
        launch hands its ``sys.argv`` and working folder to the first and ends (``build``
        raises ``AlreadyRunning``, ``run`` returns 0); the first gets the ``single-instance``
        event (``{args, cwd}``, global channel) and ``callback(app, args, cwd)``. ``key``
        names the app (default: the config's identifier, else its product name, else its
        frontend folder)."""
        self._single_instance = (callback, key)
        return self

    def setup(self, hook: SetupHook) -> Builder:
        self._setup.append(hook)
        return self

    def setup_first(self, hook: SetupHook) -> Builder:
        """Like ``setup``, to run before the hooks given so far (tools such as the trace)."""
        self._setup.insert(0, hook)
        return self

    def invoke_handler(self, *commands: Callable[..., Any]) -> Builder:
        self._commands.extend(commands)
        return self

    def plugin(self, plugin: Plugin) -> Builder:
        """Register a plugin: its commands answer ``plugin:<name>|<cmd>``, its setup hooks run
        before the app's own (``Plugin``, ``app.plugins``)."""
        if not isinstance(plugin, Plugin):
            raise TypeError(f"Builder.plugin takes a Plugin, not {type(plugin).__name__}")
        check_unique([*self._plugins, plugin])
        self._plugins.append(plugin)
        return self

    def manage(self, state: object) -> Builder:
        """Give the app ``state`` to manage from the start (``App.manage``, Tauri v2's
        ``Builder::manage``, spec §17.8): commands get it by its type. ``ValueError`` for a
        second object of one type. Copies of this builder share the object."""
        if state is None:
            raise TypeError("manage(None): give the object commands should receive")
        check_state_type(type(state))
        if any(type(kept) is type(state) for kept in self._managed):
            raise ValueError(f"a state of type {type(state).__qualname__} is managed already")
        self._managed.append(state)
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

    def copy(self) -> Builder:
        """A new builder with the same setup hooks, commands, events and error hook, to
        add to without changing this one."""
        twin = Builder()
        twin._setup = list(self._setup)
        twin._commands = list(self._commands)
        twin._error_hook = self._error_hook
        twin._events = dict(self._events)
        twin._single_instance = self._single_instance
        twin._plugins = list(self._plugins)
        twin._managed = list(self._managed)
        return twin

    @property
    def given_error_hook(self) -> ErrorHook | None:
        """The hook given to ``error_hook``, if any."""
        return self._error_hook

    @property
    def commands(self) -> tuple[Callable[..., Any], ...]:
        """The functions given to ``invoke_handler``, in order."""
        return tuple(self._commands)

    @property
    def plugins(self) -> tuple[Plugin, ...]:
        """The plugins given to ``plugin``, in order."""
        return tuple(self._plugins)

    @property
    def declared_events(self) -> dict[str, Any]:
        """Event name -> payload type, as given to ``events`` (and declared by plugins)."""
        declared = {}
        for plugin in self._plugins:
            declared.update(plugin.declared_events)
        return {**declared, **self._events}

    def error_hook(self, hook: ErrorHook) -> Builder:
        """Call ``hook(exception, where)`` when a Python listener or a command raises, from
        the start on (``App.set_error_hook`` changes it later). The pytest plugin uses it to
        fail the test."""
        self._error_hook = hook
        return self

    def build(
        self, config: ConfigSource = None, *, dev: bool = False, data_dir: Path | None = None
    ) -> App:
        """Create the app and its windows, run the setup hooks; no event loop is started.

        Uses the running ``QApplication`` if there is one (as under pytest-qt). ``dev``: dev
        mode in this process (frontend reload, F12, DevTools port, ``build.devUrl``).
        ``data_dir``: the app data folder instead of the one for the config's ``identifier``
        (the pytest plugin gives each app a temporary one). Raises ``StorageInUse`` if another
        running instance of the app holds the folder's web storage.
        """
        hooks: list[SetupHook] = []
        if dev:
            from .dev.devmode import DevMode, enable_dev_tools

            enable_dev_tools()  # before QtWebEngine starts
            hooks.append(DevMode)  # before the pages load: it records the files they use
        ensure_qapplication()
        loaded = load_config(config, dev=dev)
        # Before the app exists: a second instance must not open windows (nor the storage).
        instance, callback = None, None
        if self._single_instance is not None:
            from .desktop.single_instance import app_key, claim  # QtNetwork: only when used

            callback, key = self._single_instance
            instance = claim(key or app_key(loaded), list(sys.argv), os.getcwd())
        app = App(loaded, self._commands, install(self._plugins, loaded), data_dir=data_dir)
        app.set_error_hook(self._error_hook)
        for state in self._managed:  # before any setup hook: plugins' may use it too
            app.manage(state)
        if instance is not None:
            instance.serve(app, callback)
        # Plugins (the core's first) set up before the app's hooks, as in Tauri: those may use
        # what the plugins provide.
        hooks += [hook for plugin in app.plugins.by_name.values() for hook in plugin.setup_hooks]
        hooks += self._setup
        try:
            for hook in hooks:
                hook(app)
        except BaseException:
            app.close()
            raise
        return app

    def run(self, config: ConfigSource = None, *, dev: bool = False) -> int:
        """Build the app and run Qt's event loop until the last window closes (or Ctrl+C).

        ``dev=True``: dev mode (docs/guide/dev-mode.md). This process then only supervises: it
        runs the same command line again as a child, which runs the app in dev mode, and
        restarts that child cleanly whenever a Python file of the app is saved.
        """
        if dev:
            from .dev.child import is_dev_child

            configure_logging()  # dev mode shows what the windows do
            if not is_dev_child():
                from .dev.supervisor import supervise

                return supervise(config if isinstance(config, str | Path) else None)
        try:
            app = self.build(config, dev=dev)
        except AlreadyRunning as handed:
            log.info("%s", handed)
            return 0
        except (ConfigError, DisplayUnavailable) as error:
            # A mistake in the user's config, or a system without Qt's libraries: what to do,
            # not a traceback (nor Qt's abort).
            prog = Path(sys.argv[0]).name or "app"
            debug = logging.getLogger().isEnabledFor(logging.DEBUG)
            return report(prog, error, debug=debug, status=exit_status(error))
        return run_event_loop(app)


def run_event_loop(app: App) -> int:
    """Run Qt's event loop, then close ``app``. Ctrl+C and SIGTERM end the loop cleanly."""
    from .dev.signals import SignalWatcher

    signals = SignalWatcher(lambda _signal: QApplication.exit(0))
    app.event_loop_running = True
    try:
        return QApplication.exec()
    finally:
        app.close()
        log.info("the app is closed")
        # Only now: a second signal during close() (Ctrl+C twice) must not kill the process.
        signals.restore()


def configure_logging(level: str | int = logging.INFO) -> None:
    """Log to stderr as ``12:00:01 INFO    app.window: window 'main': loaded ...``, unless
    the program configured logging already."""
    logging.basicConfig(level=level, format=LOG_FORMAT, datefmt="%H:%M:%S")


def ensure_qapplication() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # The display check first: its offscreen fallback then gets the offscreen settings too.
    for note in [*check_display_libraries(), *prepare_environment()]:
        print(f"qtauri: {note}", file=sys.stderr)
    return QApplication(sys.argv[:1])
