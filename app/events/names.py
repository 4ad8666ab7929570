"""The one place where event names and window labels are checked (spec §2)."""

from __future__ import annotations

import re
import unicodedata
from typing import TypeGuard

from ..errors import InvalidEventName, InvalidWindowLabel

# Python's \w is exactly str.isalnum() plus '_' (re docs), so this is spec §2's rule, in C.
_NAME = re.compile(r"[\w\-/:]+")
_ALLOWED = r"[\w\-/:]"
_RULE = "use one or more letters, digits, '-', '/', ':' or '_'"


# Names already found valid; emits repeat a few names, so most checks are one set lookup.
KNOWN_VALID_NAMES: set[str] = set()
_KNOWN_VALID_LIMIT = 4096


def _is_valid_name(name: object) -> TypeGuard[str]:
    if type(name) is str and name in KNOWN_VALID_NAMES:
        return True
    valid = isinstance(name, str) and _NAME.fullmatch(name) is not None
    if valid and type(name) is str and len(KNOWN_VALID_NAMES) < _KNOWN_VALID_LIMIT:
        KNOWN_VALID_NAMES.add(name)
    return valid


def _problem(kind: str, name: object) -> str:
    """Why ``name`` is refused, quoting it and naming the first character at fault (a name
    like 'é' made of 'e' and a combining accent looks valid until the accent is named)."""
    if not isinstance(name, str):
        return f"invalid {kind} {name!r}: it must be a string, not {type(name).__name__}"
    if not name:
        return f"invalid {kind} '': it is empty; {_RULE}"
    bad = next(c for c in name if not re.fullmatch(_ALLOWED, c))
    what = unicodedata.name(bad, "a control character")
    return f"invalid {kind} {name!r}: {bad!r} (U+{ord(bad):04X}, {what}) is not allowed; {_RULE}"


def check_event_name(name: object) -> str:
    """Return ``name`` if it is a valid event name, else raise ``InvalidEventName``."""
    if not _is_valid_name(name):
        raise InvalidEventName(_problem("event name", name))
    return name


def check_window_label(label: object) -> str:
    """Return ``label`` if it is a valid window label, else raise ``InvalidWindowLabel``."""
    if not _is_valid_name(label):
        raise InvalidWindowLabel(_problem("window label", label))
    return label
