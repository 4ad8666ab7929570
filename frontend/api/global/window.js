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

  const tauri = (window.__TAURI__ ??= {});
  tauri.window = { WebviewWindow, appWindow, getCurrent, getAll };
})();
