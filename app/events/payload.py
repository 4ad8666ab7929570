"""Payload encoding (spec §6): once per emit, at the call site, with errors that say where.

``orjson`` writes the text: 10-40x faster than ``json`` here (a 1 MB string in 0.09 ms against
3.5 ms), which is most of what a large event costs. It is strict about keys and types, but
writes NaN and infinities as ``null`` and its errors do not say where the bad value is. When
its text holds a ``null``, a check in C (``_finite.all_finite``, an optional extension built
when a compiler is there) reads the payload's floats: all finite, no NaN hid there. Without
the extension, the ``None`` values of the payload are counted instead (``_count_nones``, level
by level with C-level passes, no Python code per value): if the text holds no more ``null``
than the payload holds ``None``, no NaN hid there. Otherwise (a NaN, another type, or for the
count "null" inside a string), and when orjson refuses a payload, a walk checks it: it reduces
it to plain JSON values, raising the error that names the place, and ``json`` writes what
orjson cannot (integers over 64 bits, lone surrogates, deep nesting). The walk copies nothing
that is already plain, and builds the path of a bad value only while the error unwinds, so
valid payloads pay nothing for it. A pydantic model sent by itself is written by its own
serializer (pydantic-core's), under the same check of its ``null``.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import math
import sys
import sysconfig
from collections.abc import Callable, Iterable
from itertools import chain, compress, repeat
from operator import is_
from typing import Any, Final

import orjson

from ..errors import PayloadTooLarge
from .binary import BINARY_TYPES, as_numbers, encode_bytes
from .sidebytes import SIDE_THRESHOLD, SideBytes


def _load_native_check() -> Callable[[object], bool | None] | None:
    if sysconfig.get_config_var("Py_GIL_DISABLED"):
        # Not built for free-threaded Python (setup.py): importing a module that needs the GIL
        # would turn it back on for the whole process, with a warning.
        return None
    try:
        from ._finite import all_finite
    except ImportError:  # installed without a compiler: the count decides (docs/design.md)
        return None
    return all_finite


_native_all_finite = _load_native_check()
_all_finite = _native_all_finite  # None makes encode_payload count (the tests set it so)
NAN_CHECK: Final = "native" if _native_all_finite is not None else "python"
"""Which check proves that orjson's ``null`` are all ``None`` (spec §6.3): "native" (the C
extension) or "python" (the count of ``None``). Read by the tests and the benchmarks."""

DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024 * 1024

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_encode_str = json.encoder.encode_basestring  # for what orjson refuses (lone surrogates)
_SUPPORTED = (
    "dict, list, tuple, str, int, finite float, bool, None, dataclass, pydantic model, Enum, UUID,"
    " bytes"
)
# Dates are refused, as the walk refuses them (orjson would write them as strings); dataclasses
# go through _orjson_default, which keeps the fields whose names start with "_" (orjson skips
# them; the walk, and spec §6.1, do not).
_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS


# The types orjson writes itself, which need no look for a model's own serializer.
_PLAIN_KINDS = frozenset((dict, list, str, tuple, float))


class _BadValue(Exception):
    """Carries a bad value's message and path up the walk; becomes TypeError or ValueError."""

    def __init__(self, error: type[Exception], message: str) -> None:
        super().__init__(message)
        self.error = error
        self.message = message
        self.path: list[str] = []


