"""Tauri's other config files, read as Tauri reads them (issue 15, item 2): ``tauri.conf.json5``
and ``Tauri.toml`` (v1 and v2 shapes), the platform's file merged over the main one as a JSON
Merge Patch (RFC 7396), Tauri's precedence when a folder is given, paths relative to the main
file, and errors that name the file, the key and (for syntax) the line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App, ConfigError, load_config
from app.configfiles import find_config_file, merge_patch, read_config
from tests.js import eval_js, wait_js

# A v2 config as JSON5: comments, trailing commas, unquoted keys, single quotes, a hex number.
V2_JSON5 = """// Tauri v2, as JSON5
{
  productName: 'Five',
  identifier: "com.example.five",
  build: {
    frontendDist: '../dist', /* relative to this file */
  },
  app: {
    windows: [
      {label: 'main', title: 'Five', width: 0x320, height: 600,},
    ],
  },
}
"""
V1_JSON5 = """{
  package: {productName: 'Old five', version: '1.0.0'},
  build: {distDir: '../dist', devPath: '../dist',},  // v1's names
  tauri: {
    bundle: {identifier: 'com.example.oldfive'},
    windows: [{title: 'Old five', width: 640, height: 480, fileDropEnabled: false}],
  },
}
"""
# Tauri.toml as Tauri's docs write it: kebab-case aliases where Tauri has them, camelCase
# where it has none (zoomHotkeysEnabled).
V2_TOML = """
product-name = "Toml"
identifier = "com.example.toml"

[build]
frontend-dist = "../dist"
before-dev-command = "true"

[[app.windows]]
title = "Toml"
width = 700.5
min-width = 300
always-on-top = true
zoomHotkeysEnabled = true
user-agent = "toml-agent/1.0"
"""
V1_TOML = """
[package]
productName = "Old toml"

[build]
distDir = "../dist"

[tauri.bundle]
identifier = "com.example.oldtoml"

