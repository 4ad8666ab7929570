"""The fs plugin (``app.plugins.fs(scope=[...])``) through the unmodified official guest
package ``@tauri-apps/plugin-fs`` 2.x: text and binary files (raw ``Uint8Array`` bodies with
the path in headers), folders, metadata; paths outside the scope, with ``..`` or through a
symlink refused; permissions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App
from app.plugins import fs
from app.plugins.official.fs_scope import OutOfScope, Scope, pattern_regex
from app.testing import AppErrors
from tests.plugin_apps import IDENTIFIER, assert_refused, outcome, plugin_app, xdg_folders

F = "plugins.fs"


def test_scope_patterns() -> None:
    assert pattern_regex("/a/**").fullmatch("/a")
    assert pattern_regex("/a/**").fullmatch("/a/b/c")
    assert not pattern_regex("/a/*").fullmatch("/a/b/c")
    assert pattern_regex("/a").fullmatch("/a/b")  # a folder: everything below it
    assert not pattern_regex("/a").fullmatch("/ab")
    scope = Scope(["/data/**"], ["/data/secret/**"])
    assert scope.allows("/data/x")
    assert not scope.allows("/data/secret/key")
    assert not scope.allows("/etc/passwd")


@pytest.mark.webengine
def test_files_and_folders_through_the_guest_package(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, tmp_path: Path
) -> None:
    root = tmp_path / "notes"
    root.mkdir()
    app = plugin_app(make_app, qtbot, compat_dist, fs(scope=[str(root)]))
    r = str(root)
    steps = [
        (f"{F}.writeTextFile('{r}/a.txt', 'héllo')", None),
        (f"{F}.readTextFile('{r}/a.txt')", "héllo"),
        (f"{F}.writeTextFile('{r}/a.txt', ' world', {{append: true}})", None),
        (f"{F}.readTextFile('{r}/a.txt')", "héllo world"),
        (f"{F}.writeFile('{r}/b.bin', new Uint8Array([0, 1, 2, 255]))", None),
        (
            f"{F}.readFile('{r}/b.bin').then((b) => [b instanceof Uint8Array, Array.from(b)])",
            [True, [0, 1, 2, 255]],
        ),
        (f"{F}.exists('{r}/b.bin')", True),
        (f"{F}.exists('{r}/nothing')", False),
        (f"{F}.mkdir('{r}/sub/deeper', {{recursive: true}})", None),
        (
            f"{F}.readDir('{r}').then((e) => e.map((x) => [x.name, x.isDirectory]))",
            [["a.txt", False], ["b.bin", False], ["sub", True]],
        ),
        (f"{F}.copyFile('{r}/b.bin', '{r}/sub/c.bin')", None),
        (f"{F}.rename('{r}/sub/c.bin', '{r}/sub/d.bin')", None),
        (
            f"{F}.stat('{r}/sub/d.bin').then((s) => [s.isFile, s.size, s.mtime instanceof Date])",
            [True, 4, True],
        ),
        (f"{F}.lstat('{r}/sub').then((s) => s.isDirectory)", True),
        (f"{F}.size('{r}/sub')", 4),
        (f"{F}.truncate('{r}/b.bin', 2)", None),
        (f"{F}.readFile('{r}/b.bin').then((b) => b.length)", 2),
        (f"{F}.remove('{r}/sub', {{recursive: true}})", None),
        (f"{F}.exists('{r}/sub')", False),
    ]
    for call, expected in steps:
        assert outcome(qtbot, app, f"await {call}") == ["ok", expected], call
    assert (root / "a.txt").read_text() == "héllo world"
    assert (root / "b.bin").read_bytes() == b"\x00\x01"


@pytest.mark.webengine
def test_a_base_dir_and_the_default_scope(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folders = xdg_folders(tmp_path, monkeypatch)
    app = plugin_app(make_app, qtbot, compat_dist, fs())  # Tauri's app folders
    data = f"{F}.BaseDirectory.AppData"
    assert outcome(qtbot, app, f"await {F}.mkdir('', {{baseDir: {data}, recursive: true}})") == [
        "ok",
        None,
    ]
    assert outcome(qtbot, app, f"await {F}.writeTextFile('x.txt', 'x', {{baseDir: {data}}})") == [
        "ok",
        None,
    ]
    assert (folders / "data" / IDENTIFIER / "x.txt").read_text() == "x"


@pytest.mark.webengine
def test_paths_outside_the_scope_are_refused(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    tmp_path: Path,
    app_errors: AppErrors,
) -> None:
    root = tmp_path / "inside"
    root.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    (root / "link.txt").symlink_to(outside)
    (root / "linked-folder").symlink_to(tmp_path)
    app = plugin_app(make_app, qtbot, compat_dist, fs(scope=[f"{root}/**"]))
    r = str(root)
    refused = {
        f"{F}.readTextFile('{tmp_path}/outside.txt')": "forbidden path",
        f"{F}.readTextFile('{r}/../outside.txt')": "without the use of `../`",
        f"{F}.readTextFile('{r}/link.txt')": "forbidden path",
        f"{F}.readTextFile('{r}/linked-folder/outside.txt')": "forbidden path",
        f"{F}.writeTextFile('{tmp_path}/new.txt', 'x')": "forbidden path",
        f"{F}.readTextFile('relative.txt')": "give an absolute path",
    }
    assert_refused(qtbot, app, refused)
    assert not (tmp_path / "new.txt").exists()
    assert len(app_errors.take(Exception)) == len(refused)


@pytest.mark.webengine
def test_fs_permissions_and_the_scope_permission(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, tmp_path: Path
) -> None:
    scope = {"identifier": "fs:scope", "allow": [{"path": f"{tmp_path}/**"}]}
    app = plugin_app(make_app, qtbot, compat_dist, fs(scope=[]), permissions=["fs:default", scope])
    (tmp_path / "r.txt").write_text("read me")
    assert outcome(qtbot, app, f"await {F}.readTextFile('{tmp_path}/r.txt')") == ["ok", "read me"]
    kind, message = outcome(qtbot, app, f"await {F}.writeTextFile('{tmp_path}/w.txt', 'w')")
    assert kind == "error"
    assert "add the permission 'fs:allow-write-text-file'" in message
    writer = plugin_app(
        make_app, qtbot, compat_dist, fs(scope=[]), permissions=["fs:write-all", scope]
    )
    assert outcome(qtbot, writer, f"await {F}.writeTextFile('{tmp_path}/w.txt', 'w')") == [
        "ok",
        None,
    ]


def test_a_base_folder_permission_allows_its_commands_in_its_folder(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    tmp_path: Path,
    app_errors: AppErrors,
) -> None:
    # Tauri's generated per-folder permissions (`fs:allow-<folder>-read-recursive`, ...), as
    # real apps' capability files name them: the commands of the set, within that folder.
    # pytest's tmp_path is below $TEMP (the system's temporary folder).
    (tmp_path / "r.txt").write_text("read me")
    reader = plugin_app(
        make_app, qtbot, compat_dist, fs(scope=[]), permissions=["fs:allow-temp-read-recursive"]
    )
    assert outcome(qtbot, reader, f"await {F}.readTextFile('{tmp_path}/r.txt')") == [
        "ok",
        "read me",
    ]
    kind, message = outcome(qtbot, reader, f"await {F}.writeTextFile('{tmp_path}/w.txt', 'w')")
    assert kind == "error"
    assert "fs:allow-write-text-file" in message
    # Not recursive: the folder's own entries only, not tmp_path, deep below it.
    shallow = plugin_app(
        make_app, qtbot, compat_dist, fs(scope=[]), permissions=["fs:allow-temp-read"]
    )
    kind, message = outcome(qtbot, shallow, f"await {F}.readTextFile('{tmp_path}/r.txt')")
    assert kind == "error"
    assert "forbidden path" in message
    assert len(app_errors.take(OutOfScope)) == 1
