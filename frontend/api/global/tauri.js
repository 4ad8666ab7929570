// Builds window.__TAURI__.tauri (Tauri v1's `invoke`) on top of window.__QTAURI__.
(() => {
  'use strict';

  const core = window.__QTAURI__;

  /** Calls the backend command `cmd` with named `args`; resolves to its JSON result. */
  function invoke(cmd, args = {}) {
    return core.call({ kind: 'invoke', cmd, args });
  }

  const tauri = (window.__TAURI__ ??= {});
  tauri.tauri = { invoke };
  // Tauri v1's global exposes invoke at the top level too.
  tauri.invoke = invoke;
})();
