"""Build the Tauri-compatibility test frontends (tests/compat) the way a Tauri user's bundler
would: the official @tauri-apps/api packages come from npm (the pinned package.json and
package-lock.json at the repository root, installed with ``npm ci`` when node_modules is
missing or older than the lockfile), and esbuild bundles each page's script."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = Path(__file__).parent / "compat"
# Pages whose script imports the packages and so needs bundling; the others are copied.
BUNDLED = ("v1.js", "v2.js")
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


def build(out: Path) -> Path:
    """Bundle the test pages into ``out`` (a frontendDist) and return it."""
    ensure_node_modules()
    out.mkdir(parents=True, exist_ok=True)
    esbuild = ROOT / "node_modules" / ".bin" / "esbuild"
    subprocess.run(
        [
            str(esbuild),
            *(str(SOURCES / name) for name in BUNDLED),
            "--bundle",
            "--format=iife",
            "--target=chrome110",
            "--log-level=warning",
            f"--outdir={out}",
        ],
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    for source in SOURCES.iterdir():
        if source.suffix == ".html" or (source.suffix == ".js" and source.name not in BUNDLED):
            shutil.copy(source, out / source.name)
    return out


def compat_config(dist: Path, *windows: tuple[str, str], **events: object) -> dict[str, object]:
    """An app config serving the built pages: one window per ``(label, page)``."""
    entries = [{"label": label, "url": f"{page}.html"} for label, page in windows]
    return {
        "build": {"frontendDist": str(dist)},
        "app": {"windows": entries, "events": {"readyGraceMs": 0, **events}},
    }
