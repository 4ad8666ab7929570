"""Before Qt opens a Linux display: the system libraries its ``xcb`` platform plugin needs.

Without them Qt prints "Could not load the Qt platform plugin xcb" and aborts the process
(no exception to catch). This module finds the missing ones first (``ldd`` on PySide6's
``libqxcb.so``, else a lookup of the libraries Qt 6 is known to need), and says which
packages to install, on Debian/Ubuntu and on Fedora; with ``QTAURI_OFFSCREEN_FALLBACK=1``
the app runs offscreen instead.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from pathlib import Path

FALLBACK_ENV = "QTAURI_OFFSCREEN_FALLBACK"

# soname -> (Debian/Ubuntu package, Fedora package): what the xcb plugin of Qt 6 loads.
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
}

# Debian and Fedora packages every listing should carry: those of `PACKAGES` Qt 6.5+ needs
# beyond a bare X11 system (the README lists the same).
REQUIRED_SONAMES = (
    "libxcb-cursor.so.0",
    "libxcb-icccm.so.4",
    "libxcb-keysyms.so.1",
    "libxcb-image.so.0",
    "libxcb-render-util.so.0",
    "libxkbcommon-x11.so.0",
    "libxcb-xkb.so.1",
    "libxcb-randr.so.0",
    "libxcb-shape.so.0",
    "libxcb-xinerama.so.0",
    "libX11-xcb.so.1",
    "libEGL.so.1",
    "libfontconfig.so.1",
)

FindLibrary = Callable[[str], str | None]
RunLdd = Callable[[Path], str | None]


class DisplayUnavailable(RuntimeError):
    """Qt cannot open windows on the display it is about to use; the message says what to do."""


class MissingSystemLibraries(DisplayUnavailable):
    """Qt's xcb platform plugin cannot load: the message lists the libraries and packages."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(missing_message(missing))
        self.missing = missing


