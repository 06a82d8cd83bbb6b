/**
 * One Discord emulator for a whole test file: started before its first test, stopped after its
 * last, and the file fails if any request the bot sent broke Discord's rules (limits,
 * allowed_mentions, a request body carrying the bot token).
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { DiscordEmulator, type EmulatorOptions } from './discordEmulator.ts';

/** Call at the top of a test file; the function it returns gives the running emulator. */
export function emulatorForFile(options: EmulatorOptions): () => DiscordEmulator {
  let emulator: DiscordEmulator | undefined;
  beforeAll(async () => {
    emulator = await DiscordEmulator.start(options);
  });
  afterAll(async () => {
    if (emulator === undefined) return;
    try {
      expect(emulator.violations).toEqual([]);
    } finally {
      await emulator.stop();
    }
  });
  return () => {
    if (emulator === undefined) throw new Error('the emulator is started before the first test of the file');
    return emulator;
  };
}
