// Shared by both pages: counting deliveries, and reporting to Python through the console,
// which costs the same on both sides and happens once per measurement.
'use strict';

// Not counted: a fresh page's first trips run before V8 has optimized either side's code.
const WARM_UP_TRIPS = 300;

window.bench = {
  received: 0,
  expected: Infinity,
  report(tag, value) {
    console.info(`__bench__:${tag}:${JSON.stringify(value)}`);
  },
  /**
   * Reports `done` once `count` more deliveries have arrived; `back`: through the page's own
   * way to Python instead (`reportBack`: an emit, or the raw page's slot), as an app would.
   */
  expect(count, back = false) {
    this.received = 0;
    this.expected = count;
    this.back = back;
  },
  onDelivery() {
    this.received += 1;
    if (this.received === this.expected) {
      if (this.back) window.reportBack(this.received);
      else this.report('done', this.received);
    }
  },
  /**
   * Times `count` calls of `once()` (each resolving when one round trip is done).
   *
   * performance.now() is coarsened to 0.1 ms in pages, too coarse for a 0.1-0.3 ms median:
   * the p50 is the median of the mean of groups of 10 consecutive trips; the p99 comes from
   * single trips, where 0.1 ms steps matter less.
   */
  async timeTrips(count, once) {
    for (let i = 0; i < WARM_UP_TRIPS; i += 1) await once();
    const singles = [];
    const groups = [];
    for (let done = 0; done < count; done += 10) {
      const groupStart = performance.now();
      for (let i = 0; i < 10; i += 1) {
        const start = performance.now();
        await once();
        singles.push(performance.now() - start);
      }
      groups.push((performance.now() - groupStart) / 10);
    }
    const at = (values, q) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    };
    this.report('latency', { p50: at(groups, 0.5), p99: at(singles, 0.99) });
  },
};