[[tauri.windows]]
title = "Old toml"
"""
WINDOW = {"label": "main", "title": "Linux title", "width": 800, "height": 600}


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    """A Tauri project: dist/index.html and src-tauri/ with ``files``."""
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "index.html").write_text(
        "<!doctype html><title>page</title><script type=module>"
        "window.pageReady = typeof window.__TAURI__ === 'object';"
        "await window.__TAURI__.event.emit('page-loaded');</script>"
    )
    src = tmp_path / "src-tauri"
    src.mkdir()
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


# -- each format, v1 and v2 shapes --------------------------------------------------------------


def test_a_json5_config_with_comments_and_trailing_commas_loads(tmp_path: Path) -> None:
    src = _project(tmp_path, {"tauri.conf.json5": V2_JSON5})
    config = load_config(src / "tauri.conf.json5")
    assert (config.product_name, config.identifier) == ("Five", "com.example.five")
    assert config.frontend_dist == (tmp_path / "dist").resolve()  # relative to the file
    (window,) = config.windows
    assert (window.label, window.title, window.width) == ("main", "Five", 800)
    assert config.source == str((src / "tauri.conf.json5").resolve())


def test_a_v1_json5_config_loads(tmp_path: Path) -> None:
    src = _project(tmp_path, {"tauri.conf.json5": V1_JSON5})
    config = load_config(src / "tauri.conf.json5")
    assert (config.product_name, config.version, config.identifier) == (
        "Old five",
        "1.0.0",
        "com.example.oldfive",
    )
    (window,) = config.windows
    assert (window.title, window.width, window.drag_drop_enabled) == ("Old five", 640, False)


def test_a_tauri_toml_with_kebab_case_keys_loads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    src = _project(tmp_path, {"Tauri.toml": V2_TOML})
    config = load_config(src / "Tauri.toml", dev=True)
    assert (config.product_name, config.identifier) == ("Toml", "com.example.toml")
    assert config.frontend_dist == (tmp_path / "dist").resolve()
    assert config.before_dev_command is not None
    assert config.before_dev_command.script == "true"
    (window,) = config.windows
    assert (window.title, window.width, window.min_width) == ("Toml", 700, 300)
    assert window.always_on_top
    assert window.zoom_hotkeys_enabled
    assert window.user_agent == "toml-agent/1.0"


def test_a_v1_tauri_toml_loads(tmp_path: Path) -> None:
    src = _project(tmp_path, {"Tauri.toml": V1_TOML})
    config = load_config(src)  # the project's src-tauri/ folder
    assert (config.product_name, config.identifier) == ("Old toml", "com.example.oldtoml")
    assert [w.title for w in config.windows] == ["Old toml"]


def test_a_json_file_with_comments_is_read_as_json5_as_tauri_cli_does(tmp_path: Path) -> None:
    src = _project(tmp_path, {"tauri.conf.json": V2_JSON5})
    assert load_config(src / "tauri.conf.json").product_name == "Five"


# -- Tauri's precedence ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("present", "chosen"),
    [
        (["tauri.conf.json", "tauri.conf.json5", "Tauri.toml"], "tauri.conf.json"),
        (["tauri.conf.json5", "Tauri.toml"], "tauri.conf.json5"),
        (["Tauri.toml"], "Tauri.toml"),
    ],
)
def test_a_folder_means_its_main_file_in_tauris_order(
    tmp_path: Path, present: list[str], chosen: str
) -> None:
    for name in present:
        (tmp_path / name).write_text("{}")
    assert find_config_file(tmp_path) == tmp_path / chosen
    project = tmp_path / "project"
    (project / "src-tauri").mkdir(parents=True)
    for name in present:
        (project / "src-tauri" / name).write_text("{}")
    assert find_config_file(project) == project / "src-tauri" / chosen


# -- the platform's file -----------------------------------------------------------------------


def _main_v2(title: str = "Main title") -> str:
    return json.dumps(
        {
            "identifier": "com.example.plat",
            "build": {"frontendDist": "../dist"},
            "app": {"windows": [{**WINDOW, "title": title}], "security": {"csp": None}},
        }
    )


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("tauri.linux.conf.json", json.dumps({"app": {"windows": [WINDOW]}})),
        ("tauri.linux.conf.json5", "{app: {windows: [{label: 'main', title: 'Linux title'},]}}"),
        ("Tauri.linux.toml", '[[app.windows]]\nlabel = "main"\ntitle = "Linux title"\n'),
    ],
)
def test_the_platform_file_overrides_a_window_title(tmp_path: Path, name: str, text: str) -> None:
    src = _project(tmp_path, {"tauri.conf.json": _main_v2(), name: text})
    config = load_config(src, platform="linux")
    assert [w.title for w in config.windows] == ["Linux title"]
    assert config.identifier == "com.example.plat"  # the rest of the main file stays
    assert config.security.csp is None
    # Another platform's file is not read.
    assert [w.title for w in load_config(src, platform="windows").windows] == ["Main title"]


def test_only_the_running_platforms_file_is_merged(tmp_path: Path) -> None:
    files = {
        "tauri.conf.json5": _main_v2(),
        "tauri.windows.conf.json": json.dumps({"productName": "on windows"}),
        "tauri.macos.conf.json": json.dumps({"productName": "on macos"}),
        "tauri.linux.conf.json": json.dumps({"productName": "on linux"}),
        "Tauri.linux.toml": 'productName = "never: the .json comes first"',
    }
    src = _project(tmp_path, files)
    for platform in ("linux", "windows", "macos"):
        assert load_config(src, platform=platform).product_name == f"on {platform}"
    assert load_config(src).product_name == "on linux"  # the tests run on Linux


def test_a_project_json_is_not_merged_with_platform_files(tmp_path: Path) -> None:
    # Platform files belong to Tauri's own file names; app.json is this project's.
    src = _project(tmp_path, {"app.json": _main_v2(), "tauri.linux.conf.json": "{oops"})
    assert [w.title for w in load_config(src / "app.json").windows] == ["Main title"]


def test_the_merge_is_rfc_7396() -> None:
    target = {"a": {"b": 1, "c": [1, 2]}, "d": "x", "e": 1}
    patch = {"a": {"c": [3], "new": {"n": None}}, "d": None, "e": {"f": 2}}
    assert merge_patch(target, patch) == {"a": {"b": 1, "c": [3], "new": {}}, "e": {"f": 2}}
    assert target == {"a": {"b": 1, "c": [1, 2]}, "d": "x", "e": 1}  # not changed in place
    assert merge_patch({"a": 1}, [1]) == [1]


def test_the_platform_file_can_remove_a_key_with_null(tmp_path: Path) -> None:
    main = json.loads(_main_v2())
    main["productName"] = "Named"
    src = _project(
        tmp_path,
        {"tauri.conf.json": json.dumps(main), "tauri.linux.conf.json": '{"productName": null}'},
    )
    assert load_config(src, platform="linux").product_name == ""


# -- errors name the file, the key, the line ---------------------------------------------------


def test_a_json5_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    src = _project(tmp_path, {"tauri.conf.json5": "{\n  build: {\n    frontendDist: oops\n  }\n}"})
    with pytest.raises(ConfigError) as error:
        load_config(src)
    assert str(error.value).startswith(f"{(src / 'tauri.conf.json5').resolve()}: not valid JSON5:")
    assert "line 3" in str(error.value)


def test_a_toml_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    src = _project(tmp_path, {"Tauri.toml": '[build]\nfrontend-dist = "../dist"\nbad = \n'})
    with pytest.raises(ConfigError, match=r"Tauri\.toml: not valid TOML: .*line 3"):
        load_config(src)


def test_a_json_file_neither_json_nor_json5_reports_the_json_error(tmp_path: Path) -> None:
    src = _project(tmp_path, {"tauri.conf.json": '{"build": {"frontendDist": }}'})
    with pytest.raises(ConfigError, match=r"tauri\.conf\.json: not valid JSON: .*line 1 column"):
        load_config(src)


def test_a_syntax_error_in_the_platform_file_names_that_file(tmp_path: Path) -> None:
    src = _project(tmp_path, {"tauri.conf.json": _main_v2(), "Tauri.linux.toml": "[app\n"})
    with pytest.raises(ConfigError, match=r"Tauri\.linux\.toml: not valid TOML: .*line 1"):
        load_config(src, platform="linux")


def test_a_typo_in_the_platform_file_names_that_file_and_suggests(tmp_path: Path) -> None:
    patch = {"app": {"windows": [{**WINDOW, "tittle": "x"}]}}
    src = _project(
        tmp_path, {"tauri.conf.json": _main_v2(), "tauri.linux.conf.json": json.dumps(patch)}
    )
    with pytest.raises(ConfigError) as error:
        load_config(src, platform="linux")
    message = str(error.value)
    assert message.startswith(f"{(src / 'tauri.linux.conf.json').resolve()}: app.windows[0].tittle")
    assert "did you mean 'title'?" in message


def test_a_typo_in_the_main_file_names_the_main_file(tmp_path: Path) -> None:
    main = json.loads(_main_v2())
    main["build"]["frontedDist"] = "x"
    src = _project(
        tmp_path,
        {"Tauri.toml": "", "tauri.conf.json": json.dumps(main), "tauri.linux.conf.json": "{}"},
    )
    with pytest.raises(ConfigError) as error:
        load_config(src, platform="linux")
    assert str(error.value).startswith(f"{(src / 'tauri.conf.json').resolve()}: build.frontedDist")
    assert "did you mean 'frontendDist'?" in str(error.value)


def test_a_kebab_name_tauri_has_no_alias_for_is_a_typo(tmp_path: Path) -> None:
    toml = '[build]\nfrontend-dist = "../dist"\n[[app.windows]]\nzoom-hotkeys-enabled = true\n'
    src = _project(tmp_path, {"Tauri.toml": toml})
    with pytest.raises(ConfigError, match=r"zoom-hotkeys-enabled: unknown key"):
        load_config(src)


def test_a_key_given_twice_through_its_alias_is_an_error(tmp_path: Path) -> None:
    src = _project(
        tmp_path, {"Tauri.toml": '[build]\nfrontend-dist = "../dist"\nfrontendDist = "../dist"\n'}
    )
    with pytest.raises(ConfigError, match=r"build\.frontendDist: given twice"):
        load_config(src)


def test_read_config_says_which_files_it_read(tmp_path: Path) -> None:
    src = _project(tmp_path, {"tauri.conf.json": _main_v2(), "tauri.linux.conf.json": "{}"})
    raw = read_config(src, platform="linux")
    assert raw.files == (
        (src / "tauri.conf.json").resolve(),
        (src / "tauri.linux.conf.json").resolve(),
    )
    assert read_config(src, platform="macos").files == ((src / "tauri.conf.json").resolve(),)


# -- through a real app ------------------------------------------------------------------------


@pytest.mark.webengine
def test_a_json5_project_with_a_toml_platform_file_runs(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path
) -> None:
    patch = '[[app.windows]]\nlabel = "main"\ntitle = "From Tauri.linux.toml"\n'
    src = _project(tmp_path, {"tauri.conf.json5": V2_JSON5, "Tauri.linux.toml": patch})
    app = make_app(tmp_path)  # the project folder: its src-tauri/tauri.conf.json5
    main = app.window("main")
    wait_js(qtbot, main, "window.pageReady === true")
    assert eval_js(qtbot, main, "document.title") == "page"
    assert main.title() == "From Tauri.linux.toml"
    assert src.is_dir()