def encode_payload(
    payload: object, max_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES, side: bool = False
) -> str:
    """Return the payload as compact JSON text. ``side``: an event's payload, whose large bytes
    may take a page's side path (a ``SideBytes``, spec §6.8).

    Raises ``TypeError`` for a value JSON cannot carry, ``ValueError`` for NaN, infinities and
    non-``str`` keys, and ``PayloadTooLarge`` when the text is over ``max_bytes`` in UTF-8.
    Each message names the place, e.g. ``payload['items'][3]: a set cannot be sent as JSON``.
    """
    kind = type(payload)
    if payload is None:
        return "null"
    if kind is bool:
        return "true" if payload else "false"
    if kind is int:
        return int.__repr__(payload)
    # (`side` is not keyword-only: a keyword-only parameter cost every call 0.02 us, a tenth
    # of a 50 B str's encoding, on Python 3.11.) Identity tests first, for the same reason.
    if kind is not str and kind is not dict and kind is not list and kind not in _PLAIN_KINDS:
        serializer = _MODEL_SERIALIZERS.get(kind) or _model_serializer(kind)
        if serializer is not None:
            text = _model_text(payload, serializer)
            if text is not None:
                if len(text) * 4 > max_bytes:
                    check_payload_size(text, max_bytes)
                return text
    raw: bytes | None
    try:
        raw = orjson.dumps(payload, _orjson_default, _ORJSON_OPTIONS)
    except orjson.JSONEncodeError:
        raw = None  # the walk says why, or json writes it
    else:
        # Searched as str: `in` on bytes costs 3-5x more for a small payload (0.15-0.27 us
        # against 0.05 us here), a fifth of a small dict's encoding.
        text = raw.decode()
        if (
            kind is str
            or "null" not in text
            or (
                _all_finite(payload) is True
                if _all_finite is not None
                else len(text) >= _COUNT_FROM_CHARS and _count_nones(payload) == text.count("null")
            )
        ):
            if len(text) * 4 > max_bytes:
                check_payload_size(text, max_bytes)
            return text
    if kind is str:
        text = _encode_str(payload)  # type: ignore[arg-type]
        check_payload_size(text, max_bytes)
        return text
    if isinstance(payload, BINARY_TYPES):  # orjson refuses bytes: off the fast path (spec §6.6)
        if side and SIDE_THRESHOLD <= _nbytes(payload) <= max_bytes:
            return SideBytes(bytes(payload), max_bytes)  # a copy: the caller may reuse its buffer
        return encode_bytes(payload, max_bytes)
    try:
        plain = _plain(payload)
    except _BadValue as bad:
        where = "payload" + "".join(reversed(bad.path))
        raise bad.error(f"{where}: {bad.message}") from None
    except RecursionError:
        raise ValueError("payload is nested too deeply, or contains itself") from None
    text = raw.decode() if raw is not None else _ENCODER.encode(plain)
    check_payload_size(text, max_bytes)
    return text


def _nbytes(value: bytes | bytearray | memoryview) -> int:
    return value.nbytes if isinstance(value, memoryview) else len(value)


# How to turn a value of each dataclass or pydantic model type met into plain values, found once
# per type: dataclasses.is_dataclass(), dataclasses.fields() and the model check cost 1-2 us per
# value, most of a small payload's encoding. Bounded for classes made at run time.
_CONVERTERS: dict[type, Callable[[Any], Any]] = {}
_CONVERTERS_KEPT = 1024


def _orjson_default(value: object) -> Any:
    """What orjson is told to write for a value it does not write itself."""
    convert = _CONVERTERS.get(type(value))
    if convert is None:
        convert = _converter_for(type(value))
        if len(_CONVERTERS) >= _CONVERTERS_KEPT:
            _CONVERTERS.clear()
        _CONVERTERS[type(value)] = convert
    return convert(value)


def _converter_for(kind: type) -> Callable[[Any], Any]:
    if dataclasses.is_dataclass(kind):
        names = tuple(f.name for f in dataclasses.fields(kind))
        return lambda value: {name: getattr(value, name) for name in names}
    if _is_model_type(kind):
        return lambda value: value.model_dump(mode="json")
    raise TypeError  # orjson raises its own error; the walk then words it


def _is_model_type(kind: type) -> bool:
    return hasattr(kind, "model_fields") and callable(getattr(kind, "model_dump", None))


# Each pydantic model type's serializer, or None for a type that only looks like one; found
# once per type (the model check costs about 0.4 us). Bounded for classes made at run time.
_MODEL_SERIALIZERS: dict[type, Any] = {}


def _model_serializer(kind: type) -> Any:
    try:
        return _MODEL_SERIALIZERS[kind]
    except KeyError:
        pass
    serializer = (
        getattr(kind, "__pydantic_serializer__", None)
        if hasattr(kind, "__pydantic_serializer__") and _is_model_type(kind)
        else None
    )
    if len(_MODEL_SERIALIZERS) >= _CONVERTERS_KEPT:
        _MODEL_SERIALIZERS.clear()
    _MODEL_SERIALIZERS[kind] = serializer
    return serializer


def _model_text(model: Any, serializer: Any) -> str | None:
    """A pydantic model's JSON written by its own serializer (pydantic-core's, in Rust: about
    0.5 us for a small model against 2-3 us through ``model_dump`` and orjson), or ``None``
    for the general path, which words any error. That serializer writes NaN and infinities
    as ``null`` (pydantic's default): a text with ``null`` is taken only once the model's
    values are shown finite, as for any payload (spec §6.3). A model set to write them as
    ``NaN`` or ``"Infinity"`` (``ser_json_inf_nan``) goes the general path, which refuses
    them as it refuses any."""
    try:
        text: str = serializer.to_json(model).decode()
        if "NaN" in text or "Infinity" in text:
            return None
        if "null" not in text:
            return text
        plain = model.model_dump(mode="json")  # NaN stays a float here
    except Exception:  # the general path raises the error, named
        return None
    if _all_finite is not None:
        return text if _all_finite(plain) is True else None
    return text if _count_nones(plain) == text.count("null") else None


