// The page side of the side path for large bytes (spec §6.8; app/bridge/sidepath.py).
//
// The backend offers this document a loopback WebSocket through its ordered stream
// ({"t": "side", port, token}); the page connects and presents the token as its first message.
// Large bytes then come as binary frames, numbered 1, 2, ... by their order on the socket,
// while the stream carries a stub {"__qtauri_side__": n} at the event's place. core.js holds
// the stream at a stub until frame n has come (the reorder step), so events keep their order.
// Frames lost with the socket come back in the stream as {"t": "side-fill", seq, data}.
// Injected after binary.js and before core.js, which makes one with create(onArrival).
(() => {
  'use strict';

  if (Object.hasOwn(window, '__QTAURI_SIDE__')) return;

  const KEY = '__qtauri_side__';
  const LOG_PREFIX = '[qtauri]';
  const binary = window.__QTAURI_BINARY__;

  /** Whether `value` (a parsed payload) is a stub. */
  function isStub(value) {
    return (
      value !== null
      && typeof value === 'object'
      && typeof value[KEY] === 'number'
      && Object.keys(value).length === 1
    );
  }

  /** This document's side path; `onArrival()` runs when bytes a stub may wait for have come. */
  function create(onArrival) {
    const frames = new Map(); // frame number -> ArrayBuffer, until its stub takes it
    let received = 0; // frames that came on the socket, in order
    let socket = null;
    let active = false; // stubs come only after an offer

    function open({ port, token }) {
      if (socket !== null || typeof WebSocket !== 'function') return;
      active = true;
      try {
        socket = new WebSocket(`ws://127.0.0.1:${Number(port)}`);
      } catch (error) {
        console.warn(LOG_PREFIX, 'no side path for large bytes (they come inline):', error);
        return;
      }
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => socket.send(String(token));
      socket.onmessage = ({ data }) => {
        if (!(data instanceof ArrayBuffer)) return;
        received += 1;
        frames.set(received, data);
        socket.send(String(received)); // lets the backend forget it
        onArrival();
      };
      socket.onclose = () => {
        console.warn(LOG_PREFIX, 'the side path for large bytes closed: they come inline from now on');
      };
    }

    /** Bytes whose frame was lost with the socket, resent in the stream. */
    function fill({ seq, data }) {
      if (typeof seq !== 'number' || seq <= received) return; // its frame did come
      frames.set(seq, binary.toArrayBuffer(data));
      onArrival();
    }

    function missing(value) {
      return isStub(value) && value[KEY] > 0 && !frames.has(value[KEY]);
    }

    /** Whether delivery `message` must wait for a frame that has not come: an event's
     * payloads, a Channel's message, a command's Response. */
    function waits(message) {
      if (!active || message === null || typeof message !== 'object') return false;
      if (message.t === 'event') return Array.isArray(message.payloads) && message.payloads.some(missing);
      if (message.t === 'channel') return missing(message.message);
      if (message.t === 'result') return missing(message.ok);
      return false;
    }

    /** The bytes for a stub, as a Uint8Array (an event's payload); throws for lost ones. */
    function take(stub) {
      const data = frames.get(stub[KEY]);
      if (data === undefined) throw new Error(`large bytes ${stub[KEY]} were lost on the way`);
      frames.delete(stub[KEY]);
      return new Uint8Array(data);
    }

    return Object.freeze({ open, fill, waits, take });
  }

  Object.defineProperty(window, '__QTAURI_SIDE__', {
    value: Object.freeze({ KEY, isStub, create }),
    enumerable: false,
    writable: false,
    configurable: false,
  });
})();
