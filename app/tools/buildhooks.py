"""The build's hook commands, run as ``tauri build`` runs them: ``build.beforeBuildCommand``
before anything else (it typically builds the frontend into the folder the config names), and
``build.beforeBundleCommand`` once the app is frozen, before it is packed into an archive.

Each runs through the shell in the project's root (``app.beforecommands``), with Tauri's hook
variables (``TAURI_ENV_*``, v1's ``TAURI_*``) and its output shown as it comes; the build stops
with the command's exit status if it fails.
"""

from __future__ import annotations

import os
import subprocess

from ..beforecommands import BeforeCommand, hook_environment


class HookError(Exception):
    """A hook command failed or could not start (the message names it and why)."""


def run_hook(command: BeforeCommand | None, key: str, *, say: bool = True) -> None:
    """Run ``command`` (the config's ``build.<key>``) to its end; ``None`` does nothing."""
    if command is None:
        return
    if say:
        print(f"running {key} {command.script!r} in {command.cwd}", flush=True)
    try:
        done = subprocess.run(
            command.script,
            shell=True,
            cwd=command.cwd,
            env={**os.environ, **hook_environment(debug=False)},
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except OSError as error:  # the folder is missing, or no shell
        raise HookError(f"build.{key} {command.script!r} could not start: {error}") from None
    if done.returncode != 0:
        raise HookError(
            f"build.{key} {command.script!r} failed (exit status {done.returncode}) "
            f"in {command.cwd}; its output is above"
        )
