"""The subcommands of ``python -m app``: ``new`` (scaffold an app) and ``types`` (TypeScript
declarations of an app's commands and events), and ``--app``, which names an app's Builder."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from ..builder import Builder


class CliError(Exception):
    """A user error the command reports in one line, exiting with status 2."""


def add_app_option(parser: argparse.ArgumentParser, *, in_subcommand: bool = False) -> None:
    parser.add_argument(
        "--app",
        metavar="MODULE:NAME",
        # In a subcommand, no default: it would overwrite an --app given before the subcommand.
        default=argparse.SUPPRESS if in_subcommand else None,
        help="your app's Builder, or a function returning one (e.g. backend:builder); "
        "MODULE is imported from the current folder. Default: the bundled demo",
    )


def add_subcommands(parser: argparse.ArgumentParser) -> None:
    subcommands = parser.add_subparsers(dest="command", metavar="{new,types,build}")
    new = subcommands.add_parser(
        "new", help="create a new app in DIR", description="Create a new app in DIR."
    )
    new.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    types = subcommands.add_parser(
        "types",
        help="write TypeScript declarations of an app's commands and events",
        description="Write TypeScript declarations of an app's commands and declared events.",
    )
    add_app_option(types, in_subcommand=True)
    types.add_argument(
        "--out", type=Path, metavar="FILE", help="where to write them (default: standard output)"
    )
    build = subcommands.add_parser(
        "build",
        help="build a standalone app folder (and a Linux .tar.gz) with PyInstaller",
        description="Build a folder that runs the app without Python or qtauri installed,\n"
        "named after the config's productName, with its version, identifier and icon\n"
        "(bundle.icon), plus a Linux .tar.gz with a .desktop file. Needs PyInstaller:\n"
        "pip install 'pyinstaller>=6.22,<7' (in a checkout: the build extra).",
        epilog="examples:\n"
        "  python -m app build                                    the bundled demo\n"
        "  python -m app build --app backend:builder --config app.json --out dist",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_app_option(build, in_subcommand=True)
    build.add_argument(
        "--config",
        dest="build_config",
        type=Path,
        metavar="FILE",
        help="the app's config (default: the bundled demo's)",
    )
    build.add_argument(
        "--out", type=Path, default=Path("dist"), metavar="DIR", help="default: dist"
    )


def run_subcommand(args: argparse.Namespace) -> int:
    """Run ``args.command``; a ``CliError`` is printed on one line, status 2."""
    try:
        if args.command == "new":
            return _new(args.dir)
        if args.command == "types":
            return _types(args.app, args.out)
        if args.command == "build":
            return _build(args.app, args.build_config, args.out)
    except CliError as error:
        print(f"python -m app {args.command}: error: {error}", file=sys.stderr)
        return 2
    raise AssertionError(f"unknown subcommand {args.command!r}")


# What each of scaffold.next_steps' commands does, in the order they come.
_STEP_NOTES = (
    "",
    "a virtual environment for the app (Windows: .venv\\Scripts\\activate)",
    "qtauri itself, from where this one came",
    "the app, with pytest and pytest-qt for its tests",
    "run it (python backend.py --dev: reload on save)",
    "run its tests, headless",
)


def _new(target: Path) -> int:
    from .origin import install_source
    from .scaffold import ScaffoldError, create_app, next_steps

    source = install_source()
    try:
        created = create_app(target, source)
    except ScaffoldError as error:
        raise CliError(str(error)) from None
    for path in created:
        print(f"created {path}")
    steps = next_steps(target, source)
    width = max(map(len, steps))
    print("\nNext, in a terminal (these steps are also in its README.md):")
    for step, note in zip(steps, _STEP_NOTES, strict=True):
        print(f"  {step:<{width}}  # {note}" if note else f"  {step}")
    return 0


def _build(app: str | None, config: Path | None, out: Path) -> int:
    from ..paths import BUNDLED_CONFIG
    from .bundle import BuildError, build

    if config is None and app is not None:
        raise CliError("--app needs --config: the app's windows and frontend")
    if config is None:
        config, app = BUNDLED_CONFIG, DEMO_REFERENCE
    if app is not None:
        load_builder(app)  # a bad reference fails here, in one line, not inside PyInstaller
    try:
        built = build(config, app, out)
    except BuildError as error:
        raise CliError(str(error)) from None
    print(f"built {built.folder} (run {built.executable})")
    if built.archive is not None:
        print(f"built {built.archive}")
    return 0


# The demo's Python side, as an --app reference (for the bundle's launcher).
DEMO_REFERENCE = "app.tools.cli:demo_builder"


def demo_builder() -> Builder:
    """The bundled demo's ``Builder``."""
    return load_builder(None)


def _types(app: str | None, out: Path | None) -> int:
    from .typegen import generate  # pydantic's schema machinery: only for this command

    builder = load_builder(app)
    try:
        text = generate(builder, source=app or "")
    except (TypeError, ValueError) as error:
        raise CliError(str(error)) from None
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0


def load_builder(reference: str | None) -> Builder:
    """The ``Builder`` named ``module:name`` (a Builder, or a function that returns one);
    ``None`` means the bundled demo. The current folder is importable, as for ``python -m``."""
    if reference is None:
        from . import demo

        return Builder().setup(demo.setup).invoke_handler(*demo.COMMANDS)
    module_name, _, attribute = reference.partition(":")
    if not module_name or not attribute:
        raise CliError(f"--app {reference!r}: expected MODULE:NAME, e.g. backend:builder")
    if "" not in sys.path and str(Path.cwd()) not in sys.path:
        sys.path.insert(0, str(Path.cwd()))
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name is not None and module_name.startswith(error.name):
            raise CliError(f"--app {reference!r}: no module named {error.name!r}") from None
        raise
    try:
        found = getattr(module, attribute)
    except AttributeError:
        raise CliError(
            f"--app {reference!r}: module {module_name!r} has no {attribute!r}"
        ) from None
    if callable(found) and not isinstance(found, Builder | type):
        found = found()
    if not isinstance(found, Builder):
        kind = f"class {found.__name__}" if isinstance(found, type) else type(found).__name__
        raise CliError(
            f"--app {reference!r}: expected a Builder (or a function returning one), got {kind}"
        )
    return found
