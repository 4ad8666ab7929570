"""``python -m app build``: an app (config + Python side) frozen by PyInstaller into a folder
that runs without Python or qtauri installed, plus a Linux ``.tar.gz`` with a ``.desktop`` file.

PyInstaller's own hooks know QtWebEngine (its helper process, resources and locales); this
module stages the app's files, writes the parameters of a fixed spec
(app/templates/build/qtauri.spec) and runs PyInstaller on it. docs/shipping.md has the
recipes and the measurements.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..beforecommands import BeforeCommand
from ..configfiles import read_config
from ..errors import ConfigError
from ..paths import API_DIR, BUNDLED_CONFIG
from .buildhooks import HookError, run_hook

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "build"
# Inside the bundle: the app's config, its frontend and bundle.json (what the launcher reads).
APP_DATA = "qtauri-app"
# Chromium's UI strings kept (its error pages, its context menu): the rest of its ~50
# locales are dropped (docs/shipping.md). The app's own pages carry their own text.
KEPT_LOCALES = ("en-US",)
# Python modules an app built from this package never runs: tools for development and tests.
EXCLUDED_MODULES = (
    "tkinter",
    "unittest",
    "pydoc",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "PyInstaller",
    "setuptools",
    "pip",
    "app.testing",
    "app.pytest_plugin",
    "app.tools.typegen",
    "app.tools.tsschema",
    "app.tools.bundle",
)
# Qt modules the package does not import (PySide6's hooks collect only what is imported, but
# an app's dependency could pull one in): their Python bindings and plugins stay out.
EXCLUDED_QT = tuple(
    # Named without the prefix: tests/test_packaging.py takes "PySide6.Qt..." for an import.
    f"PySide6.{name}"
    for name in (
        "QtQml",
        "QtQuick",
        "QtQuickWidgets",
        "QtWebEngineQuick",
        "QtMultimedia",
        "QtPdf",
        "QtPdfWidgets",
        "Qt3DCore",
        "QtCharts",
        "QtDataVisualization",
        "QtSql",
        "QtTest",
        "QtDesigner",
        "QtUiTools",
        "QtOpenGLWidgets",
        "QtSvgWidgets",
        "QtBluetooth",
        "QtSerialPort",
        "QtOpenGL",
        "QtPositioning",
    )
)
# Qt plugins (and the Qt libraries only they link) that a desktop app does not load:
# framebuffer and embedded platforms, evdev input, the virtual keyboard, positioning, PDF as
# an image format. Matched against the path inside the bundle. A test runs ldd on every
# library left, so that nothing kept needs something dropped.
DROPPED_BINARIES = (
    r"/plugins/platforms/libq(eglfs|linuxfb|minimal|minimalegl|vkkhrdisplay|vnc)\.so$",
    r"/plugins/(egldeviceintegrations|generic|position)/",
    r"/plugins/platforminputcontexts/libqtvirtualkeyboardplugin\.so$",
    r"/plugins/imageformats/libqpdf\.so$",
    r"(^|/)libQt6(Pdf|VirtualKeyboard|VirtualKeyboardQml|SerialPort|EglFSDeviceIntegration"
    r"|EglFsKmsSupport|EglFsKmsGbmSupport)\.so",
)


class BuildError(Exception):
    """The build cannot go on: the message says why and what to do."""


@dataclass(frozen=True)
class AppInfo:
    """What the bundle is named and made of, from the config (Tauri's keys)."""

    name: str  # productName
    slug: str  # the executable's and the folder's name
    version: str
    identifier: str
    icon: Path | None  # a PNG from bundle.icon; None: one is drawn
    config: Path
    frontend: Path


def read_app_info(config: Path) -> AppInfo:
    """The bundle's name, version, identifier and icon from ``config`` (``productName``,
    ``version``, ``identifier``, ``bundle.icon``, in Tauri's v2 or v1 places), read and checked
    by the config loader; errors name the file and the key."""
    from ..config import load_config  # Qt's core, for URLs: only for a build

    config = config.resolve()
    loaded = load_config(config)
    name = loaded.product_name or config.parent.name
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "app"
    version = loaded.version or "0.1.0"
    if not re.fullmatch(r"\d+(\.\d+){0,3}([.+-]?\w+)*", version):
        raise ConfigError(f"{config}: version: expected a version such as 1.0.0, got {version!r}")
    identifier = loaded.identifier or f"com.example.{slug}"
    icon = None
    for path in loaded.icons:
        if path.suffix.lower() == ".png":
            if not path.is_file():
                raise ConfigError(f"{config}: bundle.icon: {path} is not a file")
            icon = path
            break
    return AppInfo(name, slug, version, identifier, icon, config, loaded.frontend_dist)


def draw_icon(path: Path, size: int = 256) -> Path:
    """A plain PNG icon (a disc on a rounded square) for apps whose config names none."""

    def pixel(x: int, y: int) -> bytes:
        cx, cy, r = x - size / 2, y - size / 2, size * 0.3
        corner = size * 0.18
        dx = max(abs(cx) - (size / 2 - corner), 0)
        dy = max(abs(cy) - (size / 2 - corner), 0)
        if dx * dx + dy * dy > corner * corner:
            return b"\x00\x00\x00\x00"  # outside the rounded square: transparent
        if cx * cx + cy * cy <= r * r:
            return b"\xf5\xf7\xfa\xff"
        return b"\x2b\x6c\xb0\xff"

    rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(size)) for y in range(size))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )
    return path


