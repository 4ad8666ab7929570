"""Hostile input: property-based fuzzing of the bridge's decoding and routing, and a real page
that floods its channel with junk while normal traffic goes on.

Each fuzzed message gets an error reply, a valid answer, or (for a batch line without a call id)
a log line; no exception escapes; and a message that was refused leaves the hub as it was.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app import App
from tests.conftest import page_config
from tests.direct import bridge_of, call_directly, call_raw
from tests.js import eval_js, wait_js, wait_loaded

pytestmark = pytest.mark.webengine

MAX_PAYLOAD = 2048
KINDS = ["listen", "unlisten", "emit", "invoke", "create_window", "window"]
FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def echo(value: Any = None) -> Any:
    return value


class Target:
    """A running app with one loaded window, and what a fuzzed message may not change."""

    def __init__(self, app: App, token: str) -> None:
        self.app = app
        self.token = token
        self.window = app.window("main")
        self.bridge = bridge_of(self.window)

    def state(self) -> tuple[object, ...]:
        listeners = tuple(
            (x.id, x.event, x.page, x.window, x.once) for x in self.app.hub.listeners()
        )
        return listeners, tuple(self.app.windows()), self.app.hub.is_connected("main")


@pytest.fixture
def target(
    make_app: Callable[..., App], qtbot: Any, caplog: pytest.LogCaptureFixture
) -> Iterator[Target]:
    config = page_config("main")
    config["app"]["events"] = {"maxPayloadBytes": MAX_PAYLOAD}
    app = make_app(config, commands=(echo,))
    wait_loaded(qtbot, app)
    app.listen_global("fuzzed", lambda _event: None)
    token = eval_js(qtbot, app.window("main"), "window.__QTAURI__.token")
    with caplog.at_level(logging.WARNING):
        yield Target(app, token)
    # Nothing escaped as an unexpected exception (the bridge logs those with a traceback).
    assert not [r for r in caplog.records if r.exc_info], [r.getMessage() for r in caplog.records]


# -- strategies ------------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
names = st.sampled_from(["fuzzed", "tauri://focus", "a:b/c_d-e", "", "bad name", "é", "x" * 300])
labels = st.sampled_from(["main", "nope", "", "bad label", "x" * 200]) | st.text(max_size=10)


@st.composite
def structured(draw: st.DrawFn, *, envelope_ok: bool = False) -> dict[str, Any]:
    """A message shaped like the real ones, with each field right, wrong or missing; with
    ``envelope_ok``, its kind is right, so the fields reach the kind's code."""
    kinds = (
        st.sampled_from(KINDS) if envelope_ok else st.sampled_from([*KINDS, "bogus"]) | json_values
    )
    message: dict[str, Any] = {"kind": draw(kinds)}
    if draw(st.integers(0, 7)) == 0:  # what a page sends no more: ignored
        message["page"] = draw(json_values)
    fields = {
        "event": names | names | json_values,
        "window": st.none() | labels | json_values,
        "payload": st.none()
        | st.sampled_from(["1", "{", '"' + "x" * MAX_PAYLOAD + '"', "NaN"])
        | json_values.map(json.dumps)
        | json_values,
        "id": st.integers(min_value=-5, max_value=2**70) | json_values,
        "cmd": st.sampled_from(["echo", "missing", ""]) | json_values,
        "args": st.fixed_dictionaries({"value": json_values}) | json_values,
        "op": st.sampled_from(["title", "innerSize", "nope"]) | json_values,
    }
    for name, strategy in fields.items():
        if draw(st.integers(0, 3)):  # present three times in four
            message[name] = draw(strategy)
    if message["kind"] == "window":
        message["label"] = draw(labels | json_values)
        # Window methods that change the window are tested elsewhere; here, only queries.
        if message.get("op") not in ("title", "innerSize", "nope"):
            message["op"] = "title"
    elif message["kind"] == "create_window":
        # A valid creation opens a real window; the fuzz covers the invalid ones.
        message["label"] = draw(st.sampled_from(["main", "", "bad label"]) | json_values)
    return message


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


raw_texts = (
    st.text(max_size=200)
    | json_values.map(json.dumps)
    | st.integers(min_value=1, max_value=200_000).map(deep)
    | st.sampled_from(["", "{}", "null", "[]", '{"kind":"listen"}', "\x00", "\ud800"])
)


def check_reply(decoded: dict[str, Any]) -> dict[str, Any]:
    assert set(decoded) in ({"ok"}, {"error"})
    if "error" in decoded:
        assert isinstance(decoded["error"]["name"], str)
        assert isinstance(decoded["error"]["message"], str)
    return decoded


