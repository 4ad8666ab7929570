"""``App``: the windows, the event hub and the commands of one running app (spec §8)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QProcess, QUrl
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWebEngineCore import QWebEnginePage

from .bridge.hub import ErrorHook, EventHub
from .bridge.inbound import CALL_SLACK_CHARS, Budget, InboundGate
from .bridge.limits import MessageLimits
from .bridge.requests import PageRequests
from .commands.channel import Channel, PageChannels
from .commands.invoker import Invoker, ReplyTo
from .commands.rawbody import RawBody
from .commands.registry import CommandRegistry
from .commands.state import StateManager
from .config import AppConfig, WindowConfig, window_config
from .datadir import app_data_dir
from .errors import AppClosed, WindowNotFound
from .events.targets import EventTarget, select_all, select_filter, select_target
from .events.values import Handler, Reach
from .security import Capability, SecurityPolicy, origin_of
from .web.icons import app_icon
from .web.navigation import NavigationPolicy
from .web.operations import call_window_operation
from .web.profiles import Profiles
from .web.scheme import ORIGIN, FrontendSchemeHandler, scheme_is_registered
from .web.theme import ThemeWatcher
from .web.window import Window, WindowServices

log = logging.getLogger(__name__)
T = TypeVar("T")


def relaunch_process() -> None:
    """Start this program again: same interpreter (or frozen executable), same command line
    (``sys.orig_argv`` keeps ``-m app``), same working folder."""
    if not QProcess.startDetached(sys.executable, sys.orig_argv[1:]):
        raise RuntimeError(f"could not start {sys.executable} again")


class PluginSet(Protocol):
    """An app's plugins, as ``Builder`` installs them (``app.plugins.host.Plugins``): this
    module sits below the plugin layer, so it knows them only by this shape."""

    @property
    def by_name(self) -> Mapping[str, Any]: ...  # name -> app.plugins.Plugin

    @property
    def capabilities(self) -> tuple[Capability, ...]: ...  # their permissions resolved

    @property
    def page_globals(self) -> Mapping[str, object]: ...

    @property
    def page_script(self) -> str: ...

    def hint(self, action: str, name: str) -> str | None: ...

    def register(self, registry: CommandRegistry) -> None: ...


class NoPlugins:
    """An app built without ``Builder`` (no plugins, not even the core's)."""

    def __init__(self, config: AppConfig) -> None:
        self.by_name: Mapping[str, Any] = {}
        self.capabilities = config.security.capabilities
        self.page_globals: Mapping[str, object] = {}
        self.page_script = ""

    def hint(self, action: str, name: str) -> str | None:
        return None

    def register(self, registry: CommandRegistry) -> None:
        pass


class App:
    """A running app. Made by ``Builder().build()``; ``close()`` frees it."""

    def __init__(
        self,
        config: AppConfig,
        commands: list[Callable[..., Any]],
        plugins: PluginSet | None = None,
        *,
        data_dir: Path | None = None,
    ) -> None:
        """``data_dir``: the app data folder to use instead of the one for the config's
        ``identifier`` (tests give each app a temporary one); unused without an identifier."""
        if not scheme_is_registered():
            raise RuntimeError(
                "the tauri:// scheme is not registered: import 'app' before any QtWebEngine "
                "object is created"
            )
        self.config = config
        self.plugins = plugins if plugins is not None else NoPlugins(config)
        self.security = SecurityPolicy(ORIGIN, self.plugins.capabilities, self.plugins.hint)
        self.navigation = NavigationPolicy(
            self.security, config.security.open_external, QDesktopServices.openUrl
        )
        if config.dev_url is not None:  # dev mode: the dev server's pages are the app's own
            self.security.trust_origin(origin_of(QUrl(config.dev_url)))
        self._qobject = QObject()  # parent of the app's Qt objects, so close() frees them all
        self.hub = EventHub(
            max_payload_bytes=config.events.max_payload_bytes,
            ready_grace_ms=config.events.ready_grace_ms,
            parent=self._qobject,
        )
        self.hub.page_origin = self._page_origin  # the side path's origin check (spec §6.8)
        self.commands = CommandRegistry(context_types=(App, Window, RawBody, PageChannels))
        # Tauri v2's managed state (spec §17.8); the context types cannot be state.
        self._state = StateManager(reserved=(App, Window, RawBody, Channel, PageChannels))
        # What restart() runs before exiting: a seam tests replace (the test process stays).
        self.relaunch: Callable[[], object] = relaunch_process
        for function in commands:
            self.commands.register(function)
        limits = MessageLimits(config.events.max_payload_bytes, config.events.max_args_bytes)
        self.plugins.register(self.commands)
        self.page_requests = PageRequests(
            self.hub,
            self.security,
            page_of=self._page_of,
            call_window=self._call_window,
            create_window=self.create_window,
            invoke=self.invoke_command,
            limits=limits,
            gate=InboundGate(
                Budget(
                    config.events.page_calls_per_second,
                    config.events.page_bytes_per_second,
                    max_call_chars=limits.max_message_bytes + CALL_SLACK_CHARS,
                )
            ),
            cut_off=self._cut_off,
        )
        self._invoker = Invoker(
            self.commands,
            send_result=self.page_requests.send_late_result,
            report_error=self.hub.call_error_hook,
            parent=self._qobject,
        )
        if data_dir is None and config.identifier:
            data_dir = app_data_dir(config.identifier)
        # The app data folder (Tauri's appDataDir), where the pages' storage is kept; None
        # without an identifier (then nothing is kept on disk).
        self.data_dir: Path | None = data_dir if config.identifier else None
        self._profiles = Profiles(
            self.data_dir,
            config.identifier or "",
            lambda profile: FrontendSchemeHandler(
                config.frontend_dist, config.security.csp, profile
            ),
        )
        self._windows: dict[str, Window] = {}
        # The config's bundle.icon, every window's icon unless it gets its own (set_icon).
        self.icon: QIcon | None = app_icon(config.icons, config.source) if config.icons else None
        self._window_services = WindowServices(
            hub=self.hub,
            serve_calls=self.page_requests.handle_batch,
            url_changed=self.page_requests.url_changed,
            navigation=self.navigation,
            profile=self._profiles.for_window,
            dev_url=config.dev_url,
            product_name=config.product_name,
            icon=self.icon,
            frontend_dist=config.frontend_dist,
            closed=self._window_closed,
            gate=self.page_requests.gate,
            windows=lambda: list(self._windows.values()),
            page_globals=self.plugins.page_globals,
            page_script=self.plugins.page_script,
        )
        self._close_callbacks: list[Callable[[], None]] = []
        # Set by Builder.run's event loop: code that ends the app (the process plugin's exit)
        # may end that loop too, and must not end a loop it does not own (a test's).
        self.event_loop_running = False
        self._closed = False
        # The config's windows are made knowing of each other: every page's metadata lists
        # them all from its first load, and no window's bootstrap script (about 60 KB) is
        # rewritten as the next one opens (with 5 windows, 5 scripts made instead of 20).
        # Qt's color scheme is the app's: every window hears its change.
        self._theme = ThemeWatcher(self._theme_changed, self._qobject)
        labels = [config_of_window.label for config_of_window in config.windows]
        for config_of_window in config.windows:
            self._open_window(config_of_window, labels)

    # -- events (spec §3) -------------------------------------------------------------------

    def listen_global(self, event: str, handler: Handler) -> int:
        """Call ``handler(Event)`` for ``event`` on the global channel and every window's."""
        return self.hub.listen(event, handler)

    def once_global(self, event: str, handler: Handler) -> int:
        """Like ``listen_global``, for the next such event only."""
        return self.hub.listen(event, handler, once=True)

    def unlisten(self, listener_id: int) -> None:
        """Remove a listener (any kind) by id; an unknown id is ignored."""
        self.hub.unlisten(listener_id)

    def emit_all(self, event: str, payload: object = None) -> None:
        """Send ``event`` on the global channel to every page's listeners (not Python's)."""
        self.hub.emit_to_pages(event, payload, None)

    def trigger_global(self, event: str, payload: object = None) -> None:
        """Send ``event`` on the global channel to Python listeners only."""
        self.hub.publish(event, payload, to_backend=True, to_frontend=False)

    def listener_count(self, event: str | None = None) -> int:
        """How many listeners, backend and frontend, of ``event`` or of all events, exist now."""
        return self.hub.listener_count(event)

    # -- Tauri v2's names (spec §17) -------------------------------------------------------

    def emit(self, event: str, payload: object = None) -> None:
        """Send ``event`` to every listener of it, pages' and Python's, whatever their target
        (Tauri v2's ``Emitter::emit``, spec §17.3)."""
        self.hub.emit_selected(event, payload, select_all())

    def emit_to(self, target: str | EventTarget, event: str, payload: object = None) -> None:
        """A label: send ``event`` on window ``target``'s channel to frontend listeners (v1,
        spec §3.1). An ``EventTarget``: to the listeners of that target and every ``Any``
        listener, pages' and Python's (Tauri v2's ``emit_to``, spec §17.4)."""
        if isinstance(target, EventTarget):
            select = select_target(target)
            self.hub.emit_selected(event, payload, select, channel=target.label)
            return
        self.hub.emit_to_pages(event, payload, target)

    def emit_filter(
        self, event: str, payload: object, predicate: Callable[[EventTarget], object]
    ) -> None:
        """Send ``event`` to the listeners whose ``EventTarget`` ``predicate`` accepts, and to
        every ``Any`` listener (Tauri v2's ``emit_filter``, spec §17.5). The predicate runs on
        the GUI thread when the event is routed, once per distinct target."""
        self.hub.emit_selected(event, payload, select_filter(predicate))

    def listen(self, event: str, handler: Handler) -> int:
        """Call ``handler(Event)`` for events targeted at the app: ``emit``, ``emit_to(App)``
        and ``Any``, and emits on the global channel (Tauri v2's ``listen`` on the app,
        spec §17.6). Returns the listener id."""
        return self.hub.listen(event, handler, reach=Reach.GLOBAL)

    def once(self, event: str, handler: Handler) -> int:
        """Like ``listen``, for the next such event only."""
        return self.hub.listen(event, handler, once=True, reach=Reach.GLOBAL)

    def listen_any(self, event: str, handler: Handler) -> int:
        """Call ``handler(Event)`` for every ``event``, whatever its target or channel (Tauri
        v2's ``listen_any``; v1's ``listen_global``, spec §17.6)."""
        return self.hub.listen(event, handler, reach=Reach.ANY)

    def once_any(self, event: str, handler: Handler) -> int:
        """Like ``listen_any``, for the next such event only."""
        return self.hub.listen(event, handler, once=True, reach=Reach.ANY)

    def get_webview_window(self, label: str) -> Window | None:
        """The open window with this label, or ``None`` (v2's name of ``get_window``)."""
        return self.get_window(label)

    def webview_windows(self) -> dict[str, Window]:
        """The open windows by label, in creation order (v2's name of ``windows``)."""
        return self.windows()

    def manage(self, state: object) -> bool:
        """Keep ``state`` for the commands whose parameters are annotated with its type, or
        ``State[its type]`` (Tauri v2's ``manage``, spec §17.8). ``False`` (and the first
        kept) if an object of that type is managed already."""
        return self._state.manage(state)

    def state(self, kind: type[T]) -> T:
        """The managed object of type ``kind``; ``StateNotManaged`` if there is none."""
        return self._state.get(kind)

    def try_state(self, kind: type[T]) -> T | None:
        """The managed object of type ``kind``, or ``None``."""
        return self._state.try_get(kind)

    def run_on_main_thread(self, function: Callable[[], object]) -> None:
        """Run ``function()`` on the GUI thread: now if called there (outside a listener),
        else queued after the emits this thread made before (spec §17.9). Its exception is
        logged and goes to the error hook. ``AppClosed`` after ``close()``."""
        if not callable(function):
            raise TypeError(f"run_on_main_thread needs a callable, not {type(function).__name__}")

        if self._closed:
            raise AppClosed("the app is closed: run_on_main_thread runs nothing")

        def run() -> None:
            try:
                function()
            except Exception as error:
                self.hub.report_error(error, "a run_on_main_thread function")

        # The hub's one thread hop: on the GUI thread this runs now (after the dispatch in
        # progress, if called from a listener), from another thread in order with its emits.
        self.hub.submit(run)

    def exit(self, code: int = 0) -> None:
        """Close the app, then end ``Builder.run``'s event loop with ``code`` (Tauri v2's
        ``AppHandle::exit``, spec §17.10); an app whose loop is not ``run``'s (a test's) is
        only closed."""
        running = self.event_loop_running
        self.close()
        if running:
            QCoreApplication.exit(code)

    def restart(self) -> None:
        """Start this program again (``app.relaunch``, a seam for tests), then ``exit(0)``
        (Tauri v2's ``AppHandle::restart``, spec §17.10)."""
        self.relaunch()
        self.exit(0)

    def set_error_hook(self, hook: ErrorHook | None) -> None:
        """Call ``hook(exception, where)`` whenever a Python listener or a command raises
        (after logging)."""
        self.hub.error_hook = hook

    # -- windows ---------------------------------------------------------------------------

    def plugin(self, name: str) -> Any:
        """The registered plugin named ``name`` (``app.plugin("store").state``); raises
        ``LookupError`` if there is none."""
        found = self.plugins.by_name.get(name)
        if found is None:
            raise LookupError(f"no plugin named {name!r} is registered")
        return found

    def get_window(self, label: str) -> Window | None:
        """The open window with this label, or ``None`` (Tauri's ``get_window``)."""
        return self._windows.get(label)

    def window(self, label: str) -> Window:
        """The open window with this label; raises ``WindowNotFound`` if there is none."""
        found = self._windows.get(label)
        if found is None:
            raise WindowNotFound(f"no window with label {label!r}")
        return found

    def windows(self) -> dict[str, Window]:
        """The open windows by label, in the order they were created."""
        return dict(self._windows)

    def create_window(self, label: str, **options: Any) -> Window:
        """Open a window. ``options``: ``url``, ``title``, ``width``, ``height``, ``x``, ``y``,
        ``center``, ``resizable``, ``visible``, ``focus``, ``always_on_top`` (or Tauri's
        camelCase names). Without a ``url``, the new window shows the first window's page, as
        in Tauri. Raises ``InvalidWindowLabel`` (bad or taken label) or ``ConfigError``."""
        if "url" not in options and self._windows:
            first = next(iter(self._windows.values()))
            options = {**options, "url": first.config.url}
        return self._open_window(window_config(label, options))

    def _open_window(self, config: WindowConfig, known: list[str] | None = None) -> Window:
        """Open a window. ``known``: the labels its page's metadata lists, when they are not
        the open windows' (the config's windows, all of them from the start)."""
        self.hub.add_window(config.label)
        labels = self.hub.labels() if known is None else known
        try:
            window = Window(config, self._window_services, labels)
        except BaseException:
            self.hub.remove_window(config.label)
            raise
        self._windows[config.label] = window
        if known is None:
            self._windows_changed()
        self.hub.window_opened(config.label)  # listeners can get_window() the new one
        return window

    def _page_of(self, label: str) -> QWebEnginePage:
        return self.window(label).page

    def _call_window(self, label: str, op: str, args: object) -> object:
        return call_window_operation(self.window(label), op, args, self._resource)

    def _resource(self, rid: int) -> object:
        """What a page holds as ``rid`` (Tauri's resource table: the core ``resources``
        plugin's, app/plugins/resources.py)."""
        table = self.plugins.by_name.get("resources")
        if table is None:
            raise ValueError(f"resource id {rid} is invalid")
        return table.state.get(rid)

    def _cut_off(self, label: str, reason: str) -> None:
        """A page flooded its bridge past its budget (app/bridge/inbound.py)."""
        window = self._windows.get(label)
        if window is not None:
            window.cut_off(reason)

    def _window_closed(self, window: Window) -> None:
        if self._windows.get(window.label) is window:
            del self._windows[window.label]
            self.security.window_closed(window.label)
            self.page_requests.gate.forget(window.label)
        self.hub.window_closed(window.label)
        self._windows_changed()

    def _windows_changed(self) -> None:
        labels = list(self._windows)
        for window in self._windows.values():
            window.set_known_windows(labels)

    def _theme_changed(self, theme: str) -> None:
        for window in list(self._windows.values()):
            window._emit_builtin("tauri://theme-changed", theme)

    # -- commands --------------------------------------------------------------------------

    def invoke_command(
        self,
        name: str,
        args: Mapping[str, Any],
        *,
        caller: str,
        reply_to: ReplyTo | None = None,
        body: RawBody | None = None,
    ) -> Any:
        """Call command ``name`` for window ``caller``'s page (returns ``PENDING`` when the
        result will be sent to ``reply_to`` later); ``body``: a raw call's bytes."""
        window = self.window(caller)
        return self._invoker.invoke(
            name, args, partial(self._command_context, window, reply_to, body), reply_to
        )

    def _command_context(
        self, window: Window, reply_to: ReplyTo | None, body: RawBody | None
    ) -> dict[type, object]:
        """What a command's parameters annotated ``App``, ``Window``, ``Channel`` or
        ``RawBody`` get."""
        context: dict[type, object] = {
            App: self,
            Window: window,
            RawBody: body,
            StateManager: self._state,
        }
        if reply_to is not None:
            context[Channel] = partial(
                Channel,
                label=window.label,
                queue=partial(self.hub.queue_message, window.label, reply_to.token),
                max_payload_bytes=self.hub.max_payload_bytes,
            )
        context[PageChannels] = PageChannels(context.get(Channel))  # type: ignore[arg-type]
        return context

    # -- lifetime --------------------------------------------------------------------------

    def on_close(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` when the app closes (e.g. to stop a background thread)."""
        self._close_callbacks.append(callback)

    @property
    def is_closed(self) -> bool:
        return self._closed

    def _page_origin(self, label: str) -> str | None:
        """The origin of window ``label``'s page now, if it is one of the app's own."""
        window = self._windows.get(label)
        if window is None:
            return None
        origin = origin_of(window.page.url())
        return origin if self.security.is_local(origin) else None

    def close(self) -> None:
        """Close every window and free the app's Qt objects. Another app may be built after."""
        if self._closed:
            return
        self._closed = True
        for callback in self._close_callbacks:
            try:
                callback()
            except Exception as error:
                self.hub.report_error(error, "an on_close callback")
        for window in list(self._windows.values()):
            window.close()
        self.hub.close()  # from here on, emits raise AppClosed: emitting threads end
        self._invoker.shutdown()
        # Pages must be deleted before their profile, or Qt warns at exit and may crash.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self._theme.stop()
        self._profiles.close()
        self._qobject.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