def desktop_entry(info: AppInfo, executable: str, icon: str) -> str:
    """A freedesktop.org ``.desktop`` file for the app."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={info.name}\n"
        f"Exec={executable}\n"
        f"Icon={icon}\n"
        "Terminal=false\n"
        "Categories=Utility;\n"
        f"Comment={info.name} {info.version}\n"
        f"StartupWMClass={info.slug}\n"
    )


INSTALL_SCRIPT = TEMPLATE / "install.sh"


def stage(info: AppInfo, app_ref: str | None, work: Path) -> Path:
    """The files that travel inside the bundle, in ``work/qtauri-app``: the config (its
    ``frontendDist`` now ``frontend``), the frontend folder, and what the launcher reads."""
    staged = work / APP_DATA
    if staged.exists():
        shutil.rmtree(staged)
    staged.mkdir(parents=True)
    # As the app read it: JSON, JSON5 or TOML, with this platform's file merged in; staged as
    # JSON.
    data = dict(read_config(info.config).data)
    build = dict(data.get("build", {}))
    # Tauri v1 names the folder build.distDir, v2 build.frontendDist (Tauri.toml may say
    # frontend-dist); a built app serves its own files, never a dev server's.
    build.pop("frontend-dist", None)
    build["distDir" if "distDir" in build else "frontendDist"] = "frontend"
    for dev_key in ("devUrl", "dev-url", "devPath"):
        build.pop(dev_key, None)
    data["build"] = build
    icons = _stage_icons(info, staged)
    if icons is not None:
        holder = data["tauri"] if isinstance(data.get("tauri"), dict) else data
        holder["bundle"] = {**holder.get("bundle", {}), "icon": icons}
    (staged / "app.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    shutil.copytree(info.frontend, staged / "frontend")
    bundle = {"app": app_ref, "name": info.name, "version": info.version}
    bundle["identifier"] = info.identifier
    (staged / "bundle.json").write_text(json.dumps(bundle, indent=2), encoding="utf-8")
    return staged


def _stage_icons(info: AppInfo, staged: Path) -> list[str] | None:
    """The config's icon files, copied beside the staged config (their paths were relative to
    the original); ``None`` if the config names none."""
    from ..config import load_config

    icons = load_config(info.config).icons
    if not icons:
        return None
    (staged / "icons").mkdir()
    names = []
    for index, icon in enumerate(icons):
        if icon.is_file():
            name = f"icons/{index}-{icon.name}"
            shutil.copyfile(icon, staged / name)
            names.append(name)
    return names


def pyinstaller_params(
    info: AppInfo, app_ref: str | None, staged: Path, icon: Path, search: list[Path]
) -> dict[str, Any]:
    """What the spec reads: the launcher, where the app's modules are, what to add and
    what to leave out."""
    hidden = [app_ref.partition(":")[0]] if app_ref else []
    return {
        "name": info.slug,
        "launcher": str(TEMPLATE / "launcher.py"),
        "paths": [str(path) for path in search],
        "datas": [
            [str(staged), APP_DATA],
            [str(API_DIR), "app/frontend/api"],
            [str(BUNDLED_CONFIG), "app/resources"],
        ],
        "hiddenimports": hidden,
        "excludes": [*EXCLUDED_MODULES, *EXCLUDED_QT],
        "locales": list(KEPT_LOCALES),
        "drop_binaries": list(DROPPED_BINARIES),
        # Windows and macOS take the icon into the executable (.ico/.icns; PyInstaller
        # converts a PNG when Pillow is installed); Linux uses the .desktop file's.
        "icon": str(icon) if sys.platform in ("win32", "darwin") else None,
        # Windows: a GUI executable, without a console window behind the app's own.
        "console": sys.platform != "win32",
    }


@dataclass(frozen=True)
class Built:
    folder: Path  # the standalone folder: the executable and _internal/
    executable: Path
    archive: Path | None  # the Linux .tar.gz


def build(
    config: Path, app_ref: str | None, out: Path, *, work: Path | None = None, quiet: bool = True
) -> Built:
    """Freeze the app: ``out/<slug>/`` (the standalone folder) and, on Linux,
    ``out/<slug>-<version>-linux-<machine>.tar.gz``. ``app_ref`` (``module:name``) is the
    Python side; its module is found from the current folder (and the config's)."""
    if importlib.util.find_spec("PyInstaller") is None:  # checked before any work
        raise BuildError(
            "PyInstaller is not installed: python -m pip install 'pyinstaller>=6.22,<7' "
            "(in a checkout of qtauri: pip install -e '.[build]')"
        )
    from ..config import read_build_hooks

    before_build, before_bundle = read_build_hooks(config)
    try:
        run_hook(before_build, "beforeBuildCommand")
        info = read_app_info(config)  # after the hook: it may make the frontend folder
        return _freeze(info, app_ref, out, work, quiet, before_bundle)
    except HookError as error:
        raise BuildError(str(error)) from None


def _freeze(
    info: AppInfo,
    app_ref: str | None,
    out: Path,
    work: Path | None,
    quiet: bool,
    before_bundle: BeforeCommand | None,
) -> Built:
    out = out.resolve()
    work = (work or out.parent / "build").resolve()
    work.mkdir(parents=True, exist_ok=True)
    staged = stage(info, app_ref, work)
    icon = info.icon or draw_icon(work / f"{info.slug}.png")
    # Where this package is (an editable install's import hook is invisible to PyInstaller),
    # and the app's modules: the current folder first, as for --app, then the config's.
    package_root = Path(__file__).resolve().parent.parent.parent
    search = list(dict.fromkeys([Path.cwd().resolve(), info.config.parent, package_root]))
    params = pyinstaller_params(info, app_ref, staged, icon, search)
    spec = work / "qtauri.spec"
    shutil.copyfile(TEMPLATE / "qtauri.spec", spec)
    (work / "params.json").write_text(json.dumps(params, indent=2), encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--distpath",
        str(out),
        "--workpath",
        str(work / "pyinstaller"),
        "--log-level",
        "WARN" if quiet else "INFO",
        str(spec),
    ]
    done = subprocess.run(command, cwd=work, check=False)
    if done.returncode != 0:
        raise BuildError(f"PyInstaller failed (status {done.returncode}); its messages are above")
    folder = out / info.slug
    executable = folder / (info.slug + (".exe" if sys.platform == "win32" else ""))
    run_hook(before_bundle, "beforeBundleCommand")
    archive = linux_archive(info, folder, icon, out) if sys.platform.startswith("linux") else None
    return Built(folder, executable, archive)


def linux_archive(info: AppInfo, folder: Path, icon: Path, out: Path) -> Path:
    """``<slug>-<version>-linux-<machine>.tar.gz``: the folder, the icon, a ``.desktop``
    file and ``install.sh`` (which installs all three for the current user)."""
    import platform

    top = f"{info.slug}-{info.version}-linux-{platform.machine()}"
    archive = out / f"{top}.tar.gz"
    entry = desktop_entry(info, f"/opt/{info.slug}/{info.slug}", info.identifier)
    desktop = out / f"{info.identifier}.desktop"
    desktop.write_text(entry, encoding="utf-8")
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=f"{top}/{info.slug}")
        tar.add(icon, arcname=f"{top}/{info.identifier}.png")
        tar.add(desktop, arcname=f"{top}/{info.identifier}.desktop")
        script = INSTALL_SCRIPT.read_text(encoding="utf-8")
        script = script.replace("{{slug}}", info.slug).replace("{{identifier}}", info.identifier)
        installer = out / "install.sh"
        installer.write_text(script, encoding="utf-8")
        installer.chmod(0o755)
        tar.add(installer, arcname=f"{top}/install.sh")
    desktop.unlink()
    installer.unlink()
    return archive
