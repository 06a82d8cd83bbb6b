/**
 * npm start in HTTP interactions mode, as a process: with DISCORD_PUBLIC_KEY, DISCORD_CLIENT_ID
 * and INTERACTIONS_PORT (and no DISCORD_TOKEN) it serves the endpoint, never opens the gateway,
 * answers a signed /ask, and exits 0 on SIGTERM. Replicas sharing STATE_DIR accept each other's
 * buttons, and a button outlives the process that issued it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alice, bob, buttonLabeled, SEEDS_DIR, TEST_TOKEN } from '../discord/botHarness.ts';
import { emulatorForFile } from '../discord/emulator/emulatorForFile.ts';
import { buttonInteraction, chatInputInteraction } from '../discord/emulator/payloads.ts';
import { MAIN, spawnEntry, type Spawned } from '../discord/spawnMain.ts';
import { writeSeedCopies } from '../desk/seedCopies.ts';
import { generateApplicationKey, getPath, postBytes, signedHeaders, type KeyPair } from './httpHarness.ts';

const emulator = emulatorForFile({ token: TEST_TOKEN });

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
    const run = spawnHttpMode(key, port);
    try {
      await until(async () => ((await getPath(port, '/healthz')).status === 200 ? true : undefined), 30_000);
      const interaction = emulator().prepareHttpInteraction(chatInputInteraction(emulator(), { user: alice }, 'ask', [{ name: 'question', type: 3, value: '大模型' }]));
      const body = JSON.stringify(interaction);
      const answer = await postBytes(port, '/interactions', Buffer.from(body), signedHeaders(key.privateKey, body));
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.text)).toMatchObject({ type: 4, data: { allowed_mentions: { parse: [] } } });
      expect(emulator().gateway.connections).toBe(0);
      run.child.kill('SIGTERM');
      const finished = await run.finished;
      expect(finished.code).toBe(0);
      expect(finished.stdout + finished.stderr).toMatch(/serving HTTP interactions/u);
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('on SIGTERM while the first documents load, answers the /ask waiting for them, tells a newcomer it is restarting, and exits 0', async () => {
    // 60 marked copies of the seeds (300 files) without the cache: a first load that takes seconds
    // (the stop waits up to 8 s more for it).
    const seeds = mkdtempSync(join(tmpdir(), 'answer-desk-http-first-load-'));
    writeSeedCopies(seeds, 60);
    const key = generateApplicationKey();
    const port = await freePort();
    const run = spawnHttpMode(key, port, { SEEDS_DIR: seeds });
    try {
      await until(async () => ((await getPath(port, '/healthz')).status === 503 ? true : undefined), 30_000);
      const asked = await sendSigned(key, port, chatInputInteraction(emulator(), { user: alice }, 'ask', [{ name: 'question', type: 3, value: '大模型' }]));
      expect(asked.body.type).toBe(5);
      run.child.kill('SIGTERM');
      await until(async () => (/INFO shutting down signal=SIGTERM inFlight=1/u.test(run.stderr()) ? true : undefined), 30_000);
      const late = await sendSigned(key, port, chatInputInteraction(emulator(), { user: bob }, 'ask', [{ name: 'question', type: 3, value: '计算资源' }]));
      const finished = await run.finished;

      expect(finished.code).toBe(0);
      expect(JSON.stringify(late.body)).toContain('The bot is restarting');
      // Edits of the deferred reply: how far the loading had got (when it took over 5 s), then the answer.
      const edits = emulator().webhookRequestsOf(asked.id).map((request) => `${request.method} ${String((request.body as Record<string, unknown>).content)}`);
      expect(edits.at(-1)).toMatch(/^PATCH \*\*Results for/u);
      for (const edit of edits.slice(0, -1)) expect(edit).toMatch(/^PATCH The documents are still loading \(\d+ of 300 files\)…/u);
      // The stop came while the documents were loading, and waited for them.
      const output = finished.stderr;
      expect(output.indexOf('INFO shutting down')).toBeGreaterThan(-1);
      expect(output.indexOf('INFO shutting down')).toBeLessThan(output.indexOf('INFO documents loaded'));
    } finally {
      run.child.kill('SIGKILL');
      rmSync(seeds, { recursive: true, force: true });
    }
  }, 120_000);

  it('started from a folder where .cache cannot be made, keeps its state (the button secret) under ~/.cache/answer-desk and serves', async () => {
    const project = mkdtempSync(join(tmpdir(), 'answer-desk-blocked-'));
    writeFileSync(join(project, '.cache'), 'a file where the folder would go');
    const home = mkdtempSync(join(tmpdir(), 'answer-desk-home-'));
    const key = generateApplicationKey();
    const port = await freePort();
    const run = spawnHttpMode(key, port, { HOME: home }, project);
    try {
      await until(async () => ((await getPath(port, '/healthz')).status === 200 ? true : undefined), 30_000);
      expect(existsSync(join(home, '.cache', 'answer-desk', 'state', 'secret'))).toBe(true);
      run.child.kill('SIGTERM');
      const finished = await run.finished;
      expect(finished.code).toBe(0);
      expect(finished.stderr).toContain(`INFO run-time folders indexCache=off state=${join(home, '.cache', 'answer-desk', 'state')}`);
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

  it('a button issued by one replica works when pressed on a second sharing STATE_DIR, and after both restarted', async () => {
    const key = generateApplicationKey();
    // No STATE_SECRET: the signing secret, too, comes from the shared folder.
    const stateDir = mkdtempSync(join(tmpdir(), 'answer-desk-http-replicas-'));
    const replicas: Spawned[] = [];
    const startReplica = async (): Promise<number> => {
      const port = await freePort();
      replicas.push(spawnHttpMode(key, port, { STATE_DIR: stateDir }));
      await until(async () => ((await getPath(port, '/healthz')).status === 200 ? true : undefined), 30_000);
      return port;
    };
    const stopReplicas = async (): Promise<void> => {
      for (const replica of replicas.splice(0)) {
        replica.child.kill('SIGTERM');
        expect((await replica.finished).code).toBe(0);
      }
    };
    try {
      const issuing = await startReplica();
      const other = await startReplica();
      const asked = await sendSigned(key, issuing, chatInputInteraction(emulator(), { user: alice }, 'ask', [{ name: 'question', type: 3, value: '大模型' }]));
      expect(asked.body.type).toBe(4);
      const message = emulator().originalOf(asked.id);
      if (message === undefined) throw new Error('the reply made no message');
      const more = buttonLabeled(asked.body.data as Record<string, unknown>, 'More');

      const onReplica = await sendSigned(key, other, buttonInteraction(emulator(), { user: alice }, message, more.custom_id));
      expect(onReplica.body.type).toBe(7);
      expect(String((onReplica.body.data as Record<string, unknown>).content)).toMatch(/\(4–6 of \d+\)/u);

      await stopReplicas();
      const restarted = await startReplica();
      const afterRestart = await sendSigned(key, restarted, buttonInteraction(emulator(), { user: alice }, message, more.custom_id));
      expect(afterRestart.body.type).toBe(7);
      expect(String((afterRestart.body.data as Record<string, unknown>).content)).toMatch(/\(4–6 of \d+\)/u);
      await stopReplicas();
    } finally {
      for (const replica of replicas) replica.child.kill('SIGKILL');
    }
  }, 90_000);
});

/** npm start in HTTP mode on `port`, answering for `key`, its deferred edits going to the emulator. */
function spawnHttpMode(key: KeyPair, port: number, extra: Record<string, string> = {}, cwd?: string): Spawned {
  return spawnEntry(MAIN, [], {
    DISCORD_PUBLIC_KEY: key.publicKeyHex,
    DISCORD_CLIENT_ID: emulator().applicationId,
    INTERACTIONS_PORT: String(port),
    DISCORD_REST_API: emulator().restApi,
    SEEDS_DIR,
    INDEX_CACHE_DIR: 'off',
    LOG_LEVEL: 'info',
    ...extra,
  }, undefined, 60_000, cwd);
}

/** POSTs an interaction signed as Discord signs it; a 200 answer is handed to the emulator as its callback. */
async function sendSigned(key: KeyPair, port: number, interaction: Record<string, unknown>): Promise<{ id: string; body: Record<string, unknown> }> {
  const prepared = emulator().prepareHttpInteraction(interaction);
  const body = JSON.stringify(prepared);
  const answer = await postBytes(port, '/interactions', Buffer.from(body), signedHeaders(key.privateKey, body));
  expect(answer.status).toBe(200);
  const parsed = JSON.parse(answer.text) as Record<string, unknown>;
  emulator().acceptHttpCallback(prepared.id, parsed);
  return { id: prepared.id, body: parsed };
}
