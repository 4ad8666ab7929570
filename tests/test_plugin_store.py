"""The store plugin (``app.plugins.store()``) through the unmodified official guest package
``@tauri-apps/plugin-store`` 2.x in a real page, its files, atomic writes and permissions; and
through v1's guest, ``tauri-plugin-store-api``."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App, Builder
from app.plugins import store
from app.plugins.official.store import write_json_atomically
from app.testing import AppErrors
from tests.compat_build import compat_config
from tests.js import eval_js, wait_js, wait_loaded
from tests.plugin_apps import IDENTIFIER, outcome, plugin_app, xdg_folders

S = "plugins.store"


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return xdg_folders(tmp_path, monkeypatch)


def test_an_atomic_write_leaves_the_old_file_whole_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json"
    write_json_atomically(path, {"a": 1})

    def crash(*_args: object) -> None:
        raise OSError("the disk is gone")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk"):
        write_json_atomically(path, {"a": 2, "big": "x" * 100_000})
    assert json.loads(path.read_text()) == {"a": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json"]  # no temporary left


@pytest.mark.webengine
def test_every_store_command_through_the_guest_package(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    folders: Path,
    app_errors: AppErrors,
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, store())
    main = app.window("main")
    eval_js(
        qtbot,
        main,
        f"{S}.load('settings.json', {{defaults: {{theme: 'dark'}}, autoSave: false}})"
        ".then((s) => { window.s = s; })",
    )
    calls = [
        ("s.get('theme')", "dark"),
        ("s.set('volume', 7)", None),
        ("s.get('volume')", 7),
        ("s.get('nothing')", None),  # undefined in the page
        ("s.has('volume')", True),
        ("s.keys()", ["theme", "volume"]),
        ("s.values()", ["dark", 7]),
        ("s.entries()", [["theme", "dark"], ["volume", 7]]),
        ("s.length()", 2),
        ("s.delete('volume')", True),
        ("s.delete('volume')", False),
        ("s.set('a', {deep: [1, 2]})", None),
        ("s.save()", None),
    ]
    for call, expected in calls:
        assert outcome(qtbot, app, f"await {call}") == ["ok", expected], call
    file = folders / "data" / IDENTIFIER / "settings.json"
    assert json.loads(file.read_text()) == {"theme": "dark", "a": {"deep": [1, 2]}}
    # Another load of the same file is the same store; getStore finds it.
    assert outcome(qtbot, app, f"(await {S}.load('settings.json')).rid === s.rid") == ["ok", True]
    assert outcome(qtbot, app, f"(await {S}.getStore('settings.json')).rid === s.rid") == [
        "ok",
        True,
    ]
    assert outcome(qtbot, app, f"await {S}.getStore('other.json')") == ["ok", None]
    # reset: back to the defaults; clear: nothing; reload: the file again.
    assert outcome(qtbot, app, "(await s.reset(), await s.entries())") == [
        "ok",
        [["theme", "dark"]],
    ]
    assert outcome(qtbot, app, "(await s.clear(), await s.length())") == ["ok", 0]
    assert outcome(qtbot, app, "(await s.reload(), await s.get('a'))") == ["ok", {"deep": [1, 2]}]
    # A LazyStore loads on first use.
    lazy = f"new {S}.LazyStore('lazy.json')"
    assert outcome(qtbot, app, f"(async (l) => (await l.set('k', 1), l.get('k')))({lazy})") == [
        "ok",
        1,
    ]
    # close() drops the resource: the rid no longer works.
    assert outcome(qtbot, app, "await s.close()") == ["ok", None]
    assert outcome(qtbot, app, "await s.get('theme')") == ["error", "resource id 1 is invalid"]
    assert app_errors.take(ValueError)


@pytest.mark.webengine
def test_changes_are_events_and_are_saved_automatically(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    folders: Path,
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, store())
    main = app.window("main")
    python: list[Any] = []
    app.listen_global("store://change", lambda e: python.append(e.payload))
    eval_js(
        qtbot,
        main,
        f"{S}.load('auto.json').then(async (s) => {{ window.s = s;"
        " window.changes = []; window.volume = [];"
        " await s.onChange((k, v) => changes.push([k, v]));"
        " await s.onKeyChange('volume', (v) => volume.push(v)); })",
    )
    eval_js(
        qtbot,
        main,
        "s.set('volume', 3).then(() => s.set('other', 1)).then(() => s.delete('volume'))",
    )
    assert wait_js(qtbot, main, "changes.length === 3 && changes") == [
        ["volume", 3],
        ["other", 1],
        ["volume", None],
    ]
    assert eval_js(qtbot, main, "volume") == [3, None]
    assert [(p["key"], p["exists"]) for p in python] == [
        ("volume", True),
        ("other", True),
        ("volume", False),
    ]
    file = folders / "data" / IDENTIFIER / "auto.json"
    qtbot.waitUntil(lambda: file.exists() and json.loads(file.read_text()) == {"other": 1})


@pytest.mark.webengine
def test_a_store_outside_the_app_data_folder_is_refused(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    folders: Path,
    app_errors: AppErrors,
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, store())
    for path in ("../escape.json", "/tmp/abs.json"):
        kind, message = outcome(qtbot, app, f"await {S}.load({path!r})")
        assert kind == "error"
        assert "relative to the app data folder" in message
    assert len(app_errors.take(ValueError)) == 2


@pytest.mark.webengine
def test_store_permissions(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, folders: Path
) -> None:
    app = plugin_app(
        make_app,
        qtbot,
        compat_dist,
        store(),
        permissions=["store:allow-load", "store:allow-get"],
    )
    eval_js(qtbot, app.window("main"), f"{S}.load('p.json').then((s) => {{ window.s = s; }})")
    assert outcome(qtbot, app, "await s.get('x')") == ["ok", None]
    assert outcome(qtbot, app, "await s.set('x', 1)") == [
        "error",
        "window 'main': invoke of command 'plugin:store|set' is not allowed; add the "
        "permission 'store:allow-set' to app.security.capabilities[0].permissions "
        "(capability 'main')",
    ]
    everything = plugin_app(make_app, qtbot, compat_dist, store(), permissions=["store:default"])
    assert outcome(qtbot, everything, f"await (await {S}.load('q.json')).set('x', 1)") == [
        "ok",
        None,
    ]


@pytest.mark.webengine
def test_unsaved_changes_are_saved_when_the_app_closes(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, folders: Path
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, store())
    assert outcome(
        qtbot, app, f"await (await {S}.load('late.json', {{autoSave: false}})).set('k', 'v')"
    ) == ["ok", None]
    file = folders / "data" / IDENTIFIER / "late.json"
    assert not file.exists()
    app.close()
    assert json.loads(file.read_text()) == {"k": "v"}


def v1_store_app(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    permissions: list[str] | None = None,
) -> App:
    """tests/compat/v1.html: v1's @tauri-apps/api 1.6.0 and v1's store guest,
    ``tauri-plugin-store-api`` (npm's 0.0.0, the build of its GitHub v1 branch)."""
    config = compat_config(compat_dist, ("main", "v1"))
    config["identifier"] = IDENTIFIER
    if permissions is not None:
        capability = {"identifier": "main", "windows": ["main"], "permissions": permissions}
        config["app"]["security"] = {"capabilities": [capability]}  # type: ignore[index]
    app = make_app(config, builder=Builder().plugin(store()))
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    return app


@pytest.mark.webengine
def test_the_v1_store_guest(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, folders: Path
) -> None:
    file = folders / "data" / IDENTIFIER / ".settings.dat"
    file.parent.mkdir(parents=True)
    file.write_text(json.dumps({"kept": 1}))
    app = v1_store_app(make_app, qtbot, compat_dist)
    main = app.window("main")
    eval_js(
        qtbot,
        main,
        "(() => { window.s = new v1Store.Store('.settings.dat'); window.changes = [];"
        " return s.onChange((k, v) => changes.push([k, v])).then(() => true); })()",
    )
    steps = [
        ("s.get('kept')", 1),  # read from the file on first use
        ("s.set('theme', {dark: true})", None),
        ("s.get('theme')", {"dark": True}),
        ("s.get('missing')", None),
        ("s.has('theme')", True),
        ("s.keys()", ["kept", "theme"]),
        ("s.values()", [1, {"dark": True}]),
        ("s.entries()", [["kept", 1], ["theme", {"dark": True}]]),
        ("s.length()", 2),
        ("s.delete('kept')", True),
        ("s.delete('kept')", False),
        ("s.save()", None),
    ]
    for call, expected in steps:
        assert outcome(qtbot, app, f"await {call}") == ["ok", expected], call
    assert json.loads(file.read_text()) == {"theme": {"dark": True}}
    assert wait_js(qtbot, main, "changes.length === 2 && changes") == [
        ["theme", {"dark": True}],
        ["kept", None],
    ]
    assert outcome(qtbot, app, "await s.clear()") == ["ok", None]
    assert outcome(qtbot, app, "await s.length()") == ["ok", 0]
    assert outcome(qtbot, app, "await s.set('late', 'v')") == ["ok", None]
    app.close()  # v1 saves its stores when the app exits
    assert json.loads(file.read_text()) == {"late": "v"}


@pytest.mark.webengine
def test_v1_store_permissions(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    folders: Path,
    app_errors: AppErrors,
) -> None:
    app = v1_store_app(
        make_app, qtbot, compat_dist, ["core:default", "store:allow-get", "store:allow-set"]
    )
    new = "new v1Store.Store('p.json')"
    assert outcome(qtbot, app, f"await {new}.set('x', 1)") == ["ok", None]
    assert outcome(qtbot, app, f"await {new}.get('x')") == ["ok", 1]
    kind, message = outcome(qtbot, app, f"await {new}.save()")
    assert kind == "error"
    assert "add the permission 'store:allow-save'" in message
    kind, message = outcome(qtbot, app, "await new v1Store.Store('../out.json').get('x')")
    assert kind == "error"
    assert "without '..'" in message
    assert app_errors.take(ValueError)
