/**
 * Buttons and cooldowns through a shared component state store, with the real bot on the Discord
 * emulator: a button issued by one bot works when pressed on another (a replica) and on a bot
 * started after the first stopped (a restart), through the disk folder and through Redis.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logging/log.ts';
import type { ComponentStateStore } from '../../src/state/componentStateStore.ts';
import { DiskStateStore } from '../../src/state/diskStateStore.ts';
import { RedisStateStore } from '../../src/state/redisStateStore.ts';
import { alice, buttonLabeled, callbackData, callbackType, Harness, TEST_TOKEN } from '../discord/botHarness.ts';
import { DiscordEmulator } from '../discord/emulator/discordEmulator.ts';
import { runRedisTests, startRedis, type RunningRedis } from './redisServer.ts';

const log = createLogger({ level: 'silent' });
const String = 3;

let redis: RunningRedis | undefined;
beforeAll(async () => {
  if (runRedisTests) redis = await startRedis();
}, 15_000);
afterAll(async () => {
  await redis?.stop();
});

interface SharedBackend {
  name: string;
  enabled: boolean;
  /** Opens the state as one more process would: a new store over the same folder or server. */
  opener(): () => Promise<ComponentStateStore>;
}

const backends: SharedBackend[] = [
  {
    name: 'a shared STATE_DIR folder',
    enabled: true,
    opener() {
      const folder = mkdtempSync(join(tmpdir(), 'answer-desk-replicas-'));
      return () => DiskStateStore.open({ folder, log, sweepEveryMs: 0 });
    },
  },
  {
    name: 'Redis',
    enabled: runRedisTests,
    opener() {
      // A namespace per test: the same state for the bots of one test, none left from another.
      const keyPrefix = `test-${Math.random().toString(36).slice(2)}:`;
      return () => {
        if (redis === undefined) throw new Error('redis-server did not start');
        return RedisStateStore.open({ url: redis.url, log, keyPrefix });
      };
    },
  },
];

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`component state shared through ${backend.name}`, () => {
    let emulator: DiscordEmulator;
    const running: Array<{ bot: Harness; state: ComponentStateStore }> = [];

    const startBot = async (open: () => Promise<ComponentStateStore>, cooldown?: { uses: number; windowMs: number }): Promise<Harness> => {
      const state = await open();
      const bot = await Harness.start({ emulator, state, cooldown });
      running.push({ bot, state });
      return bot;
    };
    const stopBot = async (bot: Harness): Promise<void> => {
      const index = running.findIndex((entry) => entry.bot === bot);
      const [entry] = running.splice(index, 1);
      await entry.bot.stop();
      await entry.state.close();
    };

    beforeAll(async () => {
      emulator = await DiscordEmulator.start({ token: TEST_TOKEN });
    });
    afterEach(async () => {
      for (const entry of [...running].reverse()) await stopBot(entry.bot);
    });
    afterAll(async () => {
      await emulator.stop();
    });

    /** Asks on `bot` and returns the reply's message and its More button. */
    const askOn = async (bot: Harness) => {
      const { id, callback } = await bot.command('ask', [{ name: 'question', type: String, value: '大模型' }]);
      expect(callbackType(callback)).toBe(4);
      const message = bot.message(id);
      return { message, more: buttonLabeled(message as unknown as Record<string, unknown>, 'More') };
    };

    const interactionLines = (bot: Harness): string[] => bot.logs.filter((line) => / INFO interaction /.test(line));

    it('a button issued by one bot works when pressed on a second one sharing the state', async () => {
      const open = backend.opener();
      const issuing = await startBot(open);
      const { message, more } = await askOn(issuing);
      // The emulator sends each interaction to the latest connection: from now on, the replica's.
      const replica = await startBot(open);
      const before = interactionLines(issuing).length;
      const pressed = await replica.press(message, more.custom_id, alice);
      expect(callbackType(pressed.callback)).toBe(7);
      expect(`${callbackData(pressed.callback).content}`).toMatch(/\(4–6 of \d+\)/);
      await vi.waitFor(() => expect(interactionLines(replica).some((line) => line.includes('outcome=answered'))).toBe(true));
      expect(interactionLines(issuing)).toHaveLength(before);
    });

    it('a button keeps working after the bot that issued it restarts', async () => {
      const open = backend.opener();
      const first = await startBot(open);
      const { message, more } = await askOn(first);
      await stopBot(first);
      const restarted = await startBot(open);
      const pressed = await restarted.press(message, more.custom_id, alice);
      expect(callbackType(pressed.callback)).toBe(7);
      expect(`${callbackData(pressed.callback).content}`).toMatch(/\(4–6 of \d+\)/);
    });

    it('a state that was never stored says the buttons expired, on every bot', async () => {
      const open = backend.opener();
      const { message, more } = await askOn(await startBot(open));
      const elsewhere = await startBot(backend.opener());
      const pressed = await elsewhere.press(message, more.custom_id, alice);
      expect(`${callbackData(pressed.callback).content}`).toContain('These buttons have expired');
    });

    it('one cooldown holds across two bots sharing the state', async () => {
      const open = backend.opener();
      const cooldown = { uses: 1, windowMs: 60_000 };
      const first = await startBot(open, cooldown);
      const allowed = await first.command('about');
      expect(`${callbackData(allowed.callback).content}`).toContain('About this answer desk');
      const second = await startBot(open, cooldown);
      const refused = await second.command('about');
      expect(`${callbackData(refused.callback).content}`).toMatch(/You're going a little fast\. Please try again in \d+ s\./);
    });
  });
}
