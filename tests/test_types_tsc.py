"""The generated declarations compiled by TypeScript's own compiler: ``python -m app types``
for tests/typed_app.py, then ``tsc --noEmit`` on the sample frontend in tests/typescript
(right uses compile, wrong ones are errors), against the JS API's own .d.ts files. tsc comes
from the committed package-lock.json, installed with ``npm ci`` when missing."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from app.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).parent / "typescript"
TSC = ROOT / "node_modules" / "typescript" / "bin" / "tsc"


@pytest.fixture(scope="module")
def tsc() -> list[str]:
    node = shutil.which("node")
    assert node is not None, "Node.js is needed to check the TypeScript declarations"
    if not TSC.exists():
        npm = shutil.which("npm")
        assert npm is not None, "npm is needed to install TypeScript (npm ci)"
        subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=ROOT,
            check=True,
            timeout=300,
        )
    return [node, str(TSC)]


def frontend(tmp_path: Path, source: str) -> Path:
    """A folder with the sample's ``source`` file, the generated ipc.d.ts and a tsconfig that
    maps ``@tauri-apps/api`` to frontend/api, as a bundler would."""
    shutil.copy(SAMPLE / source, tmp_path / source)
    assert (
        main(["types", "--app", "tests.typed_app:builder", "--out", str(tmp_path / "ipc.d.ts")])
        == 0
    )
    api = ROOT / "frontend" / "api"
    config = {
        "compilerOptions": {
            "strict": True,
            "noEmit": True,
            "skipLibCheck": False,  # the generated file is checked too
            "target": "ES2022",
            "module": "ESNext",
            "moduleResolution": "Bundler",
            "lib": ["ES2022", "DOM"],
            "types": [],
            "paths": {
                "@tauri-apps/api": [str(api / "index")],
                "@tauri-apps/api/*": [str(api / "*")],
            },
        },
        "files": [source, "ipc.d.ts"],
    }
    (tmp_path / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
    return tmp_path


def run_tsc(tsc: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*tsc, "-p", str(folder / "tsconfig.json"), "--pretty", "false"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_sample_frontend_compiles_and_every_wrong_use_is_an_error(
    tsc: list[str], tmp_path: Path
) -> None:
    result = run_tsc(tsc, frontend(tmp_path, "main.ts"))
    # An unused @ts-expect-error (a wrong use that compiled) is itself an error (TS2578).
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_wrong_use_fails_to_compile(tsc: list[str], tmp_path: Path) -> None:
    result = run_tsc(tsc, frontend(tmp_path, "wrong.ts"))
    assert result.returncode != 0
    assert "wrong.ts(7," in result.stdout
    assert "Type 'string' is not assignable to type 'number'" in result.stdout
