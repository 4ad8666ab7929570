"""``python -m app --dev`` as a user runs it: the app in a child process, restarted cleanly when
a Python file is saved, with the DevTools port served; ``--trace-events`` and the log format."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.dev.supervisor import PACKAGE_DIR, module_file, python_roots
from app.environment import REMOTE_DEBUGGING, enable_remote_debugging

pytestmark = pytest.mark.webengine
ROOT = Path(__file__).resolve().parent.parent


class Output:
    """A child's merged output, line by line, as it comes (read by a thread)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        assert process.stdout is not None
        self._stream = process.stdout
        self._reader = threading.Thread(target=self._read, args=(self._stream,), daemon=True)
        self._reader.start()

    def close(self) -> None:
        """Once the process has ended: the reader reaches the end, then the pipe closes."""
        self._reader.join(timeout=30)
        self._stream.close()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, text: str, timeout: float = 60) -> str:
        """The next line containing ``text``; fails with the output so far if none comes."""
        while True:
            try:
                line = self._queue.get(timeout=timeout)
            except queue.Empty:
                pytest.fail(f"no line with {text!r} within {timeout} s:\n" + "\n".join(self.lines))
            if line is None:
                pytest.fail(f"output ended before {text!r}:\n" + "\n".join(self.lines))
            self.lines.append(line)
            if text in line:
                return line


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "index.html").write_text("<!doctype html><p>hello</p>", encoding="utf-8")
    (tmp_path / "backend.py").write_text("VERSION = 1\n", encoding="utf-8")
    # A venv (by name, and by its pyvenv.cfg) and build output beside the app's modules.
    for skipped in ("venv/lib/site.py", ".venv-3.13/lib/site.py", "build/lib/backend.py"):
        (tmp_path / skipped).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / skipped).write_text("X = 1\n", encoding="utf-8")
    (tmp_path / ".venv-3.13" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    config = {"build": {"frontendDist": "dist"}, "app": {"windows": [{"label": "main"}]}}
    (tmp_path / "app.json").write_text(json.dumps(config), encoding="utf-8")
    return tmp_path


MAIN = """import sys
from pathlib import Path

import backend  # noqa: F401 (the app's own module: saving it restarts the app)
from app import Builder

sys.exit(Builder().run(Path(__file__).with_name("app.json"), dev="--dev" in sys.argv))
"""


@pytest.fixture(params=["python -m app", "a script"])
def dev_run(
    project: Path, request: pytest.FixtureRequest
) -> Iterator[tuple[subprocess.Popen[str], Output, int]]:
    """``python -m app --dev --config app.json``, or an app's own script run with ``--dev``."""
    port = free_port()
    env = {**os.environ, REMOTE_DEBUGGING: f"127.0.0.1:{port}", "PYTHONUNBUFFERED": "1"}
    if request.param == "a script":
        (project / "main.py").write_text(MAIN, encoding="utf-8")
        command = [sys.executable, str(project / "main.py"), "--dev"]
    else:
        command = [sys.executable, "-m", "app", "--dev", "--config", str(project / "app.json")]
    process = subprocess.Popen(
        command,
        start_new_session=True,  # so that the teardown can end the app under the supervisor
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = Output(process)
    try:
        yield process, output, port
    finally:
        if process.poll() is None:  # the test failed: end the supervisor and the app it runs
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        output.close()


def test_a_python_save_restarts_the_app_cleanly(
    dev_run: tuple[subprocess.Popen[str], Output, int], project: Path
) -> None:
    process, output, port = dev_run
    first = output.wait_for("qtauri dev: started the app (pid ")
    output.wait_for(f"DevTools of every page: http://127.0.0.1:{port}")
    output.wait_for("window 'main': loaded tauri://localhost/index.html")
    # The remote debugging server lists the page.
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
        targets = json.load(answer)
    assert "tauri://localhost/index.html" in [target["url"] for target in targets]

    # Saves in a venv and in build output restart nothing: only backend.py is named.
    for skipped in ("venv/lib/site.py", ".venv-3.13/lib/site.py", "build/lib/backend.py"):
        (project / skipped).write_text("X = 2\n", encoding="utf-8")
    (project / "backend.py").write_text("VERSION = 2\n", encoding="utf-8")
    restart = output.wait_for("changed: restarting the app")
    assert restart.endswith(f"dev: {project / 'backend.py'} changed: restarting the app"), restart
    # The old app closes (App.close ran, its window too) before the new one starts.
    output.wait_for("window 'main': closed")
    output.wait_for("app: the app is closed")
    output.wait_for("qtauri dev: the app stopped cleanly (exit code 0)")
    second = output.wait_for("qtauri dev: started the app (pid ")
    assert second != first
    output.wait_for("window 'main': loaded tauri://localhost/index.html")

    # Ctrl+C (or a kill) stops both, cleanly.
    process.send_signal(signal.SIGTERM)
    output.wait_for("app: the app is closed")
    output.wait_for("qtauri dev: the app stopped cleanly (exit code 0)")
    assert process.wait(timeout=30) == 0
    assert not any("Traceback" in line for line in output.lines), "\n".join(output.lines)


def test_a_broken_save_waits_for_the_next_one(
    dev_run: tuple[subprocess.Popen[str], Output, int], project: Path
) -> None:
    process, output, _port = dev_run
    output.wait_for("window 'main': loaded")
    # A config the app cannot load: the child fails, the supervisor waits for a fix.
    (project / "app.json").write_text("{not json", encoding="utf-8")
    output.wait_for("app.json changed: restarting the app")
    # One line naming the file (no traceback), status 2 (a config mistake).
    line = output.wait_for("not valid JSON")
    assert line.split(": error: ")[1].startswith(str(project / "app.json"))
    output.wait_for("qtauri dev: the app exited with code 2")
    output.wait_for("waiting for a change")
    config = {"build": {"frontendDist": "dist"}, "app": {"windows": [{"label": "main"}]}}
    (project / "app.json").write_text(json.dumps(config), encoding="utf-8")
    output.wait_for("qtauri dev: started the app")
    output.wait_for("window 'main': loaded")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert not any("Traceback" in line for line in output.lines), "\n".join(output.lines)


def test_trace_events_and_the_log_format_from_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "--trace-events", "--exit-after", "4"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    # "HH:MM:SS LEVEL   logger: message"
    assert any(
        line[8:].startswith(" INFO    app.web.window: window 'main': loaded") for line in lines
    ), result.stderr
    # The demo's setup emits backend-hello to every page before they load.
    assert (
        "app.trace: emit 'backend-hello' from the backend on the global channel -> "
        "kept for loading page(s) main, second" in result.stderr
    )
    quiet = subprocess.run(
        [sys.executable, "-m", "app", "--log-level", "warning", "--exit-after", "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert quiet.returncode == 0, quiet.stderr
    assert "INFO" not in quiet.stderr


def test_remote_debugging_keeps_a_given_port_or_picks_a_free_one() -> None:
    given = {REMOTE_DEBUGGING: "127.0.0.1:9333"}
    assert enable_remote_debugging(given) == "http://127.0.0.1:9333"
    port_only = {REMOTE_DEBUGGING: "9444"}
    assert enable_remote_debugging(port_only) == "http://127.0.0.1:9444"
    with socket.socket() as busy:
        with contextlib.suppress(OSError):  # if something else holds it, it is busy all the same
            busy.bind(("127.0.0.1", 9222))
        env: dict[str, str] = {}
        address = enable_remote_debugging(env)
    assert env[REMOTE_DEBUGGING] == address.removeprefix("http://")
    assert not address.endswith(":9222")


def test_python_roots(tmp_path: Path) -> None:
    assert python_roots() == [PACKAGE_DIR]
    assert python_roots(tmp_path / "app.json") == sorted([PACKAGE_DIR, tmp_path])
    # The package is inside the config's folder (the repository's root): that folder alone.
    assert python_roots(ROOT / "app.json", PACKAGE_DIR / "__main__.py") == [ROOT]


def test_the_folder_of_an_app_module_is_watched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "backend.py").write_text("builder = None\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    monkeypatch.chdir(tmp_path)
    assert module_file("backend:builder") == tmp_path / "backend.py"
    assert module_file("pkg.sub:builder") == tmp_path / "pkg" / "__init__.py"
    assert module_file("no_such_module:x") is None
    assert module_file(None) is None
    roots = python_roots(module_file("backend:builder") or Path())
    assert tmp_path in roots


def test_a_new_apps_backend_runs_in_dev_mode(tmp_path: Path) -> None:
    # python -m app new's backend.py takes --dev, as the tutorial's app does (issue 16).
    from app.tools.scaffold import create_app

    project = tmp_path / "notes"
    create_app(project)
    env = {**os.environ, REMOTE_DEBUGGING: f"127.0.0.1:{free_port()}", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "backend.py", "--dev"],
        start_new_session=True,
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = Output(process)
    try:
        output.wait_for("qtauri dev: started the app (pid ")
        output.wait_for("window 'main': loaded tauri://localhost/index.html")
        (project / "frontend" / "style.css").write_text("body { color: red }", encoding="utf-8")
        output.wait_for("style.css changed: reloading window 'main'")
        process.send_signal(signal.SIGTERM)
        output.wait_for("qtauri dev: the app stopped cleanly (exit code 0)")
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        output.close()
