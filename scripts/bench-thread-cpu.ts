/**
 * npm run -s bench:thread-cpu -- [--runs 7] [--checkouts DIR,DIR] [--node-flags "A|B C"]
 *
 * Where the CPU time of a cold first answer on the mixed corpus goes, per thread: the CLI's
 * `search --jsonl --no-cache`, its threads' CPU time (user + sys, from /proc/<pid>/task/<tid>/stat,
 * read every 5 ms) when the first answer line comes. Three figures: the process's main thread;
 * the busiest other thread (the build worker); the rest, nearly all V8's own platform threads —
 * its concurrent optimizing compiler and its parallel garbage collector helpers (Node starts four).
 * V8 compiles each hot function once per thread, so this is where a cold build's warm-up shows.
 * Runs alternate between the variants (each checkout with each set of node flags, `|` between
 * sets, an empty set meaning none), so a shared machine's load falls on all alike; medians are
 * printed with the load average before and after. Linux only (it reads /proc).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT, sharedFolder } from './benchmarkSets.ts';

const QUERY = '大模型需要多少计算资源';
/** Clock ticks per second of /proc's stat files (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, checkouts: { type: 'string' }, 'node-flags': { type: 'string', default: '' } } });
const runs = Math.max(1, Number(values.runs));
const checkouts = (values.checkouts ?? PROJECT_ROOT).split(',').map((dir) => resolve(dir.trim()));
const flagSets = values['node-flags'].split('|').map((set) => set.trim().split(/\s+/).filter(Boolean));
const docs = join(sharedFolder(), 'benchmarks', 'mixed', 'docs');

interface ThreadCpu {
  total: number;
  main: number;
  busiestOther: number;
  rest: number;
}

/** CPU milliseconds of each live thread of a process, by thread id. */
function threadCpuOf(pid: number): Map<number, number> {
  const byThread = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    byThread.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
  }
  return byThread;
}

/** One cold first answer of a checkout, its threads' CPU time when the answer came. */
function coldRun(checkout: string, nodeFlags: string[]): Promise<ThreadCpu> {
  const child = spawn(process.execPath, [...nodeFlags, join(checkout, 'bin', 'answer-desk.mjs'), 'search', '--jsonl', '--no-cache', '--seeds', docs], {
    cwd: checkout,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.write(`${QUERY}\n`);
  const pid = child.pid!;
  // Threads that end before the answer (none in a cold search) keep their last sample.
  const latest = new Map<number, number>();
  const sample = (): void => {
    try {
      for (const [tid, ms] of threadCpuOf(pid)) latest.set(tid, ms);
    } catch {
      // The process is ending.
    }
  };
  const timer = setInterval(sample, 5);
  return new Promise((resolveRun, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (!chunk.includes(10) || child.stdin.writableEnded) return;
      sample();
      clearInterval(timer);
      child.stdin.end();
      const main = latest.get(pid) ?? 0;
      const others = [...latest].filter(([tid]) => tid !== pid).map(([, ms]) => ms);
      const total = main + others.reduce((n, ms) => n + ms, 0);
      const busiestOther = Math.max(0, ...others);
      resolveRun({ total, main, busiestOther, rest: total - main - busiestOther });
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      if (!child.stdin.writableEnded) reject(new Error(`${checkout}: the search exited (code ${code}) before it answered`));
    });
  });
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

const variants = checkouts.flatMap((checkout) => flagSets.map((flags) => ({ checkout, flags, results: [] as ThreadCpu[] })));
const loadBefore = loadavg()[0];
for (let run = 0; run < runs; run++) {
  for (const variant of variants) variant.results.push(await coldRun(variant.checkout, variant.flags));
}
console.log(`load ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)}, ${runs} runs each, CPU ms at the first answer (medians; totals' range)`);
for (const { checkout, flags, results } of variants) {
  const of = (field: keyof ThreadCpu): number => median(results.map((r) => r[field]));
  const totals = results.map((r) => r.total);
  console.log(
    `${checkout}${flags.length > 0 ? ` ${flags.join(' ')}` : ''}: total ${of('total')} (${Math.min(...totals)}–${Math.max(...totals)}), main thread ${of('main')}, build worker ${of('busiestOther')}, V8's and other threads ${of('rest')}`,
  );
}
