// The raw baseline: one QWebChannel object, one signal per message, no project code.
'use strict';

new QWebChannel(qt.webChannelTransport, (channel) => {
  const raw = channel.objects.raw;
  window.raw = raw;
  // One connection that parses once and calls each listener, as the project's core does.
  const handlers = [];
  let first = true;
  raw.message.connect((text) => {
    const payload = JSON.parse(text);
    if (first) {
      first = false;
      bench.report('first', payload);
    }
    for (const handler of handlers) handler(payload);
  });
  window.listenMany = (count) => {
    handlers.length = 0;
    for (let i = 0; i < count; i += 1) handlers.push(() => bench.onDelivery());
    bench.report('listening', count);
  };
  window.listenOnWindow = window.listenMany; // one window: the same thing
  window.reportBack = (count) => raw.done(count);
  raw.reply.connect((text) => window.onReply?.(text));

  /** JS -> Python: `count` slot calls (Qt answers each one). */
  window.sendMany = (count, payload) => {
    for (let i = 0; i < count; i += 1) raw.post(JSON.stringify(payload));
  };

  /** Round trips: JS -> Python slot -> Python signal -> JS, one at a time. */
  window.roundTrips = (count, payload) =>
    bench.timeTrips(
      count,
      () =>
        new Promise((resolve) => {
          window.onReply = (text) => resolve(JSON.parse(text));
          raw.echo(JSON.stringify(payload));
        }),
    );

  /** A slot call with a result, as invoke is: one at a time. */
  window.calls = (count) =>
    bench.timeTrips(count, () => new Promise((resolve) => raw.call('{}', resolve)));

  raw.ready();
});
