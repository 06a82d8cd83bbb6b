/**
 * npm run bench:responsiveness [-- --corpora mixed,50MB] [--bot FILE] [--label NAME]
 *
 * Does the bot keep Discord waiting while it loads documents? The bot runs as its own process
 * (default dist/main.js, as `npm start` runs it; --bot another checkout's src/main.ts or
 * dist/main.js to compare), connected to the local Discord emulator in this process — an
 * independent clock: a bot whose event loop is blocked cannot hold up the emulator's. With the
 * index cache off, it measures
 *
 * - during the cold start (the gateway's READY → "documents loaded": before READY the bot loads
 *   its modules and connects, and no interaction can reach it; that part is reported apart, as
 *   `startup`), while serving with nothing loading (3 s: the baseline), and during a reload (a file added to the
 *   seeds folder → "documents reloaded"): the bot's main-thread event-loop delay, from
 *   perf_hooks.monitorEventLoopDelay (scripts/event-loop-probe.mjs, preloaded): max ≤ 50 ms; next
 *   to it, the same probe in an idle Node process running alongside (`control`): on a shared
 *   machine, what its load alone does to any event loop;
 * - an /ask sent every 200 ms over both (from the gateway's READY on): interaction → first
 *   callback (the reply, or the deferral): max ≤ 1.5 s.
 *
 * The corpus is copied to a temporary folder first (the reload writes into it). 50MB is the
 * generated corpus (bench-out/corpus-50mb, made by generate-corpus when missing). Results go to
 * bench-out/responsiveness.json. Not a test: numbers depend on the machine and its load.
 *
 * BOT_NODE_ARGS (space-separated) go to the bot's node before its script: e.g.
 * `BOT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/bot"` profiles every thread of the bot (Node does
 * not take --cpu-prof from NODE_OPTIONS).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DiscordEmulator } from '../test/discord/emulator/discordEmulator.ts';
import { chatInputInteraction, testUser } from '../test/discord/emulator/payloads.ts';
import { BENCH_OUT, PROJECT_ROOT, sharedFolder } from './benchmarkSets.ts';

const TOKEN = 'MjAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.benchmarkbenchmarkbenchmark0123';
const SEND_EVERY_MS = 200;
const TARGETS = { eventLoopMaxMs: 50, firstCallbackMaxMs: 1_500 };
const PROBE = join(PROJECT_ROOT, 'scripts', 'event-loop-probe.mjs');
const QUESTIONS = ['大模型需要多少计算资源', '深度学习', 'When was the university founded?', '自然语言处理', '香港', 'GPU', '人工智能的发展', 'population'];

interface LoopDelay {
  samples: number;
  maxMs: number;
  p99MaxMs: number;
}

interface PhaseResult {
  ms: number;
  eventLoop: LoopDelay;
  /** The same, in an idle Node process running alongside: what the machine's load alone causes. */
  control: LoopDelay;
  interactions: { sent: number; answered: number; p50Ms: number; maxMs: number };
}

interface CorpusResult {
  corpus: string;
  bot: string;
  label: string;
  documents: number;
  cold: PhaseResult;
  idle: PhaseResult;
  reload: PhaseResult;
  exitCode: number | null;
  timeline: Record<string, unknown>;
}

const { values } = parseArgs({ options: { corpora: { type: 'string', default: 'mixed,50MB' }, bot: { type: 'string' }, label: { type: 'string' } } });
const bot = resolve(values.bot ?? join(PROJECT_ROOT, 'dist', 'main.js'));
const label = values.label ?? (values.bot === undefined ? 'this checkout (dist/main.js)' : bot);

function corpusFolder(name: string): string {
  if (name === 'mixed') return join(sharedFolder(), 'benchmarks', 'mixed', 'docs');
  const folder = join(BENCH_OUT, `corpus-${name.toLowerCase()}`);
  if (!existsSync(join(folder, 'corpus.json'))) {
    const generated = spawnSync('npm', ['run', '--silent', 'generate-corpus', '--', '--size', name], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    if (generated.status !== 0) throw new Error(`could not generate the ${name} corpus`);
  }
  return folder;
}

/** node flags to run the bot file: a .ts entry needs the tsx loader of its own checkout. */
function botCommand(file: string): string[] {
  if (!file.endsWith('.ts')) return ['--import', PROBE, file];
  const checkout = resolve(file, '..', '..');
  return ['--import', PROBE, '--import', join(checkout, 'node_modules', 'tsx', 'dist', 'loader.mjs'), file];
}

function median(sorted: number[]): number {
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)];
}

