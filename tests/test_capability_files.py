"""Tauri v2's capability files (``src-tauri/capabilities/*.json|json5|toml``) are read with the
config, as Tauri reads them: all of them when the config lists no capabilities, else the ones
its strings name; one for other ``platforms`` is left out; errors name the file. Plain Python:
the capabilities' effect on pages is tested with inline capabilities (test_security_pages,
test_plugin_pages), which these become."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.config import load_config
from app.errors import ConfigError
from app.plugins import fs
from app.plugins.official.fs import folder_scopes
from app.plugins.permissions import PermissionTable, resolve_capabilities


def project(root: Path, security: dict[str, object] | None = None) -> Path:
    (root / "dist").mkdir(parents=True)
    conf = {"identifier": "com.example.caps", "build": {"frontendDist": "../dist"}}
    if security is not None:
        conf["app"] = {"security": security}
    config = root / "src-tauri" / "tauri.conf.json"
    config.parent.mkdir()
    config.write_text(json.dumps(conf), encoding="utf-8")
    (root / "src-tauri" / "capabilities").mkdir()
    return config


def capability_file(config: Path, name: str, data: object) -> None:
    path = config.parent / "capabilities" / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")


DEFAULT = {
    "$schema": "../gen/schemas/desktop-schema.json",
    "identifier": "default",
    "description": "the main window",
    "windows": ["main"],
    "permissions": ["core:default", "fs:allow-home-read-recursive"],
}


def test_every_file_is_read_when_the_config_names_none(tmp_path: Path) -> None:
    config = project(tmp_path)
    capability_file(config, "default.json", DEFAULT)
    capability_file(
        config, "mobile.json", {**DEFAULT, "identifier": "mobile", "platforms": ["iOS", "android"]}
    )
    capability_file(
        config,
        "more.toml",
        'identifier = "extra"\nwindows = ["editor-*"]\npermissions = ["core:event:default"]\n',
    )
    capability_file(
        config, "list.json5", "{capabilities: [{identifier: 'listed', windows: ['*'],},],}"
    )
    loaded = load_config(config)
    capabilities = loaded.security.capabilities
    # Sorted by file name; the mobile one is for other platforms.
    assert [c.identifier for c in capabilities] == ["default", "listed", "extra"]
    assert capabilities[0].windows == ("main",)
    assert [p.identifier for p in capabilities[0].permissions] == [
        "core:default",
        "fs:allow-home-read-recursive",
    ]
    assert capabilities[2].windows == ("editor-*",)
    assert not [key for key in loaded.ignored_keys if "capabilit" in key]


def test_the_config_chooses_files_by_identifier(tmp_path: Path) -> None:
    inline = {"identifier": "inline", "windows": ["*"], "commands": ["ping"]}
    config = project(tmp_path, {"capabilities": ["default", inline]})
    capability_file(config, "default.json", DEFAULT)
    capability_file(config, "other.json", {**DEFAULT, "identifier": "other"})
    assert [c.identifier for c in load_config(config).security.capabilities] == [
        "default",
        "inline",
    ]
    unknown = project(tmp_path / "b", {"capabilities": ["nope"]})
    capability_file(unknown, "default.json", DEFAULT)
    with pytest.raises(
        ConfigError, match=r"capabilities\[0\]: no capability 'nope' in the files of .*'default'"
    ):
        load_config(unknown)


def test_bad_files_are_named(tmp_path: Path) -> None:
    config = project(tmp_path)
    capability_file(config, "default.json", {"identifier": "x", "permissions": []})
    with pytest.raises(ConfigError, match=r"capabilities/default\.json\.windows: missing"):
        load_config(config)
    twice = project(tmp_path / "b")
    capability_file(twice, "a.json", DEFAULT)
    capability_file(twice, "b.json", DEFAULT)
    with pytest.raises(ConfigError, match="two capability files define 'default'"):
        load_config(twice)
    broken = project(tmp_path / "c")
    capability_file(broken, "a.json", "{not json")
    with pytest.raises(ConfigError, match=r"a\.json: not valid JSON"):
        load_config(broken)


def test_folder_permissions_give_commands_and_scopes(tmp_path: Path) -> None:
    config = project(tmp_path)
    permissions = ["fs:allow-home-read-recursive", "fs:allow-download-write", "fs:scope-temp"]
    capability_file(config, "default.json", {**DEFAULT, "permissions": permissions})
    (capability,) = resolve_capabilities(
        load_config(config).security.capabilities, PermissionTable([fs()])
    )
    assert capability.allows("commands", "plugin:fs|read_text_file")
    assert capability.allows("commands", "plugin:fs|write_file")  # the download folder's
    assert folder_scopes(capability) == [
        ("allow", {"path": "$HOME/**"}),
        ("allow", {"path": "$DOWNLOAD/*"}),
        ("allow", {"path": "$TEMP/*"}),
    ]
    unknown = project(tmp_path / "b")
    capability_file(unknown, "default.json", {**DEFAULT, "permissions": ["fs:allow-nowhere-read"]})
    # Named by its file, not by a key of the config it is not in.
    unknown_permission = (
        r"capabilities/default\.json\.permissions\[0\]: unknown permission 'fs:allow-nowhere-read'"
    )
    with pytest.raises(ConfigError, match=unknown_permission):
        resolve_capabilities(load_config(unknown).security.capabilities, PermissionTable([fs()]))
