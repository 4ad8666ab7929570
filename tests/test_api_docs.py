"""The API references name every public name: what ``app`` exports, the methods of ``Builder``,
``App`` and ``Window`` (each in its own section), what ``app.testing`` exports and the pytest
plugin's fixtures, and what the JS modules export and ``WebviewWindow`` offers (from the
typings)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import app
import app.testing
from app import App, Builder, Window

ROOT = Path(__file__).resolve().parent.parent
PYTHON_DOC = (ROOT / "docs" / "api-python.md").read_text("utf-8")
JS_DOC = (ROOT / "docs" / "api-js.md").read_text("utf-8")
# Public by name, internal by use: the app calls them, apps do not.
INTERNAL = {"set_known_windows"}


def section(heading: str) -> str:
    """The text of the ``## heading`` section of the Python reference, up to the next one."""
    start = PYTHON_DOC.index(f"\n## {heading}\n")
    end = PYTHON_DOC.find("\n## ", start + 1)
    return PYTHON_DOC[start : end if end != -1 else None]


def public_members(cls: type) -> list[str]:
    return [
        name
        for name, value in vars(cls).items()
        if not name.startswith("_")
        and name not in INTERNAL
        and (inspect.isfunction(value) or isinstance(value, property))
    ]


@pytest.mark.parametrize("name", app.__all__)
def test_every_export_of_app_is_in_the_python_reference(name: str) -> None:
    assert f"`{name}" in PYTHON_DOC


@pytest.mark.parametrize(
    "name", [f"{c.__name__}.{m}" for c in (Builder, App, Window) for m in public_members(c)]
)
def test_every_method_of_builder_app_and_window_is_in_its_section(name: str) -> None:
    cls, method = name.split(".")
    assert re.search(rf"`{method}[(:`]", section(cls)), (
        f"{name} is not in the {cls} section of docs/api-python.md"
    )


def plugin_fixtures() -> list[str]:
    source = (ROOT / "app" / "pytest_plugin.py").read_text("utf-8")
    return re.findall(r"^@pytest\.fixture\ndef (\w+)\(", source, re.MULTILINE)


def test_the_plugin_fixtures_are_found() -> None:
    assert {"make_app", "app_errors", "eval_js", "wait_js", "wait_event"} <= set(plugin_fixtures())


@pytest.mark.parametrize(
    "name", [*app.testing.__all__, *(f"fixture {name}" for name in plugin_fixtures())]
)
def test_every_testing_helper_and_fixture_is_in_the_python_reference(name: str) -> None:
    text = section("`app.testing` and the pytest plugin")
    assert re.search(rf"`{name.removeprefix('fixture ')}\b", text), (
        f"{name} is not in the app.testing section of docs/api-python.md"
    )


def typings_names() -> list[str]:
    names = []
    for module in ("event", "tauri", "window"):
        typings = (ROOT / "frontend" / "api" / f"{module}.d.ts").read_text("utf-8")
        names += re.findall(r"export declare (?:function|const|class|enum) (\w+)", typings)
        if module == "window":
            body = typings[
                typings.index("class WebviewWindow") : typings.index("class LogicalSize")
            ]
            names += re.findall(r"^  (?:static )?(\w+)(?:<\w+>)?\(", body, re.MULTILINE)
    return sorted(set(names) - {"constructor"})


@pytest.mark.parametrize("name", typings_names())
def test_every_js_name_is_in_the_js_reference(name: str) -> None:
    assert re.search(rf"`(?:new )?(?:WebviewWindow\.)?{name}\b", JS_DOC), name
