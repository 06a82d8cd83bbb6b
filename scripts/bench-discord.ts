/**
 * npm run bench:discord — interaction → first callback latency through the local Discord emulator
 * (the real discord.js client, the real desk over SEEDS_DIR or seeds/), for /ask and for /ask
 * autocomplete. Interactions are sent one at a time; the clock runs from the dispatch leaving the
 * emulator's gateway to the callback arriving at its REST API. Target: p99 ≤ 50 ms.
 * Not a test: numbers depend on the machine.
 */
import { resolve } from 'node:path';
import { openAnswerDesk } from '../src/desk/answerDesk.ts';
import { readInProcess } from '../src/reply/deskReader.ts';
import { startBot } from '../src/discord/bot.ts';
import { LiveDesk } from '../src/live/liveDesk.ts';
import { loadCommands } from '../src/discord/loadCommands.ts';
import { createLogger } from '../src/logging/log.ts';
import { MemoryStateStore } from '../src/state/memoryStateStore.ts';
import { DiscordEmulator } from '../test/discord/emulator/discordEmulator.ts';
import { autocompleteInteraction, chatInputInteraction, testUser } from '../test/discord/emulator/payloads.ts';
import { benchQuestions } from './interactionBench.ts';
import { printLatencyTable, summarize } from './latencySummary.ts';

const TOKEN = 'MjAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.benchmarkbenchmarkbenchmark0123';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const WARMUP = 30;
const TARGET_P99_MS = 50;

const seedsDir = resolve(process.env.SEEDS_DIR ?? 'seeds');
const log = createLogger({ level: 'silent' });
const live = new LiveDesk({ seedsDir, open: async (dir) => readInProcess(await openAnswerDesk({ seedsDir: dir })), log, version: 'bench', debounceMs: 500 });
const desk = await live.start();
const emulator = await DiscordEmulator.start({ token: TOKEN });
const running = await startBot({ token: TOKEN, desk: live, commands: await loadCommands(), log, cooldown: { uses: 1, windowMs: 0 }, restApi: emulator.restApi, state: new MemoryStateStore() });

const questions = await benchQuestions(desk);
const prefixes = questions.map((question) => [...question].slice(0, 1 + (question.length % 4)).join(''));

async function measure(kind: 'ask' | 'autocomplete', index: number): Promise<number> {
  const user = testUser(String(500000000000000000n + BigInt(index)), `user${index}`);
  const payload =
    kind === 'ask'
      ? chatInputInteraction(emulator, { user }, 'ask', [{ name: 'question', type: 3, value: questions[index % questions.length] }])
      : autocompleteInteraction(emulator, { user }, 'ask', [{ name: 'question', type: 3, value: prefixes[index % prefixes.length], focused: true }]);
  const sentAt = performance.now();
  const id = emulator.sendInteraction(payload);
  const callback = await emulator.callbackOf(id);
  return callback.at - sentAt;
}

const results = [];
for (const kind of ['ask', 'autocomplete'] as const) {
  for (let i = 0; i < WARMUP; i++) await measure(kind, i);
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) samples.push(await measure(kind, i));
  results.push(summarize(kind === 'ask' ? '/ask' : '/ask autocomplete', samples));
}

await running.stop();
await emulator.stop();
await live.close();

console.log(`interaction → first callback, ${ROUNDS} rounds each after ${WARMUP} warm-up, ${(await desk.stats()).documents} documents (${seedsDir})`);
printLatencyTable(results);
const worst = Math.max(...results.map((row) => row.p99));
console.log(worst <= TARGET_P99_MS ? `p99 within the ${TARGET_P99_MS} ms target` : `p99 over the ${TARGET_P99_MS} ms target`);
if (violationsOrUnknown()) process.exitCode = 1;

function violationsOrUnknown(): boolean {
  if (emulator.violations.length === 0 && emulator.unexpected.length === 0) return false;
  console.error(`emulator saw ${emulator.violations.length} limit violations and ${emulator.unexpected.length} unknown requests`);
  return true;
}
