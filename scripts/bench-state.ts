/**
 * npm run bench:state — what the component state store costs a user: interaction → first callback
 * through the local Discord emulator with the state in memory (one process), in a STATE_DIR
 * folder and in Redis (a redis-server started here on 127.0.0.1, when installed). /ask parks the
 * buttons' state (a write); pressing More reads it and parks the next page's (a read and a write);
 * the cooldown is on (a counter increment each). Not a test: numbers depend on the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openAnswerDesk } from '../src/desk/answerDesk.ts';
import { readInProcess } from '../src/reply/deskReader.ts';
import { startBot } from '../src/discord/bot.ts';
import { LiveDesk } from '../src/live/liveDesk.ts';
import { loadCommands } from '../src/discord/loadCommands.ts';
import { createLogger } from '../src/logging/log.ts';
import type { ComponentStateStore } from '../src/state/componentStateStore.ts';
import { DiskStateStore } from '../src/state/diskStateStore.ts';
import { MemoryStateStore } from '../src/state/memoryStateStore.ts';
import { RedisStateStore } from '../src/state/redisStateStore.ts';
import { DiscordEmulator } from '../test/discord/emulator/discordEmulator.ts';
import { buttonInteraction, chatInputInteraction, testUser } from '../test/discord/emulator/payloads.ts';
import { redisInstalled, startRedis } from '../test/state/redisServer.ts';
import { printLatencyTable, summarize, type LatencySummary } from './latencySummary.ts';

const TOKEN = 'MjAwMDAwMDAwMDAwMDAwMDAx.GaBcDe.benchmarkbenchmarkbenchmark0123';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = 20;

const seedsDir = resolve(process.env.SEEDS_DIR ?? 'seeds');
const log = createLogger({ level: 'silent' });
const live = new LiveDesk({ seedsDir, open: async (dir) => readInProcess(await openAnswerDesk({ seedsDir: dir })), log, version: 'bench', debounceMs: 500 });
await live.start();
const emulator = await DiscordEmulator.start({ token: TOKEN });
const questions = ['大模型', '深度学习', '计算资源', '自然语言处理', '云服务', '模型训练', 'GPU', '数据集', '神经网络'];

function moreButtonOf(interactionId: string): string | undefined {
  const rows = (emulator.originalOf(interactionId)?.components ?? []) as Array<{ components: Array<{ label?: string; custom_id?: string }> }>;
  return rows.flatMap((row) => row.components).find((component) => component.label === 'More')?.custom_id;
}

async function measureBackend(name: string, state: ComponentStateStore): Promise<LatencySummary[]> {
  const running = await startBot({ token: TOKEN, desk: live, commands: await loadCommands(), log, cooldown: { uses: 1_000_000, windowMs: 60_000 }, restApi: emulator.restApi, state });
  const ask: number[] = [];
  const press: number[] = [];
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    const user = testUser(String(500000000000000000n + BigInt(i)), `user${i}`);
    let sentAt = performance.now();
    const asked = emulator.sendInteraction(chatInputInteraction(emulator, { user }, 'ask', [{ name: 'question', type: 3, value: questions[i % questions.length] }]));
    const answer = await emulator.callbackOf(asked);
    const more = moreButtonOf(asked);
    const message = emulator.originalOf(asked);
    if (i >= WARMUP) ask.push(answer.at - sentAt);
    // A question with three results or fewer has no More button: nothing to press.
    if (more === undefined || message === undefined) continue;
    sentAt = performance.now();
    const pressed = emulator.sendInteraction(buttonInteraction(emulator, { user }, message, more));
    const update = await emulator.callbackOf(pressed);
    if (i >= WARMUP) press.push(update.at - sentAt);
  }
  await running.stop();
  await state.close();
  return [summarize(`${name}: /ask`, ask), summarize(`${name}: More`, press)];
}

const folder = mkdtempSync(join(tmpdir(), 'answer-desk-bench-state-'));
const rows: LatencySummary[] = [];
rows.push(...(await measureBackend('memory', new MemoryStateStore())));
rows.push(...(await measureBackend('disk', await DiskStateStore.open({ folder, log }))));
if (redisInstalled) {
  const redis = await startRedis();
  rows.push(...(await measureBackend('redis', await RedisStateStore.open({ url: redis.url, log }))));
  await redis.stop();
} else {
  console.log('redis-server is not installed: Redis not measured');
}
rmSync(folder, { recursive: true, force: true });
await emulator.stop();
await live.close();

console.log(`interaction → first callback, ${ROUNDS} rounds each after ${WARMUP} warm-up (${seedsDir}); cooldown on`);
printLatencyTable(rows, 16);
if (emulator.violations.length > 0 || emulator.unexpected.length > 0) {
  console.error(`emulator saw ${emulator.violations.length} limit violations and ${emulator.unexpected.length} unknown requests`);
  process.exitCode = 1;
}
