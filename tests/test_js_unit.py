"""The injected JS core's own unit tests (tests/js_unit/*.test.mjs), run with Node's test
runner against a fake channel: the edge cases of dispatch that are slow to reach in a page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

JS_UNIT = Path(__file__).parent / "js_unit"


def test_the_js_core_unit_tests_pass() -> None:
    node = shutil.which("node")
    assert node is not None, "Node.js is needed for the JS unit tests (it is on every machine here)"
    result = subprocess.run(
        [node, "--test", str(JS_UNIT)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
    assert "# pass 0" not in result.stdout
