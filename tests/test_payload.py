"""spec §6: payloads are encoded once, at the call site, and bad ones fail there, saying where."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import enum
import json
import math
import uuid
from collections import OrderedDict
from collections.abc import Iterator

import orjson
import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import PayloadTooLarge
from app.events import payload as payload_module
from app.events.payload import (
    MAX_JSON_DEPTH,
    _count_nones,
    check_payload_size,
    decode_payload,
    encode_payload,
    read_json,
)

# The NaN rule's tests run with each check of orjson's nulls (payload.py): the C extension
# and, as on an install without a compiler, the count of None values.
CHECKS = [
    pytest.param(
        "native",
        marks=pytest.mark.skipif(
            payload_module.NAN_CHECK != "native", reason="built without the extension"
        ),
    ),
    "python",
]


@contextlib.contextmanager
def nan_check(kind: str) -> Iterator[None]:
    saved = payload_module._all_finite
    payload_module._all_finite = payload_module._native_all_finite if kind == "native" else None
    try:
        yield
    finally:
        payload_module._all_finite = saved


class Color(enum.Enum):
    RED = "red"
    GREEN = 2


@dataclasses.dataclass
class Point:
    x: int
    y: float
    tags: tuple[str, ...] = ()
    color: Color = Color.RED


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (None, None),
        (True, True),
        (0, 0),
        (-1.5, -1.5),
        ("text", "text"),
        ([1, "a", None], [1, "a", None]),
        ((1, (2, 3)), [1, [2, 3]]),
        ({"a": {"b": [1]}}, {"a": {"b": [1]}}),
        (Color.RED, "red"),
        (Color.GREEN, 2),
        (Point(1, 2.5, ("t",)), {"x": 1, "y": 2.5, "tags": ["t"], "color": "red"}),
        ([Point(0, 0)], [{"x": 0, "y": 0, "tags": [], "color": "red"}]),
        (OrderedDict(b=1, a=2), {"b": 1, "a": 2}),
        ("ünï 事件 \u2028", "ünï 事件 \u2028"),
    ],
)
def test_supported_values_arrive_as_json(payload: object, expected: object) -> None:
    assert json.loads(encode_payload(payload)) == expected


def test_pydantic_models_are_sent_as_their_json_dump() -> None:
    class User(pydantic.BaseModel):
        name: str
        tags: tuple[str, ...]

    assert json.loads(encode_payload({"u": User(name="n", tags=("a",))})) == {
        "u": {"name": "n", "tags": ["a"]}
    }


class Reading(pydantic.BaseModel):
    sensor: str
    value: float
    note: str | None = None
    history: list[float] = []


class Batch(pydantic.BaseModel):
    readings: list[Reading]
    when: datetime.datetime


@pytest.mark.parametrize(
    "model",
    [
        Reading(sensor="s", value=1.5),
        Reading(sensor="null", value=2.0, note="null", history=[0.5, -3.0]),
        Batch(
            readings=[Reading(sensor="a", value=1.0), Reading(sensor="b", value=2.0, note="n")],
            when=datetime.datetime(2026, 12, 5, 8, 0, tzinfo=datetime.UTC),
        ),
    ],
)
@pytest.mark.parametrize("check", CHECKS)
def test_a_model_sent_by_itself_arrives_as_its_json_dump(check: str, model: object) -> None:
    # Written by the model's own serializer (payload.py): the same values as model_dump's
    # JSON mode, whichever check reads the model's nulls.
    with nan_check(check):
        text = encode_payload(model)
    assert json.loads(text) == model.model_dump(mode="json")  # type: ignore[attr-defined]
    assert json.loads(encode_payload([model])) == [json.loads(text)]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("check", CHECKS)
def test_a_non_finite_float_in_a_model_is_refused_naming_its_place(check: str, bad: float) -> None:
    # The model's serializer writes NaN as null, as it writes None: never taken as sent.
    with nan_check(check):
        with pytest.raises(ValueError, match=r"payload\['value'\]: .* is not JSON"):
            encode_payload(Reading(sensor="s", value=bad))
        with pytest.raises(ValueError, match=r"payload\['history'\]\[1\]: .* is not JSON"):
            encode_payload(Reading(sensor="s", value=1.0, history=[1.0, bad]))
        with pytest.raises(ValueError, match=r"payload\['readings'\]\[1\]\['value'\]"):
            encode_payload(
                Batch(
                    readings=[Reading(sensor="a", value=1.0), Reading(sensor="b", value=bad)],
                    when=datetime.datetime(2026, 12, 5, tzinfo=datetime.UTC),
                )
            )


@pytest.mark.parametrize("mode", ["constants", "strings"])
@pytest.mark.parametrize("check", CHECKS)
def test_a_model_set_to_write_nan_its_own_way_is_still_refused(check: str, mode: str) -> None:
    # Its serializer writes `NaN` (not JSON) or "NaN" (a string where a number was): neither
    # is taken; and a string that only reads "NaN" is sent as it is.
    class Measured(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(ser_json_inf_nan=mode)  # type: ignore[typeddict-item]
        value: float
        label: str = ""

    with nan_check(check):
        for bad in (math.nan, math.inf, -math.inf):
            with pytest.raises(ValueError, match=r"payload\['value'\]: .* is not JSON"):
                encode_payload(Measured(value=bad))
        text = encode_payload(Measured(value=1.0, label="NaN or -Infinity"))
    assert json.loads(text) == {"value": 1.0, "label": "NaN or -Infinity"}


def test_a_model_its_serializer_refuses_gets_the_walk_s_error() -> None:
    class Holder(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(arbitrary_types_allowed=True)
        thing: object

    with pytest.raises(ValueError, match=r"unknown type: <class 'object'>"):
        encode_payload(Holder(thing=object()))


def test_plain_payloads_are_not_copied() -> None:
    from app.events.payload import _plain

    value = {"a": [1, {"b": "c"}], "d": (1, 2)}
    assert _plain(value) is value


@pytest.mark.parametrize(
    ("payload", "place", "type_name"),
    [
        ({1, 2}, "payload:", "set"),
        ({"a": [1, object()]}, "payload['a'][1]:", "object"),
        ([frozenset()], "payload[0]:", "frozenset"),  # bytes are payloads (spec §6.7)
        (Point(1, 2, (1j,)), "payload['tags'][0]:", "complex"),  # type: ignore[arg-type]
    ],
)
def test_unserializable_values_raise_type_error_naming_type_and_place(
    payload: object, place: str, type_name: str
) -> None:
    with pytest.raises(TypeError) as error:
        encode_payload(payload)
    assert str(error.value).startswith(place)
    assert type_name in str(error.value)


@pytest.mark.parametrize(
    ("payload", "place"),
    [
        (math.nan, "payload:"),
        ({"x": [math.inf]}, "payload['x'][0]:"),
        ([-math.inf], "payload[0]:"),
        ({1: "a"}, "payload:"),
        ({"ok": {(1, 2): "a"}}, "payload['ok']:"),
        ({None: 1}, "payload:"),
    ],
)
@pytest.mark.parametrize("check", CHECKS)
def test_nan_infinities_and_non_str_keys_raise_value_error(
    payload: object, place: str, check: str
) -> None:
    with nan_check(check):
        with pytest.raises(ValueError, match=r"not JSON|keys must be str") as error:
            encode_payload(payload)
        assert not isinstance(error.value, PayloadTooLarge)
        assert str(error.value).startswith(place)


@pytest.mark.parametrize("check", CHECKS)
def test_self_containing_payload_raises_value_error(check: str) -> None:
    with nan_check(check):
        loop: list[object] = []
        loop.append(loop)
        with pytest.raises(ValueError, match="contains itself"):
            encode_payload(loop)


def test_size_limit_counts_utf8_bytes() -> None:
    assert encode_payload("a" * 8, max_bytes=10) == '"aaaaaaaa"'
    with pytest.raises(PayloadTooLarge, match="over the limit of 10"):
        encode_payload("a" * 9, max_bytes=10)
    with pytest.raises(PayloadTooLarge):
        encode_payload("é" * 5, max_bytes=10)  # 12 bytes of UTF-8, 7 characters
    check_payload_size("x" * 100, 100)


def test_decode_refuses_nan_and_over_limit_text() -> None:
    assert decode_payload('{"a":[1,2]}') == {"a": [1, 2]}
    with pytest.raises(ValueError, match="NaN"):
        decode_payload("[NaN]")
    with pytest.raises(ValueError, match="Infinity"):
        decode_payload("-Infinity")
    with pytest.raises(PayloadTooLarge):
        decode_payload('"' + "a" * 20 + '"', max_bytes=10)


# orjson writes the text and a walk checks what it cannot see (docs/performance.md): the two
# must agree on every payload, and the walk must still find what orjson would let through.

_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)  # past orjson's 64 bits too
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@pytest.mark.parametrize("check", CHECKS)
@settings(max_examples=300, deadline=None)
@given(_json_values)
def test_encoding_matches_json_and_round_trips(check: str, value: object) -> None:
    with nan_check(check):
        text = encode_payload(value)
        assert json.loads(text) == value
        assert decode_payload(text) == value


def _typed(value: object) -> object:
    """``value`` with the type of every part in it (``1 == 1.0 == True`` for ``==`` alone)."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value), value)


