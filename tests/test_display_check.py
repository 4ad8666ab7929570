"""First run on Linux (issue 16, item 3): Qt's xcb plugin lacking system libraries is found
before Qt aborts, the message names the packages (Debian and Fedora), and
QTAURI_OFFSCREEN_FALLBACK=1 runs offscreen instead; offscreen runs say how to stop and look."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from app.displaycheck import (
    FALLBACK_ENV,
    MissingSystemLibraries,
    NoXServer,
    check_display_libraries,
    install_commands,
    missing_libraries,
    not_found_by_lookup,
    not_found_in_ldd,
    x_server_answers,
    xcb_plugin,
    xcb_will_be_used,
)

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd5b9e6000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0c1c000000)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f0c1bfd0000)
\tlibxcb-cursor.so.0 => not found
\tlibxkbcommon-x11.so.0 => not found
"""


def test_ldd_output_gives_the_missing_libraries_once_each_in_order() -> None:
    assert not_found_in_ldd(LDD_OUTPUT) == [
        "libxcb-cursor.so.0",
        "libxcb-icccm.so.4",
        "libxkbcommon-x11.so.0",
    ]
    assert not_found_in_ldd("\tlibxcb.so.1 => /lib/libxcb.so.1 (0x1)\n") == []


def test_without_ldd_the_libraries_qt_needs_are_looked_up() -> None:
    present = {"xcb-icccm", "xcb-keysyms", "xcb-image", "xcb-render-util", "xkbcommon-x11"}
    present |= {"xcb-xkb", "xcb-randr", "xcb-shape", "xcb-xinerama", "X11-xcb", "EGL"}
    present |= {"fontconfig"}
    looked_up: list[str] = []

    def find(name: str) -> str | None:
        looked_up.append(name)
        return f"lib{name}.so" if name in present else None

    assert not_found_by_lookup(find) == ["libxcb-cursor.so.0"]
    assert "xcb-cursor" in looked_up
    # ldd wins when it answers; without it (None), the lookup.
    plugin = Path("/venv/libqxcb.so")
    assert missing_libraries(plugin, ldd=lambda _p: LDD_OUTPUT, find=find)[0] == (
        "libxcb-cursor.so.0"
    )
    assert missing_libraries(plugin, ldd=lambda _p: None, find=find) == ["libxcb-cursor.so.0"]
    assert missing_libraries(None, find=find) == ["libxcb-cursor.so.0"]


def test_the_packages_to_install_on_debian_and_fedora() -> None:
    apt, dnf = install_commands(["libxcb-cursor.so.0", "libxcb-randr.so.0", "libxcb-shape.so.0"])
    assert apt == "sudo apt install libxcb-cursor0 libxcb-randr0 libxcb-shape0"
    assert dnf == "sudo dnf install xcb-util-cursor libxcb"  # one package for the xcb core
    # A library this module does not know: the whole set Qt 6 needs, rather than nothing.
    apt, dnf = install_commands(["libsomething-new.so.3"])
    assert "libxcb-cursor0" in apt
    assert "xcb-util-cursor" in dnf


@pytest.mark.parametrize(
    ("env", "used"),
    [
        ({"DISPLAY": ":0"}, True),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
        ({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, True),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, False),
        ({}, False),  # no display at all: offscreen (environment.prepare_environment)
    ],
)
def test_the_check_applies_when_qt_is_to_use_xcb(env: dict[str, str], used: bool) -> None:
    assert xcb_will_be_used(env) is used


def test_missing_libraries_raise_a_message_naming_the_packages() -> None:
    env = {"DISPLAY": ":0"}
    with pytest.raises(MissingSystemLibraries) as error:
        check_display_libraries(env, missing=lambda: ["libxcb-cursor.so.0"], answers=bool)
    message = str(error.value)
    assert message.splitlines() == [
        "Qt cannot open windows on this X11 display: its xcb platform plugin needs system "
        "libraries that are missing: libxcb-cursor.so.0.",
        "  Debian/Ubuntu: sudo apt install libxcb-cursor0",
        "  Fedora:        sudo dnf install xcb-util-cursor",
        "Or run without windows (offscreen; --screenshot still works): "
        "QTAURI_OFFSCREEN_FALLBACK=1 (or QT_QPA_PLATFORM=offscreen).",
    ]
    assert env == {"DISPLAY": ":0"}  # nothing changed


