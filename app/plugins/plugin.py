"""``Plugin``: a name, commands answering ``plugin:<name>|<cmd>``, and optionally setup hooks,
state, declared events and globals for pages (Tauri's plugin ``Builder``, in Python)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..events.names import check_event_name

if TYPE_CHECKING:
    from ..app import App

PluginSetup = Callable[["App"], object]
# Served in the page, not by Python: plugin:event|*, plugin:window|*, plugin:webview|*
# (frontend/api/global/tauri-v2.js).
RESERVED_NAMES = frozenset({"event", "window", "webview"})


class Plugin:
    """``Plugin("counter", commands=[increment, get])``, registered with
    ``Builder().plugin(...)``. Its commands answer ``invoke('plugin:counter|increment')`` from
    any page, with everything an app command has (argument binding, ``App``/``Window``/
    ``Channel`` parameters, ``@command(thread=True)``, ``async def``); they are never
    reachable under their bare names.

    - ``setup``: ``fn(app)``, run once the app's windows exist, before the app's own setup
      hooks (as Tauri runs plugins' setup first).
    - ``state``: any object, kept as ``plugin.state`` (``app.plugin("counter").state``).
    - ``events``: declared events, as ``Builder.events`` (for ``python -m app types``).
    - ``page_globals``: ``{name: JSON value}`` defined as globals of every page before its
      scripts run (what a guest package reads synchronously), or a function of nothing that
      returns them, called once per app.
    - ``page_script``: a JavaScript file run in every page after the API is built and before
      the page's own scripts (Tauri plugins' init scripts, e.g. the notification plugin's
      ``window.Notification``).
    - ``default_permission``: the commands ``<name>:default`` allows (all by default);
      ``permission_sets``: more named sets, ``{"read-all": ["get", "keys"]}``.
    """

    def __init__(
        self,
        name: str,
        *,
        commands: Iterable[Callable[..., Any]] = (),
        setup: PluginSetup | None = None,
        state: object = None,
        events: Mapping[str, Any] | None = None,
        page_globals: Mapping[str, object] | Callable[[], Mapping[str, object]] | None = None,
        page_script: Path | None = None,
        default_permission: Iterable[str] | None = None,
        permission_sets: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        check_event_name(name)
        if "/" in name or ":" in name:
            raise ValueError(f"plugin name {name!r}: use letters, digits, '-' and '_' only")
        if name in RESERVED_NAMES:
            raise ValueError(f"plugin name {name!r} is Tauri's own (served in the page)")
        self.name = name
        self.state = state
        self._commands: list[Callable[..., Any]] = list(commands)
        self._setup: list[PluginSetup] = [setup] if setup is not None else []
        self._events = dict(events or {})
        self._page_globals = page_globals
        self.page_script = page_script
        self._default = None if default_permission is None else tuple(default_permission)
        self._sets = {key: tuple(value) for key, value in (permission_sets or {}).items()}
        # The permission identifiers' prefix: `core:path` for the core modules.
        self.permission_prefix = name

    def invoke_handler(self, *commands: Callable[..., Any]) -> Plugin:
        self._commands.extend(commands)
        return self

    def setup(self, hook: PluginSetup) -> Plugin:
        self._setup.append(hook)
        return self

    @property
    def commands(self) -> tuple[Callable[..., Any], ...]:
        return tuple(self._commands)

    @property
    def setup_hooks(self) -> tuple[PluginSetup, ...]:
        return tuple(self._setup)

    @property
    def declared_events(self) -> dict[str, Any]:
        return dict(self._events)

    @property
    def default_permission(self) -> tuple[str, ...] | None:
        """Command names ``<name>:default`` allows; ``None``: all of them."""
        return self._default

    @property
    def permission_sets(self) -> dict[str, tuple[str, ...]]:
        return dict(self._sets)

    def page_globals(self) -> dict[str, object]:
        found = self._page_globals
        return dict(found() if callable(found) else found or {})

    def __repr__(self) -> str:
        return f"Plugin({self.name!r}, commands={len(self._commands)})"


def plugin_command_name(plugin: str, command: str) -> str:
    """``plugin:<plugin>|<command>``: how pages name a plugin's command."""
    return f"plugin:{plugin}|{command}"


def split_plugin_command(name: str) -> tuple[str, str] | None:
    """``(plugin, command)`` of ``plugin:<plugin>|<command>``, or ``None``."""
    if not name.startswith("plugin:"):
        return None
    plugin, bar, command = name[len("plugin:") :].partition("|")
    return (plugin, command) if bar and plugin and command else None


def page_script_of(plugins: Iterable[Plugin]) -> str:
    """The plugins' page scripts, in registration order, as one text."""
    return "\n;\n".join(
        plugin.page_script.read_text(encoding="utf-8")
        for plugin in plugins
        if plugin.page_script is not None
    )


def page_globals_of(plugins: Iterable[Plugin]) -> dict[str, object]:
    """Every plugin's page globals; two plugins may not define one name."""
    found: dict[str, object] = {}
    owners: dict[str, str] = {}
    for plugin in plugins:
        for name, value in plugin.page_globals().items():
            if name in found:
                raise ValueError(
                    f"plugins {owners[name]!r} and {plugin.name!r} both define the page "
                    f"global {name!r}"
                )
            found[name], owners[name] = value, plugin.name
    return found
