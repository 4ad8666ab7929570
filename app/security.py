"""Who may use the app's API, and for what: trusted origins and capabilities.

Plain Python, no Qt: the bridge asks ``SecurityPolicy.grant(label, url)`` on every message and
checks the call against the ``Grant`` it gets. The rules (docs/security.md):

- A page of the app's own origin gets what the capabilities naming its window allow,
  together. A window that none names gets everything when the config declares no capability
  for app pages, and nothing once it declares one (Tauri v2's deny-by-default).
- A page of any other origin gets nothing, unless a capability names its window *and* lists its
  URL under ``remote.urls``: then it gets what those remote capabilities allow.
- A window a page created gets at most what that page could do then (its creator's grant is
  its ceiling); a capability naming it may narrow that, never widen it.
- ``unlisten`` is always allowed (a page can only drop its own listeners).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import translate
from functools import cached_property
from typing import Protocol

from .errors import NotAllowed, UntrustedPage


class Url(Protocol):
    """What ``origin_of`` reads of a URL (``QUrl`` has it): the policy stays free of Qt."""

    def scheme(self) -> str: ...
    def host(self) -> str: ...
    def port(self) -> int: ...


def origin_of(url: Url) -> str:
    """``scheme://host[:port]`` of a URL, as browsers compare origins."""
    port = url.port()
    host = f"{url.scheme()}://{url.host()}"
    return host if port == -1 else f"{host}:{port}"


CONFIG_KEY = "app.security.capabilities"
# The window API is checked as commands with these names, so one list covers both.
WINDOW_COMMAND_PREFIX = "window:"
CREATE_WINDOW_COMMAND = "window:create"