@settings(max_examples=300, deadline=None)
@given(_json_values, st.booleans())
def test_json_from_pages_is_read_exactly_as_json_reads_it(value: object, spaced: bool) -> None:
    # orjson reads most of it; what it would read otherwise (integers past 64 bits as floats,
    # lone surrogates it refuses) must come out as json reads it, with the same types.
    text = json.dumps(value, indent=1 if spaced else None)
    assert _typed(read_json(text)) == _typed(json.loads(text))


@pytest.mark.parametrize("lone_surrogate", ["", '"\\ud800",'])
def test_json_from_pages_nests_at_most_512_levels_on_every_python(lone_surrogate: str) -> None:
    # json alone reads about 1,000 levels on 3.11 and 10,000 on 3.13, orjson 1,024; the
    # bridge's limit is one number everywhere, on every path (orjson refuses a lone surrogate;
    # a float deep inside is read again by json).
    def nested(depth: int, leaf: str = "0") -> str:
        return "[" * (depth - 1) + f"[{lone_surrogate}{leaf}]" + "]" * (depth - 1)

    assert read_json(nested(MAX_JSON_DEPTH)) is not None
    innermost = read_json(nested(MAX_JSON_DEPTH, leaf="0.5"))
    for _level in range(MAX_JSON_DEPTH - 1):
        (innermost,) = innermost
    assert innermost[-1] == 0.5
    assert type(innermost[-1]) is float
    for depth in (MAX_JSON_DEPTH + 1, 1000, 1025, 5000, 100_000):
        with pytest.raises(ValueError, match="nested deeper than 512 levels"):
            read_json(nested(depth))
    with pytest.raises(ValueError, match="payload is nested too deeply"):
        decode_payload(nested(1500))


