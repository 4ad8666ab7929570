"""Process settings QtWebEngine needs before the ``QApplication`` exists."""

from __future__ import annotations

import importlib
import logging
import os
import sys

log = logging.getLogger(__name__)

# Every Qt module the package imports, and the wheel that carries it (from PySide6 6.12,
# QtWebEngine left PySide6-Addons for a wheel of its own).
QT_MODULES = {
    "PySide6.QtCore": "PySide6-Essentials",
    "PySide6.QtGui": "PySide6-Essentials",
    "PySide6.QtWidgets": "PySide6-Essentials",
    "PySide6.QtNetwork": "PySide6-Essentials",
    "PySide6.QtWebChannel": "PySide6-Addons",
    "PySide6.QtWebSockets": "PySide6-Addons",
    "PySide6.QtWebEngineCore": "PySide6_WebEngine (PySide6-Addons before 6.12)",
    "PySide6.QtWebEngineWidgets": "PySide6_WebEngine (PySide6-Addons before 6.12)",
}


def require_qt_modules() -> None:
    """Import every Qt module the package uses, or raise ``ImportError`` naming the wheel to
    install: a half-installed PySide6 otherwise fails deep inside the first window."""
    for module, wheel in QT_MODULES.items():
        try:
            importlib.import_module(module)
        except ImportError as error:
            raise ImportError(
                f"{module} cannot be imported ({error}). It comes with the {wheel} wheel, "
                f"which must match PySide6's version ({_pyside_version()}): reinstall qtauri "
                "(pip install --force-reinstall qtauri, or the checkout or wheel you took it "
                "from), which requires the right wheels for this Python."
            ) from error


def _pyside_version() -> str:
    try:
        import PySide6
    except ImportError:
        return "PySide6 is not installed"
    return f"PySide6 {PySide6.__version__}"


# What a user who ran the app without a display sees: why no window, how to stop, how to look.
OFFSCREEN_NOTE = (
    "no display found (DISPLAY and WAYLAND_DISPLAY unset): running offscreen, no window will "
    "show. Stop it with Ctrl+C. To see the windows, take pictures: python -m app --screenshot "
    "shot.png --exit-after 5 (add your --app and --config)"
)


def prepare_environment(environ: dict[str, str] | None = None) -> list[str]:
    """Fill in what a bare machine lacks; returns a sentence per change, for the user to read.

    - No display (Linux, neither ``DISPLAY`` nor ``WAYLAND_DISPLAY``): the ``offscreen``
      platform, with the GPU off, so the app still runs (and can take screenshots).
    - Running as root: Chromium's sandbox refuses to start, so it is turned off.
    """
    env = os.environ if environ is None else environ
    notes = []
    headless = (
        sys.platform.startswith("linux")
        and "QT_QPA_PLATFORM" not in env
        and not env.get("DISPLAY")
        and not env.get("WAYLAND_DISPLAY")
    )
    if headless:
        env["QT_QPA_PLATFORM"] = "offscreen"
        notes.append(OFFSCREEN_NOTE)
    if env.get("QT_QPA_PLATFORM") == "offscreen":
        flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--disable-gpu" not in flags:
            env["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --disable-gpu").strip()
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "QTWEBENGINE_DISABLE_SANDBOX" not in env:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
        notes.append("running as root: Chromium's sandbox is off (QTWEBENGINE_DISABLE_SANDBOX=1)")
    return notes


REMOTE_DEBUGGING = "QTWEBENGINE_REMOTE_DEBUGGING"
DEFAULT_DEBUGGING_PORT = 9222


def enable_remote_debugging(environ: dict[str, str] | None = None) -> str:
    """Let Chromium's DevTools attach to every page (dev mode): sets ``REMOTE_DEBUGGING``, read
    once when QtWebEngine starts, so call it before the ``QApplication`` exists. Keeps a value
    already set; else uses port 9222 if it is free (bookmarks survive restarts), or a free one.
    Returns the address to open in a browser."""
    env = os.environ if environ is None else environ
    if not env.get(REMOTE_DEBUGGING):
        env[REMOTE_DEBUGGING] = f"127.0.0.1:{_free_port(DEFAULT_DEBUGGING_PORT)}"
    address = env[REMOTE_DEBUGGING]
    return f"http://{address}" if ":" in address else f"http://127.0.0.1:{address}"


def _free_port(preferred: int) -> int:
    import socket

    for port in (preferred, 0):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(probe.getsockname()[1])
    raise OSError("no free TCP port on 127.0.0.1 for the remote debugging server")
