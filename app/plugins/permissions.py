"""Tauri v2's permissions in capabilities (``store:default``, ``store:allow-get``,
``core:window:allow-set-title``, ``core:default``, ``fs:deny-remove``, ...): what each allows,
in the project's own terms (command names and event patterns), and which permission a refused
call would need. Plain Python; the config keeps the identifiers, ``resolve_capabilities``
checks and expands them once the app's plugins are known (docs/security.md)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from ..errors import ConfigError
from ..security import CREATE_WINDOW_COMMAND, WINDOW_COMMAND_PREFIX, Capability
from .plugin import Plugin, plugin_command_name, split_plugin_command

# Tauri's core:window:default: the window getters (our window ops, checked as `window:<op>`).
WINDOW_DEFAULT = (
    "scaleFactor",
    "innerPosition",
    "outerPosition",
    "innerSize",
    "outerSize",
    "isFullscreen",
    "isMinimized",
    "isMaximized",
    "isFocused",
    "isDecorated",
    "isVisible",
    "isAlwaysOnTop",
    "title",
)
# Tauri's window command (kebab-case) -> our op, where the two names differ: v2's `close` asks
# first (our `requestClose`), v2's `destroy` is our `close`.
_WINDOW_RENAMED = {"close": "requestClose", "destroy": "close"}
_WINDOW_RENAMED_BACK = {op: command for command, op in _WINDOW_RENAMED.items()}
# Core modules this project has no commands for (yet): their permissions allow nothing, and
# are accepted so that a Tauri capability file loads.
_EVENT_PERMISSIONS = ("default", "allow-listen", "allow-emit", "allow-emit-to", "allow-unlisten")
_CORE_WITHOUT_COMMANDS = ("webview",)


@dataclass
class _Allowed:
    commands: list[str] = field(default_factory=list)
    emit: list[str] = field(default_factory=list)
    listen: list[str] = field(default_factory=list)
    denied: list[str] = field(default_factory=list)


def _kebab(name: str) -> str:
    """``set_title`` or ``setTitle`` -> ``set-title``: a command's name in a permission."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).replace("_", "-").lower()


def _camel(kebab: str) -> str:
    first, *rest = kebab.split("-")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def _literal(name: str) -> str:
    """A glob pattern matching exactly ``name`` (command names hold no glob characters, but a
    plugin's could in theory: each is put in brackets)."""
    return "".join(f"[{char}]" if char in "*?[" else char for char in name)


