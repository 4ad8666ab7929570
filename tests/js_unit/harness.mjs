// A fake page + fake backend for frontend/api/global/*.js, run in a node:vm context.
import vm from 'node:vm';
import fs from 'node:fs';
import assert from 'node:assert/strict';

const API = new URL('../../frontend/api/global/', import.meta.url);
export const SCRIPTS = ['binary.js', 'sidepath.js', 'core.js', 'event.js', 'window.js', 'tauri.js'].map((f) => fs.readFileSync(new URL(f, API), 'utf8'));

/** A fake backend hub, per the protocol; replies and deliveries go through one FIFO "wire". */
export function makePage({ label = 'main', labels = ['main', 'second'], withQt = true, syncConnect = false, window: permitWindow = 1 } = {}) {
  const errors = [];
  const warnings = [];
  const sent = [];          // parsed messages the page sent
  const wire = [];          // pending Python->JS messages: functions to run, in order
  let nextId = 1;
  const registry = new Map(); // id -> {event, window}
  const commands = { greet: ({ name }) => `Hello, ${name}!`, 'later:a': true, 'later:b': true };
  const later = []; // answers of pending calls, in call order: each takes {ok} or {error}
  const posts = []; // the raw texts of the `call` batches
  let delivered = 0; // batches numbered so far
  let onChannelMessage = null; // what the page connected to the bridge's deliver signal
  const hub = {
    failNext: null,
    busyNext: 0, // ms: the next `call` gets a "busy" reply
    refuseNext: false, // the next `call` is refused unread: a reply without a permit
    permit: 'p0', // the latest permit handed out: the next `call` must carry it
    stale: 0, // calls that came without it
    // With a window of permits (as app/bridge/inbound.py): those the page holds, and those a
    // busy reply made stale (a call carrying one gets "stale").
    held: new Set(),
    lapsed: new Set(),
    holdNextReply: false, // the next served call's reply waits for release() (a nested loop)
    heldReplies: [],
    release() { for (const send of hub.heldReplies.splice(0)) wire.push(send); },
    reply(msg) {
      if (hub.failNext) { const e = hub.failNext; hub.failNext = null; return { error: e }; }
      switch (msg.kind) {
        case 'listen': { const id = nextId++; registry.set(id, { event: msg.event, window: msg.window }); return { ok: id }; }
        case 'unlisten': registry.delete(msg.id); return { ok: null };
        case 'emit': {
          if (!/^[\p{L}\p{N}\-/:_]+$/u.test(msg.event)) return { error: { name: 'InvalidEventName', message: `invalid event name '${msg.event}'` } };
          hub.route(msg.event, msg.window, label, msg.payload === null ? null : JSON.parse(msg.payload));
          return { ok: null };
        }
        case 'invoke': {
          const fn = commands[msg.cmd];
          if (!fn) return { error: { name: 'CommandError', message: `unknown command ${msg.cmd}`, data: { cmd: msg.cmd } } };
          // "later:" commands answer as a threaded or async command does: pending, then a result.
          if (msg.cmd.startsWith('later:')) {
            later.push((outcome) => hub.deliver([{ t: 'result', call: msg.call, ...outcome }]));
            return { pending: true };
          }
          return { ok: fn(msg.args) };
        }
        case 'create_window':
          if (labels.includes(msg.label)) return { error: { name: 'InvalidWindowLabel', message: `a window with label '${msg.label}' already exists` } };
          labels.push(msg.label);
          hub.deliver([{ t: 'windows', labels: [...labels] }]);
          return { ok: null };
      }
      throw new Error('bad kind ' + msg.kind);
    },
    ids(event, channel) {
      const out = [];
      for (const [id, l] of registry) {
        if (l.event !== event) continue;
        if (channel === null ? l.window === null : (l.window === channel || (l.window === null && channel === label))) out.push(id);
      }
      return out;
    },
    route(event, channel, source, payload) {
      const ids = hub.ids(event, channel);
      hub.deliver([{ t: 'event', event, source, ids, payloads: [payload] }]);
    },
    // As the backend does: the batch numbered in this document's stream, by the signal.
    deliver(batch, token = context.__QTAURI__.token) {
      const number = token === context.__QTAURI__.token ? ++delivered : 0;
      const text = JSON.stringify([token, number, ...batch]);
      hub.deliverText(text);
    },
    deliverText(text) { wire.push(() => onChannelMessage(text)); },
    registry,
  };

  const bridge = {
    // The calls of one task, from document `token`: each answered by a `result` delivery, in
    // order, after the deliveries its routing produced (an emit's answer after its events);
    // the answers come back as the call's reply, a batch numbered in the stream.
    call(token, permit, text, cb) {
      posts.push(text);
      if (permitWindow > 1) return windowCall(token, permit, text, cb);
      if (permit !== hub.permit || hub.refuseNext) { // refused unread, no permit handed out
        if (permit !== hub.permit) hub.stale += 1;
        hub.refuseNext = false;
        wire.push(() => cb(''));
        return;
      }
      const next = hub.permit = `p${posts.length}`; // each reply hands out the next
      if (hub.busyNext) { // the backend's budget: the whole call refused, unread
        const pause = hub.busyNext;
        hub.busyNext = 0;
        wire.push(() => cb(`${next} busy ${pause}`));
        return;
      }
      const reply = serve(token, text);
      wire.push(() => cb(`${next} ${reply}`));
    },
    ack() {},
    get permit() { // read once, as the channel connects
      if (permitWindow === 1) return hub.permit;
      const permits = fresh('c');
      return permits.join(',');
    },
    deliver: { connect(fn) { onChannelMessage = fn; } },
  };

  function fresh(prefix) {
    const permits = Array.from({ length: permitWindow }, (_, i) => `${prefix}${posts.length}-${i}`);
    hub.held = new Set(permits);
    return permits;
  }

  /** A `call` under a window of permits, as the backend's gate answers it. */
  function windowCall(token, permit, text, cb) {
    if (hub.lapsed.delete(permit)) {
      hub.stale += 1;
      wire.push(() => cb('stale'));
      return;
    }
    if (!hub.held.delete(permit)) {
      wire.push(() => cb(''));
      return;
    }
    if (hub.busyNext) {
      const pause = hub.busyNext;
      hub.busyNext = 0;
      hub.lapsed = hub.held;
      const permits = fresh('b');
      wire.push(() => cb(`${permits.join(',')} busy ${pause}`));
      return;
    }
    const next = `n${posts.length}`;
    hub.held.add(next);
    const reply = serve(token, text);
    const send = () => cb(`${next} ${reply}`);
    if (hub.holdNextReply) {
      hub.holdNextReply = false;
      hub.heldReplies.push(send);
    } else {
      wire.push(send);
    }
  }

  /** Serves the calls of one `call`; its reply's batch of answers. */
  function serve(token, text) {
      const answers = [];
      assert.equal(token, context.__QTAURI__.token);
      for (const line of text.split('\n')) {
        const tab = line.indexOf('\t');
        const msg = JSON.parse(line.slice(tab + 1));
        assert.equal(msg.call, undefined); // the line's head names the call
        assert.equal(msg.page, undefined); // the `call` names the document
        msg.call = Number(line.slice(0, tab));
        sent.push(msg);
        const reply = hub.reply(msg);
        if (!reply.pending) answers.push({ t: 'result', call: msg.call, ...reply });
      }
      return JSON.stringify([token, ++delivered, ...answers]);
  }

  const context = {
    console: { error: (...a) => errors.push(a), warn: (...a) => warnings.push(a), log: console.log },
    crypto: globalThis.crypto,
    setTimeout, clearTimeout, queueMicrotask,
  };
  context.window = context;
  if (withQt) {
    context.qt = { webChannelTransport: { send() {} } };
    context.QWebChannel = function QWebChannel(transport, cb) {
      if (syncConnect) cb({ objects: { bridge } });
      else wire.push(() => cb({ objects: { bridge } }));
    };
  }
  vm.createContext(context);
  const before = new Set(Object.getOwnPropertyNames(context));
  vm.runInContext(`window.__TAURI_METADATA__ = ${JSON.stringify({ __windows: labels.map((l) => ({ label: l })), __currentWindow: { label } })};`, context);
  vm.runInContext(SCRIPTS.join('\n;\n'), context);
  const added = Object.getOwnPropertyNames(context).filter((k) => !before.has(k));

  /** Runs wire messages one at a time, each as its own task, with microtasks between. */
  async function flush() {
    // Calls leave at the end of their task (a microtask): let them go first.
    await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 1000 && wire.length; i++) {
      wire.shift()();
      await new Promise((r) => setImmediate(r));
    }
  }
  return { win: context, hub, sent, wire, errors, warnings, flush, added, labels, later, posts };
}
