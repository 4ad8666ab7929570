"""Tauri's hook commands (v1 and v2), read from the config: ``build.beforeDevCommand``, a
shell command that ``tauri dev`` runs before the app starts (typically the frontend's dev
server), and ``build.beforeBuildCommand`` / ``beforeBundleCommand``, run by ``tauri build``.

Both of Tauri's forms: a string, or (v2) ``{"script": ..., "cwd": ...}`` (plus ``"wait"`` for
the dev command). The command runs in the project's root folder, as Tauri v2 runs it in the
frontend's folder: the folder that holds ``src-tauri/`` when the config is
``src-tauri/tauri.conf.json``, else the config file's own folder; ``cwd`` is relative to that
root. Running them is dev mode's job (``app.dev.beforedev``) and the build's
(``app.tools.buildhooks``); this module checks and describes them, and gives the environment
Tauri's CLI sets for them.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

_OBJECT_KEYS = frozenset({"script", "cwd", "wait"})
# beforeBuildCommand and beforeBundleCommand (Tauri's HookCommand) have no "wait": they always
# finish before the build goes on.
_HOOK_KEYS = frozenset({"script", "cwd"})


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


def parse_before_command(
    value: object, config_folder: Path, *, waits: bool = True
) -> BeforeCommand | None:
    """The command ``value`` (the key's JSON value) describes; ``None`` for an empty string
    (Tauri's way to say none). ``waits=False`` for the build's hooks, which have no ``wait``
    key. Raises ``BeforeCommandError``."""
    root = project_root(config_folder)
    keys = _OBJECT_KEYS if waits else _HOOK_KEYS
    if isinstance(value, str):
        return BeforeCommand(value, root) if value.strip() else None
    if not isinstance(value, Mapping):
        raise BeforeCommandError(
            f"expected a string or an object {{{', '.join(sorted(keys))}}}, "
            f"got {type(value).__name__}"
        )
    unknown = sorted(set(value) - keys)
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


def hook_environment(*, debug: bool) -> dict[str, str]:
    """The variables Tauri's CLI sets for every hook command, which frontend build configs read
    (``process.env.TAURI_ENV_DEBUG`` to skip minifying, ``TAURI_ENV_PLATFORM`` for targets):
    v2's names and v1's (``TAURI_PLATFORM``, ``TAURI_DEBUG``, ...), since a v1 project's
    scripts read those. The target is the machine that runs, as qtauri builds only for it."""
    import platform  # here: only hooks need it, and it costs every start 6 ms

    arch = platform.machine().lower() or "unknown"
    arch = {"amd64": "x86_64", "arm64": "aarch64"}.get(arch, arch)
    if sys.platform == "win32":
        system, family, triple = "windows", "windows", f"{arch}-pc-windows-msvc"
    elif sys.platform == "darwin":
        system, family, triple = "darwin", "unix", f"{arch}-apple-darwin"
    else:
        system, family = sys.platform.rstrip("0123456789"), "unix"  # "freebsd14" -> "freebsd"
        triple = f"{arch}-unknown-{system}-gnu" if system == "linux" else f"{arch}-{system}"
    values = {
        "DEBUG": "true" if debug else "false",
        "ARCH": arch,
        "PLATFORM": system,
        "PLATFORM_VERSION": platform.release(),
        "FAMILY": family,
    }
    env = {f"TAURI_ENV_{key}": value for key, value in values.items()}
    env["TAURI_ENV_TARGET_TRIPLE"] = triple
    env.update({f"TAURI_{key}": value for key, value in values.items()})  # v1's names
    env["TAURI_PLATFORM_TYPE"] = {"windows": "Windows_NT", "darwin": "Darwin"}.get(
        system, platform.system() or system
    )
    return env
