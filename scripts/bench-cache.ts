/**
 * `npm run bench:cache -- [--sizes seeds,mixed,10MB,100MB] [--restarts 3] [--restart-only]`: what the
 * content hash in the index cache key costs.
 * `npm run bench:cache -- --starts [--sizes 100MB] [--runs 1] [--restarts 3] [--checkouts DIR,DIR]`:
 * what a start costs, for checkouts side by side.
 *
 * - hash: reading every document's bytes, then hashing them with each candidate of node:crypto
 *   and zlib (md5, sha1, sha256, crc32), timed separately, in this process;
 * - key: snapshotKey, as a restart without a digest record runs it (read + SHA-256 of every file);
 * - restart: spawn → first answer through `search --jsonl` with a warm index cache (the median of
 *   --restarts runs after one start that writes the cache).
 *
 * --restart-only measures the restart alone (to compare with a checkout from before the change).
 * --starts measures, per checkout (runs alternate between checkouts, so the machine's load falls
 * on all alike), spawn → first answer and the process's CPU time (user + sys, from /usr/bin/time)
 * of: a start without the cache (--no-cache), a first start with an empty cache folder (builds and
 * writes the snapshot) and restarts from that snapshot (the median of --restarts).
 * The 10 MB and 100 MB corpora are generated into bench-out/ on first use, as by bench:scale.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { crc32 } from 'node:zlib';
import { listDocuments } from '../src/corpus/loadDocuments.ts';
import { snapshotKey } from '../src/desk/indexCache.ts';
import { percentile } from '../src/eval/scoreAnswers.ts';
import { runSearchPipe } from '../src/eval/searchPipe.ts';
import { BENCH_OUT, benchmarkQueries, benchmarkSet, PROJECT_ROOT, SEEDS_DIR } from './benchmarkSets.ts';
import { ensureCorpus, parseSize } from './generate-corpus.ts';

const log = (message: string): void => void process.stderr.write(`${message}\n`);

function corpusFolder(size: string): string | undefined {
  if (size === 'seeds') return SEEDS_DIR;
  if (size === 'mixed') return benchmarkSet('mixed')?.docs;
  const out = join(BENCH_OUT, `corpus-${size.toLowerCase()}`);
  return ensureCorpus(out, parseSize(size), 1) ? out : undefined;
}

function documentPaths(folder: string): string[] {
  return (readdirSync(folder, { recursive: true }) as string[]).filter((name) => /\.(md|markdown|txt)$/i.test(name)).map((name) => join(folder, name));
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

interface HashRow {
  size: string;
  files: number;
  megabytes: number;
  readMs: number;
  hashMs: Record<string, number>;
  keyMs: number;
}

async function measureHashes(size: string, folder: string): Promise<HashRow> {
  const paths = documentPaths(folder);
  const read = timed(() => paths.map((path) => readFileSync(path)));
  const bytes = read.value.reduce((n, data) => n + data.length, 0);
  const hashMs: Record<string, number> = {};
  for (const algorithm of ['md5', 'sha1', 'sha256']) {
    hashMs[algorithm] = timed(() => read.value.forEach((data) => createHash(algorithm).update(data).digest('hex'))).ms;
  }
  hashMs.crc32 = timed(() => read.value.forEach((data) => crc32(data))).ms;
  const { files } = await listDocuments(folder);
  const started = performance.now();
  await snapshotKey(folder, files);
  return { size, files: paths.length, megabytes: bytes / 2 ** 20, readMs: read.ms, hashMs, keyMs: performance.now() - started };
}

async function measureRestart(size: string, folder: string, restarts: number): Promise<number> {
  const cacheDir = join(BENCH_OUT, 'index-cache', `bench-cache-${size.toLowerCase()}`);
  rmSync(cacheDir, { recursive: true, force: true });
  const queries = [benchmarkQueries(benchmarkSet('mixed')!)[0] ?? 'GPT-3'];
  const run = { docsDir: folder, queries, top: 5, timeoutMs: 30 * 60_000, env: { INDEX_CACHE_DIR: cacheDir } };
  await runSearchPipe(run);
  const times: number[] = [];
  for (let i = 0; i < restarts; i++) times.push((await runSearchPipe(run)).firstAnswerMs);
  rmSync(cacheDir, { recursive: true, force: true });
  return percentile(times, 50);
}

interface Start {
  ms: number;
  /** User + system CPU seconds of the search process; undefined without /usr/bin/time. */
  cpuS: number | undefined;
}

const TIME = '/usr/bin/time';

