// Tauri v2's window modules in the global window.__TAURI__: `window.getCurrentWindow`,
// `getAllWindows` and `Window` (beside v1's `appWindow`, `getAll` and `WebviewWindow`),
// `webviewWindow` and `webview`. v2's classes extend v1's WebviewWindow, with v2's meanings
// where they differ: `listen` with a window target, `emit` global, `close` asks first
// (`destroy` does not), async `getByLabel`/`getAll`. docs/tauri-compat.md.
(() => {
  'use strict';

  const tauri = window.__TAURI__;
  const core = window.__QTAURI__;
  if (!tauri?.core || tauri.webviewWindow) return;

  const V1Window = tauri.window.WebviewWindow;
  const { __listenTo: listenTo, __onceTo: onceTo, emitTo, emit } = tauri.event;
  // v1's local events (the outcome of a creation): the v1 class handles them.
  const LOCAL_EVENTS = new Set(['tauri://created', 'tauri://error']);

  function openLabels() {
    return (window.__TAURI_METADATA__?.__windows ?? []).map((entry) => entry.label);
  }

  const currentLabel = window.__TAURI_METADATA__?.__currentWindow?.label ?? 'main';

  function call(label, op) {
    return core.call({ kind: 'window', label, op, args: [] });
  }

  /** Makes v2's window class for one target kind ('Window' or 'WebviewWindow'). */
  function v2Class(kind) {
    return class extends V1Window {
      static getCurrent() {
        return new this(currentLabel, { skip: true });
      }
      static async getAll() {
        return openLabels().map((label) => new this(label, { skip: true }));
      }
      static async getByLabel(label) {
        return openLabels().includes(label) ? new this(label, { skip: true }) : null;
      }
      static async getFocusedWindow() {
        for (const handle of await this.getAll()) {
          if (await handle.isFocused()) return handle;
        }
        return null;
      }
      listen(event, handler) {
        if (LOCAL_EVENTS.has(event)) return super.listen(event, handler);
        return listenTo(event, handler, { target: { kind, label: this.label } });
      }
      once(event, handler) {
        if (LOCAL_EVENTS.has(event)) return super.once(event, handler);
        return onceTo(event, handler, { target: { kind, label: this.label } });
      }
      /** v2: an emit from a window object is global. */
      emit(event, payload) {
        if (LOCAL_EVENTS.has(event)) return super.emit(event, payload);
        return emit(event, payload);
      }
      emitTo(target, event, payload) {
        return emitTo(target, event, payload);
      }
      /** v2: asks first (`tauri://close-requested`, which onCloseRequested may refuse). */
      close() {
        return call(this.label, 'requestClose');
      }
      destroy() {
        return call(this.label, 'close');
      }
      isAlwaysOnTop() {
        return call(this.label, 'isAlwaysOnTop');
      }
      async toggleMaximize() {
        return call(this.label, (await this.isMaximized()) ? 'unmaximize' : 'maximize');
      }
      onCloseRequested(handler) {
        const { CloseRequestedEvent } = tauri.window;
        return this.listen('tauri://close-requested', async (event) => {
          const closeEvent = new CloseRequestedEvent(event);
          await handler(closeEvent);
          if (!closeEvent.isPreventDefault()) await this.destroy();
        });
      }
    };
  }

  const Window = v2Class('Window');
  const WebviewWindow = v2Class('WebviewWindow');

  // v2's methods that v1's class lacks (setEnabled, setSizeConstraints, ...), one per entry of
  // the table of window operations that only v2 has; sizes as in v1's class.
  for (const { op, v1, v2 } of core.windowOperations) {
    if (v1 || v2 === null || op in V1Window.prototype || op in Window.prototype) continue;
    for (const Class of [Window, WebviewWindow]) {
      Object.defineProperty(Class.prototype, op, {
        value(value) {
          return core.callWindow(this.label, op, value, value?.type === 'Physical');
        },
        writable: true,
        configurable: true,
      });
    }
  }

  /** v2's Webview of a window (one per window here, with the window's label). */
  class Webview {
    constructor(windowHandle, label) {
      this.window = windowHandle;
      this.label = label;
    }
    static getCurrent() {
      return new Webview(Window.getCurrent(), currentLabel);
    }
    static async getAll() {
      return openLabels().map((label) => new Webview(new Window(label, { skip: true }), label));
    }
    static async getByLabel(label) {
      return openLabels().includes(label)
        ? new Webview(new Window(label, { skip: true }), label)
        : null;
    }
    listen(event, handler) {
      return listenTo(event, handler, { target: { kind: 'Webview', label: this.label } });
    }
    once(event, handler) {
      return onceTo(event, handler, { target: { kind: 'Webview', label: this.label } });
    }
    emit(event, payload) {
      return emit(event, payload);
    }
    emitTo(target, event, payload) {
      return emitTo(target, event, payload);
    }
    close() {
      return call(this.label, 'close');
    }
  }

  tauri.window = {
    ...tauri.window,
    Window,
    getCurrentWindow: () => Window.getCurrent(),
    getAllWindows: () => Window.getAll(),
  };
  tauri.webviewWindow = Object.freeze({
    WebviewWindow,
    getCurrentWebviewWindow: () => WebviewWindow.getCurrent(),
    getAllWebviewWindows: () => WebviewWindow.getAll(),
  });
  tauri.webview = Object.freeze({
    Webview,
    getCurrentWebview: () => Webview.getCurrent(),
    getAllWebviews: () => Webview.getAll(),
  });
})();
