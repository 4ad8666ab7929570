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

  /** Logical pixels of a v2 `{Logical: {..}}` / `{Physical: {..}}` component, as an integer. */
  function logical(tagged, key) {
    if ('Physical' in tagged) return Math.round(tagged.Physical[key] / window.devicePixelRatio);
    return Math.round(tagged.Logical[key]);
  }

  function windowCall(label, op, args = []) {
    return core.call({ kind: 'window', label, op, args });
  }

  // v2 WindowOptions and WebviewOptions that qtauri's windows do not have: dropped with a
  // warning, as Tauri ignores what a platform lacks. Any other unknown option fails the
  // creation, naming it.
  const IGNORED_OPTIONS = new Set([
    'preventOverflow', 'focusable', 'transparent', 'alwaysOnBottom', 'contentProtected',
    'skipTaskbar', 'noRedirectionBitmap', 'shadow', 'theme', 'titleBarStyle',
    'trafficLightPosition', 'hiddenTitle', 'tabbingIdentifier', 'maximizable', 'minimizable',
    'closable', 'visibleOnAllWorkspaces', 'windowEffects', 'backgroundColor',
    'backgroundThrottling', 'javascriptDisabled', 'allowLinkPreview',
    'disableInputAccessoryView', 'scrollBarStyle', 'activityName', 'createdByActivityName',
    'requestedBySceneIdentifier', 'dragDropEnabled', 'acceptFirstMouse', 'userAgent',
    'incognito', 'proxyUrl', 'zoomHotkeysEnabled', 'useHttpsScheme', 'devtools',
    'dataDirectory', 'dataStoreIdentifier', 'generalAutofillEnabled',
  ]);

  function createWindow({ options = {} }) {
    // Undefined options (`parent` mostly) were dropped by the JSON round trip.
    const { label, parent, ...rest } = options;
    if (parent !== undefined) return unsupported('a parent window');
    for (const name of Object.keys(rest)) {
      if (!IGNORED_OPTIONS.has(name)) continue;
      console.warn(`[qtauri] new window '${label}': option '${name}' is not supported; ignored`);
      delete rest[name];
    }
    return core.call({ kind: 'create_window', label, options: rest }).then(() => null);
  }

  /** v2 command -> ({label, value}) => promise. */
  const WINDOW = {
    'plugin:window|get_all_windows': () => openLabels(),
    'plugin:webview|get_all_webviews': () =>
      openLabels().map((label) => ({ label, windowLabel: label })),
    'plugin:window|create': createWindow,
    'plugin:webview|create_webview_window': createWindow,
    'plugin:window|set_title': ({ label, value }) => windowCall(label, 'setTitle', [value]),
    'plugin:window|title': ({ label }) => windowCall(label, 'title'),
    'plugin:window|show': ({ label }) => windowCall(label, 'show'),
    'plugin:window|hide': ({ label }) => windowCall(label, 'hide'),
    // v2's close asks (tauri://close-requested, which onCloseRequested may refuse); destroy
    // closes at once.
    'plugin:window|close': ({ label }) => windowCall(label, 'requestClose'),
    'plugin:window|destroy': ({ label }) => windowCall(label, 'close'),
    'plugin:window|set_focus': ({ label }) => windowCall(label, 'setFocus'),
    'plugin:window|minimize': ({ label }) => windowCall(label, 'minimize'),
    'plugin:window|maximize': ({ label }) => windowCall(label, 'maximize'),
    'plugin:window|unmaximize': ({ label }) => windowCall(label, 'unmaximize'),
    'plugin:window|toggle_maximize': async ({ label }) => {
      const maximized = await windowCall(label, 'isMaximized');
      return windowCall(label, maximized ? 'unmaximize' : 'maximize');
    },
    'plugin:window|center': ({ label }) => windowCall(label, 'center'),
    'plugin:window|is_visible': ({ label }) => windowCall(label, 'isVisible'),
    'plugin:window|is_maximized': ({ label }) => windowCall(label, 'isMaximized'),
    'plugin:window|scale_factor': ({ label }) => windowCall(label, 'scaleFactor'),
    'plugin:window|inner_size': ({ label }) => windowCall(label, 'innerSize'),
    'plugin:window|outer_position': ({ label }) => windowCall(label, 'outerPosition'),
    'plugin:window|set_size': ({ label, value }) =>
      windowCall(label, 'setSize', [logical(value, 'width'), logical(value, 'height')]),
    'plugin:window|set_position': ({ label, value }) =>
      windowCall(label, 'setPosition', [logical(value, 'x'), logical(value, 'y')]),
    'plugin:window|unminimize': ({ label }) => windowCall(label, 'unminimize'),
    'plugin:window|is_minimized': ({ label }) => windowCall(label, 'isMinimized'),
    'plugin:window|is_focused': ({ label }) => windowCall(label, 'isFocused'),
    'plugin:window|set_fullscreen': ({ label, value }) => windowCall(label, 'setFullscreen', [value]),
    'plugin:window|is_fullscreen': ({ label }) => windowCall(label, 'isFullscreen'),
    'plugin:window|outer_size': ({ label }) => windowCall(label, 'outerSize'),
    'plugin:window|inner_position': ({ label }) => windowCall(label, 'innerPosition'),
    'plugin:window|set_decorations': ({ label, value }) =>
      windowCall(label, 'setDecorations', [value]),
    'plugin:window|is_decorated': ({ label }) => windowCall(label, 'isDecorated'),
    'plugin:window|set_always_on_top': ({ label, value }) =>
      windowCall(label, 'setAlwaysOnTop', [value]),
    'plugin:window|is_always_on_top': ({ label }) => windowCall(label, 'isAlwaysOnTop'),
  };

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
    return Promise.reject(new Error(`plugin ${name} not found`));
  }

  const SERIALIZE_TO_IPC_FN = '__TAURI_TO_IPC_KEY__';

  function toIpc(_key, value) {
    return typeof value?.[SERIALIZE_TO_IPC_FN] === 'function' ? value[SERIALIZE_TO_IPC_FN]() : value;
  }

  /** What the v2 package's invoke() calls. `options` (headers) has no use here. */
  function invoke(cmd, args = {}, _options) {
    if (args instanceof ArrayBuffer || ArrayBuffer.isView(args)) {
      return Promise.reject(`invoke('${cmd}'): raw binary arguments are not supported by qtauri`);
    }
    return new Promise((resolve) => {
      // The package's serialisation: Channels become '__CHANNEL__:<id>', sizes and positions
      // their IPC shape, and any object with a SERIALIZE_TO_IPC_FN method what it returns.
      resolve(dispatch(cmd, JSON.parse(JSON.stringify(args ?? {}, toIpc))));
    }).then(
      (value) => (value === undefined ? null : value),
      (error) => Promise.reject(rawError(error)),
    );
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
  define('plugins', {});
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
