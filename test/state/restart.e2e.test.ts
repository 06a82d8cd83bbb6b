/**
 * The production start (src/main.ts) with its own secret and store, no test secret: a button sent
 * by one run is pressed on the next run, through STATE_DIR and through Redis (a second run in
 * another folder, as another machine, sharing only REDIS_URL and STATE_SECRET).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, buttonLabeled, callbackData, callbackType, SEEDS_DIR, TEST_TOKEN } from '../discord/botHarness.ts';
import { emulatorForFile } from '../discord/emulator/emulatorForFile.ts';
import { buttonInteraction, chatInputInteraction, type TestMessage } from '../discord/emulator/payloads.ts';
import { MAIN, spawnEntry, type Spawned } from '../discord/spawnMain.ts';
import { runRedisTests, startRedis, type RunningRedis } from './redisServer.ts';

const emulator = emulatorForFile({ token: TEST_TOKEN });
let redis: RunningRedis | undefined;
beforeAll(async () => {
  if (runRedisTests) redis = await startRedis();
}, 15_000);
afterAll(async () => {
  await redis?.stop();
});

async function startMain(env: Record<string, string>): Promise<Spawned> {
  const ready = emulator().waitForGateway('ready', 30_000);
  const run = spawnEntry(MAIN, [], { DISCORD_TOKEN: TEST_TOKEN, DISCORD_REST_API: emulator().restApi, SEEDS_DIR, INDEX_CACHE_DIR: 'off', LOG_LEVEL: 'info', ...env });
  await ready;
  // Until the documents are in, commands are deferred and answered later: ask once they serve.
  await expect.poll(() => run.stderr(), { timeout: 30_000 }).toContain('INFO documents loaded');
  return run;
}

async function stopMain(run: Spawned): Promise<string> {
  run.child.kill('SIGTERM');
  const { code, stderr } = await run.finished;
  expect(code).toBe(0);
  return stderr;
}

async function askForMore(): Promise<{ message: TestMessage; customId: string }> {
  const id = emulator().sendInteraction(chatInputInteraction(emulator(), { user: alice }, 'ask', [{ name: 'question', type: 3, value: '大模型' }]));
  await emulator().callbackOf(id, 30_000);
  const message = emulator().originalOf(id);
  if (message === undefined) throw new Error('the ask made no message');
  return { message, customId: buttonLabeled(message as unknown as Record<string, unknown>, 'More').custom_id };
}

async function pressMore(button: { message: TestMessage; customId: string }) {
  const id = emulator().sendInteraction(buttonInteraction(emulator(), { user: alice }, button.message, button.customId));
  return emulator().callbackOf(id, 30_000);
}

describe('buttons after a restart of npm start', () => {
  it('work on the next run with the same STATE_DIR (the generated secret and the state are kept there)', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'answer-desk-state-dir-'));
    const first = await startMain({ STATE_DIR: stateDir });
    const button = await askForMore();
    expect(await stopMain(first)).toContain(`component state store opened store="disk (${stateDir})"`);

    const second = await startMain({ STATE_DIR: stateDir });
    const pressed = await pressMore(button);
    expect(callbackType(pressed)).toBe(7);
    expect(`${callbackData(pressed).content}`).toMatch(/\(4–6 of \d+\)/);
    await stopMain(second);
  }, 90_000);

  it.skipIf(!runRedisTests)('work on another machine sharing REDIS_URL and STATE_SECRET', async () => {
    const shared = { REDIS_URL: redis?.url ?? '', STATE_SECRET: 'the same secret on every replica, 32+' };
    const first = await startMain({ ...shared, STATE_DIR: mkdtempSync(join(tmpdir(), 'answer-desk-a-')) });
    const button = await askForMore();
    expect(await stopMain(first)).toContain('component state store opened store="redis (redis://127.0.0.1:');

    const elsewhere = await startMain({ ...shared, STATE_DIR: mkdtempSync(join(tmpdir(), 'answer-desk-b-')) });
    const pressed = await pressMore(button);
    expect(callbackType(pressed)).toBe(7);
    expect(`${callbackData(pressed).content}`).toMatch(/\(4–6 of \d+\)/);
    await stopMain(elsewhere);
  }, 90_000);

  it('stops with one line when Redis cannot be reached at start', async () => {
    const run = spawnEntry(MAIN, [], { DISCORD_TOKEN: TEST_TOKEN, DISCORD_REST_API: emulator().restApi, SEEDS_DIR, LOG_LEVEL: 'warn', REDIS_URL: 'redis://:hunter2-password@127.0.0.1:1/0' });
    const { code, stderr } = await run.finished;
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Could not open the component state store: cannot connect to redis at redis:\/\/127\.0\.0\.1:1 \(REDIS_URL\): .*ECONNREFUSED/)]);
    expect(stderr).not.toContain('hunter2');
  }, 30_000);
});
