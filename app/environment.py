"""Process settings QtWebEngine needs before the ``QApplication`` exists."""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger(__name__)


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
        notes.append("no display found (DISPLAY and WAYLAND_DISPLAY unset): running offscreen")
    if env.get("QT_QPA_PLATFORM") == "offscreen":
        flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--disable-gpu" not in flags:
            env["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --disable-gpu").strip()
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "QTWEBENGINE_DISABLE_SANDBOX" not in env:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
        notes.append("running as root: Chromium's sandbox is off (QTWEBENGINE_DISABLE_SANDBOX=1)")
    return notes
