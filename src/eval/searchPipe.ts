/**
 * Runs questions through the `search --jsonl` contract exactly as other tools use it: a child
 * process reading one query per stdin line and writing one JSON line per answer. Measuring through
 * the pipe (not by calling the desk in-process) means the numbers include start-up, index build,
 * JSON and I/O, and cannot drift from what the bot and outside tools get.
 *
 * The child runs what `npm run cli` runs (read from package.json, so the two cannot drift), started
 * directly in the project folder: the same program without npm's own start-up (~0.2 s), which is
 * no part of what the search costs.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSearchAnswerLine, SearchContractError, type SearchAnswerLine } from './scoreAnswers.ts';

/** How often peak memory is sampled while waiting; /proc's high-water mark makes this a fallback only. */
const MEMORY_POLL_MS = 200;
/** How much of the child's stderr is kept to explain a failure. */
const STDERR_TAIL_CHARS = 4000;

export interface SearchCommandLine {
  command: string;
  args: string[];
  cwd: string;
}

/** The folder of the package.json above this module (also when this module runs from a bundle). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * The command line of the project's CLI: `node FILE` and `tsx FILE` scripts run on this Node
 * directly; anything else goes through npm (then peak memory is npm's, not the search's).
 */
export function cliCommandLine(): SearchCommandLine {
  const cwd = projectRoot();
  const scripts = (JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  const script = (scripts.cli ?? '').trim();
  const node = /^node\s+(\S+)$/.exec(script);
  if (node) return { command: process.execPath, args: [node[1]], cwd };
  const tsx = /^tsx\s+(\S+)$/.exec(script);
  if (tsx) return { command: process.execPath, args: ['--import', 'tsx', tsx[1]], cwd };
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: ['run', '--silent', 'cli', '--'], cwd };
}

export function searchCommandLine(docsDir: string, top: number): SearchCommandLine {
  const cli = cliCommandLine();
  return { ...cli, args: [...cli.args, 'search', '--jsonl', '--top', String(top), '--seeds', resolve(docsDir)] };
}

/**
 * Runs the CLI's help once, so that what a first start does once (a launcher building its bundle,
 * the OS reading files into its cache) is not counted as the search's start-up.
 */
export async function warmUpCli(): Promise<void> {
  const { command, args, cwd } = cliCommandLine();
  await new Promise<void>((resolvePromise) => {
    execFile(command, [...args, 'help'], { cwd }, () => resolvePromise());
  });
}

export interface SearchPipeOptions {
  docsDir: string;
  /** One query per line; they must not contain line breaks. */
  queries: readonly string[];
  top: number;
  /** Receives the child's stderr (load problems, logs) as it comes. */
  onStderr?: (text: string) => void;
  /** Gives up (and kills the child) after this long; no limit when absent. */
  timeoutMs?: number;
  /** Run the CLI's help first (see warmUpCli); default true. */
  warmUp?: boolean;
  /** More options for `search` (such as --no-cache). */
  searchOptions?: readonly string[];
  /** Environment variables to set for the child (such as INDEX_CACHE_DIR). */
  env?: Readonly<Record<string, string>>;
}

export type PeakMemorySource = 'VmHWM' | 'ps rss samples';

export interface SearchPipeRun {
  answers: SearchAnswerLine[];
  /** For each answer, milliseconds from spawn until its line arrived. */
  arrivalMs: number[];
  /** Spawn → first answer line: process start, load, clean, index and the first search. */
  firstAnswerMs: number;
  /** Spawn → last answer line. */
  lastAnswerMs: number;
  /** Peak resident memory of the child in bytes; null where it could not be measured. */
  peakMemoryBytes: number | null;
  peakMemorySource: PeakMemorySource | null;
}

