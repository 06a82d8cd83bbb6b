/**
 * `npm run bench:hostile -- [--cases identical-lines,one-line-50mb,...] [--timeout-s 120]`: how long
 * pathological documents take to load, clean and index, and to report on. Each case is generated
 * into a temporary folder and measured in a fresh process (stopped after --timeout-s), which
 * reports, in order:
 *
 * - open: load + clean + index + write the index cache (openAnswerDesk with a cache folder);
 * - cache: the size of the snapshot written;
 * - text report: formatReports + formatRemovals (what `report` prints);
 * - json report: JSON.stringify of the reports (what `report --json` prints).
 *
 * A process stopped by the timeout shows which step it was in. Results are printed as a markdown
 * table for docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatRemovals, formatReports } from '../src/cli/terminalText.ts';
import { openAnswerDesk } from '../src/desk/answerDesk.ts';

const MB = 1024 * 1024;

/** A hostile document: its file name and how to write it. */
interface HostileCase {
  name: string;
  description: string;
  write: (file: string) => void;
}

/** Repeats text until it reaches bytes (UTF-8), without building it in one huge concatenation loop. */
function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
}

const CASES: HostileCase[] = [
  {
    name: 'identical-lines',
    description: '100,000 identical lines',
    write: (file) => writeFileSync(file, '这是一行完全相同的文字，用来测试清理的速度。\n'.repeat(100_000)),
  },
  {
    name: 'identical-paragraphs',
    description: '100,000 identical paragraphs (blank line between)',
    write: (file) => writeFileSync(file, 'The same paragraph again, word for word, as a broken export might write it.\n\n'.repeat(100_000)),
  },
  {
    name: 'distinct-lines-shared-prefix',
    description: '100,000 distinct lines sharing their first and last words',
    write: (file) => {
      const lines: string[] = [];
      for (let i = 0; i < 100_000; i++) lines.push(`记录编号开始的同一前缀 item ${i.toString(36)} ${((i * 7919) % 100_003).toString(36)} 同一个结尾的文字。`);
      writeFileSync(file, `${lines.join('\n')}\n`);
    },
  },
  {
    name: 'one-line-50mb',
    description: 'a 50 MB file on one line (a sentence repeated)',
    write: (file) => writeFileSync(file, repeatTo('深度学习是机器学习的一个分支，它使用多层神经网络。Deep learning uses layered networks. ', 50 * MB)),
  },
  {
    name: 'one-line-50mb-no-stops',
    description: 'a 50 MB file on one line with no sentence ending',
    write: (file) => writeFileSync(file, repeatTo('lorem ipsum dolor sit amet 深度学习 ', 50 * MB)),
  },
];

interface ChildReport {
  step: string;
  ms?: number;
  bytes?: number;
  passages?: number;
  removals?: number;
}

/** In the measuring process: every step's time, one JSON line each, as soon as it is done. */
async function measure(seedsDir: string, cacheDir: string): Promise<void> {
  const say = (report: ChildReport): void => void process.stdout.write(`${JSON.stringify(report)}\n`);
  say({ step: 'open' });
  let started = performance.now();
  const desk = await openAnswerDesk({ seedsDir, cacheDir });
  const reports = desk.reports();
  say({
    step: 'opened',
    ms: performance.now() - started,
    passages: reports.reduce((n, r) => n + r.paragraphsKept, 0),
    removals: reports.reduce((n, r) => n + Object.values(r.paragraphsDropped).reduce((a, b) => a + b, 0) + Object.values(r.sentencesDropped).reduce((a, b) => a + b, 0), 0),
  });
  say({ step: 'cache', bytes: folderBytes(cacheDir) });
  say({ step: 'text report' });
  started = performance.now();
  const text = formatReports(reports) + formatRemovals(reports);
  say({ step: 'text report done', ms: performance.now() - started, bytes: text.length });
  say({ step: 'json report' });
  started = performance.now();
  const json = JSON.stringify(reports);
  say({ step: 'json report done', ms: performance.now() - started, bytes: json.length });
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

interface CaseResult {
  name: string;
  description: string;
  fileBytes: number;
  openMs?: number;
  cacheBytes?: number;
  textReportMs?: number;
  jsonReportMs?: number;
  removals?: number;
  stoppedIn?: string;
}

function runCase(hostile: HostileCase, root: string, timeoutMs: number): Promise<CaseResult> {
  const seedsDir = join(root, hostile.name, 'seeds');
  const cacheDir = join(root, hostile.name, 'cache');
  mkdirSync(seedsDir, { recursive: true });
  const file = join(seedsDir, `${hostile.name}.txt`);
  hostile.write(file);
  const result: CaseResult = { name: hostile.name, description: hostile.description, fileBytes: statSync(file).size };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', seedsDir, '--cache', cacheDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    let step = 'start';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const report = JSON.parse(buffered.slice(0, newline)) as ChildReport;
        buffered = buffered.slice(newline + 1);
        step = report.step;
        if (report.step === 'opened') Object.assign(result, { openMs: report.ms, removals: report.removals });
        if (report.step === 'cache') result.cacheBytes = report.bytes;
        if (report.step === 'text report done') result.textReportMs = report.ms;
        if (report.step === 'json report done') result.jsonReportMs = report.ms;
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== null || code !== 0) result.stoppedIn = `${step} (${signal ?? `exit ${code}`})`;
      rmSync(join(root, hostile.name), { recursive: true, force: true });
      resolve(result);
    });
  });
}

function seconds(ms: number | undefined, stopped: boolean): string {
  if (ms === undefined) return stopped ? '—' : '';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function table(results: readonly CaseResult[], timeoutS: number): string {
  const rows = results.map((r) => {
    const stopped = r.stoppedIn !== undefined;
    const cell = (ms: number | undefined, step: string): string =>
      ms === undefined && stopped && r.stoppedIn!.startsWith(step) ? `> ${timeoutS} s (stopped)` : seconds(ms, stopped);
    return `| ${r.description} | ${(r.fileBytes / MB).toFixed(1)} MB | ${r.removals ?? '—'} | ${cell(r.openMs, 'open')} | ${
      r.cacheBytes === undefined ? '—' : r.cacheBytes < MB ? `${(r.cacheBytes / 1024).toFixed(1)} kB` : `${(r.cacheBytes / MB).toFixed(1)} MB`
    } | ${cell(r.textReportMs, 'text report')} | ${cell(r.jsonReportMs, 'json report')} |`;
  });
  return [
    '| document | size | removals | load + clean + index + cache write | cache on disk | `report` (text) | `report --json` |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      cache: { type: 'string' },
      cases: { type: 'string' },
      'timeout-s': { type: 'string', default: '120' },
    },
  });
  if (values.child !== undefined) {
    await measure(values.child, values.cache!);
    return;
  }
  const wanted = values.cases?.split(',');
  const cases = wanted === undefined ? CASES : CASES.filter((c) => wanted.includes(c.name));
  if (cases.length === 0) throw new Error(`no such case; cases: ${CASES.map((c) => c.name).join(', ')}`);
  const timeoutS = Number(values['timeout-s']);
  const root = mkdtempSync(join(tmpdir(), 'answer-desk-hostile-'));
  const results: CaseResult[] = [];
  try {
    for (const hostile of cases) {
      process.stderr.write(`${hostile.name}…\n`);
      const result = await runCase(hostile, root, timeoutS * 1000);
      process.stderr.write(`${JSON.stringify(result)}\n`);
      results.push(result);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  process.stdout.write(`${table(results, timeoutS)}\n`);
}

await main();
