// The internals the official @tauri-apps/api 1.x package calls: window.__TAURI_IPC__, with
// answers through the package's own `window['_' + id]` callbacks. Built on window.__QTAURI__,
// so every call takes the same bridge kinds (and the same checks) as our own API.
// What maps to what, and what differs: docs/tauri-compat.md.
(() => {
  'use strict';

  if (Object.hasOwn(window, '__TAURI_IPC__')) return;

  const core = window.__QTAURI__;

  /** A v1 promise rejects with the raw error value: Tauri's is a string. */
  function rawError(error) {
    return typeof error?.message === 'string' ? error.message : String(error);
  }

  function answer(callbackId, value) {
    const callback = window[`_${callbackId}`];
    if (typeof callback === 'function') callback(value);
    else console.warn(`[qtauri] no callback _${callbackId} to answer (the page dropped it)`);
  }

  function unsupported(what) {
    return Promise.reject(new Error(`${what} is not supported by qtauri (docs/tauri-compat.md)`));
  }

  // -- the `tauri` command's Event module ------------------------------------------------

  function eventModule(message) {
    const { cmd, event, windowLabel = null } = message;
    switch (cmd) {
      case 'listen': {
        const handlerId = message.handler;
        // The package registered `window['_' + handler]`; look it up on each event, as Tauri
        // does, so a callback the page deleted is skipped.
        return core.addListener(event, windowLabel, (data) => answer(handlerId, data));
      }
      case 'unlisten':
        core.unlisten(message.eventId);
        return Promise.resolve(null);
      case 'emit':
        return core.emit(event, windowLabel, message.payload).then(() => null);
      default:
        return unsupported(`the Event command '${cmd}'`);
    }
  }

  // -- the `tauri` command's Window module -----------------------------------------------

  // v1 `manage` command type -> its call, from the table of window operations (core.js):
  // a v1 size or position is `{type, data}` (an optional size: or null), the rest is the
  // payload itself.
  const MANAGE = {};
  for (const { op, takes, v1 } of core.windowOperations) {
    if (!v1) continue;
    MANAGE[op] =
      takes === 'size' || takes === 'position' || takes === 'optional-size'
        ? (label, payload) =>
            core.callWindow(label, op, payload?.data ?? null, payload?.type === 'Physical')
        : (label, payload) => core.callWindow(label, op, payload);
  }

  // The monitor commands name no window: the page's own is meant.
  const currentLabel = window.__TAURI_METADATA__?.__currentWindow?.label ?? 'main';

  async function toggleMaximize(label) {
    const maximized = await core.callWindow(label, 'isMaximized');
    return core.callWindow(label, maximized ? 'unmaximize' : 'maximize');
  }

  // Every option goes to the backend, which warns once about each of Tauri's that Qt cannot
  // honour and refuses the unknown ones (app/tauriconf.py's window table).
  function createWebview({ label, ...options }) {
    if ('fileDropEnabled' in options) {
      // v1's name of the option qtauri calls by v2's.
      options.dragDropEnabled = options.fileDropEnabled;
      delete options.fileDropEnabled;
    }
    return core.call({ kind: 'create_window', label, options });
  }

  function windowModule(message) {
    const { cmd, data = {} } = message;
    if (cmd === 'createWebview') return createWebview({ ...data.options });
    if (cmd !== 'manage') return unsupported(`the Window command '${cmd}'`);
    const { label = currentLabel, cmd: manage = {} } = data;
    if (manage.type === 'toggleMaximize') return toggleMaximize(label);
    const serve = Object.hasOwn(MANAGE, manage.type) ? MANAGE[manage.type] : null;
    if (!serve) return unsupported(`the window method '${manage.type}'`);
    return serve(label, manage.payload);
  }

  // -- the App and Path modules: the backend's core `app` and `path` plugins ---------------

  const APP = { getAppName: 'name', getAppVersion: 'version', getTauriVersion: 'tauri_version' };

  function appModule({ cmd }) {
    const command = APP[cmd];
    if (!command) return unsupported(`the App command '${cmd}'`);
    return core.call({ kind: 'invoke', cmd: `plugin:app|${command}`, args: {} });
  }

  // v1's BaseDirectory numbers -> v2's (which the backend takes); v1's legacy App and Log are
  // its AppConfig and AppLog.
  const V1_DIRECTORIES = [
    null, 1, 2, 3, 4, 5, 18, 6, 7, 19, 20, 21, 8, 9, 22, 23, 10, 11, 13, 17, 12, 13, 14, 15, 16, 17,
  ];
  const PATH = {
    resolvePath: ({ path, directory }) => [
      'resolve_directory',
      { directory: V1_DIRECTORIES[directory] ?? -1, path: path || undefined },
    ],
    resolve: ({ paths }) => ['resolve', { paths }],
    normalize: ({ path }) => ['normalize', { path }],
    join: ({ paths }) => ['join', { paths }],
    dirname: ({ path }) => ['dirname', { path }],
    extname: ({ path }) => ['extname', { path }],
    basename: ({ path, ext }) => ['basename', { path, ext }],
    isAbsolute: ({ path }) => ['is_absolute', { path }],
  };

  function pathModule(message) {
    const found = PATH[message.cmd];
    if (!found) return unsupported(`the Path command '${message.cmd}'`);
    const [command, args] = found(message);
    return core.call({ kind: 'invoke', cmd: `plugin:path|${command}`, args });
  }

  // -- the Shell module's `open`: the backend's opener plugin (app.plugins.opener) ----------

  function shellModule({ cmd, path, with: program }) {
    if (cmd !== 'open') return unsupported(`the Shell command '${cmd}'`);
    const args = program === undefined ? { url: path } : { url: path, with: program };
    return core.call({ kind: 'invoke', cmd: 'plugin:opener|open_url', args });
  }

  // -- the Dialog module: the backend's dialog plugin (app.plugins.dialog) -----------------

  function dialogCall(cmd, args) {
    return core.call({ kind: 'invoke', cmd: `plugin:dialog|${cmd}`, args });
  }

  function dialogModule(message) {
    const { cmd, title, type: kind, options } = message;
    const text = message.message;
    switch (cmd) {
      case 'openDialog':
        return dialogCall('open', { options });
      case 'saveDialog':
        return dialogCall('save', { options });
      case 'messageDialog': {
        const buttons = message.buttonLabel ? { OkCustom: message.buttonLabel } : 'Ok';
        return dialogCall('message', { message: text, title, kind, buttons }).then(() => null);
      }
      case 'askDialog':
      case 'confirmDialog': {
        const [ok, cancel] = message.buttonLabels;
        const buttons = { OkCancelCustom: [ok, cancel] };
        return dialogCall('message', { message: text, title, kind, buttons }).then(
          (chosen) => chosen === ok,
        );
      }
      default:
        return unsupported(`the Dialog command '${cmd}'`);
    }
  }

  // -- the Clipboard and Process modules: the backend's plugins of those names ----------------

  function clipboardModule({ cmd, data }) {
    const call = (command, args = {}) =>
      core.call({ kind: 'invoke', cmd: `plugin:clipboard-manager|${command}`, args });
    if (cmd === 'writeText') return call('write_text', { text: data });
    // v1 answers null for an empty clipboard; v2's command rejects.
    if (cmd === 'readText') return call('read_text').catch(() => null);
    return unsupported(`the Clipboard command '${cmd}'`);
  }

  function processModule({ cmd, exitCode }) {
    const call = (command, args = {}) =>
      core.call({ kind: 'invoke', cmd: `plugin:process|${command}`, args });
    if (cmd === 'exit') return call('exit', { code: exitCode ?? 0 });
    if (cmd === 'relaunch') return call('restart');
    return unsupported(`the Process command '${cmd}'`);
  }

  // v1's Notification module: permission questions (showing one is window.Notification's).
  function notificationModule({ cmd }) {
    const call = (command) =>
      core.call({ kind: 'invoke', cmd: `plugin:notification|${command}`, args: {} });
    if (cmd === 'isNotificationPermissionGranted') return call('is_permission_granted');
    if (cmd === 'requestNotificationPermission') return call('request_permission');
    return unsupported(`the Notification command '${cmd}'`);
  }

  const MODULES = {
    Notification: notificationModule,
    Clipboard: clipboardModule,
    Process: processModule,
    Dialog: dialogModule,
    Event: eventModule,
    Window: windowModule,
    App: appModule,
    Path: pathModule,
    Shell: shellModule,
  };

  function dispatch(cmd, args) {
    if (cmd !== 'tauri') return core.call({ kind: 'invoke', cmd, args });
    const serve = MODULES[args.__tauriModule];
    if (!serve) return unsupported(`the '${args.__tauriModule}' module`);
    return serve(args.message ?? {});
  }

  /** What the v1 package's invoke() calls: `{cmd, callback, error, ...args}`. */
  function ipc(message) {
    const { cmd, callback, error, ...args } = message;
    let pending;
    try {
      pending = dispatch(cmd, args);
    } catch (thrown) {
      pending = Promise.reject(thrown);
    }
    pending.then(
      (value) => answer(callback, value === undefined ? null : value),
      (failure) => answer(error, rawError(failure)),
    );
  }

  Object.defineProperty(window, '__TAURI_IPC__', {
    value: ipc,
    enumerable: false,
    writable: false,
    configurable: false,
  });
})();
