// Builds window.__TAURI__.window (Tauri v1's window module: WebviewWindow, appWindow,
// getCurrent, getAll) on top of window.__QTAURI__.
//
// Window lookups read window.__TAURI_METADATA__, which the backend defines before any script
// runs and core.js keeps current, so they are synchronous as in Tauri v1.
(() => {
  'use strict';

  const core = window.__QTAURI__;

  // Tauri v1's localTauriEvents: they report the outcome of `new WebviewWindow(...)` to that
  // object alone and never travel to the backend.
  const LOCAL_EVENTS = new Set(['tauri://created', 'tauri://error']);

  // Tauri v1's size and position classes. The backend reports physical pixels; a setter
  // takes either kind (core.callWindow sends logical pixels, Qt's unit).
  class LogicalSize {
    type = 'Logical';
    constructor(width, height) {
      if (typeof width === 'object' && width !== null) ({ width, height } = width); // v2's form
      this.width = width;
      this.height = height;
    }
    toPhysical(scaleFactor) {
      return new PhysicalSize(this.width * scaleFactor, this.height * scaleFactor);
    }
  }

  class PhysicalSize {
    type = 'Physical';
    constructor(width, height) {
      if (typeof width === 'object' && width !== null) ({ width, height } = width); // v2's form
      this.width = width;
      this.height = height;
    }
    toLogical(scaleFactor) {
      return new LogicalSize(this.width / scaleFactor, this.height / scaleFactor);
    }
  }

  class LogicalPosition {
    type = 'Logical';
    constructor(x, y) {
      if (typeof x === 'object' && x !== null) ({ x, y } = x); // v2's form
      this.x = x;
      this.y = y;
    }
    toPhysical(scaleFactor) {
      return new PhysicalPosition(this.x * scaleFactor, this.y * scaleFactor);
    }
  }

  class PhysicalPosition {
    type = 'Physical';
    constructor(x, y) {
      if (typeof x === 'object' && x !== null) ({ x, y } = x); // v2's form
      this.x = x;
      this.y = y;
    }
    toLogical(scaleFactor) {
      return new LogicalPosition(this.x / scaleFactor, this.y / scaleFactor);
    }
  }

  /** What `onCloseRequested` handlers get: Tauri v1's CloseRequestedEvent. */
  class CloseRequestedEvent {
    #prevented = false;
    constructor(event) {
      this.event = event.event;
      this.windowLabel = event.windowLabel;
      this.id = event.id;
    }
    preventDefault() {
      this.#prevented = true;
    }
    isPreventDefault() {
      return this.#prevented;
    }
  }

  function openLabels() {
    return (window.__TAURI_METADATA__?.__windows ?? []).map((entry) => entry.label);
  }

  function readCurrentLabel() {
    const label = window.__TAURI_METADATA__?.__currentWindow?.label;
    if (typeof label === 'string') return label;
    // Tauri v1 falls back the same way; without metadata the page was not opened by the app.
    console.warn('[qtauri] window.__TAURI_METADATA__ has no current window; assuming "main"');
    return 'main';
  }

  /** A handle to the window labelled `label`; also creates that window unless `options.skip`. */
  class WebviewWindow {
    /** Local listeners of LOCAL_EVENTS: event -> Set of {handler, once}. */
    #local = new Map();

    constructor(label, options = {}) {
      this.label = label;
      if (!options.skip) this.#create(options);
    }

    /** A handle to an open window, or null; synchronous. */
    static getByLabel(label) {
      return openLabels().includes(label) ? new WebviewWindow(label, { skip: true }) : null;
    }

    /** Emits on this window's channel (or, for the local events, to this object only). */
    emit(event, payload) {
      if (!LOCAL_EVENTS.has(event)) return core.emit(event, this.label, payload);
      this.#emitLocal(event, payload ?? null);
      return Promise.resolve();
    }

    /** Hears `event` on this window's channel (or, for the local events, on this object). */
    listen(event, handler) {
      if (!LOCAL_EVENTS.has(event)) return core.listen(event, this.label, handler);
      return Promise.resolve(this.#listenLocal(event, handler, false));
    }

    /** Like listen(), for the first delivery only. */
    once(event, handler) {
      if (!LOCAL_EVENTS.has(event)) return core.listen(event, this.label, handler, true);
      return Promise.resolve(this.#listenLocal(event, handler, true));
    }

    // -- built-in event helpers, as in Tauri v1 --------------------------------------------

    /** Calls `handler` with `'light'` or `'dark'` when the color scheme changes. */
    onThemeChanged(handler) {
      return this.listen('tauri://theme-changed', handler);
    }

    /** Calls `handler` with `{scaleFactor, size}` when the window's scale factor changes. */
    onScaleChanged(handler) {
      return this.listen('tauri://scale-change', (event) =>
        handler({
          ...event,
          payload: {
            scaleFactor: event.payload.scaleFactor,
            size: new PhysicalSize(event.payload.size.width, event.payload.size.height),
          },
        }),
      );
    }

    /** Calls `handler` with a PhysicalSize payload whenever the window is resized. */
    onResized(handler) {
      return this.listen('tauri://resize', (event) =>
        handler({ ...event, payload: new PhysicalSize(event.payload.width, event.payload.height) }),
      );
    }

    /** Calls `handler` with a PhysicalPosition payload whenever the window moves. */
    onMoved(handler) {
      return this.listen('tauri://move', (event) =>
        handler({ ...event, payload: new PhysicalPosition(event.payload.x, event.payload.y) }),
      );
    }

    /** Calls `handler` with payload `true` when the window gains focus, `false` when it loses it. */
    async onFocusChanged(handler) {
      const unlistenFocus = await this.listen('tauri://focus', (event) =>
        handler({ ...event, payload: true }),
      );
      const unlistenBlur = await this.listen('tauri://blur', (event) =>
        handler({ ...event, payload: false }),
      );
      return () => {
        unlistenFocus();
        unlistenBlur();
      };
    }

    /**
     * Calls `handler` when files are dragged onto the window, as Tauri v1: payload
     * `{type: 'hover', paths}`, `{type: 'drop', paths}` or `{type: 'cancel'}`.
     */
    async onFileDropEvent(handler) {
      const unlisten = await Promise.all([
        this.listen('tauri://file-drop-hover', (event) =>
          handler({ ...event, payload: { type: 'hover', paths: event.payload } }),
        ),
        this.listen('tauri://file-drop', (event) =>
          handler({ ...event, payload: { type: 'drop', paths: event.payload } }),
        ),
        this.listen('tauri://file-drop-cancelled', (event) =>
          handler({ ...event, payload: { type: 'cancel' } }),
        ),
      ]);
      return () => unlisten.forEach((stop) => stop());
    }

    /** Calls `handler` with the id of the window menu's item clicked (`tauri://menu`). */
    onMenuClicked(handler) {
      return this.listen('tauri://menu', handler);
    }

    /**
     * Calls `handler` when the user asks to close the window. The window then closes when the
     * handler is done, unless it called `event.preventDefault()`.
     */
    onCloseRequested(handler) {
      return this.listen('tauri://close-requested', async (event) => {
        const closeEvent = new CloseRequestedEvent(event);
        await handler(closeEvent);
        if (!closeEvent.isPreventDefault()) await this.close();
      });
    }

    #create(options) {
      // `skip` only tells this constructor what to do; the backend has no use for it.
      const { skip: _skip, ...windowOptions } = options;
      core.call({ kind: 'create_window', label: this.label, options: windowOptions }).then(
        () => this.#emitLocal('tauri://created', null),
        (error) => this.#emitLocal('tauri://error', error.message),
      );
    }

    #listenLocal(event, handler, once) {
      if (!this.#local.has(event)) this.#local.set(event, new Set());
      const entries = this.#local.get(event);
      const entry = { handler, once };
      entries.add(entry);
      return () => entries.delete(entry);
    }

    #emitLocal(event, payload) {
      const entries = this.#local.get(event);
      if (!entries) return;
      // A snapshot, so a handler added now waits for the next emit; the has() check skips
      // one removed by an earlier handler of this emit.
      for (const entry of [...entries]) {
        if (!entries.has(entry)) continue;
        if (entry.once) entries.delete(entry);
        try {
          entry.handler({ event, windowLabel: this.label, id: -1, payload });
        } catch (error) {
          console.error(`[qtauri] a listener of '${event}' threw:`, error);
        }
      }
    }
  }

  // The window methods (setTitle, setSize, innerSize, ...), one per entry of the backend's
  // table of window operations (app/web/operations.py) that Tauri v1's WebviewWindow has:
  // each asks the backend and resolves when it is done. Sizes and positions are taken as
  // Logical* or Physical* objects, and reported as Physical* ones.
  const RESULTS = {
    value: (result) => result,
    size: ({ width, height }) => new PhysicalSize(width, height),
    position: ({ x, y }) => new PhysicalPosition(x, y),
  };
  for (const { op, gives, v1 } of core.windowOperations) {
    if (!v1) continue;
    const result = RESULTS[gives];
    Object.defineProperty(WebviewWindow.prototype, op, {
      value(value) {
        const physical = value?.type === 'Physical';
        return core.callWindow(this.label, op, value, physical).then(result);
      },
      writable: true,
      configurable: true,
    });
  }

  const currentLabel = readCurrentLabel();

  /** A handle to the window this page runs in; a new object on each call, as in Tauri v1. */
  function getCurrent() {
    return new WebviewWindow(currentLabel, { skip: true });
  }

  /** Handles to every open window, in creation order; synchronous. */
  function getAll() {
    return openLabels().map((label) => new WebviewWindow(label, { skip: true }));
  }

  const appWindow = getCurrent();

  // Monitors and the cursor, as Tauri's `window` module has them: asked of this page's window.
  function mapMonitor(monitor) {
    if (monitor === null) return null;
    const area = ({ position, size }) => ({
      position: new PhysicalPosition(position.x, position.y),
      size: new PhysicalSize(size.width, size.height),
    });
    return {
      name: monitor.name,
      scaleFactor: monitor.scaleFactor,
      ...area(monitor),
      workArea: area(monitor.workArea),
    };
  }
  const ask = (op, value) => core.callWindow(currentLabel, op, value);
  const currentMonitor = () => ask('currentMonitor').then(mapMonitor);
  const primaryMonitor = () => ask('primaryMonitor').then(mapMonitor);
  const availableMonitors = () => ask('availableMonitors').then((all) => all.map(mapMonitor));
  const monitorFromPoint = (x, y) => ask('monitorFromPoint', { x, y }).then(mapMonitor);
  const cursorPosition = () =>
    ask('cursorPosition').then(({ x, y }) => new PhysicalPosition(x, y));

  const tauri = (window.__TAURI__ ??= {});
  tauri.window = {
    WebviewWindow,
    appWindow,
    getCurrent,
    getAll,
    LogicalSize,
    PhysicalSize,
    LogicalPosition,
    PhysicalPosition,
    CloseRequestedEvent,
    currentMonitor,
    primaryMonitor,
    availableMonitors,
    monitorFromPoint,
    cursorPosition,
  };
})();
