"""The core modules every app has, as in Tauri: ``app`` and ``path``, called through the
official @tauri-apps/api 2.x package (``@tauri-apps/api/app``, ``@tauri-apps/api/path``) in a
real page, and under capabilities (``core:app:*``, ``core:path:*``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths

from app import App, load_config
from app.plugins.core import BaseDirectory, path_plugin
from app.testing import AppErrors
from tests.compat_build import compat_config
from tests.conftest import PAGES
from tests.js import eval_js, wait_loaded


def path_command(name: str) -> Callable[..., Any]:
    return next(f for f in path_plugin().commands if f.__name__ == name)


def test_path_arithmetic() -> None:
    assert path_command("join")(["a", "b", "../c"]) == "a/c"
    assert path_command("join")([]) == "."
    assert path_command("normalize")("/a/./b/../c") == "/a/c"
    assert path_command("resolve")(["x"]) == os.path.join(os.getcwd(), "x")
    assert path_command("dirname")("/a/b.txt") == "/a"
    assert path_command("extname")("/a/b.tar.gz") == "gz"
    assert path_command("basename")("/a/b.txt") == "b.txt"
    assert path_command("basename")("/a/b.txt", ".txt") == "b"
    assert path_command("is_absolute")("/a") is True
    with pytest.raises(ValueError, match="extension"):
        path_command("extname")("/a/b")
    with pytest.raises(ValueError, match="parent"):
        path_command("dirname")("b")


def test_config_root_and_the_stand_ins(tmp_path: Path) -> None:
    (tmp_path / "dist").mkdir()
    config_file = tmp_path / "app.json"
    config_file.write_text('{"build": {"frontendDist": "dist"}, "identifier": "com.x.y"}')
    config = load_config(config_file)
    assert (config.identifier, config.root) == ("com.x.y", tmp_path)
    defaults = load_config({"build": {"frontendDist": str(PAGES)}})
    assert (defaults.identifier, defaults.version) == ("", "")  # app.qtauri, 0.0.0 stand in


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """XDG folders under tmp_path (QStandardPaths reads the environment on each call)."""
    for name in ("DATA", "CONFIG", "CACHE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(tmp_path / name.lower()))
    return tmp_path


def v2_app(make_app: Callable[..., App], qtbot: Any, dist: Path, **extra: Any) -> App:
    config = compat_config(dist, ("main", "v2"))
    config.update({"identifier": "com.example.notes", "productName": "Notes", "version": "2.1.0"})
    config.update(extra)
    app = make_app(config)
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    return app


@pytest.mark.webengine
def test_app_module(make_app: Callable[..., App], qtbot: Any, compat_dist: Path) -> None:
    main = v2_app(make_app, qtbot, compat_dist).window("main")
    got = eval_js(
        qtbot,
        main,
        "Promise.all([v2.app.getName(), v2.app.getVersion(), v2.app.getTauriVersion(),"
        " v2.app.getIdentifier()])",
    )
    assert got == ["Notes", "2.1.0", "2.0.0", "com.example.notes"]


@pytest.mark.webengine
def test_path_module_folders(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    folders: Path,
    app_errors: AppErrors,
) -> None:
    main = v2_app(make_app, qtbot, compat_dist).window("main")
    names = [
        "appDataDir",
        "appConfigDir",
        "appCacheDir",
        "appLocalDataDir",
        "appLogDir",
        "dataDir",
        "homeDir",
        "tempDir",
        "resourceDir",
    ]
    got = eval_js(qtbot, main, f"Promise.all([{', '.join(f'v2.path.{n}()' for n in names)}])")
    found = dict(zip(names, got, strict=True))
    identifier = "com.example.notes"
    assert found["appDataDir"] == str(folders / "data" / identifier)  # as Tauri on Linux
    assert found["appConfigDir"] == str(folders / "config" / identifier)
    assert found["appCacheDir"] == str(folders / "cache" / identifier)
    assert found["appLocalDataDir"] == str(folders / "data" / identifier)
    assert found["appLogDir"] == str(folders / "data" / identifier / "logs")
    assert found["dataDir"] == str(folders / "data")
    assert found["homeDir"] == str(Path.home())
    assert found["resourceDir"] == os.getcwd()  # a dict config: the working directory
    # Download and document folders exist only where the desktop defines them: a string.
    for name in ("downloadDir", "documentDir"):
        assert isinstance(eval_js(qtbot, main, f"v2.path.{name}()"), str)
    assert eval_js(qtbot, main, "v2.path.resolveResource('data/x.json')") == os.path.join(
        os.getcwd(), "data", "x.json"
    )
    refused = eval_js(qtbot, main, "v2.path.resolveResource('../x').catch((e) => e)")
    assert "without the use of `../`" in refused
    assert app_errors.take(ValueError)


@pytest.mark.webengine
def test_path_module_arithmetic(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    main = v2_app(make_app, qtbot, compat_dist).window("main")
    got = eval_js(
        qtbot,
        main,
        "Promise.all([v2.path.join('a', 'b', '../c'), v2.path.dirname('/a/b.txt'),"
        " v2.path.basename('/a/b.txt', '.txt'), v2.path.extname('/a/b.txt'),"
        " v2.path.normalize('/a/./b/..'), v2.path.isAbsolute('a'), v2.path.resolve('/x', 'y'),"
        " v2.path.sep(), v2.path.delimiter()])",
    )
    assert got == ["a/c", "/a", "b", "txt", "/a", False, "/x/y", "/", ":"]
    assert eval_js(qtbot, main, "v2.path.BaseDirectory.AppData") == BaseDirectory.AppData


@pytest.mark.webengine
def test_core_permissions_allow_and_refuse(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    capability = {
        "identifier": "main",
        "windows": ["main"],
        "permissions": ["core:event:default", "core:app:default"],
    }
    config = compat_config(compat_dist, ("main", "v2"))
    config["app"]["security"] = {"capabilities": [capability]}  # type: ignore[index]
    narrowed = make_app(config)
    wait_loaded(qtbot, narrowed, ready_flag="window.compatReady")
    main = narrowed.window("main")
    assert eval_js(qtbot, main, "v2.app.getIdentifier()") == "app.qtauri"
    refused = eval_js(qtbot, main, "v2.path.appDataDir().catch((e) => e)")
    assert refused == (
        "window 'main': invoke of command 'plugin:path|resolve_directory' is not allowed; add "
        "the permission 'core:path:allow-resolve-directory' to "
        "app.security.capabilities[0].permissions (capability 'main')"
    )


@pytest.mark.webengine
def test_v1_app_and_path_modules(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, folders: Path
) -> None:
    config = compat_config(compat_dist, ("main", "v1"))
    config.update({"identifier": "com.example.old", "productName": "Old", "version": "1.0.0"})
    app = make_app(config)
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    main = app.window("main")
    got = eval_js(
        qtbot,
        main,
        "Promise.all([v1.app.getName(), v1.app.getVersion(), v1.app.getTauriVersion(),"
        " v1.path.appDataDir(), v1.path.appLogDir(), v1.path.desktopDir(),"
        " v1.path.join('a', 'b'), v1.path.basename('/a/b.txt', '.txt'), v1.path.isAbsolute('/a'),"
        " v1.path.resolveResource('r.txt')])",
    )
    assert got[:3] == ["Old", "1.0.0", "2.0.0"]
    assert got[3:5] == [
        str(folders / "data" / "com.example.old"),
        str(folders / "data" / "com.example.old" / "logs"),
    ]
    desktop = QStandardPaths.StandardLocation.DesktopLocation  # v1's 6 is v2's 18
    assert got[5] == QStandardPaths.writableLocation(desktop)
    assert got[6:] == ["a/b", "b", True, os.path.join(os.getcwd(), "r.txt")]
