"""Trusted origins and capabilities as plain Python: who may use the API, and for what."""

from __future__ import annotations

import base64
import hashlib

import pytest

from app import ConfigError, NotAllowed, UntrustedPage, load_config
from app.config import DEFAULT_CSP
from app.security import Capability, SecurityPolicy
from app.web.csp import inline_script_hashes, policy_for
from tests.conftest import PAGES

APP = "tauri://localhost"
PAGE = f"{APP}/index.html"


def policy(*capabilities: dict[str, object]) -> SecurityPolicy:
    config = load_config(
        {
            "build": {"frontendDist": str(PAGES)},
            "app": {"security": {"capabilities": list(capabilities)}},
        }
    )
    return SecurityPolicy(APP, config.security.capabilities)


def test_app_pages_get_everything_without_capabilities() -> None:
    grant = policy().grant("main", PAGE, APP)
    grant.check("commands", "anything")
    grant.check("emit", "any-event")
    grant.check("listen", "tauri://resize")


def test_other_origins_get_nothing_without_a_remote_capability() -> None:
    with pytest.raises(UntrustedPage, match=r"window 'main': the page at https://evil\.example/"):
        policy().grant("main", "https://evil.example/", "https://evil.example")


def test_refusals_are_fresh_exceptions_each_time() -> None:
    # A cached exception re-raised would grow its traceback on every message.
    rules = policy()
    errors = []
    for _ in range(2):
        with pytest.raises(UntrustedPage) as caught:
            rules.grant("main", "https://evil.example/", "https://evil.example")
        errors.append(caught.value)
    assert errors[0] is not errors[1]


def test_a_capability_narrows_the_windows_it_names_and_only_those() -> None:
    rules = policy(
        {
            "identifier": "settings",
            "windows": ["settings-*"],
            "commands": ["get_*", "window:setTitle"],
            "emit": ["prefs-changed"],
            "listen": ["tauri://*"],
        }
    )
    narrowed = rules.grant("settings-1", PAGE, APP)
    narrowed.check("commands", "get_prefs")
    narrowed.check("commands", "window:setTitle")
    narrowed.check("emit", "prefs-changed")
    narrowed.check("listen", "tauri://focus")
    with pytest.raises(NotAllowed) as refused:
        narrowed.check("commands", "delete_all")
    assert str(refused.value) == (
        "window 'settings-1': invoke of command 'delete_all' is not allowed; add it to "
        "app.security.capabilities[0].commands (capability 'settings')"
    )
    with pytest.raises(NotAllowed, match=r"emit of event 'other'.*\[0\]\.emit"):
        narrowed.check("emit", "other")
    with pytest.raises(NotAllowed, match=r"listen to event 'prefs-changed'.*\[0\]\.listen"):
        narrowed.check("listen", "prefs-changed")
    # Patterns match whole names: "get_*" is no prefix match of "xget_prefs".
    with pytest.raises(NotAllowed):
        narrowed.check("commands", "xget_prefs")
    # A window no capability names gets nothing once capabilities are declared (Tauri v2).
    with pytest.raises(NotAllowed, match="no capability names this window"):
        rules.grant("main", PAGE, APP).check("commands", "get_prefs")


def test_a_remote_only_capability_leaves_unnamed_app_windows_everything() -> None:
    rules = policy(
        {"identifier": "docs", "windows": ["help"], "remote": {"urls": ["https://docs.x/*"]}}
    )
    rules.grant("main", PAGE, APP).check("commands", "delete_all")
    rules.grant("help", PAGE, APP).check("commands", "delete_all")  # its app pages too


def test_a_window_opened_by_a_page_gets_at_most_its_openers_rights() -> None:
    rules = policy(
        {"identifier": "narrow", "windows": ["main"], "commands": ["window:create", "get_*"]},
        {"identifier": "wide", "windows": ["pwn", "child"], "commands": ["*"], "emit": ["*"]},
    )
    opener = rules.grant("main", PAGE, APP)
    rules.opened_by("pwn", opener)
    opened = rules.grant("pwn", PAGE, APP)
    opened.check("commands", "get_prefs")  # both allow it
    with pytest.raises(NotAllowed) as refused:
        opened.check("commands", "delete_all")  # its own capability would, its opener may not
    assert str(refused.value) == (
        "window 'pwn' was opened by a page of window 'main', and a window never gets more "
        "rights than the page that opened it: window 'main': invoke of command 'delete_all' "
        "is not allowed; add it to app.security.capabilities[0].commands (capability 'narrow')"
    )
    with pytest.raises(NotAllowed):
        opened.check("emit", "anything")
    # A chain: what pwn opens is held to pwn's rights, so to main's too.
    rules.opened_by("child", opened)
    with pytest.raises(NotAllowed, match="opened by a page of window 'pwn'"):
        rules.grant("child", PAGE, APP).check("commands", "delete_all")
    # Closed, the label is free again: a window the app opens under it has its own rights.
    rules.window_closed("pwn")
    rules.grant("pwn", PAGE, APP).check("commands", "delete_all")


