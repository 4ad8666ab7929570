"""Desktop apps with web frontends: a PySide6 shell carrying Tauri's event system.

from app import Builder

def setup(app):
    app.listen_global("clicked", lambda event: print(event.payload))
    app.emit_all("ready", {"version": 1})

Builder().setup(setup).run()
"""

from __future__ import annotations

from .environment import require_qt_modules

# A missing Qt wheel is named here, before the first import of it fails somewhere deeper.
require_qt_modules()

from .app import App
from .bridge.hub import EventHub
from .builder import Builder
from .commands.channel import Channel
from .commands.registry import command
from .commands.state import State
from .config import AppConfig, WindowConfig, load_config
from .errors import (
    AlreadyRunning,
    AppClosed,
    ArgumentError,
    BridgeMessageError,
    ChannelClosed,
    CommandNotFound,
    ConfigError,
    InvalidEventName,
    InvalidWindowLabel,
    NotAllowed,
    PayloadTooLarge,
    StateNotManaged,
    StorageInUse,
    UntrustedPage,
    WindowNotFound,
)
from .events.targets import EventTarget, TargetKind
from .events.values import Event
from .plugins import Plugin
from .web.scheme import register_scheme
from .web.window import Window

# QtWebEngine accepts new URL schemes only before its first object exists: register on import.
register_scheme()

__all__ = [
    "AlreadyRunning",
    "App",
    "AppClosed",
    "AppConfig",
    "ArgumentError",
    "BridgeMessageError",
    "Builder",
    "Channel",
    "ChannelClosed",
    "CommandNotFound",
    "ConfigError",
    "Event",
    "EventHub",
    "EventTarget",
    "InvalidEventName",
    "InvalidWindowLabel",
    "NotAllowed",
    "PayloadTooLarge",
    "Plugin",
    "State",
    "StateNotManaged",
    "StorageInUse",
    "TargetKind",
    "UntrustedPage",
    "Window",
    "WindowConfig",
    "WindowNotFound",
    "command",
    "load_config",
]
