"""``os()``: Tauri's os plugin (``@tauri-apps/plugin-os`` 2.x). What the guest reads
synchronously (platform, version, family, type, arch, exe extension, end of line) is injected
into every page as ``window.__TAURI_OS_PLUGIN_INTERNALS__``; ``locale`` and ``hostname`` are
commands."""

from __future__ import annotations

import os as _os
import platform as _platform
import sys

from PySide6.QtCore import QLocale, QSysInfo

from ..plugin import Plugin

# Python's names for machines -> Rust's std::env::consts::ARCH, which Tauri reports.
_ARCH = {
    "amd64": "x86_64",
    "x86_64": "x86_64",
    "i386": "x86",
    "i686": "x86",
    "arm64": "aarch64",
    "aarch64": "aarch64",
    "armv7l": "arm",
    "armv6l": "arm",
    "riscv64": "riscv64",
    "ppc64le": "powerpc64",
    "s390x": "s390x",
}


def _platform_name() -> str:
    """Rust's std::env::consts::OS."""
    if sys.platform.startswith("linux"):
        return "linux"
    if sys.platform == "darwin":
        return "macos"
    if sys.platform in ("win32", "cygwin"):
        return "windows"
    return sys.platform.rstrip("0123456789")  # freebsd13 -> freebsd


def internals() -> dict[str, str]:
    """``__TAURI_OS_PLUGIN_INTERNALS__``, as Tauri's os plugin fills it."""
    name = _platform_name()
    version = QSysInfo.productVersion()
    machine = _platform.machine().lower()
    return {
        "platform": name,
        "os_type": name,
        "family": "windows" if name == "windows" else "unix",
        "version": version if version and version != "unknown" else _platform.release(),
        "arch": _ARCH.get(machine, machine),
        "exe_extension": "exe" if name == "windows" else "",
        "eol": "\r\n" if name == "windows" else "\n",
    }


def locale() -> str | None:
    """The system's BCP-47 locale (``en-US``), or ``None`` for the C/POSIX locale."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = _os.environ.get(variable, "")
        if value:
            tag = value.split(".")[0].split("@")[0]
            return None if tag in ("C", "POSIX") else tag.replace("_", "-")
    name = QLocale.system().bcp47Name()
    return None if name in ("", "C") else name


def hostname() -> str:
    return QSysInfo.machineHostName()


def os() -> Plugin:
    """Tauri's os plugin: ``Builder().plugin(os())``; ``os:default`` allows every command."""
    values = internals()

    def platform() -> str:
        return values["platform"]

    def version() -> str:
        return values["version"]

    def os_type() -> str:
        return values["os_type"]

    def family() -> str:
        return values["family"]

    def arch() -> str:
        return values["arch"]

    def exe_extension() -> str:
        return values["exe_extension"]

    return Plugin(
        "os",
        commands=[locale, hostname, platform, version, os_type, family, arch, exe_extension],
        page_globals={"__TAURI_OS_PLUGIN_INTERNALS__": values},
    )
