"""``python -m app new DIR``: a new app from the template in app/templates/new."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "new"
# Files that cannot be shipped under their real name (setuptools drops dotfiles from wheels).
_RENAMED = {"gitignore": ".gitignore"}


class ScaffoldError(ValueError):
    """The target cannot take a new app (not empty, or not a folder)."""


def create_app(target: Path) -> list[Path]:
    """Copy the template into ``target`` (a new or empty folder), naming the app after it;
    returns the files written."""
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise ScaffoldError(f"{target} is not empty: give a new or empty folder")
    name = target.resolve().name
    dist_name = _distribution_name(name)
    # Names the app data folder, where the pages' storage persists (docs/windows.md).
    fields = {"name": name, "dist_name": dist_name, "identifier": f"com.example.{dist_name}"}
    written = []
    for source in sorted(TEMPLATE.rglob("*")):
        relative = source.relative_to(TEMPLATE)
        if source.is_dir() or "__pycache__" in relative.parts:
            continue
        destination = target / relative.with_name(_RENAMED.get(relative.name, relative.name))
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        destination.write_text(_fill(text, fields, _escaper(source.suffix)), encoding="utf-8")
        written.append(destination)
    return written


def _fill(text: str, fields: dict[str, str], escape: Callable[[str], str]) -> str:
    for key, value in fields.items():
        text = text.replace("{{" + key + "}}", escape(value))
    return text


def _escaper(suffix: str) -> Callable[[str], str]:
    if suffix == ".json":
        return lambda value: json.dumps(value)[1:-1]
    if suffix == ".html":
        return html.escape
    if suffix in (".toml", ".py"):  # inside "..." strings and docstrings
        return lambda value: value.replace("\\", "\\\\").replace('"', '\\"')
    return lambda value: value


def _distribution_name(name: str) -> str:
    """A name pip accepts for the app's pyproject.toml."""
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()
    return cleaned or "app"
