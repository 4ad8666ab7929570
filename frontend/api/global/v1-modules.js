// Tauri v1's built-in modules in window.__TAURI__ (v1's `build.withGlobalTauri` puts the whole
// @tauri-apps/api 1.x there): `dialog`, `shell`, `clipboard`, `process`, `notification`. Each
// function sends the message the v1 package sends (the `tauri` command with a
// `__tauriModule`) through window.__TAURI_IPC__ (tauri-v1.js), so a classic v1 page and a
// bundled one reach the backend's plugins by one path, with the same answers and errors.
// What each maps to: docs/tauri-compat.md ("One window.__TAURI__ for v1 and v2").
(() => {
  'use strict';

  const tauri = window.__TAURI__;
  const ipc = window.__TAURI_IPC__;
  if (!tauri || typeof ipc !== 'function' || tauri.dialog) return;

  let lastCallback = 0;

  /** A one-shot answer function where tauri-v1.js looks for it: `window['_' + id]`. */
  function oneShot(settle, other) {
    lastCallback += 1;
    const id = `qtauriV1Module${lastCallback}`;
    Object.defineProperty(window, `_${id}`, {
      value: (value) => {
        delete window[`_${id}`];
        delete window[`_${other()}`];
        settle(value);
      },
      configurable: true,
    });
    return id;
  }

  /** v1's invokeTauriCommand: resolves with the answer, rejects with the error string. */
  function send(module, message) {
    return new Promise((resolve, reject) => {
      let error = null;
      const callback = oneShot(resolve, () => error);
      error = oneShot(reject, () => callback);
      ipc({ cmd: 'tauri', callback, error, __tauriModule: module, message });
    });
  }

  /** v1's dialog options: a string is the title. */
  function dialogOptions(options) {
    const opts = typeof options === 'string' ? { title: options } : (options ?? {});
    return { title: opts.title?.toString(), type: opts.type, opts };
  }

  function choice(cmd, yes, no) {
    return (message, options) => {
      const { title, type, opts } = dialogOptions(options);
      const buttonLabels = [opts.okLabel?.toString() ?? yes, opts.cancelLabel?.toString() ?? no];
      return send('Dialog', { cmd, message: String(message), title, type, buttonLabels });
    };
  }

  const dialog = {
    open: (options = {}) => send('Dialog', { cmd: 'openDialog', options }),
    save: (options = {}) => send('Dialog', { cmd: 'saveDialog', options }),
    message(message, options) {
      const { title, type, opts } = dialogOptions(options);
      const buttonLabel = opts.okLabel?.toString();
      const sent = { cmd: 'messageDialog', message: String(message), title, type, buttonLabel };
      return send('Dialog', sent);
    },
    ask: choice('askDialog', 'Yes', 'No'),
    confirm: choice('confirmDialog', 'Ok', 'Cancel'),
  };

  const shell = {
    open: (path, openWith) => send('Shell', { cmd: 'open', path, with: openWith }),
  };

  const clipboard = {
    writeText: (text) => send('Clipboard', { cmd: 'writeText', data: text }),
    readText: () => send('Clipboard', { cmd: 'readText', data: null }),
  };

  const process = {
    exit: (exitCode = 0) => send('Process', { cmd: 'exit', exitCode }),
    relaunch: () => send('Process', { cmd: 'relaunch' }),
  };

  // Showing a notification is window.Notification's (the notification plugin's page script
  // replaces it), as in v1's package.
  const notification = {
    isPermissionGranted() {
      const { permission } = window.Notification;
      if (permission !== 'default') return Promise.resolve(permission === 'granted');
      return send('Notification', { cmd: 'isNotificationPermissionGranted' });
    },
    requestPermission: () => window.Notification.requestPermission(),
    sendNotification(options) {
      if (typeof options === 'string') new window.Notification(options);
      else new window.Notification(options.title, options);
    },
  };

  Object.assign(tauri, { dialog, shell, clipboard, process, notification });
})();
