"""Mistakes a user makes on the command line or in the config: one line on stderr and
status 2, the traceback only at ``--log-level debug`` (it points into this package, not at
the user's mistake)."""

from __future__ import annotations

import sys
import traceback
from typing import TextIO

# Like argparse's own usage errors.
USAGE_ERROR_STATUS = 2


# The machine lacks something the app needs (system libraries, an X server): not a typo.
ENVIRONMENT_ERROR_STATUS = 1


def exit_status(error: BaseException) -> int:
    """2 for a usage or config mistake, 1 for what the machine is in the way of (a display Qt
    cannot use, the app already running)."""
    from .displaycheck import DisplayUnavailable
    from .errors import StorageInUse

    # StorageInUse: the app is already running, not a mistake in the command either.
    is_system = isinstance(error, DisplayUnavailable | StorageInUse)
    return ENVIRONMENT_ERROR_STATUS if is_system else USAGE_ERROR_STATUS


def report(
    prog: str,
    error: BaseException,
    *,
    debug: bool,
    status: int = USAGE_ERROR_STATUS,
    stream: TextIO | None = None,
) -> int:
    """Print ``prog: error: <message>`` (with the traceback first if ``debug``); returns
    ``status``."""
    out = sys.stderr if stream is None else stream
    if debug:
        traceback.print_exception(error, file=out)
    print(f"{prog}: error: {error}", file=out)
    return status
