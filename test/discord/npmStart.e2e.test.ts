/**
 * `npm start` as operators run it (node dist/main.js under npm, as systemd or docker would start
 * it): SIGTERM while the documents are being rebuilt and a reply is on its way to Discord.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorForFile } from './emulator/emulatorForFile.ts';
import { chatInputInteraction } from './emulator/payloads.ts';
import { alice, bob, TEST_TOKEN } from './botHarness.ts';
import { writeSeedCopies } from '../desk/seedCopies.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const emulator = emulatorForFile({ token: TEST_TOKEN });
let seeds: string;
let documents: number;
beforeAll(async () => {
  // npm start runs the build: make it the build of the code under test.
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  // 30 marked copies of the seeds (150 files, 3 MB): built on several threads, with progress lines.
  seeds = mkdtempSync(join(tmpdir(), 'answer-desk-seeds-'));
  documents = writeSeedCopies(seeds, 30);
});
afterAll(async () => {
  rmSync(seeds, { recursive: true, force: true });
});

/** Resolves once text matching pattern has appeared in the output after `from`. */
function waitForOutput(read: () => string, pattern: RegExp, from = 0, timeoutMs = 90_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = setInterval(() => {
      if (pattern.test(read().slice(from))) {
        clearInterval(check);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(check);
        reject(new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${read()}`));
      }
    }, 50);
  });
}

describe('npm start', () => {
  it('on SIGTERM during a rebuild, answers the /ask in flight, tells a newcomer it is restarting, closes the gateway with 1000 and exits 0', async () => {
    const ready = emulator().waitForGateway('ready', 60_000);
    const child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_REST_API: emulator().restApi,
        SEEDS_DIR: seeds,
        INDEX_CACHE_DIR: 'off',
        LOG_LEVEL: 'debug',
        RELOAD_DEBOUNCE_MS: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const read = (): string => output;

    await ready;
    await waitForOutput(read, /INFO documents loaded/);

    // A new file starts a rebuild; its first progress line says it is under way.
    const beforeRebuild = output.length;
    writeFileSync(join(seeds, 'zz-new.md'), '# 新文件\n\n重建期间的新文档。\n');
    await waitForOutput(read, new RegExp(`DEBUG loading documents done=\\d+ total=${documents + 1}`), beforeRebuild);

    // The reply's callback is held by Discord for a while: it is in flight when the signal comes.
    emulator().holdNextResponse((request) => request.method === 'POST' && request.path.includes('/callback'), 1_500);
    const asked = emulator().sendInteraction(chatInputInteraction(emulator(), { user: alice }, 'ask', [{ name: 'question', type: 3, value: '大模型' }]));
    const answer = await emulator().callbackOf(asked, 30_000);
    child.kill('SIGTERM');
    await waitForOutput(read, /INFO shutting down signal=SIGTERM inFlight=1/);
    const late = emulator().sendInteraction(chatInputInteraction(emulator(), { user: bob }, 'ask', [{ name: 'question', type: 3, value: '计算资源' }]));
    const notice = await emulator().callbackOf(late, 30_000);

    expect(await exited).toBe(0);
    expect(answer.status).toBe(204);
    expect(JSON.stringify(answer.body)).toContain('Results for');
    expect(JSON.stringify(notice.body)).toContain('The bot is restarting');
    expect(output).toMatch(/INFO interaction command=ask user=500000000000000001 .*outcome=answered/);
    expect(emulator().gateway.closeCodes).toContain(1000);
    expect(output).not.toContain(TEST_TOKEN);
  }, 180_000);
});
