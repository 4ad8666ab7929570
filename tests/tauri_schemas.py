"""Tauri's published config schemas, as the ``@tauri-apps/cli`` npm packages ship them
(``config.schema.json`` in 2.x, ``schema.json`` in 1.x), for tests/test_tauri_conf.py.

The CLI packages are not devDependencies: installing them would install their native binary
(an optional dependency per platform). ``npm pack`` fetches the package's tarball alone (from
npm's cache once fetched); its integrity is checked against the hash pinned here and the
schema is read out of it. The tarballs are kept in a git-ignored cache folder.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "node_modules" / ".cache" / "qtauri-tauri-schemas"
# version -> (package version, file in the tarball, npm's integrity of the tarball)
PINNED = {
    2: (
        "2.12.5",
        "package/config.schema.json",
        "sha512-Dm8s/4aiE52HsBh+Gz3uSrh+fEykRICA1VoAnQA80IqHoTRncPg+q4rGvuhmyNsHUPg3QrPjUrTUSfWmXLVVEw==",
    ),
    1: (
        "1.6.3",
        "package/schema.json",
        "sha512-q46umd6QLRKDd4Gg6WyZBGa2fWvk0pbeUA5vFomm4uOs1/17LIciHv2iQ4UD+2Yv5H7AO8YiE1t50V0POiEGEw==",
    ),
}


def schema(major: int) -> dict[str, Any]:
    """Tauri ``major``'s config schema (1 or 2)."""
    version, member, integrity = PINNED[major]
    tarball = CACHE / f"tauri-apps-cli-{version}.tgz"
    if not tarball.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed to fetch Tauri's config schemas")
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "pack", f"@tauri-apps/cli@{version}", "--pack-destination", str(CACHE)],
            check=True,
            capture_output=True,
            timeout=300,
        )
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != integrity:
        tarball.unlink()
        raise RuntimeError(f"{tarball.name}: not the pinned package (integrity differs)")
    with tarfile.open(tarball) as archive:
        extracted = archive.extractfile(member)
        assert extracted is not None, member
        loaded: dict[str, Any] = json.load(extracted)
    return loaded


def properties(schema_: dict[str, Any], definition: str | None = None) -> set[str]:
    """The keys of the schema's top level, or of one of its definitions."""
    node = schema_ if definition is None else schema_["definitions"][definition]
    return set(node["properties"])
