// The notification plugin's page script (app.plugins.notification): the web's
// window.Notification, which both official packages (@tauri-apps/plugin-notification 2.x and
// @tauri-apps/api 1.x's notification module) use to show a notification, served by the
// backend's `plugin:notification|*` commands. On the desktop permission is always granted,
// as in Tauri.
(() => {
  'use strict';

  const internals = window.__TAURI_INTERNALS__;
  if (!internals) return;

  const invoke = (cmd, args) => internals.invoke(`plugin:notification|${cmd}`, args);

  class Notification {
    static permission = 'granted';

    static async requestPermission() {
      Notification.permission = await invoke('request_permission', {});
      return Notification.permission;
    }

    constructor(title, options = {}) {
      this.title = title;
      Object.assign(this, options);
      invoke('notify', { options: { ...options, title } }).catch((error) => {
        console.error('[qtauri] the notification could not be shown:', error);
      });
    }

    close() {}
  }

  Object.defineProperty(window, 'Notification', {
    value: Notification,
    writable: true,
    configurable: true,
  });
})();
