// Tauri v2's global `menu` and `tray` modules in window.__TAURI__ (app.withGlobalTauri), for
// classic pages: the same `plugin:menu|*` and `plugin:tray|*` commands, with the same
// arguments, as the @tauri-apps/api 2.x package sends, so both kinds of page reach the same
// Python (app/plugins/menu.py, tray.py). docs/tauri-compat.md lists what Qt does with each.
(() => {
  'use strict';

  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core || tauri.menu) return;

  const { invoke, Channel, Resource } = tauri.core;
  const { LogicalPosition, PhysicalPosition, PhysicalSize } = tauri.dpi;

  /** An `Image` is sent as its rid; a path or bytes as they are. */
  function image(value) {
    if (value === null || value === undefined) return null;
    return value instanceof Resource ? value.rid : value;
  }

  /** An option object's `action` becomes a channel (`handler`); nested items too. */
  function itemOptions(item) {
    if (item instanceof MenuBase) return [item.rid, item.kind];
    const { action, ...rest } = item;
    if ('icon' in rest) rest.icon = image(rest.icon);
    if (Array.isArray(rest.items)) rest.items = rest.items.map(itemOptions);
    if (action) rest.handler = new Channel(action);
    return rest;
  }

  function position(at) {
    if (at === undefined || at === null) return null;
    if (at instanceof LogicalPosition) return { Logical: { x: at.x, y: at.y } };
    if (at instanceof PhysicalPosition) return { Physical: { x: at.x, y: at.y } };
    return at; // already {Logical: ...} or {Physical: ...}
  }

  class MenuBase extends Resource {
    #id;
    #kind;

    /** `kind`: the class's own (`static KIND`), as the package's classes fix it. */
    constructor(rid, id) {
      super(rid);
      this.#id = id;
      this.#kind = new.target.KIND;
    }

    get id() {
      return this.#id;
    }

    get kind() {
      return this.#kind;
    }

    static async create(Kind, options = {}) {
      const kind = Kind.KIND;
      const { action, ...rest } = options;
      if ('icon' in rest) rest.icon = image(rest.icon);
      if (Array.isArray(rest.items)) rest.items = rest.items.map(itemOptions);
      const handler = new Channel(action);
      const [rid, id] = await invoke('plugin:menu|new', { kind, options: rest, handler });
      return new Kind(rid, id);
    }

    #call(command, args = {}) {
      return invoke(`plugin:menu|${command}`, { rid: this.rid, kind: this.#kind, ...args });
    }

    // Shared by the item kinds that have them (as the package's classes each define them).
    text() {
      return this.#call('text');
    }

    setText(text) {
      return this.#call('set_text', { text });
    }

    isEnabled() {
      return this.#call('is_enabled');
    }

    setEnabled(enabled) {
      return this.#call('set_enabled', { enabled });
    }

    setAccelerator(accelerator) {
      return this.#call('set_accelerator', { accelerator });
    }

    setIcon(icon) {
      return this.#call('set_icon', { icon: image(icon) });
    }

    // Menus and submenus.
    append(items) {
      return this.#call('append', { items: [items].flat().map(itemOptions) });
    }

    prepend(items) {
      return this.#call('prepend', { items: [items].flat().map(itemOptions) });
    }

    insert(items, at) {
      return this.#call('insert', { items: [items].flat().map(itemOptions), position: at });
    }

    remove(item) {
      return this.#call('remove', { item: [item.rid, item.kind] });
    }

    async removeAt(at) {
      const found = await this.#call('remove_at', { position: at });
      return found ? fromKind(found) : null;
    }

    async items() {
      return (await this.#call('items')).map(fromKind);
    }

    async get(id) {
      const found = await this.#call('get', { id });
      return found ? fromKind(found) : null;
    }

    popup(at, window) {
      return this.#call('popup', { window: window?.label ?? null, at: position(at) });
    }
  }

  class MenuItem extends MenuBase {
    static KIND = 'MenuItem';

    static new(options) {
      return MenuBase.create(MenuItem, options);
    }
  }

  class CheckMenuItem extends MenuBase {
    static KIND = 'Check';

    static new(options) {
      return MenuBase.create(CheckMenuItem, options);
    }

    isChecked() {
      return invoke('plugin:menu|is_checked', { rid: this.rid });
    }

    setChecked(checked) {
      return invoke('plugin:menu|set_checked', { rid: this.rid, checked });
    }
  }

  class IconMenuItem extends MenuBase {
    static KIND = 'Icon';

    static new(options) {
      return MenuBase.create(IconMenuItem, options);
    }
  }

  class PredefinedMenuItem extends MenuBase {
    static KIND = 'Predefined';

    static new(options) {
      return MenuBase.create(PredefinedMenuItem, options);
    }
  }

  class Submenu extends MenuBase {
    static KIND = 'Submenu';

    static new(options) {
      return MenuBase.create(Submenu, options);
    }

    setAsWindowsMenuForNSApp() {
      return invoke('plugin:menu|set_as_windows_menu_for_nsapp', { rid: this.rid });
    }

    setAsHelpMenuForNSApp() {
      return invoke('plugin:menu|set_as_help_menu_for_nsapp', { rid: this.rid });
    }
  }

  class Menu extends MenuBase {
    static KIND = 'Menu';

    static new(options) {
      return MenuBase.create(Menu, options);
    }

    static async default() {
      const [rid, id] = await invoke('plugin:menu|create_default');
      return new Menu(rid, id);
    }

    async setAsAppMenu() {
      const previous = await invoke('plugin:menu|set_as_app_menu', { rid: this.rid });
      return previous ? new Menu(previous[0], previous[1]) : null;
    }

    async setAsWindowMenu(window) {
      const previous = await invoke('plugin:menu|set_as_window_menu', {
        rid: this.rid,
        window: window?.label ?? null,
      });
      return previous ? new Menu(previous[0], previous[1]) : null;
    }
  }

  const KINDS = {
    Menu, Submenu, MenuItem, Check: CheckMenuItem, Icon: IconMenuItem, Predefined: PredefinedMenuItem,
  };

  function fromKind([rid, id, kind]) {
    return new (KINDS[kind] ?? MenuItem)(rid, id);
  }

  tauri.menu = Object.freeze({
    Menu, Submenu, MenuItem, CheckMenuItem, IconMenuItem, PredefinedMenuItem,
  });

  // -- tray --------------------------------------------------------------------------------

  /** v2's TrayIconEvent, with its positions and size as dpi classes. */
  function trayEvent(event) {
    const { x, y } = event.position;
    const { position: at, size } = event.rect;
    return {
      ...event,
      position: new PhysicalPosition(x, y),
      rect: { position: new PhysicalPosition(at.x, at.y), size: new PhysicalSize(size.width, size.height) },
    };
  }

  class TrayIcon extends Resource {
    constructor(rid, id) {
      super(rid);
      this.id = id;
    }

    static async new(options = {}) {
      const { action, menu, icon, ...rest } = options;
      if (menu) rest.menu = [menu.rid, menu.kind];
      if (icon) rest.icon = image(icon);
      const handler = new Channel(action ? (event) => action(trayEvent(event)) : undefined);
      const [rid, id] = await invoke('plugin:tray|new', { options: rest, handler });
      return new TrayIcon(rid, id);
    }

    static async getById(id) {
      const rid = await invoke('plugin:tray|get_by_id', { id });
      return rid ? new TrayIcon(rid, id) : null;
    }

    static removeById(id) {
      return invoke('plugin:tray|remove_by_id', { id });
    }

    #call(command, args) {
      return invoke(`plugin:tray|${command}`, { rid: this.rid, ...args });
    }

    setIcon(icon) {
      return this.#call('set_icon', { icon: image(icon) });
    }

    setMenu(menu) {
      return this.#call('set_menu', { menu: menu ? [menu.rid, menu.kind] : null });
    }

    setTooltip(tooltip) {
      return this.#call('set_tooltip', { tooltip });
    }

    setTitle(title) {
      return this.#call('set_title', { title });
    }

    setVisible(visible) {
      return this.#call('set_visible', { visible });
    }

    setTempDirPath(path) {
      return this.#call('set_temp_dir_path', { path });
    }

    setIconAsTemplate(asTemplate) {
      return this.#call('set_icon_as_template', { asTemplate });
    }

    setShowMenuOnLeftClick(onLeft) {
      return this.#call('set_show_menu_on_left_click', { onLeft });
    }

    setMenuOnLeftClick(onLeft) {
      return this.setShowMenuOnLeftClick(onLeft);
    }
  }

  tauri.tray = Object.freeze({ TrayIcon });
})();
