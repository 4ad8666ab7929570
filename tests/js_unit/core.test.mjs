import test from 'node:test';
import assert from 'node:assert/strict';
import { makePage } from './harness.mjs';

const plain = (x) => JSON.parse(JSON.stringify(x));

test('globals: only __QTAURI__, __QTAURI_BINARY__, __QTAURI_SIDE__ and __TAURI__ are added; the first three are locked', () => {
  const { win, added } = makePage();
  assert.deepEqual(added.sort(), ['__QTAURI_BINARY__', '__QTAURI_SIDE__', '__QTAURI__', '__TAURI_METADATA__', '__TAURI__'].sort());
  for (const name of ['__QTAURI__', '__QTAURI_BINARY__', '__QTAURI_SIDE__']) {
    const d = Object.getOwnPropertyDescriptor(win, name);
    assert.equal(d.enumerable, false); assert.equal(d.writable, false);
    assert.ok(!Object.keys(win).includes(name));
  }
  assert.deepEqual(Object.keys(win.__TAURI__).sort(), ['event', 'invoke', 'tauri', 'window']);
  assert.equal(win.__TAURI__.invoke, win.__TAURI__.tauri.invoke);
  assert.ok(Object.isFrozen(win.__TAURI__.event.TauriEvent));
  assert.equal(win.__TAURI__.event.TauriEvent.DOWNLOAD_PROGRESS, 'tauri://update-download-progress');
});

test('calls before the channel connects are queued and sent in order, under the page token', async () => {
  const { win, sent, flush } = makePage();
  const { emit, listen } = win.__TAURI__.event;
  const p1 = listen('a', () => {});
  const p2 = emit('a', { x: 1 });
  const p3 = win.__TAURI__.invoke('greet', { name: 'Ada' });
  assert.equal(sent.length, 0);
  await flush();
  assert.deepEqual(sent.map((m) => m.kind), ['listen', 'emit', 'invoke']);
  assert.deepEqual(plain(sent[0]), { kind: 'listen', event: 'a', window: null, call: sent[0].call });
  assert.equal(sent[1].payload, '{"x":1}'); assert.equal(sent[1].window, null);
  assert.equal(typeof await p1, 'function');
  assert.equal(await p2, undefined);
  assert.equal(await p3, 'Hello, Ada!');
});

test('delivery: fresh event object per handler, registration order, source, id', async () => {
  const { win, flush, hub } = makePage();
  const seen = [];
  const { listen, emit } = win.__TAURI__.event;
  listen('e', (ev) => { seen.push(['a', plain(ev)]); ev.mutated = true; });
  listen('e', (ev) => seen.push(['b', plain(ev)]));
  await flush();
  hub.route('e', null, null, { n: 1 });
  await flush();
  assert.deepEqual(seen, [
    ['a', { event: 'e', windowLabel: null, id: 1, payload: { n: 1 } }],
    ['b', { event: 'e', windowLabel: null, id: 2, payload: { n: 1 } }],
  ]);
  // an emit from this page: source is our label, no payload -> null
  seen.length = 0;
  const p = emit('e');
  await flush(); await p;
  assert.deepEqual(seen.map((s) => s[1].windowLabel), ['main', 'main']);
  assert.deepEqual(seen.map((s) => s[1].payload), [null, null]);
});

test('listen answer followed at once by a delivery naming the new id reaches the handler', async () => {
  const { win, wire, hub } = makePage({ syncConnect: true });
  const seen = [];
  win.__TAURI__.event.listen('fast', (e) => seen.push(e.id));
  await new Promise((r) => setImmediate(r)); // the call leaves at the end of its task
  // the answer is on the wire; put a delivery right behind it and run both in ONE task
  hub.deliver([{ t: 'event', event: 'fast', source: null, ids: [1], payloads: [null] }]);
  assert.equal(wire.length, 2);
  wire.shift()(); wire.shift()();
  assert.deepEqual(seen, [1]);
});

test('a batch for another document is ignored; a malformed one is reported', async () => {
  const { win, flush, hub, errors } = makePage();
  const seen = [];
  win.__TAURI__.event.listen('d', (e) => seen.push(e.payload));
  await flush();
  hub.deliver([{ t: 'event', event: 'd', source: null, ids: [1], payloads: ['stale'] }], 'another-document');
  hub.deliver([{ t: 'event', event: 'd', source: null, ids: [1], payloads: ['mine'] }]);
  hub.deliverText('[oops');
  await flush();
  assert.deepEqual(seen, ['mine']);
  assert.equal(errors.length, 1);
  assert.match(errors[0].join(' '), /malformed delivery batch/);
});

