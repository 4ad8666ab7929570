"""Size limits on what a page sends, checked on a message's text before it is decoded: a
huge message costs its length in memory and the decoding's time on the GUI thread, so it is
refused by its length alone where it can be.

- ``invoke``: its arguments may be at most ``max_args_bytes`` of JSON
  (``app.events.maxArgsBytes``). The API writes ``{"kind":"invoke","cmd":...,"args":...}``,
  so the arguments are the rest of the text after that head, measured without decoding.
- Any message: at most the larger of the two limits plus ``ENVELOPE_BYTES``, so a message
  written in another field order (not by the API) is bounded too.
- ``emit`` payloads keep their own check (``check_payload_size``, against
  ``maxPayloadBytes``), which runs on the payload's text, also before it is decoded.
"""

from __future__ import annotations

import json
import re

from ..errors import PayloadTooLarge

ENVELOPE_BYTES = 64 * 1024
ARGS_KEY = "app.events.maxArgsBytes"
# The head of an invoke as the API writes it: the command name is a JSON string.
_INVOKE_HEAD = re.compile(r'\{"kind":"invoke","cmd":("(?:[^"\\]|\\.){0,1024}"),"args":')


def utf8_size_over(text: str, start: int, end: int, limit: int) -> int | None:
    """The UTF-8 size of ``text[start:end]`` if it is over ``limit``, else ``None``; the
    slice is copied only when its length in characters leaves the answer open."""
    chars = end - start
    if chars > limit:
        return chars  # at least this many bytes
    if chars * 4 <= limit:
        return None
    size = len(text[start:end].encode("utf-8", "surrogatepass"))
    return size if size > limit else None


class MessageLimits:
    """The limits one app puts on its pages' messages."""

    def __init__(self, max_payload_bytes: int, max_args_bytes: int) -> None:
        self.max_args_bytes = max_args_bytes
        self.max_message_bytes = max(max_payload_bytes, max_args_bytes) + ENVELOPE_BYTES

    def check(self, text: str) -> None:
        """Raise ``PayloadTooLarge`` for a message over its limit, before it is decoded."""
        head = _INVOKE_HEAD.match(text)
        if head is not None and text.endswith("}"):
            size = utf8_size_over(text, head.end(), len(text) - 1, self.max_args_bytes)
            if size is not None:
                name = json.loads(head.group(1))
                raise PayloadTooLarge(
                    f"invoke {name!r}: the arguments are {size} bytes of JSON, over the limit "
                    f"of {self.max_args_bytes} ({ARGS_KEY})"
                )
            return
        size = utf8_size_over(text, 0, len(text), self.max_message_bytes)
        if size is not None:
            raise PayloadTooLarge(
                f"a bridge message of {size} bytes, over the limit of {self.max_message_bytes} "
                f"(the larger of app.events.maxPayloadBytes and {ARGS_KEY}, plus "
                f"{ENVELOPE_BYTES} for the message around it)"
            )
