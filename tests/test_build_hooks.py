"""``build.beforeBuildCommand`` and ``beforeBundleCommand`` (issue 15): read from v1 and v2
configs in both of Tauri's forms, run by ``python -m app build`` in the project's root with
Tauri's hook variables; the first runs before the config's frontend folder is looked for (it
usually makes it), a failure stops the build before PyInstaller. The whole build with both
hooks: tests/test_build.py (slow)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from app.beforecommands import BeforeCommand, hook_environment
from app.config import load_config, read_build_hooks
from app.errors import ConfigError
from app.tools.buildhooks import HookError, run_hook
from app.tools.bundle import BuildError, build


def write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_both_forms_and_both_versions_are_read(tmp_path: Path) -> None:
    (tmp_path / "dist").mkdir()
    v2 = write(
        tmp_path / "src-tauri" / "tauri.conf.json",
        {
            "build": {
                "frontendDist": "../dist",
                "beforeBuildCommand": "npm run build",
                "beforeBundleCommand": {"script": "make docs", "cwd": "docs"},
            }
        },
    )
    loaded = load_config(v2)
    # Run where Tauri runs them: the folder above src-tauri/, and cwd relative to it.
    assert loaded.before_build_command == BeforeCommand("npm run build", tmp_path)
    assert loaded.before_bundle_command == BeforeCommand("make docs", tmp_path / "docs")
    assert not {"build.beforeBuildCommand", "build.beforeBundleCommand"} & set(loaded.ignored_keys)
    assert read_build_hooks(v2) == (loaded.before_build_command, loaded.before_bundle_command)
    v1 = write(
        tmp_path / "v1" / "tauri.conf.json",
        {"build": {"distDir": "../dist", "beforeBuildCommand": "yarn build"}, "tauri": {}},
    )
    loaded_v1 = load_config(v1)
    assert loaded_v1.before_build_command == BeforeCommand("yarn build", tmp_path / "v1")
    assert loaded_v1.before_bundle_command is None
    assert "build.beforeBuildCommand" not in loaded_v1.ignored_keys


def test_bad_forms_are_named(tmp_path: Path) -> None:
    (tmp_path / "dist").mkdir()
    # "wait" belongs to beforeDevCommand only: the build always waits for its hooks.
    waits = {"frontendDist": "dist", "beforeBuildCommand": {"script": "x", "wait": True}}
    with pytest.raises(ConfigError, match=r"build\.beforeBuildCommand: unknown key\(s\) 'wait'"):
        load_config(write(tmp_path / "a.json", {"build": waits}))
    number = {"frontendDist": "dist", "beforeBundleCommand": 3}
    with pytest.raises(ConfigError, match=r"build\.beforeBundleCommand: expected a string"):
        read_build_hooks(write(tmp_path / "b.json", {"build": number}))


def test_the_hook_variables_name_this_machine() -> None:
    env = hook_environment(debug=False)
    assert env["TAURI_ENV_DEBUG"] == env["TAURI_DEBUG"] == "false"
    assert hook_environment(debug=True)["TAURI_ENV_DEBUG"] == "true"
    expected = {"linux": "linux", "darwin": "darwin", "win32": "windows"}.get(sys.platform)
    if expected:
        assert env["TAURI_ENV_PLATFORM"] == env["TAURI_PLATFORM"] == expected
    assert env["TAURI_ENV_FAMILY"] == ("windows" if sys.platform == "win32" else "unix")
    assert env["TAURI_ENV_TARGET_TRIPLE"].startswith(env["TAURI_ENV_ARCH"] + "-")


@pytest.mark.skipif(sys.platform == "win32", reason="the hook below is a POSIX shell line")
def test_a_hook_runs_in_its_folder_with_the_variables(tmp_path: Path) -> None:
    line = 'pwd > seen.txt; echo "$TAURI_ENV_PLATFORM $TAURI_ENV_DEBUG" >> seen.txt'
    run_hook(BeforeCommand(line, tmp_path), "beforeBuildCommand", say=False)
    folder, variables = (tmp_path / "seen.txt").read_text().splitlines()
    assert Path(folder).resolve() == tmp_path.resolve()
    assert variables == f"{hook_environment(debug=False)['TAURI_ENV_PLATFORM']} false"
    failed = r"build\.beforeBundleCommand 'exit 4' failed \(exit status 4\)"
    with pytest.raises(HookError, match=failed):
        run_hook(BeforeCommand("exit 4", tmp_path), "beforeBundleCommand", say=False)
    with pytest.raises(HookError, match="could not start"):
        run_hook(BeforeCommand("true", tmp_path / "missing"), "beforeBuildCommand", say=False)


@pytest.mark.skipif(sys.platform == "win32", reason="the hook below is a POSIX shell line")
def test_a_failing_before_build_command_stops_the_build_before_pyinstaller(
    tmp_path: Path,
) -> None:
    pytest.importorskip("PyInstaller", reason="the build extra (make installs it)")
    # The frontend folder does not exist yet: the hook would make it; here it fails first.
    config = write(
        tmp_path / "app.json",
        {"build": {"frontendDist": "web", "beforeBuildCommand": "echo making web; exit 3"}},
    )
    out = tmp_path / "out"
    with pytest.raises(BuildError, match=r"beforeBuildCommand .* failed \(exit status 3\)"):
        build(config, None, out, work=tmp_path / "work")
    assert not out.exists()  # PyInstaller never ran
    assert not (tmp_path / "work").exists()
