// The page of `python -m benchmarks.reliability`: it counts events and checks their order,
// floods its own channel with junk, and stops taking deliveries on request.
'use strict';

window.soak = { next: 0, disorder: 0 };

const { listen, emit } = window.__TAURI__.event;

listen('soak', (event) => {
  if (event.payload !== window.soak.next) {
    window.soak.disorder += 1;
    window.soak.firstBad ??= [event.payload, window.soak.next];
  }
  window.soak.next += 1;
  if (window.soak.next === window.soak.expected) bench.report('soaked', window.soak);
}).then(() => listen('setup', () => {})).then(() => bench.report('ready', true));

/** Expect events 0..count-1 (from `from` on); report `soaked` when the last one arrives. */
window.expectSoak = (from, count) => {
  window.soak.next = from;
  window.soak.expected = from + count;
};

/** `count` junk calls through the page's own channel client and raw text into the transport,
 * with a normal emit every 30 of them; reports how many normal emits and junk calls settled. */
window.floodJunk = async (count) => {
  const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
  const values = [null, 1e308, -1, '', 'bad name', [], {}, [[[[]]]], 'x'.repeat(300), 'ok-name'];
  const kinds = ['listen', 'unlisten', 'emit', 'invoke', 'window', 'create_window', 'bogus', 7];
  const settled = [];
  let normal = 0;
  for (let i = 0; i < count; i += 1) {
    const junk = {
      kind: pick(kinds), event: pick(values), window: pick(values), payload: pick(['{', 'NaN']),
      id: pick(values), cmd: pick(values), args: pick(values), label: pick(values), op: pick(values),
    };
    if (junk.kind === 'create_window' || junk.kind === 'window') junk.label = pick(['', 7, null]);
    settled.push(window.__QTAURI__.call(junk).then(() => 'ok', (e) => e.name));
    if (i % 10 === 0) qt.webChannelTransport.send(String.fromCharCode(i % 256).repeat(i % 50));
    if (i % 30 === 0) {
      settled.push(emit('normal', normal));
      normal += 1;
    }
  }
  const outcomes = await Promise.all(settled);
  bench.report('flooded', { normal, junk: count, answered: outcomes.length });
};

/** Take no deliveries for `ms` milliseconds, from the next task. */
window.beBusy = (ms) => {
  setTimeout(() => {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // busy
    }
    bench.report('awake', true);
  }, 0);
};
