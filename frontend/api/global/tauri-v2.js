// The internals the official @tauri-apps/api 2.x package calls: window.__TAURI_INTERNALS__
// (invoke, the callback registry, metadata) and window.__TAURI_EVENT_PLUGIN_INTERNALS__, with
// the `plugin:event|*`, `plugin:window|*` and `plugin:webview|*` commands served here on top
// of window.__QTAURI__, so every call takes the same bridge kinds (and checks) as our own API.
// Targets, commands and what differs: docs/tauri-compat.md.
(() => {
  'use strict';

  if (Object.hasOwn(window, '__TAURI_INTERNALS__')) return;

  const core = window.__QTAURI__;
  const currentLabel = window.__TAURI_METADATA__?.__currentWindow?.label ?? 'main';

  /** A v2 promise rejects with the raw error value: Tauri's is usually a string. */
  function rawError(error) {
    return typeof error?.message === 'string' ? error.message : String(error);
  }

  function unsupported(cmd) {
    return Promise.reject(new Error(`${cmd} is not supported by qtauri (docs/tauri-compat.md)`));
  }

  function openLabels() {
    return (window.__TAURI_METADATA__?.__windows ?? []).map((entry) => entry.label);
  }

  // -- plugin:event ----------------------------------------------------------------------

  const LABELLED = new Set(['AnyLabel', 'Window', 'Webview', 'WebviewWindow']);

  /** A v2 EventTarget as [window label or null, reach]; see the mapping in the docs. */
  function target(value) {
    const kind = value?.kind;
    if (kind === 'Any') return [null, 'any'];
    if (kind === 'App') return [null, 'global'];
    if (LABELLED.has(kind) && typeof value.label === 'string') return [value.label, 'label'];
    throw new Error(`invalid event target ${JSON.stringify(value)}`);
  }

  /** Listener id -> the id of the callback the package registered as its handler. */
  const handlers = new Map();

  /** Drops a listener here (the backend is told by the core) and its handler callback. */
  function dropListener(eventId) {
    core.unlisten(eventId);
    const handler = handlers.get(eventId);
    if (handler === undefined) return;
    handlers.delete(eventId);
    core.unregisterCallback(handler);
  }

  const EVENT = {
    async listen({ event, target: to, handler }) {
      const [label, reach] = target(to);
      // v2 handlers get {event, id, payload}: no windowLabel. The id is noted here too: an
      // event can come before the listen's promise continuation runs, and its handler unlisten.
      const deliver = ({ id, payload }) => {
        handlers.set(id, handler);
        core.runCallback(handler, { event, id, payload });
      };
      const eventId = await core.addListener(event, label, deliver, { reach });
      if (core.hasListener(eventId)) handlers.set(eventId, handler); // (a once may be done)
      return eventId;
    },
    unlisten({ eventId }) {
      dropListener(eventId);
      return null;
    },
    async emit({ event, payload }) {
      await core.emit(event, null, payload);
      return null;
    },
    async emit_to({ target: to, event, payload }) {
      const [label] = target(to);
      try {
        await core.emit(event, label, payload);
      } catch (error) {
        // Tauri v2 emits to whoever matches: no window with that label is no error.
        if (error?.name !== 'WindowNotFound') throw error;
      }
      return null;
    },
  };

  // -- plugin:window and plugin:webview ---------------------------------------------------

  // Every option goes to the backend, which warns once about each of Tauri's that Qt cannot
  // honour and refuses the unknown ones (app/tauriconf.py's window table).
  function createWindow({ options = {} }) {
    // Undefined options (`parent` mostly) were dropped by the JSON round trip.
    const { label, parent, ...rest } = options;
    if (parent !== undefined) return unsupported('a parent window');
    return core.call({ kind: 'create_window', label, options: rest }).then(() => null);
  }

  /** v2 command -> ({label, value}) => promise. */
  const WINDOW = {
    'plugin:window|get_all_windows': () => openLabels(),
    'plugin:webview|get_all_webviews': () =>
      openLabels().map((label) => ({ label, windowLabel: label })),
    'plugin:window|create': createWindow,
    'plugin:webview|create_webview_window': createWindow,
    'plugin:window|toggle_maximize': async ({ label }) => {
      const maximized = await core.callWindow(label, 'isMaximized');
      return core.callWindow(label, maximized ? 'unmaximize' : 'maximize');
    },
  };

  /** A v2 size or position (`{Logical: {..}}` or `{Physical: {..}}`, or null) as callWindow's. */
  function sized(label, op, value) {
    if (value == null) return core.callWindow(label, op, null);
    return 'Physical' in value
      ? core.callWindow(label, op, value.Physical, true)
      : core.callWindow(label, op, value.Logical);
  }

  // The rest, one per entry of the table of window operations (core.js) that v2's window
  // plugin has: `{label, value}`, where a size or position is `{Logical: {..}}` or
  // `{Physical: {..}}`; a point is `{x, y}`. The monitor and cursor commands name no window:
  // the page's own is meant.
  const SIZED = new Set(['size', 'position', 'optional-size']);
  for (const { op, takes, v2 } of core.windowOperations) {
    if (v2 === null) continue;
    WINDOW[`plugin:window|${v2}`] = SIZED.has(takes)
      ? ({ label = currentLabel, value }) => sized(label, op, value)
      : takes === 'point'
        ? ({ label = currentLabel, x, y }) => core.callWindow(label, op, { x, y })
        : ({ label = currentLabel, value }) => core.callWindow(label, op, value);
  }

  // -- invoke ----------------------------------------------------------------------------

  const PLUGIN = /^plugin:([^|]+)\|(.+)$/;

  function dispatch(cmd, args) {
    const plugin = PLUGIN.exec(cmd);
    if (!plugin) return core.call({ kind: 'invoke', cmd, args });
    const [, name, command] = plugin;
    if (name === 'event') {
      const serve = EVENT[command];
      return serve ? serve(args) : unsupported(cmd);
    }
    const serve = WINDOW[cmd];
    if (serve) return serve(args);
    if (name === 'window' || name === 'webview') return unsupported(cmd);
    // Any other plugin is the backend's (app.plugins, or the app's own Plugin): an unknown
    // one is refused there, as `plugin <name> not found`.
    return core.call({ kind: 'invoke', cmd, args });
  }

  const SERIALIZE_TO_IPC_FN = '__TAURI_TO_IPC_KEY__';

  function toIpc(_key, value) {
    if (typeof value?.[SERIALIZE_TO_IPC_FN] === 'function') return value[SERIALIZE_TO_IPC_FN]();
    // Bytes inside the arguments (Image.new's rgba, Image.fromBytes' bytes) go as numbers,
    // as Tauri's IPC sends them: plain JSON would make an ArrayBuffer `{}`, losing them.
    if (value instanceof ArrayBuffer) return Array.from(new Uint8Array(value));
    if (value instanceof Uint8Array) return Array.from(value);
    return value;
  }

  // -- raw binary calls and answers (app/commands/rawbody.py) -----------------------------

  // A command's bytes (a `Response`) come as an ArrayBuffer from core.js (binary.js).
  const binary = window.__QTAURI_BINARY__;

  function fromIpc(value) {
    return value === undefined ? null : value;
  }

  /** An invoke whose argument is bytes (Tauri's raw body), with the call's headers. */
  function invokeRaw(cmd, body, headers) {
    return core.call({ kind: 'invoke', cmd, args: {}, raw: binary.toBase64(binary.view(body)), headers });
  }

  /** What the v2 package's invoke() calls; `options.headers` go with a raw (binary) call. */
  function invoke(cmd, args = {}, options) {
    return new Promise((resolve) => {
      if (binary.isBytes(args)) {
        resolve(invokeRaw(cmd, args, { ...(options?.headers ?? {}) }));
        return;
      }
      // The package's serialisation: Channels become '__CHANNEL__:<id>', sizes and positions
      // their IPC shape, and any object with a SERIALIZE_TO_IPC_FN method what it returns.
      resolve(dispatch(cmd, JSON.parse(JSON.stringify(args ?? {}, toIpc))));
    }).then(fromIpc, (error) => Promise.reject(rawError(error)));
  }

  function convertFileSrc(filePath, protocol = 'asset') {
    return `${protocol}://localhost/${encodeURIComponent(filePath)}`;
  }

  const internals = {};
  const define = (name, value) =>
    Object.defineProperty(internals, name, { value, enumerable: true, writable: false });
  define('metadata', {
    currentWindow: { label: currentLabel },
    currentWebview: { label: currentLabel, windowLabel: currentLabel },
  });
  // The path module's sep() and delimiter() read these synchronously; the backend's core
  // `path` plugin defines them for the platform (app/plugins/core.py).
  define('plugins', { path: window.__QTAURI_PATH__ ?? { sep: '/', delimiter: ':' } });
  define('invoke', invoke);
  define('transformCallback', (callback, once = false) =>
    core.registerCallback((data) => callback?.(data), once),
  );
  define('unregisterCallback', (id) => core.unregisterCallback(id));
  define('runCallback', (id, data) => {
    core.runCallback(id, data);
  });
  define('convertFileSrc', convertFileSrc);

  Object.defineProperty(window, '__TAURI_INTERNALS__', {
    value: internals,
    enumerable: false,
    writable: false,
    configurable: false,
  });
  Object.defineProperty(window, '__TAURI_EVENT_PLUGIN_INTERNALS__', {
    value: Object.freeze({
      // The v2 package calls this before its unlisten command, so that the listener stops at
      // once, even inside a dispatch.
      unregisterListener(_event, eventId) {
        dropListener(eventId);
      },
    }),
    enumerable: false,
    writable: false,
    configurable: false,
  });
  if (!('isTauri' in window)) window.isTauri = true;
})();
