"""``python -m app build`` (issue 16, item 1): the scaffolded app frozen into a standalone folder
runs without Python or this project (``env -i`` with a minimal PATH) and draws its page; the
Linux archive carries the folder, a .desktop file and the icon. Plus the fast parts: the
config's name, version, identifier and icon, and the drawn icon."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.errors import ConfigError
from app.events.payload import NAN_CHECK
from app.tools.bundle import AppInfo, desktop_entry, draw_icon, read_app_info, stage
from app.tools.scaffold import create_app

ROOT = Path(__file__).resolve().parent.parent
# What the built app gets: no venv, no PYTHONPATH, nothing of this checkout; Qt headless.
BARE_ENV = {
    "PATH": "/usr/bin:/bin",
    "QT_QPA_PLATFORM": "offscreen",
    "QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu",
    "QTWEBENGINE_DISABLE_SANDBOX": "1",
}


def distinct_colours(picture: Path) -> int:
    image = QImage(str(picture))
    assert not image.isNull(), picture
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), max(1, image.width() // 40))
            for y in range(0, image.height(), max(1, image.height() // 40))
        }
    )


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the recipe tested here")
def test_the_scaffolded_app_builds_and_runs_without_python(tmp_path: Path) -> None:
    project = tmp_path / "Pocket Notes"
    create_app(project)
    out = tmp_path / "dist"
    # Tauri's build hooks: the frontend folder is made by beforeBuildCommand (the config names
    # a folder that does not exist yet), and beforeBundleCommand runs once the app is frozen.
    (project / "frontend").rename(project / "frontend-src")
    config = json.loads((project / "app.json").read_text(encoding="utf-8"))
    config["build"]["beforeBuildCommand"] = (
        'cp -r frontend-src frontend && echo "$TAURI_ENV_PLATFORM" > built-for.txt'
    )
    frozen = out / "pocket-notes" / "pocket-notes"
    config["build"]["beforeBundleCommand"] = f"test -x '{frozen}' && echo frozen > bundled.txt"
    (project / "app.json").write_text(json.dumps(config), encoding="utf-8")
    started = time.perf_counter()
    built = subprocess.run(
        [
            *(sys.executable, "-m", "app", "build", "--app", "backend:builder"),
            *("--config", "app.json", "--out", str(out)),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    build_seconds = time.perf_counter() - started
    assert built.returncode == 0, built.stdout + built.stderr
    folder = out / "pocket-notes"
    executable = folder / "pocket-notes"
    assert f"built {folder}" in built.stdout
    assert (project / "built-for.txt").read_text().strip() == "linux"
    assert (project / "bundled.txt").read_text().strip() == "frozen"
    # Nothing of the project's source is needed: move the project away before running.
    shutil.move(project, tmp_path / "moved")
    shot = tmp_path / "shot.png"
    ran = subprocess.run(
        [
            "env",
            "-i",
            *(f"{k}={v}" for k, v in BARE_ENV.items()),
            f"XDG_DATA_HOME={tmp_path / 'data'}",  # its storage (the identifier's folder)
            str(executable),
            *("--screenshot", str(shot), "--exit-after", "6"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert "Traceback" not in ran.stderr
    assert "window 'main': loaded tauri://localhost/index.html" in ran.stderr
    assert (tmp_path / "data" / "com.example.pocket-notes").is_dir()  # the identifier's
    # The page drew itself (its title, form, colours), not a blank frame.
    assert distinct_colours(shot) >= 5
    # On a display that cannot be opened, the built app says so in its own name, before Qt
    # would abort (the display check works inside the bundle, ldd on its own xcb plugin).
    refused = subprocess.run(
        ["env", "-i", "PATH=/usr/bin:/bin", "DISPLAY=:987", str(executable)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 1, refused.stderr
    assert refused.stderr.startswith("pocket-notes: error: no X server answers at DISPLAY=:987")
    # The bundle: Qt's translations and Chromium's locales trimmed, no Qt library missing
    # for what was kept (the system's own may be: this machine lacks Wayland's, for one).
    internal = folder / "_internal"
    locales = internal / "PySide6" / "Qt" / "translations" / "qtwebengine_locales"
    assert sorted(p.name for p in locales.iterdir()) == ["en-US.pak"]
    assert not list(internal.rglob("*.qm"))
    assert not list(internal.rglob("libqtvirtualkeyboardplugin.so"))
    # The optional C check of payloads with nulls (app/events/_finite.c), where it is built.
    native = list((internal / "app" / "events").glob("_finite.*.so"))
    assert len(native) == (1 if NAN_CHECK == "native" else 0), native
    for library in internal.rglob("*.so*"):
        linked = subprocess.run(
            ["ldd", str(library)], capture_output=True, text=True, check=False
        ).stdout
        assert "libQt6" not in "".join(
            line for line in linked.splitlines() if "not found" in line
        ), f"{library}: {linked}"
    # The Linux archive: the folder, the icon and a .desktop file naming the app.
    (archive,) = out.glob("pocket-notes-0.1.0-linux-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        top = names[0].split("/")[0]
        assert f"{top}/pocket-notes/pocket-notes" in names
        assert f"{top}/install.sh" in names
        desktop = tar.extractfile(f"{top}/com.example.pocket-notes.desktop")
        assert desktop is not None
        entry = desktop.read().decode()
        icon = tar.extractfile(f"{top}/com.example.pocket-notes.png")
        assert icon is not None
        assert icon.read()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Name=Pocket Notes\n" in entry
    assert "Icon=com.example.pocket-notes\n" in entry
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    print(
        f"\nbuild {build_seconds:.0f} s, folder {size / 2**20:.0f} MiB, archive "
        f"{archive.stat().st_size / 2**20:.0f} MiB"
    )


def test_name_version_identifier_and_icon_come_from_the_config(tmp_path: Path) -> None:
    (tmp_path / "web").mkdir()
    (tmp_path / "icons").mkdir()
    draw_icon(tmp_path / "icons" / "128x128.png", size=16)
    config = tmp_path / "app.json"
    data = {
        "productName": "Pocket Notes",
        "version": "1.2.3",
        "identifier": "org.example.pocket",
        "build": {"frontendDist": "web"},
        "bundle": {"icon": ["icons/32x32.ico", "icons/128x128.png"]},
    }
    config.write_text(json.dumps(data))
    info = read_app_info(config)
    assert (info.name, info.slug, info.version, info.identifier) == (
        "Pocket Notes",
        "pocket-notes",
        "1.2.3",
        "org.example.pocket",
    )
    assert info.icon == tmp_path / "icons" / "128x128.png"
    assert info.frontend == tmp_path / "web"
    # Defaults: the folder's name, 0.1.0, com.example.<slug>, no icon (one is drawn).
    config.write_text(json.dumps({"build": {"frontendDist": "web"}}))
    info = read_app_info(config)
    assert (info.version, info.identifier, info.icon) == ("0.1.0", f"com.example.{info.slug}", None)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"version": "one"}, "version: expected a version such as 1.0.0, got 'one'"),
        ({"version": 1}, "version: expected a string"),
        ({"bundle": {"icon": "icon.png"}}, "bundle.icon: expected a list of files"),
        ({"bundle": {"icon": ["missing.png"]}}, "bundle.icon: "),
        ({"build": {"frontendDist": "nowhere"}}, "build.frontendDist: "),
    ],
)
def test_bad_bundle_settings_name_the_file_and_the_key(
    tmp_path: Path, extra: dict[str, object], message: str
) -> None:
    (tmp_path / "web").mkdir()
    config = tmp_path / "app.json"
    config.write_text(json.dumps({"build": {"frontendDist": "web"}, **extra}))
    with pytest.raises(ConfigError) as error:
        read_app_info(config)
    assert str(error.value).startswith(f"{config}: {message}")


def test_the_staged_config_serves_the_bundled_frontend_and_icons(tmp_path: Path) -> None:
    # Tauri v1's places (build.distDir, tauri.bundle.icon) as well as v2's.
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "index.html").write_text("<p>hi</p>")
    draw_icon(tmp_path / "logo.png", size=16)
    config = tmp_path / "tauri.conf.json"
    v1 = {
        "package": {"productName": "Old App", "version": "2.0.0"},
        "build": {"distDir": "web", "devPath": "http://localhost:1420"},
        "tauri": {"bundle": {"identifier": "org.example.old", "icon": ["logo.png"]}},
    }
    config.write_text(json.dumps(v1))
    info = read_app_info(config)
    assert (info.name, info.version, info.identifier) == ("Old App", "2.0.0", "org.example.old")
    staged = stage(info, None, tmp_path / "work")
    data = json.loads((staged / "app.json").read_text())
    assert data["build"] == {"distDir": "frontend"}
    assert data["tauri"]["bundle"]["icon"] == ["icons/0-logo.png"]
    assert (staged / "frontend" / "index.html").is_file()
    assert (staged / "icons" / "0-logo.png").is_file()
    # The staged config loads where it lies, as the bundled app loads it.
    assert read_app_info(staged / "app.json").icon == staged / "icons" / "0-logo.png"


def test_a_tauri_toml_with_a_platform_file_is_staged_as_json(tmp_path: Path) -> None:
    # The staged config is what the app read: the TOML's kebab-case keys and this platform's
    # file merged in, written as JSON.
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "index.html").write_text("<p>hi</p>")
    (tmp_path / "Tauri.toml").write_text(
        'product-name = "Toml App"\nversion = "1.2.3"\nidentifier = "org.example.toml"\n'
        '[build]\nfrontend-dist = "web"\ndev-url = "http://localhost:1420"\n'
        '[[app.windows]]\ntitle = "main file"\n'
    )
    (tmp_path / "tauri.linux.conf.json").write_text('{"app": {"windows": [{"title": "linux"}]}}')
    info = read_app_info(tmp_path)  # the folder: its Tauri.toml
    assert (info.name, info.version) == ("Toml App", "1.2.3")
    staged = stage(info, None, tmp_path / "work")
    data = json.loads((staged / "app.json").read_text())
    assert data["build"] == {"frontendDist": "frontend"}
    assert data["app"]["windows"] == [{"title": "linux"}]
    assert read_app_info(staged / "app.json").name == "Toml App"


def test_the_drawn_icon_is_a_png_with_a_transparent_corner(tmp_path: Path) -> None:
    icon = draw_icon(tmp_path / "icon.png", size=64)
    image = QImage(str(icon))
    assert (image.width(), image.height()) == (64, 64)
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(32, 32).alpha() == 255
    assert image.pixelColor(32, 32) != image.pixelColor(32, 6)  # the disc on the square


def test_the_desktop_entry_names_the_app(tmp_path: Path) -> None:
    info = AppInfo("Pocket Notes", "pocket-notes", "1.0", "org.x.notes", None, tmp_path, tmp_path)
    entry = desktop_entry(info, "/opt/pocket-notes/pocket-notes", "org.x.notes")
    assert entry.startswith("[Desktop Entry]\nType=Application\nName=Pocket Notes\n")
    assert "Exec=/opt/pocket-notes/pocket-notes\n" in entry
    assert "Icon=org.x.notes\n" in entry


def test_build_without_pyinstaller_or_with_a_bad_app_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.__main__ import main

    assert main(["build", "--app", "backend:builder"]) == 2
    assert capsys.readouterr().err == (
        "python -m app build: error: --app needs --config: the app's windows and frontend\n"
    )
    (tmp_path / "web").mkdir()
    (tmp_path / "app.json").write_text('{"build": {"frontendDist": "web"}}')
    args = ["build", "--app", "nowhere:builder", "--config", str(tmp_path / "app.json")]
    assert main(args) == 2
    assert "no module named 'nowhere'" in capsys.readouterr().err
