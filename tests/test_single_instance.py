"""Single instance (issue 15, item 9): a second launch of a single-instance app, a real
process, hands its argv and working folder to the first and exits 0; the first gets the
``single-instance`` event (Python listeners and pages) and its callback. Bad messages are
dropped, a socket a crashed instance left is taken over, and the app's close frees the name."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QDir
from PySide6.QtNetwork import QLocalSocket

from app import AlreadyRunning, App, Builder, Event
from app.desktop import single_instance
from app.desktop.single_instance import claim, hand_over, server_name
from tests.conftest import PAGES, page_config
from tests.js import eval_js, wait_js, wait_loaded

ROOT = Path(__file__).resolve().parent.parent
# A single-instance app: argv[1] is its key, argv[2] a file to write once it runs (the first
# instance); it prints each handover as a JSON line and ends after the first.
APP_SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication
from app import Builder

key, ready = sys.argv[1], sys.argv[2]

def handed(app, args, cwd):
    print(json.dumps({"args": args, "cwd": cwd}), flush=True)
    QApplication.exit(0)

config = {"build": {"frontendDist": PAGES}, "app": {"windows": [{"url": "recorder.html"}]}}
builder = Builder().single_instance(handed, key=key)
builder.setup(lambda app: open(ready, "w").close())
sys.exit(builder.run(config))
"""


@pytest.fixture
def key() -> str:
    return f"qtauri-test-{uuid.uuid4()}"


@pytest.fixture
def app_script(tmp_path: Path) -> Path:
    script = tmp_path / "single_app.py"
    script.write_text(APP_SCRIPT.replace("PAGES", repr(str(PAGES))), encoding="utf-8")
    return script


def launch(script: Path, *args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_DISABLE_SANDBOX": "1",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--disable-gpu",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(qtbot: Any, process: subprocess.Popen[str], timeout: int = 60_000) -> tuple[str, str]:
    """Wait (serving Qt's events meanwhile) until ``process`` ends; its stdout and stderr."""
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=timeout)
    return process.communicate()


@pytest.mark.webengine
def test_a_second_process_hands_its_arguments_to_the_app(
    make_app: Callable[..., App], qtbot: Any, key: str, app_script: Path, tmp_path: Path
) -> None:
    calls: list[tuple[App, list[str], str]] = []
    builder = Builder().single_instance(lambda *call: calls.append(call), key=key)
    app = make_app(page_config("main", readyGraceMs=0), builder=builder)
    wait_loaded(qtbot, app)
    heard: list[Event] = []
    app.listen_global("single-instance", heard.append)
    main = app.window("main")
    eval_js(qtbot, main, "(await api.listen('single-instance', record('second')), true)")
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    second = launch(app_script, key, str(tmp_path / "never"), "--open", "a b.txt", cwd=folder)
    out, err = finish(qtbot, second)
    assert second.returncode == 0, err
    assert out == ""  # the second launch ran no app: its callback never ran
    assert not (tmp_path / "never").exists()  # nor its setup
    expected = {
        "args": [str(app_script), key, str(tmp_path / "never"), "--open", "a b.txt"],
        "cwd": str(folder),
    }
    qtbot.waitUntil(lambda: len(calls) == 1)
    assert calls == [(app, expected["args"], expected["cwd"])]
    assert [(e.event, e.window_label, e.payload) for e in heard] == [
        ("single-instance", None, expected)
    ]
    wait_js(qtbot, main, "tagged('second').length === 1")
    assert eval_js(qtbot, main, "tagged('second')[0].payload") == expected


@pytest.mark.webengine
def test_two_launches_of_the_same_app(
    qtbot: Any, key: str, app_script: Path, tmp_path: Path
) -> None:
    ready = tmp_path / "ready"
    first = launch(app_script, key, str(ready), cwd=tmp_path)
    try:
        qtbot.waitUntil(lambda: ready.exists() or first.poll() is not None, timeout=60_000)
        assert first.poll() is None, first.communicate()[1]
        second = launch(app_script, key, str(tmp_path / "not-me"), "--flag", cwd=ROOT)
        _, err = finish(qtbot, second)
        assert second.returncode == 0, err
        out, err = finish(qtbot, first)
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
    assert first.returncode == 0, err
    assert json.loads(out) == {
        "args": [str(app_script), key, str(tmp_path / "not-me"), "--flag"],
        "cwd": str(ROOT),
    }
    assert not (tmp_path / "not-me").exists()


# -- in one process: the server's rules -------------------------------------------------------


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    """In one thread, the first instance cannot answer a claim made from the same thread:
    the claim waits for its answer this long, not the usual 3 s."""
    monkeypatch.setattr(single_instance, "TIMEOUT_MS", 300)


def test_a_second_claim_in_process_raises_already_running(
    qtbot: Any, key: str, quick: None
) -> None:
    first = claim(key, ["first"], "/")
    try:
        with pytest.raises(AlreadyRunning, match="another instance of"):
            claim(key, ["second"], "/")
    finally:
        first.close()
    assert not hand_over(server_name(key), [], "/")  # closed: nobody listens any more


@pytest.mark.webengine
def test_bad_messages_are_dropped_and_the_app_keeps_serving(
    make_app: Callable[..., App],
    qtbot: Any,
    key: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = make_app(page_config("main"), builder=Builder().single_instance(key=key))
    heard: list[Any] = []
    app.listen_global("single-instance", lambda e: heard.append(e.payload))
    for message in (b"not json\n", b'{"args": "x", "cwd": "/"}\n', b'{"args": [1], "cwd": "/"}\n'):
        client = QLocalSocket()
        client.connectToServer(server_name(key))
        assert client.waitForConnected(3000)
        client.write(QByteArray(message))
        client.waitForBytesWritten(3000)
        qtbot.waitUntil(
            lambda c=client: c.state() == QLocalSocket.LocalSocketState.UnconnectedState
        )
    assert heard == []
    assert [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()] == [
        "single instance: a message that is not JSON; dropped",
        "single instance: a message without {args: [str], cwd: str}; dropped",
        "single instance: a message without {args: [str], cwd: str}; dropped",
    ]
    # A good one after them is served (answered from this process's own loop: a helper
    # process would be slower for the same check).
    client = QLocalSocket()
    client.connectToServer(server_name(key))
    assert client.waitForConnected(3000)
    client.write(QByteArray(b'{"args": ["x"], "cwd": "/tmp"}\n'))
    qtbot.waitUntil(lambda: heard == [{"args": ["x"], "cwd": "/tmp"}])
    app.close()
    assert not hand_over(server_name(key), [], "/")  # the app's close freed the name


def test_a_socket_left_by_a_crashed_instance_is_taken_over(
    qtbot: Any, key: str, quick: None
) -> None:
    path = QDir(QDir.tempPath()).filePath(server_name(key))
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(path)  # a socket file that nobody listens on, as a crash leaves it
    stale.close()
    assert Path(path).exists()
    server = claim(key, [], "/")
    try:
        assert server.name == path
        # Someone listens there now: a second claim hands over instead.
        with pytest.raises(AlreadyRunning):
            claim(key, [], "/")
    finally:
        server.close()
