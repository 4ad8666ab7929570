"""Mistakes a user makes (issue 16, item 4): each is one clear line, status 2 on the command
line, the traceback only at --log-level debug; commands' mistakes are named for what they are."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App, ArgumentError, Window, command
from app.__main__ import main
from app.bridge.protocol import result_message
from app.commands.registry import CommandRegistry
from app.errors import CommandNotFound
from app.testing import AppErrors
from tests.conftest import page_config

HEADLESS = {
    "QT_QPA_PLATFORM": "offscreen",
    "QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu",
    "QTWEBENGINE_DISABLE_SANDBOX": "1",
}
ROOT = Path(__file__).resolve().parent.parent


def run_python(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **HEADLESS, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def bad_config(folder: Path) -> Path:
    (folder / "web").mkdir()
    config = folder / "app.json"
    config.write_text(
        '{"build": {"frontendDist": "web"}, "app": {"windows": [{"width": "800"}]}}',
        encoding="utf-8",
    )
    return config


# -- config and command line ----------------------------------------------------------------


def test_a_config_error_is_one_line_naming_file_and_key_with_status_2(tmp_path: Path) -> None:
    config = bad_config(tmp_path)
    result = run_python(["-m", "app", "--config", str(config)], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"python -m app: error: {config}: app.windows[0].width: expected a number, got a string"
    )
    assert "Traceback" not in result.stderr


def test_debug_logging_shows_the_traceback_of_a_config_error(tmp_path: Path) -> None:
    config = bad_config(tmp_path)
    result = run_python(["-m", "app", "--log-level", "debug", "--config", str(config)], tmp_path)
    assert result.returncode == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("python -m app: error: ")


def test_builder_run_reports_a_config_error_in_one_line(tmp_path: Path) -> None:
    config = bad_config(tmp_path)
    script = tmp_path / "backend.py"
    script.write_text(
        f"import sys\nfrom app import Builder\nsys.exit(Builder().run({str(config)!r}))\n",
        encoding="utf-8",
    )
    result = run_python([str(script)], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"backend.py: error: {config}: app.windows[0].width: expected a number, got a string\n"
    )


def test_a_missing_config_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.json"
    assert main(["--config", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"python -m app: error: {missing}: cannot read the config: No such file or directory\n"
    )


def test_help_is_plain_text_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert "``" not in text
    assert ".py" not in text  # no "see app/cli.py"
    assert "docs/" not in text  # a wheel's user has no docs folder
    assert "examples:\n  python -m app  " in text
    assert "python -m app new myapp" in text


# -- commands -------------------------------------------------------------------------------


def greet(name: str, window: Window) -> str:
    return f"Hello, {name}"


def add(left_value: int, right_value: int = 0) -> int:
    return left_value + right_value


def registry() -> CommandRegistry:
    commands = CommandRegistry((Window, App))
    for function in (greet, add):
        commands.register(function)
    return commands


def test_an_unknown_command_lists_the_registered_ones_closest_first() -> None:
    with pytest.raises(CommandNotFound) as error:
        registry().get("ad")
    assert str(error.value) == "unknown command ad; registered: add, greet"
    with pytest.raises(CommandNotFound) as error:
        registry().get("greeet")
    assert str(error.value) == "unknown command greeet; registered: greet, add"
    with pytest.raises(CommandNotFound, match="no commands are registered"):
        CommandRegistry((Window, App)).get("greet")


@pytest.mark.parametrize(
    ("command_name", "args", "message"),
    [
        (
            "greet",
            {"nme": "Ada"},
            "command 'greet': unexpected argument 'nme' (did you mean 'name'?)",
        ),
        (
            "add",
            {"leftValu": 1},
            "command 'add': unexpected argument 'leftValu' (did you mean 'leftValue'?)",
        ),
        (
            "add",
            {"leftValue": 1, "zzz": 2},
            "command 'add': unexpected argument 'zzz' (it takes 'leftValue', 'rightValue')",
        ),
        ("greet", {}, "command 'greet': missing argument 'name'"),
    ],
)
def test_a_misspelt_argument_is_named_before_the_one_it_left_missing(
    command_name: str, args: dict[str, Any], message: str
) -> None:
    with pytest.raises(ArgumentError) as error:
        registry().get(command_name).bind(args, {})
    assert str(error.value) == message


def test_a_bad_return_value_is_called_a_return_value() -> None:
    with pytest.raises(TypeError, match=r"^return value\['notes'\]\[0\]: a value of type set"):
        result_message(1, {"notes": [{1, 2}]})
    with pytest.raises(ValueError, match=r"^return value\[0\]: nan is not JSON"):
        result_message(1, [float("nan")])


class NoSuchNote(Exception):
    pass


@command
def find_note(title: str) -> str:
    raise NoSuchNote(f"no note called {title!r}")


@command
def broken() -> str:
    return {}.missing  # type: ignore[attr-defined,no-any-return]  # a slip, on purpose


def _nested() -> None:
    raise ValueError("deep inside")


@command
def calls_a_helper() -> None:
    _nested()


@pytest.mark.webengine
def test_an_exception_raised_on_purpose_is_one_log_line_its_traceback_at_debug(
    make_app: Callable[..., App],
    eval_js: Callable[..., Any],
    app_errors: AppErrors,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = make_app(page_config("main"), commands=(find_note, broken, calls_a_helper))
    main_window = app.window("main")
    caplog.set_level(logging.DEBUG, logger="app.commands.invoker")
    call = "api.invoke('{}', {{{}}}).catch((e) => e.name)"
    assert eval_js(main_window, call.format("find_note", "title: 'x'")) == "NoSuchNote"
    on_purpose = [r for r in caplog.records if r.name == "app.commands.invoker"]
    assert [(r.levelname, r.getMessage(), r.exc_info is not None) for r in on_purpose] == [
        ("WARNING", "command 'find_note' failed: NoSuchNote: no note called 'x'", False),
        ("DEBUG", "command 'find_note': traceback", True),
    ]
    # Slips and exceptions from deeper down keep their traceback at WARNING.
    for name, kind in (("broken", "AttributeError"), ("calls_a_helper", "ValueError")):
        caplog.clear()
        assert eval_js(main_window, call.format(name, "")) == kind
        [record] = [r for r in caplog.records if r.name == "app.commands.invoker"]
        assert (record.levelname, record.getMessage()) == (
            "WARNING",
            f"command {name!r} raised {kind}",
        )
        assert record.exc_info is not None
    # The pytest plugin still sees each of them: a test fails unless it takes them.
    assert [type(e).__name__ for e in app_errors.take(Exception)] == [
        "NoSuchNote",
        "AttributeError",
        "ValueError",
    ]


@pytest.mark.webengine
def test_a_page_sees_the_misspelt_argument(
    make_app: Callable[..., App], eval_js: Callable[..., Any], app_errors: AppErrors
) -> None:
    app = make_app(page_config("main"), commands=(greet,))
    message = eval_js(
        app.window("main"), "api.invoke('greet', {nme: 'Ada'}).catch((e) => e.message)"
    )
    assert message == "command 'greet': unexpected argument 'nme' (did you mean 'name'?)"
