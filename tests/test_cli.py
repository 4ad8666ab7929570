"""``python -m app new`` and ``python -m app types``, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from app.__main__ import main
from app.tools.scaffold import create_app

HEADLESS = {
    "QT_QPA_PLATFORM": "offscreen",
    "QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu",
    "QTWEBENGINE_DISABLE_SANDBOX": "1",
}


def run(args: list[str], cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **HEADLESS}
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_PLUGINS", None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.webengine
def test_new_creates_an_app_whose_own_tests_pass(tmp_path: Path) -> None:
    target = tmp_path / "My Notes"
    created = run(["-m", "app", "new", str(target)], cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    files = sorted(str(p.relative_to(target)) for p in target.rglob("*") if p.is_file())
    assert files == [
        ".gitignore",
        "README.md",
        "app.json",
        "backend.py",
        "frontend/index.html",
        "frontend/main.js",
        "frontend/style.css",
        "pyproject.toml",
        "tests/test_app.py",
    ]
    config = json.loads((target / "app.json").read_text())
    assert config["productName"] == "My Notes"
    assert config["identifier"] == "com.example.my-notes"  # its pages' storage persists
    project = tomllib.loads((target / "pyproject.toml").read_text())["project"]
    assert project["name"] == "my-notes"
    # What its tests need, installable with pip install -e ".[test]": pytest 8 or later (the
    # plugin's hook wrapper), pytest-qt, both allowing the versions this project tests with.
    test_extra = {
        r.name: r.specifier for r in map(Requirement, project["optional-dependencies"]["test"])
    }
    assert set(test_extra) == {"pytest", "pytest-qt"}
    assert not test_extra["pytest"].contains("7.4.4")
    assert test_extra["pytest"].contains("8.0")
    assert test_extra["pytest"].contains(pytest.__version__)
    assert test_extra["pytest-qt"].contains(version("pytest-qt"))
    # Its tests use the plugin alone (no conftest), in a pytest run of their own.
    tested = run(["-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=target)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "3 passed" in tested.stdout
    # Its types command works from its folder, with its declared event.
    typed = run(["-m", "app", "types", "--app", "backend:builder"], cwd=target)
    assert typed.returncode == 0, typed.stderr
    assert "  greeted: Greeted;" in typed.stdout


def test_new_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["new", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"python -m app new: error: {tmp_path} is not empty: give a new or empty folder\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]  # nothing written
    assert main(["new", str(tmp_path / "notes.txt")]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err


def test_new_into_an_empty_folder_and_names_are_escaped(tmp_path: Path) -> None:
    target = tmp_path / 'say "hi" <b>'
    target.mkdir()
    create_app(target)
    assert '"productName": "say \\"hi\\" <b>"' in (target / "app.json").read_text()
    assert (
        "<title>say &quot;hi&quot; &lt;b&gt;</title>"
        in (target / "frontend" / "index.html").read_text()
    )
    assert 'name = "say-hi-b"' in (target / "pyproject.toml").read_text()


def test_types_writes_the_demo_declarations_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["types"]) == 0
    printed = capsys.readouterr().out
    assert "export interface Commands {" in printed
    assert "  greet: {\n    args: {\n      name: string;\n    };\n    result: string;" in printed
    out = tmp_path / "sub" / "ipc.d.ts"
    assert main(["types", "--app", "tests.typed_app:builder", "--out", str(out)]) == 0
    assert '  "note-saved": Note_Result;' in out.read_text()
    # --app before the subcommand counts too.
    assert main(["--app", "tests.typed_app:builder", "types", "--out", str(out)]) == 0
    assert '  "note-saved": Note_Result;' in out.read_text()


def test_options_of_a_run_are_refused_with_a_subcommand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--dev", "--trace-events", "new", str(tmp_path / "x")]) == 2
    assert "--dev, --trace-events apply to running the app, not to 'new'" in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("tests.typed_app", "expected MODULE:NAME, e.g. backend:builder"),
        ("no_such_module:builder", "no module named 'no_such_module'"),
        ("tests.typed_app:nothing", "module 'tests.typed_app' has no 'nothing'"),
        ("tests.typed_app:ping", "expected a Builder (or a function returning one), got NoneType"),
        (
            "tests.typed_app:Note",
            "expected a Builder (or a function returning one), got class Note",
        ),
    ],
)
def test_types_reports_a_bad_app_reference_in_one_line(
    reference: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["types", "--app", reference]) == 2
    err = capsys.readouterr().err
    assert err == f"python -m app types: error: --app {reference!r}: {message}\n"


def test_running_with_a_bad_app_reference_says_so_before_starting_qt(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--app", "no_such_module:builder", "--config", "app.json"]) == 2
    assert capsys.readouterr().err == (
        "python -m app: error: --app 'no_such_module:builder': no module named 'no_such_module'\n"
    )
