// Tauri v2's global modules beside v1's in window.__TAURI__ (Tauri's `app.withGlobalTauri`):
// `core`, `event.emitTo` and targets, `dpi`, `app` and `path`. Built on the v2 internals
// (tauri-v2.js), so a classic page using the v2 global and a page bundled with
// @tauri-apps/api 2.x behave alike. Where a name means different things in v1 and v2, how it
// is resolved: docs/tauri-compat.md ("One window.__TAURI__ for v1 and v2").
(() => {
  'use strict';

  const tauri = window.__TAURI__;
  const internals = window.__TAURI_INTERNALS__;
  if (!tauri || !internals || tauri.core) return;

  const SERIALIZE_TO_IPC_FN = '__TAURI_TO_IPC_KEY__';
  const invoke = (cmd, args = {}, options) => internals.invoke(cmd, args, options);
  const transformCallback = (callback, once = false) =>
    internals.transformCallback(callback, once);

  /** v2's Channel: messages handed to `onmessage` in index order; `end` drops the callback
   * once every earlier message was handled. */
  class Channel {
    #onmessage;
    #next = 0;
    #waiting = new Map(); // index -> message, for messages that came before an earlier one
    #end = undefined;

    constructor(onmessage) {
      this.#onmessage = onmessage || (() => {});
      this.id = transformCallback((raw) => this.#receive(raw));
    }

    #receive({ index, message, end }) {
      if (end) this.#end = index;
      else this.#waiting.set(index, message);
      while (this.#waiting.has(this.#next)) {
        const next = this.#waiting.get(this.#next);
        this.#waiting.delete(this.#next);
        this.#next += 1;
        this.#onmessage(next);
      }
      if (this.#next === this.#end) this.cleanupCallback();
    }

    cleanupCallback() {
      internals.unregisterCallback(this.id);
    }

    set onmessage(handler) {
      this.#onmessage = handler;
    }

    get onmessage() {
      return this.#onmessage;
    }

    [SERIALIZE_TO_IPC_FN]() {
      return `__CHANNEL__:${this.id}`;
    }

    toJSON() {
      return this[SERIALIZE_TO_IPC_FN]();
    }
  }

  /** v2's Resource: a number the backend maps to an object (app/plugins/resources.py);
   * `close` drops it. The image and menu modules' objects are Resources. */
  class Resource {
    #rid;

    constructor(rid) {
      this.#rid = rid;
    }

    get rid() {
      return this.#rid;
    }

    async close() {
      return invoke('plugin:resources|close', { rid: this.#rid });
    }
  }

  tauri.core = Object.freeze({
    invoke,
    transformCallback,
    Channel,
    Resource,
    convertFileSrc: internals.convertFileSrc,
    isTauri: () => true,
    SERIALIZE_TO_IPC_FN,
  });

  // -- event: v2's targets and emitTo beside v1's functions -------------------------------

  const v1 = { listen: tauri.event.listen, once: tauri.event.once };
  const eventPlugin = window.__TAURI_EVENT_PLUGIN_INTERNALS__;

  /** A v2 EventTarget: a label string is `AnyLabel`. */
  function targetOf(target) {
    if (target === undefined) return { kind: 'Any' };
    return typeof target === 'string' ? { kind: 'AnyLabel', label: target } : target;
  }

  /** v2's listen: `options.target` decides what it hears (docs/tauri-compat.md). */
  async function listenTo(event, handler, options) {
    const eventId = await invoke('plugin:event|listen', {
      event,
      target: targetOf(options?.target),
      handler: transformCallback(handler),
    });
    return () => eventPlugin.unregisterListener(event, eventId);
  }

  function onceTo(event, handler, options) {
    return listenTo(
      event,
      (data) => {
        eventPlugin.unregisterListener(event, data.id);
        handler(data);
      },
      options,
    );
  }

  /** v1's listen(event, handler); with v2's third argument (options), v2's targets. */
  function listen(event, handler, options) {
    return options === undefined ? v1.listen(event, handler) : listenTo(event, handler, options);
  }

  function once(event, handler, options) {
    return options === undefined ? v1.once(event, handler) : onceTo(event, handler, options);
  }

  function emitTo(target, event, payload) {
    return invoke('plugin:event|emit_to', { target: targetOf(target), event, payload });
  }

  // Both versions' built-in event names (the shared ones have the same value).
  const TauriEvent = Object.freeze({
    ...tauri.event.TauriEvent,
    WINDOW_SUSPENDED: 'tauri://suspended',
    WINDOW_RESUMED: 'tauri://resumed',
    WEBVIEW_CREATED: 'tauri://webview-created',
    DRAG_ENTER: 'tauri://drag-enter',
    DRAG_OVER: 'tauri://drag-over',
    DRAG_DROP: 'tauri://drag-drop',
    DRAG_LEAVE: 'tauri://drag-leave',
  });

  tauri.event = { ...tauri.event, listen, once, emitTo, TauriEvent };
  // For v2-window.js: listeners with a target.
  Object.defineProperty(tauri.event, '__listenTo', { value: listenTo, enumerable: false });
  Object.defineProperty(tauri.event, '__onceTo', { value: onceTo, enumerable: false });

  // -- dpi --------------------------------------------------------------------------------

  const { LogicalSize, PhysicalSize, LogicalPosition, PhysicalPosition } = tauri.window;
  tauri.dpi = Object.freeze({ LogicalSize, PhysicalSize, LogicalPosition, PhysicalPosition });

  // -- app --------------------------------------------------------------------------------

  tauri.app = Object.freeze({
    getName: () => invoke('plugin:app|name'),
    getVersion: () => invoke('plugin:app|version'),
    getTauriVersion: () => invoke('plugin:app|tauri_version'),
    getIdentifier: () => invoke('plugin:app|identifier'),
  });

  // -- path -------------------------------------------------------------------------------

  // v2's numbering (v1's differs: docs/tauri-compat.md).
  const DIRECTORIES = [
    'Audio', 'Cache', 'Config', 'Data', 'LocalData', 'Document', 'Download', 'Picture',
    'Public', 'Video', 'Resource', 'Temp', 'AppConfig', 'AppData', 'AppLocalData', 'AppCache',
    'AppLog', 'Desktop', 'Executable', 'Font', 'Home', 'Runtime', 'Template',
  ];
  const BaseDirectory = {};
  DIRECTORIES.forEach((name, index) => {
    BaseDirectory[name] = index + 1;
    BaseDirectory[index + 1] = name;
  });
  Object.freeze(BaseDirectory);

  const resolveDirectory = (directory, path) =>
    invoke('plugin:path|resolve_directory', path === undefined ? { directory } : { directory, path });

  /** v1's `sep` is a string, v2's a function: this is a function that also reads as the
   * string (`dir + sep + name`, `${sep}`), so both kinds of page work. */
  function constant(value) {
    const read = () => value;
    read.toString = read;
    read.valueOf = read;
    read[Symbol.toPrimitive] = read;
    return read;
  }
  const platform = internals.plugins.path;

  const path = {
    BaseDirectory,
    resolveResource: (resourcePath) => resolveDirectory(BaseDirectory.Resource, resourcePath),
    sep: constant(platform.sep),
    delimiter: constant(platform.delimiter),
    resolve: (...paths) => invoke('plugin:path|resolve', { paths }),
    normalize: (value) => invoke('plugin:path|normalize', { path: value }),
    join: (...paths) => invoke('plugin:path|join', { paths }),
    dirname: (value) => invoke('plugin:path|dirname', { path: value }),
    extname: (value) => invoke('plugin:path|extname', { path: value }),
    basename: (value, ext) => invoke('plugin:path|basename', { path: value, ext }),
    isAbsolute: (value) => invoke('plugin:path|is_absolute', { path: value }),
  };
  for (const name of DIRECTORIES) {
    const fn = `${name[0].toLowerCase()}${name.slice(1)}Dir`;
    path[fn] = () => resolveDirectory(BaseDirectory[name]);
  }
  tauri.path = Object.freeze(path);
})();
