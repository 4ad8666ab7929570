"""The window's controls beyond its size and place (``Window`` has them): resizable and the
title bar's buttons, size constraints, input and the cursor, the monitors, and what Tauri has
that Qt cannot do here, accepted with no effect (docs/windows.md says which)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from . import monitors
from .geometry import PhysicalPosition

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from ..config import WindowConfig
    from .window_view import WindowView

_QT_MAX_SIZE = 16_777_215  # QWIDGETSIZE_MAX


# Qt's namespace is read only when a method needs it: importing it costs a window's start.
@cache
def cursor_icons() -> dict[str, Qt.CursorShape]:
    """Tauri's CursorIcon names (v1 and v2) -> Qt's nearest shape."""
    from PySide6.QtCore import Qt

    return {
        **dict.fromkeys(
            ("default", "arrow", "contextMenu", "zoomIn", "zoomOut"), Qt.CursorShape.ArrowCursor
        ),
        **dict.fromkeys(("crosshair", "cell"), Qt.CursorShape.CrossCursor),
        "hand": Qt.CursorShape.PointingHandCursor,
        **dict.fromkeys(("move", "allScroll"), Qt.CursorShape.SizeAllCursor),
        **dict.fromkeys(("text", "verticalText"), Qt.CursorShape.IBeamCursor),
        "wait": Qt.CursorShape.WaitCursor,
        "help": Qt.CursorShape.WhatsThisCursor,
        "progress": Qt.CursorShape.BusyCursor,
        **dict.fromkeys(("notAllowed", "noDrop"), Qt.CursorShape.ForbiddenCursor),
        "alias": Qt.CursorShape.DragLinkCursor,
        "copy": Qt.CursorShape.DragCopyCursor,
        "grab": Qt.CursorShape.OpenHandCursor,
        "grabbing": Qt.CursorShape.ClosedHandCursor,
        **dict.fromkeys(
            ("eResize", "wResize", "ewResize", "colResize"), Qt.CursorShape.SizeHorCursor
        ),
        **dict.fromkeys(
            ("nResize", "sResize", "nsResize", "rowResize"), Qt.CursorShape.SizeVerCursor
        ),
        **dict.fromkeys(("neResize", "swResize", "neswResize"), Qt.CursorShape.SizeBDiagCursor),
        **dict.fromkeys(("nwResize", "seResize", "nwseResize"), Qt.CursorShape.SizeFDiagCursor),
    }


# Tauri v2's ResizeDirection -> the edges Qt's system resize starts from (names of Qt.Edge).
RESIZE_DIRECTIONS: dict[str, tuple[str, ...]] = {
    "East": ("RightEdge",),
    "North": ("TopEdge",),
    "NorthEast": ("TopEdge", "RightEdge"),
    "NorthWest": ("TopEdge", "LeftEdge"),
    "South": ("BottomEdge",),
    "SouthEast": ("BottomEdge", "RightEdge"),
    "SouthWest": ("BottomEdge", "LeftEdge"),
    "West": ("LeftEdge",),
}
PROGRESS_STATUSES = frozenset({"none", "normal", "indeterminate", "paused", "error"})
_BUTTONS = ("WindowMaximizeButtonHint", "WindowMinimizeButtonHint", "WindowCloseButtonHint")

# Where the window asks for attention (a seam: tests see the call; offscreen Qt shows nothing).
_alert = QApplication.alert


def _side(value: object, ratio: float, what: str) -> int | None:
    """One side of ``set_size_constraints``: ``None``, a number (logical), or v2's
    ``{"Logical": n}`` / ``{"Physical": n}``, as logical pixels."""
    if value is None:
        return None
    unit, number = "Logical", value
    if isinstance(value, dict) and len(value) == 1:
        ((unit, number),) = value.items()
    if (
        unit in ("Logical", "Physical")
        and isinstance(number, int | float)
        and not isinstance(number, bool)
        and number >= 0
    ):
        return round(number / ratio if unit == "Physical" else number)
    raise ValueError(
        f"setSizeConstraints: {what} must be a number of pixels or null, got {value!r}"
    )


class WindowControls:
    """What ``Window`` does with its title bar's buttons, constraints, input and the cursor."""

    webview: WindowView

    def _init_controls(self, config: WindowConfig) -> None:
        self._resizable = config.resizable
        self._min: tuple[int | None, int | None] = (config.min_width, config.min_height)
        self._max: tuple[int | None, int | None] = (config.max_width, config.max_height)
        self._cursor_icon: Qt.CursorShape | None = None  # None: Qt's arrow, until set
        self._cursor_visible = True

    def _set_flags(self, flags: Qt.WindowType) -> None:
        # Qt hides a top-level widget whose window flags change: show it again if it was shown.
        if flags == self.webview.windowFlags():
            return
        visible = self.webview.isVisible()
        self.webview.setWindowFlags(flags)
        if visible:
            self.webview.show()

    def _with_flag(self, name: str, on: bool) -> None:
        from PySide6.QtCore import Qt

        flag = getattr(Qt.WindowType, name)
        flags = self.webview.windowFlags()
        self._set_flags(flags | flag if on else flags & ~flag)

    # -- resizing and its constraints ---------------------------------------------------------

    def set_resizable(self, resizable: bool) -> None:
        """Let the user resize the window, or hold it at its size (Tauri's ``setResizable``);
        the min/max constraints come back with ``True``."""
        self._resizable = resizable
        self._apply_constraints()

    def is_resizable(self) -> bool:
        return self._resizable

    def set_min_size(self, width: int | None = None, height: int | None = None) -> None:
        """The smallest page area the user may resize to, in logical pixels; none: no limit."""
        self._min = (width, height)
        self._apply_constraints()

    def set_max_size(self, width: int | None = None, height: int | None = None) -> None:
        """The largest page area the user may resize to, in logical pixels; none: no limit."""
        self._max = (width, height)
        self._apply_constraints()

    def set_size_constraints(self, constraints: object) -> None:
        """Tauri v2's ``setSizeConstraints``: ``{minWidth, minHeight, maxWidth, maxHeight}``,
        each a number of logical pixels (or v2's ``{"Logical"|"Physical": n}``) or null; the
        whole value null: no constraint."""
        if constraints is None:
            constraints = {}
        if not isinstance(constraints, dict):
            raise ValueError(f"setSizeConstraints: expected an object or null, got {constraints!r}")
        unknown = set(constraints) - {"minWidth", "minHeight", "maxWidth", "maxHeight"}
        if unknown:
            raise ValueError(f"setSizeConstraints: unknown constraint(s) {sorted(unknown)}")
        ratio = self.webview.devicePixelRatioF()
        side = {name: _side(constraints.get(name), ratio, name) for name in constraints}
        self._min = (side.get("minWidth"), side.get("minHeight"))
        self._max = (side.get("maxWidth"), side.get("maxHeight"))
        self._apply_constraints()

    def _apply_constraints(self) -> None:
        view = self.webview
        if not self._resizable:
            view.setFixedSize(view.size())
            return
        view.setMinimumSize(self._min[0] or 0, self._min[1] or 0)
        view.setMaximumSize(self._max[0] or _QT_MAX_SIZE, self._max[1] or _QT_MAX_SIZE)

    # -- the title bar's buttons ----------------------------------------------------------------

    def _button(self, name: str) -> bool:
        from PySide6.QtCore import Qt

        flags = self.webview.windowFlags()
        # Not customized: the window system's full set of buttons.
        customized = flags & Qt.WindowType.CustomizeWindowHint
        return not customized or bool(flags & getattr(Qt.WindowType, name))

    def _set_button(self, name: str, on: bool) -> None:
        from PySide6.QtCore import Qt

        hint = Qt.WindowType
        kept = {button: self._button(button) for button in _BUTTONS}
        kept[name] = on
        # Customized: a title bar with only the buttons asked for.
        flags = self.webview.windowFlags()
        flags |= hint.CustomizeWindowHint | hint.WindowTitleHint | hint.WindowSystemMenuHint
        for button, shown in kept.items():
            flag = getattr(hint, button)
            flags = flags | flag if shown else flags & ~flag
        self._set_flags(flags)

    def set_maximizable(self, maximizable: bool) -> None:
        """Show or take away the title bar's maximize button (a hint to the window manager)."""
        self._set_button("WindowMaximizeButtonHint", maximizable)

    def is_maximizable(self) -> bool:
        return self._button("WindowMaximizeButtonHint")

    def set_minimizable(self, minimizable: bool) -> None:
        """Show or take away the title bar's minimize button (a hint to the window manager)."""
        self._set_button("WindowMinimizeButtonHint", minimizable)

    def is_minimizable(self) -> bool:
        return self._button("WindowMinimizeButtonHint")

    def set_closable(self, closable: bool) -> None:
        """Show or take away the title bar's close button (a hint to the window manager)."""
        self._set_button("WindowCloseButtonHint", closable)

    def is_closable(self) -> bool:
        return self._button("WindowCloseButtonHint")

    # -- stacking, the taskbar, input -------------------------------------------------------

    def set_always_on_bottom(self, always_on_bottom: bool) -> None:
        """Keep the window below the others (Qt's ``WindowStaysOnBottomHint``)."""
        self._with_flag("WindowStaysOnBottomHint", always_on_bottom)

    def set_skip_taskbar(self, skip: bool) -> None:
        """Keep the window off the taskbar: a Qt ``Tool`` window, as the ``skipTaskbar``
        option makes it; ``False`` makes it a plain window again."""
        from PySide6.QtCore import Qt

        hint = Qt.WindowType
        flags = self.webview.windowFlags() & ~hint.WindowType_Mask
        self._set_flags(flags | (hint.Tool if skip else hint.Window))

    def skips_taskbar(self) -> bool:
        from PySide6.QtCore import Qt

        return self.webview.windowType() == Qt.WindowType.Tool

    def set_enabled(self, enabled: bool) -> None:
        """Let the window take the user's input, or not (Tauri v2's ``setEnabled``)."""
        self.webview.setEnabled(enabled)

    def is_enabled(self) -> bool:
        return self.webview.isEnabled()

    def set_ignore_cursor_events(self, ignore: bool) -> None:
        """Let mouse events go through the window to what is below it (Qt's
        ``WindowTransparentForInput``)."""
        self._with_flag("WindowTransparentForInput", ignore)

    def request_user_attention(self, kind: object) -> None:
        """Ask for the user's attention (the taskbar entry flashes or the window is marked
        urgent, as the window system does it) until the window is activated. ``kind``: Tauri's
        ``{"type": "Critical"|"Informational"}`` or ``UserAttentionType`` (1, 2); ``None``
        (Tauri: cancel the request) does nothing, as Qt cannot take an alert back."""
        if isinstance(kind, dict) and set(kind) == {"type"}:
            kind = kind["type"]
        if kind is None:
            return
        if kind not in ("Critical", "Informational", 1, 2) or isinstance(kind, bool):
            raise ValueError(
                "requestUserAttention: expected UserAttentionType.Critical or .Informational "
                f"(or null), got {kind!r}"
            )
        _alert(self.webview, 0)

    # -- the cursor --------------------------------------------------------------------------

    def set_cursor_icon(self, icon: str) -> None:
        """The cursor over the window, by Tauri's ``CursorIcon`` name; a page's CSS ``cursor``
        still wins over the parts of the page that set one."""
        shape = cursor_icons().get(icon)
        if shape is None:
            raise ValueError(f"setCursorIcon: unknown cursor icon {icon!r}")
        self._cursor_icon = shape
        self._show_cursor()

    def set_cursor_visible(self, visible: bool) -> None:
        """Hide the cursor over the window, or show it again with its icon."""
        self._cursor_visible = visible
        self._show_cursor()

    def _show_cursor(self) -> None:
        from PySide6.QtCore import Qt

        shape = self._cursor_icon or Qt.CursorShape.ArrowCursor
        if not self._cursor_visible:
            shape = Qt.CursorShape.BlankCursor
        self.webview.setCursor(shape)
        proxy = self.webview.focusProxy()  # the widget the page draws in
        if proxy is not None:
            proxy.setCursor(shape)

    def cursor_icon(self) -> Qt.CursorShape:
        """The shape ``set_cursor_icon``/``set_cursor_visible`` gave the window."""
        return self.webview.cursor().shape()

    def set_cursor_position(self, x: int, y: int) -> None:
        """Move the cursor to (``x``, ``y``) of the page area, in logical pixels."""
        at = self.webview.mapToGlobal(QPoint(x, y))
        monitors.move_cursor(at.x(), at.y())

    def cursor_position(self) -> PhysicalPosition:
        """The cursor on the desktop, in physical pixels (Tauri's ``cursorPosition``)."""
        return PhysicalPosition(*monitors.cursor_position())

    # -- dragging ------------------------------------------------------------------------------

    def start_dragging(self) -> None:
        """Let the window system move the window with the mouse, as a drag of the title bar
        does; it needs a mouse button held. ``RuntimeError`` if the window system refused."""
        handle = self.webview.windowHandle()
        if handle is None or not handle.startSystemMove():
            raise RuntimeError(
                "startDragging: the window system did not start a move (it needs a mouse "
                "button held on the window; some platforms cannot)"
            )

    def start_resize_dragging(self, direction: str) -> None:
        """As ``start_dragging``, resizing from the edge or corner ``direction`` (Tauri v2's
        ``ResizeDirection``: ``"East"``, ``"NorthWest"``, ...)."""
        from PySide6.QtCore import Qt

        names = RESIZE_DIRECTIONS.get(direction)
        if names is None:
            raise ValueError(
                f"startResizeDragging: unknown direction {direction!r} "
                f"(one of {', '.join(RESIZE_DIRECTIONS)})"
            )
        edges = Qt.Edge(0)
        for name in names:
            edges |= getattr(Qt.Edge, name)
        handle = self.webview.windowHandle()
        if handle is None or not handle.startSystemResize(edges):
            raise RuntimeError(
                "startResizeDragging: the window system did not start a resize (it needs a "
                "mouse button held on the window; some platforms cannot)"
            )

    # -- the monitors -----------------------------------------------------------------------

    def current_monitor(self) -> monitors.Monitor | None:
        """The screen the window is on, as Tauri's ``Monitor``, or ``None``."""
        screen = self.webview.screen()
        return None if screen is None else monitors.monitor(screen)

    def primary_monitor(self) -> monitors.Monitor | None:
        return monitors.primary_monitor()

    def available_monitors(self) -> list[monitors.Monitor]:
        return monitors.available_monitors()

    def monitor_from_point(self, x: float, y: float) -> monitors.Monitor | None:
        """The screen holding desktop point (``x``, ``y``), physical pixels, or ``None``."""
        return monitors.monitor_from_point(x, y)

    # -- accepted with no effect (docs/windows.md) ---------------------------------------

    def set_content_protected(self, protected: bool) -> None:
        """Tauri's ``setContentProtected``: no effect. Qt has no API to keep a window out of
        screenshots; Tauri does not do it on Linux either."""

    def set_progress_bar(self, state: object) -> None:
        """Tauri v2's ``setProgressBar`` (``{status?, progress?}``), checked; no effect: Qt
        has no taskbar progress (docs/windows.md)."""
        if state is None:
            return
        if not isinstance(state, dict) or set(state) - {"status", "progress"}:
            raise ValueError(f"setProgressBar: expected {{status?, progress?}}, got {state!r}")
        status, progress = state.get("status"), state.get("progress")
        if status is not None and status not in PROGRESS_STATUSES:
            raise ValueError(f"setProgressBar: unknown status {status!r}")
        if progress is not None and not (
            isinstance(progress, int) and not isinstance(progress, bool) and 0 <= progress <= 100
        ):
            raise ValueError(f"setProgressBar: progress must be 0 to 100, got {progress!r}")

    def set_badge_count(self, count: object) -> None:
        """Tauri v2's ``setBadgeCount`` (a count, or null to clear it), checked; no effect: Qt
        has no badge API (docs/windows.md)."""
        if count is not None and not (
            isinstance(count, int) and not isinstance(count, bool) and count >= 0
        ):
            raise ValueError(
                f"setBadgeCount: expected a count of 0 or more, or null, got {count!r}"
            )
