"""Which process is which in dev mode: the supervisor marks the app it runs through its
environment (a module of its own so that the app's process learns it without importing the
supervisor and its watcher)."""

from __future__ import annotations

import os
from collections.abc import Mapping

# Set in the environment of the app that the dev-mode supervisor runs.
DEV_CHILD_ENV = "QTAURI_DEV_CHILD"


def is_dev_child(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this process is the app run by the dev-mode supervisor."""
    return bool((os.environ if environ is None else environ).get(DEV_CHILD_ENV))
