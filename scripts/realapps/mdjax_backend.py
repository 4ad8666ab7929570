"""The Python side of mdjax (github.com/mihirballari/mdjax), a Tauri 2 Markdown editor.

Its Rust side has no commands of its own: it registers the dialog, fs and window-state
plugins, and its capability (``src-tauri/capabilities/default.json``) lets the fs plugin read
and write anywhere under the home folder (``fs:allow-home-read-recursive``,
``fs:allow-home-write-recursive``). This is the same app in Python; the fs scope says in
code what that capability says.

    python -m app --app mdjax_backend:builder --config <checkout>/src-tauri/tauri.conf.json
"""

from __future__ import annotations

from app import Builder
from app.plugins import dialog, fs, window_state


def builder() -> Builder:
    return (
        Builder()
        .plugin(dialog())
        # The app's own folders (session.json lives in appDataDir) and the home folder, as
        # its capability grants.
        .plugin(fs(scope=["$APPDATA", "$HOME"]))
        .plugin(window_state())
    )
