"""``python -m app``: run the bundled demo, or an app described by a config file (and its
Python side, ``--app``); ``python -m app new DIR`` and ``python -m app types``: see app/cli.py."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from . import cli
from .app import App
from .builder import Builder

log = logging.getLogger("app")

# Time between a page's load and its picture, so that its first events are on screen.
SCREENSHOT_DELAY_MS = 2500


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    if args.command is not None:
        return cli.run_subcommand(args)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    try:
        # A config alone is a frontend alone; neither means the bundled demo.
        plain = args.app is None and args.config is not None
        builder = Builder() if plain else cli.load_builder(args.app)
    except cli.CliError as error:
        print(f"python -m app: error: {error}", file=sys.stderr)
        return 2
    app = builder.build(args.config)
    if args.screenshot is not None:
        for label in app.windows():
            _screenshot_when_loaded(app, label, _screenshot_path(args.screenshot, label, app))
    if args.exit_after is not None:
        # exit(), not quit(): quit() asks each window to close, and a page may refuse.
        QTimer.singleShot(int(args.exit_after * 1000), lambda: QApplication.exit(0))
    try:
        return QApplication.exec()
    finally:
        app.close()


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    parser.add_argument("--config", type=Path, help="app config (JSON); default: the bundled demo")
    cli.add_app_option(parser)
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="PATH",
        help="save a PNG of each window once loaded (main.png -> main.png, main-second.png, ...)",
    )
    parser.add_argument(
        "--exit-after", type=float, metavar="SECONDS", help="quit after this many seconds"
    )
    cli.add_subcommands(parser)
    return parser.parse_args(argv)


def _screenshot_path(path: Path, label: str, app: App) -> Path:
    first = next(iter(app.windows()))
    return path if label == first else path.with_name(f"{path.stem}-{label}{path.suffix}")


def _screenshot_when_loaded(app: App, label: str, path: Path) -> None:
    window = app.get_window(label)
    assert window is not None

    def take() -> None:
        if window.is_open and window.webview.grab().save(str(path)):
            log.info("saved a screenshot of window %r to %s", label, path)
        else:
            log.error("could not save a screenshot of window %r to %s", label, path)

    def loaded(_ok: bool) -> None:
        window.page.loadFinished.disconnect(loaded)
        QTimer.singleShot(SCREENSHOT_DELAY_MS, take)

    window.page.loadFinished.connect(loaded)


if __name__ == "__main__":
    sys.exit(main())