test('once: removed locally, and its unlisten sent, before the handler runs; fires once', async () => {
  const { win, flush, hub, sent } = makePage();
  let calls = 0; let sentAtCall;
  win.__TAURI__.event.once('o', () => { calls++; sentAtCall = sent.map((m) => m.kind); assert.equal(win.__QTAURI__.listenerCount('o'), 0); });
  await flush();
  hub.deliver([{ t: 'event', event: 'o', source: null, ids: [1], payloads: [1] }, { t: 'event', event: 'o', source: null, ids: [1], payloads: [2] }]);
  await flush();
  assert.equal(calls, 1);
  assert.deepEqual(sentAtCall, ['listen', 'unlisten']); // the task's first call leaves at once
  assert.deepEqual(sent.map((m) => m.kind), ['listen', 'unlisten']);
  assert.equal(hub.registry.size, 0);
});

test('a throwing handler is reported; the others still run; unknown ids ignored', async () => {
  const { win, flush, hub, errors } = makePage();
  const seen = [];
  win.__TAURI__.event.listen('t', () => { throw new Error('boom'); });
  win.__TAURI__.event.listen('t', () => seen.push('second'));
  await flush();
  hub.deliver([{ t: 'event', event: 't', source: null, ids: [99, 1, 2], payloads: [null] }]);
  await flush();
  assert.deepEqual(seen, ['second']);
  assert.equal(errors.length, 1);
  assert.match(String(errors[0].join(' ')), /boom|'t'/);
});

test('unlisten is synchronous, even inside a dispatch; twice is harmless', async () => {
  const { win, flush, hub, sent } = makePage();
  const seen = [];
  let un2;
  win.__TAURI__.event.listen('u', () => { seen.push(1); un2(); });
  un2 = await (async () => { const p = win.__TAURI__.event.listen('u', () => seen.push(2)); await flush(); return p; })();
  hub.route('u', null, null, null);
  await flush();
  assert.deepEqual(seen, [1]);
  un2(); un2();
  await flush();
  assert.equal(sent.filter((m) => m.kind === 'unlisten').length, 1);
  assert.equal(win.__QTAURI__.listenerCount(), 1);
});

test('error replies reject with name, message, data; invalid name rejects (no client check)', async () => {
  const { win, flush } = makePage();
  const p = win.__TAURI__.invoke('nope', {});
  const q = win.__TAURI__.event.emit('bad name', 1);
  const checks = [p.catch((e) => e), q.catch((e) => e)];
  await flush();
  await Promise.all(checks);
  await assert.rejects(p, (e) => e.constructor.name === 'Error' && e.name === 'CommandError' && e.message === 'unknown command nope' && e.data.cmd === 'nope');
  await assert.rejects(q, (e) => e.name === 'InvalidEventName' && /bad name/.test(e.message));
});

test('unserializable payload rejects, does not throw', async () => {
  const { win } = makePage();
  const p = win.__TAURI__.event.emit('x', { n: 1n });
  const TE = { name: 'TypeError' };
  await assert.rejects(p, TE);
  const h = win.__TAURI__.window.appWindow;
  await assert.rejects(h.emit('x', { n: 1n }), TE);
  await assert.rejects(win.__TAURI__.invoke('greet', { n: 1n }), TE);
  await assert.rejects(win.__TAURI__.event.listen('x', 'not a function'), TE);
});

test('windows delivery refreshes metadata; getAll/getByLabel follow', async () => {
  const { win, flush, hub } = makePage();
  const W = win.__TAURI__.window;
  assert.deepEqual(plain(W.getAll().map((w) => w.label)), ['main', 'second']);
  assert.equal(W.appWindow.label, 'main');
  assert.equal(W.getCurrent().label, 'main');
  assert.equal(W.WebviewWindow.getByLabel('third'), null);
  hub.deliver([{ t: 'windows', labels: ['main', 'second', 'third'] }]);
  await flush();
  assert.equal(W.WebviewWindow.getByLabel('third').label, 'third');
  assert.deepEqual(plain(win.__TAURI_METADATA__.__windows), [{ label: 'main' }, { label: 'second' }, { label: 'third' }]);
});

