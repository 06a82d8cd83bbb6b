/**
 * `npm run bench:hostile -- [--cases identical-lines,one-line-50mb,...] [--timeout-s 120] [--checkout DIR]`:
 * how long pathological documents take to load, clean and index, to answer a question on, and to
 * report on. Each case is generated into a temporary folder and measured in a fresh process
 * (stopped after --timeout-s), which reports, in order:
 *
 * - open: load + clean + index + write the index cache (openAnswerDesk with a cache folder), wall
 *   and CPU time (every thread of the process);
 * - cache: the size of the snapshot written, and the passages kept, the longest in code points;
 * - reopen: openAnswerDesk again, from that snapshot (what a restart does);
 * - prepare: prepareSearch (what a desk in a worker does before it says it is ready);
 * - query: the case's question, once, then the median of five more, and the answer's JSON size;
 * - text report: formatReports + formatRemovals (what `report` prints);
 * - json report: JSON.stringify of the reports (what `report --json` prints).
 *
 * --checkout measures another checkout's code (its src/, e.g. /work/main) with these same cases.
 * Documents up to 64 MB are read (the desk's default limit is 20 MB: see `loading`).
 * A process stopped by the timeout shows which step it was in. Results are printed as a markdown
 * table for docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const MB = 1024 * 1024;
/**
 * The desk refuses a document over MAX_DOCUMENT_BYTES (20 MB by default) before reading it; the
 * cases of 50 MB measure a desk whose limit was raised, so that their cleaning is what is measured.
 */
const loading = { maxDocumentBytes: 64 * MB };

/** A hostile document: its file name, how to write it, and a question that finds it. */
interface HostileCase {
  name: string;
  description: string;
  query: string;
  write: (file: string) => void;
}

/** Repeats text until it reaches bytes (UTF-8), without building it in one huge concatenation loop. */
function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
}

/** count lines made by line(i), joined by "\n", written at once. */
function linesOf(count: number, line: (i: number) => string): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(line(i));
  return `${lines.join('\n')}\n`;
}

const CASES: HostileCase[] = [
  {
    name: 'identical-lines',
    description: '100,000 identical lines',
    query: '完全相同的文字',
    write: (file) => writeFileSync(file, '这是一行完全相同的文字，用来测试清理的速度。\n'.repeat(100_000)),
  },
  {
    name: 'identical-paragraphs',
    description: '100,000 identical paragraphs (blank line between)',
    query: 'same paragraph word for word',
    write: (file) => writeFileSync(file, 'The same paragraph again, word for word, as a broken export might write it.\n\n'.repeat(100_000)),
  },
  {
    name: 'distinct-lines-shared-prefix',
    description: '100,000 distinct lines sharing their first and last words',
    query: '记录编号的前缀',
    write: (file) =>
      writeFileSync(file, linesOf(100_000, (i) => `记录编号开始的同一前缀 item ${i.toString(36)} ${((i * 7919) % 100_003).toString(36)} 同一个结尾的文字。`)),
  },
  {
    name: 'one-line-50mb',
    description: 'a 50 MB file on one line (a sentence repeated)',
    query: '深度学习',
    write: (file) => writeFileSync(file, repeatTo('深度学习是机器学习的一个分支，它使用多层神经网络。Deep learning uses layered networks. ', 50 * MB)),
  },
  {
    name: 'one-line-50mb-no-stops',
    description: 'a 50 MB file on one line with no sentence ending',
    query: 'lorem ipsum 深度学习',
    write: (file) => writeFileSync(file, repeatTo('lorem ipsum dolor sit amet 深度学习 ', 50 * MB)),
  },
  {
    name: 'one-line-10mb-chinese-no-marks',
    description: '10 MB of Chinese on one line, no punctuation, no space',
    query: '深度学习的分支',
    write: (file) => writeFileSync(file, repeatTo('深度学习是机器学习的一个分支它使用多层神经网络学习数据的表示', 10 * MB)),
  },
  {
    name: 'one-line-10mb-letters-marks',
    description: '10 MB on one line of accented letters, combining marks and emoji, no space',
    query: 'éàü',
    // No unit here stands alone: every cut asks Intl.Segmenter where the clusters are.
    write: (file) => writeFileSync(file, repeatTo('éàüq\u0323\u0301👍🏽ñ', 10 * MB)),
  },
  {
    name: 'qa-10mb-answer',
    description: 'a Q/A pair whose answer is 10 MB of clauses, no sentence ending',
    query: '什么是深度学习',
    write: (file) => writeFileSync(file, `Q1：什么是深度学习？\nA1：${repeatTo('深度学习使用多层神经网络，', 10 * MB)}\n`),
  },
  {
    name: 'code-block-10mb',
    description: 'a 10 MB code block (250,000 lines)',
    query: 'compute value',
    write: (file) => writeFileSync(file, `\`\`\`\n${linesOf(250_000, (i) => `const value_${i.toString(36)} = compute(${i}, "深度学习");`)}\`\`\`\n`),
  },
  {
    name: 'code-line-10mb',
    description: 'a code block of one 10 MB line',
    query: 'token value',
    write: (file) => writeFileSync(file, `\`\`\`\n${repeatTo('token_value + other_value * ', 10 * MB)}\n\`\`\`\n`),
  },
  {
    name: 'tiny-sentences',
    description: 'one line of 1,000,000 two-character sentences',
    query: '是',
    write: (file) => writeFileSync(file, `${'是。'.repeat(1_000_000)}\n`),
  },
  {
    name: 'heading-1mb',
    description: 'a 1 MB heading over 1,000 short paragraphs',
    query: '深度学习',
    write: (file) =>
      writeFileSync(file, `# ${repeatTo('很长的标题', MB)}\n\n${linesOf(1_000, (i) => `第 ${i.toString(36)} 段讲深度学习的一个方面。\n`)}`),
  },
  {
    name: 'many-headings',
    description: '100,000 headings (levels 1–6 in turn), a paragraph each',
    query: '深度学习',
    write: (file) =>
      writeFileSync(
        file,
        linesOf(100_000, (i) => `${'#'.repeat((i % 6) + 1)} 章节 ${i.toString(36)}\n\n${i.toString(36)} 号章节讲深度学习的 ${(i * 7919).toString(36)} 方面。\n`),
      ),
  },
];

