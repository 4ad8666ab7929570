"""Tauri's config keys, v1 and v2, and what this project does with each: the tables the config
reader checks keys against, and the reshaping of a v1 config into v2's layout.

Every key Tauri defines is either *honoured* (acted on) or *without effect* here (accepted, so
that a real ``tauri.conf.json`` loads, with one warning naming it); any other key is an error
with the closest known key as a suggestion. ``tests/test_tauri_conf.py`` checks these tables
against the JSON schemas Tauri publishes in ``@tauri-apps/cli``. docs/tauri-compat.md lists
them for users.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Section:
    """The keys of one object of the config: honoured, Tauri's without effect here, and this
    project's own additions (not in Tauri's schema)."""

    honoured: frozenset[str]
    no_effect: frozenset[str] = frozenset()
    own: frozenset[str] = frozenset()

    @property
    def known(self) -> frozenset[str]:
        return self.honoured | self.no_effect | self.own


def _keys(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- v2 (the layout this project reads) ------------------------------------------------------

TOP = Section(
    # `plugins` is the plugins' own configuration: passed on, not checked here.
    honoured=_keys("$schema productName version identifier build app plugins bundle"),
    no_effect=_keys("mainBinaryName"),
)
# Packaging, but for `icon`: the app's and its windows' icon.
BUNDLE = Section(
    honoured=_keys("icon"),
    no_effect=_keys(
        "active android category copyright createUpdaterArtifacts externalBin fileAssociations "
        "homepage iOS license licenseFile linux longDescription macOS publisher resources "
        "shortDescription targets useLocalToolsDir windows"
    ),
)
BUILD = Section(
    honoured=_keys("frontendDist devUrl beforeDevCommand beforeBuildCommand beforeBundleCommand"),
    no_effect=_keys("runner features removeUnusedCommands additionalWatchFolders windows"),
)
APP = Section(
    # withGlobalTauri: window.__TAURI__ is always there, so the key is honoured either way.
    honoured=_keys("windows security withGlobalTauri"),
    no_effect=_keys("trayIcon macOSPrivateApi enableGTKAppId appDirectoriesOverride"),
    own=_keys("events"),
)
SECURITY = Section(
    honoured=_keys("csp devCsp capabilities"),
    no_effect=_keys(
        "freezePrototype dangerousDisableAssetCspModification assetProtocol pattern headers"
    ),
    own=_keys("openExternal"),
)
CAPABILITY = Section(
    honoured=_keys("identifier description windows remote permissions platforms"),
    # Per-webview capabilities are not this project's (docs/security.md); permissions are,
    # through the plugins (app/plugins/permissions.py).
    no_effect=_keys("local webviews"),
    own=_keys("commands emit listen"),
)
WINDOW = Section(
    honoured=_keys(
        "label url title width height x y center resizable visible focus alwaysOnTop "
        "decorations maximized fullscreen minWidth minHeight maxWidth maxHeight incognito "
        "transparent skipTaskbar maximizable minimizable closable zoomHotkeysEnabled "
        "dragDropEnabled userAgent theme"
    ),
    no_effect=_keys(
        "create preventOverflow focusable alwaysOnBottom "
        "visibleOnAllWorkspaces contentProtected windowClassname noRedirectionBitmap "
        "titleBarStyle trafficLightPosition hiddenTitle acceptFirstMouse tabbingIdentifier "
        "additionalBrowserArgs shadow windowEffects parent proxyUrl "
        "browserExtensionsEnabled useHttpsScheme devtools backgroundColor backgroundThrottling "
        "javascriptDisabled allowLinkPreview disableInputAccessoryView dataDirectory "
        "dataStoreIdentifier scrollBarStyle limitNavigationsToAppBoundDomains activityName "
        "createdByActivityName requestedBySceneIdentifier generalAutofillEnabled"
    ),
)

# -- v1 (reshaped into v2's layout before it is read) ------------------------------------------

V1_TOP = Section(honoured=_keys("$schema package tauri build plugins"))
V1_PACKAGE = Section(honoured=_keys("productName version"))
V1_TAURI = Section(
    honoured=_keys("windows security bundle"),
    no_effect=_keys("pattern cli allowlist updater systemTray macOSPrivateApi"),
)
V1_BUNDLE = Section(
    honoured=_keys("identifier icon"),
    no_effect=_keys(
        "active appimage category copyright deb dmg externalBin longDescription macOS publisher "
        "resources rpm shortDescription targets useLocalToolsDir windows"
    ),
)
# build's hook commands, the same keys in v1 and v2 (app.beforecommands).
HOOK_KEYS = ("beforeDevCommand", "beforeBuildCommand", "beforeBundleCommand")
V1_BUILD = Section(
    honoured=_keys(
        "distDir devPath withGlobalTauri beforeDevCommand beforeBuildCommand beforeBundleCommand"
    ),
    no_effect=_keys("runner features"),
)
V1_SECURITY = Section(
    honoured=_keys("csp devCsp"),
    no_effect=_keys(
        "freezePrototype dangerousDisableAssetCspModification dangerousRemoteDomainIpcAccess "
        "dangerousUseHttpScheme"
    ),
    own=_keys("capabilities openExternal"),
)
V1_WINDOW = Section(
    honoured=(WINDOW.honoured - {"incognito", "zoomHotkeysEnabled", "dragDropEnabled"})
    | {"fileDropEnabled"},
    no_effect=_keys(
        "contentProtected titleBarStyle hiddenTitle "
        "acceptFirstMouse tabbingIdentifier additionalBrowserArgs"
    ),
)


# Tauri's serde aliases: the kebab-case names it also accepts for these keys, in any format
# (they are what Tauri's own Tauri.toml examples use). Only these: Tauri has no alias for the
# others (`zoomHotkeysEnabled`), which a TOML file spells in camelCase too.
_KEBAB = (
    "product-name main-binary-name "
    "dev-url frontend-dist before-dev-command before-build-command before-bundle-command "
    "with-global-tauri tray-icon "
    "dev-csp freeze-prototype dangerous-disable-asset-csp-modification asset-protocol "
    "user-agent drag-drop-enabled min-width min-height max-width max-height always-on-bottom "
    "always-on-top visible-on-all-workspaces content-protected skip-taskbar title-bar-style "
    "hidden-title accept-first-mouse tabbing-identifier additional-browser-args window-effects "
    "license-file short-description long-description use-local-tools-dir external-bin"
)
KEBAB_ALIASES: dict[str, str] = {
    name: name.split("-")[0] + "".join(part.title() for part in name.split("-")[1:])
    for name in _KEBAB.split()
} | {
    # Tauri's irregular capitals.
    "macos-private-api": "macOSPrivateApi",
    "enable-gtk-app-id": "enableGTKAppId",
    "macos": "macOS",
    "ios": "iOS",
}


def canonical_key(name: str, section: Section) -> str:
    """The key a written name stands for in ``section``: itself, or the camelCase key of
    one of Tauri's kebab-case aliases."""
    alias = KEBAB_ALIASES.get(name)
    return alias if alias is not None and alias in section.known else name


