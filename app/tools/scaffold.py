"""``python -m app new DIR``: a new app from the template in app/templates/new."""

from __future__ import annotations

import html
import json
import re
import shlex
from collections.abc import Callable
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "new"
# Files that cannot be shipped under their real name (setuptools drops dotfiles from wheels).
_RENAMED = {"gitignore": ".gitignore"}


class ScaffoldError(ValueError):
    """The target cannot take a new app (not empty, or not a folder)."""


def create_app(target: Path, qtauri_source: str | None = None) -> list[Path]:
    """Copy the template into ``target`` (a new or empty folder), naming the app after it;
    returns the files written. ``qtauri_source``: the wheel or checkout to install qtauri from
    (``origin.install_source()``), written into the app's README; ``None``: a package index."""
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()):
        raise ScaffoldError(f"{target} is not empty: give a new or empty folder")
    name = target.resolve().name
    dist_name = _distribution_name(name)
    fields = {
        "name": name,
        "dist_name": dist_name,
        # Names the app data folder, where the pages' storage persists (docs/windows.md).
        "identifier": f"com.example.{dist_name}",
        "install_qtauri": install_command(qtauri_source),
    }
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


def install_command(source: str | None) -> str:
    """The command that installs qtauri: from ``source`` (a wheel or a checkout), else by
    name from a package index."""
    return f"python -m pip install {shlex.quote(source or 'qtauri')}"


def next_steps(target: Path, source: str | None) -> list[str]:
    """The commands that take a new app from nothing to running and tested, in order."""
    return [
        f"cd {shlex.quote(str(target))}",
        "python3 -m venv .venv && . .venv/bin/activate",
        install_command(source),
        "python -m pip install -e '.[test]'",
        "python backend.py",
        "python -m pytest",
    ]