const round = (value: number): number => Math.round(value * 10) / 10;

async function runCorpus(name: string): Promise<CorpusResult> {
  const source = corpusFolder(name);
  const seeds = mkdtempSync(join(tmpdir(), 'answer-desk-responsiveness-'));
  cpSync(source, seeds, { recursive: true });
  const emulator = await DiscordEmulator.start({ token: TOKEN });
  const samples: Array<{ at: number; maxMs: number; p99Ms: number }> = [];
  const marks: Record<string, number> = {};
  let documents = 0;
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, [...(process.env.BOT_NODE_ARGS ?? '').split(' ').filter(Boolean), ...botCommand(bot)], {
    cwd: mkdtempSync(join(tmpdir(), 'answer-desk-bot-')),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DISCORD_TOKEN: TOKEN,
      DISCORD_REST_API: emulator.restApi,
      SEEDS_DIR: seeds,
      INDEX_CACHE_DIR: 'off',
      LOG_LEVEL: 'info',
      RELOAD_DEBOUNCE_MS: '200',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let pending = '';
  child.stderr.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('event-loop-delay ')) samples.push(JSON.parse(line.slice('event-loop-delay '.length)) as (typeof samples)[number]);
      else if (line.includes('documents loaded')) {
        marks.loaded = Date.now();
        documents = Number(/documents=(\d+)/.exec(line)?.[1] ?? 0);
      } else if (line.includes('documents reloaded')) marks.reloaded = Date.now();
      else if (/ (WARN|ERROR) /.test(line)) process.stderr.write(`  bot: ${line}\n`);
    }
  });
  const exited = new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));
  const controlSamples: typeof samples = [];
  const control = spawn(process.execPath, ['--import', PROBE, '-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'ignore', 'pipe'] });
  control.stderr.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.startsWith('event-loop-delay ')) controlSamples.push(JSON.parse(line.slice('event-loop-delay '.length)) as (typeof samples)[number]);
    }
  });

  let sequence = 0;
  /** Sends an /ask every 200 ms until `until` says stop; resolves with the first-callback times. */
  const slowest: Array<{ sentS: number; ms: number }> = [];
  async function askWhile(until: () => boolean): Promise<{ sent: number; latencies: number[] }> {
    const waits: Array<Promise<number | undefined>> = [];
    while (!until()) {
      const index = sequence++;
      const user = testUser(String(600000000000000000n + BigInt(index)), `probe${index}`);
      const payload = chatInputInteraction(emulator, { user }, 'ask', [{ name: 'question', type: 3, value: QUESTIONS[index % QUESTIONS.length] }]);
      const sentAt = performance.now();
      const id = emulator.sendInteraction(payload);
      const sentS = round((Date.now() - spawnedAt) / 1000);
      waits.push(
        emulator.callbackOf(id, 120_000).then(
          (callback) => {
            const ms = callback.at - sentAt;
            if (ms > TARGETS.firstCallbackMaxMs) slowest.push({ sentS, ms: round(ms) });
            return ms;
          },
          () => undefined,
        ),
      );
      await new Promise((r) => setTimeout(r, SEND_EVERY_MS));
    }
    const latencies = (await Promise.all(waits)).filter((ms): ms is number => ms !== undefined);
    return { sent: waits.length, latencies };
  }

  function loopDelay(from: number, to: number, all: typeof samples): LoopDelay {
    // A line covers the ~100 ms before it; one due while the loop was blocked arrives after the block.
    const inPhase = all.filter((s) => s.at > from && s.at <= to + 150);
    return {
      samples: inPhase.length,
      maxMs: round(Math.max(0, ...inPhase.map((s) => s.maxMs))),
      p99MaxMs: round(Math.max(0, ...inPhase.map((s) => s.p99Ms))),
    };
  }

  function phase(from: number, to: number, asked: { sent: number; latencies: number[] }): PhaseResult {
    const sorted = [...asked.latencies].sort((a, b) => a - b);
    return {
      ms: to - from,
      eventLoop: loopDelay(from, to, samples),
      control: loopDelay(from, to, controlSamples),
      interactions: { sent: asked.sent, answered: sorted.length, p50Ms: round(median(sorted)), maxMs: round(sorted.at(-1) ?? 0) },
    };
  }

  await emulator.waitForGateway('ready', 300_000);
  marks.ready = Date.now();
  const coldAsked = await askWhile(() => marks.loaded !== undefined);
  // From READY: before it the bot loads its modules and connects, and no interaction can reach it.
  const cold = phase(marks.ready, marks.loaded, coldAsked);
  const startup = loopDelay(spawnedAt, marks.ready, samples);
  await new Promise((r) => setTimeout(r, 1_000));

  // Serving, nothing loading: what the running bot costs its event loop by itself (file watching
  // included), to read the reload's numbers against.
  const idleStarted = Date.now();
  const idleAsked = await askWhile(() => Date.now() - idleStarted >= 3_000);
  const idle = phase(idleStarted, Date.now(), idleAsked);

  const reloadStarted = Date.now();
  writeFileSync(join(seeds, 'zz-reload-probe.md'), '# Reload probe\n\nA file added to make the bot reload.\n');
  const reloadAsked = await askWhile(() => marks.reloaded !== undefined);
  const reload = phase(reloadStarted, marks.reloaded, reloadAsked);

  child.kill('SIGTERM');
  const exitCode = await exited;
  control.kill();
  await emulator.stop();
  rmSync(seeds, { recursive: true, force: true });
  // The long stalls, to say where they fall (seconds from spawn).
  const stalls = samples.filter((s) => s.maxMs > TARGETS.eventLoopMaxMs).map((s) => ({ atS: round((s.at - spawnedAt) / 1000), maxMs: round(s.maxMs) }));
  const timeline = { startup, readyS: round((marks.ready - spawnedAt) / 1000), loadedS: round((marks.loaded - spawnedAt) / 1000), reloadS: round((reloadStarted - spawnedAt) / 1000), reloadedS: round((marks.reloaded - spawnedAt) / 1000), stalls };
  return { corpus: name, bot, label, documents, cold, idle, reload, exitCode, timeline: { ...timeline, slowCallbacks: slowest } };
}

