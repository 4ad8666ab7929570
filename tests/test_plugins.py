"""The plugin layer without a browser: ``Plugin``, ``Builder.plugin``, plugin commands in the
registry, and Tauri v2's permissions in capabilities (docs/plugins.md, docs/security.md)."""

from __future__ import annotations

from typing import Any

import pytest

from app import App, Builder, CommandNotFound, ConfigError, NotAllowed, Plugin, command, load_config
from app.commands.registry import CommandRegistry
from app.plugins.host import prepare
from app.security import SecurityPolicy
from tests.conftest import PAGES

APP = "tauri://localhost"


def get(key: str) -> str:
    return key


def set_(key: str, value: Any) -> None:
    pass


set_.__name__ = "set"


@command(name="delete_all")
def delete_everything() -> None:
    pass


def store_like() -> Plugin:
    return Plugin(
        "kv",
        commands=[get, set_, delete_everything],
        default_permission=["get"],
        permission_sets={"read-write": ["get", "set"]},
    )


def grant_for(
    *permissions: object, plugins: tuple[Plugin, ...] = (), commands: list[str] | None = None
) -> Any:
    capability: dict[str, object] = {
        "identifier": "c",
        "windows": ["main"],
        "permissions": list(permissions),
    }
    if commands is not None:  # this project's own form beside Tauri's
        capability["commands"] = commands
    config = load_config(
        {
            "build": {"frontendDist": str(PAGES)},
            "app": {"security": {"capabilities": [capability]}},
        }
    )
    installed = prepare(plugins or (store_like(),), config)
    policy = SecurityPolicy(APP, installed.capabilities, installed.permissions.hint)
    return policy.grant("main", f"{APP}/index.html", APP)


def test_a_plugin_s_commands_are_registered_under_its_name_only() -> None:
    registry = CommandRegistry(context_types=(App,))
    registry.add_plugin("kv")
    for function in store_like().commands:
        registry.register(function, plugin="kv")
    assert registry.get("plugin:kv|get").function is get
    assert registry.get("plugin:kv|delete_all").function is delete_everything
    with pytest.raises(CommandNotFound, match=r"^unknown command get; no commands are registered"):
        registry.get("get")
    with pytest.raises(CommandNotFound, match=r"^command nope not found$"):
        registry.get("plugin:kv|nope")
    with pytest.raises(CommandNotFound, match=r"^plugin other not found$"):
        registry.get("plugin:other|get")


def test_plugin_names_are_checked() -> None:
    for bad in ("", "a b", "a|b", "a:b"):
        with pytest.raises(ValueError, match=r"invalid event name|letters, digits"):
            Plugin(bad)
    for reserved in ("event", "window", "webview"):
        with pytest.raises(ValueError, match="Tauri's own"):
            Plugin(reserved)


def test_builder_plugin_chains_and_survives_a_copy() -> None:
    first = Plugin("one", events={"one://changed": int})
    builder = Builder().plugin(first).events(mine=str)
    twin = builder.copy().plugin(Plugin("two"))
    assert [p.name for p in builder.plugins] == ["one"]
    assert [p.name for p in twin.plugins] == ["one", "two"]
    assert builder.declared_events == {"one://changed": int, "mine": str}
    with pytest.raises(ValueError, match="registered twice"):
        builder.plugin(Plugin("one"))
    with pytest.raises(TypeError, match="takes a Plugin"):
        builder.plugin("one")  # type: ignore[arg-type]


def test_allow_default_and_sets() -> None:
    grant = grant_for("kv:default")
    grant.check("commands", "plugin:kv|get")
    with pytest.raises(NotAllowed, match="add the permission 'kv:allow-set'"):
        grant.check("commands", "plugin:kv|set")
    both = grant_for("kv:read-write", "kv:allow-delete-all")
    for name in ("get", "set", "delete_all"):
        both.check("commands", f"plugin:kv|{name}")
    # A plugin's permission allows its own command only, never an app command of that name:
    # in this project's form (with `commands`), the app command `get` is refused...
    own = grant_for("kv:read-write", commands=["ping"])
    own.check("commands", "ping")
    with pytest.raises(NotAllowed):
        own.check("commands", "get")
    # ...while Tauri's form (permissions only) allows every app command, as Tauri v2 does
    # without an app manifest; plugin commands and window operations still need permissions.
    both.check("commands", "get")
    with pytest.raises(NotAllowed, match="add the permission 'kv:allow-get'"):
        grant_for("kv:allow-set").check("commands", "plugin:kv|get")
    with pytest.raises(NotAllowed, match="core:window:allow-set-title"):
        grant_for("kv:default").check("commands", "window:setTitle")


def test_a_plugin_without_default_permission_allows_everything_by_default() -> None:
    grant = grant_for("all:default", plugins=(Plugin("all", commands=[get, set_]),))
    grant.check("commands", "plugin:all|get")
    grant.check("commands", "plugin:all|set")


def test_deny_wins_over_allow() -> None:
    grant = grant_for("kv:default", "kv:deny-get")
    with pytest.raises(NotAllowed, match="denied by a 'deny-' permission"):
        grant.check("commands", "plugin:kv|get")


def test_core_permissions() -> None:
    grant = grant_for("core:default")
    grant.check("listen", "anything")
    grant.check("emit", "anything")
    grant.check("commands", "window:innerSize")
    with pytest.raises(NotAllowed, match="core:window:allow-set-title"):
        grant.check("commands", "window:setTitle")
    setters = grant_for(
        "core:window:allow-set-title",
        "core:window:allow-close",
        "core:window:allow-destroy",
        "core:webview:allow-create-webview-window",
    )
    for name in ("window:setTitle", "window:requestClose", "window:close", "window:create"):
        setters.check("commands", name)
    with pytest.raises(NotAllowed, match="core:event:allow-emit"):
        setters.check("emit", "x")
    with pytest.raises(NotAllowed, match="core:event:allow-listen"):
        setters.check("listen", "x")
    # Core modules without commands here load, and allow nothing.
    grant_for("core:webview:default")


@pytest.mark.parametrize(
    ("permission", "problem"),
    [
        ("nothing:default", "unknown permission 'nothing:default'"),
        ("kv:allow-nothing", "unknown permission 'kv:allow-nothing'"),
        ("kv:whatever", "unknown permission 'kv:whatever'"),
        ("core:window:grant-x", "unknown permission 'core:window:grant-x'"),
        ("core:event:allow-nothing", "unknown permission"),
    ],
)
def test_unknown_permissions_are_config_errors(permission: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=r"capabilities\[0\]\.permissions\[0\]: " + problem):
        grant_for(permission)


def test_two_plugins_may_not_define_one_page_global() -> None:
    config = load_config({"build": {"frontendDist": str(PAGES)}})
    one = Plugin("one", page_globals={"__X__": 1})
    two = Plugin("two", page_globals=lambda: {"__X__": 2})
    assert prepare([one], config).page_globals == {"__X__": 1}
    with pytest.raises(ValueError, match="both define the page global '__X__'"):
        prepare([one, two], config)
