// Floods for tests/test_flood.py: a page that sends the backend far more than it can serve.
// Each kind runs until stop(); window.flood counts what was sent.
window.flood = { sent: 0, answered: 0, refused: 0, running: false, pending: 0 };

const PAYLOAD = 'x'.repeat(200);
// The page's own memory holds what it queued: past this many unanswered calls it skips a
// tick, so that the test measures the app, not a renderer growing to gigabytes.
const MAX_PENDING = 100000;

function count(promise) {
  window.flood.pending += 1;
  promise.then(
    () => { window.flood.answered += 1; window.flood.pending -= 1; },
    () => { window.flood.refused += 1; window.flood.pending -= 1; },
  );
}

/** Through the API, as issue 17 measured: per tick, 400 emits of 200 B and 50 junk invokes. */
window.floodApi = () => {
  const api = window.__TAURI__;
  window.flood.running = true;
  const tick = () => {
    if (!window.flood.running) return;
    if (window.flood.pending < MAX_PENDING) {
      for (let i = 0; i < 400; i += 1) count(api.event.emit('flood', PAYLOAD));
      for (let i = 0; i < 50; i += 1) count(api.invoke(`junk_${i}`, { i }));
      window.flood.sent += 450;
    }
    setTimeout(tick, 0);
  };
  tick();
};

/** The permit a reply hands out ("<permit> <rest>"), or null for a call refused unread (a busy
 * reply's are a comma-separated window of them; these pages never get one). */
function permitOf(reply) {
  const space = reply.indexOf(' ');
  return space < 0 ? null : reply.slice(0, space);
}

/** Past the API: its own QWebChannel client on qt.webChannelTransport, never waiting for an
 * answer (each call carries the latest permit it has seen), plus raw garbage into the
 * transport. */
window.floodRaw = (token) => {
  window.flood.running = true;
  const lines = [];
  for (let i = 0; i < 50; i += 1) lines.push(`${i}\t{"kind":"emit","event":"flood","window":null,"payload":"\\"${PAYLOAD}\\""}`);
  const batch = lines.join('\n');
  new QWebChannel(qt.webChannelTransport, (channel) => {
    const bridge = channel.objects.bridge;
    let permit = bridge.permit;
    const replied = (reply) => { permit = permitOf(reply) ?? permit; };
    const tick = () => {
      if (!window.flood.running) return;
      for (let i = 0; i < 20; i += 1) bridge.call(token, permit, batch, replied);
      qt.webChannelTransport.send('{"type": 6, "object": "bridge", "junk": [');
      window.flood.sent += 20 * 50;
      setTimeout(tick, 0);
    };
    tick();
  });
};

/** Past the API, but waiting: its own QWebChannel client, each emit (of event `raw`) sent
 * once the reply to the last came, with the permit that reply handed out. With `eager`, each
 * is followed at once by a second call (event `raw-extra`), with the same permit, before the
 * reply: a second call in flight. Resolves to what the replies said once all came. */
window.rawWaiting = (token, rounds, eager) => new Promise((resolve) => {
  new QWebChannel(qt.webChannelTransport, (channel) => {
    const bridge = channel.objects.bridge;
    let permit = bridge.permit.split(',')[0]; // one of the window: one call in flight
    const result = { served: 0, refused: 0, extraServed: 0, extraRefused: 0 };
    let round = 0;
    let waiting = 0;
    const done = () => {
      waiting -= 1;
      if (waiting === 0 && round === rounds) resolve(result);
    };
    const next = () => {
      if (round === rounds) return;
      const line = (event) => `${round}\t{"kind":"emit","event":"${event}","window":null,"payload":"${round}"}`;
      waiting += 1;
      bridge.call(token, permit, line('raw'), (reply) => {
        permit = permitOf(reply);
        if (permit === null) {
          result.refused += 1;
          round = rounds; // it has no permit left to send with
        } else result.served += 1;
        done();
        if (permit !== null) next();
      });
      if (eager) {
        waiting += 1;
        bridge.call(token, permit, line('raw-extra'), (reply) => {
          if (permitOf(reply) === null) result.extraRefused += 1;
          else result.extraServed += 1;
          done();
        });
      }
      round += 1;
    };
    next();
  });
});

/** Past the API, holding the window of permits its channel was handed: sends one call (event
 * `window`, payload its index) with each at once, then a call with a permit already spent
 * (event `replayed`) and one with a forged permit (event `forged`), all before any reply.
 * Resolves to the replies in the order they came, and the window's size. */
window.rawWindow = (token) => new Promise((resolve) => {
  new QWebChannel(qt.webChannelTransport, (channel) => {
    const bridge = channel.objects.bridge;
    const permits = bridge.permit.split(',');
    const sends = permits.map((permit, index) => ['window', permit, index]);
    sends.push(['replayed', permits[0], 0], ['forged', 'f'.repeat(24), 0]);
    const replies = [];
    for (const [event, permit, index] of sends) {
      const line = `${index}\t{"kind":"emit","event":"${event}","window":null,"payload":"${index}"}`;
      bridge.call(token, permit, line, (reply) => {
        replies.push({ event, served: permitOf(reply) !== null });
        if (replies.length === sends.length) resolve({ window: permits.length, replies });
      });
    }
  });
});

window.stopFlood = () => {
  window.flood.running = false;
};
