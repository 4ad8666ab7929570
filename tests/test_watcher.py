"""The dev-mode file watcher: save bursts become one batch; every way of saving is seen; the
skipped folders are not watched; the watching thread ends with the watcher."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QThread

from app.dev.watcher import STEP_MS, Debounce, TreeWatcher, watched_folders


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


def test_tree_watcher_rejects_timings_it_cannot_keep(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="quiet_ms"):
        TreeWatcher([tmp_path], quiet_ms=STEP_MS)  # the thread alone waits that long
    with pytest.raises(ValueError, match="quiet_ms"):
        TreeWatcher([tmp_path], quiet_ms=500, max_wait_ms=400)


@pytest.fixture
def make_watcher() -> Iterator[Callable[..., TreeWatcher]]:
    """``TreeWatcher(...)``, closed at the end of the test."""
    made: list[TreeWatcher] = []

    def make(*args: Any, **kwargs: Any) -> TreeWatcher:
        made.append(TreeWatcher(*args, **kwargs))
        return made[-1]

    yield make
    for watcher in made:
        watcher.close()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "node_modules").mkdir()
    for name in ("a.js", "b.css", "sub/c.html", "node_modules/lib.js", "gone.js"):
        (tmp_path / name).write_text("1", encoding="utf-8")
    return tmp_path


def test_every_kind_of_save_is_seen(
    qtbot: Any, tree: Path, make_watcher: Callable[..., TreeWatcher]
) -> None:
    watcher = make_watcher([tree], quiet_ms=50)
    seen: set[Path] = set()
    threads: set[QThread] = set()
    watcher.changed.connect(seen.update)
    watcher.changed.connect(lambda _paths: threads.add(QThread.currentThread()))

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

    # A folder moved away whole: its files are reported, though no event names them.
    seen.clear()
    os.replace(tree / "new", tree.parent / f"{tree.name}-moved")
    qtbot.waitUntil(lambda: tree / "new" / "d.js" in seen, timeout=10_000)
    # The batches come in Qt's (GUI) thread, not in the watching one.
    app = QCoreApplication.instance()
    assert app is not None
    assert threads == {app.thread()}


def test_nested_new_folders_are_watched_at_once(
    qtbot: Any, tree: Path, make_watcher: Callable[..., TreeWatcher]
) -> None:
    watcher = make_watcher([tree], quiet_ms=50)
    seen: set[Path] = set()
    watcher.changed.connect(seen.update)
    deep = tree / "n1" / "n2" / "n3"
    for level in (deep.parent.parent, deep.parent, deep):  # one after the other, quickly
        level.mkdir()
        (level / "f.js").write_text("1", encoding="utf-8")
    expected = {deep.parent.parent / "f.js", deep.parent / "f.js", deep / "f.js"}
    qtbot.waitUntil(lambda: expected <= seen, timeout=10_000)
    seen.clear()
    (deep / "f.js").write_text("2", encoding="utf-8")  # the deepest folder is watched
    qtbot.waitUntil(lambda: deep / "f.js" in seen, timeout=10_000)


def test_only_accepted_files_are_reported(
    qtbot: Any, tree: Path, make_watcher: Callable[..., TreeWatcher]
) -> None:
    watcher = make_watcher([tree], accept=lambda path: path.suffix == ".py", quiet_ms=50)
    with qtbot.waitSignal(watcher.changed, timeout=10_000) as blocker:
        (tree / "a.js").write_text("2", encoding="utf-8")
        (tree / "sub" / "x.py").write_text("X = 1", encoding="utf-8")
    assert blocker.args == [frozenset({tree / "sub" / "x.py"})]


SKIPPED = ["venv", ".venv", ".venv-3.13", "env", "build", "dist", "node_modules", ".tox", ".git"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the folders a save must not reload for, each with a file; the
    venvs have their ``pyvenv.cfg`` (``.venv-3.13`` and ``env`` are known by it alone)."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.js").write_text("1", encoding="utf-8")
    for name in SKIPPED:
        (tmp_path / name / "lib").mkdir(parents=True)
        (tmp_path / name / "lib" / "x.js").write_text("1", encoding="utf-8")
        if "env" in name:
            (tmp_path / name / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    return tmp_path


def test_skipped_folders_are_not_watched(project: Path) -> None:
    assert watched_folders([project]) == {project, project / "src"}
    # A root is watched whatever its name: a frontendDist is often called dist.
    assert watched_folders([project / "dist"]) == {project / "dist", project / "dist" / "lib"}


def test_a_save_under_a_skipped_folder_is_not_reported(
    qtbot: Any, project: Path, make_watcher: Callable[..., TreeWatcher]
) -> None:
    watcher = make_watcher([project], quiet_ms=50)
    batches: list[frozenset[Path]] = []
    watcher.changed.connect(batches.append)
    for name in SKIPPED:
        (project / name / "lib" / "x.js").write_text("2", encoding="utf-8")
        (project / name / "new.js").write_text("2", encoding="utf-8")
    (project / "node_modules" / "pkg").mkdir()  # a new folder in a skipped one
    (project / "node_modules" / "pkg" / "y.js").write_text("2", encoding="utf-8")
    (project / "build2").mkdir()  # not skipped: a new folder is watched at once
    (project / "build2" / "z.js").write_text("2", encoding="utf-8")
    # The last save, after the others: once it is reported, any other would have been.
    qtbot.waitUntil(lambda: project / "build2" / "z.js" in set().union(*batches), timeout=10_000)
    (project / "src" / "main.js").write_text("2", encoding="utf-8")
    qtbot.waitUntil(lambda: project / "src" / "main.js" in set().union(*batches), timeout=10_000)
    assert set().union(*batches) == {project / "build2" / "z.js", project / "src" / "main.js"}


def watcher_threads() -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if thread.name == "qtauri-watcher"}


def test_close_ends_the_watching_thread_and_no_batch_comes_after(
    qtbot: Any, tree: Path, make_watcher: Callable[..., TreeWatcher]
) -> None:
    before = watcher_threads()
    watcher = TreeWatcher([tree], quiet_ms=50)
    assert watcher.running
    assert len(watcher_threads() - before) == 1
    batches: list[frozenset[Path]] = []
    watcher.changed.connect(batches.append)
    (tree / "a.js").write_text("2", encoding="utf-8")
    watcher.close()  # while a batch may be gathering
    assert not watcher.running
    assert watcher_threads() - before == set()
    # A live watcher on the same tree, slower to report: when it does, the closed one would
    # have reported too.
    sentinel = make_watcher([tree], quiet_ms=200)
    with qtbot.waitSignal(sentinel.changed, timeout=10_000):
        (tree / "b.css").write_text("2", encoding="utf-8")
    assert batches == []
    watcher.close()  # twice is fine


def test_deleting_the_watcher_without_close_ends_its_thread(qtbot: Any, tree: Path) -> None:
    before = watcher_threads()
    watcher = TreeWatcher([tree], quiet_ms=50)
    (thread,) = watcher_threads() - before
    watcher.deleteLater()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5_000)
