// What app.testing runs in a page. This file is one expression, an object of helpers; the
// Python side wraps it around each call, so a reloaded page needs nothing installed first.
// Each outcome reaches Python as a console message starting with the call's key.
({
  // Runs `thunk` (an async function), then reports its value or its error under `key`.
  report(key, thunk) {
    const send = (outcome) => console.info(key + JSON.stringify(outcome));
    const failure = (error) => ({
      error: { name: String(error?.name), message: String(error?.message ?? error) },
    });
    thunk().then(
      (value) => {
        try {
          send({ ok: value === undefined ? null : value });
        } catch (error) {
          // A value JSON cannot carry (a cycle, a BigInt): say so rather than fall silent.
          send(failure(new TypeError(`the value cannot be sent as JSON: ${error.message}`)));
        }
      },
      (error) => send(failure(error)),
    );
  },

  // Resolves to the first truthy value of `condition()`, checked every few milliseconds.
  waitFor(condition, timeoutMs, text) {
    return new Promise((resolve, reject) => {
      const deadline = performance.now() + timeoutMs;
      const check = () => {
        let value;
        try {
          value = condition();
        } catch (error) {
          reject(error);
          return;
        }
        if (value) resolve(value);
        else if (performance.now() > deadline) reject(new Error(`timed out: ${text}`));
        else setTimeout(check, 5);
      };
      check();
    });
  },

  // Starts a listener (the event module's `listen`: global and own-window channels) for the
  // next `event`, kept under `slot`, and resolves once it is in place. It takes events only
  // once the `marker` event, which Python sends next, has arrived: while a page is in its
  // ready grace period (spec §7), the events kept for it are replayed to each new listener,
  // and those, sent before, come ahead of the marker in the page's stream.
  async listenOnce(event, slot, marker) {
    const { listen } = window.__TAURI__.event;
    const caught = (window.__qtauriTestEvents ??= {});
    const entry = { armed: false };
    caught[slot] = entry;
    entry.event = new Promise((resolve) => (entry.deliver = resolve));
    const unmark = await listen(marker, () => {
      entry.armed = true;
      unmark();
    });
    entry.unlisten = await listen(event, (e) => {
      if (!entry.armed || entry.done) return;
      entry.done = true;
      entry.unlisten();
      entry.deliver(e);
    });
    return true;
  },

  // Resolves once the listener under `slot` takes events (its marker arrived).
  waitArmed(slot, timeoutMs) {
    const armed = () => window.__qtauriTestEvents?.[slot]?.armed === true;
    return this.waitFor(armed, timeoutMs, 'the marker event of the test listener');
  },

  // Resolves to the event kept under `slot`, as plain data.
  async caughtEvent(slot, timeoutMs, event) {
    const entry = window.__qtauriTestEvents?.[slot];
    if (entry === undefined) throw new Error(`no listener for ${event} in this page (reloaded?)`);
    let timer;
    const timeout = new Promise((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`no event ${event} within ${timeoutMs} ms`);
        error.name = 'TimeoutError';
        reject(error);
      }, timeoutMs);
    });
    try {
      const e = await Promise.race([entry.event, timeout]);
      return { event: e.event, windowLabel: e.windowLabel, id: e.id, payload: e.payload };
    } finally {
      clearTimeout(timer);
      if (!entry.done) entry.unlisten();
      delete window.__qtauriTestEvents[slot];
    }
  },
})
