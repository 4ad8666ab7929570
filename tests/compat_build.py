"""Build the Tauri-compatibility test frontends (tests/compat) the way a Tauri user's bundler
would: the official @tauri-apps/api packages come from npm (the pinned package.json and
package-lock.json at the repository root, installed with ``npm ci`` when node_modules is
missing or older than the lockfile), and esbuild bundles each page's script. The scripts import
``@tauri-apps/api/...`` as any Tauri frontend does; esbuild's alias points that at the package
version the page was written for (``tauri-v1`` or ``tauri-v2``, npm aliases of the real one)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = Path(__file__).parent / "compat"
# Page scripts that import a package, and which one; the other files are copied.
BUNDLED = {
    "v1.js": "tauri-v1",
    "v2.js": "tauri-v2",
    "plugins.js": "tauri-v2",
    "menus.js": "tauri-v2",
}
DEMO_OUT = ROOT / "frontend" / "demo" / "compat"
# npm's record of what it installed: newer than the lockfile once `npm ci` has run.
_INSTALLED = ROOT / "node_modules" / ".package-lock.json"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(f"{name} is needed to build the Tauri-compatibility test pages")
    return found


def ensure_node_modules() -> None:
    """Run ``npm ci`` unless node_modules already matches the lockfile."""
    lock = ROOT / "package-lock.json"
    if _INSTALLED.exists() and _INSTALLED.stat().st_mtime >= lock.stat().st_mtime:
        return
    subprocess.run(
        [_tool("npm"), "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=ROOT,
        check=True,
        timeout=600,
    )


def bundle(source: Path, package: str, outfile: Path) -> None:
    """Bundle ``source`` into ``outfile`` with ``@tauri-apps/api`` meaning ``package``."""
    ensure_node_modules()
    subprocess.run(
        [
            str(ROOT / "node_modules" / ".bin" / "esbuild"),
            str(source),
            "--bundle",
            "--format=iife",
            "--target=chrome110",
            "--log-level=warning",
            f"--alias:@tauri-apps/api={package}",
            f"--outfile={outfile}",
        ],
        cwd=ROOT,
        check=True,
        timeout=120,
    )


def build(out: Path) -> Path:
    """Bundle the test pages into ``out`` (a frontendDist) and return it."""
    out.mkdir(parents=True, exist_ok=True)
    for name, package in BUNDLED.items():
        bundle(SOURCES / name, package, out / name)
    for source in SOURCES.iterdir():
        if source.suffix == ".html" or (source.suffix == ".js" and source.name not in BUNDLED):
            shutil.copy(source, out / source.name)
    return out


def build_demo() -> None:
    """The demo's two Tauri-package pages, as ``make run`` builds them (frontend/demo/compat)."""
    for version in ("v1", "v2"):
        name = f"tauri-{version}.js"
        bundle(ROOT / "frontend" / "demo-compat" / name, f"tauri-{version}", DEMO_OUT / name)


def compat_config(dist: Path, *windows: tuple[str, str], **events: object) -> dict[str, object]:
    """An app config serving the built pages: one window per ``(label, page)``."""
    entries = [{"label": label, "url": f"{page}.html"} for label, page in windows]
    return {
        "build": {"frontendDist": str(dist)},
        "app": {"windows": entries, "events": {"readyGraceMs": 0, **events}},
    }