/** Spawn → first answer of a checkout's `search --jsonl`, and the process's CPU time once it exits. */
function timedStart(checkout: string, docs: string, env: Record<string, string>, extra: string[]): Promise<Start> {
  const query = benchmarkQueries(benchmarkSet('mixed')!)[0] ?? 'GPT-3';
  const cpuFile = join(tmpdir(), `answer-desk-bench-cache-cpu-${process.pid}`);
  const command = [process.execPath, join(checkout, 'bin', 'answer-desk.mjs'), 'search', '--jsonl', '--seeds', docs, ...extra];
  const timed = existsSync(TIME) ? [TIME, '-f', '%U %S', '-o', cpuFile, ...command] : command;
  const started = performance.now();
  const child = spawn(timed[0], timed.slice(1), {
    cwd: checkout,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(`${query}\n`);
  return new Promise((resolveStart, reject) => {
    let ms: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      if (ms === undefined && chunk.includes(10)) ms = performance.now() - started;
    });
    child.on('close', (code) => {
      if (ms === undefined) return reject(new Error(`${checkout}: the search exited (code ${code}) without an answer`));
      let cpuS: number | undefined;
      if (existsSync(cpuFile)) {
        cpuS = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number).reduce((a, b) => a + b, 0);
        rmSync(cpuFile, { force: true });
      }
      resolveStart({ ms, cpuS });
    });
  });
}

const shown = (starts: readonly Start[]): string =>
  starts.map((s) => `${(s.ms / 1000).toFixed(2)} s${s.cpuS === undefined ? '' : ` (CPU ${s.cpuS.toFixed(1)} s)`}`).join('; ');

async function measureStarts(size: string, folder: string, checkouts: readonly string[], runs: number, restarts: number): Promise<string[]> {
  const results = new Map(checkouts.map((c) => [c, { none: [] as Start[], first: [] as Start[], restart: [] as Start[] }]));
  // Untimed: the launcher's first run, and the documents into the page cache.
  for (const checkout of checkouts) execFileSync(process.execPath, [join(checkout, 'bin', 'answer-desk.mjs'), 'help'], { cwd: checkout, stdio: 'ignore' });
  for (const path of documentPaths(folder)) readFileSync(path);
  for (let run = 0; run < runs; run++) {
    for (const checkout of checkouts) {
      const result = results.get(checkout)!;
      log(`${size}, run ${run + 1}: ${checkout}`);
      result.none.push(await timedStart(checkout, folder, {}, ['--no-cache']));
      const cacheDir = mkdtempSync(join(tmpdir(), 'answer-desk-bench-cache-'));
      try {
        result.first.push(await timedStart(checkout, folder, { INDEX_CACHE_DIR: cacheDir }, []));
        const times: Start[] = [];
        for (let i = 0; i < restarts; i++) times.push(await timedStart(checkout, folder, { INDEX_CACHE_DIR: cacheDir }, []));
        times.sort((a, b) => a.ms - b.ms);
        result.restart.push(times[Math.floor((times.length - 1) / 2)]);
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    }
  }
  return checkouts.map((checkout) => {
    const r = results.get(checkout)!;
    return `| ${size} | ${checkout} | ${shown(r.none)} | ${shown(r.first)} | ${shown(r.restart)} |`;
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: 'mixed,10MB,100MB' },
      restarts: { type: 'string', default: '3' },
      'restart-only': { type: 'boolean', default: false },
      starts: { type: 'boolean', default: false },
      runs: { type: 'string', default: '1' },
      checkouts: { type: 'string', default: PROJECT_ROOT },
    },
  });
  if (values.starts) {
    const checkouts = values.checkouts.split(',').map((dir) => resolve(dir.trim()));
    const lines = ['| corpus | checkout | no cache | first start, empty cache folder | restart from the cache (median) |', '|---|---|---|---|---|'];
    for (const size of values.sizes.split(',').map((s) => s.trim())) {
      const folder = corpusFolder(size);
      if (folder === undefined) log(`${size}: no corpus (../shared/benchmarks missing?), skipped`);
      else lines.push(...(await measureStarts(size, folder, checkouts, Number(values.runs), Number(values.restarts))));
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  const lines: string[] = [];
  for (const size of values.sizes.split(',').map((s) => s.trim())) {
    const folder = corpusFolder(size);
    if (folder === undefined) {
      log(`${size}: no corpus (../shared/benchmarks missing?), skipped`);
      continue;
    }
    log(`${size}: ${folder}`);
    const restartMs = await measureRestart(size, folder, Number(values.restarts));
    if (values['restart-only']) {
      lines.push(`| ${size} | ${Math.round(restartMs)} |`);
      continue;
    }
    const row = await measureHashes(size, folder);
    const hashes = ['md5', 'sha1', 'sha256', 'crc32'].map((name) => Math.round(row.hashMs[name])).join(' | ');
    lines.push(`| ${size} | ${row.files} | ${row.megabytes.toFixed(1)} | ${Math.round(row.readMs)} | ${hashes} | ${Math.round(row.keyMs)} | ${Math.round(restartMs)} |`);
  }
  const header = values['restart-only']
    ? ['| corpus | restart from the cache, spawn → first answer (ms, median) |', '|---|---:|']
    : [
        '| corpus | files | MiB | read ms | md5 ms | sha1 ms | sha256 ms | crc32 ms | snapshotKey ms (read + sha256) | restart from the cache, spawn → first answer (ms, median) |',
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ];
  process.stdout.write(`${[...header, ...lines].join('\n')}\n`);
}

await main();
