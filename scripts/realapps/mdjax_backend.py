"""The Python side of mdjax (github.com/mihirballari/mdjax), a Tauri 2 Markdown editor.

Its Rust side has no commands of its own: it registers the dialog, fs and window-state
plugins. Its capability file (``src-tauri/capabilities/default.json``, read with the config)
lets the fs plugin read and write anywhere under the home folder
(``fs:allow-home-read-recursive``, ``fs:allow-home-write-recursive``). This is the same app in
Python.

    python -m app --app mdjax_backend:builder --config <checkout>/src-tauri/tauri.conf.json
"""

from __future__ import annotations

from app import Builder
from app.plugins import dialog, fs, window_state


def builder() -> Builder:
    return (
        Builder()
        .plugin(dialog())
        .plugin(fs())  # the app's folders; its capability file adds the home folder
        .plugin(window_state())
    )
