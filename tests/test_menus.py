"""Menus and the tray (issue 15, item 5): a window menu bar and a tray icon described in
Python; clicks (Qt's actions triggered, the tray's activation signal emitted, as Qt does on a
click) run the items' actions and reach Python listeners and pages (the project's API and the
v1 package's ``onMenuClicked``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QMenuBar, QSystemTrayIcon

from app import App, Event
from app.desktop import (
    Menu,
    MenuItem,
    Separator,
    Submenu,
    SystemTrayEvent,
    TrayIcon,
    set_window_menu,
)
from tests.compat_build import compat_config
from tests.conftest import page_config
from tests.js import eval_js, wait_js, wait_loaded


def png(folder: Path) -> Path:
    image = QImage(22, 22, QImage.Format.Format_ARGB32)
    image.fill(QColor("orange"))
    path = folder / "tray.png"
    assert image.save(str(path))
    return path


def action(owner: Any, item_id: str) -> QAction:
    found = owner.findChild(QAction, item_id)
    assert isinstance(found, QAction), f"no action {item_id!r}"
    return found


def file_menu(done: list[str]) -> Menu:
    return Menu(
        [
            Submenu(
                "File",
                [
                    MenuItem("open", "Open", accelerator="CmdOrCtrl+O"),
                    MenuItem("autosave", "Autosave", checked=True),
                    Separator(),
                    MenuItem("quit", "Quit", action=lambda: done.append("quit")),
                    Submenu("Recent", [MenuItem("recent-1", "notes.txt", enabled=False)]),
                ],
            )
        ]
    )


# -- the description --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([MenuItem("a", "A"), Submenu("S", [MenuItem("a", "again")])], "id 'a' is used twice"),
        ([MenuItem("", "A")], "its id must be a non-empty string"),
        ([MenuItem("a", 3)], "its text must be a string"),  # type: ignore[arg-type]
        (["Open"], "'Open' is not a MenuItem, Separator, Submenu or PredefinedMenuItem"),
        ([MenuItem("a", "A", action=1)], "its action must be callable"),  # type: ignore[arg-type]
    ],
)
def test_bad_menus_are_refused_by_name(items: list[Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Menu(items)


# -- a window's menu bar ----------------------------------------------------------------------


@pytest.mark.webengine
def test_window_menu_clicks_reach_python_and_pages(
    make_app: Callable[..., App], qtbot: Any, compat_dist: Path
) -> None:
    app = make_app(compat_config(compat_dist, ("main", "own"), ("old", "v1")))
    wait_loaded(qtbot, app, ready_flag="window.compatReady")
    main, old = app.window("main"), app.window("old")
    done: list[str] = []
    heard: list[tuple[str | None, Any]] = []
    app.listen_global("tauri://menu", lambda e: heard.append((e.window_label, e.payload)))
    bar = set_window_menu(main, file_menu(done))
    assert isinstance(bar, QMenuBar)
    assert main.webview.layout().menuBar() is bar  # type: ignore[union-attr]
    assert [a.text() for a in bar.actions()] == ["File"]
    assert action(bar, "open").shortcut().toString() == "Ctrl+O"
    assert action(bar, "autosave").isChecked()
    assert not action(bar, "recent-1").isEnabled()
    set_window_menu(old, file_menu(done))
    eval_js(qtbot, main, "(await __TAURI__.window.appWindow.onMenuClicked(record('menu')), true)")
    eval_js(qtbot, old, "(await v1.window.appWindow.onMenuClicked(record('menu')), true)")
    action(bar, "open").trigger()
    action(bar, "quit").trigger()
    action(old.webview.layout().menuBar(), "open").trigger()  # type: ignore[union-attr]
    script = "heard.filter((h) => h.tag === 'menu').map((h) => [h.event, h.payload])"
    wait_js(qtbot, main, "heard.filter((h) => h.tag === 'menu').length === 2")
    wait_js(qtbot, old, "heard.some((h) => h.tag === 'menu')")
    assert eval_js(qtbot, main, script) == [["tauri://menu", "open"], ["tauri://menu", "quit"]]
    assert eval_js(qtbot, old, script) == [["tauri://menu", "open"]]  # its own window's only
    assert done == ["quit"]
    assert heard == [("main", "open"), ("main", "quit"), ("old", "open")]
    assert set_window_menu(main, None) is None
    assert main.webview.layout().menuBar() is None  # type: ignore[union-attr]


# -- the tray ---------------------------------------------------------------------------------


@pytest.mark.webengine
def test_tray_menu_and_clicks_reach_python_and_pages(
    make_app: Callable[..., App], qtbot: Any, tmp_path: Path
) -> None:
    app = make_app(page_config("main", readyGraceMs=0))
    wait_loaded(qtbot, app)
    main = app.window("main")
    shown: list[str] = []
    tray = TrayIcon(
        app,
        icon=png(tmp_path),
        tooltip="Demo",
        menu=Menu(
            [
                MenuItem("show", "Show", action=lambda: shown.append("show")),
                Separator(),
                MenuItem("quit", "Quit"),
            ]
        ),
    )
    assert tray.tray.icon().availableSizes() == [QSize(22, 22)]
    assert tray.tray.toolTip() == "Demo"
    assert tray.menu is not None
    assert tray.tray.contextMenu() is tray.menu
    heard: list[Event] = []
    app.listen_global("tauri://menu", heard.append)
    app.listen_global("tauri://tray-icon", heard.append)
    v1_events: list[SystemTrayEvent] = []
    tray.on_system_tray_event(lambda got_app, event: v1_events.append(event))
    eval_js(
        qtbot,
        main,
        "(await api.listen('tauri://menu', record('menu')),"
        " await api.listen('tauri://tray-icon', record('tray')), true)",
    )
    action(tray.menu, "show").trigger()
    tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Context)  # the right button
    tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.DoubleClick)
    wait_js(qtbot, main, "tagged('tray').length === 3")
    assert eval_js(qtbot, main, "tagged('menu').map((e) => e.payload)") == ["show"]
    clicks = [
        {"id": "main", "type": "Click", "button": "Left", "buttonState": "Up"},
        {"id": "main", "type": "Click", "button": "Right", "buttonState": "Up"},
        {"id": "main", "type": "DoubleClick", "button": "Left"},
    ]
    tray_events = eval_js(qtbot, main, "tagged('tray').map((e) => e.payload)")
    # Tauri v2's TrayIconEvent: the mouse and the icon's rectangle too.
    assert [{k: e[k] for k in e if k not in ("position", "rect")} for e in tray_events] == clicks
    assert set(tray_events[0]["position"]) == {"x", "y"}
    assert set(tray_events[0]["rect"]) == {"position", "size"}
    assert shown == ["show"]
    assert [(e.event, e.window_label) for e in heard] == [
        ("tauri://menu", None),
        *[("tauri://tray-icon", None)] * 3,
    ]
    assert [e.payload for e in heard[1:]] == tray_events
    # Tauri v1's SystemTrayEvent, for Python (v1 has no JS tray API).
    assert [(e.kind, e.id) for e in v1_events] == [
        ("MenuItemClick", "show"),
        ("LeftClick", None),
        ("RightClick", None),
        ("DoubleClick", None),
    ]
    assert v1_events[1].position == tray_events[0]["position"]
    assert v1_events[1].size == tray_events[0]["rect"]["size"]
    tray.set_menu(None)
    assert tray.menu is None
    app.close()
    assert not tray.tray.isVisible()
