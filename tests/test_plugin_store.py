"""The store plugin (``app.plugins.store()``) through the unmodified official guest package
``@tauri-apps/plugin-store`` 2.x in a real page, its files, atomic writes and permissions."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App
from app.plugins import store
from app.plugins.official.store import write_json_atomically
from app.testing import AppErrors
from tests.js import eval_js, wait_js
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