def call_and_check(target: Target, text: str, sender: str | None = None) -> None:
    """Send ``text`` as a call of document ``sender`` (the page's own by default): it must be
    answered, and a refusal must change nothing."""
    before = target.state()
    (reply,) = call_directly(target.window, [text], target.token if sender is None else sender)
    check_reply(reply)
    event(reply["error"]["name"] if "error" in reply else next(iter(reply)))  # for statistics
    if "error" in reply:
        assert target.state() == before, (text, reply)


# -- properties ------------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_any_text_gets_an_answer_and_a_refusal_changes_nothing(
    target: Target, data: st.DataObject
) -> None:
    senders = st.none() | st.none() | st.text(max_size=70) | st.sampled_from(["", "x" * 65])
    text = data.draw(raw_texts | structured().map(json.dumps))
    call_and_check(target, text, data.draw(senders))


@FUZZ
@given(data=st.data())
def test_well_addressed_messages_with_bad_fields_get_an_answer_and_change_nothing(
    target: Target, data: st.DataObject
) -> None:
    call_and_check(target, json.dumps(data.draw(structured(envelope_ok=True))))


@FUZZ
@given(data=st.data())
def test_batches_of_junk_are_served_line_by_line(target: Target, data: st.DataObject) -> None:
    lines = data.draw(
        st.lists(
            st.tuples(
                st.sampled_from(["", "7", "x", "-1", "99999999999999999", "1 "])
                | st.text(max_size=4),
                raw_texts | structured().map(json.dumps),
            ).map("\t".join)
            | st.text(max_size=30),
            max_size=8,
        )
    )
    listeners_before = target.app.listener_count()
    call_raw(target.window, target.token, "\n".join(lines))
    # Only a valid listen may add a listener; every line was served (or logged) on its own.
    valid_listens = sum('"kind": "listen"' in line for line in lines)
    assert target.app.listener_count() - listeners_before <= valid_listens
    assert list(target.app.windows()) == ["main"]


# -- a real page flooding its channel ---------------------------------------------------------


def test_a_page_flooding_junk_does_not_disturb_normal_traffic(
    make_app: Callable[..., App], qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app(page_config("main"), commands=(echo,))
    wait_loaded(qtbot, app)
    main = app.window("main")
    heard: list[Any] = []
    app.listen_global("normal", lambda event: heard.append(event.payload))
    eval_js(qtbot, main, "window.api.listen('backend', window.record('backend'))")
    listeners_before = app.listener_count()
    junk_count = 3000
    script = f"""
      const kinds = ['listen', 'unlisten', 'emit', 'invoke', 'window', 'bogus', 7, null];
      const junk = () => {{
        const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
        const values = [null, 1e308, -1, '', 'bad name', [], {{}}, [[[[]]]], 'x'.repeat(300)];
        return {{ kind: pick(kinds), event: pick(values), window: pick(values),
                  payload: pick(['{{', 'NaN', null, '1']), id: pick(values), cmd: pick(values),
                  args: pick(values), label: pick(values), op: pick(values) }};
      }};
      const settled = [];
      for (let i = 0; i < {junk_count}; i += 1) {{
        // Junk through the page's own channel client, and raw text into the transport.
        const message = junk();
        settled.push(window.__QTAURI__.call(message).then(
          () => (message.kind === 'listen' ? 'listening' : 'ok'), (e) => e.name));
        if (i % 10 === 0) qt.webChannelTransport.send(String.fromCharCode(i % 256).repeat(i % 50));
        if (i % 30 === 0) {{
          settled.push(window.api.emit('normal', i));
          settled.push(window.api.invoke('echo', {{ value: i }}).then((v) => v === i));
        }}
      }}
      const outcomes = await Promise.all(settled);
      const count = (value) => outcomes.filter((x) => x === value).length;
      return [count(true), count('listening')];
    """
    echoed, junk_listens = eval_js(qtbot, main, f"(async () => {{ {script} }})()", timeout=60_000)
    assert echoed == junk_count // 30
    assert heard == list(range(0, junk_count, 30))  # every normal event, in order
    app.emit_all("backend", "still talking")
    wait_js(qtbot, main, "window.tagged('backend').length === 1")
    # Only the junk that happened to be a valid listen added a listener.
    assert app.listener_count() == listeners_before + junk_listens
    assert not [r for r in caplog.records if r.exc_info]
