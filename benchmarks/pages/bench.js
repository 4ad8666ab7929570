// Shared by both pages: counting deliveries, and reporting to Python through the console,
// which costs the same on both sides and happens once per measurement.
'use strict';

window.bench = {
  received: 0,
  expected: Infinity,
  report(tag, value) {
    console.info(`__bench__:${tag}:${JSON.stringify(value)}`);
  },
  /** Reports `done` once `count` more deliveries have arrived. */
  expect(count) {
    this.received = 0;
    this.expected = count;
  },
  onDelivery() {
    this.received += 1;
    if (this.received === this.expected) this.report('done', this.received);
  },
  /** p50 and p99 of `samples` (milliseconds). */
  percentiles(samples) {
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { p50: at(0.5), p99: at(0.99) };
  },
};
