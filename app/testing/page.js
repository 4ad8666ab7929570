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

  // Starts a one-shot listener (the event module's `once`: global and own-window channels)
  // whose event is kept under `slot`; resolves once the backend has registered it.
  async listenOnce(event, slot) {
    const caught = (window.__qtauriTestEvents ??= {});
    let deliver;
    caught[slot] = new Promise((resolve) => (deliver = resolve));
    await window.__TAURI__.event.once(event, (e) => deliver(e));
    return true;
  },

  // Resolves to the event kept under `slot`, as plain data.
  async caughtEvent(slot, timeoutMs, event) {
    const pending = window.__qtauriTestEvents?.[slot];
    if (pending === undefined) throw new Error(`no listener for ${event} in this page (reloaded?)`);
    let timer;
    const timeout = new Promise((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`no event ${event} within ${timeoutMs} ms`);
        error.name = 'TimeoutError';
        reject(error);
      }, timeoutMs);
    });
    try {
      const e = await Promise.race([pending, timeout]);
      return { event: e.event, windowLabel: e.windowLabel, id: e.id, payload: e.payload };
    } finally {
      clearTimeout(timer);
      delete window.__qtauriTestEvents[slot];
    }
  },
})
