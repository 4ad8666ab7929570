"""The errors this package raises, all importable from ``app.errors`` and, but for the two that
never reach an app (``PageGone``, ``CommandFailed``), from ``app``.

    ValueError
    ├── InvalidEventName     an event name breaks the naming rule (spec §2)
    ├── InvalidWindowLabel   a window label breaks the naming rule (spec §2)
    ├── PayloadTooLarge      an encoded payload is over the configured limit (spec §6)
    ├── ConfigError          a config file or dict is malformed; names the file and the key
    └── BridgeMessageError   a page sent a message the bridge cannot decode
        └── PageGone         a message of a page that a newer one replaced
    TypeError
    └── ArgumentError        a command call's arguments are missing, unexpected or ill-typed
    LookupError
    ├── WindowNotFound       an emit or lookup names a label that has no open window
    └── CommandNotFound      ``invoke`` names a command nobody registered
    CommandFailed            a command raised (wraps the exception the page is told about)
    RuntimeError
    ├── AppClosed            an emit after ``App.close()``
    ├── AlreadyRunning       ``build`` in a second instance of a single-instance app
    ├── ChannelClosed        a ``Channel.send`` after its end, or after its page went away
    └── StorageInUse         another running instance of the app holds its web storage
    PermissionError
    ├── UntrustedPage        a page not served by the app (nor allowed remote) called the API
    └── NotAllowed           the page's capabilities do not allow the call

Payloads that JSON cannot carry raise the built-in ``TypeError`` (wrong type) or ``ValueError``
(NaN, infinities, non-``str`` keys), as ``json`` itself does, with the place in the payload.
"""

from __future__ import annotations


class InvalidEventName(ValueError):
    """Raised when an event name is empty, not a string, or has a forbidden character."""


class InvalidWindowLabel(ValueError):
    """Raised when a window label is empty, not a string, has a forbidden character, or is
    already taken by another window."""


class PayloadTooLarge(ValueError):
    """Raised when a payload's JSON encoding is larger than the configured limit."""


class ConfigError(ValueError):
    """Raised when the app config is malformed: names the file (or ``<dict>``) and the key."""


class BridgeMessageError(ValueError):
    """Raised (and answered to the page) when a page sends a malformed bridge message."""


class ArgumentError(TypeError):
    """A call's arguments do not fit the command: missing, unexpected, or of the wrong type.

    ``data`` holds the details of a type mismatch (pydantic's error list), for the page.
    """

    def __init__(self, message: str, data: object = None) -> None:
        super().__init__(message)
        self.data = data


class StateNotManaged(LookupError):
    """A command asked for a state type (``State[T]``) that no ``manage`` call gave
    (spec §17.8)."""


class WindowNotFound(LookupError):
    """Raised when an emit or lookup names a window label that has no open window."""


class CommandNotFound(LookupError):
    """Raised (and answered to the page) when ``invoke`` names an unregistered command."""


class PageGone(BridgeMessageError):
    """Answered to a message from a document that has since been replaced (reload, navigation)."""


class CommandFailed(Exception):
    """A command raised: carries the original exception, which the page receives as an
    ``Error`` with the original's class name, message and ``data`` (if it has any)."""

    def __init__(self, command: str, error: BaseException) -> None:
        super().__init__(f"command {command!r} raised {type(error).__name__}: {error}")
        self.command = command
        self.error = error


class AppClosed(RuntimeError):
    """Raised by an emit (from any thread) after the app was closed."""


class AlreadyRunning(RuntimeError):
    """Raised by ``Builder.build`` of a single-instance app when another instance runs: it
    got this launch's arguments, and this one should end (``Builder.run`` returns 0)."""


class UntrustedPage(PermissionError):
    """Answered to a page that is not one of the app's own (``tauri://localhost``)."""


class NotAllowed(PermissionError):
    """Answered to a page whose capabilities do not allow the call; the message names the
    window, the call and the config key that would allow it."""


class ChannelClosed(RuntimeError):
    """Raised by ``Channel.send`` once the channel was closed or its page went away."""


class StorageInUse(RuntimeError):
    """Raised when the app is built while another running instance of it (same app data
    folder) holds its web storage; the message names that process when it can."""
