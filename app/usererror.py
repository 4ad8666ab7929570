"""Mistakes a user makes on the command line or in the config: one line on stderr and
status 2, the traceback only at ``--log-level debug`` (it points into this package, not at
the user's mistake)."""

from __future__ import annotations

import sys
import traceback
from typing import TextIO

# Like argparse's own usage errors.
USAGE_ERROR_STATUS = 2


def report(prog: str, error: BaseException, *, debug: bool, stream: TextIO | None = None) -> int:
    """Print ``prog: error: <message>`` (with the traceback first if ``debug``); returns 2."""
    out = sys.stderr if stream is None else stream
    if debug:
        traceback.print_exception(error, file=out)
    print(f"{prog}: error: {error}", file=out)
    return USAGE_ERROR_STATUS
