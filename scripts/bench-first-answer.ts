/**
 * npm run bench:first-answer -- [--corpus mixed|seeds|10MB|100MB] [--runs 5] [--checkouts DIR,DIR]
 *
 * Spawn → first answer of the CLI's `search --jsonl` (what tools and the bot's operators wait
 * for), without the index cache (read, clean, index, answer) and restarting from it, for one or
 * more checkouts of this program side by side — runs alternate between them, so a shared
 * machine's load falls on all alike. Medians are reported. Default: this checkout only. Each
 * checkout runs its own `bin/answer-desk.mjs` (run once first, untimed: a launcher may build).
 * Where /proc is there (Linux), the CPU time (user + sys, every thread) the search process had
 * spent when its first answer came is reported beside the wall time: on a shared machine it says
 * more than the wall time about what a change saved. The 1-minute load average before and after
 * the runs is printed with them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_OUT, PROJECT_ROOT, SEEDS_DIR, sharedFolder } from './benchmarkSets.ts';

const QUERY = '大模型需要多少计算资源';
const { values } = parseArgs({ options: { corpus: { type: 'string', default: 'mixed' }, runs: { type: 'string', default: '5' }, checkouts: { type: 'string' } } });
const runs = Math.max(1, Number(values.runs));
const checkouts = (values.checkouts ?? PROJECT_ROOT).split(',').map((dir) => resolve(dir.trim()));
const docs =
  values.corpus === 'mixed'
    ? join(sharedFolder(), 'benchmarks', 'mixed', 'docs')
    : values.corpus === 'seeds'
      ? SEEDS_DIR
      : join(BENCH_OUT, `corpus-${values.corpus.toLowerCase()}`);
if (!existsSync(docs)) throw new Error(`${docs} does not exist (generate it: npm run generate-corpus -- --size ${values.corpus})`);

/** Clock ticks per second of /proc/<pid>/stat, or undefined where there is no /proc. */
const ticksPerSecond = ((): number | undefined => {
  if (!existsSync('/proc/self/stat')) return undefined;
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU milliseconds (user + sys) a live process has used, from /proc/<pid>/stat. */
function cpuMsOf(pid: number | undefined): number | undefined {
  if (ticksPerSecond === undefined || pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces, so cut after its closing parenthesis): utime is the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

interface Timing {
  ms: number;
  cpuMs?: number;
}

/** Milliseconds from spawn to the first answer line on stdout, and the CPU time spent by then. */
function firstAnswer(checkout: string, env: Record<string, string>, extra: string[]): Promise<Timing> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(checkout, 'bin', 'answer-desk.mjs'), 'search', '--jsonl', '--seeds', docs, ...extra], {
    cwd: checkout,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // Stdin stays open until the answer is in, so that the process is still there to be asked its CPU time.
  child.stdin.write(`${QUERY}\n`);
  return new Promise((resolveTime, reject) => {
    let answered = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (!answered && chunk.includes(10)) {
        answered = true;
        const ms = performance.now() - started;
        resolveTime({ ms, cpuMs: cpuMsOf(child.pid) });
        child.stdin.end();
      }
    });
    child.on('close', (code) => {
      if (!answered) reject(new Error(`${checkout}: the search exited (code ${code}) without an answer`));
    });
  });
}

/** The 1-minute load average: on a shared machine it says how far the wall times can be trusted. */
const load = (): string => loadavg()[0].toFixed(1);
const loadBefore = load();
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const caches = new Map(checkouts.map((checkout) => [checkout, mkdtempSync(join(tmpdir(), 'answer-desk-first-answer-cache-'))]));
const cold = new Map<string, Timing[]>(checkouts.map((c) => [c, []]));
const restart = new Map<string, Timing[]>(checkouts.map((c) => [c, []]));
for (const checkout of checkouts) await firstAnswer(checkout, { INDEX_CACHE_DIR: caches.get(checkout)! }, []); // untimed: fills the cache
for (let run = 0; run < runs; run++) {
  for (const checkout of checkouts) {
    cold.get(checkout)!.push(await firstAnswer(checkout, {}, ['--no-cache']));
    restart.get(checkout)!.push(await firstAnswer(checkout, { INDEX_CACHE_DIR: caches.get(checkout)! }, []));
  }
}
for (const dir of caches.values()) rmSync(dir, { recursive: true, force: true });

/** "median ms [each run]", and the same for the CPU time when it was measured. */
function describe(timings: readonly Timing[]): string {
  const wall = timings.map((t) => t.ms);
  const cpu = timings.flatMap((t) => (t.cpuMs === undefined ? [] : [t.cpuMs]));
  const cpuText = cpu.length === timings.length ? `, CPU ${Math.round(median(cpu))} ms [${cpu.map(Math.round).join(', ')}]` : '';
  return `${Math.round(median(wall))} ms [${wall.map(Math.round).join(', ')}]${cpuText}`;
}

console.log(`spawn → first answer, ${values.corpus} (${docs}), median of ${runs} alternating runs, load average ${loadBefore} → ${load()}`);
for (const checkout of checkouts) {
  console.log(`${checkout}: no cache ${describe(cold.get(checkout)!)}; from the cache ${describe(restart.get(checkout)!)}`);
}
