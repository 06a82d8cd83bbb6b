/**
 * SHARDS=auto: npm start's entry becomes discord.js's ShardingManager, asks the emulator's
 * /gateway/bot (2 shards), and runs one bot process per shard. Each identifies as its shard and
 * answers the interactions Discord routes to it by guild id; /about names the shard.
 */
import { describe, expect, it, vi } from 'vitest';
import { alice, SEEDS_DIR, TEST_TOKEN } from './botHarness.ts';
import { emulatorForFile } from './emulator/emulatorForFile.ts';
import { chatInputInteraction } from './emulator/payloads.ts';
import { MAIN, spawnEntry } from './spawnMain.ts';

const emulator = emulatorForFile({ token: TEST_TOKEN, shards: 2, maxConcurrency: 16 });

describe('npm start with SHARDS=auto', () => {
  it('runs one process per recommended shard; each identifies as its shard and answers the guilds routed to it', async () => {
    const run = spawnEntry(MAIN, [], { DISCORD_TOKEN: TEST_TOKEN, DISCORD_REST_API: emulator().restApi, SEEDS_DIR, SHARDS: 'auto', LOG_LEVEL: 'info', INDEX_CACHE_DIR: 'off' }, undefined, 90_000);
    try {
      await vi.waitFor(() => expect(run.stderr()).toContain('all shards connected shards=2'), { timeout: 60_000, interval: 100 });
      // Until a shard's documents are in, its commands are deferred and answered later: ask once both serve.
      await vi.waitFor(() => expect(run.stderr().match(/INFO documents loaded/g)).toHaveLength(2), { timeout: 60_000, interval: 100 });
      expect(emulator().gateway.identifyPayloads.map((identify) => identify.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);

      for (const shard of [0, 1]) {
        const guildId = emulator().guildIdOnShard(shard);
        expect(emulator().shardOfGuild(guildId)).toBe(shard);
        const id = emulator().sendInteraction({ ...chatInputInteraction(emulator(), { user: alice }, 'about', []), guild_id: guildId });
        const callback = await emulator().callbackOf(id, 30_000);
        expect(JSON.stringify(callback.body)).toContain(`Gateway shard ${shard} of 2`);
      }
    } finally {
      run.child.kill('SIGTERM');
    }
    const { code, stderr } = await run.finished;
    expect(code).toBe(0);
    expect(stderr).toMatch(/INFO connected to discord .*shard=0 shards=2/);
    expect(stderr).toMatch(/INFO connected to discord .*shard=1 shards=2/);
    expect(stderr.match(/INFO interaction command=about/g)).toHaveLength(2);
    expect(stderr).not.toContain(TEST_TOKEN);
  }, 120_000);
});