def xcb_will_be_used(env: Mapping[str, str]) -> bool:
    """Whether Qt is about to use its xcb plugin (X11): asked for, or by default with an X
    display and no Wayland one."""
    if not sys.platform.startswith("linux"):
        return False
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0].split(";")[0] == "xcb"
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def xcb_plugin() -> Path | None:
    """PySide6's ``libqxcb.so``, if this PySide6 has one."""
    try:
        import PySide6
    except ImportError:
        return None
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def run_ldd(library: Path) -> str | None:
    """``ldd library``'s output, or ``None`` if there is no ``ldd`` (or it failed)."""
    import subprocess  # here: only an X11 start runs it, and it costs every start 10-20 ms

    try:
        done = subprocess.run(
            ["ldd", str(library)], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def not_found_in_ldd(output: str) -> list[str]:
    """The sonames ``ldd`` reports as ``not found``, in order, once each."""
    found = re.findall(r"^\s*(\S+)\s*=>\s*not found", output, re.MULTILINE)
    return list(dict.fromkeys(found))


def not_found_by_lookup(find: FindLibrary, sonames: Iterable[str] = REQUIRED_SONAMES) -> list[str]:
    """The sonames ``find`` (``ctypes.util.find_library``) cannot locate."""
    missing = []
    for soname in sonames:
        stem = soname.removeprefix("lib").split(".so")[0]
        if find(stem) is None:
            missing.append(soname)
    return missing


def missing_libraries(
    plugin: Path | None, ldd: RunLdd | None = None, find: FindLibrary | None = None
) -> list[str]:
    """The system libraries the xcb plugin lacks: by ``ldd`` on ``plugin`` (exact: the whole
    chain of dependencies), else by looking up the libraries Qt 6 needs."""
    output = (ldd or run_ldd)(plugin) if plugin is not None else None
    if output is not None:
        return not_found_in_ldd(output)
    if find is None:
        import ctypes.util

        find = ctypes.util.find_library
    return not_found_by_lookup(find)


def install_commands(missing: Iterable[str]) -> tuple[str, str]:
    """``sudo apt install ...`` and ``sudo dnf install ...`` for the missing sonames (the
    usual packages when a soname is not one this module knows)."""
    debian: list[str] = []
    fedora: list[str] = []
    for soname in missing:
        deb, rpm = PACKAGES.get(soname, ("", ""))
        for packages, package in ((debian, deb), (fedora, rpm)):
            if package and package not in packages:
                packages.append(package)
    if not debian:  # unknown names only: the set that covers Qt 6's plugin on a bare system
        return install_commands(REQUIRED_SONAMES)
    return f"sudo apt install {' '.join(debian)}", f"sudo dnf install {' '.join(fedora)}"


def missing_message(missing: list[str]) -> str:
    apt, dnf = install_commands(missing)
    return (
        "Qt cannot open windows on this X11 display: its xcb platform plugin needs system "
        f"libraries that are missing: {', '.join(missing)}.\n"
        f"  Debian/Ubuntu: {apt}\n"
        f"  Fedora:        {dnf}\n"
        f"Or run without windows (offscreen; --screenshot still works): {FALLBACK_ENV}=1 "
        "(or QT_QPA_PLATFORM=offscreen)."
    )


def x_server_answers(display: str, timeout: float = 2.0) -> bool:
    """Whether an X server listens at ``display`` (``:0``, ``:1.0``, ``host:0``): its
    socket (Linux's abstract one, or the file in /tmp/.X11-unix), or TCP 6000+N."""
    import socket  # here: only an X11 start probes (5-9 ms at every start otherwise)

    host, _, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not number.isdecimal():
        return True  # a form this check does not know: let Qt try
    if host in ("", "unix"):
        for address in (f"\0/tmp/.X11-unix/X{number}", f"/tmp/.X11-unix/X{number}"):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                probe.settimeout(timeout)
                try:
                    probe.connect(address)
                except OSError:
                    continue
                return True
        return False
    try:
        socket.create_connection((host, 6000 + int(number)), timeout=timeout).close()
    except OSError:
        return False
    return True


class NoXServer(DisplayUnavailable):
    """``DISPLAY`` names an X server that does not answer: Qt would abort."""

    def __init__(self, display: str) -> None:
        super().__init__(
            f"no X server answers at DISPLAY={display}, so Qt cannot open windows there. "
            "Start one (or fix DISPLAY), or unset DISPLAY to run offscreen (Ctrl+C stops the "
            f"app; --screenshot shows it), or set {FALLBACK_ENV}=1."
        )


def check_display_libraries(
    environ: MutableMapping[str, str] | None = None,
    *,
    missing: Callable[[], list[str]] | None = None,
    answers: Callable[[str], bool] = x_server_answers,
) -> list[str]:
    """Before the ``QApplication``, when Qt is to use its xcb plugin: raise
    ``MissingSystemLibraries`` if the plugin cannot load, ``NoXServer`` if ``DISPLAY`` does
    not answer; or, if ``QTAURI_OFFSCREEN_FALLBACK`` is set, switch to the offscreen platform
    and return a note saying why."""
    env = os.environ if environ is None else environ
    if not xcb_will_be_used(env):
        return []
    lacking = missing() if missing is not None else missing_libraries(xcb_plugin())
    display = env.get("DISPLAY", "")
    problem: DisplayUnavailable | None = None
    if lacking:
        problem = MissingSystemLibraries(lacking)
        why = f"Qt's xcb plugin lacks {', '.join(lacking)} ({install_commands(lacking)[0]})"
    elif display and not answers(display):
        problem = NoXServer(display)
        why = f"no X server answers at DISPLAY={display}"
    if problem is None:
        return []
    if env.get(FALLBACK_ENV, "") in ("", "0"):
        raise problem
    env["QT_QPA_PLATFORM"] = "offscreen"
    return [f"{why}; running offscreen as {FALLBACK_ENV} asks"]