def test_capabilities_of_one_window_add_up_and_the_refusal_names_each() -> None:
    rules = policy(
        {"identifier": "a", "windows": ["main"], "commands": ["one"]},
        {"identifier": "b", "windows": ["m*"], "commands": ["two"]},
    )
    grant = rules.grant("main", PAGE, APP)
    grant.check("commands", "one")
    grant.check("commands", "two")
    with pytest.raises(NotAllowed) as refused:
        grant.check("commands", "three")
    assert "capabilities[0].commands (capability 'a') or " in str(refused.value)
    assert "capabilities[1].commands (capability 'b')" in str(refused.value)


def test_remote_capabilities_let_listed_urls_in_with_only_what_they_grant() -> None:
    rules = policy(
        {
            "identifier": "docs-site",
            "windows": ["help"],
            "remote": {"urls": ["https://docs.example.com/*"]},
            "listen": ["theme-*"],
        }
    )
    url = "https://docs.example.com/guide"
    grant = rules.grant("help", url, "https://docs.example.com")
    grant.check("listen", "theme-changed")
    with pytest.raises(NotAllowed):
        grant.check("commands", "anything")
    # Another window, or another site in this one: nothing.
    with pytest.raises(UntrustedPage):
        rules.grant("main", url, "https://docs.example.com")
    with pytest.raises(UntrustedPage):
        rules.grant("help", "https://docs.example.com.evil.io/", "https://docs.example.com.evil.io")
    # A remote capability does not narrow the window's own app pages.
    rules.grant("help", PAGE, APP).check("commands", "anything")
    assert rules.may_load("help", url, "https://docs.example.com")
    assert not rules.may_load("main", url, "https://docs.example.com")
    assert rules.may_load("main", PAGE, APP)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://docs.example.com/guide", True),
        ("https://a.b.example.com/x?y#z", True),
        ("https://evil.com/a.example.com/", False),  # a wildcard stays inside the host
        ("https://evil.com/?.example.com/", False),
        ("https://evil.com#.example.com/", False),
        ("https://user@x.example.com/", False),
        ("http://docs.example.com/guide", False),
        ("https://example.com/", False),
    ],
)
def test_remote_url_wildcards_stay_inside_their_part_of_the_url(url: str, allowed: bool) -> None:
    rules = policy(
        {"identifier": "r", "windows": ["*"], "remote": {"urls": ["https://*.example.com/*"]}}
    )
    origin = url.split("/", 3)[:3]
    assert rules.may_load("main", url, "/".join(origin)) is allowed


def test_a_trusted_dev_server_counts_as_the_app() -> None:
    rules = policy()
    dev = "http://localhost:5173"
    with pytest.raises(UntrustedPage):
        rules.grant("main", f"{dev}/", dev)
    rules.trust_origin(dev)
    rules.grant("main", f"{dev}/", dev).check("commands", "x")


def test_capability_matching_is_by_full_glob() -> None:
    capability = Capability("c", 0, windows=("w?",), commands=("a[bc]",))
    assert capability.applies_to("w1", PAGE, local=True)
    assert not capability.applies_to("w12", PAGE, local=True)
    assert capability.allows("commands", "ab")
    assert not capability.allows("commands", "ad")
    assert not capability.allows("emit", "ab")  # nothing listed, nothing allowed


