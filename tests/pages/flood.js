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

/** Past the API: its own QWebChannel client on qt.webChannelTransport, never waiting for an
 * answer, plus raw garbage into the transport. */
window.floodRaw = (token) => {
  window.flood.running = true;
  const lines = [];
  for (let i = 0; i < 50; i += 1) lines.push(`${i}\t{"kind":"emit","event":"flood","window":null,"payload":"\\"${PAYLOAD}\\""}`);
  const batch = lines.join('\n');
  new QWebChannel(qt.webChannelTransport, (channel) => {
    const bridge = channel.objects.bridge;
    const tick = () => {
      if (!window.flood.running) return;
      for (let i = 0; i < 20; i += 1) bridge.call(token, batch);
      qt.webChannelTransport.send('{"type": 6, "object": "bridge", "junk": [');
      window.flood.sent += 20 * 50;
      setTimeout(tick, 0);
    };
    tick();
  });
};

window.stopFlood = () => {
  window.flood.running = false;
};