test('window handle emit/listen use the window channel', async () => {
  const { win, flush, sent, hub } = makePage();
  const W = win.__TAURI__.window;
  const seen = [];
  W.appWindow.listen('w', (e) => seen.push(['app', e.windowLabel]));
  win.__TAURI__.event.listen('w', (e) => seen.push(['global', e.windowLabel]));
  await flush();
  await Promise.all([W.WebviewWindow.getByLabel('second').emit('w', 1), flush()]);
  await Promise.all([W.appWindow.emit('w', 2), flush()]);
  assert.deepEqual(plain(sent.filter((m) => m.kind === 'emit').map((m) => [m.window, m.payload])), [['second', '1'], ['main', '2']]);
  assert.deepEqual(seen, [['app', 'main'], ['global', 'main']]);
  assert.deepEqual(plain(sent[0]), { kind: 'listen', event: 'w', window: 'main', call: sent[0].call });
});

test('new WebviewWindow: create_window, then local tauri://created; local once removes itself', async () => {
  const { win, flush, sent } = makePage();
  const W = win.__TAURI__.window;
  const w = new W.WebviewWindow('third', { url: 'index.html', width: 300, skip: false });
  const seen = [];
  w.once('tauri://created', (e) => seen.push(['once', plain(e)]));
  const un = await w.listen('tauri://created', (e) => seen.push(['listen', e.event]));
  await flush();
  assert.deepEqual(plain(sent[0]), { kind: 'create_window', label: 'third', options: { url: 'index.html', width: 300 }, call: sent[0].call });
  assert.deepEqual(seen, [['once', { event: 'tauri://created', windowLabel: 'third', id: -1, payload: null }], ['listen', 'tauri://created']]);
  await w.emit('tauri://created'); // local emit: local handlers only, nothing sent
  assert.equal(seen.length, 3);
  assert.equal(sent.length, 1);
  un(); await w.emit('tauri://created'); assert.equal(seen.length, 3);
  assert.ok(W.WebviewWindow.getByLabel('third'));
});

test('new WebviewWindow with a taken label: local tauri://error with the message', async () => {
  const { win, flush } = makePage();
  const W = win.__TAURI__.window;
  const w = new W.WebviewWindow('second');
  const seen = [];
  w.once('tauri://error', (e) => seen.push(e.payload));
  w.once('tauri://created', () => seen.push('created?!'));
  await flush();
  assert.deepEqual(seen, ["a window with label 'second' already exists"]);
});

test('skip: no message sent', async () => {
  const { win, flush, sent } = makePage();
  new win.__TAURI__.window.WebviewWindow('x', { skip: true });
  await flush();
  assert.equal(sent.length, 0);
});

test('without qt: one clear console.error, no throw, calls reject', async () => {
  const { win, errors, added } = makePage({ withQt: false });
  assert.equal(errors.length, 1);
  assert.match(errors[0].join(' '), /qt\.webChannelTransport is missing/);
  assert.ok(added.includes('__TAURI__'));
  await assert.rejects(win.__TAURI__.event.emit('a'), { name: 'BridgeUnavailable' });
  await assert.rejects(win.__QTAURI__.ready, { name: 'BridgeUnavailable' });
});

test('a batch out of sequence is reported and still run', async () => {
  const { win, flush, hub, wire, errors } = makePage();
  const seen = [];
  win.__TAURI__.event.listen('n', (e) => seen.push(e.payload));
  await flush();
  for (const n of [1, 2, 3]) hub.deliver([{ t: 'event', event: 'n', source: null, ids: [1], payloads: [n] }]);
  const [first, second, third] = wire.splice(0, 3);
  first(); third(); // 2 never came before 3
  assert.deepEqual(seen, [1, 3]);
  assert.equal(errors.length, 1);
  assert.match(errors[0].join(' '), /batch \d+ out of sequence \(\d+ expected\)/);
  second(); // and a late one is reported too
  assert.deepEqual(seen, [1, 3, 2]);
  assert.equal(errors.length, 2);
});

test('malformed delivery does not cost the rest of the batch', async () => {
  const { win, flush, hub, errors } = makePage();
  const seen = [];
  win.__TAURI__.event.listen('m', (e) => seen.push(e.payload));
  await flush();
  hub.deliver([{ t: 'event', event: 'm' }, { t: 'what' }, { t: 'event', event: 'm', source: null, ids: [1], payloads: [7] }]);
  await flush();
  assert.deepEqual(seen, [7]);
  assert.equal(errors.length, 2);
});

test('PageGone on a fire-and-forget unlisten is silent', async () => {
  const { win, flush, hub, errors } = makePage();
  const un = await (async () => { const p = win.__TAURI__.event.listen('g', () => {}); await flush(); return p; })();
  hub.failNext = { name: 'PageGone', message: 'gone' };
  un();
  await flush();
  assert.equal(errors.length, 0);
});