const results: CorpusResult[] = [];
for (const name of values.corpora.split(',').map((c) => c.trim()).filter(Boolean)) {
  process.stderr.write(`${name}: running ${label}…\n`);
  results.push(await runCorpus(name));
}

mkdirSync(BENCH_OUT, { recursive: true });
const file = join(BENCH_OUT, 'responsiveness.json');
const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CorpusResult[]) : [];
const kept = previous.filter((row) => !results.some((r) => r.corpus === row.corpus && r.label === row.label));
writeFileSync(file, `${JSON.stringify([...kept, ...results], null, 2)}\n`);

console.log(`bot: ${label}`);
console.log('corpus  docs    phase    s      loop max ms  control max ms  asks (answered)  first callback p50 / max ms');
let met = true;
for (const r of results) {
  for (const [phaseName, p] of [['cold', r.cold], ['idle', r.idle], ['reload', r.reload]] as const) {
    met &&= p.eventLoop.maxMs <= TARGETS.eventLoopMaxMs && p.interactions.maxMs <= TARGETS.firstCallbackMaxMs && p.interactions.answered === p.interactions.sent;
    console.log(
      `${r.corpus.padEnd(7)} ${String(r.documents).padStart(6)}  ${phaseName.padEnd(7)} ${(p.ms / 1000).toFixed(1).padStart(5)} ${p.eventLoop.maxMs.toFixed(0).padStart(12)} ${p.control.maxMs.toFixed(0).padStart(15)} ${`${p.interactions.sent} (${p.interactions.answered})`.padStart(16)}  ${p.interactions.p50Ms.toFixed(0)} / ${p.interactions.maxMs.toFixed(0)}`,
    );
  }
  console.log(`${r.corpus.padEnd(7)} exit code after SIGTERM: ${r.exitCode}`);
}
console.log(met ? `within the targets (loop ≤ ${TARGETS.eventLoopMaxMs} ms, first callback ≤ ${TARGETS.firstCallbackMaxMs} ms)` : 'over a target');
