"""Size limits on what a page sends: a command's arguments (``app.events.maxArgsBytes``) and
any message, checked on the text before it is decoded."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from app import App
from app.bridge.limits import ENVELOPE_BYTES, MessageLimits
from app.config import load_config
from app.errors import ConfigError, PayloadTooLarge
from tests.conftest import page_config
from tests.js import eval_js, wait_loaded


def invoke_text(args: object, cmd: str = "echo") -> str:
    """An invoke as the page's API writes it."""
    return json.dumps({"kind": "invoke", "cmd": cmd, "args": args}, separators=(",", ":"))


def test_arguments_are_measured_without_decoding() -> None:
    limits = MessageLimits(max_payload_bytes=10_000, max_args_bytes=100)
    limits.check(invoke_text({"text": "x" * 80}))  # 91 bytes of arguments
    with pytest.raises(PayloadTooLarge) as refused:
        limits.check(invoke_text({"text": "x" * 90}))
    assert str(refused.value) == (
        "invoke 'echo': the arguments are 101 bytes of JSON, over the limit of 100 "
        "(app.events.maxArgsBytes)"
    )
    # Bytes, not characters: 30 characters of 4 bytes are 120 bytes.
    with pytest.raises(PayloadTooLarge, match="128 bytes"):
        limits.check(
            json.dumps(
                {"kind": "invoke", "cmd": "echo", "args": {"t": "😀" * 30}},
                separators=(",", ":"),
                ensure_ascii=False,
            )
        )


def test_any_message_is_bounded_by_the_larger_limit_and_the_envelope() -> None:
    limits = MessageLimits(max_payload_bytes=1000, max_args_bytes=100)
    reordered = json.dumps({"args": {"t": "x" * 2000}, "kind": "invoke", "cmd": "echo"})
    limits.check(reordered)  # not the API's order: only the message limit applies
    with pytest.raises(PayloadTooLarge, match="a bridge message of"):
        limits.check(json.dumps({"args": {"t": "x" * (1000 + ENVELOPE_BYTES)}}))


def test_the_limit_is_configured_and_defaults_to_the_payload_limit() -> None:
    config = page_config("main")
    assert load_config(config).events.max_args_bytes == 64 * 1024 * 1024
    config["app"]["events"] = {"maxArgsBytes": 5}
    assert load_config(config).events.max_args_bytes == 5
    config["app"]["events"] = {"maxArgsBytes": 0}
    with pytest.raises(ConfigError, match=r"app\.events\.maxArgsBytes: must be positive"):
        load_config(config)


def echo(text: str) -> int:
    return len(text)


@pytest.mark.webengine
def test_a_page_invoking_with_arguments_over_the_limit_gets_a_clear_error(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    config = page_config("main")
    config["app"]["events"] = {"maxArgsBytes": 1000, "maxPayloadBytes": 1000}
    app = make_app(config, commands=(echo,))
    wait_loaded(qtbot, app)
    main = app.window("main")
    assert eval_js(qtbot, main, "api.invoke('echo', {text: 'x'.repeat(900)})") == 900
    answer = eval_js(
        qtbot,
        main,
        "api.invoke('echo', {text: 'x'.repeat(2000)}).then(() => 'accepted',"
        " (e) => [e.name, e.message])",
    )
    assert answer == [
        "PayloadTooLarge",
        "invoke 'echo': the arguments are 2011 bytes of JSON, over the limit of 1000 "
        "(app.events.maxArgsBytes)",
    ]
    # A message in another field order, written past the API, meets the message limit.
    raw = (
        "window.__QTAURI__.call({args: {text: 'x'.repeat(70000)}, kind: 'invoke', cmd: 'echo'})"
        ".then(() => 'accepted', (e) => e.name)"
    )
    assert eval_js(qtbot, main, raw) == "PayloadTooLarge"
    assert eval_js(qtbot, main, "api.invoke('echo', {text: 'ok'})") == 2  # still served
