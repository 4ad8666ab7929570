"""Tauri's ``build.beforeDevCommand`` (v1 and v2), read from the config: a shell command that
``tauri dev`` runs before the app starts, typically the frontend's dev server.

Both of Tauri's forms: a string, or (v2) ``{"script": ..., "cwd": ..., "wait": ...}``. The
command runs in the project's root folder, as Tauri v2 runs it in the frontend's folder: the
folder that holds ``src-tauri/`` when the config is ``src-tauri/tauri.conf.json``, else the
config file's own folder; ``cwd`` is relative to that root. Running it is dev mode's job
(``app.dev.beforedev``); this module only checks and describes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

_OBJECT_KEYS = frozenset({"script", "cwd", "wait"})


@dataclass(frozen=True)
class BeforeCommand:
    """A command to run: ``script`` through the shell, in ``cwd``. ``wait``: the app starts
    once it has finished (successfully), not while it runs."""

    script: str
    cwd: Path
    wait: bool = False


class BeforeCommandError(ValueError):
    """The key's value is not one of Tauri's forms (the message names the problem)."""


def project_root(config_folder: Path) -> Path:
    """Where Tauri runs the command: the folder above ``src-tauri/``, or the config's own."""
    return config_folder.parent if config_folder.name == "src-tauri" else config_folder


def parse_before_command(value: object, config_folder: Path) -> BeforeCommand | None:
    """The command ``value`` (the key's JSON value) describes; ``None`` for an empty string
    (Tauri's way to say none). Raises ``BeforeCommandError``."""
    root = project_root(config_folder)
    if isinstance(value, str):
        return BeforeCommand(value, root) if value.strip() else None
    if not isinstance(value, Mapping):
        raise BeforeCommandError(
            f"expected a string or an object {{script, cwd, wait}}, got {type(value).__name__}"
        )
    unknown = sorted(set(value) - _OBJECT_KEYS)
    if unknown:
        raise BeforeCommandError(f"unknown key(s) {', '.join(map(repr, unknown))}")
    script, cwd, wait = value.get("script"), value.get("cwd"), value.get("wait", False)
    if not isinstance(script, str) or not script.strip():
        raise BeforeCommandError("'script' must be a non-empty string (the command to run)")
    if cwd is not None and not isinstance(cwd, str):
        raise BeforeCommandError("'cwd' must be a string (a folder)")
    if not isinstance(wait, bool):
        raise BeforeCommandError("'wait' must be true or false")
    folder = (root / cwd).resolve() if cwd else root
    return BeforeCommand(script, folder, wait)
