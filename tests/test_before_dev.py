"""``build.beforeDevCommand``: read from the config (both of Tauri's forms, v1 and v2), run by
the dev supervisor with real processes: its output shown, the app started once it is ready
(devUrl answers, or it has finished with ``wait``), one error line when it fails, and its whole
process group gone with the app (and left alone when the app restarts)."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.beforecommands import BeforeCommand, BeforeCommandError, parse_before_command
from app.config import load_config
from app.dev.beforedev import PREFIX, BeforeDevRunner
from app.environment import REMOTE_DEBUGGING
from app.errors import ConfigError
from tests.test_dev_cli import ROOT, Output, free_port

PY = f'"{sys.executable}"'
# A dev server: answers every GET with a page whose script fetches /loaded, which it reports.
SERVER = """import http.server, os, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/loaded":
            print("the page ran its script", flush=True)
        body = b"<!doctype html><p>served</p><script>fetch('/loaded')</script>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
print(f"serving, pid {os.getpid()}", flush=True)
server.serve_forever()
"""


def gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (a zombie not yet reaped by init counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


# -- the config ----------------------------------------------------------------------------


def test_both_forms_and_where_they_run(tmp_path: Path) -> None:
    assert parse_before_command("npm run dev", tmp_path) == BeforeCommand("npm run dev", tmp_path)
    # src-tauri/tauri.conf.json: Tauri runs it in the project (frontend) folder above.
    tauri_dir = tmp_path / "src-tauri"
    assert parse_before_command("x", tauri_dir) == BeforeCommand("x", tmp_path)
    assert parse_before_command({"script": "x", "cwd": "web", "wait": True}, tauri_dir) == (
        BeforeCommand("x", tmp_path / "web", wait=True)
    )
    assert parse_before_command("", tmp_path) is None
    for bad, problem in (
        (3, "expected a string or an object"),
        ({"script": ""}, "'script' must be a non-empty string"),
        ({"script": "x", "wait": "yes"}, "'wait' must be true or false"),
        ({"script": "x", "cwd": 1}, "'cwd' must be a string"),
        ({"script": "x", "detach": True}, "unknown key(s) 'detach'"),
    ):
        with pytest.raises(BeforeCommandError, match=re.escape(problem)):
            parse_before_command(bad, tmp_path)


def test_the_config_keeps_it_in_dev_mode_only_v1_and_v2(tmp_path: Path) -> None:
    (tmp_path / "dist").mkdir()
    v2 = {"build": {"frontendDist": "dist", "beforeDevCommand": {"script": "make", "wait": True}}}
    v1 = {"build": {"distDir": "dist", "beforeDevCommand": "npm run dev"}, "tauri": {}}
    for name, data, expected in (
        ("v2.json", v2, BeforeCommand("make", tmp_path, wait=True)),
        ("v1.json", v1, BeforeCommand("npm run dev", tmp_path)),
    ):
        (tmp_path / name).write_text(json.dumps(data))
        assert load_config(tmp_path / name, dev=True).before_dev_command == expected
        plain = load_config(tmp_path / name)
        assert plain.before_dev_command is None
        assert "build.beforeDevCommand" not in plain.ignored_keys  # honoured, not "no effect"
    bad = {"build": {"frontendDist": "dist", "beforeDevCommand": {"run": "x"}}}
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    with pytest.raises(ConfigError, match=r"build\.beforeDevCommand: unknown key\(s\) 'run'"):
        load_config(tmp_path / "bad.json")


# -- the runner, with real processes -------------------------------------------------------


def runner(
    script: str,
    cwd: Path,
    *,
    wait: bool = False,
    dev_url: str | None = None,
    timeout_s: float = 180,
) -> tuple[BeforeDevRunner, io.StringIO, list[str]]:
    said: list[str] = []
    output = io.StringIO()
    made = BeforeDevRunner(
        BeforeCommand(script, cwd, wait),
        dev_url,
        say=said.append,
        output=output,
        timeout_s=timeout_s,
    )
    return made, output, said


def test_wait_true_starts_the_app_once_the_command_has_finished(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # Tauri's hook variables are set, with dev mode's TAURI_ENV_DEBUG (v1's name too).
    write = (
        "pathlib.Path('out').write_text(os.environ['TAURI_ENV_DEBUG'] + os.environ['TAURI_DEBUG'])"
    )
    script = f"{PY} -c \"import os, pathlib; print('built'); {write}\""
    run, output, _said = runner(script, tmp_path, wait=True)
    with qtbot.waitSignal(run.ready, timeout=20_000):
        run.start()
    assert run.pid is not None
    assert gone(run.pid)
    assert (tmp_path / "out").read_text() == "truetrue"
    assert output.getvalue() == f"{PREFIX}built\n"
    run.stop()


@pytest.mark.parametrize(
    ("script", "wait", "expected"),
    [
        ("echo oops; exit 3", True, "beforeDevCommand 'echo oops; exit 3' exited with code 3"),
        ("exit 4", False, "'exit 4' exited with code 4 before the app could start"),
        ("no-such-command-qtauri", False, "exited with code 127 before the app could start"),
    ],
)
def test_a_failing_command_gives_one_error_line(
    qtbot: QtBot, tmp_path: Path, script: str, wait: bool, expected: str
) -> None:
    # A dev URL nobody serves: only the command's end can decide.
    run, output, _said = runner(
        script, tmp_path, wait=wait, dev_url=f"http://127.0.0.1:{free_port()}"
    )
    ready: list[bool] = []
    run.ready.connect(lambda: ready.append(True))
    with qtbot.waitSignal(run.failed, timeout=20_000) as failed:
        run.start()
    assert failed.args is not None
    assert expected in failed.args[0]
    assert ready == []
    if script.startswith("echo"):
        assert output.getvalue() == f"{PREFIX}oops\n"
    run.stop()


def test_a_command_that_cannot_start(qtbot: QtBot, tmp_path: Path) -> None:
    run, _output, _said = runner("true", tmp_path / "missing")
    with qtbot.waitSignal(run.failed, timeout=5_000) as failed:
        run.start()
    assert failed.args is not None
    assert failed.args[0].startswith("beforeDevCommand 'true' could not start: ")
    assert "missing" in failed.args[0]
    run.stop()


def test_a_dev_url_that_never_answers_times_out_and_stop_ends_the_whole_group(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # The shell starts a grandchild that waits forever and says its pid.
    grandchild = f'{PY} -c "import os, signal; print(os.getpid(), flush=True); signal.pause()"'
    url = f"http://127.0.0.1:{free_port()}"
    run, output, _said = runner(f"{grandchild} & wait", tmp_path, dev_url=url, timeout_s=0.5)
    with qtbot.waitSignal(run.failed, timeout=20_000) as failed:
        run.start()
    assert failed.args == [
        f"{url} (build.devUrl) did not answer within 0.5 s of starting beforeDevCommand: "
        "is it the address the dev server serves?"
    ]
    qtbot.waitUntil(lambda: output.getvalue() != "", timeout=20_000)
    pid = int(output.getvalue().removeprefix(PREFIX))
    assert not gone(pid)
    run.stop()
    assert gone(pid)


# -- python -m app --dev -------------------------------------------------------------------


@pytest.mark.webengine
def test_dev_mode_runs_the_command_loads_its_page_and_ends_it_with_the_app(
    tmp_path: Path,
) -> None:
    port = free_port()
    (tmp_path / "dist").mkdir()
    (tmp_path / "backend.py").write_text("VERSION = 1\n")
    (tmp_path / "server.py").write_text(SERVER)
    config = {
        "build": {
            "frontendDist": "dist",
            "devUrl": f"http://127.0.0.1:{port}",
            "beforeDevCommand": f"{PY} server.py {port}",  # in the config's folder
        },
        "app": {"windows": [{"label": "main", "url": "index.html"}]},
    }
    (tmp_path / "app.json").write_text(json.dumps(config))
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--dev", "--config", str(tmp_path / "app.json")],
        start_new_session=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", REMOTE_DEBUGGING: f"127.0.0.1:{free_port()}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = Output(process)
    try:
        server = output.wait_for(f"{PREFIX}serving, pid ")
        server_pid = int(server.rpartition(" ")[2])
        output.wait_for(f"{PREFIX}the page ran its script")  # the window loaded devUrl's page
        # A backend restart keeps the command running: it belongs to the supervisor.
        (tmp_path / "backend.py").write_text("VERSION = 2\n")
        output.wait_for("restarting the app")
        output.wait_for(f"{PREFIX}the page ran its script")
        assert sum("serving, pid" in line for line in output.lines) == 1
        assert not gone(server_pid)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
        assert gone(server_pid)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        output.close()


def test_dev_mode_stops_with_one_error_line_when_the_command_fails(tmp_path: Path) -> None:
    (tmp_path / "dist").mkdir()
    command = {"script": "echo compiling; exit 2", "wait": True}
    config = {"build": {"frontendDist": "dist", "beforeDevCommand": command}}
    (tmp_path / "app.json").write_text(json.dumps(config))
    result = subprocess.run(
        [sys.executable, "-m", "app", "--dev", "--config", str(tmp_path / "app.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == f"{PREFIX}compiling\n"
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [
        "qtauri dev: error: beforeDevCommand 'echo compiling; exit 2' exited with code 2"
    ]
    assert "started the app" not in result.stderr
