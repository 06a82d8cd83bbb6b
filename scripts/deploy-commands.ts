/**
 * npm run deploy-commands: registers /ask, /summary, /sections, /about and "Ask the docs" to
 * DISCORD_GUILD_ID (instant) or globally. Idempotent: the full set is PUT each time.
 */
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig } from '../src/config/config.ts';
import { deployCommands } from '../src/discord/deployCommands.ts';
import { loadCommands } from '../src/discord/loadCommands.ts';
import { describeError } from '../src/logging/log.ts';

loadDotenv({ quiet: true });

try {
  const config = loadConfig();
  if (config.discordToken === undefined) {
    console.error('DISCORD_TOKEN is not set: put the bot token in .env (see .env.example), then run this again.');
    process.exit(1);
  }
  const result = await deployCommands({
    token: config.discordToken,
    applicationId: config.discordClientId,
    guildId: config.discordGuildId,
    restApi: config.discordRestApi,
    commands: await loadCommands(),
  });
  const where = result.scope === 'guild' ? `to server ${config.discordGuildId} (available now)` : 'globally (may take up to an hour to appear)';
  console.log(`Registered ${result.names.length} commands ${where}: ${result.names.join(', ')}`);
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else if (typeof error === 'object' && error !== null && 'status' in error && error.status === 401) {
    console.error('Discord rejected DISCORD_TOKEN (401 Unauthorized): reset the token on the Bot page of the Developer Portal and update .env.');
  } else console.error(`Could not register the commands: ${describeError(error)}`);
  process.exit(1);
}
