"""``python -m app``: run the bundled demo, or an app described by a config file (and its
Python side, ``--app``); the subcommands (``new``, ``types``) are in app/tools/cli.py."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from .builder import Builder, configure_logging, run_event_loop
from .displaycheck import DisplayUnavailable
from .errors import AlreadyRunning, ConfigError, StorageInUse
from .tools import cli
from .tools.screenshot import take_screenshots
from .tools.trace import trace_events
from .usererror import exit_status, report

log = logging.getLogger("app")


PROG = "python -m app"
DESCRIPTION = """\
Run a desktop app whose windows are web pages: the bundled demo, or yours (a config file
and, with --app, its Python side). Subcommands create an app, write its TypeScript types and
build it into a standalone folder."""
EXAMPLES = """\
examples:
  python -m app                                   run the bundled demo
  python -m app new myapp                         create an app in the folder myapp
  python -m app --app backend:builder --config app.json
                                                  run your app (from its folder)
  python -m app --app backend:builder --config app.json --dev
                                                  dev mode: reload on save, F12 for DevTools
  python -m app --screenshot shot.png --exit-after 5
                                                  save a picture of each window, then quit
  python -m app types --app backend:builder --out frontend/ipc.d.ts
                                                  TypeScript types of the app's commands
  python -m app build --app backend:builder --config app.json
                                                  a standalone folder in dist/ (PyInstaller)

Without a display, the app runs offscreen (stop it with Ctrl+C; --screenshot shows what
it draws). If Qt lacks system libraries for the X11 display, the app names the packages to
install; QTAURI_OFFSCREEN_FALLBACK=1 runs it offscreen instead. Run
'python -m app COMMAND --help' for a subcommand's options."""


def main(argv: list[str] | None = None, *, prog: str = PROG) -> int:
    """``prog``: the name in messages (a built app passes its own)."""
    args = _parse(argv, prog)
    try:
        return _main(args, prog)
    except (cli.CliError, ConfigError, DisplayUnavailable, StorageInUse) as error:
        return report(prog, error, debug=args.log_level == "DEBUG", status=exit_status(error))


def _main(args: argparse.Namespace, prog: str) -> int:
    if args.command is not None:
        # Options of a run mean nothing to new/types: say so rather than ignore them.
        run_only = [
            flag
            for flag, given in (
                ("--dev", args.dev),
                ("--trace-events", args.trace_events),
                ("--screenshot", args.screenshot is not None),
                ("--exit-after", args.exit_after is not None),
                ("--config", args.config is not None),
            )
            if given
        ]
        if run_only:
            raise cli.CliError(
                f"{', '.join(run_only)} apply to running the app, not to {args.command!r}"
            )
        return cli.run_subcommand(args)
    configure_logging(args.log_level)
    if args.dev:
        from .dev.child import is_dev_child

        if not is_dev_child():
            from .dev.supervisor import supervise

            # The outer process only supervises; the child (same command line) runs the app.
            return supervise(args.config, args.app)
    # A config alone is a frontend alone; neither means the bundled demo.
    plain = args.app is None and args.config is not None
    builder = Builder() if plain else cli.load_builder(args.app)
    if args.trace_events:
        builder.setup_first(trace_events)  # the trace sees the setup hooks' emits
    try:
        app = builder.build(args.config, dev=args.dev)
    except AlreadyRunning as handed:  # a single-instance app's second launch: done
        print(f"{prog}: {handed}", file=sys.stderr)
        return 0
    if args.screenshot is not None:
        take_screenshots(app, args.screenshot)
    if args.exit_after is not None:
        # exit(), not quit(): quit() asks each window to close, and a page may refuse.
        QTimer.singleShot(int(args.exit_after * 1000), lambda: QApplication.exit(0))
    return run_event_loop(app)


def _parse(argv: list[str] | None, prog: str = PROG) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
    parser.add_argument(
        "--dev",
        action="store_true",
        help="dev mode: reload windows when frontend files are saved, restart when Python "
        "files are, F12 opens an inspector, the DevTools port is printed, build.beforeDevCommand "
        "is run and build.devUrl used",
    )
    parser.add_argument(
        "--trace-events",
        action="store_true",
        help="log each event's route: who got it, or that it was dropped (logger app.trace)",
    )
    parser.add_argument(
        "--log-level",
        default="INFO",
        type=str.upper,
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="the least important log messages shown (default: INFO)",
    )
    cli.add_subcommands(parser)
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
