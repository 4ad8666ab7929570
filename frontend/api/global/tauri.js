// Builds window.__TAURI__.tauri (Tauri v1's `invoke`) on top of window.__QTAURI__.
(() => {
  'use strict';

  const core = window.__QTAURI__;
  const binary = window.__QTAURI_BINARY__;

  /**
   * Calls the backend command `cmd` with named `args`; resolves to its JSON result, or to an
   * ArrayBuffer for a `Response`. Bytes as `args` (an ArrayBuffer, a typed array, a DataView)
   * make a raw call, as Tauri v2's: the command gets them as its `RawBody`, with
   * `options.headers` (spec §6.7).
   */
  function invoke(cmd, args = {}, options = undefined) {
    if (binary.isBytes(args)) {
      const headers = { ...(options?.headers ?? {}) };
      return core.call({ kind: 'invoke', cmd, args: {}, raw: binary.toBase64(binary.view(args)), headers });
    }
    return core.call({ kind: 'invoke', cmd, args });
  }

  const tauri = (window.__TAURI__ ??= {});
  tauri.tauri = { invoke };
  // Tauri v1's global exposes invoke at the top level too.
  tauri.invoke = invoke;
})();
