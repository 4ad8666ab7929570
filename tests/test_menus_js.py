"""Tauri v2's JS ``menu`` and ``tray`` modules (issue 15, item 5), through a page bundled
with the unmodified @tauri-apps/api 2.x package (tests/compat/menus.js). A headless Qt
cannot click into a menu or the tray, so the tests do what Qt does on a click: trigger the
item's ``QAction``, emit the tray's ``activated`` signal (the seams), and check that the
page's ``action`` handler and a Python listener both hear it. Popups: the menu state records
which menu was popped on which window, and the ``QMenu`` is shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction, QColor, QIcon, QImage
from PySide6.QtWidgets import QMenuBar, QSystemTrayIcon

from app import App, Event, Window
from app.desktop import Menu, MenuItem, PredefinedMenuItem, popup_menu
from app.desktop.native import NativeItem, NativeMenu
from app.plugins.menu import menu_state
from app.plugins.resources import resources_of
from app.plugins.tray import tray_state
from app.testing import AppErrors
from tests.compat_build import compat_config
from tests.conftest import PAGES
from tests.js import eval_js, wait_js, wait_loaded

pytestmark = pytest.mark.webengine


def menus_app(make_app: Callable[..., App], qtbot: Any, dist: Path, **extra: Any) -> App:
    config = compat_config(dist, ("main", "menus"), ("other", "menus"))
    config["app"].update(extra)  # type: ignore[attr-defined]
    app = make_app(config)
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    return app


def held(app: App, rid: int) -> Any:
    return resources_of(app).get(rid)


def outcome(qtbot: Any, window: Window, call: str) -> list[Any]:
    return eval_js(  # type: ignore[no-any-return]
        qtbot, window, f"{call}.then((v) => ['ok', v], (e) => ['error', String(e)])"
    )


BUILD_MENU = """
const { Menu, Submenu, MenuItem, CheckMenuItem, PredefinedMenuItem } = v2.menu;
const quit = await MenuItem.new({ id: 'quit', text: 'Quit', action: record('action') });
const autosave = await CheckMenuItem.new({
  id: 'autosave', text: 'Autosave', checked: true, action: record('action') });