def _compile(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for a list of glob patterns (``*``, ``?``, ``[...]``), or ``None`` if empty."""
    parts = [translate(pattern) for pattern in patterns]
    return re.compile("|".join(f"(?:{part})" for part in parts)) if parts else None


# In a URL's scheme and authority, a wildcard stays inside them: "https://*.example.com/*"
# must not match "https://evil.com/a.example.com/" (nor "?", "#" or "user@" tricks).
_AUTHORITY_STAR = "[^/?#@]*"
_AUTHORITY_ONE = "[^/?#@]"
_FNMATCH_BODY = re.compile(r"^\(\?s:(.*)\)\\[Zz]$", re.DOTALL)  # fnmatch's "(?s:...)\Z"


def url_pattern_regex(pattern: str) -> str:
    """A regex for a URL glob: ``*`` and ``?`` match within the scheme and the host[:port],
    and anything in the path, query and fragment."""
    scheme, separator, rest = pattern.partition("://")
    if not separator:
        raise ValueError(f"{pattern!r} is not a URL pattern (scheme://host/path)")
    authority, slash, path = rest.partition("/")
    head = "".join(
        _AUTHORITY_STAR if char == "*" else _AUTHORITY_ONE if char == "?" else re.escape(char)
        for char in f"{scheme}://{authority}"
    )
    tail = _FNMATCH_BODY.sub(r"\1", translate(slash + path)) if slash else ""
    return f"(?s:{head}{tail})"


def _compile_urls(patterns: Iterable[str]) -> re.Pattern[str] | None:
    parts = [url_pattern_regex(pattern) for pattern in patterns]
    return re.compile("|".join(f"(?:{part})" for part in parts)) if parts else None


@dataclass(frozen=True)
class Permission:
    """One entry of a capability's ``permissions`` (Tauri v2's form): an identifier such as
    ``store:default`` or ``core:window:allow-set-title``, and for a scoped one (``fs:scope``)
    its ``allow`` and ``deny`` entries."""

    identifier: str
    allow: tuple[Mapping[str, object], ...] = ()
    deny: tuple[Mapping[str, object], ...] = ()


# Names the permission that would allow ``(action, name)``, if one would: the plugin layer's
# (app/plugins/permissions.py), given to the policy so that a refusal can name it.
PermissionHint = Callable[[str, str], str | None]


@dataclass(frozen=True)
class Capability:
    """One entry of ``app.security.capabilities``. Patterns are globs, matched in full;
    ``permissions`` are Tauri v2's, which the plugin layer turns into the patterns they allow
    (added to ``commands``, ``emit`` and ``listen``) and the commands they deny (``denied``)."""

    identifier: str
    index: int  # its place in the config list, to name the key that would allow a call
    windows: tuple[str, ...]
    remote_urls: tuple[str, ...] = ()
    commands: tuple[str, ...] = ()
    emit: tuple[str, ...] = ()
    listen: tuple[str, ...] = ()
    permissions: tuple[Permission, ...] = ()
    denied: tuple[str, ...] = ()  # command names a `deny-` permission refuses
    # Tauri's form (``permissions``, no ``commands`` of this project's): the app's own commands
    # are allowed, as Tauri v2 allows them to every window unless the app declares a manifest
    # for them; plugin commands and window operations still need their permissions.
    app_commands: bool = False
    # Where it is written, for messages: its config key, or its capability file
    # (``capabilities/default.json``); "" means ``app.security.capabilities[index]``.
    origin: str = ""

    @property
    def key(self) -> str:
        """The place to name in a message: its file, or its key in the config."""
        return self.origin or f"{CONFIG_KEY}[{self.index}]"

    @cached_property
    def _matchers(self) -> dict[str, re.Pattern[str] | None]:
        return {
            "windows": _compile(self.windows),
            "remote": _compile_urls(self.remote_urls),
            "commands": _compile(self.commands),
            "emit": _compile(self.emit),
            "listen": _compile(self.listen),
        }

    def denies(self, action: str, name: str) -> bool:
        return action == "commands" and name in self.denied

    def applies_to(self, label: str, url: str, local: bool) -> bool:
        windows = self._matchers["windows"]
        if windows is None or not windows.fullmatch(label):
            return False
        if local:
            return not self.remote_urls  # remote capabilities are for remote pages only
        remote = self._matchers["remote"]
        return remote is not None and remote.fullmatch(url) is not None

    def allows(self, action: str, name: str) -> bool:
        if self.app_commands and action == "commands" and ":" not in name:
            return True  # an app command (plugin commands and window operations have a ':')
        matcher = self._matchers[action]
        return matcher is not None and matcher.fullmatch(name) is not None


# What each checked call is called in messages: action -> (noun, config key of the list).
_ACTIONS = {
    "commands": ("invoke of command", "commands"),
    "emit": ("emit of event", "emit"),
    "listen": ("listen to event", "listen"),
}


@dataclass(frozen=True)
class Grant:
    """What one page may do: everything (``capabilities`` is ``None``), or what the listed
    capabilities allow together (nothing, when none is listed); never more than ``ceiling``
    allows (the grant of the page that created the window)."""

    label: str
    capabilities: tuple[Capability, ...] | None
    ceiling: Grant | None = None
    hint: PermissionHint | None = field(default=None, compare=False)

    def check(self, action: str, name: str) -> None:
        """Raise ``NotAllowed`` unless the page may do ``action`` (``commands``, ``emit``,
        ``listen``) with ``name``; the message says which config key would allow it."""
        self._check_own(action, name)
        if self.ceiling is None:
            return
        try:
            self.ceiling.check(action, name)
        except NotAllowed as error:
            raise NotAllowed(
                f"window {self.label!r} was opened by a page of window {self.ceiling.label!r}, "
                f"and a window never gets more rights than the page that opened it: {error}"
            ) from None

    def _check_own(self, action: str, name: str) -> None:
        if self.capabilities is None:
            return
        for capability in self.capabilities:
            if capability.denies(action, name):
                raise NotAllowed(
                    f"window {self.label!r}: {_ACTIONS[action][0]} {name!r} is denied by a "
                    f"'deny-' permission of {capability.key}.permissions "
                    f"(capability {capability.identifier!r})"
                )
        if any(capability.allows(action, name) for capability in self.capabilities):
            return
        raise NotAllowed(self._refusal(action, name))

    def _refusal(self, action: str, name: str) -> str:
        noun, key = _ACTIONS[action]
        if not self.capabilities:
            raise NotAllowed(
                f"window {self.label!r}: {noun} {name!r} is not allowed: no capability names "
                f"this window, and once the config declares capabilities a window that none "
                f"names may do nothing (as in Tauri v2); add {self.label!r} to "
                f"{CONFIG_KEY}[].windows of a capability"
            )
        permission = self.hint(action, name) if self.hint is not None else None
        if permission is not None and name.startswith("plugin:"):
            # A plugin's command is allowed the way Tauri v2 allows it: by a permission.
            key, what = "permissions", f"the permission {permission!r}"
        else:
            what = "it"
        keys = " or ".join(
            f"{capability.key}.{key} (capability {capability.identifier!r})"
            for capability in self.capabilities or ()
        )
        refusal = f"window {self.label!r}: {noun} {name!r} is not allowed; add {what} to {keys}"
        if permission is not None and what == "it":
            refusal += f" (or Tauri's permission {permission!r} to its permissions)"
        return refusal


class SecurityPolicy:
    """The trusted origins and the capabilities of one app."""

    def __init__(
        self,
        app_origin: str,
        capabilities: tuple[Capability, ...] = (),
        hint: PermissionHint | None = None,
    ) -> None:
        self._trusted_origins = {app_origin}
        self.capabilities = capabilities
        # Deny-by-default applies once some capability is for app pages: a remote-only one
        # (a docs site's) does not lock the app's own windows down.
        self._deny_unnamed = any(not c.remote_urls for c in capabilities)
        self._hint = hint
        self._grants: dict[tuple[str, str], Grant | str] = {}  # str: why refused
        self._ceilings: dict[str, Grant] = {}  # window -> the grant of the page that opened it
        self.generation = 0  # changes when grants may change: a cached one is then stale

    def opened_by(self, label: str, creator: Grant) -> None:
        """Window ``label`` was opened by a page with grant ``creator``: its ceiling, for as
        long as the window is open (the creator's later navigations do not change it)."""
        self._ceilings[label] = creator
        self._changed()

    def window_closed(self, label: str) -> None:
        """A window with this label opened later starts without a ceiling."""
        if self._ceilings.pop(label, None) is not None:
            self._changed()

    def _changed(self) -> None:
        self._grants.clear()
        self.generation += 1

    def trust_origin(self, origin: str) -> None:
        """Treat ``origin`` (``scheme://host[:port]``) as the app's own, e.g. a dev server."""
        self._trusted_origins.add(origin)
        self._changed()

    def is_local(self, origin: str) -> bool:
        return origin in self._trusted_origins

    def may_load(self, label: str, url: str, origin: str) -> bool:
        """Whether a page of window ``label`` may navigate to ``url``: the app's own pages, and
        remote pages that a capability lets this window use."""
        if self.is_local(origin):
            return True
        return any(c.applies_to(label, url, local=False) for c in self.capabilities)

    def grant(self, label: str, url: str, origin: str) -> Grant:
        """What the page of window ``label`` at ``url`` may do; raises ``UntrustedPage`` for a
        page that may do nothing. Cached: it runs for every message."""
        key = (label, url)
        found = self._grants.get(key)
        if found is None:
            found = self._decide(label, url, origin)
            if len(self._grants) > 1024:  # a page that keeps changing its URL (#fragments)
                self._grants.clear()
            self._grants[key] = found
        if isinstance(found, str):
            raise UntrustedPage(found)  # a fresh one each time: a reraise grows its traceback
        return found

    def _decide(self, label: str, url: str, origin: str) -> Grant | str:
        local = self.is_local(origin)
        applying = tuple(c for c in self.capabilities if c.applies_to(label, url, local))
        ceiling = self._ceilings.get(label)
        if local:
            return Grant(
                label, applying or (() if self._deny_unnamed else None), ceiling, self._hint
            )
        if applying:
            return Grant(label, applying, ceiling, self._hint)
        return (
            f"window {label!r}: the page at {url} may not use the app's API; only pages of "
            f"{' and '.join(sorted(self._trusted_origins))} may, and remote pages that a "
            f"capability lists under {CONFIG_KEY}[].remote.urls for this window"
        )
