// Bytes in the page (spec §6.7): the page side of app/events/binary.py.
//
// Bytes travel in the page's one ordered stream as {"__qtauri_bytes__": "<base64>"}. core.js
// turns that object back into bytes as it delivers: a Uint8Array for an event's listeners, an
// ArrayBuffer for a command's Response and a Channel message (as Tauri v2 gives them). A page's
// own ArrayBuffer, typed array or DataView goes out the same way.
// Injected before core.js, which reads window.__QTAURI_BINARY__.
(() => {
  'use strict';

  if (Object.hasOwn(window, '__QTAURI_BINARY__')) return;

  const KEY = '__qtauri_bytes__';
  const CHUNK = 0x8000; // String.fromCharCode.apply's arguments, well under the engine's limit

  /** Whether `value` is bytes a page can send: an ArrayBuffer, a typed array or a DataView. */
  function isBytes(value) {
    return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
  }

  /** The bytes of `value` (see isBytes) as a Uint8Array over the same memory. */
  function view(value) {
    return value instanceof ArrayBuffer
      ? new Uint8Array(value)
      : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }

  function toBase64(bytes) {
    if (typeof bytes.toBase64 === 'function') return bytes.toBase64();
    let text = '';
    for (let start = 0; start < bytes.length; start += CHUNK) {
      text += String.fromCharCode.apply(null, bytes.subarray(start, start + CHUNK));
    }
    return btoa(text);
  }

  function fromBase64(text) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
    const chars = atob(text);
    const bytes = new Uint8Array(chars.length);
    for (let index = 0; index < chars.length; index += 1) bytes[index] = chars.charCodeAt(index);
    return bytes;
  }

  /** The object that carries `value`'s bytes. */
  function toWire(value) {
    return { [KEY]: toBase64(view(value)) };
  }

  /** Whether `value` (a parsed payload) is the object that carries bytes. */
  function isWire(value) {
    return (
      value !== null
      && typeof value === 'object'
      && typeof value[KEY] === 'string'
      && Object.keys(value).length === 1
    );
  }

  /** A delivered payload: the bytes it carries as a Uint8Array, or itself. */
  function toUint8Array(value) {
    return isWire(value) ? fromBase64(value[KEY]) : value;
  }

  /** A delivered result or Channel message: the bytes it carries as an ArrayBuffer, or itself
   * (fromBase64 makes a Uint8Array over a buffer of exactly its length). */
  function toArrayBuffer(value) {
    return isWire(value) ? fromBase64(value[KEY]).buffer : value;
  }

  Object.defineProperty(window, '__QTAURI_BINARY__', {
    value: Object.freeze({ KEY, isBytes, view, toBase64, fromBase64, toWire, isWire, toUint8Array, toArrayBuffer }),
    enumerable: false,
    writable: false,
    configurable: false,
  });
})();