const file = await Submenu.new({ id: 'file', text: 'File', items: [
  { id: 'open', text: 'Open', accelerator: 'CmdOrCtrl+O', action: record('action') },
  { item: 'Separator' },
  autosave,
  quit,
]});
const edit = await Submenu.new({ text: 'Edit', items: [{ item: 'Copy' }, { item: 'SelectAll' }] });
window.bar = await Menu.new({ id: 'bar', items: [file, edit] });
window.parts = { quit, autosave, file, edit };
return window.bar.rid;
"""


def test_js_menus_are_qt_menus_and_clicks_reach_the_page_and_python(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path, app_errors: AppErrors
) -> None:
    app = menus_app(make_app, qtbot, compat_dist)
    main = app.window("main")
    heard: list[Event] = []
    app.listen_global("tauri://menu", heard.append)
    rid = eval_js(qtbot, main, f"(async () => {{ {BUILD_MENU} }})()")
    bar = held(app, rid)
    assert isinstance(bar, NativeMenu)
    assert [entry.id for entry in bar.items] == ["file", bar.items[1].id]
    file_menu = bar.items[0]
    assert isinstance(file_menu, NativeMenu)
    assert [a.text() for a in file_menu.qmenu.actions()] == ["Open", "", "Autosave", "Quit"]
    assert file_menu.qmenu.actions()[1].isSeparator()
    open_item = file_menu.get("open")
    assert isinstance(open_item, NativeItem)
    assert open_item.action.shortcut().toString() == "Ctrl+O"
    assert file_menu.qmenu.actions()[2].isChecked()

    # The window menu, a QMenuBar kept in step with the menu.
    assert eval_js(qtbot, main, "window.bar.setAsWindowMenu().then((p) => p)") is None
    qbar = main.webview.layout().menuBar()  # type: ignore[union-attr]
    assert isinstance(qbar, QMenuBar)
    assert [a.text() for a in qbar.actions()] == ["File", "Edit"]

    # Clicks (QAction.trigger: what Qt does on a click) reach the page's action and Python.
    open_item.action.trigger()
    main_quit = file_menu.get("quit")
    assert isinstance(main_quit, NativeItem)
    main_quit.action.trigger()
    wait_js(qtbot, main, "heard.filter((h) => h.tag === 'action').length === 2")
    actions = "heard.filter((h) => h.tag === 'action').map((h) => h.payload)"
    assert eval_js(qtbot, main, actions) == ["open", "quit"]
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert [(e.event, e.payload) for e in heard] == [
        ("tauri://menu", "open"),
        ("tauri://menu", "quit"),
    ]

    # Changes made from the page show in Qt.
    script = """(async () => {
      const { quit, autosave, file } = window.parts;
      await quit.setText('Exit'); await quit.setEnabled(false);
      await quit.setAccelerator('CmdOrCtrl+Q');
      await autosave.setChecked(false);
      await file.append(await v2.menu.MenuItem.new({ id: 'late', text: 'Late' }));
      await file.removeAt(1);
      const items = await file.items();
      const got = await window.bar.get('late');
      return [await quit.text(), await quit.isEnabled(), await autosave.isChecked(),
              items.map((i) => [i.id, i.constructor.name]), got.id, await file.text()];
    })()"""
    result = eval_js(qtbot, main, script)
    assert result[:3] == ["Exit", False, False]
    assert [entry[0] for entry in result[3]] == ["open", "autosave", "quit", "late"]
    assert result[4:] == ["late", "File"]
    # A closed handle frees its rid; the object lives on in its menus and gets a new one.
    script = """(async () => {
      const old = window.parts.quit.rid; await window.parts.quit.close();
      const again = await window.parts.file.get('quit');
      return [old !== again.rid, await again.text()];
    })()"""
    assert eval_js(qtbot, main, script) == [True, "Exit"]
    assert main_quit.action.text() == "Exit"
    assert main_quit.action.shortcut().toString() == "Ctrl+Q"
    assert [a.text() for a in file_menu.qmenu.actions()] == ["Open", "Autosave", "Exit", "Late"]

    # Bad calls are refused with a message, not a crash.
    bad = outcome(qtbot, main, "window.parts.file.insert([], 99)")
    assert bad[0] == "error"
    assert "out of range" in bad[1]
    bad = outcome(
        qtbot, main, "v2.menu.MenuItem.new({ id: 'x', text: 'X', accelerator: 'Ctrl+Bogus' })"
    )
    assert bad[0] == "error"
    assert "Ctrl+Bogus" in bad[1]
    bad = outcome(qtbot, main, "v2.menu.PredefinedMenuItem.new({ item: 'Teleport' })")
    assert bad[0] == "error"
    assert "unknown predefined menu item 'Teleport'" in bad[1]
    assert len(app_errors.take(ValueError)) == 3


def test_context_menu_popup_and_predefined_items(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = menus_app(make_app, qtbot, compat_dist)
    main, other = app.window("main"), app.window("other")
    script = """(async () => {
      const { Menu } = v2.menu;
      window.ctx = await Menu.new({ items: [
        { id: 'rename', text: 'Rename', action: record('action') },
        { item: 'SelectAll' },
        { item: 'Minimize', text: 'Shrink' },
      ]});
      const other = await v2.webviewWindow.WebviewWindow.getByLabel('other');
      await window.ctx.popup(new v2.dpi.LogicalPosition(10, 20), other);
      return window.ctx.rid;
    })()"""
    rid = eval_js(qtbot, main, script)
    menu = held(app, rid)
    state = menu_state(app)
    assert state.last_popup == ("other", menu)  # on the window asked for, not the caller's
    qtbot.waitUntil(menu.qmenu.isVisible)
    assert [a.text() for a in menu.qmenu.actions()] == ["Rename", "Select &All", "Shrink"]
    menu.qmenu.hide()
    # Without a window: the caller's.
    eval_js(qtbot, main, "window.ctx.popup().then(() => true)")
    assert state.last_popup == ("main", menu)
    menu.qmenu.hide()

    # A predefined item acts on the window the menu was shown on (no window has the focus
    # offscreen): SelectAll selects the page's text, Minimize minimizes it.
    menu.qmenu.actions()[1].trigger()
    wait_js(qtbot, main, "document.getSelection().toString().includes('compat test page')")
    assert eval_js(qtbot, other, "document.getSelection().toString()") == ""
    menu.qmenu.actions()[2].trigger()
    qtbot.waitUntil(main.is_minimized)
    assert not other.is_minimized()
    menu.qmenu.actions()[0].trigger()
    wait_js(qtbot, main, "heard.some((h) => h.tag === 'action' && h.payload === 'rename')")


def test_python_popup_menu_with_predefined_items(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = menus_app(make_app, qtbot, compat_dist)
    main = app.window("main")
    heard: list[Event] = []
    main.listen("tauri://menu", heard.append)
    popup = popup_menu(
        main,
        Menu(
            [
                MenuItem("hello", "Hello"),
                PredefinedMenuItem("Separator"),
                PredefinedMenuItem("SelectAll"),
            ]
        ),
        (5, 5),
    )
    assert popup.parent() is main.webview
    qtbot.waitUntil(popup.isVisible)
    assert [a.text() for a in popup.actions()] == ["Hello", "", "Select &All"]
    popup.actions()[0].trigger()
    qtbot.waitUntil(lambda: [e.payload for e in heard] == ["hello"])
    popup.actions()[2].trigger()
    wait_js(qtbot, main, "document.getSelection().toString().includes('compat test page')")
    with pytest.raises(ValueError, match="'Quit' acts on the app"):
        popup_menu(main, Menu([PredefinedMenuItem("Quit")]))
    with pytest.raises(ValueError, match="unknown predefined menu item 'Nope'"):
        PredefinedMenuItem("Nope")


def png_bytes(tmp_path: Path) -> list[int]:
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    image.fill(QColor("teal"))
    path = tmp_path / "icon.png"
    assert image.save(str(path))
    return list(path.read_bytes())


def test_js_tray_icon_events_reach_the_page_and_python(
    make_app: Callable[..., App],
    qtbot: Any,
    compat_dist: Path,
    tmp_path: Path,
    app_errors: AppErrors,
) -> None:
    app = menus_app(make_app, qtbot, compat_dist)
    main = app.window("main")
    heard: list[Event] = []
    app.listen_global("tauri://tray-icon", heard.append)
    app.listen_global("tauri://menu", heard.append)
    script = f"""(async () => {{
      const menu = await v2.menu.Menu.new({{ items: [
        {{ id: 'show', text: 'Show', action: record('menu') }} ] }});
      window.icon = await v2.tray.TrayIcon.new({{
        id: 'js-tray', icon: {png_bytes(tmp_path)}, menu, tooltip: 'From JS', title: '3',
        showMenuOnLeftClick: false, action: record('tray'),
      }});
      return [window.icon.rid, window.icon.id];
    }})()"""
    rid, tray_id = eval_js(qtbot, main, script)
    assert tray_id == "js-tray"
    tray = tray_state(app).by_id["js-tray"]
    assert held(app, rid) is tray
    assert tray.tray.toolTip() == "From JS"
    assert tray.title == "3"
    assert not tray.tray.icon().isNull()
    assert tray.menu is not None
    assert [a.text() for a in tray.menu.actions()] == ["Show"]

    tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.DoubleClick)
    tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Context)
    menu_action = tray.menu.actions()[0]
    assert isinstance(menu_action, QAction)
    menu_action.trigger()
    wait_js(qtbot, main, "heard.filter((h) => h.tag === 'tray').length === 3")
    events = eval_js(
        qtbot,
        main,
        "heard.filter((h) => h.tag === 'tray').map((h) => [h.payload.id, h.payload.type,"
        " h.payload.button, h.payload.buttonState, h.payload.position.constructor.name,"
        " typeof h.payload.rect.size.width])",
    )
    assert events == [
        ["js-tray", "Click", "Left", "Up", "PhysicalPosition", "number"],
        ["js-tray", "DoubleClick", "Left", None, "PhysicalPosition", "number"],
        ["js-tray", "Click", "Right", "Up", "PhysicalPosition", "number"],
    ]
    wait_js(qtbot, main, "heard.some((h) => h.tag === 'menu')")
    qtbot.waitUntil(lambda: len(heard) == 4)
    assert [
        (e.event, e.payload["type"] if e.event == "tauri://tray-icon" else e.payload) for e in heard
    ] == [
        ("tauri://tray-icon", "Click"),
        ("tauri://tray-icon", "DoubleClick"),
        ("tauri://tray-icon", "Click"),
        ("tauri://menu", "show"),
    ]

    # The setters, getById and removal.
    script = """(async () => {
      const found = await v2.tray.TrayIcon.getById('js-tray');
      await found.setTooltip('changed'); await found.setTitle('4');
      await found.setIcon(new Uint8Array(%s));
      await found.setMenu(null); await found.setVisible(false);
      return [found.rid === window.icon.rid, await v2.tray.TrayIcon.getById('nope')];
    })()"""
    tray.tray.setIcon(QIcon())
    assert eval_js(qtbot, main, script % png_bytes(tmp_path)) == [True, None]
    assert not tray.tray.icon().isNull()  # from the Uint8Array
    # A v2 Image (the image core module's resource) as the icon.
    tray.tray.setIcon(QIcon())
    from_image = """(async () => {
      const picture = await v2.image.Image.fromBytes(new Uint8Array(%s));
      await (await v2.tray.TrayIcon.getById('js-tray')).setIcon(picture);
      return true;
    })()"""
    assert eval_js(qtbot, main, from_image % png_bytes(tmp_path)) is True
    assert not tray.tray.icon().isNull()
    assert tray.tray.toolTip() == "changed"
    assert tray.title == "4"
    assert tray.menu is None
    assert not tray.tray.isVisible()
    assert eval_js(qtbot, main, "v2.tray.TrayIcon.removeById('js-tray').then(() => true)")
    assert "js-tray" not in tray_state(app).by_id
    bad = outcome(qtbot, main, "v2.tray.TrayIcon.new({ icon: 'missing.png' })")
    assert bad[0] == "error"
    assert "missing.png" in bad[1]
    assert len(app_errors.take(ValueError)) == 1


def capabilities(*permissions: str) -> dict[str, Any]:
    return {
        "security": {
            "capabilities": [
                {
                    "identifier": "pages",
                    "windows": ["main", "other"],
                    "permissions": ["core:event:default", *permissions],
                }
            ]
        }
    }


def test_menu_and_tray_permissions(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = menus_app(make_app, qtbot, compat_dist, **capabilities("core:menu:default"))
    main = app.window("main")
    assert outcome(qtbot, main, "v2.menu.Menu.new({ items: [] }).then((m) => m.id)")[0] == "ok"
    refused = outcome(qtbot, main, "v2.tray.TrayIcon.new({ tooltip: 'x' })")
    assert refused[0] == "error"
    assert "core:tray:allow-new" in refused[1]


def test_core_default_allows_menus_and_the_tray(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = menus_app(make_app, qtbot, compat_dist, **capabilities("core:default"))
    main = app.window("main")
    assert outcome(qtbot, main, "v2.tray.TrayIcon.new({ id: 't' }).then((t) => t.id)") == [
        "ok",
        "t",
    ]
    assert outcome(
        qtbot, main, "v2.menu.Menu.default().then((m) => m.items()).then((i) => i.length)"
    ) == [
        "ok",
        3,
    ]


def test_a_classic_page_uses_the_v2_global_menu_and_tray(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path
) -> None:
    """The same modules in ``window.__TAURI__`` (no bundler), on the same Python."""
    config = {
        "build": {"frontendDist": str(PAGES)},
        "app": {"windows": [{"label": "main", "url": "v2-global.html"}]},
    }
    app = make_app(config)
    wait_loaded(qtbot, app, ready_flag="window.v2GlobalReady")
    main = app.window("main")
    heard: list[Event] = []
    app.listen_global("tauri://menu", heard.append)
    app.listen_global("tauri://tray-icon", heard.append)
    script = """(async () => {
      const { menu: m, tray: t } = window.__TAURI__;
      window.got = [];
      const sub = await m.Submenu.new({ text: 'Tools', items: [
        { id: 'tool', text: 'Tool', action: (id) => window.got.push(['menu', id]) },
        { item: 'Separator' } ]});
      const check = await m.CheckMenuItem.new({ id: 'flag', text: 'Flag', checked: false });
      window.gm = await m.Menu.new({ items: [sub] });
      await window.gm.append(check);
      await check.setChecked(true);
      await window.gm.setAsWindowMenu();
      await window.gm.popup(new window.__TAURI__.dpi.LogicalPosition(3, 4));
      const items = await window.gm.items();
      window.gt = await t.TrayIcon.new({ id: 'g', menu: window.gm, tooltip: 'global',
        action: (e) => window.got.push(['tray', e.type, e.button, e.position.constructor.name]) });
      return [window.gm.rid, items.map((i) => [i.id, i.constructor.name]),
              await check.isChecked(), await sub.text()];
    })()"""
    rid, items, checked, text = eval_js(qtbot, main, script)
    assert items == [[items[0][0], "Submenu"], ["flag", "CheckMenuItem"]]
    assert checked is True
    assert text == "Tools"
    menu = held(app, rid)
    assert menu_state(app).last_popup == ("main", menu)
    qbar = main.webview.layout().menuBar()  # type: ignore[union-attr]
    assert [a.text() for a in qbar.actions()] == ["Tools", "Flag"]  # type: ignore[union-attr]
    tool = menu.get("tool")
    assert isinstance(tool, NativeItem)
    tool.action.trigger()
    tray = tray_state(app).by_id["g"]
    assert tray.tray.toolTip() == "global"
    tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.MiddleClick)
    wait_js(qtbot, main, "window.got.length === 2")
    assert eval_js(qtbot, main, "window.got") == [
        ["menu", "tool"],
        ["tray", "Click", "Middle", "PhysicalPosition"],
    ]
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert [e.event for e in heard] == ["tauri://menu", "tauri://tray-icon"]
    # The global's Image (image module) is the global's Resource, as the menu's objects are:
    # the tray takes it as its icon.
    tray.tray.setIcon(QIcon())
    with_image = """(async () => {
      const { core, image } = window.__TAURI__;
      const picture = await image.Image.fromBytes(new Uint8Array(%s));
      await window.gt.setIcon(picture);
      return [picture instanceof core.Resource, window.gt instanceof core.Resource];
    })()"""
    assert eval_js(qtbot, main, with_image % png_bytes(tmp_path)) == [True, True]
    assert not tray.tray.icon().isNull()
    assert eval_js(qtbot, main, "window.gt.close().then(() => true)")
    assert "g" not in tray_state(app).by_id
    assert not tray.tray.isVisible()
