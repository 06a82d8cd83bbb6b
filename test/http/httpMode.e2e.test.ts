/**
 * npm start in HTTP interactions mode, as a process: with DISCORD_PUBLIC_KEY, DISCORD_CLIENT_ID
 * and INTERACTIONS_PORT (and no DISCORD_TOKEN) it serves the endpoint, never opens the gateway,
 * answers a signed /ask, and exits 0 on SIGTERM.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, SEEDS_DIR, TEST_TOKEN } from '../discord/botHarness.ts';
import { DiscordEmulator } from '../discord/emulator/discordEmulator.ts';
import { chatInputInteraction } from '../discord/emulator/payloads.ts';
import { MAIN, spawnEntry } from '../discord/spawnMain.ts';
import { generateApplicationKey, getPath, postBytes, signedHeaders } from './httpHarness.ts';

let emulator: DiscordEmulator;
beforeAll(async () => {
  emulator = await DiscordEmulator.start({ token: TEST_TOKEN });
});
afterAll(async () => {
  expect(emulator.violations).toEqual([]);
  await emulator.stop();
});

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm start in HTTP interactions mode', () => {
  it('serves signed interactions on INTERACTIONS_PORT without the gateway, and exits 0 on SIGTERM', async () => {
    const key = generateApplicationKey();
    const port = await freePort();
    const run = spawnEntry(MAIN, [], {
      DISCORD_PUBLIC_KEY: key.publicKeyHex,
      DISCORD_CLIENT_ID: emulator.applicationId,
      INTERACTIONS_PORT: String(port),
      DISCORD_REST_API: emulator.restApi,
      SEEDS_DIR,
      INDEX_CACHE_DIR: 'off',
      LOG_LEVEL: 'info',
    });
    try {
      await until(async () => ((await getPath(port, '/healthz')).status === 200 ? true : undefined), 30_000);
      const interaction = emulator.prepareHttpInteraction(chatInputInteraction(emulator, { user: alice }, 'ask', [{ name: 'question', type: 3, value: '大模型' }]));
      const body = JSON.stringify(interaction);
      const answer = await postBytes(port, '/interactions', Buffer.from(body), signedHeaders(key.privateKey, body));
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ type: 4, data: { allowed_mentions: { parse: [] } } });
      expect(emulator.gateway.connections).toBe(0);
      run.child.kill('SIGTERM');
      const finished = await run.finished;
      expect(finished.code).toBe(0);
      expect(finished.stdout + finished.stderr).toMatch(/serving HTTP interactions/u);
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('names the missing setting in one line when only part of HTTP mode is configured', async () => {
    const { code, stderr } = await spawnEntry(MAIN, [], { DISCORD_PUBLIC_KEY: generateApplicationKey().publicKeyHex, SEEDS_DIR }).finished;
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/set DISCORD_CLIENT_ID and INTERACTIONS_PORT too/u);
  });
});
