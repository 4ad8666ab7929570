"""The one place where event names and window labels are checked (SPEC 2)."""

from __future__ import annotations

import re
from typing import TypeGuard

from .errors import InvalidEventName, InvalidWindowLabel

# Python's \w is exactly str.isalnum() plus '_' (re docs), so this is SPEC 2's rule, in C.
_NAME = re.compile(r"[\w\-/:]+")


def _is_valid_name(name: object) -> TypeGuard[str]:
    return isinstance(name, str) and _NAME.fullmatch(name) is not None


def _rule(kind: str, name: object) -> str:
    return f"invalid {kind} {name!r}: use one or more letters, digits, '-', '/', ':' or '_'"


def check_event_name(name: object) -> str:
    """Return ``name`` if it is a valid event name, else raise ``InvalidEventName``."""
    if not _is_valid_name(name):
        raise InvalidEventName(_rule("event name", name))
    return name


def check_window_label(label: object) -> str:
    """Return ``label`` if it is a valid window label, else raise ``InvalidWindowLabel``."""
    if not _is_valid_name(label):
        raise InvalidWindowLabel(_rule("window label", label))
    return label