export async function runSearchPipe(options: SearchPipeOptions): Promise<SearchPipeRun> {
  const { queries } = options;
  if (queries.length === 0) throw new Error('runSearchPipe needs at least one query');
  const badQuery = queries.findIndex((q) => /[\r\n]/.test(q));
  if (badQuery >= 0) throw new Error(`query ${badQuery + 1} contains a line break; replace it before sending`);

  if (options.warmUp !== false) await warmUpCli();
  const { command, args, cwd } = searchCommandLine(options.docsDir, options.top);
  const startedAt = performance.now();
  const child = spawn(command, [...args, ...(options.searchOptions ?? [])], {
    cwd,
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const memory = new PeakMemoryWatch(child.pid);
  const answers: SearchAnswerLine[] = [];
  const arrivalMs: number[] = [];
  let stderrTail = '';
  let pending = '';

  return new Promise<SearchPipeRun>((resolvePromise, rejectPromise) => {
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      memory.stop();
      child.kill();
      rejectPromise(error);
    };

    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => fail(new Error(`the search command gave ${answers.length} of ${queries.length} answers in ${options.timeoutMs} ms; stopped`)), options.timeoutMs);
    child.on('error', (error) => fail(new Error(`could not start the search command (${error.message})`)));
    // The child may exit before reading everything (it found nothing to serve): that is reported on exit.
    child.stdin.on('error', () => undefined);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderrTail = (stderrTail + text).slice(-STDERR_TAIL_CHARS);
      options.onStderr?.(text);
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      const now = performance.now() - startedAt;
      pending += text;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.trim() === '') continue;
        try {
          answers.push(parseSearchAnswerLine(line));
        } catch (error) {
          fail(error as Error);
          return;
        }
        arrivalMs.push(now);
        if (answers.length === queries.length) {
          // Sample before closing stdin: the child is still alive, and its high-water mark is final.
          memory.sample();
          child.stdin.end();
        } else if (answers.length > queries.length) {
          fail(new SearchContractError(`search wrote more answers than the ${queries.length} queries sent`));
          return;
        }
      }
    });
    child.on('close', (code, signal) => {
      memory.stop();
      if (settled) return;
      if (answers.length < queries.length) {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        fail(new Error(`the search command ${how} after ${answers.length} of ${queries.length} answers${stderrTail ? `:\n${stderrTail.trim()}` : ''}`));
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolvePromise({
        answers,
        arrivalMs,
        firstAnswerMs: arrivalMs[0],
        lastAnswerMs: arrivalMs[arrivalMs.length - 1],
        peakMemoryBytes: memory.peakBytes,
        peakMemorySource: memory.source,
      });
    });

    child.stdin.write(`${queries.join('\n')}\n`);
  });
}

/**
 * Peak resident memory of a child process. On Linux, /proc/<pid>/status VmHWM is the kernel's own
 * high-water mark, so one sample while the child is still alive is exact. Elsewhere, `ps` is
 * sampled every 200 ms, which can miss a short spike: the source says which one was used.
 */
class PeakMemoryWatch {
  peakBytes: number | null = null;
  source: PeakMemorySource | null = null;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly useProc: boolean;

  constructor(private readonly pid: number | undefined) {
    this.useProc = pid !== undefined && readHighWaterMark(pid) !== null;
    if (pid === undefined) return;
    this.timer = setInterval(() => this.sample(), MEMORY_POLL_MS);
    this.timer.unref();
  }

  sample(): void {
    if (this.pid === undefined) return;
    if (this.useProc) {
      const bytes = readHighWaterMark(this.pid);
      if (bytes !== null) this.record(bytes, 'VmHWM');
      return;
    }
    execFile('ps', ['-o', 'rss=', '-p', String(this.pid)], (error, stdout) => {
      const kilobytes = Number(stdout.trim());
      if (!error && Number.isFinite(kilobytes) && kilobytes > 0) this.record(kilobytes * 1024, 'ps rss samples');
    });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private record(bytes: number, source: PeakMemorySource): void {
    if (this.peakBytes === null || bytes > this.peakBytes) this.peakBytes = bytes;
    this.source = source;
  }
}

function readHighWaterMark(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
