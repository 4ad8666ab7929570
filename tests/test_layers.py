"""The package's layers (docs/design.md, "The layers"): its import graph, computed from the
source with the imports under ``TYPE_CHECKING`` and inside functions counted, has no cycle, and
no module imports one of a higher layer; and every folder of ``app/`` ships in the wheel."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "app"

# Lowest first. A module may import its own layer and those before it; a module's layer is
# that of the longest prefix listed here. Inside one layer, the graph must still be acyclic.
LAYERS: tuple[tuple[str, ...], ...] = (
    # the base: imports nothing else of the package (security is pure policy over strings)
    # (datadir: the app data folder; tauriconf: Tauri's config keys; beforecommands: Tauri's
    # build.beforeDevCommand as read from the config; configfiles: Tauri's config files found,
    # parsed and merged)
    (
        "app.errors",
        "app.paths",
        "app.environment",
        "app.security",
        "app.datadir",
        "app.tauriconf",
        "app.beforecommands",
        "app.configfiles",
    ),
    # what a user did wrong, and what the system lacks for Qt, before Qt starts
    ("app.displaycheck", "app.usererror"),
    ("app.events",),  # the event system in plain Python: no Qt
    ("app.config",),  # the app config: names and payload limits come from events
    ("app.commands",),
    ("app.bridge",),  # the hub, the page's channel object, request serving
    ("app.web",),  # windows, the scheme, navigation, the injected scripts
    ("app.app",),  # App: the one module that knows every part of a running app
    ("app.plugins", "app.desktop"),  # the desktop: single instance, tray and menus
    ("app.dev",),  # dev mode runs an App; the builder imports it, lazily
    ("app.builder",),  # builds an App, or (dev mode) supervises one
    ("app", "app.__main__", "app.pytest_plugin", "app.testing", "app.tools"),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for path in PACKAGE.rglob("*.py")
        if "templates" not in path.relative_to(PACKAGE).parts
    }


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                if f"{target}.{alias.name}" in known:  # from . import module
                    found.add(f"{target}.{alias.name}")
                elif target in known:
                    found.add(target)
    found.discard(name)
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def layer_of(module: str) -> int:
    best: tuple[int, int] | None = None  # (prefix length, layer)
    for index, names in enumerate(LAYERS):
        for prefix in names:
            if (module == prefix or module.startswith(prefix + ".")) and (
                best is None or len(prefix) > best[0]
            ):
                best = (len(prefix), index)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS")
    return best[1]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_package_has_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_no_module_imports_a_higher_layer() -> None:
    upward = sorted(
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, targets in graph().items()
        for target in targets
        if layer_of(target) > layer_of(module)
    )
    assert upward == []


def test_the_event_system_does_not_use_qt() -> None:
    qt = sorted(
        name
        for name, path in modules().items()
        if name.startswith("app.events")
        and any(
            isinstance(node, ast.Import | ast.ImportFrom)
            and any(
                (getattr(node, "module", None) or alias.name).startswith(("PySide6", "shiboken"))
                for alias in node.names
            )
            for node in ast.walk(ast.parse(path.read_text("utf-8")))
        )
    )
    assert qt == []


def test_each_subpackage_says_what_it_owns_and_may_import() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8")))
        assert doc, f"{init.relative_to(ROOT)} has no docstring"
        assert "import" in doc, f"{init.relative_to(ROOT)}: say what it may import"


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ],
)
def test_the_cycle_finder_finds_cycles(
    edges: dict[str, set[str]], expected: list[list[str]]
) -> None:
    assert cycles(edges) == expected


def test_relative_and_type_checking_imports_are_counted(tmp_path: Path) -> None:
    module = tmp_path / "app" / "web" / "window.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "from typing import TYPE_CHECKING\nfrom ..events import router\n"
        "if TYPE_CHECKING:\n    from ..app import App\n"
        "def f():\n    from . import scheme\n"
    )
    known = {"app.app", "app.events", "app.events.router", "app.web", "app.web.scheme"}
    assert imports("app.web.window", module, known) == {
        "app.app",
        "app.events.router",
        "app.web.scheme",
    }


def test_every_folder_of_the_package_ships_in_the_wheel() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = {
        ".".join(folder.relative_to(ROOT).parts)
        for folder in [PACKAGE, *PACKAGE.rglob("*")]
        if folder.is_dir()
        and folder.name != "__pycache__"
        and any(child.is_file() for child in folder.iterdir())
    }
    assert folders - set(setuptools["packages"]) == set()