interface ChildReport {
  step: string;
  ms?: number;
  cpuMs?: number;
  bytes?: number;
  passages?: number;
  longest?: number;
  removals?: number;
  firstMs?: number;
}

/** Median of a few numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** CPU time of every thread of this process, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** In the measuring process: every step's time, one JSON line each, as soon as it is done. */
async function measure(seedsDir: string, cacheDir: string, checkout: string, query: string): Promise<void> {
  const source = (path: string): string => pathToFileURL(join(checkout, 'src', path)).href;
  const { openAnswerDesk } = (await import(source('desk/answerDesk.ts'))) as typeof import('../src/desk/answerDesk.ts');
  const { formatRemovals, formatReports } = (await import(source('cli/terminalText.ts'))) as typeof import('../src/cli/terminalText.ts');
  const { cleanDocument } = (await import(source('corpus/cleanDocument.ts'))) as typeof import('../src/corpus/cleanDocument.ts');
  const say = (report: ChildReport): void => void process.stdout.write(`${JSON.stringify(report)}\n`);
  say({ step: 'open' });
  let started = performance.now();
  let cpuStarted = cpuMs();
  const desk = await openAnswerDesk({ seedsDir, cacheDir, loading });
  const reports = desk.reports();
  say({
    step: 'opened',
    ms: performance.now() - started,
    cpuMs: cpuMs() - cpuStarted,
    passages: desk.stats().passages,
    removals: reports.reduce((n, r) => n + Object.values(r.paragraphsDropped).reduce((a, b) => a + b, 0) + Object.values(r.sentencesDropped).reduce((a, b) => a + b, 0), 0),
  });
  say({ step: 'cache', bytes: folderBytes(cacheDir) });
  say({ step: 'reopen' });
  started = performance.now();
  const reopened = await openAnswerDesk({ seedsDir, cacheDir, loading });
  say({ step: 'reopened', ms: performance.now() - started });
  say({ step: 'prepare' });
  started = performance.now();
  reopened.prepareSearch();
  say({ step: 'prepared', ms: performance.now() - started });
  say({ step: 'query' });
  started = performance.now();
  reopened.search(query);
  const firstMs = performance.now() - started;
  const times: number[] = [];
  let answerBytes = 0;
  for (let i = 0; i < 5; i++) {
    started = performance.now();
    const answer = reopened.search(query);
    times.push(performance.now() - started);
    answerBytes = JSON.stringify(answer).length;
  }
  say({ step: 'query done', firstMs, ms: median(times), bytes: answerBytes });
  say({ step: 'text report' });
  started = performance.now();
  const text = formatReports(reports) + formatRemovals(reports);
  say({ step: 'text report done', ms: performance.now() - started, bytes: text.length });
  say({ step: 'json report' });
  started = performance.now();
  const json = JSON.stringify(reports);
  say({ step: 'json report done', ms: performance.now() - started, bytes: json.length });
  say({ step: 'clean' });
  const [file] = readdirSync(seedsDir);
  const raw = readFileSync(join(seedsDir, file), 'utf8');
  started = performance.now();
  cpuStarted = cpuMs();
  const cleaned = cleanDocument({ path: file, text: raw });
  say({
    step: 'clean done',
    ms: performance.now() - started,
    cpuMs: cpuMs() - cpuStarted,
    passages: cleaned.passages.length,
    longest: cleaned.passages.reduce((longest, p) => Math.max(longest, [...p.text].length), 0),
  });
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
  openCpuMs?: number;
  passages?: number;
  cacheBytes?: number;
  reopenMs?: number;
  prepareMs?: number;
  firstQueryMs?: number;
  queryMs?: number;
  answerBytes?: number;
  textReportMs?: number;
  jsonReportMs?: number;
  removals?: number;
  cleanMs?: number;
  cleanCpuMs?: number;
  longestPassage?: number;
  stoppedIn?: string;
}

