/**
 * Preloaded into the bot by bench:responsiveness (`node --import ./scripts/event-loop-probe.mjs …`):
 * every 100 ms, one stderr line with the main thread's event-loop delay since the last line
 * (perf_hooks.monitorEventLoopDelay). A line due while the loop is blocked comes late, and then
 * reports the block. Worker threads inherit the preload and stay silent.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  setInterval(() => {
    const sample = { at: Date.now(), maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 };
    histogram.reset();
    process.stderr.write(`event-loop-delay ${JSON.stringify(sample)}\n`);
  }, 100).unref();
}
