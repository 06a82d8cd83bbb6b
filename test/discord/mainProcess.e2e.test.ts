/** npm start as a process: a refused token, a bad configuration, and a clean SIGTERM shutdown. */
import { describe, expect, it } from 'vitest';
import { emulatorForFile } from './emulator/emulatorForFile.ts';
import { chatInputInteraction } from './emulator/payloads.ts';
import { alice, SEEDS_DIR, TEST_TOKEN } from './botHarness.ts';
import { DEPLOY, MAIN, spawnEntry } from './spawnMain.ts';

const emulator = emulatorForFile({ token: TEST_TOKEN });

const OTHER_TOKEN = 'OTk5OTk5OTk5OTk5OTk5OTk5.GzZzZz.zyxwvutsrqponmlkjihgfedcba9876';

describe('npm start', () => {
  it('given a token Discord refuses, prints one clear line without a stack or the token, and exits 1', async () => {
    const run = spawnEntry(MAIN, [], { DISCORD_TOKEN: OTHER_TOKEN, DISCORD_REST_API: emulator().restApi, SEEDS_DIR, LOG_LEVEL: 'warn' });
    const { code, stderr, stdout } = await run.finished;
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual(['Discord rejected DISCORD_TOKEN: reset the token on the Bot page of the Developer Portal and put the new one in .env.']);
    expect(stderr + stdout).not.toContain(OTHER_TOKEN);
  });

  it('given a malformed configuration, names the problem in one line and exits 1', async () => {
    const { code, stderr } = await spawnEntry(MAIN, [], { DISCORD_TOKEN: 'secret-but-malformed', SEEDS_DIR: '/no/such/folder' }).finished;
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^Configuration problem: DISCORD_TOKEN does not look like a bot token .*SEEDS_DIR \/no\/such\/folder does not exist\.$/m);
    expect(stderr).not.toContain('secret-but-malformed');
  });

  it('connects, answers, and on SIGTERM closes the gateway connection and exits 0', async () => {
    const ready = emulator().waitForGateway('ready', 30_000);
    const run = spawnEntry(MAIN, [], { DISCORD_TOKEN: TEST_TOKEN, DISCORD_REST_API: emulator().restApi, SEEDS_DIR, LOG_LEVEL: 'info' });
    await ready;
    // Asked while the documents still load, it would be deferred first (and answered after): ask once they are in.
    await expect.poll(() => run.stderr(), { timeout: 30_000 }).toContain('INFO documents loaded');
    const id = emulator().sendInteraction(chatInputInteraction(emulator(), { user: alice }, 'ask', [{ name: 'question', type: 3, value: '大模型' }]));
    const callback = await emulator().callbackOf(id, 30_000);
    expect(JSON.stringify(callback.body)).toContain('Results for');
    run.child.kill('SIGTERM');
    const { code, stderr } = await run.finished;
    expect(code).toBe(0);
    expect(stderr).toMatch(/INFO interaction command=ask user=500000000000000001 ms=\d+ results=3 outcome=answered/);
    expect(stderr).toContain('INFO shutting down signal=SIGTERM');
    expect(stderr).not.toContain(TEST_TOKEN);
    expect(emulator().gateway.closeCodes).toContain(1000);
  });
});

describe('npm run deploy-commands', () => {
  it('registers the commands to the guild and says so', async () => {
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_CLIENT_ID: emulator().applicationId, DISCORD_GUILD_ID: emulator().guildId, DISCORD_REST_API: emulator().restApi, SEEDS_DIR };
    const { code, stdout } = await spawnEntry(DEPLOY, [], env).finished;
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(`Registered 5 commands to server ${emulator().guildId} (available now): about, Ask the docs, ask, sections, summary`);
  });
});