test('second injection is a no-op', async () => {
  const { win } = makePage();
  const token = win.__QTAURI__.token;
  const { SCRIPTS } = await import('./harness.mjs');
  const vm = await import('node:vm');
  vm.runInContext(SCRIPTS[0], win);
  assert.equal(win.__QTAURI__.token, token);
});

test('token without randomUUID (non-secure context)', async () => {
  const orig = globalThis.crypto.randomUUID;
  const fakeCrypto = { getRandomValues: (a) => globalThis.crypto.getRandomValues(a) };
  const vm = await import('node:vm');
  const { SCRIPTS } = await import('./harness.mjs');
  const ctx = { console: { error() {}, warn() {} }, crypto: fakeCrypto };
  ctx.window = ctx; vm.createContext(ctx);
  vm.runInContext(SCRIPTS.join('\n;\n'), ctx);
  assert.match(ctx.__QTAURI__.token, /^[0-9a-f]{32}$/);
  void orig;
});

test('invoke of a pending command resolves or rejects when its result delivery comes', async () => {
  const { win, flush, later } = makePage();
  const first = win.__TAURI__.invoke('later:a', {});
  const firstOutcome = first.catch((error) => error);
  const second = win.__TAURI__.invoke('later:b', {});
  await flush();
  assert.equal(later.length, 2);
  later[1]({ ok: { n: 2 } }); // answers may come in any order
  later[0]({ error: { name: 'PermissionError', message: 'no', data: [1] } });
  await flush();
  assert.deepEqual(plain(await second), { n: 2 });
  const error = await firstOutcome;
  assert.deepEqual(plain([error.name, error.message, error.data]), ['PermissionError', 'no', [1]]);
});

test('one message with many payloads calls every listener for each, in order', async () => {
  const { win, flush, hub } = makePage();
  const seen = [];
  win.__TAURI__.event.listen('g', (e) => seen.push(['a', e.payload]));
  win.__TAURI__.event.listen('g', (e) => seen.push(['b', e.payload]));
  await flush();
  hub.deliver([{ t: 'event', event: 'g', source: null, ids: [1, 2], payloads: [1, 2, 3] }]);
  await flush();
  assert.deepEqual(seen, [['a', 1], ['b', 1], ['a', 2], ['b', 2], ['a', 3], ['b', 3]]);
});

test("a task's first call leaves at once, its later calls as one call at its end; answered in order", async () => {
  const { win, flush, hub, sent, posts } = makePage();
  await flush();
  sent.length = 0;
  posts.length = 0;
  const order = [];
  // Straight through the core, so that every promise settles at the same microtask depth.
  const { call } = win.__QTAURI__;
  const first = call({ kind: 'emit', event: 'a', window: null, payload: '1' }).then(() => order.push('emit a'));
  const second = call({ kind: 'listen', event: 'b', window: null }).then(() => order.push('listen b'));
  assert.equal(posts.length, 1); // the first, alone: a lone call waits for nothing
  const third = call({ kind: 'invoke', cmd: 'greet', args: { name: 'x' } }).then((v) => order.push(v));
  assert.equal(posts.length, 1); // the later ones wait for the task's end
  await flush();
  await Promise.all([first, second, third]);
  assert.deepEqual(sent.map((m) => m.kind), ['emit', 'listen', 'invoke']);
  assert.equal(posts.length, 2); // one call carried the two later ones
  const ids = (post) => post.split('\n').map((line) => Number(line.split('\t')[0]));
  assert.deepEqual([...ids(posts[0]), ...ids(posts[1])], sent.map((m) => m.call));
  assert.equal(ids(posts[1]).length, 2);
  call({ kind: 'unlisten', id: 12345 });
  assert.equal(posts.length, 3); // a new task: its first call leaves at once again
  assert.deepEqual(order, ['emit a', 'listen b', 'Hello, x!']);
});

test('channel deliveries run callbacks by id; a missing or throwing one costs no other', async () => {
  const { win, flush, hub, errors, warnings } = makePage();
  const core = win.__QTAURI__;
  await flush();
  const got = [];
  const id = core.registerCallback((data) => got.push(plain(data)));
  const bad = core.registerCallback(() => { throw new Error('boom'); });
  const once = core.registerCallback((data) => got.push(['once', plain(data)]), true);
  hub.deliver([
    { t: 'channel', id, index: 0, message: 'a' },
    { t: 'channel', id: bad, index: 0, message: 'x' },
    { t: 'channel', id: 12345, index: 0, message: 'lost' },
    { t: 'channel', id: once, index: 0, message: 'o' },
    { t: 'channel', id: once, index: 1, message: 'too late' },
    { t: 'channel', id, index: 1, end: true },
  ]);
  await flush();
  assert.deepEqual(got, [
    { index: 0, message: 'a' },
    ['once', { index: 0, message: 'o' }],
    { index: 1, end: true },
  ]);
  assert.equal(errors.length, 1);
  assert.equal(warnings.length, 2); // the unknown id, and the once callback's second message
  core.unregisterCallback(id);
  assert.equal(core.runCallback(id, null), false);
  assert.equal(core.callbackCount(), 1); // `bad` is still there
});