# Below this, the walk is cheaper than the count's set-up (a dict of a few fields: 0.4-1 us
# against 1-2 us; even at about 100-300 characters of JSON).
_COUNT_FROM_CHARS = 200
_NoneType = type(None)
# What the count reads level by level: exact types only, whose type is ``type`` (so that
# comparing types is identity) and whose JSON orjson writes as ``_count_nones`` assumes.
_LEAF_TYPES = frozenset((str, int, float, bool, _NoneType))
_COUNTED_TYPES = _LEAF_TYPES | {dict, list, tuple}


def _count_nones(payload: object) -> int:
    """How many ``None`` values orjson wrote as ``null`` for ``payload`` (which it encoded);
    -1 when the payload holds a value of another type (the walk then decides).

    Each ``null`` in orjson's text is a ``None``, a NaN or an infinity, or is inside a
    string: counts that agree mean no NaN and no infinity. The count is exact, never high
    (a high count could hide a NaN): it counts only among exact built-in types. It reads a
    level of the payload at a time with C-level passes (the set of types, ``list.count``,
    the next level's values): 2-3x cheaper than the walk, still 2-3x orjson's own time for
    a table of rows (docs/performance.md)."""
    nones = 0
    level: list[Any] = [payload]
    while level:
        kinds = set(map(type, level))
        if not kinds <= _COUNTED_TYPES:
            return -1
        if _NoneType in kinds:
            # Exact built-in types only here: none of them equals None but None itself.
            nones += level.count(None)
        if kinds <= _LEAF_TYPES:
            break
        if len(kinds) == 1:  # rows: all dicts (or all lists, tuples)
            values: Iterable[Any] = map(dict.values, level) if dict in kinds else level
            level = list(chain.from_iterable(values))
            continue
        types = list(map(type, level))
        deeper: list[Any] = []
        for container in (dict, list, tuple):
            if container in kinds:
                chosen = compress(level, map(is_, types, repeat(container)))
                values = map(dict.values, chosen) if container is dict else chosen
                deeper.extend(chain.from_iterable(values))
        level = deeper
    return nones


def decode_payload(text: str, max_bytes: int = DEFAULT_MAX_PAYLOAD_BYTES) -> Any:
    """Parse JSON text sent by a page; NaN and infinities are refused as they are not JSON."""
    check_payload_size(text, max_bytes)
    try:
        return read_json(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"payload is not valid JSON: {error}") from None
    except ValueError as error:
        raise ValueError(f"payload is nested too deeply: {error}") from None


MAX_JSON_DEPTH = 512
"""How deeply a page's JSON may nest. ``json`` alone reads about 1,000 levels on 3.11 (less
from deep inside a call stack) and 10,000 on 3.13, as its C recursion limit allows; one
limit below both makes a message accepted or refused the same way on every Python."""


