/**
 * npm run bench:first-answer -- [--corpus mixed|10MB|100MB] [--runs 5] [--checkouts DIR,DIR]
 *
 * Spawn → first answer of the CLI's `search --jsonl` (what tools and the bot's operators wait
 * for), without the index cache (read, clean, index, answer) and restarting from it, for one or
 * more checkouts of this program side by side — runs alternate between them, so a shared
 * machine's load falls on all alike. Medians are reported. Default: this checkout only. Each
 * checkout runs its own `bin/answer-desk.mjs` (run once first, untimed: a launcher may build).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_OUT, PROJECT_ROOT, sharedFolder } from './benchmarkSets.ts';

const QUERY = '大模型需要多少计算资源';
const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'mixed' }, runs: { type: 'string', default: '5' }, checkouts: { type: 'string' } } });
const runs = Math.max(1, Number(values.runs));
const checkouts = (values.checkouts ?? PROJECT_ROOT).split(',').map((dir) => resolve(dir.trim()));
const docs = values.corpus === 'mixed' ? join(sharedFolder(), 'benchmarks', 'mixed', 'docs') : join(BENCH_OUT, `corpus-${values.corpus.toLowerCase()}`);
if (!existsSync(docs)) throw new Error(`${docs} does not exist (generate it: npm run generate-corpus -- --size ${values.corpus})`);

/** Milliseconds from spawn to the first answer line on stdout. */
function firstAnswer(checkout: string, env: Record<string, string>, extra: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(checkout, 'bin', 'answer-desk.mjs'), 'search', '--jsonl', '--seeds', docs, ...extra], {
    cwd: checkout,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(`${QUERY}\n`);
  return new Promise((resolveTime, reject) => {
    let answered = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (!answered && chunk.includes(10)) {
        answered = true;
        resolveTime(performance.now() - started);
      }
    });
    child.on('close', (code) => {
      if (!answered) reject(new Error(`${checkout}: the search exited (code ${code}) without an answer`));
    });
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const caches = new Map(checkouts.map((checkout) => [checkout, mkdtempSync(join(tmpdir(), 'answer-desk-first-answer-cache-'))]));
const cold = new Map<string, number[]>(checkouts.map((c) => [c, []]));
const restart = new Map<string, number[]>(checkouts.map((c) => [c, []]));
for (const checkout of checkouts) await firstAnswer(checkout, { INDEX_CACHE_DIR: caches.get(checkout)! }, []); // untimed: fills the cache
for (let run = 0; run < runs; run++) {
  for (const checkout of checkouts) {
    cold.get(checkout)!.push(await firstAnswer(checkout, {}, ['--no-cache']));
    restart.get(checkout)!.push(await firstAnswer(checkout, { INDEX_CACHE_DIR: caches.get(checkout)! }, []));
  }
}
for (const dir of caches.values()) rmSync(dir, { recursive: true, force: true });

console.log(`spawn → first answer, ${values.corpus} (${docs}), median of ${runs} alternating runs`);
for (const checkout of checkouts) {
  const c = cold.get(checkout)!;
  const r = restart.get(checkout)!;
  console.log(`${checkout}: no cache ${Math.round(median(c))} ms [${c.map(Math.round).join(', ')}]; from the cache ${Math.round(median(r))} ms [${r.map(Math.round).join(', ')}]`);
}
