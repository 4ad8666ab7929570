// Builds window.__TAURI__.event (Tauri v1's event module) on top of window.__QTAURI__.
// Names are not checked here: the backend validates them, and the promise rejects with its error.
(() => {
  'use strict';

  const core = window.__QTAURI__;

  /** Tauri v1's built-in event names (`TauriEvent` in @tauri-apps/api/event). */
  const TauriEvent = Object.freeze({
    WINDOW_RESIZED: 'tauri://resize',
    WINDOW_MOVED: 'tauri://move',
    WINDOW_CLOSE_REQUESTED: 'tauri://close-requested',
    WINDOW_CREATED: 'tauri://window-created',
    WINDOW_DESTROYED: 'tauri://destroyed',
    WINDOW_FOCUS: 'tauri://focus',
    WINDOW_BLUR: 'tauri://blur',
    WINDOW_SCALE_FACTOR_CHANGED: 'tauri://scale-change',
    WINDOW_THEME_CHANGED: 'tauri://theme-changed',
    WINDOW_FILE_DROP: 'tauri://file-drop',
    WINDOW_FILE_DROP_HOVER: 'tauri://file-drop-hover',
    WINDOW_FILE_DROP_CANCELLED: 'tauri://file-drop-cancelled',
    MENU: 'tauri://menu',
    CHECK_UPDATE: 'tauri://update',
    UPDATE_AVAILABLE: 'tauri://update-available',
    INSTALL_UPDATE: 'tauri://update-install',
    STATUS_UPDATE: 'tauri://update-status',
    DOWNLOAD_PROGRESS: 'tauri://update-download-progress',
  });

  /** Emits on the global channel: every global listener, backend and frontend, hears it. */
  function emit(event, payload) {
    return core.emit(event, null, payload);
  }

  /** Hears `event` on the global channel and on this page's own window channel. */
  function listen(event, handler) {
    return core.listen(event, null, handler);
  }

  /** Like listen(), for the first delivery only. */
  function once(event, handler) {
    return core.listen(event, null, handler, true);
  }

  const tauri = (window.__TAURI__ ??= {});
  tauri.event = { emit, listen, once, TauriEvent };
})();