test('one call in flight at a time; a "busy" reply sends the same calls again, in order, after the pause', async () => {
  const { win, flush, hub, sent, posts } = makePage();
  await flush();
  sent.length = 0;
  posts.length = 0;
  const { call } = win.__QTAURI__;
  hub.busyNext = 30;
  const started = Date.now();
  const answers = [1, 2, 3].map((n) => call({ kind: 'emit', event: `e${n}`, window: null, payload: null }));
  await flush();
  // The first call was refused whole; nothing else left while it was unanswered or paused.
  assert.equal(posts.length, 1);
  assert.equal(sent.length, 0);
  await new Promise((resolve) => setTimeout(resolve, 40));
  await flush();
  await Promise.all(answers);
  assert.ok(Date.now() - started >= 30);
  assert.deepEqual(sent.map((m) => m.event), ['e1', 'e2', 'e3']);
  assert.equal(posts.length, 2); // e1 again, first, with e2 and e3 that waited behind it
  assert.ok(posts[1].startsWith(`${posts[0]}\n`));
});

test('each call carries the permit of the last reply; a call refused unread fails every call, clearly', async () => {
  const { win, flush, hub, posts, errors } = makePage();
  await flush();
  const { call } = win.__QTAURI__;
  // Many tasks' calls, one `call` at a time: each with the permit the reply before handed out.
  for (let n = 0; n < 5; n += 1) {
    const answer = call({ kind: 'emit', event: `e${n}`, window: null, payload: null });
    await flush();
    await answer;
  }
  hub.busyNext = 5; // a busy reply hands out a permit too: the calls go again with it
  const paused = call({ kind: 'emit', event: 'x', window: null, payload: null });
  await flush();
  await new Promise((resolve) => setTimeout(resolve, 20));
  await flush();
  await paused;
  assert.equal(hub.stale, 0);
  const before = posts.length;
  hub.refuseNext = true; // as for a page cut off
  const outcomes = [
    call({ kind: 'invoke', cmd: 'greet', args: { name: 'x' } }), // sent, refused
    call({ kind: 'emit', event: 'later', window: null, payload: null }), // queued behind it
  ].map((answer) => assert.rejects(answer, { name: 'BridgeRefused' }));
  await flush();
  await Promise.all(outcomes);
  await assert.rejects(call({ kind: 'emit', event: 'after', window: null, payload: null }), { name: 'BridgeRefused' });
  assert.equal(posts.length, before + 1); // nothing sent after the refusal
  assert.equal(errors.length, 1);
  assert.match(String(errors[0][1]), /refused this page's calls/);
});

test('a window of calls: a busy reply puts back the refused call and those sent after it, never one being served', async () => {
  // As when a command runs a nested event loop (a modal dialog): the call behind it is refused
  // busy before the command's own reply comes. That call must not be sent again.
  const { win, flush, hub, sent } = makePage({ window: 4 });
  await flush();
  sent.length = 0;
  const { call } = win.__QTAURI__;
  const leave = () => new Promise((resolve) => setImmediate(resolve));
  hub.holdNextReply = true;
  const greeting = call({ kind: 'invoke', cmd: 'greet', args: { name: 'Ada' } });
  await leave();
  hub.busyNext = 5;
  const second = call({ kind: 'emit', event: 'e2', window: null, payload: null });
  await leave();
  const third = call({ kind: 'emit', event: 'e3', window: null, payload: null });
  await leave();
  await flush(); // the busy reply, then "stale" for the third
  hub.release(); // the command's own reply, after them
  await flush();
  await new Promise((resolve) => setTimeout(resolve, 20));
  await flush();
  assert.equal(await greeting, 'Hello, Ada!');
  await Promise.all([second, third]);
  // The third, and the first resend with the permit the command's late reply handed out
  // (given before the busy reply, so stale too, as in the backend's gate).
  assert.equal(hub.stale, 2);
  assert.deepEqual(sent.map((m) => m.cmd ?? m.event), ['greet', 'e2', 'e3']);
});
