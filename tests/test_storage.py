"""Pages' storage (issue 15, item 1): kept on disk in the app data folder of the config's
``identifier`` across runs; off the record without one and in ``incognito`` windows; one
running instance per data folder; never the user's real folder under the pytest plugin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App, Builder, ConfigError, StorageInUse
from app.datadir import app_data_dir, check_identifier, data_home
from app.web.profiles import LOCK_FILE, WEBVIEW_FOLDER
from tests.conftest import PAGES, page_config
from tests.js import eval_js, wait_js

IDENTIFIER = "com.example.storage-test"

# -- the folder (no browser) ----------------------------------------------------------------


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG rule is Linux's")
def test_the_data_folder_follows_xdg_data_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/ada")
    monkeypatch.setenv("XDG_DATA_HOME", "/data/ada")
    assert app_data_dir("com.example.notes") == Path("/data/ada/com.example.notes")
    # Unset, empty or relative (invalid by the XDG spec): the default under HOME.
    for value in (None, "", "relative/data"):
        if value is None:
            monkeypatch.delenv("XDG_DATA_HOME")
        else:
            monkeypatch.setenv("XDG_DATA_HOME", value)
        assert data_home() == Path("/home/ada/.local/share")


@pytest.mark.parametrize("identifier", ["com.example.notes", "notes", "a-b.C9"])
def test_identifiers_in_reverse_domain_notation_are_valid(identifier: str) -> None:
    assert check_identifier(identifier) == identifier


@pytest.mark.parametrize(
    "identifier", ["", "..", "com..example", ".com", "com.", "com/example", "com_example", "é"]
)
def test_identifiers_that_are_not_one_plain_folder_name_are_refused(identifier: str) -> None:
    with pytest.raises(ValueError, match="not a valid app identifier"):
        app_data_dir(identifier)


def test_a_bad_identifier_in_a_config_names_the_key() -> None:
    from app import load_config

    config = {**page_config("main"), "identifier": "../escape"}
    with pytest.raises(ConfigError, match=r"<dict>: identifier: '\.\./escape' is not a valid"):
        load_config(config)


# -- persistence ----------------------------------------------------------------------------


def run_storage_app(tmp_path: Path, data_home: Path, url: str = "storage.html") -> str:
    """Run tests/pages/storage.html as an app of its own (``python -m app``) and return what
    the page reported: 'wrote' on a first run, 'found {...}' after one."""
    config = tmp_path / "storage.json"
    config.write_text(
        json.dumps(
            {
                "identifier": IDENTIFIER,
                "build": {"frontendDist": str(PAGES)},
                "app": {"windows": [{"label": "main", "url": url}]},
            }
        )
    )
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    # The page closes its window when done, which ends the app; --exit-after only bounds a
    # run that goes wrong.
    child = subprocess.run(
        [sys.executable, "-m", "app", "--config", str(config), "--exit-after", "60"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    reports = [line for line in child.stderr.splitlines() if "STORAGE " in line]
    assert len(reports) == 1, child.stderr
    return reports[0].split("STORAGE ", 1)[1].rsplit(" (tauri://", 1)[0]


@pytest.mark.webengine
def test_storage_survives_a_restart_of_the_app(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_storage_app(tmp_path, data) == "wrote"
    found = run_storage_app(tmp_path, data)
    assert json.loads(found.removeprefix("found ")) == {
        "local": "kept in localStorage",
        "idb": "kept in IndexedDB",
    }
    # Where Tauri keeps an app's data: the identifier's folder under XDG_DATA_HOME.
    assert (data / IDENTIFIER / WEBVIEW_FOLDER / "storage" / "IndexedDB").is_dir()
    assert not (data / IDENTIFIER / WEBVIEW_FOLDER / LOCK_FILE).exists()  # freed at exit


@pytest.mark.webengine
def test_another_identifier_does_not_see_the_storage(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_storage_app(tmp_path, data) == "wrote"
    (data / IDENTIFIER).rename(data / "com.example.other")
    assert run_storage_app(tmp_path, data) == "wrote"


def storage_config(**window: Any) -> dict[str, Any]:
    return {
        **page_config({"label": "main", "url": "storage.html?stay", **window}),
        "identifier": IDENTIFIER,
    }


def stored(qtbot: Any, app: App, label: str = "main") -> Any:
    window = app.window(label)
    wait_js(qtbot, window, "window.storageDone === true")
    return eval_js(qtbot, window, "localStorage.getItem('note')")


@pytest.mark.webengine
def test_incognito_windows_keep_nothing_and_see_nothing(qtbot: Any, tmp_path: Path) -> None:
    builder = Builder()
    first = builder.build(storage_config(), data_dir=tmp_path)
    try:
        assert stored(qtbot, first) == "kept in localStorage"  # written by the page
        secret = first.create_window("secret", url="storage.html?stay", incognito=True)
        assert stored(qtbot, first, "secret") == "kept in localStorage"
        # It started empty: it found nothing, and stored values of its own.
        found = eval_js(qtbot, secret, "window.storageFound")
        assert found == {"local": None, "idb": None}
        eval_js(qtbot, secret, "localStorage.setItem('note', 'incognito only')")
        assert stored(qtbot, first) == "kept in localStorage"  # not shared either way
    finally:
        first.close()
    again = builder.build(storage_config(), data_dir=tmp_path)
    try:
        assert stored(qtbot, again) == "kept in localStorage"
        # Asked of the page: PySide's wrapper of it is invalid after the page goes (the
        # profile itself lives on), so the app must not need that wrapper to delete it.
        assert again.window("main").page.profile().isOffTheRecord() is False
    finally:
        again.close()


@pytest.mark.webengine
def test_without_an_identifier_nothing_is_kept_on_disk(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config("main"))
    assert app.data_dir is None
    assert app.window("main").page.profile().isOffTheRecord()


# -- one instance per data folder -----------------------------------------------------------


@pytest.mark.webengine
def test_a_second_instance_gets_a_clear_error(qtbot: Any, tmp_path: Path) -> None:
    first = Builder().build(storage_config(), data_dir=tmp_path)
    try:
        with pytest.raises(StorageInUse, match=rf"process {os.getpid()} .*{tmp_path}"):
            Builder().build(storage_config(), data_dir=tmp_path)
        assert stored(qtbot, first) == "kept in localStorage"  # the first is unharmed
    finally:
        first.close()
    Builder().build(storage_config(), data_dir=tmp_path).close()  # free once closed


@pytest.mark.webengine
def test_a_second_process_says_so_in_one_line(qtbot: Any, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = Builder().build(storage_config(), data_dir=data / IDENTIFIER)
    try:
        config = tmp_path / "app.json"
        config.write_text(json.dumps(storage_config()))
        child = subprocess.run(
            [sys.executable, "-m", "app", "--config", str(config), "--exit-after", "30"],
            capture_output=True,
            text=True,
            env={**os.environ, "XDG_DATA_HOME": str(data)},
            timeout=120,
        )
    finally:
        first.close()
    assert child.returncode == 1
    assert (
        child.stderr.strip()
        .splitlines()[-1]
        .startswith(f"python -m app: error: another instance of this app (process {os.getpid()}")
    )
    assert "Traceback" not in child.stderr


_HOLD_AND_DIE = """
import os, sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
assert lock.tryLock(0)
os._exit(0)  # dies holding it, as a crashed app would
"""


@pytest.mark.webengine
def test_a_lock_left_by_a_crashed_instance_is_taken_over(qtbot: Any, tmp_path: Path) -> None:
    lock = tmp_path / WEBVIEW_FOLDER / LOCK_FILE
    lock.parent.mkdir(parents=True)
    subprocess.run([sys.executable, "-c", _HOLD_AND_DIE, str(lock)], check=True, timeout=60)
    assert lock.exists()
    app = Builder().build(storage_config(), data_dir=tmp_path)
    try:
        assert stored(qtbot, app) == "kept in localStorage"
    finally:
        app.close()


# -- the pytest plugin --------------------------------------------------------------------


@pytest.mark.webengine
def test_the_plugin_never_writes_to_the_users_data_folder(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    first = make_app(storage_config())
    assert stored(qtbot, first) == "kept in localStorage"
    second = make_app(storage_config())  # the same identifier: a folder of its own
    assert stored(qtbot, second) == "kept in localStorage"
    assert first.data_dir is not None
    assert second.data_dir is not None
    assert first.data_dir != second.data_dir
    assert (first.data_dir / WEBVIEW_FOLDER / "storage").is_dir()  # it did write, elsewhere
    assert not first.data_dir.is_relative_to(home)
    assert app_data_dir(IDENTIFIER).is_relative_to(home)  # the folder it would have used
    for built in (first, second):
        built.close()
    assert list(home.rglob("*")) == []
