/**
 * `npm run bench [-- --builds N] [--pipe-runs N]`: how fast the answer desk starts and answers.
 *
 * - load + clean + index, in this process: the first (cold: modules, dictionaries and the JIT are
 *   fresh) build reported apart from the median of the following ones;
 * - search latency p50/p99 in this process, after a warm-up;
 * - spawn → first answer through the `search --jsonl` pipe, as tools and the bot's operators see it:
 *   without the index cache (--no-cache: the index build included) and restarting from the cache
 *   (a cache folder of the benchmark's own, bench-out/index-cache/);
 *
 * on seeds/ and, when ../shared is present, on the mixed benchmark set (2.5 M characters).
 * A benchmark, not a test: numbers depend on the machine and its load. Results also go to
 * bench-out/bench.json.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openAnswerDesk, type AnswerDesk } from '../src/desk/answerDesk.ts';
import { median, percentile } from '../src/eval/scoreAnswers.ts';
import { runSearchPipe } from '../src/eval/searchPipe.ts';
import { BENCH_OUT, benchmarkQueries, benchmarkSet, REALISTIC_SEEDS_QUERIES, SEEDS_DIR, seedsDevQueries } from './benchmarkSets.ts';

interface CorpusBench {
  corpus: string;
  docs: string;
  documents: number;
  passages: number;
  buildColdMs: number;
  buildMedianMs: number;
  builds: number;
  queries: number;
  queryRounds: number;
  queryP50Ms: number;
  queryP99Ms: number;
  /** Spawn → first answer with the index cache off: start, load, clean, index, first search. */
  pipeFirstAnswerMs: number[];
  pipeFirstAnswerMedianMs: number;
  pipePeakMemoryMiB: number | null;
  /** Spawn → first answer when the index cache holds this corpus: a restart. */
  pipeRestartMs: number[];
  pipeRestartMedianMs: number;
  targets: { buildMs?: number; queryP99Ms?: number; firstAnswerMs?: number };
}

const { values } = parseArgs({
  options: {
    builds: { type: 'string', default: '10' },
    'pipe-runs': { type: 'string', default: '3' },
  },
});
const builds = Math.max(1, Number(values.builds));
const pipeRuns = Math.max(1, Number(values['pipe-runs']));

async function benchCorpus(input: {
  corpus: string;
  docs: string;
  queries: readonly string[];
  builds: number;
  /** Rounds over the queries: small query sets are repeated so that p99 rests on enough samples. */
  queryRounds: number;
  targets: CorpusBench['targets'];
}): Promise<CorpusBench> {
  const { docs, queries } = input;
  log(`${input.corpus}: building (1 cold + ${input.builds})…`);
  const coldStart = performance.now();
  let desk: AnswerDesk = await openAnswerDesk({ seedsDir: docs });
  const buildColdMs = performance.now() - coldStart;
  const buildMs: number[] = [];
  for (let i = 0; i < input.builds; i++) {
    const started = performance.now();
    desk = await openAnswerDesk({ seedsDir: docs });
    buildMs.push(performance.now() - started);
  }

  log(`${input.corpus}: ${queries.length} queries × ${input.queryRounds} rounds after a warm-up…`);
  for (const query of queries) desk.search(query, { top: 5 });
  const queryMs: number[] = [];
  for (let round = 0; round < input.queryRounds; round++) {
    for (const query of queries) {
      const started = performance.now();
      desk.search(query, { top: 5 });
      queryMs.push(performance.now() - started);
    }
  }

  log(`${input.corpus}: spawn → first answer through the pipe, ${pipeRuns} runs without the index cache, ${pipeRuns} with…`);
  const firstAnswers: number[] = [];
  let peak: number | null = null;
  for (let i = 0; i < pipeRuns; i++) {
    const run = await runSearchPipe({ docsDir: docs, queries: [queries[0]], top: 5, searchOptions: ['--no-cache'] });
    firstAnswers.push(run.firstAnswerMs);
    if (run.peakMemoryBytes !== null) peak = Math.max(peak ?? 0, run.peakMemoryBytes);
  }
  // A cache folder of the benchmark's own: the first start fills it, the measured ones restart from it.
  const cacheDir = resolve(BENCH_OUT, 'index-cache', input.corpus);
  rmSync(cacheDir, { recursive: true, force: true });
  const withCache = { docsDir: docs, queries: [queries[0]], top: 5, env: { INDEX_CACHE_DIR: cacheDir } };
  await runSearchPipe(withCache);
  const restarts: number[] = [];
  for (let i = 0; i < pipeRuns; i++) restarts.push((await runSearchPipe(withCache)).firstAnswerMs);
  const stats = desk.stats();
  return {
    corpus: input.corpus,
    docs,
    documents: stats.documents,
    passages: stats.passages,
    buildColdMs,
    buildMedianMs: median(buildMs),
    builds: buildMs.length,
    queries: queries.length,
    queryRounds: input.queryRounds,
    queryP50Ms: percentile(queryMs, 50),
    queryP99Ms: percentile(queryMs, 99),
    pipeFirstAnswerMs: firstAnswers,
    pipeFirstAnswerMedianMs: median(firstAnswers),
    pipePeakMemoryMiB: peak === null ? null : peak / 2 ** 20,
    pipeRestartMs: restarts,
    pipeRestartMedianMs: median(restarts),
    targets: input.targets,
  };
}

