"""What a user installs: the wheel carries the JS API, the demo and its config, and the
package finds them there (not only in a checkout of the repository)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

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