@pytest.mark.parametrize("check", CHECKS)
def test_nan_next_to_a_null_is_still_refused(check: str) -> None:
    # orjson writes both as null; the null sends the payload through the walk, which refuses.
    with nan_check(check), pytest.raises(ValueError, match=r"payload\['b'\]: nan is not JSON"):
        encode_payload({"a": None, "b": math.nan})


_non_finite = st.sampled_from([math.nan, math.inf, -math.inf])


def _with_one(value: object, bad: object, path: list[int]) -> object:
    """``value`` with ``bad`` put in one of its lists or dicts (``path`` picks which), or
    ``[value, bad]`` when it has none."""
    containers: list[object] = []
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            containers.append(current)
            stack.extend(current.values())
        elif isinstance(current, list):
            containers.append(current)
            stack.extend(current)
    if not containers:
        return [value, bad]
    target = containers[path[0] % len(containers)]
    if isinstance(target, dict):
        target["\u0000bad"] = bad
    else:
        assert isinstance(target, list)
        target.insert(path[1] % (len(target) + 1), bad)
    return value


@pytest.mark.parametrize("check", CHECKS)
@settings(max_examples=300, deadline=None)
@given(_json_values, _non_finite, st.lists(st.integers(0, 1000), min_size=2, max_size=2))
def test_nan_or_infinity_anywhere_is_refused_whatever_nulls_surround_it(
    check: str, value: object, bad: float, path: list[int]
) -> None:
    with nan_check(check):
        # orjson writes NaN, infinities and None all as null, and "null" may be inside strings:
        # the count of None values must never let one through (payload.py, spec §6.3).
        payload = _with_one(value, bad, path)
        with pytest.raises(ValueError, match="is not JSON"):
            encode_payload(payload)
        with pytest.raises(ValueError, match="is not JSON"):
            encode_payload([None, payload, "null", None])
        # Past 200 characters the None values are counted instead of walked (payload.py).
        with pytest.raises(ValueError, match="is not JSON"):
            encode_payload([None] * 50 + [payload, {"pad": "x" * 200, "n": None}])