def suggestion(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest known key, or ``""``."""
    import difflib  # here: only a config error needs it, and it costs every start 6-9 ms

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def is_v1(data: Mapping[str, Any]) -> bool:
    """Whether a config is in Tauri v1's layout (``package``/``tauri`` sections, or v1's
    ``build.distDir``/``devPath``)."""
    build = data.get("build")
    v1_build = isinstance(build, Mapping) and ("distDir" in build or "devPath" in build)
    return "tauri" in data or "package" in data or v1_build


# Checks an object's keys against a section and returns the ones to read (honoured and own);
# keys without effect are noted by the checker, unknown ones raise. A note names a key (path)
# that has no effect here.
Checker = Callable[[object, str, Section], dict[str, Any]]


@dataclass(frozen=True)
class V1Reshaped:
    """A v1 config in v2's layout, and what of v1's has no v2 place: ``dev_folder``, v1's
    ``devPath`` when it names a folder of files (served in dev mode instead of ``distDir``)."""

    data: dict[str, Any]
    dev_folder: str | None


def reshape_v1(data: object, check: Checker, note: Callable[[str], None]) -> V1Reshaped:
    """Move a v1 config's keys to where v2 has them: ``package.*`` and ``tauri.bundle.
    identifier`` to the top, ``tauri.windows``/``security`` under ``app``, ``build.distDir``/
    ``devPath`` to ``frontendDist``/``devUrl``. Keys are checked at their v1 places."""
    top = check(data, "(top level)", V1_TOP)
    package = check(top.get("package", {}), "package", V1_PACKAGE)
    tauri = check(top.get("tauri", {}), "tauri", V1_TAURI)
    build = check(top.get("build", {}), "build", V1_BUILD)
    shaped: dict[str, Any] = {
        key: package[key] for key in ("productName", "version") if key in package
    }
    bundle = check(tauri.get("bundle", {}), "tauri.bundle", V1_BUNDLE)
    if "identifier" in bundle:
        shaped["identifier"] = bundle["identifier"]
    if "icon" in bundle:
        shaped["bundle"] = {"icon": bundle["icon"]}
    app: dict[str, Any] = {}
    for key in ("windows", "security"):
        if key in tauri:
            app[key] = tauri[key]
    shaped["app"] = app
    if "plugins" in top:
        shaped["plugins"] = top["plugins"]
    new_build: dict[str, Any] = {}
    if "distDir" in build:
        new_build["frontendDist"] = build["distDir"]
    dev_folder = None
    dev_path = build.get("devPath")
    if isinstance(dev_path, str) and dev_path.startswith(("http://", "https://")):
        new_build["devUrl"] = dev_path
    elif isinstance(dev_path, str):
        dev_folder = dev_path
    elif dev_path is not None:
        note("build.devPath")  # a list of files to embed: dev mode serves distDir's instead
    for hook in HOOK_KEYS:  # the same keys and forms as v2's (v1 has the string)
        if hook in build:
            new_build[hook] = build[hook]
    shaped["build"] = new_build
    return V1Reshaped(shaped, dev_folder)