def test_the_fallback_runs_offscreen_and_says_why() -> None:
    env = {"DISPLAY": ":0", FALLBACK_ENV: "1"}
    notes = check_display_libraries(env, missing=lambda: ["libxcb-cursor.so.0"], answers=bool)
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    assert notes == [
        "Qt's xcb plugin lacks libxcb-cursor.so.0 (sudo apt install libxcb-cursor0); "
        "running offscreen as QTAURI_OFFSCREEN_FALLBACK asks"
    ]
    # Nothing missing, or no xcb: nothing to say, nothing changed.
    assert check_display_libraries({"DISPLAY": ":0"}, missing=list, answers=bool) == []
    assert check_display_libraries({}, missing=lambda: ["libxcb.so.1"]) == []


def test_a_display_without_an_x_server_is_named_before_qt_aborts(tmp_path: Path) -> None:
    env = {"DISPLAY": ":7"}
    asked: list[str] = []

    def answers(display: str) -> bool:
        asked.append(display)
        return False

    with pytest.raises(NoXServer) as error:
        check_display_libraries(env, missing=list, answers=answers)
    assert asked == [":7"]
    assert str(error.value).startswith("no X server answers at DISPLAY=:7, so Qt cannot open")
    assert "unset DISPLAY to run offscreen" in str(error.value)
    env[FALLBACK_ENV] = "1"
    assert check_display_libraries(env, missing=list, answers=answers) == [
        "no X server answers at DISPLAY=:7; running offscreen as QTAURI_OFFSCREEN_FALLBACK asks"
    ]
    assert env["QT_QPA_PLATFORM"] == "offscreen"


def test_an_x_server_is_found_by_its_socket(tmp_path: Path) -> None:
    # A display number no X server uses here; then a listening TCP socket as "display 0" of
    # a host (port 6000 + N is X's TCP port: a free port is borrowed for N).
    assert not x_server_answers(":987")
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        if port >= 6000:
            assert x_server_answers(f"127.0.0.1:{port - 6000}")
    assert x_server_answers("not-a-display")  # a form it does not know: Qt decides


def test_this_machines_pyside_has_the_plugin_and_ldd_reads_it() -> None:
    # The real lookup on the real plugin: it runs, and finds what this machine lacks (the
    # test suite opens no X11 display, so any answer is fine, but it must be an answer).
    plugin = xcb_plugin()
    assert plugin is not None
    assert plugin.name == "libqxcb.so"
    assert isinstance(missing_libraries(plugin), list)


FAKE_MISSING = """
import sys
import app.displaycheck as check
check.run_ldd = lambda _plugin: "\\tlibxcb-cursor.so.0 => not found\\n"
from app.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def run_with_missing_cursor_library(
    tmp_path: Path, args: list[str], **extra: str
) -> subprocess.CompletedProcess[str]:
    """``python -m app`` on an X11 display (none is reached) whose plugin lacks a library."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=":99", PYTHONPATH=str(ROOT), QTWEBENGINE_DISABLE_SANDBOX="1", **extra)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-c", FAKE_MISSING, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_python_m_app_names_a_display_without_a_server_instead_of_aborting(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=":987", PYTHONPATH=str(ROOT))
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-m", "app"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # This machine's plugin has its libraries (or the message would name them instead).
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("python -m app: error: no X server answers at DISPLAY=:987")
    assert "Could not load the Qt platform plugin" not in result.stderr


def test_python_m_app_says_what_to_install_instead_of_aborting(tmp_path: Path) -> None:
    result = run_with_missing_cursor_library(tmp_path, [])
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("python -m app: error: Qt cannot open windows")
    assert "sudo apt install libxcb-cursor0" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Could not load the Qt platform plugin" not in result.stderr  # Qt never started


@pytest.mark.webengine
def test_the_fallback_env_var_runs_the_app_offscreen(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = run_with_missing_cursor_library(
        tmp_path,
        ["--screenshot", str(shot), "--exit-after", "6"],
        QTAURI_OFFSCREEN_FALLBACK="1",
    )
    assert result.returncode == 0, result.stderr
    assert "running offscreen as QTAURI_OFFSCREEN_FALLBACK asks" in result.stderr
    assert shot.stat().st_size > 10_000  # it ran: a picture, not Qt's abort
