"""The app data folder: where an app keeps what outlives a run, named by its identifier.

It is the folder Tauri's ``appDataDir()`` returns (Rust's ``dirs::data_dir()`` joined with the
identifier), so an app ported from Tauri finds its files where they were:

- Linux and other Unixes: ``$XDG_DATA_HOME/<identifier>``, ``~/.local/share/<identifier>``
  when ``XDG_DATA_HOME`` is unset or not an absolute path (the XDG rule);
- macOS: ``~/Library/Application Support/<identifier>``;
- Windows: ``%APPDATA%\\<identifier>`` (the roaming folder; Qt's generic data folder there is
  the local one, which is not Tauri's, so this is computed here rather than asked of Qt).

Plain Python and no Qt: the ``path`` API uses it too.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

# Tauri's rule for `identifier` (its config schema): letters, digits, '-' and '.', in reverse
# domain notation. Dot-separated non-empty parts also keep it one plain folder name.
_IDENTIFIER = re.compile(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*")
IDENTIFIER_RULE = (
    "use letters (A-Z, a-z), digits, '-' and '.' in reverse domain notation, "
    "e.g. 'com.example.notes'"
)


def check_identifier(identifier: str) -> str:
    """Return ``identifier`` if it follows Tauri's rule, else raise ``ValueError``."""
    if not isinstance(identifier, str) or not _IDENTIFIER.fullmatch(identifier):
        raise ValueError(f"{identifier!r} is not a valid app identifier: {IDENTIFIER_RULE}")
    return identifier


def data_home() -> Path:
    """The user's data folder, the parent of every app's data folder."""
    if sys.platform == "win32":
        roaming = os.environ.get("APPDATA")
        return Path(roaming) if roaming else Path.home() / "AppData" / "Roaming"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support"
    xdg = os.environ.get("XDG_DATA_HOME", "")
    # The XDG spec: a relative path is invalid and is ignored.
    return Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"


def app_data_dir(identifier: str) -> Path:
    """The data folder of the app with this identifier (not created here)."""
    return data_home() / check_identifier(identifier)
