"""The fs plugin's open files, lines and watches through the unmodified official guest
package ``@tauri-apps/plugin-fs`` 2.x: ``open``/``create`` and ``FileHandle`` (``read``,
``write``, ``seek``, ``stat``, ``truncate``, ``close``), ``readTextFileLines``, ``watch`` and
``watchImmediate`` (changes through the package's ``Channel``, stopped by unwatch); each
refused outside the scope and without its permission."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App
from app.plugins import fs
from app.plugins.official.fs_handles import open_flags
from app.testing import AppErrors
from tests.js import eval_js, wait_js
from tests.plugin_apps import assert_refused, outcome, plugin_app

pytestmark = pytest.mark.webengine

F = "plugins.fs"


def test_open_options_follow_rust_s_rules() -> None:
    assert open_flags({}) & os.O_ACCMODE == os.O_RDONLY
    assert open_flags({"write": True}) & os.O_ACCMODE == os.O_WRONLY
    assert open_flags({"read": True, "append": True}) & os.O_APPEND
    assert open_flags({"write": True, "createNew": True}) & os.O_EXCL
    for bad, reason in [
        ({"create": True}, "need write"),
        ({"read": False}, "give read, write or append"),
        ({"append": True, "truncate": True}, "cannot go together"),
    ]:
        with pytest.raises(ValueError, match=reason):
            open_flags(bad)


def test_file_handles(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    tmp_path: Path,
    app_errors: AppErrors,
) -> None:
    app = plugin_app(make_app, qtbot, compat_dist, fs(scope=[str(tmp_path)]))
    t = str(tmp_path)
    script = f"""{{
      const file = await {F}.create('{t}/h.bin');
      const wrote = await file.write(new TextEncoder().encode('hello world'));
      await file.close();
      const h = await {F}.open('{t}/h.bin', {{ read: true, write: true }});
      const buf = new Uint8Array(5);
      const n = await h.read(buf);
      const text = new TextDecoder().decode(buf);
      const at = await h.seek(-5, {F}.SeekMode.End);
      const rest = new Uint8Array(20);
      const m = await h.read(rest);
      const end = await h.read(new Uint8Array(4));
      await h.seek(0, {F}.SeekMode.Start);
      await h.write(new Uint8Array([74]));
      const info = await h.stat();
      await h.truncate(7);
      const size = (await h.stat()).size;
      await h.close();
      return [wrote, n, text, at, m, new TextDecoder().decode(rest.slice(0, m)), end,
              info.isFile, info.size, info.mtime instanceof Date, size];
    }}"""
    assert outcome(qtbot, app, script) == [
        "ok",
        [11, 5, "hello", 6, 5, "world", None, True, 11, True, 7],
    ]
    assert (tmp_path / "h.bin").read_bytes() == b"Jello w"
    # A closed handle is gone; append and createNew behave as Rust's OpenOptions.
    kind, message = outcome(
        qtbot,
        app,
        f"{{ const h = await {F}.open('{t}/h.bin'); await h.close(); return h.stat(); }}",
    )
    assert (kind, "is invalid" in message) == ("error", True)
    append = (
        f"{{ const h = await {F}.open('{t}/h.bin', {{append: true}});"
        " await h.write([33]); return h.close(); }"
    )
    assert outcome(qtbot, app, append) == ["ok", None]
    assert (tmp_path / "h.bin").read_bytes() == b"Jello w!"
    kind, message = outcome(
        qtbot, app, f"await {F}.open('{t}/h.bin', {{write: true, createNew: true}})"
    )
    assert kind == "error"
    assert "exists" in message
    assert len(app_errors.take(OSError)) == 1
    assert len(app_errors.take(ValueError)) == 1


def test_read_text_file_lines(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, tmp_path: Path
) -> None:
    (tmp_path / "lines.txt").write_bytes("one\r\ntwö\n\nlast".encode())
    app = plugin_app(make_app, qtbot, compat_dist, fs(scope=[str(tmp_path)]))
    script = f"""{{
      const lines = [];
      const all = await {F}.readTextFileLines('{tmp_path}/lines.txt');
      for await (const line of all) lines.push(line);
      const again = await {F}.readTextFileLines('{tmp_path}/lines.txt');
      const first = await again.next();
      return [lines, first];
    }}"""
    assert outcome(qtbot, app, script) == [
        "ok",
        [["one", "twö", "", "last"], {"value": "one", "done": False}],
    ]


def test_watch_and_unwatch(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "watched"
    folder.mkdir()
    app = plugin_app(make_app, qtbot, compat_dist, fs(scope=[str(tmp_path)]))
    main = app.window("main")
    start = f"""{{
      window.changes = [];
      window.stopWatch = await {F}.watchImmediate('{folder}', (e) => window.changes.push(e),
                                                  {{ recursive: true }});
      window.debounced = [];
      window.stopDebounced = await {F}.watch('{folder}', (e) => window.debounced.push(e),
                                             {{ delayMs: 100 }});
      return true;
    }}"""
    assert outcome(qtbot, app, start) == ["ok", True]
    (folder / "new.txt").write_text("x")
    changes = wait_js(
        qtbot,
        main,
        "changes.some((e) => e.type.create) && debounced.some((e) => e.type.create) && changes",
    )
    created = next(e for e in changes if "create" in e["type"])
    assert created == {
        "type": {"create": {"kind": "file"}},
        "paths": [str(folder / "new.txt")],
        "attrs": {},
    }
    (folder / "new.txt").unlink()
    wait_js(qtbot, main, "changes.some((e) => e.type.remove)")
    eval_js(qtbot, main, "stopWatch() ?? stopDebounced() ?? true")
    # Stopped: a later change is not sent (the thread is gone once the close answered).
    qtbot.waitUntil(lambda: not any(t.name == "fs-watch" for t in threading.enumerate()))
    count = eval_js(qtbot, main, "changes.length")
    (folder / "later.txt").write_text("y")
    main.page.runJavaScript("window.marker = true")
    wait_js(qtbot, main, "window.marker")
    assert eval_js(qtbot, main, "changes.length") == count


def test_new_commands_are_scoped_and_permitted(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    tmp_path: Path,
    app_errors: AppErrors,
) -> None:
    root = tmp_path / "inside"
    root.mkdir()
    (tmp_path / "outside.txt").write_text("secret\n")
    (root / "link.txt").symlink_to(tmp_path / "outside.txt")
    app = plugin_app(make_app, qtbot, compat_dist, fs(scope=[str(root)]))
    r = str(root)
    refused = {
        f"{F}.open('{tmp_path}/outside.txt')": "forbidden path",
        f"{F}.open('{r}/../outside.txt')": "without the use of `../`",
        f"{F}.open('{r}/link.txt')": "forbidden path",
        f"{F}.create('{tmp_path}/new.txt')": "forbidden path",
        f"{F}.readTextFileLines('{r}/link.txt').then((l) => l.next())": "forbidden path",
        f"{F}.watch('{tmp_path}', () => {{}})": "forbidden path",
        f"{F}.watchImmediate('{r}/../', () => {{}})": "without the use of `../`",
    }
    assert_refused(qtbot, app, refused)
    assert not (tmp_path / "new.txt").exists()
    app_errors.take(Exception)
    reader = plugin_app(
        make_app, qtbot, compat_dist, fs(scope=[str(root)]), permissions=["fs:default"]
    )
    (root / "r.txt").write_text("r")
    read = (
        f"{{ const h = await {F}.open('{r}/r.txt'); const b = new Uint8Array(1);"
        " await h.read(b); await h.close(); return b[0]; }"
    )
    assert outcome(qtbot, reader, read) == ["ok", ord("r")]
    for call, permission in {
        f"{F}.create('{r}/c.txt')": "fs:allow-create",
        f"(await {F}.open('{r}/r.txt')).write([1])": "fs:allow-write",
        f"(await {F}.open('{r}/r.txt')).truncate(0)": "fs:allow-ftruncate",
    }.items():
        kind, message = outcome(qtbot, reader, f"await {call}")
        assert kind == "error", call
        assert f"add the permission '{permission}'" in message, message
    writer = plugin_app(
        make_app, qtbot, compat_dist, fs(scope=[str(root)]), permissions=["fs:write-all"]
    )
    assert outcome(qtbot, writer, f"(await {F}.create('{r}/c.txt')).rid > 0")[1] is True
    kind, message = outcome(qtbot, writer, f"await {F}.watch('{r}', () => {{}})")
    assert "add the permission 'fs:allow-watch'" in message
