import { describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deployCommands.ts';
import { loadCommands } from '../../src/discord/loadCommands.ts';
import { emulatorForFile } from './emulator/emulatorForFile.ts';
import { TEST_TOKEN } from './botHarness.ts';

const emulator = emulatorForFile({ token: TEST_TOKEN });

describe('deploy-commands', () => {
  it('registers every command to the guild, and running it twice changes nothing', async () => {
    const commands = await loadCommands();
    const options = { token: TEST_TOKEN, applicationId: emulator().applicationId, guildId: emulator().guildId, restApi: emulator().restApi, commands };
    const first = await deployCommands(options);
    expect(first).toMatchObject({ applicationId: emulator().applicationId, scope: 'guild' });
    expect([...first.names].sort()).toEqual(['Ask the docs', 'about', 'ask', 'sections', 'summary']);
    const registered = structuredClone(emulator().registeredCommands.get(`guild:${emulator().guildId}`));
    await deployCommands(options);
    const again = emulator().registeredCommands.get(`guild:${emulator().guildId}`);
    expect(again?.map(({ version: _version, ...command }) => command)).toEqual(registered?.map(({ version: _version, ...command }) => command));
    const puts = emulator().requests.filter((request) => request.method === 'PUT');
    expect(puts.map((request) => request.path)).toEqual([
      `/applications/${emulator().applicationId}/guilds/${emulator().guildId}/commands`,
      `/applications/${emulator().applicationId}/guilds/${emulator().guildId}/commands`,
    ]);
  });

  it('registers globally without a guild id, asking Discord for the application id when not given', async () => {
    const result = await deployCommands({ token: TEST_TOKEN, restApi: emulator().restApi, commands: await loadCommands() });
    expect(result).toMatchObject({ applicationId: emulator().applicationId, scope: 'global' });
    expect(emulator().registeredCommands.get('global')).toHaveLength(5);
    expect(emulator().requests.some((request) => request.method === 'GET' && request.path === '/applications/@me')).toBe(true);
  });

  it('fails with status 401 for a token Discord does not accept', async () => {
    const attempt = deployCommands({ token: `${TEST_TOKEN}x`, applicationId: emulator().applicationId, restApi: emulator().restApi, commands: await loadCommands() });
    await expect(attempt).rejects.toMatchObject({ status: 401 });
  });
});
