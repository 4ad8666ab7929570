"""The app config (spec §8): Tauri's config file (JSON, JSON5 or TOML, with the platform's
file merged over it: ``app.configfiles``), or a dict of the same shape, loaded into frozen
dataclasses. Every error names the file (or ``<dict>``) and the key.

    {"build": {"frontendDist": "frontend/demo"},
     "app": {"windows": [{"label": "main", "url": "index.html", "title": "Demo",
                          "width": 800, "height": 600, "visible": true}],
             "events": {"maxPayloadBytes": 67108864, "readyGraceMs": 2000}}}
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl

from .beforecommands import BeforeCommand, BeforeCommandError, parse_before_command
from .configfiles import (
    MAIN_NAMES,
    RawConfig,
    current_platform,
    read_capability_files,
    read_config,
)
from .datadir import check_identifier
from .errors import ConfigError, InvalidWindowLabel
from .events.names import check_window_label
from .events.payload import DEFAULT_MAX_PAYLOAD_BYTES
from .paths import BUNDLED_CONFIG
from .security import Capability, Permission, url_pattern_regex
from .tauriconf import (
    APP,
    BUILD,
    BUNDLE,
    CAPABILITY,
    SECURITY,
    TOP,
    V1_SECURITY,
    V1_WINDOW,
    WINDOW,
    Section,
    canonical_key,
    is_v1,
    reshape_v1,
    suggestion,
)

log = logging.getLogger(__name__)

# How long a loaded page's kept events wait for its listeners (spec §7).
DEFAULT_READY_GRACE_MS = 2000
# What one page may send per second: above what one page reaches at full speed (about 120,000
# small emits or 90 MB/s of 10 KB ones here), so that a page is never slowed by it. Fairness
# between windows comes from the one call each may have in flight (its permit); this budget
# is the defence in depth behind it (app/bridge/inbound.py, docs/reliability.md).
DEFAULT_PAGE_CALLS_PER_SECOND = 200_000
DEFAULT_PAGE_BYTES_PER_SECOND = 256 * 1024 * 1024


@dataclass(frozen=True)
class WindowConfig:
    label: str = "main"
    url: str = "index.html"
    title: str = ""
    width: int = 800
    height: int = 600
    x: int | None = None
    y: int | None = None
    center: bool = False
    resizable: bool = True
    visible: bool = True
    focus: bool = True
    always_on_top: bool = False
    decorations: bool = True
    maximized: bool = False
    fullscreen: bool = False
    min_width: int | None = None
    min_height: int | None = None
    max_width: int | None = None
    max_height: int | None = None
    # Off the record: nothing the page stores is kept, nor shared with the other windows.
    incognito: bool = False
    transparent: bool = False
    skip_taskbar: bool = False
    maximizable: bool = True
    minimizable: bool = True
    closable: bool = True
    zoom_hotkeys_enabled: bool = False
    # Files dragged onto the window are Tauri's drag-and-drop events, not the page's drops.
    drag_drop_enabled: bool = True
    # The page's own user agent (header and navigator.userAgent); None: the profile's.
    user_agent: str | None = None
    # "light" or "dark": Qt's color scheme, which is the app's (docs/windows.md); None: the
    # system's.
    theme: str | None = None


@dataclass(frozen=True)
class EventsConfig:
    max_payload_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES
    ready_grace_ms: int = DEFAULT_READY_GRACE_MS
    max_args_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES  # a command's arguments, as JSON
    # What one page may send per second (app/bridge/inbound.py, docs/reliability.md).
    page_calls_per_second: int = DEFAULT_PAGE_CALLS_PER_SECOND
    page_bytes_per_second: int = DEFAULT_PAGE_BYTES_PER_SECOND


# Served HTML gets this Content-Security-Policy unless the config gives another (or null).
# Inline scripts are allowed by their hashes, added when a page is served (docs/security.md).
# It travels in a <meta> tag, where frame-ancestors, report-uri and sandbox do not apply.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
OPEN_EXTERNAL_POLICIES = ("browser", "block")
# Without `identifier` in the config (Tauri requires one), the path module's app folders use
# this name; without `version`, the app module answers this one.
DEFAULT_IDENTIFIER = "app.qtauri"
DEFAULT_VERSION = "0.0.0"


@dataclass(frozen=True)
class SecurityConfig:
    csp: str | None = DEFAULT_CSP
    capabilities: tuple[Capability, ...] = ()
    # Where links and window.open to other origins go: the system browser, or nowhere.
    open_external: str = "browser"


@dataclass(frozen=True)
class AppConfig:
    frontend_dist: Path
    windows: tuple[WindowConfig, ...] = ()
    events: EventsConfig = field(default_factory=EventsConfig)
    security: SecurityConfig = field(default_factory=SecurityConfig)
    product_name: str = ""
    # Names the app data folder, where its pages' storage persists; "" keeps nothing on disk.
    identifier: str = ""
    # The folder of the config file (the working directory for a dict): the `path` module's
    # resource directory.
    root: Path = field(default_factory=Path.cwd)
    source: str = "<dict>"
    # build.devUrl, only when loaded for dev mode: pages are served from there instead.
    dev_url: str | None = None
    version: str = ""
    # Tauri's keys this project does not act on, found in the config (each logged once).
    ignored_keys: tuple[str, ...] = ()
    # The `plugins` section, for the plugins to read.
    plugins: Mapping[str, Any] = field(default_factory=dict)
    # bundle.icon: the app's icon files, in the config's order (Qt picks a size from them).
    icons: tuple[Path, ...] = ()
    # build.beforeDevCommand, only when loaded for dev mode: the dev supervisor runs it.
    before_dev_command: BeforeCommand | None = None
    # build.beforeBuildCommand / beforeBundleCommand: `python -m app build` runs them
    # (app.tools.buildhooks, which reads them before the rest: the first may make the frontend).
    before_build_command: BeforeCommand | None = None
    before_bundle_command: BeforeCommand | None = None


ConfigSource = str | Path | Mapping[str, Any] | AppConfig | None


def load_config(
    config: ConfigSource = None,
    *,
    dev: bool = False,
    warn: bool = True,
    platform: str | None = None,
) -> AppConfig:
    """Load and validate a config: a path to a config file or to a Tauri project's folder, a
    dict, or ``None`` for the bundled one (an ``AppConfig`` is returned as it is).

    A Tauri main file (``tauri.conf.json``, ``.json5``, ``Tauri.toml``) gets the
    ``platform``'s file beside it merged over it (default: the running platform's).
    Relative paths in a file are relative to the main file; in a dict, to the working directory.
    ``build.devUrl`` is checked always but kept (as ``dev_url``) only when ``dev`` is true.
    ``warn=False`` leaves the warnings about keys without effect to another reader (the dev
    supervisor reads the config its child reads too).
    """
    if isinstance(config, AppConfig):
        return config
    if config is None:
        config = BUNDLED_CONFIG
    if not isinstance(config, str | Path):
        return _logged(_Reader("<dict>", Path.cwd(), dev).app_config(config), warn)
    raw = read_config(Path(config), platform)
    reader = _Reader(str(raw.main), raw.main.parent, dev, _origin(raw))
    loaded = reader.app_config(raw.data)
    if warn:
        for key in loaded.ignored_keys:
            log.warning(
                "%s: %s: Tauri's key, accepted; it has no effect here", reader.origin(key), key
            )
    return loaded


def read_build_hooks(config: Path) -> tuple[BeforeCommand | None, BeforeCommand | None]:
    """The config file's ``build.beforeBuildCommand`` and ``beforeBundleCommand``, read alone:
    the build runs the first before it loads the rest, since that command typically makes the
    frontend folder the config names (as ``tauri build`` does). v1 and v2 keep them alike."""
    raw = read_config(config)
    data = raw.data
    build = data.get("build", {}) if isinstance(data, Mapping) else {}
    if not isinstance(build, Mapping):
        return None, None  # the full load names the problem
    return _Reader(str(raw.main), raw.main.parent, False, _origin(raw)).build_hooks(build)


def _origin(raw: RawConfig) -> Callable[[str], str] | None:
    if raw.platform is None:
        return None
    return lambda key: str(raw.origin(key))


def _logged(config: AppConfig, warn: bool = True) -> AppConfig:
    for key in config.ignored_keys if warn else ():
        log.warning("%s: %s: Tauri's key, accepted; it has no effect here", config.source, key)
    return config


def window_config(label: str, options: Mapping[str, Any]) -> WindowConfig:
    """Check a new window's options (Tauri's camelCase names, or the field names) and make
    its ``WindowConfig``. Raises ``InvalidWindowLabel`` or ``ConfigError`` naming the option."""
    check_window_label(label)
    data = {_WINDOW_FIELD_KEYS.get(name, name): value for name, value in options.items()}
    reader = _Reader(f"window {label!r}", Path.cwd())
    config = reader.window({**data, "label": label}, "options")
    for key in reader.ignored:  # as the config's own keys are reported (_logged)
        log.warning(
            "%s: %s: Tauri's window option, accepted; it has no effect here", reader.source, key
        )
    return config


_WINDOW_KEYS: dict[str, tuple[str, type]] = {
    "label": ("label", str),
    "url": ("url", str),
    "title": ("title", str),
    "width": ("width", float),
    "height": ("height", float),
    "x": ("x", float),
    "y": ("y", float),
    "center": ("center", bool),
    "resizable": ("resizable", bool),
    "visible": ("visible", bool),
    "focus": ("focus", bool),
    "alwaysOnTop": ("always_on_top", bool),
    "decorations": ("decorations", bool),
    "maximized": ("maximized", bool),
    "fullscreen": ("fullscreen", bool),
    "minWidth": ("min_width", float),
    "minHeight": ("min_height", float),
    "maxWidth": ("max_width", float),
    "maxHeight": ("max_height", float),
    "incognito": ("incognito", bool),
    "transparent": ("transparent", bool),
    "skipTaskbar": ("skip_taskbar", bool),
    "maximizable": ("maximizable", bool),
    "minimizable": ("minimizable", bool),
    "closable": ("closable", bool),
    "zoomHotkeysEnabled": ("zoom_hotkeys_enabled", bool),
    "dragDropEnabled": ("drag_drop_enabled", bool),
    "fileDropEnabled": ("drag_drop_enabled", bool),  # v1's name
    "userAgent": ("user_agent", str),
    "theme": ("theme", str),
}
# Python callers may also use the field names themselves (create_window(always_on_top=True)).
_WINDOW_FIELD_KEYS = {
    field: key for key, (field, _kind) in _WINDOW_KEYS.items() if key in WINDOW.known
}
# A user agent travels in a header: visible ASCII and spaces, not empty.
_HEADER_TEXT = re.compile(r"[\x20-\x7e]*[\x21-\x7e][\x20-\x7e]*")
# Where a window may point: the app's own pages, or the web. Not file:, data:, javascript:, ...
_URL_SCHEMES = {"", "tauri", "http", "https"}
_EVENTS = Section(honoured=frozenset({"maxPayloadBytes", "readyGraceMs"}))
_EVENTS_KEYS: dict[str, tuple[str, type]] = {
    "maxPayloadBytes": ("max_payload_bytes", int),
    "readyGraceMs": ("ready_grace_ms", int),
    "maxArgsBytes": ("max_args_bytes", int),
    "pageCallsPerSecond": ("page_calls_per_second", int),
    "pageBytesPerSecond": ("page_bytes_per_second", int),
}
_REMOTE = Section(honoured=frozenset({"urls"}))
# Tauri v2's scoped permission objects, and their allow/deny entries.
_PERMISSION = Section(honoured=frozenset({"identifier", "allow", "deny"}))
_SCOPE_ENTRY = Section(honoured=frozenset({"path", "url"}))
# Sizes and positions are numbers in Tauri (logical pixels, floats allowed); Qt's are integers.
_NUMBER = float


class _Reader:
    def __init__(
        self,
        source: str,
        base: Path,
        dev: bool = False,
        origin: Callable[[str], str] | None = None,
    ) -> None:
        self.source = source
        # Which file gave a key, when a platform file was merged over the main one.
        self.origin: Callable[[str], str] = origin or (lambda _key: source)
        self.base = base
        self.dev = dev
        self.ignored: list[str] = []
        # Where windows and security are in the file: v2's places, or v1's.
        self.windows_key, self.security_key = "app.windows", "app.security"
        self.window_section, self.security_section = WINDOW, SECURITY

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.origin(key)}: {key}: {problem}")

    def note(self, key: str) -> None:
        """A key of Tauri's that has no effect here: accepted, and reported once."""
        if key not in self.ignored:
            self.ignored.append(key)

    def app_config(self, data: object) -> AppConfig:
        dev_folder = None
        if isinstance(data, Mapping) and is_v1(data):
            mixed = sorted(set(data) & (TOP.known - {"$schema", "build", "plugins"}))
            if mixed:
                raise self.fail(
                    "(top level)",
                    f"Tauri v1's layout (package, tauri, build.distDir) mixed with v2's "
                    f"({', '.join(mixed)}): use one",
                )
            reshaped = reshape_v1(data, self.mapping, self.note)
            data, dev_folder = reshaped.data, reshaped.dev_folder
            self.windows_key, self.security_key = "tauri.windows", "tauri.security"
            self.window_section, self.security_section = V1_WINDOW, V1_SECURITY
        top = self.mapping(data, "(top level)", TOP)
        build = self.mapping(top.get("build", {}), "build", BUILD)
        app = self.mapping(top.get("app", {}), "app", APP)
        dist_key = "build.distDir" if self.windows_key == "tauri.windows" else "build.frontendDist"
        if "frontendDist" not in build:
            raise self.fail(dist_key, "missing: the folder of the frontend's files")
        dist = self.folder(build["frontendDist"], dist_key)
        if self.dev and dev_folder is not None:
            dist = self.folder(dev_folder, "build.devPath")  # v1: dev mode's own files
        events = EventsConfig(**self.fields(app.get("events", {}), "app.events", _EVENTS_KEYS))
        if events.max_payload_bytes <= 0:
            raise self.fail("app.events.maxPayloadBytes", "must be positive")
        for key, value in (
            ("maxArgsBytes", events.max_args_bytes),
            ("pageCallsPerSecond", events.page_calls_per_second),
            ("pageBytesPerSecond", events.page_bytes_per_second),
        ):
            if value <= 0:
                raise self.fail(f"app.events.{key}", "must be positive")
        if events.ready_grace_ms < 0:
            raise self.fail("app.events.readyGraceMs", "must not be negative")
        dev_url = self.dev_url(build.get("devUrl"))
        before_dev = self.before_command(build.get("beforeDevCommand", ""), "beforeDevCommand")
        before_build, before_bundle = self.build_hooks(build)
        plugins = top.get("plugins", {})
        bundle_key = "tauri.bundle" if self.windows_key == "tauri.windows" else "bundle"
        bundle = self.mapping(top.get("bundle", {}), bundle_key, BUNDLE)
        return AppConfig(
            frontend_dist=dist,
            windows=self.windows(app.get("windows", [])),
            events=events,
            security=self.security(app.get("security", {})),
            product_name=self.typed(top.get("productName", ""), "productName", str),
            identifier=self.identifier(top.get("identifier", "")),
            root=self.base.resolve(),
            source=self.source,
            dev_url=dev_url if self.dev else None,
            version=self.typed(top.get("version", ""), "version", str),
            ignored_keys=tuple(self.ignored),
            plugins=self.mapping(plugins, "plugins", Section(frozenset(plugins))),
            icons=self.icons(bundle.get("icon", []), f"{bundle_key}.icon"),
            before_dev_command=before_dev if self.dev else None,
            before_build_command=before_build,
            before_bundle_command=before_bundle,
        )

    def build_hooks(
        self, build: Mapping[str, Any]
    ) -> tuple[BeforeCommand | None, BeforeCommand | None]:
        """``build.beforeBuildCommand`` and ``beforeBundleCommand``, in that order."""
        first, then = (
            self.before_command(build.get(key, ""), key, waits=False)
            for key in ("beforeBuildCommand", "beforeBundleCommand")
        )
        return first, then

    def folder(self, data: object, key: str) -> Path:
        if isinstance(data, list):
            raise self.fail(key, "a list of files is not supported here: give their folder")
        text: str = self.typed(data, key, str)
        if text.startswith(("http://", "https://")):
            raise self.fail(key, f"{text!r}: a remote frontend is not supported: give a folder")
        dist = self.base / text
        if not dist.is_dir():
            raise self.fail(key, f"{dist} is not a folder")
        return dist.resolve()

    def icons(self, data: object, key: str) -> tuple[Path, ...]:
        """Icon files, relative to the config; missing ones are the app's to report (a
        checkout may not have generated its icons yet: the app still runs)."""
        if not isinstance(data, list):
            raise self.fail(key, f"expected a list of files, got {_json_type(data)}")
        return tuple(
            (self.base / self.typed(item, f"{key}[{i}]", str)).resolve()
            for i, item in enumerate(data)
        )

    def identifier(self, data: object) -> str:
        identifier: str = self.typed(data, "identifier", str)
        if identifier:
            try:
                check_identifier(identifier)
            except ValueError as error:
                raise self.fail("identifier", str(error)) from None
        return identifier

    def before_command(
        self, data: object, name: str, *, waits: bool = True
    ) -> BeforeCommand | None:
        try:
            return parse_before_command(data, self.base, waits=waits)
        except BeforeCommandError as error:
            raise self.fail(f"build.{name}", str(error)) from None

    def dev_url(self, data: object) -> str | None:
        if data is None:
            return None
        text: str = self.typed(data, "build.devUrl", str)
        url = QUrl(text, QUrl.ParsingMode.StrictMode)
        if not url.isValid() or url.scheme() not in ("http", "https") or not url.host():
            raise self.fail("build.devUrl", f"{text!r} is not an http(s) URL")
        return text

    def security(self, data: object) -> SecurityConfig:
        key = self.security_key
        security = self.mapping(data, key, self.security_section)
        csp = security.get("csp", DEFAULT_CSP)
        if self.dev and "devCsp" in security:  # Tauri's policy for dev mode
            csp = security["devCsp"]
        if isinstance(csp, Mapping):  # Tauri's object form: {directive: sources or [sources]}
            csp = self.csp_from_object(csp)
        elif csp is not None:
            csp = self.typed(csp, f"{key}.csp", str)
        policy = self.typed(security.get("openExternal", "browser"), f"{key}.openExternal", str)
        if policy not in OPEN_EXTERNAL_POLICIES:
            raise self.fail(
                f"{key}.openExternal",
                f"{policy!r} is not one of {', '.join(map(repr, OPEN_EXTERNAL_POLICIES))}",
            )
        entries = security.get("capabilities", [])
        if not isinstance(entries, list):
            raise self.fail(f"{key}.capabilities", f"expected a list, got {_json_type(entries)}")
        capabilities = self.chosen_capabilities(entries)
        identifiers = [c.identifier for c in capabilities]
        for index, identifier in enumerate(identifiers):
            if identifier in identifiers[:index]:
                raise self.fail(
                    f"{key}.capabilities[{index}].identifier",
                    f"duplicate identifier {identifier!r}",
                )
        return SecurityConfig(csp=csp, capabilities=capabilities, open_external=policy)

    def csp_from_object(self, data: Mapping[str, Any]) -> str:
        directives = []
        for name, sources in data.items():
            key = f"{self.security_key}.csp.{name}"
            if isinstance(sources, list):
                sources = " ".join(self.typed(source, key, str) for source in sources)
            directives.append(f"{name} {self.typed(sources, key, str)}".strip())
        return "; ".join(directives)

    def chosen_capabilities(self, entries: list[Any]) -> tuple[Capability, ...]:
        """The config's capabilities and those of its capability files, chosen as Tauri v2
        does: with no ``capabilities`` in the config, every file's; else the config's objects
        and the files' capabilities its strings name (an unknown name is an error). A
        capability for other ``platforms`` is left out."""
        files = self.capability_files()
        by_identifier = {capability.identifier: capability for capability in files}
        chosen: list[Capability | None] = []
        for index, item in enumerate(entries):
            if not isinstance(item, str):
                chosen.append(self.capability(item, index))
                continue
            if item not in by_identifier:
                folder = Path(self.source).parent / "capabilities"
                known = ", ".join(map(repr, by_identifier)) or "none"
                raise self.fail(
                    f"{self.security_key}.capabilities[{index}]",
                    f"no capability {item!r} in the files of {folder} (found: {known})",
                )
            chosen.append(replace(by_identifier[item], index=index))
        if not entries:
            chosen = [replace(capability, index=i) for i, capability in enumerate(files)]
        return tuple(capability for capability in chosen if capability is not None)

    def capability_files(self) -> list[Capability]:
        """The capabilities in ``capabilities/`` beside a Tauri v2 main config file (Tauri's
        place for them); an error names the file."""
        source = Path(self.source)
        if self.security_key != "app.security" or source.name not in MAIN_NAMES:
            return []
        found = []
        for number, (path, data) in enumerate(read_capability_files(source.parent)):
            if isinstance(data, Mapping):
                data = {k: v for k, v in data.items() if k != "$schema"}  # the editor's
            where = path.relative_to(source.parent).as_posix()
            capability = self.capability(data, number, key=where)
            if capability is not None:
                found.append(replace(capability, origin=where))
        identifiers = [capability.identifier for capability in found]
        for identifier in identifiers:
            if identifiers.count(identifier) > 1:
                raise self.fail(
                    f"{self.security_key}.capabilities",
                    f"two capability files define {identifier!r}",
                )
        return found

    def capability(self, data: object, index: int, key: str | None = None) -> Capability | None:
        """One capability; ``None`` for one whose ``platforms`` leave this one out."""
        key = key or f"{self.security_key}.capabilities[{index}]"
        entry = self.mapping(data, key, CAPABILITY)
        if "identifier" not in entry:
            raise self.fail(f"{key}.identifier", "missing: a name for this capability")
        if "windows" not in entry:
            raise self.fail(f"{key}.windows", "missing: the window labels (or patterns) it is for")
        remote = self.mapping(entry.get("remote", {}), f"{key}.remote", _REMOTE)
        platforms = self.patterns(entry.get("platforms", []), f"{key}.platforms")
        if platforms and current_platform() not in {name.lower() for name in platforms}:
            return None  # Tauri's "linux", "macOS", "windows", "android", "iOS"
        return Capability(
            identifier=self.typed(entry["identifier"], f"{key}.identifier", str),
            index=index,
            windows=self.patterns(entry["windows"], f"{key}.windows"),
            remote_urls=self.url_patterns(remote.get("urls", []), f"{key}.remote.urls"),
            commands=self.patterns(entry.get("commands", []), f"{key}.commands"),
            emit=self.patterns(entry.get("emit", []), f"{key}.emit"),
            listen=self.patterns(entry.get("listen", []), f"{key}.listen"),
            permissions=self.permissions(entry.get("permissions", []), f"{key}.permissions"),
            app_commands="permissions" in entry and "commands" not in entry,
        )

    def permissions(self, data: object, key: str) -> tuple[Permission, ...]:
        """Tauri v2's ``permissions``: identifiers, or ``{identifier, allow, deny}`` objects
        for scoped ones. Which identifiers exist is checked once the plugins are known."""
        if not isinstance(data, list):
            raise self.fail(key, f"expected a list of permissions, got {_json_type(data)}")
        found = []
        for index, item in enumerate(data):
            where = f"{key}[{index}]"
            if isinstance(item, str):
                found.append(Permission(item))
                continue
            entry = self.mapping(item, where, _PERMISSION)
            if "identifier" not in entry:
                raise self.fail(f"{where}.identifier", "missing: the permission's name")
            found.append(
                Permission(
                    self.typed(entry["identifier"], f"{where}.identifier", str),
                    self.scope_entries(entry.get("allow", []), f"{where}.allow"),
                    self.scope_entries(entry.get("deny", []), f"{where}.deny"),
                )
            )
        return tuple(found)

    def scope_entries(self, data: object, key: str) -> tuple[dict[str, Any], ...]:
        if not isinstance(data, list):
            raise self.fail(key, f"expected a list of scope entries, got {_json_type(data)}")
        return tuple(self.mapping(item, f"{key}[{i}]", _SCOPE_ENTRY) for i, item in enumerate(data))

    def url_patterns(self, data: object, key: str) -> tuple[str, ...]:
        patterns = self.patterns(data, key)
        for index, pattern in enumerate(patterns):
            try:
                url_pattern_regex(pattern)
            except ValueError as error:
                raise self.fail(f"{key}[{index}]", str(error)) from None
        return patterns

    def patterns(self, data: object, key: str) -> tuple[str, ...]:
        if not isinstance(data, list):
            raise self.fail(key, f"expected a list of patterns, got {_json_type(data)}")
        return tuple(self.typed(item, f"{key}[{i}]", str) for i, item in enumerate(data))

    def windows(self, data: object) -> tuple[WindowConfig, ...]:
        if not isinstance(data, list):
            raise self.fail(self.windows_key, f"expected a list, got {_json_type(data)}")
        windows: list[WindowConfig] = []
        for index, item in enumerate(data):
            key = f"{self.windows_key}[{index}]"
            window = self.window(item, key)
            if any(other.label == window.label for other in windows):
                raise self.fail(f"{key}.label", f"duplicate window label {window.label!r}")
            windows.append(window)
        return tuple(windows)

    def window(self, data: object, key: str) -> WindowConfig:
        fields = self.fields(data, key, _WINDOW_KEYS, self.window_section)
        window = WindowConfig(**fields)
        try:
            check_window_label(window.label)
        except InvalidWindowLabel as error:
            raise self.fail(f"{key}.label", str(error)) from None
        if window.width <= 0 or window.height <= 0:
            raise self.fail(key, "width and height must be positive")
        if window.user_agent is not None and not _HEADER_TEXT.fullmatch(window.user_agent):
            raise self.fail(
                f"{key}.userAgent",
                f"{window.user_agent!r}: expected printable ASCII text (an HTTP header's)",
            )
        if window.theme is not None:
            # Tauri reads the name case-insensitively ("Dark" is dark).
            if window.theme.lower() not in ("light", "dark"):
                raise self.fail(f"{key}.theme", f"{window.theme!r} is not 'light' or 'dark'")
            window = replace(window, theme=window.theme.lower())
        url = QUrl(window.url, QUrl.ParsingMode.StrictMode)
        if not url.isValid() or url.scheme() not in _URL_SCHEMES:
            raise self.fail(
                f"{key}.url",
                f"{window.url!r} is not a page of the app nor an http(s) URL",
            )
        return window

    def fields(
        self,
        data: object,
        key: str,
        spec: dict[str, tuple[str, type]],
        section: Section | None = None,
    ) -> dict[str, Any]:
        values = self.mapping(data, key, section or Section(frozenset(spec)))
        return {
            spec[name][0]: self.typed(value, f"{key}.{name}", spec[name][1])
            for name, value in values.items()
        }

    def mapping(self, data: object, key: str, section: Section) -> dict[str, Any]:
        """The object's keys to read; Tauri's keys without effect are noted and left out, and
        any other key is an error naming the closest known one."""
        if not isinstance(data, Mapping):
            raise self.fail(key, f"expected an object, got {_json_type(data)}")
        if not all(isinstance(name, str) for name in data):
            raise self.fail(key, "object keys must be strings")
        read: dict[str, Any] = {}
        written: dict[str, str] = {}
        for written_name, value in data.items():
            where = written_name if key == "(top level)" else f"{key}.{written_name}"
            name = canonical_key(written_name, section)  # Tauri's kebab-case aliases
            if name in written:
                raise self.fail(where, f"given twice, as {written[name]!r} and {written_name!r}")
            written[name] = written_name
            if name in section.no_effect:
                self.note(where)
            elif name in section.honoured or name in section.own:
                read[name] = value
            else:
                raise self.fail(
                    where,
                    f"unknown key{suggestion(name, section.known)} "
                    f"(known: {', '.join(sorted(section.known))})",
                )
        return read

    def typed(self, value: object, key: str, kind: type) -> Any:
        # bool is an int in Python, not in JSON: `"width": true` is an error.
        if isinstance(value, bool) and kind is not bool:
            raise self.fail(key, f"expected {_JSON_NAMES[kind]}, got {_json_type(value)}")
        if kind is _NUMBER:  # Tauri's sizes and positions: any number, rounded for Qt
            if not isinstance(value, int | float) or value != value or abs(value) > 1e9:
                raise self.fail(key, f"expected {_JSON_NAMES[kind]}, got {_json_type(value)}")
            return round(value)
        if not isinstance(value, kind):
            raise self.fail(key, f"expected {_JSON_NAMES[kind]}, got {_json_type(value)}")
        return value


_JSON_NAMES: dict[type, str] = {
    str: "a string",
    int: "an integer",
    bool: "true or false",
    _NUMBER: "a number",
}


def _json_type(value: object) -> str:
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        float: "a number",
    }
    if value is None:
        return "null"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"the integer {value}"
    return names.get(type(value), type(value).__name__)