@settings(max_examples=300, deadline=None)
@given(_json_values)
def test_the_count_of_nones_is_the_count_of_nulls_orjson_writes_for_them(value: object) -> None:
    text = orjson.dumps(value) if _fits_orjson(value) else None
    if text is None or "null" in json.dumps(_strings_and_keys(value)):
        return  # orjson refuses it, or a string holds "null": the walk's case
    assert _count_nones(value) == text.count(b"null")
    assert _count_nones([value, (None, value)]) == 2 * text.count(b"null") + 1


def _fits_orjson(value: object) -> bool:
    try:
        orjson.dumps(value)
    except orjson.JSONEncodeError:
        return False
    return True


def _strings_and_keys(value: object) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(s for item in value.values() for s in _strings_and_keys(item))]
    if isinstance(value, list):
        return [s for item in value for s in _strings_and_keys(item)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("check", CHECKS)
def test_nulls_inside_strings_and_odd_values_go_through_the_walk(check: str) -> None:
    with nan_check(check):
        # More "null" in the text than None in the payload: the walk decides, and passes it.
        assert encode_payload({"null": None, "s": "nullable"}) == '{"null":null,"s":"nullable"}'
        # A type the count does not read (a dataclass, an Enum): the walk decides.
        assert _count_nones([WithPrivate(1), None]) == -1
        with pytest.raises(ValueError, match=r"payload\[0\]\['shown'\]: nan is not JSON"):
            encode_payload([WithPrivate(math.nan), None])  # type: ignore[arg-type]
        # Rows with None in a third of them, the benchmark's table: no NaN, so no walk needed.
        rows = [{"id": i, "v": 0.5, "note": None if i % 3 == 0 else "x"} for i in range(30)]
        assert _count_nones(rows) == 10
        assert json.loads(encode_payload(rows)) == rows
        rows[17]["v"] = math.inf
        with pytest.raises(ValueError, match=r"payload\[17\]\['v'\]: inf is not JSON"):
            encode_payload(rows)


@dataclasses.dataclass
class WithPrivate:
    shown: int
    _kept: str = "k"


def test_values_orjson_writes_differently_arrive_as_the_walk_writes_them() -> None:
    # orjson leaves out dataclass fields named with "_"; spec §6.1 sends every field.
    assert json.loads(encode_payload([WithPrivate(1)])) == [{"shown": 1, "_kept": "k"}]
    assert json.loads(encode_payload({"big": 2**70})) == {"big": 2**70}
    lone = "a\ud800b"  # a lone surrogate: orjson refuses it, json writes it escaped
    assert decode_payload(encode_payload(lone)) == lone
    assert decode_payload(encode_payload([lone, None])) == [lone, None]


def test_uuids_are_sent_as_text_and_dates_are_refused() -> None:
    some_id = uuid.UUID(int=5)
    assert json.loads(encode_payload({"id": some_id, "n": None})) == {"id": str(some_id), "n": None}
    with pytest.raises(TypeError, match=r"payload\['at'\]: a value of type datetime"):
        encode_payload({"at": datetime.datetime(2026, 1, 1)})
