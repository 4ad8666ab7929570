"""The window operations a page may call, in one table: the bridge serves them from it, and the
bootstrap script hands it to the pages, where the JS API (``WebviewWindow``) and both Tauri
shims (``tauri-v1.js``, ``tauri-v2.js``) are built from it. A new operation is one entry here
and a ``Window`` method (docs/windows.md, "Adding a window operation")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from ..errors import BridgeMessageError


class Takes(Enum):
    """What an operation takes from the page, and how every API shape turns it into the
    bridge's arguments (sizes and positions arrive in logical pixels, Qt's unit)."""

    NOTHING = "nothing"
    TEXT = "text"  # one string
    FLAG = "flag"  # one boolean
    SIZE = "size"  # a size, logical or physical: (width, height) in logical pixels
    POSITION = "position"  # a position, logical or physical: (x, y) in logical pixels
    # An image: a file's path, or its bytes (a typed array, or numbers); the bridge gets a path
    # or a list of numbers, which the method checks.
    ICON = "icon"
    VALUE = "value"  # one JSON value (null if none is given), which the method checks
    # A size or none (Tauri's ``null``: no constraint): (width, height) in logical pixels, or
    # no argument at all.
    OPTIONAL_SIZE = "optional-size"
    POINT = "point"  # a point of the desktop in physical pixels, as Tauri's (x, y): two numbers


class Gives(Enum):
    """What an operation answers: a JSON value, or a physical size or position, which the JS
    API hands out as a ``PhysicalSize`` / ``PhysicalPosition``."""

    VALUE = "value"
    SIZE = "size"
    POSITION = "position"


_ARGUMENT_TYPES: dict[Takes, tuple[type, ...]] = {
    Takes.NOTHING: (),
    Takes.TEXT: (str,),
    Takes.FLAG: (bool,),
    Takes.SIZE: (int, int),
    Takes.POSITION: (int, int),
    Takes.ICON: (object,),
    Takes.VALUE: (object,),
    Takes.OPTIONAL_SIZE: (int, int),
    Takes.POINT: (float, float),
}


@dataclass(frozen=True)
class WindowOperation:
    """``op``: the name pages call (a ``WebviewWindow`` method's); ``method``: the ``Window``
    method that does it. ``v1``: on ``WebviewWindow`` (ours and Tauri v1's ``manage``
    command); ``v2``: the command of Tauri v2's window plugin (``plugin:window|<v2>``), or
    ``None``."""

    op: str
    method: str
    takes: Takes = Takes.NOTHING
    gives: Gives = Gives.VALUE
    v1: bool = True
    v2: str | None = None

    def wire(self) -> dict[str, object]:
        """What the pages get of it."""
        return {
            "op": self.op,
            "takes": self.takes.value,
            "gives": self.gives.value,
            "v1": self.v1,
            "v2": self.v2,
        }


def _op(
    op: str,
    method: str,
    takes: Takes = Takes.NOTHING,
    gives: Gives = Gives.VALUE,
    *,
    v1: bool = True,
    v2: str = "",
) -> WindowOperation:
    """An entry; its v2 command is ``method``'s name unless given."""
    return WindowOperation(op, method, takes, gives, v1, v2 or method)


WINDOW_OPERATIONS: tuple[WindowOperation, ...] = (
    _op("title", "title"),
    _op("setTitle", "set_title", Takes.TEXT),
    _op("show", "show"),
    _op("hide", "hide"),
    _op("isVisible", "is_visible"),
    # v1's close (and ours) closes at once: v2 calls that destroy, and its close asks first.
    _op("close", "close", v2="destroy"),
    _op("requestClose", "request_close", v1=False, v2="close"),
    _op("setFocus", "set_focus"),
    _op("isFocused", "is_focused"),
    _op("minimize", "minimize"),
    _op("unminimize", "unminimize"),
    _op("isMinimized", "is_minimized"),
    _op("maximize", "maximize"),
    _op("unmaximize", "unmaximize"),
    _op("isMaximized", "is_maximized"),
    _op("center", "center"),
    _op("setSize", "set_size", Takes.SIZE),
    _op("innerSize", "inner_size", gives=Gives.SIZE),
    _op("outerSize", "outer_size", gives=Gives.SIZE),
    _op("setPosition", "set_position", Takes.POSITION),
    _op("outerPosition", "outer_position", gives=Gives.POSITION),
    _op("innerPosition", "inner_position", gives=Gives.POSITION),
    _op("scaleFactor", "scale_factor"),
    _op("setFullscreen", "set_fullscreen", Takes.FLAG),
    _op("isFullscreen", "is_fullscreen"),
    _op("setDecorations", "set_decorations", Takes.FLAG),
    _op("isDecorated", "is_decorated"),
    _op("setAlwaysOnTop", "set_always_on_top", Takes.FLAG),
    _op("isAlwaysOnTop", "is_always_on_top", v1=False),
    _op("setIcon", "set_icon", Takes.ICON),
    _op("theme", "theme"),
    _op("setTheme", "set_theme", Takes.VALUE),
    # Monitors and the cursor (app/web/monitors.py): v1 has the monitors in its `manage`
    # command; the cursor's position and monitorFromPoint are v2's.
    _op("currentMonitor", "current_monitor"),
    _op("primaryMonitor", "primary_monitor"),
    _op("availableMonitors", "available_monitors"),
    _op("monitorFromPoint", "monitor_from_point", Takes.POINT, v1=False),
    _op("cursorPosition", "cursor_position", gives=Gives.POSITION, v1=False),
    # The window's controls (app/web/window_controls.py).
    _op("setResizable", "set_resizable", Takes.FLAG),
    _op("isResizable", "is_resizable"),
    _op("setMaximizable", "set_maximizable", Takes.FLAG),
    _op("isMaximizable", "is_maximizable"),
    _op("setMinimizable", "set_minimizable", Takes.FLAG),
    _op("isMinimizable", "is_minimizable"),
    _op("setClosable", "set_closable", Takes.FLAG),
    _op("isClosable", "is_closable"),
    _op("setEnabled", "set_enabled", Takes.FLAG, v1=False),
    _op("isEnabled", "is_enabled", v1=False),
    _op("setMinSize", "set_min_size", Takes.OPTIONAL_SIZE),
    _op("setMaxSize", "set_max_size", Takes.OPTIONAL_SIZE),
    _op("setSizeConstraints", "set_size_constraints", Takes.VALUE, v1=False),
    _op("setAlwaysOnBottom", "set_always_on_bottom", Takes.FLAG, v1=False),
    _op("requestUserAttention", "request_user_attention", Takes.VALUE),
    _op("setSkipTaskbar", "set_skip_taskbar", Takes.FLAG),
    _op("setContentProtected", "set_content_protected", Takes.FLAG),
    _op("setIgnoreCursorEvents", "set_ignore_cursor_events", Takes.FLAG),
    _op("setCursorVisible", "set_cursor_visible", Takes.FLAG),
    _op("setCursorIcon", "set_cursor_icon", Takes.TEXT),
    _op("setCursorPosition", "set_cursor_position", Takes.POSITION),
    _op("startDragging", "start_dragging"),
    _op("startResizeDragging", "start_resize_dragging", Takes.TEXT, v1=False),
    _op("setProgressBar", "set_progress_bar", Takes.VALUE, v1=False),
    _op("setBadgeCount", "set_badge_count", Takes.VALUE, v1=False),
)
_BY_OP = {operation.op: operation for operation in WINDOW_OPERATIONS}


def wire_table() -> list[dict[str, object]]:
    """The table as the bootstrap script gives it to every page."""
    return [operation.wire() for operation in WINDOW_OPERATIONS]


def call_window_operation(
    window: object, op: str, args: object, resource: Callable[[int], object] | None = None
) -> object:
    """Run operation ``op`` of ``window`` with a page's ``args`` (decoded JSON), checked. An
    icon given as ``{"rid": n}`` (a v2 ``Image``) is the object ``resource(n)`` finds."""
    operation = _BY_OP.get(op)
    if operation is None:
        raise BridgeMessageError(f"unknown window method {op!r}")
    kinds = _ARGUMENT_TYPES[operation.takes]
    if args is None:
        args = []
    if operation.takes is Takes.OPTIONAL_SIZE and args == []:
        kinds = ()  # no size: the constraint goes
    if not isinstance(args, list) or len(args) != len(kinds):
        raise BridgeMessageError(f"{op}: expected {len(kinds)} argument(s)")
    for value, kind in zip(args, kinds, strict=True):
        # A float argument takes an int too (JSON does not tell 1 from 1.0); never a bool.
        accepted = (int, float) if kind is float else kind
        if not isinstance(value, accepted) or (kind in (int, float) and isinstance(value, bool)):
            raise TypeError(f"{op}: expected {kind.__name__} arguments, got {value!r}")
    if operation.takes is Takes.ICON:
        args = [_icon_resource(value, resource) for value in args]
    return getattr(window, operation.method)(*args)  # events it causes precede the answer


def _icon_resource(value: object, resource: Callable[[int], object] | None) -> object:
    if not (isinstance(value, dict) and list(value) == ["rid"]):
        return value
    rid = value["rid"]
    if type(rid) is not int:
        raise TypeError(f"setIcon: a resource id is a number, got {rid!r}")
    if resource is None:
        raise ValueError(f"resource id {rid} is invalid")
    return resource(rid)
