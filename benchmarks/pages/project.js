// The project's side of each figure, through the public API only.
'use strict';

(() => {
  const { emit, listen } = window.__TAURI__.event;
  const { appWindow } = window.__TAURI__.window;
  const { invoke } = window.__TAURI__.tauri;

  /** `count` listeners of 'bench' (one delivery is counted per listener call). */
  window.listenMany = async (count) => {
    for (let i = 0; i < count; i += 1) await listen('bench', () => bench.onDelivery());
    bench.report('listening', count);
  };

  /** The end of a burst, told as an app tells its backend: an emit. */
  window.reportBack = (count) => emit('bench-done', count);

  /** `count` listeners of 'bench' through `appWindow.listen` (this window's channel). */
  window.listenOnWindow = async (count) => {
    for (let i = 0; i < count; i += 1) await appWindow.listen('bench', () => bench.onDelivery());
    bench.report('listening', count);
  };

  /** JS -> Python: `count` emits, not awaited one by one (as a page streaming events). */
  window.sendMany = (count, payload) => {
    let last;
    for (let i = 0; i < count; i += 1) last = emit('bench-in', payload);
    return last;
  };

  /** Round trips: JS emit -> Python listener -> window.emit -> JS listener, one at a time. */
  window.roundTrips = async (count, payload) => {
    let arrived;
    const unlisten = await appWindow.listen('bench-echo', () => arrived());
    await bench.timeTrips(
      count,
      () =>
        new Promise((resolve) => {
          arrived = resolve;
          emit('bench-ping', payload);
        }),
    );
    unlisten(); // each repeat listens anew: one listener at a time, as the baseline has
  };

  /** invoke of a trivial command, one at a time. */
  window.calls = (count) => bench.timeTrips(count, () => invoke('noop'));

  listen('bench-first', (event) => bench.report('first', event.payload));
})();
