// The page side of the bridge: the one place that talks to the backend.
//
// Injected at document creation, after Qt's qwebchannel.js and the line that defines
// window.__TAURI_METADATA__, and before event.js, window.js and tauri.js, which build the
// public window.__TAURI__ API on top of window.__QTAURI__ (defined here).
// The wire format is docs/bridge-protocol.md; the behaviour is docs/spec.md.
(() => {
  'use strict';

  // One injection per document: a second run would mint a second token and a second channel.
  if (Object.hasOwn(window, '__QTAURI__')) return;

  const LOG_PREFIX = '[qtauri]';
  const binary = window.__QTAURI_BINARY__; // bytes in payloads (binary.js, spec §6.7)
  const sideKit = window.__QTAURI_SIDE__; // large bytes on a socket (sidepath.js, spec §6.8)

  // Lets the backend tell this document's messages from those of the document it replaced.
  const token = makeToken();

  /** Local listeners: id -> {event, handler, once}. Map order is registration order. */
  const listeners = new Map();

  /** Calls not answered yet: call id -> {onOk, resolve, reject}. */
  const pendingCalls = new Map();
  let nextCallId = 1;

  /** Calls not sent yet (this task's after its first, those waiting for room, or all before
   * the channel connects): [id, text]. */
  let queue = [];
  let head = 0; // queue[head] is the next to leave: taking from the front costs nothing
  let queuedChars = 0;
  let inTask = false; // a call of this task has left: later ones wait for its end
  const MAX_BATCH_CHARS = 256 * 1024;
  // Flow control, page to backend: a few `call`s in flight, of at most this many calls each,
  // so that what this page sends waits in the page, not in the app's queue ahead of the
  // other windows' calls (docs/bridge-protocol.md#inbound-flow-control). How many is the
  // backend's rule: each `call` spends one of the permits the page holds (the channel's
  // connection hands it a window of them), and each reply hands one back; a `call` without
  // one is refused.
  const MAX_BATCH_CALLS = 128;
  let permits = [];
  /** The `call`s in flight, in the order they left: {calls, requeued}. */
  let inFlight = [];
  let pausedUntil = 0; // the backend said "busy": nothing leaves before then
  let resumeTimer = null;
  let bridge = null;
  let unavailable = null; // an Error once we know the channel can never connect

  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // Awaiting `ready` is optional; an unobserved failure is already logged by connect().
  ready.catch(() => {});

  // ---------------------------------------------------------------------------------------
  // Calls (JS -> Python)

  function makeToken() {
    if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    // randomUUID exists only in secure contexts; a page on a non-secure scheme still needs
    // a token, and getRandomValues is available everywhere.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  function makeError(name, message, data) {
    const error = new Error(message);
    error.name = name;
    if (data !== undefined) error.data = data;
    return error;
  }

  /**
   * Sends one message and returns a promise of the answer's `ok` value.
   *
   * A task's first call leaves at once (a lone call waits for nothing); the ones it makes
   * after leave together at its end, as one `call`, or once the `call` in flight is answered. Each is answered by a `result` delivery,
   * in order with the events (the channel keeps the order of the two sends). `onOk`, when
   * given, runs synchronously as the answer is handled, before any later delivery; the
   * promise resolves with what it returns. listen() needs this: a promise continuation would
   * run too late to catch an event that comes right after.
   */
  function call(message, onOk = (value) => value) {
    return new Promise((resolve, reject) => {
      if (unavailable) throw unavailable;
      const id = nextCallId++;
      pendingCalls.set(id, { onOk, resolve, reject });
      // Its id goes in its line, the page's token with the `call`: neither in the message.
      const text = JSON.stringify(message);
      if (bridge && !inTask && queued() === 0 && hasRoom()) {
        inTask = true;
        queueMicrotask(endTask);
        send([[id, text]]);
        return;
      }
      queue.push([id, text]);
      queuedChars += text.length;
      // A big batch is slower than a few.
      if (queuedChars >= MAX_BATCH_CHARS || queued() >= MAX_BATCH_CALLS) flush();
    });
  }

  // -- window operations ------------------------------------------------------------------
  // One table (app/web/operations.py), which the bootstrap script leaves in a global just
  // before this script: window.js and both Tauri shims build their window methods from it.
  const windowOperations = Object.freeze(
    (window.__QTAURI_WINDOW_OPERATIONS__ ?? []).map((entry) => Object.freeze({ ...entry })),
  );
  delete window.__QTAURI_WINDOW_OPERATIONS__;
  const windowOperationsByOp = new Map(windowOperations.map((entry) => [entry.op, entry]));

  /** Logical pixels (Qt's unit) of a size or position component, as an integer. */
  function logical(value, physical) {
    return Math.round(physical ? value / window.devicePixelRatio : value);
  }

  // An operation's argument, by its `takes`, as the bridge's arguments.
  const WINDOW_ARGUMENTS = {
    nothing: () => [],
    text: (value) => [value],
    flag: (value) => [value],
    size: (size, physical) => [logical(size.width, physical), logical(size.height, physical)],
    position: (at, physical) => [logical(at.x, physical), logical(at.y, physical)],
    // null or undefined: no size (a constraint taken away).
    'optional-size': (size, physical) => (size == null ? [] : WINDOW_ARGUMENTS.size(size, physical)),
    point: (at) => [at.x, at.y], // desktop pixels, as given: the backend reads them as physical
    icon: (icon) => [iconArgument(icon)],
    value: (value) => [value ?? null],
  };

  /**
   * An icon as the bridge takes it: a path, or the image file's bytes as numbers. It comes as
   * a path, a typed array, an `ArrayBuffer` or numbers; from Tauri v1's `manage` command as
   * `{icon}`; from v2's, after a JSON round trip that made a `Uint8Array` `{"0": .., ...}`.
   * A v2 `Image` is a resource id (a number after the package's `transformImage`, or the
   * global's `Image` object): the bridge gets `{rid}` and the backend finds the image.
   */
  function iconArgument(icon) {
    if (typeof icon === 'number') return { rid: icon };
    if (icon !== null && typeof icon === 'object' && typeof icon.rid === 'number') {
      return { rid: icon.rid };
    }
    if (icon !== null && typeof icon === 'object' && 'icon' in icon) return iconArgument(icon.icon);
    if (typeof icon === 'string' || Array.isArray(icon)) return icon;
    if (icon instanceof ArrayBuffer) return Array.from(new Uint8Array(icon));
    if (ArrayBuffer.isView(icon)) return Array.from(icon);
    if (icon !== null && typeof icon === 'object') {
      return Object.keys(icon)
        .sort((a, b) => a - b)
        .map((key) => icon[key]);
    }
    throw new Error('setIcon: give a path, the bytes of an image file or an Image');
  }

  /**
   * Runs window operation `op` on window `label`. `value` is its one argument, if it takes
   * one: a size is `{width, height}`, a position `{x, y}`, in physical pixels if `physical`,
   * else logical. Each API shape (ours, v1's, v2's) unwraps its own size and position types
   * into these before calling. An unknown `op` goes to the backend, which refuses it.
   */
  function callWindow(label, op, value, physical = false) {
    const entry = windowOperationsByOp.get(op);
    let args;
    try {
      args = entry ? WINDOW_ARGUMENTS[entry.takes](value, physical) : [];
    } catch (error) {
      return Promise.reject(error); // a value no argument can be made of: the promise says so
    }
    return call({ kind: 'window', label, op, args });
  }

  function hasRoom() {
    return permits.length > 0 && Date.now() >= pausedUntil;
  }

  function queued() {
    return queue.length - head;
  }

  function endTask() {
    inTask = false;
    if (queued()) flush();
  }

  /** Sends what is queued, in batches of at most MAX_BATCH_CHARS and MAX_BATCH_CALLS, while
   * there is room; the rest waits for an answer (or the end of a pause) to make room. */
  function flush() {
    if (!bridge) return;
    while (queued() && hasRoom()) {
      let end = head;
      let size = 0;
      while (end < queue.length && end - head < MAX_BATCH_CALLS && (end === head || size < MAX_BATCH_CHARS)) {
        size += queue[end][1].length;
        end += 1;
      }
      const calls = queue.slice(head, end);
      head = end;
      queuedChars -= size;
      send(calls);
    }
    if (head > 4096 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    if (!queued()) queuedChars = 0;
  }

  /** Calls `[id, text]`, one per line `<call id>\t<JSON>` (JSON text never holds a raw tab or
   * newline), with one of the permits it holds; their answers come in the reply's batch. */
  function send(calls) {
    const sent = { calls, requeued: false };
    inFlight.push(sent);
    const lines = calls.map(([id, text]) => `${id}\t${text}`).join('\n');
    bridge.call(token, permits.pop(), lines, (reply) => onReply(sent, reply));
  }

  /** A reply: "<next permit> " and then a batch with the calls' answers (as `result`
   * deliveries), nothing (they come later, in the stream), or "busy <ms>" after a fresh set of
   * permits: the backend refused the whole `call` for want of room, so its calls, and those of
   * every `call` sent after it (the backend refuses those as "stale"), go back first in the
   * queue, in the order they left, and leave again after that pause. Those sent before it stay
   * in flight: they were admitted (a command running a nested event loop, as a modal dialog
   * does, is answered after the busy reply to the `call` behind it). A reply without a permit
   * ("") refused the call unread. */
  function onReply(sent, text) {
    const index = inFlight.indexOf(sent);
    inFlight.splice(index, 1);
    if (text === 'stale') {
      if (!sent.requeued) { // not expected: a busy reply comes first
        putBack([sent]);
        flush();
      }
      return;
    }
    const space = typeof text === 'string' ? text.indexOf(' ') : -1;
    if (space < 0) {
      refused(sent.calls);
      return;
    }
    const reply = text.slice(space + 1);
    if (reply.startsWith('busy')) {
      // Every permit held so far lapsed with this reply: these replace them.
      permits = text.slice(0, space).split(',').filter(Boolean);
      const pause = Math.min(Math.max(Number(reply.slice(5)) || 50, 1), 5000);
      pausedUntil = Date.now() + pause;
      putBack([sent, ...inFlight.slice(index)]);
      clearTimeout(resumeTimer);
      resumeTimer = setTimeout(flush, pause);
      return;
    }
    permits.push(text.slice(0, space));
    if (reply) receive(reply, false);
    flush();
  }

  /** Puts the calls of `call`s that were refused back first in the queue, in order. */
  function putBack(sent) {
    const calls = [];
    for (const entry of sent) {
      if (entry.requeued) continue;
      entry.requeued = true;
      calls.push(...entry.calls);
    }
    queue = calls.concat(queue.slice(head));
    head = 0;
    queuedChars += calls.reduce((sum, [, text]) => sum + text.length, 0);
  }

  /** The backend refused a `call` unread: this page was cut off for flooding, or another
   * client on its transport took its permits. Nothing more can be sent: every call fails. */
  function refused(calls) {
    if (!unavailable) {
      unavailable = makeError(
        'BridgeRefused',
        'the app backend refused this page\'s calls: it was cut off for flooding, or a call '
          + 'went without a permit of the last replies (another QWebChannel client on this page?)',
      );
      console.error(LOG_PREFIX, unavailable.message);
    }
    // Each `call` in flight is refused in turn: its calls fail as its reply comes.
    for (const [id] of calls) settle(id, { error: unavailable });
    for (const [id] of queue.slice(head)) settle(id, { error: unavailable });
    queue = [];
    head = 0;
  }

  /** Settles call `id` with `{ok}` or `{error}`. */
  function settle(id, answer) {
    const entry = pendingCalls.get(id);
    if (!entry) return;
    pendingCalls.delete(id);
    if (answer.error) {
      entry.reject(answer.error);
      return;
    }
    // Caught here: a throw would leave the promise pending.
    try {
      entry.resolve(entry.onOk(answer.ok));
    } catch (error) {
      entry.reject(error);
    }
  }

  /** Fire-and-forget: nobody waits for the reply, but a real failure is still reported. */
  function post(message) {
    call(message).catch((error) => {
      // PageGone means this document is being replaced: nothing left to clean up.
      if (error.name !== 'PageGone') console.error(LOG_PREFIX, `${message.kind} failed:`, error);
    });
  }

  // ---------------------------------------------------------------------------------------
  // Events

  /** Payloads travel as JSON text so the backend parses them once, with its own rules. */
  function encodePayload(payload) {
    if (binary.isBytes(payload)) return JSON.stringify(binary.toWire(payload));
    return payload === undefined ? null : (JSON.stringify(payload) ?? null);
  }

  /**
   * Emits `event` on the global channel (`windowLabel` null) or on that window's channel.
   * Resolves once the backend has routed it (and delivered it to this page's own listeners).
   */
  async function emit(event, windowLabel, payload) {
    // async, so that an unserializable payload rejects the promise instead of throwing.
    await call({ kind: 'emit', event, window: windowLabel, payload: encodePayload(payload) });
  }

  /** Forgets a listener in this page now, then tells the backend; unknown ids do nothing. */
  function unlisten(id) {
    if (!listeners.delete(id)) return;
    post({ kind: 'unlisten', id });
  }

  /**
   * Registers `handler` for `event` on the global + own window channel (`windowLabel` null)
   * or on that window's channel. Resolves, once the backend has registered it, to a function
   * that unlistens it. With `once`, the listener is removed before its first call.
   */
  function listen(event, windowLabel, handler, once = false) {
    return addListener(event, windowLabel, handler, { once }).then((id) => () => unlisten(id));
  }

  /**
   * listen(), resolving to the listener id instead. `reach` (optional) widens what it hears
   * beyond spec §3.2's two kinds, for Tauri v2's targets: 'any', 'global' or 'label'.
   */
  function addListener(event, windowLabel, handler, { once = false, reach } = {}) {
    if (typeof handler !== 'function') {
      return Promise.reject(new TypeError(`listen('${event}'): the handler must be a function`));
    }
    const message = { kind: 'listen', event, window: windowLabel };
    if (reach !== undefined) message.reach = reach;
    return call(message, (id) => {
      listeners.set(id, { event, handler, once });
      return id;
    });
  }

  // ---------------------------------------------------------------------------------------
  // Callbacks: functions named by a number, which the backend can address (a v2 Channel's
  // messages; Tauri's transformCallback).

  /** id -> {fn, once}. */
  const callbacks = new Map();

  function registerCallback(fn, once = false) {
    let id;
    do {
      id = crypto.getRandomValues(new Uint32Array(1))[0];
    } while (callbacks.has(id));
    callbacks.set(id, { fn, once });
    return id;
  }

  function unregisterCallback(id) {
    callbacks.delete(id);
  }

  /** How many callbacks this page holds; for tests and debugging. */
  function callbackCount() {
    return callbacks.size;
  }

  /** Calls callback `id` with `data`; false (and a warning) if there is none. */
  function runCallback(id, data) {
    const entry = callbacks.get(id);
    if (!entry) {
      console.warn(LOG_PREFIX, `no callback with id ${id}: the page dropped it`);
      return false;
    }
    if (entry.once) callbacks.delete(id);
    entry.fn(data);
    return true;
  }

  /** Whether this page still holds listener `id`. */
  function hasListener(id) {
    return listeners.has(id);
  }

  /** How many listeners this page holds locally (of `event`, or all); for tests and debugging. */
  function listenerCount(event) {
    if (event === undefined) return listeners.size;
    let count = 0;
    for (const entry of listeners.values()) if (entry.event === event) count += 1;
    return count;
  }

  // ---------------------------------------------------------------------------------------
  // Deliveries (Python -> JS)

  /** One message carries consecutive events of one name and source, for the same ids. */
  function deliverEvent({ event, source, ids, payloads }) {
    for (const wire of payloads) {
      const payload = sideKit.isStub(wire) ? side.take(wire) : binary.toUint8Array(wire);
      for (const id of ids) {
        // Looked up at call time: a listener removed by an earlier handler of this very
        // delivery must not run.
        const entry = listeners.get(id);
        if (!entry) continue;
        if (entry.once) unlisten(id);
        try {
          entry.handler({ event, windowLabel: source, id, payload });
        } catch (error) {
          console.error(LOG_PREFIX, `a listener of '${event}' threw:`, error);
        }
      }
    }
  }

  /** A result or Channel message: the bytes it carries (inline or on the side path) as an
   * ArrayBuffer of their own, as Tauri v2 gives them, or itself. */
  function bytesOf(value) {
    return sideKit.isStub(value) ? side.take(value).buffer : binary.toArrayBuffer(value);
  }

  function deliverWindows({ labels }) {
    const metadata = (window.__TAURI_METADATA__ ??= {});
    metadata.__windows = labels.map((label) => ({ label }));
  }

  function deliverResult(message) {
    if ('error' in message) {
      const { name = 'Error', message: text = '', data } = message.error ?? {};
      settle(message.call, { error: makeError(name, text, data) });
    } else {
      settle(message.call, { ok: bytesOf(message.ok) }); // a Response's bytes
    }
  }

  /** A message of a Channel the page passed to a command, or its end (`end: true`). */
  function deliverChannel({ id, index, message, end }) {
    try {
      runCallback(id, end ? { index, end: true } : { index, message: bytesOf(message) });
    } catch (error) {
      console.error(LOG_PREFIX, `channel ${id}'s handler threw:`, error);
    }
  }

  /** The backend dropped events for this page while it was too busy to take them. */
  function deliverDropped(message) {
    console.warn(
      LOG_PREFIX,
      `${message.count} events were dropped: this page did not keep up with the backend`,
    );
  }

  const deliveryKinds = {
    event: deliverEvent,
    windows: deliverWindows,
    result: deliverResult,
    dropped: deliverDropped,
    channel: deliverChannel,
    side: (message) => side.open(message),
  };

  // Flow control: the backend sends a page only so much it has not acknowledged, so a page
  // that is busy makes it wait (and, past a bound, drop) instead of filling memory.
  const ACK_EVERY_BATCHES = 8;
  const ACK_EVERY_CHARS = 1024 * 1024;
  let unackedBatches = 0;
  let unackedChars = 0;

  function acknowledge(size) {
    unackedBatches += 1;
    unackedChars += size;
    if (unackedBatches >= ACK_EVERY_BATCHES || unackedChars >= ACK_EVERY_CHARS) {
      bridge.ack(token, unackedBatches);
      unackedBatches = 0;
      unackedChars = 0;
    }
  }

  // Batches come as the `deliver` signal or as a call's reply, both on the one channel, so in
  // order; their numbers make that a checked rule rather than an assumption.
  let nextBatch = 1;

  /**
   * A batch of deliveries, `["<page token>", number, message, ...]` as JSON text. A batch
   * meant for another document (the one this page replaced, or whatever loads next) is
   * ignored; number 0 is outside the stream. One out of sequence is reported, and still run.
   */
  function receive(text, acked = true) {
    let size = acked ? text.length : 0; // a call's reply is not acknowledged
    let batch;
    try {
      batch = JSON.parse(text);
    } catch (error) {
      console.error(LOG_PREFIX, 'malformed delivery batch:', error);
      return;
    }
    if (!Array.isArray(batch) || batch[0] !== token) return;
    const number = batch[1];
    if (number !== 0) {
      if (number !== nextBatch) {
        console.error(LOG_PREFIX, `delivery batch ${number} out of sequence (${nextBatch} expected)`);
      }
      nextBatch = number + 1;
    } else {
      size = 0; // outside the stream, so outside its flow control
      // Resent bytes must not wait behind the stub that waits for them.
      for (const message of batch.slice(2)) if (message?.t === 'side-fill') side.fill(message);
      batch = batch.filter((message) => message?.t !== 'side-fill');
      if (batch.length <= 2) return;
    }
    runBatch(size, batch);
  }

  // The reorder step (spec §6.8): batches, and where to go on in them, held behind a stub
  // whose bytes have not yet come on the side path. Acknowledged once run to their end.
  const parked = [];
  let resuming = false;
  const side = sideKit.create(resume);

  function runBatch(size, batch) {
    parked.push({ size, batch, index: 2 });
    resume();
  }

  function resume() {
    if (resuming) return; // a handler's nested delivery: the loop below takes it
    resuming = true;
    try {
      while (parked.length) {
        const entry = parked[0];
        if (!handleBatch(entry)) return;
        parked.shift();
        if (entry.size) acknowledge(entry.size);
      }
    } finally {
      resuming = false;
    }
  }

  /** Runs `entry`'s deliveries from where it stopped; false if it must wait for bytes. */
  function handleBatch(entry) {
    const { batch } = entry;
    for (; entry.index < batch.length; entry.index += 1) {
      const message = batch[entry.index];
      if (side.waits(message)) return false;
      const deliver = deliveryKinds[message?.t];
      try {
        if (deliver) deliver(message);
        else console.error(LOG_PREFIX, 'unknown delivery:', message);
      } catch (error) {
        // A malformed message must not cost the rest of the batch.
        console.error(LOG_PREFIX, 'bad delivery:', message, error);
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------
  // Connection

  function giveUp(reason) {
    unavailable = makeError('BridgeUnavailable', `the app backend is not reachable: ${reason}`);
    console.error(LOG_PREFIX, unavailable.message);
    // Calls already queued fail the way a backend error would; later ones reject at once.
    for (const [id] of queue.slice(head)) settle(id, { error: unavailable });
    queue = [];
    head = 0;
    rejectReady(unavailable);
  }

  function onConnected(channel) {
    bridge = channel.objects.bridge;
    if (!bridge) {
      giveUp('the web channel publishes no "bridge" object');
      return;
    }
    // Handed out as the channel connected: this document's first `call`s carry them.
    permits = String(bridge.permit ?? '').split(',').filter(Boolean);
    // Subscribe before the queued calls go out, so no delivery that answers them is missed.
    bridge.deliver.connect(receive);
    flush();
    resolveReady();
  }

  function connect() {
    if (typeof qt === 'undefined' || !qt?.webChannelTransport) {
      giveUp('qt.webChannelTransport is missing (is this page running inside the app?)');
    } else if (typeof QWebChannel !== 'function') {
      giveUp('QWebChannel is missing (qwebchannel.js was not injected before core.js)');
    } else {
      new QWebChannel(qt.webChannelTransport, onConnected);
    }
  }

  Object.defineProperty(window, '__QTAURI__', {
    value: Object.freeze({
      token,
      ready,
      call,
      callWindow,
      windowOperations,
      post,
      emit,
      listen,
      addListener,
      hasListener,
      unlisten,
      listenerCount,
      registerCallback,
      unregisterCallback,
      runCallback,
      callbackCount,
    }),
    enumerable: false,
    writable: false,
    configurable: false,
  });

  connect();
})();