@pytest.mark.parametrize(
    ("security", "message"),
    [
        ({"capabilities": {}}, "app.security.capabilities: expected a list, got an object"),
        ({"capabilities": [{"windows": ["main"]}]}, r"capabilities\[0\]\.identifier: missing"),
        ({"capabilities": [{"identifier": "a"}]}, r"capabilities\[0\]\.windows: missing"),
        (
            {"capabilities": [{"identifier": "a", "windows": "main"}]},
            r"capabilities\[0\]\.windows: expected a list of patterns, got a string",
        ),
        (
            {"capabilities": [{"identifier": "a", "windows": [], "commands": [3]}]},
            r"capabilities\[0\]\.commands\[0\]: expected a string",
        ),
        (
            {"capabilities": [{"identifier": "a", "windows": [], "comands": []}]},
            r"capabilities\[0\]\.comands: unknown key \(did you mean 'commands'\?\)",
        ),
        (
            {"capabilities": [{"identifier": "a", "windows": [], "permissions": {}}]},
            r"capabilities\[0\]\.permissions: expected a list of permissions, got an object",
        ),
        (
            {"capabilities": [{"identifier": "a", "windows": [], "permissions": [{"allow": []}]}]},
            r"capabilities\[0\]\.permissions\[0\]\.identifier: missing",
        ),
        (
            {"capabilities": [{"identifier": "a", "windows": []}] * 2},
            r"capabilities\[1\]\.identifier: duplicate identifier 'a'",
        ),
        ({"openExternal": "sometimes"}, r"openExternal: 'sometimes' is not one of"),
        (
            {"capabilities": [{"identifier": "a", "windows": [], "remote": {"urls": ["x.com"]}}]},
            r"remote\.urls\[0\]: 'x.com' is not a URL pattern",
        ),
        ({"csp": 3}, r"app\.security\.csp: expected a string"),
        ({"csp": {"default-src": [1]}}, r"app\.security\.csp\.default-src: expected a string"),
    ],
)
def test_bad_security_config_names_the_key(security: dict[str, object], message: str) -> None:
    config = {"build": {"frontendDist": str(PAGES)}, "app": {"security": security}}
    with pytest.raises(ConfigError, match=message):
        load_config(config)


def test_csp_defaults_and_its_forms() -> None:
    def csp(security: dict[str, object]) -> str | None:
        config = {"build": {"frontendDist": str(PAGES)}, "app": {"security": security}}
        return load_config(config).security.csp

    assert csp({}) == DEFAULT_CSP
    assert csp({"csp": None}) is None
    assert csp({"csp": "default-src 'self'"}) == "default-src 'self'"
    assert csp({"csp": {"default-src": "'self'", "img-src": ["'self'", "data:"]}}) == (
        "default-src 'self'; img-src 'self' data:"
    )


def test_inline_scripts_are_hashed_as_browsers_hash_them() -> None:
    html = b"<script>a()\r\n</script><script src='x.js'></script><!-- <script>no()</script> -->"
    html += b"<SCRIPT type=module>a()\n</SCRIPT>"
    hashes = inline_script_hashes(html)
    digest = base64.b64encode(hashlib.sha256(b"a()\n").digest()).decode()
    assert hashes == [f"'sha256-{digest}'"]  # CR LF is LF; src scripts and comments skipped


@pytest.mark.parametrize(
    ("html", "scripts"),
    [
        (b'<script>const s = "<!--";</script><p>x</p><script>ok()</script><!-- c -->', 2),
        (b'<script data-src="x">ok()</script>', 1),  # data-src is no src
        (b'<script title="a>b">ok()</script>', 1),
        (b"<script src=x.js></script><script>ok()</script>", 1),
    ],
)
def test_inline_scripts_are_found_as_the_browser_parses_them(html: bytes, scripts: int) -> None:
    assert len(inline_script_hashes(html)) == scripts


@pytest.mark.parametrize(
    ("csp", "expected"),
    [
        ("default-src 'self'; script-src 'self'", "default-src 'self'; script-src 'self' H"),
        ("default-src 'self' data:", "default-src 'self' data:; script-src 'self' data: H"),
        ("script-src 'self' 'unsafe-inline'", "script-src 'self' 'unsafe-inline'"),
        ("script-src 'none'", "script-src 'none'"),
        ("img-src 'self'", "img-src 'self'"),
        (
            "script-src 'self'; script-src-elem 'self'",
            "script-src 'self' H; script-src-elem 'self' H",
        ),
        ("script-src-elem 'self'", "script-src-elem 'self' H"),
    ],
)
def test_the_policy_allows_the_pages_inline_scripts(csp: str, expected: str) -> None:
    html = b"<script>go()</script>"
    (digest,) = inline_script_hashes(html)
    assert policy_for(html, csp) == expected.replace("H", digest)
    assert policy_for(b"<p>no scripts</p>", csp) == csp
