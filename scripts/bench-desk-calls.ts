/**
 * npm run bench:desk-calls [-- --checkout DIR] [--corpus DIR] [--rounds N]
 *
 * How long searches hold the main thread. Opens the desk in a worker thread as the bot does
 * (openDeskInWorker of --checkout, default this one: another checkout compares its WorkerDesk),
 * over --corpus (default the generated 50 MB corpus, bench-out/corpus-50mb; index cache in
 * bench-out/desk-calls-cache), then sends bursts of 40 searches, as a burst of /ask arriving
 * together would, each started in its own callback. Per burst: the wall time until all are
 * answered, the longest the main thread's event loop went without a turn (the gap between turns
 * of a 1 ms timer chain), and the main thread's active time (event-loop utilization). Not a test:
 * numbers depend on the machine and its load.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BENCH_OUT, PROJECT_ROOT } from './benchmarkSets.ts';

/** What this script needs of a checkout's workerDesk.ts; a search may answer itself or a promise. */
interface DeskInWorker {
  search(query: string, options: { top: number }): unknown;
  close(): Promise<void>;
}
type OpenDeskInWorker = (options: { seedsDir: string; cacheDir?: string }) => Promise<DeskInWorker>;

const QUESTIONS = ['大模型需要多少计算资源', '深度学习', 'When was the university founded?', '自然语言处理', '香港', 'GPU', '人工智能的发展', 'population'];
const BURST = Array.from({ length: 5 }, () => QUESTIONS).flat();

const { values } = parseArgs({ options: { checkout: { type: 'string' }, corpus: { type: 'string' }, rounds: { type: 'string', default: '4' } } });
const checkout = resolve(values.checkout ?? PROJECT_ROOT);
const corpus = resolve(values.corpus ?? join(BENCH_OUT, 'corpus-50mb'));
if (!existsSync(corpus)) throw new Error(`no corpus at ${corpus} (npm run generate-corpus -- --size 50MB makes it)`);

const { openDeskInWorker } = (await import(join(checkout, 'src', 'desk', 'workerDesk.ts'))) as { openDeskInWorker: OpenDeskInWorker };
const desk = await openDeskInWorker({ seedsDir: corpus, cacheDir: join(BENCH_OUT, 'desk-calls-cache') });
// Warm: the first searches compile the query path.
for (const question of QUESTIONS) await desk.search(question, { top: 3 });

/** Starts one search in a callback of its own, as an interaction arriving would. */
function searchInItsOwnCallback(question: string): Promise<unknown> {
  return new Promise((resolve, reject) => setImmediate(() => Promise.resolve().then(() => desk.search(question, { top: 3 })).then(resolve, reject)));
}

console.log(`${checkout}: ${BURST.length} searches a burst, ${corpus}`);
for (let round = 0; round < Number(values.rounds); round++) {
  let last = performance.now();
  let longestGap = 0;
  let ticking = true;
  const tick = (): void => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    if (ticking) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  const utilization = performance.eventLoopUtilization();
  const started = performance.now();
  await Promise.all(BURST.map(searchInItsOwnCallback));
  const wallMs = performance.now() - started;
  const activeMs = performance.eventLoopUtilization(utilization).active;
  // One more timer turn, so that a loop held until the burst's end is counted.
  await new Promise((resolve) => setTimeout(resolve, 5));
  ticking = false;
  console.log(JSON.stringify({ wallMs: Math.round(wallMs), longestLoopGapMs: Number(longestGap.toFixed(1)), mainThreadActiveMs: Math.round(activeMs) }));
}
await desk.close();
