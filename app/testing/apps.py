"""Apps built for a test, and the exceptions their listeners and commands raised meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..app import App
from ..builder import Builder
from ..config import ConfigSource


class AppErrorsRaised(AssertionError):
    """A Python listener or command raised during the test, and the test did not take it."""


class AppErrors(list[tuple[BaseException, str]]):
    """``(exception, where)`` for each exception a Python listener or command raised, in
    order; ``where`` is e.g. ``"command 'save'"`` or ``"listener 3 of event 'saved'"``.

    A test that expects such an exception takes it with ``take``; any left at the end of the
    test fail it.
    """

    def take(self, kind: type[BaseException] = BaseException) -> list[BaseException]:
        """Remove and return the exceptions that are instances of ``kind``."""
        taken = [error for error, _where in self if isinstance(error, kind)]
        self[:] = [(error, where) for error, where in self if not isinstance(error, kind)]
        return taken

    def record(self, error: BaseException, where: str) -> None:
        """An error hook (``Builder.error_hook``) that keeps the exception."""
        self.append((error, where))

    def check(self) -> None:
        """Raise ``AppErrorsRaised`` naming each exception left, caused by the first."""
        if not self:
            return
        lines = "\n".join(f"  {where}: {type(e).__name__}: {e}" for e, where in self)
        first, count = self[0][0], len(self)
        self.clear()  # reported once: not again at the fixture's teardown
        raise AppErrorsRaised(
            f"{count} exception(s) raised by Python listeners or commands during the test "
            f"(take expected ones with app_errors.take(...)):\n{lines}"
        ) from first


class AppFactory:
    """Builds apps that record their errors in ``errors`` and are closed by ``close_all``.

    With ``data_root``, each app's data folder (where its pages' storage is kept) is a new
    folder in it, never the user's own folder for the app's identifier."""

    def __init__(self, errors: AppErrors, data_root: Path | None = None) -> None:
        self.errors = errors
        self.apps: list[App] = []
        self.data_root = data_root
        self._built = 0

    def __call__(
        self,
        config: ConfigSource = None,
        *,
        builder: Builder | None = None,
        setup: Callable[[App], object] | None = None,
        commands: tuple[Callable[..., Any], ...] = (),
    ) -> App:
        """Build an app from ``config`` (a path to a JSON file, a dict, or ``None`` for the
        bundled demo's), with ``builder`` (your app's own ``Builder``, whose setup hooks,
        commands and error hook it uses; a copy, so ``builder`` itself is not changed) plus
        any extra ``setup`` hook and ``commands``."""
        # A copy: the caller's builder (often shared by a module's tests) stays as it was.
        builder = builder.copy() if builder is not None else Builder()
        builder.invoke_handler(*commands)
        if setup is not None:
            builder.setup(setup)
        own_hook = builder.given_error_hook

        def record(error: BaseException, where: str) -> None:
            self.errors.record(error, where)
            if own_hook is not None:  # the app's own hook still runs
                own_hook(error, where)

        builder.error_hook(record)
        data_dir = None
        if self.data_root is not None:
            self._built += 1
            data_dir = self.data_root / f"app-{self._built}"
        built = builder.build(config, data_dir=data_dir)
        self.apps.append(built)
        return built

    def close_all(self) -> None:
        for built in reversed(self.apps):
            built.close()
        self.apps.clear()
