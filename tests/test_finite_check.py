"""The optional C check of payloads with nulls (app/events/_finite.c, spec §6.3): it answers
as a Python reading of the same payload in the same order, never lets a NaN through where the
count of None (the path without the extension) would not, ends on deep or self-containing
payloads, and keeps no reference."""

from __future__ import annotations

import json
import math
import shutil
import sys
import sysconfig
from collections import OrderedDict, namedtuple
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.events import payload as payload_module
from app.events.payload import NAN_CHECK, _count_nones, encode_payload

if NAN_CHECK == "native":
    from app.events._finite import all_finite

native_only = pytest.mark.skipif(NAN_CHECK != "native", reason="built without the extension")


Pair = namedtuple("Pair", ["x", "y"])


class Real(float):
    pass


class Whole(int):
    pass


class Text(str):
    pass


class Table(dict[str, Any]):
    pass


class Row(list[Any]):
    pass


def reference(value: object) -> bool | None:
    """What ``all_finite`` answers, read in Python in the same order (depth first, items in
    order): the first float that is not finite (False) or value of another type (None)."""
    kind = type(value)
    if kind is float:
        return math.isfinite(value)  # type: ignore[arg-type]
    if kind in (str, int, bool) or value is None:
        return True
    if kind is dict:
        value = value.values()  # type: ignore[attr-defined]
    elif kind not in (list, tuple):
        return None
    for item in value:  # type: ignore[attr-defined]
        verdict = reference(item)
        if verdict is not True:
            return verdict
    return True


_leaves = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**100), max_value=2**100)
    | st.floats()  # NaN and infinities included
    | st.sampled_from(["null", "NaN", "Infinity", "", "nullnull"])
    | st.text(max_size=5)
    | st.builds(Real, st.floats())
    | st.builds(Whole, st.integers())
    | st.builds(Text, st.text(max_size=3))
)
_payloads = st.recursive(
    _leaves,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=4), inner, max_size=4)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3).map(Table)
        | st.dictionaries(st.text(max_size=3), inner, max_size=3).map(OrderedDict)
        | st.lists(inner, max_size=3).map(Row)
    ),
    max_leaves=30,
)


@native_only
@settings(max_examples=1000, deadline=None)
@given(_payloads)
def test_the_native_check_answers_as_the_python_reading(value: object) -> None:
    assert all_finite(value) is reference(value)
    # At any depth: wrapped in a few levels of each container.
    assert all_finite([{"a": (value,)}]) is reference(value)


@native_only
@settings(max_examples=500, deadline=None)
@given(_payloads)
def test_the_native_check_never_passes_what_the_count_would_not(value: object) -> None:
    try:
        text = orjson.dumps(value)
    except orjson.JSONEncodeError:
        return  # refused by orjson: the walk decides, with or without the extension
    verdict = all_finite(value)
    if _count_nones(value) == text.count(b"null"):
        assert verdict is True  # the count lets it through: so must the native check
    if verdict is False:
        with pytest.raises(ValueError, match="is not JSON"):
            encode_payload(value)
    elif verdict is True:
        # No float but finite ones: the walk, were it asked, would pass it unchanged.
        assert json.loads(encode_payload(value)) == json.loads(text)


@native_only
def test_deep_and_self_containing_payloads_end_in_dont_know() -> None:
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    assert all_finite(deep) is None  # past 512 levels: the walk decides (and refuses it)
    level: list[Any] = [1.0, None]
    for _ in range(511):
        level = [level]
    assert all_finite(level) is True  # 512 containers deep: the bound
    assert all_finite({"over": level}) is None
    loop: list[Any] = [None]
    loop.append(loop)
    assert all_finite(loop) is None
    cycle: dict[str, Any] = {"a": None}
    cycle["self"] = [cycle]
    assert all_finite(cycle) is None
    deep[0] = math.nan
    assert all_finite([[[math.nan]], deep]) is False


@native_only
def test_subclasses_and_other_types_are_dont_know() -> None:
    assert all_finite([1.0, Real("nan")]) is None
    assert all_finite([1.0, Real(1.0)]) is None
    assert all_finite(Table(a=1.0)) is None
    assert all_finite(OrderedDict(a=None)) is None
    assert all_finite([Text("x"), Whole(3)]) is None
    assert all_finite([b"x", None]) is None
    assert all_finite([Pair(1.0, None)]) is None  # a tuple subclass
    assert all_finite({"p": Pair(math.nan, 0.0)}) is None
    assert all_finite({"big": 2**200, "t": ("null", None, True, -0.0, 1e308)}) is True
    assert all_finite({"x": [1, (2, [-math.inf])]}) is False


@native_only
def test_the_check_keeps_no_reference_and_no_memory() -> None:
    items = [1.5, None, "s", 2**70]
    payload = {"rows": [dict(zip("abcd", items, strict=True)) for _ in range(3)]}
    watched = [payload, payload["rows"], *items, True, False, None]
    before = [sys.getrefcount(value) for value in watched]
    for _ in range(1000):
        all_finite(payload)
        all_finite([math.nan])
        all_finite([object()])
    assert [sys.getrefcount(value) for value in watched] == before

    def rss_pages() -> int:
        return int(Path("/proc/self/statm").read_text().split()[1])

    for _ in range(100_000):  # warm up (allocator pools)
        all_finite(payload)
    start = rss_pages()
    for _ in range(1_000_000):
        all_finite(payload)
    assert rss_pages() - start < 64  # under 256 KB for a million calls


@pytest.mark.skipif(
    shutil.which(str(sysconfig.get_config_var("CC") or "cc").split()[0]) is None
    or not (Path(sysconfig.get_paths()["include"]) / "Python.h").exists(),
    reason="no C compiler or Python headers here: the extension is optional",
)
def test_the_extension_is_built_where_a_compiler_is() -> None:
    # A build that failed silently (setup.py's optional=True) would leave the slower count.
    assert NAN_CHECK == "native"
    assert payload_module._all_finite is payload_module._native_all_finite
