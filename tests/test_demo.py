"""The app users launch: the bundled demo, in-process and through ``python -m app``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app import App
from app.environment import prepare_environment
from app.testing import AppErrors
from app.tools import demo
from tests.compat_build import build_demo
from tests.js import eval_js, wait_js, wait_loaded

pytestmark = pytest.mark.webengine
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def demo_app(make_app: Callable[..., App], qtbot: Any, caplog: pytest.LogCaptureFixture) -> App:
    """The bundled demo, built as ``python -m app`` builds it, with its pages ready."""
    caplog.set_level("INFO", logger="app.demo")
    app = make_app(None, setup=demo.setup, commands=demo.COMMANDS)
    wait_loaded(qtbot, app, ready_flag="window.__demoReady")
    return app


def test_the_demo_shows_every_kind_of_event(
    demo_app: App, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    main, second = demo_app.window("main"), demo_app.window("second")
    # backend-hello was emitted in setup, before the pages listened: both still show it.
    for window in (main, second):
        wait_js(qtbot, window, "document.body.innerText.includes('backend-hello')")
    # The background thread's ticks reach main only.
    wait_js(qtbot, main, "document.body.innerText.includes('backend-tick')", timeout=8000)
    assert not eval_js(qtbot, second, "document.body.innerText.includes('backend-tick')")
    # The buttons: a global emit from second, heard by the backend's global listener.
    eval_js(qtbot, second, "document.querySelector('button').click()")
    qtbot.waitUntil(lambda: "'demo-global' from second" in caplog.text)
    wait_js(qtbot, main, "document.body.innerText.includes('demo-global')")


def test_the_demo_ticker_stops_when_main_closes(
    demo_app: App, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    demo_app.window("main").close()
    qtbot.waitUntil(lambda: "its ticker stops" in caplog.text, timeout=5000)


def test_greet_command_answers_from_python(demo_app: App, qtbot: Any) -> None:
    answer = eval_js(
        qtbot, demo_app.window("second"), "__TAURI__.tauri.invoke('greet', {name: 'Ada'})"
    )
    assert answer == "Hello, Ada! (from Python)"


def test_python_m_app_runs_headless_and_saves_a_screenshot_of_each_window(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "QTWEBENGINE_"))}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    shot = tmp_path / "demo.png"
    result = subprocess.run(
        [sys.executable, "-m", "app", "--screenshot", str(shot), "--exit-after", "6"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no display found" in result.stderr  # it says why it runs offscreen,
    assert "Stop it with Ctrl+C" in result.stderr  # how to stop,
    assert "python -m app --screenshot shot.png" in result.stderr  # and how to see it
    for path in (shot, tmp_path / "demo-second.png"):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size > 10_000  # a real picture, not an empty frame
    assert "Traceback" not in result.stderr


def test_prepare_environment_falls_back_to_offscreen_without_a_display() -> None:
    env: dict[str, str] = {}
    notes = prepare_environment(env)
    if sys.platform.startswith("linux"):
        assert env["QT_QPA_PLATFORM"] == "offscreen"
        assert "--disable-gpu" in env["QTWEBENGINE_CHROMIUM_FLAGS"]
        assert any("no display" in note for note in notes)
    with_display = {"DISPLAY": ":0", "QTWEBENGINE_DISABLE_SANDBOX": "0"}
    assert prepare_environment(with_display) == []
    assert "QT_QPA_PLATFORM" not in with_display


def test_the_demo_panel_runs_commands_and_opens_and_closes_windows(
    demo_app: App, qtbot: Any, app_errors: AppErrors
) -> None:
    second = demo_app.window("second")
    click = "document.querySelector({!r}).click()"
    eval_js(qtbot, second, click.format("#cmd-fail"))
    wait_js(qtbot, second, "document.body.innerText.includes('ValueError: on purpose')")
    assert [str(error) for error in app_errors.take(ValueError)] == ["on purpose"]
    eval_js(qtbot, second, click.format("#cmd-async"))
    eval_js(qtbot, second, click.format("#cmd-slow"))
    wait_js(qtbot, second, "document.body.innerText.includes('144')", timeout=8000)
    wait_js(qtbot, second, "document.body.innerText.includes('from a coroutine')", timeout=8000)
    eval_js(qtbot, second, click.format("#ticker-start"))
    wait_js(qtbot, second, "document.querySelector('#ticker-state').innerText.includes('running')")
    eval_js(qtbot, second, click.format("#open-window"))
    qtbot.waitUntil(lambda: len(demo_app.windows()) == 3)
    third = next(label for label in demo_app.windows() if label not in ("main", "second"))
    eval_js(qtbot, second, click.format(f"#close-window-{third}"))
    qtbot.waitUntil(lambda: len(demo_app.windows()) == 2)


def test_the_demo_opens_a_page_built_with_each_tauri_package(demo_app: App, qtbot: Any) -> None:
    build_demo()  # what `make run` does before starting the demo
    main = demo_app.window("main")
    heard: list[tuple[str | None, Any]] = []
    demo_app.listen_global("demo-global", lambda e: heard.append((e.window_label, e.payload)))
    for version in ("v1", "v2"):
        label = f"tauri-{version}"
        eval_js(qtbot, main, f"document.getElementById('open-{version}').click()")
        qtbot.waitUntil(lambda label=label: demo_app.get_window(label) is not None)
        page = demo_app.window(label)
        wait_js(qtbot, page, "window.__demoReady", timeout=10_000)
        assert eval_js(qtbot, page, "document.getElementById('self-label').textContent") == label
        eval_js(qtbot, page, "document.getElementById('emit-global').click()")
        qtbot.waitUntil(lambda label=label: any(source == label for source, _ in heard))
        # The demo's own page, on our API, hears what the package's page emitted.
        wait_js(
            qtbot, main, f"document.getElementById('log').textContent.includes('tauri {version}')"
        )
    assert [payload["api"] for _, payload in heard] == ["tauri v1", "tauri v2"]
    v2 = demo_app.window("tauri-v2")
    eval_js(qtbot, v2, "document.getElementById('stream').click()")
    wait_js(qtbot, v2, "document.getElementById('progress').value === 99", timeout=10_000)
    wait_js(qtbot, v2, "document.getElementById('log').textContent.includes('streamed 100')")


def test_the_demo_has_a_tray_menu_and_a_drop_zone(
    demo_app: App, qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtGui import QAction

    from tests.drag import drag, files

    main, second = demo_app.window("main"), demo_app.window("second")
    tray = demo.trays[id(demo_app)]
    assert tray.menu is not None
    assert [a.text() for a in tray.menu.actions() if a.text()] == [
        "Show the main window",
        "Say hello to every window",
        "Quit",
    ]
    hello = tray.menu.findChild(QAction, "hello")
    assert isinstance(hello, QAction)
    hello.trigger()
    for window in (main, second):
        wait_js(qtbot, window, "document.body.innerText.includes('Hello from the tray')")
        wait_js(qtbot, window, "document.body.innerText.includes('tauri://menu')")
    dropped = tmp_path / "notes.txt"
    dropped.write_text("x")
    target = main.webview.focusProxy()
    assert target is not None
    drag(target, files(dropped))
    wait_js(
        qtbot, main, "document.getElementById('drop-zone').textContent === 'Dropped: notes.txt'"
    )
