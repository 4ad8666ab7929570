"""spec §2: names are checked in one place, with errors that quote the bad name."""

from __future__ import annotations

import pytest

from app import InvalidEventName, InvalidWindowLabel
from app.events.names import check_event_name, check_window_label

VALID = ["a", "event-name", "tauri://resize", "a/b:c_d-e", "ünïcödé", "事件", "٣", "x1"]
INVALID = ["", " ", "a b", "a.b", "a@b", "tab\there", "new\nline", "nul\x00", "é\u0301", "a+b"]


@pytest.mark.parametrize("name", VALID)
def test_valid_names_pass_unchanged(name: str) -> None:
    assert check_event_name(name) == name
    assert check_window_label(name) == name


@pytest.mark.parametrize("name", INVALID)
def test_invalid_names_raise_quoting_the_name(name: str) -> None:
    with pytest.raises(InvalidEventName) as event_error:
        check_event_name(name)
    assert repr(name) in str(event_error.value)
    with pytest.raises(InvalidWindowLabel) as label_error:
        check_window_label(name)
    assert repr(name) in str(label_error.value)


@pytest.mark.parametrize("name", [None, 1, b"bytes", ["a"], object()])
def test_non_strings_are_invalid(name: object) -> None:
    with pytest.raises(InvalidEventName):
        check_event_name(name)
    with pytest.raises(InvalidWindowLabel):
        check_window_label(name)


def test_errors_are_value_errors() -> None:
    assert issubclass(InvalidEventName, ValueError)
    assert issubclass(InvalidWindowLabel, ValueError)
