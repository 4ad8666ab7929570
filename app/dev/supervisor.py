"""``python -m app --dev``'s outer process: runs the app in a child process and restarts it when
a Python file of the app is saved, as ``uvicorn --reload`` does.

A restart is clean: the child is asked to stop (SIGTERM, which it turns into a normal exit:
``App.close()`` runs, the windows close) and the new child starts only once the old one has
exited; one that does not exit in ``STOP_TIMEOUT_MS`` is killed, and that is said. A child that
fails (a syntax error, an exception in setup) is not restarted until the next save; one that
the user closes (exit code 0) ends dev mode, like ``tauri dev``. Ctrl+C stops both. The
config's ``build.beforeDevCommand`` runs for as long as the supervisor (``beforedev``).
"""

from __future__ import annotations

import importlib.machinery
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, QTimer

from ..config import load_config
from ..errors import ConfigError
from .beforedev import BeforeDevRunner
from .child import DEV_CHILD_ENV
from .signals import SignalWatcher
from .watcher import TreeWatcher

STOP_TIMEOUT_MS = 10_000
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # app/


def say(message: str) -> None:
    print(f"qtauri dev: {message}", file=sys.stderr, flush=True)


def python_roots(*anchors: Path) -> list[Path]:
    """Where the app's Python files are: this package, and the folders of ``anchors`` (the
    script that was run, the config), less those inside another."""
    folders = {PACKAGE_DIR, *(anchor.resolve().parent for anchor in anchors)}
    return sorted(
        folder
        for folder in folders
        if not any(other != folder and folder.is_relative_to(other) for other in folders)
    )


class Supervisor(QObject):
    def __init__(
        self,
        args: Sequence[str],
        roots: Iterable[Path],
        also_watch: Iterable[Path] = (),
        *,
        quiet_ms: int = 300,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._args = list(args)
        extra = {path.resolve() for path in also_watch}
        self.watcher = TreeWatcher(
            roots,
            accept=lambda path: path.suffix == ".py" or path in extra,
            quiet_ms=quiet_ms,
            parent=self,
        )
        self.watcher.changed.connect(self._changed)
        self._process: QProcess | None = None
        self._restart = False
        self._stopping = False
        self._kill_timer = QTimer(self)
        self._kill_timer.setSingleShot(True)
        self._kill_timer.timeout.connect(self._kill)

    def start(self) -> None:
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedChannels)
        environment = QProcessEnvironment.systemEnvironment()
        environment.insert(DEV_CHILD_ENV, "1")
        process.setProcessEnvironment(environment)
        process.finished.connect(self._finished)
        self._process = process
        process.start(sys.executable, self._args)
        if process.waitForStarted(10_000):
            say(f"started the app (pid {process.processId()})")
        else:
            say(f"could not start the app: {process.errorString()}")
            self._process = None

    def stop(self, _signal: int = 0) -> None:
        """Stop the child, then the supervisor (Ctrl+C, SIGTERM)."""
        self._stopping = True
        if not self._terminate():
            QCoreApplication.exit(0)

    def _changed(self, paths: frozenset[Path]) -> None:
        if self._stopping:
            return
        names = ", ".join(sorted(_shown(path) for path in paths))
        say(f"{names} changed: restarting the app")
        self._restart = True
        if not self._terminate():
            self._restart = False
            self.start()

    def _terminate(self) -> bool:
        """Ask the running child to stop; ``False`` if there is none."""
        process = self._process
        if process is None or process.state() == QProcess.ProcessState.NotRunning:
            return False
        process.terminate()
        self._kill_timer.start(STOP_TIMEOUT_MS)
        return True

    def _kill(self) -> None:
        if self._process is not None:
            say(f"the app did not stop in {STOP_TIMEOUT_MS / 1000:.0f} s: killing it")
            self._process.kill()

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._kill_timer.stop()
        if self._process is not None:
            self._process.deleteLater()
            self._process = None
        crashed = status == QProcess.ExitStatus.CrashExit
        if crashed or code != 0:
            say(f"the app exited with code {code}" + (" (killed or crashed)" if crashed else ""))
        else:
            say("the app stopped cleanly (exit code 0)")
        if self._stopping:
            QCoreApplication.exit(0)
        elif self._restart:
            self._restart = False
            self.start()
        elif crashed or code != 0:
            say("waiting for a change to a Python file to start it again")
        else:
            say("the app was closed: dev mode ends")
            QCoreApplication.exit(0)


def module_file(reference: str | None) -> Path | None:
    """The file of ``MODULE``'s top package or module in an ``--app MODULE:NAME`` reference,
    found without importing anything (from the current folder first, as ``--app`` imports
    it); ``None`` if there is none."""
    if not reference:
        return None
    top = reference.partition(":")[0].partition(".")[0]
    if not top.isidentifier():
        return None
    spec = importlib.machinery.PathFinder.find_spec(top, [str(Path.cwd()), *sys.path])
    return Path(spec.origin) if spec is not None and spec.origin else None


def supervise(config: Path | str | None = None, app: str | None = None) -> int:
    """Run this process's command line again as a child (which runs the app in dev mode),
    restarting it when a Python file of the app (the folder of ``app``'s module, of the
    script, of the config), or the config, is saved. Returns when the app is closed, or on
    Ctrl+C / SIGTERM."""
    application = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    config_path = Path(config) if config is not None else None
    # The script's folder holds the app's modules; not so an entry point (bin/qtauri).
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0].endswith(".py") else None
    anchors = (script, config_path, module_file(app))
    roots = python_roots(*(anchor for anchor in anchors if anchor is not None))
    also = [config_path] if config_path is not None else []
    # sys.orig_argv: the interpreter's own options and `-m app` or the script, as typed.
    supervisor = Supervisor(sys.orig_argv[1:], roots, also)
    signals = SignalWatcher(supervisor.stop)
    say("watching the Python files under " + ", ".join(str(root) for root in roots))
    runner = before_dev_runner(config_path)
    if runner is None:
        supervisor.start()
    else:
        runner.ready.connect(supervisor.start)
        runner.failed.connect(lambda line: _give_up(line))
        runner.start()
    try:
        return application.exec()
    finally:
        if runner is not None:
            runner.stop()  # after the app: it may still be talking to the dev server
        supervisor.watcher.close()
        signals.restore()


def before_dev_runner(config: Path | None) -> BeforeDevRunner | None:
    """The runner of the config's ``build.beforeDevCommand``, if it has one. It belongs to the
    supervisor (started once, not at each restart of the app). A config that does not load is
    left to the app, which says why and waits for a fix."""
    if config is None:
        return None
    try:
        loaded = load_config(config, dev=True, warn=False)
    except ConfigError:
        return None
    if loaded.before_dev_command is None:
        return None
    return BeforeDevRunner(loaded.before_dev_command, loaded.dev_url, say=say)


def _give_up(line: str) -> None:
    say(f"error: {line}")
    QCoreApplication.exit(1)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
