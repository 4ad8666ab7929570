"""Real Tauri configs load as they are (issue 15, item 2): v1 and v2, ``src-tauri/`` layouts,
paths relative to the file; every key Tauri defines is honoured or accepted with a warning
naming it; any other key is an error that suggests the closest one. The key tables are
checked against the schemas Tauri publishes (tests/tauri_schemas.py)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app import App, Builder, ConfigError, load_config
from app import tauriconf as t
from app.plugins import opener
from tests.js import eval_js, wait_js
from tests.tauri_schemas import properties, schema

CONFIGS = Path(__file__).parent / "configs"
# What `npm create tauri-app` 4.7.4 generated (vanilla template, Tauri 2 and 1), as it is.
CTA_V2 = CONFIGS / "create-tauri-app-v2" / "src-tauri" / "tauri.conf.json"
CTA_V1 = CONFIGS / "create-tauri-app-v1" / "src-tauri" / "tauri.conf.json"


# -- the key tables against Tauri's schemas ------------------------------------------------


@pytest.mark.parametrize(
    ("major", "definition", "section"),
    [
        (2, None, t.TOP),
        (2, "BuildConfig", t.BUILD),
        (2, "AppConfig", t.APP),
        (2, "SecurityConfig", t.SECURITY),
        (2, "Capability", t.CAPABILITY),
        (2, "WindowConfig", t.WINDOW),
        (2, "BundleConfig", t.BUNDLE),
        (1, None, t.V1_TOP),
        (1, "PackageConfig", t.V1_PACKAGE),
        (1, "TauriConfig", t.V1_TAURI),
        (1, "BuildConfig", t.V1_BUILD),
        (1, "SecurityConfig", t.V1_SECURITY),
        (1, "WindowConfig", t.V1_WINDOW),
        (1, "BundleConfig", t.V1_BUNDLE),
    ],
)
def test_every_key_tauri_defines_is_honoured_or_without_effect(
    major: int, definition: str | None, section: t.Section
) -> None:
    tauri = properties(schema(major), definition)
    assert section.honoured | section.no_effect == tauri
    assert not section.honoured & section.no_effect
    assert not section.own & tauri  # this project's additions are not Tauri's names


# -- create-tauri-app's configs, as generated ---------------------------------------------------


def test_create_tauri_app_v2_config_loads_as_it_is(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="app.config")
    config = load_config(CTA_V2)
    assert config.frontend_dist == (CONFIGS / "create-tauri-app-v2" / "src").resolve()
    assert (config.product_name, config.version, config.identifier) == (
        "notes-v2",
        "0.1.0",
        "com.example.notes",
    )
    (window,) = config.windows
    assert (window.label, window.title, window.width, window.height) == (
        "main",
        "notes-v2",
        800,
        600,
    )
    assert config.security.csp is None
    assert config.ignored_keys == ("bundle.active", "bundle.targets")
    assert [r.getMessage() for r in caplog.records] == [
        f"{CTA_V2}: bundle.active: Tauri's key, accepted; it has no effect here",
        f"{CTA_V2}: bundle.targets: Tauri's key, accepted; it has no effect here",
    ]
    # Honoured: the app's icon files, relative to the file (the checkout has none: the app
    # says so when it starts, and runs).
    assert config.icons[0] == CTA_V2.parent / "icons" / "32x32.png"


def test_create_tauri_app_v1_config_loads_as_it_is(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="app.config")
    config = load_config(CTA_V1)
    assert config.frontend_dist == (CONFIGS / "create-tauri-app-v1" / "src").resolve()
    assert (config.product_name, config.version, config.identifier) == (
        "notes-v1",
        "0.1.0",
        "com.example.notes",
    )
    assert [(w.label, w.title, w.width) for w in config.windows] == [("main", "notes-v1", 800)]
    assert config.security.csp is None
    assert config.ignored_keys == ("tauri.allowlist", "tauri.bundle.active", "tauri.bundle.targets")
    assert len(caplog.records) == 3
    assert len(config.icons) == 5
    # v1's devPath as a folder: dev mode serves it.
    assert load_config(CTA_V1, dev=True).frontend_dist == config.frontend_dist


@pytest.mark.webengine
@pytest.mark.parametrize("config", [CTA_V2, CTA_V1.parent.parent], ids=["file", "project"])
def test_a_create_tauri_app_project_runs(
    make_app: Callable[..., App], qtbot: Any, config: Path
) -> None:
    # The file, or the project folder (its src-tauri/tauri.conf.json); the v2 template's
    # capability file names the opener plugin, which its Rust side registers.
    app = make_app(config, builder=Builder().plugin(opener()))
    main = app.window("main")
    wait_js(qtbot, main, "window.pageReady === true")
    assert eval_js(qtbot, main, "document.title") == "notes"
    assert main.title() in ("notes-v1", "notes-v2")
    assert app.data_dir is not None
    assert app.data_dir.name == "app-1"  # the plugin's folder, not the user's


def greet(name: str) -> str:
    return f"Hello, {name}! You've been greeted from Python!"


@pytest.mark.webengine
def test_the_v2_template_s_capability_file_applies_as_in_tauri(
    make_app: Callable[..., App], qtbot: Any, app_errors: Any
) -> None:
    """src-tauri/capabilities/default.json (core:default, opener:default) is read: the app's
    own command is allowed (Tauri v2 allows app commands unless the app declares a
    manifest), the plugin's default commands are, and a window operation outside
    core:window:default is refused, naming the permission to add."""
    app = make_app(CTA_V2, builder=Builder().plugin(opener()).invoke_handler(greet))
    assert [c.identifier for c in app.config.security.capabilities] == ["default"]
    main = app.window("main")
    wait_js(qtbot, main, "window.pageReady === true")
    call = "window.__TAURI__.core.invoke(%s).then((v) => ['ok', v], (e) => ['error', String(e)])"
    assert eval_js(qtbot, main, call % "'greet', {name: 'Ada'}") == [
        "ok",
        "Hello, Ada! You've been greeted from Python!",
    ]
    kind, message = eval_js(qtbot, main, call % "'plugin:window|set_title', {value: 'x'}")
    assert kind == "error"
    assert "core:window:allow-set-title" in message
    assert "capabilities/default.json" in message  # where the capability is written
    assert main.title() == "notes-v2"


# -- real-shaped configs with the keys real apps carry -------------------------------------------

V2_REAL: dict[str, Any] = {
    "$schema": "https://schema.tauri.app/config/2",
    "productName": "Clipper",
    "mainBinaryName": "clipper",
    "version": "2.3.1",
    "identifier": "com.example.clipper",
    "build": {
        "beforeDevCommand": "npm run dev",
        "devUrl": "http://localhost:1420",
        "beforeBuildCommand": "npm run build",
        "beforeBundleCommand": "npm run icons",
        "frontendDist": "dist",
    },
    "app": {
        "withGlobalTauri": False,
        "macOSPrivateApi": True,
        "trayIcon": {"iconPath": "icons/tray.png", "iconAsTemplate": True},
        "windows": [
            {
                "label": "main",
                "title": "Clipper",
                "width": 420.5,
                "height": 640.0,
                "minWidth": 320,
                "transparent": True,
                "decorations": False,
                "shadow": False,
                "alwaysOnTop": True,
                "skipTaskbar": True,
                "maximizable": False,
                "minimizable": True,
                "closable": False,
                "tabbingIdentifier": "clipper",
                "theme": "Dark",
                "incognito": False,
                "userAgent": "Clipper/2",
                "zoomHotkeysEnabled": True,
            }
        ],
        "security": {
            "csp": "default-src 'self'",
            "devCsp": "default-src 'self' http://localhost:1420",
            "assetProtocol": {"enable": True, "scope": ["$APPDATA/**"]},
            "capabilities": ["main-capability"],
        },
    },
    "bundle": {"active": True, "icon": ["icons/icon.png"]},
    "plugins": {"updater": {"pubkey": "abc"}},
}

V1_REAL: dict[str, Any] = {
    "build": {
        "beforeDevCommand": "npm run dev",
        "beforeBuildCommand": "npm run build",
        "devPath": "http://localhost:1420",
        "distDir": "dist",
        "withGlobalTauri": True,
    },
    "package": {"productName": "Clipper", "version": "1.9.0"},
    "tauri": {
        "allowlist": {"all": False, "clipboard": {"all": True}},
        "bundle": {"active": True, "identifier": "com.example.clipper", "icon": []},
        "security": {"csp": None, "dangerousRemoteDomainIpcAccess": []},
        "systemTray": {"iconPath": "icons/icon.png"},
        "updater": {"active": False},
        "windows": [
            {
                "fullscreen": False,
                "resizable": True,
                "title": "Clipper",
                "width": 800,
                "height": 600.4,
                "fileDropEnabled": False,
                "transparent": True,
            }
        ],
    },
}


def write_project(tmp_path: Path, data: dict[str, Any]) -> Path:
    (tmp_path / "dist").mkdir(parents=True)
    (tmp_path / "dist" / "index.html").write_text("<p>clipper</p>")
    file = tmp_path / "src-tauri" / "tauri.conf.json"
    file.parent.mkdir()
    # Paths are relative to the file: src-tauri/../dist.
    shaped = json.loads(json.dumps(data).replace('"dist"', '"../dist"'))
    file.write_text(json.dumps(shaped))
    # Its capability file, where Tauri v2 keeps them (tests/test_capability_files.py).
    capability = {"identifier": "main-capability", "windows": ["main"], "permissions": []}
    (file.parent / "capabilities").mkdir()
    (file.parent / "capabilities" / "main.json").write_text(json.dumps(capability))
    return file


def test_a_real_shaped_v2_config_honours_what_qt_can(tmp_path: Path) -> None:
    config = load_config(write_project(tmp_path, V2_REAL))
    assert config.frontend_dist == (tmp_path / "dist").resolve()
    assert (config.product_name, config.version, config.identifier) == (
        "Clipper",
        "2.3.1",
        "com.example.clipper",
    )
    (window,) = config.windows
    assert (window.width, window.height, window.min_width) == (420, 640, 320)
    honoured = ("transparent", "always_on_top", "skip_taskbar", "decorations", "maximizable")
    assert [getattr(window, name) for name in honoured] == [True, True, True, False, False]
    assert (window.minimizable, window.closable, window.zoom_hotkeys_enabled) == (True, False, True)
    assert (window.theme, window.user_agent) == ("dark", "Clipper/2")  # Tauri's "Dark" too
    assert config.security.csp == "default-src 'self'"
    assert load_config(write_project(tmp_path / "dev", V2_REAL), dev=True).security.csp == (
        "default-src 'self' http://localhost:1420"
    )
    assert config.plugins == {"updater": {"pubkey": "abc"}}
    # Its capability, named by identifier, from src-tauri/capabilities/.
    assert [c.identifier for c in config.security.capabilities] == ["main-capability"]
    # The build's hooks are honoured (python -m app build runs them: tests/test_build_hooks.py).
    assert config.before_build_command is not None
    assert config.before_build_command.script == "npm run build"
    assert config.before_bundle_command is not None
    assert set(config.ignored_keys) == {
        "mainBinaryName",
        "bundle.active",
        "app.macOSPrivateApi",
        "app.trayIcon",
        "app.windows[0].shadow",
        "app.windows[0].tabbingIdentifier",
        "app.security.assetProtocol",
    }


def test_a_real_shaped_v1_config_is_read_in_v1_places(tmp_path: Path) -> None:
    config = load_config(write_project(tmp_path, V1_REAL))
    assert (config.product_name, config.version, config.identifier) == (
        "Clipper",
        "1.9.0",
        "com.example.clipper",
    )
    (window,) = config.windows
    assert (window.label, window.height, window.transparent) == ("main", 600, True)
    assert window.drag_drop_enabled is False  # v1's fileDropEnabled
    assert config.dev_url is None
    assert config.before_build_command is not None
    assert load_config(write_project(tmp_path / "d", V1_REAL), dev=True).dev_url == (
        "http://localhost:1420"
    )
    assert set(config.ignored_keys) == {
        "tauri.allowlist",
        "tauri.security.dangerousRemoteDomainIpcAccess",
        "tauri.systemTray",
        "tauri.updater",
        "tauri.bundle.active",
    }


def test_v1_dev_path_as_a_list_of_files_is_accepted_without_effect(tmp_path: Path) -> None:
    data = {**V1_REAL, "build": {"distDir": "dist", "devPath": ["index.html"]}}
    config = load_config(write_project(tmp_path, data), dev=True)
    assert config.frontend_dist == (tmp_path / "dist").resolve()
    assert "build.devPath" in config.ignored_keys


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda c: c["app"]["windows"][0].update(fullscren=True),
            "app.windows[0].fullscren: unknown key (did you mean 'fullscreen'?)",
        ),
        (
            lambda c: c["app"].update(trayicon={}),
            "app.trayicon: unknown key (did you mean 'trayIcon'?)",
        ),
        (
            lambda c: c["build"].update(frontendDir="dist"),
            "build.frontendDir: unknown key (did you mean 'frontendDist'?)",
        ),
        (lambda c: c.update(identifer="x"), "identifer: unknown key (did you mean 'identifier'?)"),
        (
            lambda c: c["app"]["security"].update(cps="x"),
            "app.security.cps: unknown key (did you mean 'csp'?)",
        ),
        (lambda c: c["app"]["windows"][0].update(width="wide"), "width: expected a number"),
        (
            lambda c: c["build"].update(frontendDist=["index.html"]),
            "build.frontendDist: a list of files is not supported here",
        ),
        (
            lambda c: c["build"].update(frontendDist="https://example.com"),
            "a remote frontend is not supported",
        ),
        (lambda c: c.update(tauri={}), "v1's layout (package, tauri, build.distDir) mixed"),
    ],
)
def test_keys_tauri_does_not_define_are_errors_with_a_suggestion(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = json.loads(json.dumps(V2_REAL))
    change(data)
    with pytest.raises(ConfigError) as error:
        load_config(write_project(tmp_path, data))
    assert message in str(error.value)


def test_a_folder_without_a_config_says_so(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"no Tauri config \(tauri\.conf\.json, tauri\.conf\.json5, Tauri\.toml\)"
    ):
        load_config(tmp_path)


@pytest.mark.webengine
def test_window_options_qt_honours_reach_the_window(
    make_app: Callable[..., App], tmp_path: Path
) -> None:
    file = write_project(tmp_path, V2_REAL)
    app = make_app(file)
    view = app.window("main").webview
    flags = view.windowFlags()
    assert view.testAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
    assert app.window("main").page.backgroundColor().alpha() == 0
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    kind = Qt.WindowType.WindowType_Mask
    assert flags & kind == Qt.WindowType.Tool  # skipTaskbar
    buttons = app.create_window("buttons", maximizable=False, closable=False).webview
    flags = buttons.windowFlags()
    assert flags & Qt.WindowType.WindowMinimizeButtonHint
    assert not flags & Qt.WindowType.WindowMaximizeButtonHint
    assert not flags & Qt.WindowType.WindowCloseButtonHint
    plain = app.create_window("plain").webview.windowFlags()
    assert plain & kind == Qt.WindowType.Window
    assert not plain & Qt.WindowType.CustomizeWindowHint


def test_the_compat_doc_lists_every_key() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "tauri-compat.md").read_text(encoding="utf-8")
    sections = (t.TOP, t.BUILD, t.APP, t.SECURITY, t.CAPABILITY, t.WINDOW, t.BUNDLE, t.V1_TAURI)
    for section in sections:
        for key in section.known:
            assert f"`{key}`" in doc, key