def read_json(text: str) -> Any:
    """``text`` read exactly as ``STRICT_JSON`` reads it (``json``, NaN and infinities refused),
    by orjson (5-10x faster) when its reading is the same. Raises ``ValueError`` (a
    ``json.JSONDecodeError`` for text that is not JSON), also for nesting deeper than
    ``MAX_JSON_DEPTH``."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        if str(error).startswith("depth limit exceeded"):
            raise _too_deep() from None
        return _read_by_json(text)  # json says why, or reads what orjson refuses (surrogates)
    # orjson reads integers beyond 64 bits as floats: its reading is kept only when no value
    # could hide one. The common shapes (a page's request, whose payload is JSON text; flat
    # arguments and payloads) are checked at one level of nesting; deeper values are walked.
    kind = type(value)
    if kind in _EXACT_SCALARS:
        return value
    if kind is dict:
        if _holds_no_float(value.values()):
            return value
    elif kind is list and _holds_no_float(value):
        return value
    depth, has_float = _shape(value)
    if depth > MAX_JSON_DEPTH:
        raise _too_deep()
    return _read_by_json(text) if has_float else value


def _read_by_json(text: str) -> Any:
    try:
        value = STRICT_JSON.decode(text)
    except RecursionError:
        raise _too_deep() from None
    if _shape(value)[0] > MAX_JSON_DEPTH:
        raise _too_deep()
    return value


def _too_deep() -> ValueError:
    return ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")


def _shape(value: Any) -> tuple[int, bool]:
    """How many levels of arrays and objects ``value`` nests, and whether it holds a float
    (a loop, not recursion: the value may be deeper than Python's stack)."""
    deepest, has_float = 0, False
    stack = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        kind = type(current)
        if kind is dict:
            current = current.values()
        elif kind is not list:
            has_float = has_float or kind is float
            continue
        deepest = max(deepest, depth)
        stack.extend((item, depth + 1) for item in current)
    return deepest, has_float


_EXACT_SCALARS = frozenset((str, int, bool, type(None)))


def _holds_no_float(values: Iterable[Any]) -> bool:
    """Whether ``values``, and those of its objects and arrays, are all strings, integers,
    booleans or nulls (deeper containers count as if they held a float)."""
    for value in values:
        kind = type(value)
        if kind in _EXACT_SCALARS:
            continue
        if kind is dict:
            value = value.values()
        elif kind is not list:
            return False
        for item in value:
            if type(item) not in _EXACT_SCALARS:
                return False
    return True


def check_payload_size(text: str, max_bytes: int) -> None:
    """Raise ``PayloadTooLarge`` if ``text`` is over ``max_bytes`` once UTF-8 encoded."""
    size = len(text)
    # A character is 1 to 4 bytes: the UTF-8 copy is made only when the length is ambiguous.
    if size * 4 > max_bytes and size <= max_bytes:
        size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise PayloadTooLarge(f"payload is {size} bytes of JSON, over the limit of {max_bytes}")


def _plain(value: object) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return _finite(value)  # type: ignore[arg-type]
    if kind is dict:
        return _plain_dict(value)  # type: ignore[arg-type]
    if kind is list or kind is tuple:
        return _plain_sequence(value)  # type: ignore[arg-type]
    return _plain_other(value)


def _plain_other(value: object) -> Any:
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    # A UUID only exists once its module is loaded: not imported here, as it costs every
    # start about 5 ms (with `platform`), for the apps that never send one.
    uuid = sys.modules.get("uuid")
    if uuid is not None and isinstance(value, uuid.UUID):
        return str(value)  # as orjson writes it (and serde does)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain_dict({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    model_dump = getattr(value, "model_dump", None)
    if callable(model_dump) and hasattr(type(value), "model_fields"):  # a pydantic model
        return _plain(model_dump(mode="json"))
    if isinstance(value, BINARY_TYPES):  # inside a payload: numbers, as Tauri (spec §6.6)
        return as_numbers(value)
    # Subclasses of plain types come after Enum, so that a str-valued Enum goes by value.
    if isinstance(value, str):
        return str.__str__(value)  # the characters themselves, whatever the subclass prints
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return _finite(float(value))
    if isinstance(value, dict):
        return _plain_dict(value)
    if isinstance(value, list | tuple):
        return _plain_sequence(value)
    raise _BadValue(
        TypeError,
        f"a value of type {type(value).__qualname__} cannot be sent as JSON "
        f"(supported: {_SUPPORTED})",
    )


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise _BadValue(ValueError, f"{value} is not JSON (NaN and infinities are not allowed)")
    return value


def _plain_dict(value: dict[Any, Any]) -> dict[str, Any]:
    changed = False
    plain: dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise _BadValue(
                ValueError,
                f"key {key!r} is of type {type(key).__qualname__}; JSON keys must be str",
            )
        try:
            new = _plain(item)
        except _BadValue as bad:
            bad.path.append(f"[{key!r}]")
            raise
        plain[key] = new
        changed = changed or new is not item
    return plain if changed else value


def _plain_sequence(value: list[Any] | tuple[Any, ...]) -> list[Any] | tuple[Any, ...]:
    plain = []
    changed = False
    for index, item in enumerate(value):
        try:
            new = _plain(item)
        except _BadValue as bad:
            bad.path.append(f"[{index}]")
            raise
        plain.append(new)
        changed = changed or new is not item
    return plain if changed else value


def refuse_constant(name: str) -> None:
    """A ``parse_constant`` for ``json.loads``: NaN and infinities are JavaScript, not JSON."""
    raise ValueError(f"payload: {name} is not JSON (NaN and infinities are not allowed)")


# JSON as JSON is: NaN and infinities refused. Made once: json.loads with options makes a new
# decoder on every call.
STRICT_JSON = json.JSONDecoder(parse_constant=refuse_constant)
