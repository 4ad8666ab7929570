"""The API references name every public name: what ``app`` exports, the methods of ``App`` and
``Window``, and what the JS modules export and ``WebviewWindow`` offers (from the typings)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import app
from app import App, Window

ROOT = Path(__file__).resolve().parent.parent
PYTHON_DOC = (ROOT / "docs" / "api-python.md").read_text("utf-8")
JS_DOC = (ROOT / "docs" / "api-js.md").read_text("utf-8")
# Public by name, internal by use: the app calls them, apps do not.
INTERNAL = {"set_known_windows", "deliver"}


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
    "name", [f"{c.__name__}.{m}" for c in (App, Window) for m in public_members(c)]
)
def test_every_method_of_app_and_window_is_in_the_python_reference(name: str) -> None:
    method = name.split(".")[1]
    assert re.search(rf"`{method}[(:`]", PYTHON_DOC), f"{name} is not in docs/api-python.md"


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