class PermissionTable:
    """The permissions the app's plugins (and the core) define."""

    def __init__(self, plugins: Iterable[Plugin]) -> None:
        self._plugins = {plugin.permission_prefix: plugin for plugin in plugins}
        self._core = [p for p in self._plugins.values() if p.permission_prefix.startswith("core:")]

    def expand(self, identifier: str, into: _Allowed) -> bool:
        """Add what ``identifier`` allows (or denies) to ``into``; False if it is unknown."""
        if identifier == "core:default":
            for module in ("core:event:default", "core:window:default"):
                self.expand(module, into)
            for plugin in self._core:
                self.expand(f"{plugin.permission_prefix}:default", into)
            return True
        prefix, _, permission = identifier.rpartition(":")
        if prefix == "core:event":
            return self._event(permission, into)
        if prefix == "core:window":
            return self._window(permission, into)
        if prefix.startswith("core:") and prefix[5:] in _CORE_WITHOUT_COMMANDS:
            if prefix == "core:webview" and permission == "allow-create-webview-window":
                into.commands.append(CREATE_WINDOW_COMMAND)
            return True
        found = self._plugins.get(prefix)
        return found is not None and self._plugin(found, permission, into)

    def _plugin(self, plugin: Plugin, permission: str, into: _Allowed) -> bool:
        names = {_kebab(_command_name(c)): _command_name(c) for c in plugin.commands}
        sets = plugin.permission_sets
        if permission == "scope":
            return True  # a scoped permission: its entries are the plugin's to read
        if permission == "default":
            chosen = plugin.default_permission
            allowed = list(names.values()) if chosen is None else list(chosen)
        elif permission in sets:
            allowed = list(sets[permission])
        elif permission.startswith(("allow-", "deny-")):
            verb, _, command = permission.partition("-")
            if command not in names:
                return False
            target = into.commands if verb == "allow" else into.denied
            target.append(plugin_command_name(plugin.name, names[command]))
            return True
        else:
            return False
        into.commands.extend(plugin_command_name(plugin.name, name) for name in allowed)
        return True

    def _event(self, permission: str, into: _Allowed) -> bool:
        if permission in ("default", "allow-listen"):
            into.listen.append("*")
        if permission in ("default", "allow-emit", "allow-emit-to"):
            into.emit.append("*")
        # unlisten is always allowed here: a page can drop only its own listeners.
        return permission in _EVENT_PERMISSIONS

    def _window(self, permission: str, into: _Allowed) -> bool:
        if permission == "default":
            into.commands.extend(WINDOW_COMMAND_PREFIX + op for op in WINDOW_DEFAULT)
            return True
        verb, _, command = permission.partition("-")
        if verb not in ("allow", "deny") or not command:
            return False
        if command == "create":
            name = CREATE_WINDOW_COMMAND
        else:
            name = WINDOW_COMMAND_PREFIX + _WINDOW_RENAMED.get(command, _camel(command))
        (into.commands if verb == "allow" else into.denied).append(name)
        return True

    def hint(self, action: str, name: str) -> str | None:
        """The permission that would allow ``action`` on ``name``, if there is one."""
        if action == "emit":
            return "core:event:allow-emit"
        if action == "listen":
            return "core:event:allow-listen"
        if name == CREATE_WINDOW_COMMAND:
            return "core:window:allow-create"
        if name.startswith(WINDOW_COMMAND_PREFIX):
            op = name[len(WINDOW_COMMAND_PREFIX) :]
            return f"core:window:allow-{_WINDOW_RENAMED_BACK.get(op, _kebab(op))}"
        split = split_plugin_command(name)
        if split is None:
            return None
        owner = next((p for p in self._plugins.values() if p.name == split[0]), None)
        prefix = owner.permission_prefix if owner is not None else split[0]
        return f"{prefix}:allow-{_kebab(split[1])}"

    def known_prefixes(self) -> list[str]:
        return sorted(self._plugins)


def _command_name(function: object) -> str:
    from ..commands.registry import command_name

    return command_name(function)


def resolve_capabilities(
    capabilities: Iterable[Capability], table: PermissionTable, source: str = "the config"
) -> tuple[Capability, ...]:
    """Each capability with what its ``permissions`` allow added to its patterns; an unknown
    permission is a ``ConfigError`` naming its key and the plugins that are registered."""
    resolved = []
    for capability in capabilities:
        allowed = _Allowed()
        for index, permission in enumerate(capability.permissions):
            if not table.expand(permission.identifier, allowed):
                key = f"{capability.key}.permissions[{index}]"
                known = ", ".join(table.known_prefixes()) or "none"
                raise ConfigError(
                    f"{source}: {key}: unknown permission {permission.identifier!r} (plugins "
                    f"registered: {known}; register a plugin with Builder().plugin(...))"
                )
        resolved.append(_with(capability, allowed))
    return tuple(resolved)


def _with(capability: Capability, allowed: _Allowed) -> Capability:
    if not capability.permissions:
        return capability
    return replace(
        capability,
        commands=capability.commands + tuple(map(_literal, allowed.commands)),
        emit=capability.emit + tuple(allowed.emit),
        listen=capability.listen + tuple(allowed.listen),
        denied=capability.denied + tuple(allowed.denied),
    )


def scopes_of(
    capabilities: Iterable[Capability], identifier: str
) -> list[tuple[str, Mapping[str, object]]]:
    """``("allow" | "deny", entry)`` for each scope entry of ``identifier`` (``fs:scope``) in
    ``capabilities``."""
    found: list[tuple[str, Mapping[str, object]]] = []
    for capability in capabilities:
        for permission in capability.permissions:
            if permission.identifier == identifier:
                found += [("allow", entry) for entry in permission.allow]
                found += [("deny", entry) for entry in permission.deny]
    return found
