"""What a user installs: the wheel carries the JS API, the demo and its config, and the
package finds them there (not only in a checkout of the repository)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from app.environment import QT_MODULES

ROOT = Path(__file__).resolve().parent.parent


def test_an_installed_wheel_has_everything_pages_need(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(ROOT), "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("qtauri-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for script in ("core.js", "event.js", "window.js", "tauri.js", "tauri-v1.js", "tauri-v2.js"):
        assert f"app/frontend/api/global/{script}" in names
    for module in ("event.js", "event.d.ts", "window.js", "tauri.js", "index.js"):
        assert f"app/frontend/api/{module}" in names
    assert "app/frontend/demo/index.html" in names
    assert "app/resources/app.json" in names
    assert "app/testing/page.js" in names
    assert any(name.startswith("app/templates/new/") for name in names)
    # Every module, subpackages included (each must be listed in pyproject's packages).
    sources = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "app").rglob("*.py")
        if "templates" not in path.parts and "__pycache__" not in path.parts
    }
    assert "app/dev/watcher.py" in sources
    assert sources - names == set()
    target = tmp_path / "site"
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    found = subprocess.run(
        [sys.executable, "-c", "import app.paths as p; print(p.API_DIR); print(p.BUNDLED_CONFIG)"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    api_dir, config = found.stdout.split()
    assert Path(api_dir) == target / "app" / "frontend" / "api"
    assert (Path(api_dir) / "global" / "core.js").is_file()
    assert Path(config).is_file()


def test_every_qt_module_the_package_imports_is_checked_and_installed() -> None:
    # A Qt wheel missing on some Python (QtWebEngine left PySide6-Addons in 6.12) must fail
    # here, by name, not as an import error deep inside the first test that opens a window.
    used = {
        match
        for source in (ROOT / "app").rglob("*.py")
        for match in re.findall(r"PySide6\.Qt\w+", source.read_text(encoding="utf-8"))
    }
    assert used <= set(QT_MODULES), f"add to environment.QT_MODULES: {used - set(QT_MODULES)}"
    for module in QT_MODULES:
        __import__(module)


def test_a_missing_qt_wheel_is_named_when_the_package_is_imported() -> None:
    hide_webengine = (
        "import sys, importlib.abc\n"
        "class Hide(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'PySide6.QtWebEngineCore':\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}')\n"
        "sys.meta_path.insert(0, Hide())\n"
        "import app\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", hide_webengine],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "PySide6.QtWebEngineCore cannot be imported" in last_line
    assert "PySide6_WebEngine" in last_line