function runCase(hostile: HostileCase, root: string, timeoutMs: number, checkout: string): Promise<CaseResult> {
  const seedsDir = join(root, hostile.name, 'seeds');
  const cacheDir = join(root, hostile.name, 'cache');
  mkdirSync(seedsDir, { recursive: true });
  const file = join(seedsDir, `${hostile.name}.md`);
  hostile.write(file);
  const result: CaseResult = { name: hostile.name, description: hostile.description, fileBytes: statSync(file).size };
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', seedsDir, '--cache', cacheDir, '--checkout', checkout, '--query', hostile.query],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
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
        if (report.step === 'opened') Object.assign(result, { openMs: report.ms, openCpuMs: report.cpuMs, passages: report.passages, removals: report.removals });
        if (report.step === 'cache') result.cacheBytes = report.bytes;
        if (report.step === 'reopened') result.reopenMs = report.ms;
        if (report.step === 'prepared') result.prepareMs = report.ms;
        if (report.step === 'query done') Object.assign(result, { firstQueryMs: report.firstMs, queryMs: report.ms, answerBytes: report.bytes });
        if (report.step === 'text report done') result.textReportMs = report.ms;
        if (report.step === 'json report done') result.jsonReportMs = report.ms;
        if (report.step === 'clean done') Object.assign(result, { cleanMs: report.ms, cleanCpuMs: report.cpuMs, longestPassage: report.longest });
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

function duration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function size(bytes: number | undefined): string {
  if (bytes === undefined) return '—';
  return bytes < MB ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / MB).toFixed(1)} MB`;
}

function table(results: readonly CaseResult[], timeoutS: number): string {
  const rows = results.map((r) => {
    const cell = (text: string, step: string): string => (text === '—' && r.stoppedIn?.startsWith(step) ? `> ${timeoutS} s (stopped)` : text);
    return `| ${r.description} | ${(r.fileBytes / MB).toFixed(1)} MB | ${r.removals ?? '—'} | ${r.passages ?? '—'} | ${r.longestPassage ?? '—'} | ${cell(
      `${duration(r.openMs)} (CPU ${duration(r.openCpuMs)})`.replace('— (CPU —)', '—'),
      'open',
    )} | ${cell(duration(r.cleanMs), 'clean')} | ${size(r.cacheBytes)} | ${cell(duration(r.reopenMs), 'reopen')} | ${cell(duration(r.prepareMs), 'prepare')} | ${cell(
      r.queryMs === undefined ? '—' : `${duration(r.firstQueryMs)} / ${duration(r.queryMs)}`,
      'query',
    )} | ${size(r.answerBytes)} | ${cell(duration(r.textReportMs), 'text report')} | ${cell(duration(r.jsonReportMs), 'json report')} |`;
  });
  return [
    '| document | size | removals | passages | longest passage | open: load + clean + index + cache write | clean alone | cache on disk | reopen from cache | prepareSearch | query first / median | answer JSON | `report` | `report --json` |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      cache: { type: 'string' },
      query: { type: 'string' },
      checkout: { type: 'string', default: fileURLToPath(new URL('..', import.meta.url)) },
      cases: { type: 'string' },
      'timeout-s': { type: 'string', default: '120' },
    },
  });
  if (values.child !== undefined) {
    await measure(values.child, values.cache!, values.checkout, values.query!);
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
      const result = await runCase(hostile, root, timeoutS * 1000, values.checkout);
      process.stderr.write(`${JSON.stringify(result)}\n`);
      results.push(result);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  process.stdout.write(`${table(results, timeoutS)}\n`);
}

await main();
