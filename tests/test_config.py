"""spec §8's config: Tauri's shape, frozen dataclasses, errors that name the file and the key."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from app import ConfigError, WindowConfig, load_config
from app.paths import BUNDLED_CONFIG

PAGES = Path(__file__).parent / "pages"


def config_with(**app: Any) -> dict[str, Any]:
    return {"build": {"frontendDist": str(PAGES)}, "app": app}


def test_the_bundled_config_opens_main_and_second() -> None:
    config = load_config(None)
    assert [w.label for w in config.windows] == ["main", "second"]
    assert config.frontend_dist == (BUNDLED_CONFIG.parent.parent / "frontend" / "demo").resolve()
    assert config.source == str(BUNDLED_CONFIG)


def test_a_file_config_resolves_paths_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "web").mkdir()
    file = tmp_path / "app.json"
    file.write_text(
        json.dumps(
            {
                "productName": "x",
                "build": {"frontendDist": "web"},
                "app": {"windows": [{"title": "T", "width": 300, "height": 200}]},
            }
        )
    )
    config = load_config(file)
    assert config.frontend_dist == (tmp_path / "web").resolve()
    (window,) = config.windows
    assert window == WindowConfig(label="main", title="T", width=300, height=200)
    with pytest.raises(dataclasses.FrozenInstanceError):
        window.label = "other"  # type: ignore[misc]


def test_events_settings_are_read() -> None:
    config = load_config(config_with(events={"maxPayloadBytes": 1000, "readyGraceMs": 5}))
    assert (config.events.max_payload_bytes, config.events.ready_grace_ms) == (1000, 5)


@pytest.mark.parametrize(
    ("config", "key", "problem"),
    [
        ({"app": {}}, "build.frontendDist", "missing"),
        ({"build": {"frontendDist": "/no/such/dir"}}, "build.frontendDist", "is not a folder"),
        ({"build": {"frontendDist": 3}}, "build.frontendDist", "expected a string, got"),
        (config_with(windowz=[]), "app.windowz", "unknown key"),
        ({**config_with(), "tauri": {}}, "(top level)", "v1's layout (package, tauri, build"),
        (config_with(windows={}), "app.windows", "expected a list, got an object"),
        (config_with(windows=[{"label": "a b"}]), "app.windows[0].label", "invalid window label"),
        (config_with(windows=[{}, {}]), "app.windows[1].label", "duplicate window label 'main'"),
        (config_with(windows=[{"width": "800"}]), "app.windows[0].width", "expected a number"),
        (config_with(windows=[{"width": True}]), "app.windows[0].width", "got a boolean"),
        (config_with(windows=[{"visible": 1}]), "app.windows[0].visible", "expected true or"),
        (config_with(windows=[{"colour": "red"}]), "app.windows[0].colour", "unknown key"),
        (config_with(windows=[{"height": 0}]), "app.windows[0]", "must be positive"),
        (config_with(events={"maxPayloadBytes": 0}), "app.events.maxPayloadBytes", "positive"),
        (config_with(events={"readyGraceMs": -1}), "app.events.readyGraceMs", "negative"),
        ([], "(top level)", "expected an object, got a list"),
    ],
)
def test_bad_configs_name_the_source_and_the_key(config: Any, key: str, problem: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_config(config)
    assert str(error.value).startswith(f"<dict>: {key}: ")
    assert problem in str(error.value)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    file = tmp_path / "broken.json"
    file.write_text("{not json")
    with pytest.raises(ConfigError, match=r"broken\.json: not valid JSON"):
        load_config(file)
    with pytest.raises(ConfigError, match=r"missing\.json: cannot read the config"):
        load_config(tmp_path / "missing.json")
    file.write_text(json.dumps({"build": {"frontendDist": "."}, "app": {"windows": [{"x": "1"}]}}))
    with pytest.raises(ConfigError, match=r"broken\.json: app\.windows\[0\]\.x: expected a number"):
        load_config(file)


def test_new_windows_accept_tauri_s_options_with_a_warning_and_refuse_typos(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The project's own `new WebviewWindow(label, options)` and create_window: Tauri's options
    # that Qt cannot honour are accepted, each named once on the log; a typo stays an error.
    from app.config import window_config

    with caplog.at_level("WARNING", logger="app.config"):
        config = window_config("tabs", {"title": "T", "tabbingIdentifier": "a", "shadow": False})
    assert config.title == "T"
    warned = [record.getMessage() for record in caplog.records]
    assert warned == [
        "window 'tabs': options.tabbingIdentifier: Tauri's window option, accepted; it has no "
        "effect here",
        "window 'tabs': options.shadow: Tauri's window option, accepted; it has no effect here",
    ]
    with pytest.raises(
        ConfigError, match=r"options\.titel: unknown key \(did you mean 'title'\?\)"
    ):
        window_config("tabs", {"titel": "T"})
