"""Plugins in a running app: their commands in the app's registry, their permissions in its
security policy, their page globals in its pages' bootstrap script."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..commands.registry import CommandRegistry
from ..config import AppConfig
from ..security import Capability
from .permissions import PermissionTable, resolve_capabilities
from .plugin import Plugin, page_globals_of, page_script_of


@dataclass(frozen=True)
class Plugins:
    """The plugins of one app (the core modules first), by name."""

    by_name: dict[str, Plugin]
    permissions: PermissionTable
    page_globals: dict[str, object]
    page_script: str  # the plugins' page scripts, run after the API is built
    capabilities: tuple[Capability, ...]  # the config's, with their permissions resolved

    def hint(self, action: str, name: str) -> str | None:
        """The permission a refused call would need (for the refusal's message)."""
        return self.permissions.hint(action, name)

    def register(self, registry: CommandRegistry) -> None:
        register_commands(registry, self)


def check_unique(plugins: Sequence[Plugin]) -> None:
    names = [plugin.name for plugin in plugins]
    for index, name in enumerate(names):
        if name in names[:index]:
            raise ValueError(f"a plugin named {name!r} is registered twice")


def install(plugins: Iterable[Plugin], config: AppConfig) -> Plugins:
    """The core modules (``app``, ``path``, ``resources``) and ``plugins``, for an app."""
    from .core import core_plugins  # it imports app.app, which the builder imports first

    return prepare([*core_plugins(), *plugins], config)


def prepare(plugins: Iterable[Plugin], config: AppConfig) -> Plugins:
    """Check the plugins and the config's permissions against each other."""
    listed = list(plugins)
    check_unique(listed)
    table = PermissionTable(listed)
    capabilities = resolve_capabilities(config.security.capabilities, table, config.source)
    return Plugins(
        {plugin.name: plugin for plugin in listed},
        table,
        page_globals_of(listed),
        page_script_of(listed),
        capabilities,
    )


def register_commands(registry: CommandRegistry, plugins: Plugins) -> None:
    for plugin in plugins.by_name.values():
        registry.add_plugin(plugin.name)
        for function in plugin.commands:
            registry.register(function, plugin=plugin.name)
