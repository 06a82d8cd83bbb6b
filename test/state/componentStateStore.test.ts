/** The same contract for every backend: the disk folder, Redis (a real server) and memory. */
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logging/log.ts';
import type { ComponentStateStore } from '../../src/state/componentStateStore.ts';
import { DiskStateStore } from '../../src/state/diskStateStore.ts';
import { MemoryStateStore } from '../../src/state/memoryStateStore.ts';
import { RedisStateStore } from '../../src/state/redisStateStore.ts';
import { runRedisTests, startRedis, type RunningRedis } from './redisServer.ts';

const log = createLogger({ level: 'silent' });

interface Backend {
  name: string;
  /** Two stores over the same state, as two processes would open it. */
  openPair(): Promise<[ComponentStateStore, ComponentStateStore]>;
  enabled: boolean;
}

let redis: RunningRedis | undefined;
const memory = new MemoryStateStore();

const backends: Backend[] = [
  {
    name: 'disk',
    enabled: true,
    async openPair() {
      const folder = mkdtempSync(join(tmpdir(), 'answer-desk-state-'));
      return [await DiskStateStore.open({ folder, log, sweepEveryMs: 0 }), await DiskStateStore.open({ folder, log, sweepEveryMs: 0 })];
    },
  },
  {
    name: 'redis',
    enabled: runRedisTests,
    async openPair() {
      if (redis === undefined) throw new Error('redis-server did not start');
      const url = redis.url;
      return [await RedisStateStore.open({ url, log }), await RedisStateStore.open({ url, log })];
    },
  },
  { name: 'memory', enabled: true, openPair: async () => [memory, memory] },
];

beforeAll(async () => {
  if (runRedisTests) redis = await startRedis();
}, 15_000);
afterAll(async () => {
  await redis?.stop();
});

let unique = 0;
const freshKey = (label: string): string => `${label}:${process.pid}:${++unique}`;

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`the ${backend.name} component state store`, () => {
    let first: ComponentStateStore;
    let second: ComponentStateStore;
    beforeAll(async () => {
      [first, second] = await backend.openPair();
    });
    afterAll(async () => {
      await first?.close();
      if (second !== first) await second?.close();
    });

    it('gives every user of the store what one of them set, until it is deleted', async () => {
      const key = freshKey('reply/../../etc:关键');
      expect(await second.get(key)).toBeUndefined();
      await first.set(key, '{"query":"大模型"}', 60_000);
      expect(await second.get(key)).toBe('{"query":"大模型"}');
      await second.delete(key);
      expect(await first.get(key)).toBeUndefined();
    });

    it('forgets a value once its time to live has passed', async () => {
      const key = freshKey('short');
      await first.set(key, 'x', 30);
      await sleep(80);
      expect(await second.get(key)).toBeUndefined();
    });

    it('counts up from 1 with the expiry of the first increment, then starts again once it expired', async () => {
      const key = freshKey('cooldown');
      const one = await first.increment(key, 60_000);
      const two = await second.increment(key, 60_000);
      expect([one.count, two.count]).toEqual([1, 2]);
      expect(one.expiresInMs).toBeGreaterThan(0);
      expect(one.expiresInMs).toBeLessThanOrEqual(60_000);
      expect(two.expiresInMs).toBeLessThanOrEqual(one.expiresInMs);
      const short = freshKey('cooldown');
      await first.increment(short, 30);
      await sleep(80);
      expect((await second.increment(short, 30)).count).toBe(1);
    });

    it('never hands out the same count twice when many increments race from two users of the store', async () => {
      const key = freshKey('race');
      const counts = await Promise.all(Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? first : second).increment(key, 60_000)));
      expect(counts.map((reading) => reading.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    });
  });
}

describe.skipIf(!runRedisTests)('the redis component state store during an outage', () => {
  it('fails a command quickly while Redis is down, warns once, and works again once it is back', async () => {
    const own = await startRedis();
    const lines: string[] = [];
    const store = await RedisStateStore.open({ url: own.url, log: createLogger({ level: 'info', write: (line) => lines.push(line) }) });
    try {
      await store.set('k', 'v', 60_000);
      await own.stop();
      await expect(store.get('k')).rejects.toThrow();
      expect(lines.filter((line) => line.includes('lost the connection to redis'))).toHaveLength(1);
      const back = await startRedis(own.port);
      try {
        await vi.waitFor(async () => expect(await store.get('k')).toBeUndefined(), { timeout: 10_000, interval: 200 });
        expect(lines.some((line) => line.includes('connected to redis again'))).toBe(true);
      } finally {
        await back.stop();
      }
    } finally {
      await store.close();
    }
  }, 30_000);
});