function log(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

function formatTable(results: readonly CorpusBench[]): string {
  const cell = (value: number, target: number | undefined, digits: number): string => {
    const shown = value.toFixed(digits);
    if (target === undefined) return shown;
    return `${shown} ${value <= target ? '✓' : '✗'} (≤ ${target})`;
  };
  const rows: Array<[string, (r: CorpusBench) => string]> = [
    ['documents / passages', (r) => `${r.documents} / ${r.passages}`],
    ['load+clean+index, first in process ms', (r) => r.buildColdMs.toFixed(0)],
    ['load+clean+index, median ms', (r) => `${cell(r.buildMedianMs, r.targets.buildMs, 0)} of ${r.builds}`],
    ['query p50 ms (in-process)', (r) => r.queryP50Ms.toFixed(2)],
    ['query p99 ms (in-process)', (r) => cell(r.queryP99Ms, r.targets.queryP99Ms, 2)],
    ['queries timed', (r) => `${r.queries} × ${r.queryRounds}`],
    ['spawn → first answer ms, no cache', (r) => cell(r.pipeFirstAnswerMedianMs, r.targets.firstAnswerMs, 0)],
    ['  runs', (r) => r.pipeFirstAnswerMs.map((ms) => ms.toFixed(0)).join(' ')],
    ['spawn → first answer ms, from cache', (r) => r.pipeRestartMedianMs.toFixed(0)],
    ['  runs', (r) => r.pipeRestartMs.map((ms) => ms.toFixed(0)).join(' ')],
    ['search process peak MiB (no cache)', (r) => (r.pipePeakMemoryMiB === null ? 'n/a' : r.pipePeakMemoryMiB.toFixed(0))],
  ];
  const table = [['', ...results.map((r) => r.corpus)], ...rows.map(([name, value]) => [name, ...results.map(value)])];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  return table.map((row) => row.map((text, column) => (column === 0 ? text.padEnd(widths[column]) : text.padStart(widths[column]))).join('   ')).join('\n');
}

const results: CorpusBench[] = [];
const seedsQueries = [...seedsDevQueries(), ...REALISTIC_SEEDS_QUERIES];
if (seedsDevQueries().length === 0) log('../shared/eval/seeds-dev.jsonl not found: seeds queries are the built-in realistic ones only');
results.push(
  await benchCorpus({
    corpus: 'seeds',
    docs: SEEDS_DIR,
    queries: seedsQueries,
    builds,
    queryRounds: 50,
    targets: { buildMs: 100, queryP99Ms: 2, firstAnswerMs: 500 },
  }),
);
const mixed = benchmarkSet('mixed');
if (mixed) {
  results.push(
    await benchCorpus({
      corpus: 'mixed',
      docs: mixed.docs,
      queries: benchmarkQueries(mixed),
      builds: Math.max(1, Math.min(builds, 3)),
      queryRounds: 1,
      targets: { queryP99Ms: 3, firstAnswerMs: 1000 },
    }),
  );
} else {
  log('../shared/benchmarks/mixed not found: mixed is skipped');
}

process.stdout.write(`${formatTable(results)}\n`);
mkdirSync(BENCH_OUT, { recursive: true });
const outPath = resolve(BENCH_OUT, 'bench.json');
writeFileSync(outPath, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, results }, null, 2)}\n`);
log(`wrote ${outPath}`);
