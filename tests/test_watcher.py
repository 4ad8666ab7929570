"""The dev-mode file watcher: save bursts become one batch; every way of saving is seen."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from app.dev.watcher import Debounce, TreeWatcher


def test_debounce_waits_for_quiet_then_gives_the_whole_burst() -> None:
    # Times in powers of two, so that the sums are exact.
    debounce = Debounce(quiet=0.125, max_wait=1.0)
    assert debounce.delay(0.0) is None
    a, b, c = Path("a"), Path("b"), Path("c")
    debounce.add([a], now=0.0)
    assert debounce.delay(0.0) == 0.125
    debounce.add([b, a], now=0.0625)  # a new save restarts the quiet period
    assert debounce.take_if_due(0.125) is None
    assert debounce.delay(0.125) == 0.0625
    assert debounce.take_if_due(0.1875) == {a, b}
    assert debounce.delay(0.25) is None
    debounce.add([], now=0.375)  # nothing: no batch
    assert debounce.delay(0.375) is None
    debounce.add([c], now=0.5)
    assert debounce.take_if_due(0.625) == {c}


def test_debounce_gives_a_batch_at_max_wait_even_while_saves_go_on() -> None:
    debounce = Debounce(quiet=0.125, max_wait=0.5)
    for step in range(20):  # a save every 1/16 s: never quiet
        now = step * 0.0625
        debounce.add([Path(f"f{step}")], now=now)
        batch = debounce.take_if_due(now)
        if batch is not None:
            assert now == 0.5
            assert batch == {Path(f"f{i}") for i in range(9)}
            return
    pytest.fail("no batch at max_wait")


def test_debounce_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="quiet"):
        Debounce(quiet=0, max_wait=1)
    with pytest.raises(ValueError, match="quiet"):
        Debounce(quiet=2, max_wait=1)


def test_tree_watcher_rejects_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError, match="not a folder"):
        TreeWatcher([tmp_path / "missing"])


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "node_modules").mkdir()
    for name in ("a.js", "b.css", "sub/c.html", "node_modules/lib.js", "gone.js"):
        (tmp_path / name).write_text("1", encoding="utf-8")
    return tmp_path


def test_every_kind_of_save_is_seen(qtbot: Any, tree: Path) -> None:
    watcher = TreeWatcher([tree], quiet_ms=50)
    assert tree / "node_modules" / "lib.js" not in watcher.watched_files()
    seen: set[Path] = set()
    watcher.changed.connect(seen.update)

    (tree / "a.js").write_text("2", encoding="utf-8")  # in place
    (tree / "b.css.tmp").write_text("2", encoding="utf-8")  # atomic: temp file, then rename
    os.replace(tree / "b.css.tmp", tree / "b.css")
    (tree / "gone.js").unlink()  # deleted
    (tree / "new").mkdir()  # a new folder with a file
    (tree / "new" / "d.js").write_text("1", encoding="utf-8")
    (tree / "sub" / "c.html").write_text("2", encoding="utf-8")  # in a subfolder
    (tree / "node_modules" / "lib.js").write_text("2", encoding="utf-8")  # skipped
    (tree / "a.js~").write_text("backup", encoding="utf-8")  # an editor's backup: skipped
    expected = {
        tree / "a.js",
        tree / "b.css",
        tree / "gone.js",
        tree / "new" / "d.js",
        tree / "sub" / "c.html",
    }
    qtbot.waitUntil(lambda: expected <= seen, timeout=10_000)
    # The temporary file may be seen (it existed for a moment); the skipped ones never are.
    assert seen - expected <= {tree / "b.css.tmp"}

    # A replaced file is watched again: a later in-place save of it is seen too.
    seen.clear()
    (tree / "b.css").write_text("3", encoding="utf-8")
    (tree / "new" / "d.js").write_text("2", encoding="utf-8")
    qtbot.waitUntil(lambda: {tree / "b.css", tree / "new" / "d.js"} <= seen, timeout=10_000)

    # A folder removed with its files: each file is reported.
    seen.clear()
    shutil.rmtree(tree / "sub")
    qtbot.waitUntil(lambda: tree / "sub" / "c.html" in seen, timeout=10_000)


def test_only_accepted_files_are_reported(qtbot: Any, tree: Path) -> None:
    watcher = TreeWatcher([tree], accept=lambda path: path.suffix == ".py", quiet_ms=50)
    with qtbot.waitSignal(watcher.changed, timeout=10_000) as blocker:
        (tree / "a.js").write_text("2", encoding="utf-8")
        (tree / "sub" / "x.py").write_text("X = 1", encoding="utf-8")
    assert blocker.args == [frozenset({tree / "sub" / "x.py"})]
