/**
 * npm start: HTTP interactions mode when its settings are present (src/http/), else the Discord bot
 * on the gateway when DISCORD_TOKEN is set (a shard manager when SHARDS is), else the local console
 * (which says how to connect). npm run console: always the console. Configuration problems, a refused token and
 * unreadable documents each end the program with one line and exit code 1.
 */
import { readFileSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig, type Config, type ShardCount } from './config/config.ts';
import { runConsole } from './console/consoleSession.ts';
import { showLoadingStatus } from './console/loadingStatus.ts';
import { messagesFor } from './reply/messages.ts';
import { openDeskInWorker } from './desk/workerDesk.ts';
import { startBot, type RunningBot } from './discord/bot.ts';
import { LiveDesk } from './live/liveDesk.ts';
import { loadCommands } from './discord/loadCommands.ts';
import { runShardManager } from './discord/sharding.ts';
import { runHttpMode } from './http/httpMode.ts';
import { createLogger, describeError, type Logger } from './logging/log.ts';
import { serveLiveDesk } from './live/serveLiveDesk.ts';
import { StopOnSignal } from './live/stopOnSignal.ts';

const CONNECT_HINT = [
  'DISCORD_TOKEN is not set, so this is the local console.',
  'To run the bot in Discord: create an application and bot (docs/discord.md), put DISCORD_TOKEN and',
  'DISCORD_CLIENT_ID in .env (see .env.example), run `npm run deploy-commands`, then `npm start`.',
].join('\n');

const TOKEN_REJECTED = 'Discord rejected DISCORD_TOKEN: reset the token on the Bot page of the Developer Portal and put the new one in .env.';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function packageVersion(): string {
  try {
    const json: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const version = typeof json === 'object' && json !== null && 'version' in json ? json.version : undefined;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Whether discord.js refused the token (401 on the first REST call, or 4004 on the gateway). */
function isTokenRejection(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error ? error.code : undefined;
  const status = 'status' in error ? error.status : undefined;
  return code === 'TokenInvalid' || status === 401 || (error instanceof Error && error.message === 'Authentication failed');
}

async function runLocalConsole(live: LiveDesk, config: Config, log: Logger, explicit: boolean, stopper: StopOnSignal): Promise<void> {
  // A signal (not Ctrl+C at the prompt, which leaves through readline) has no reply to drain.
  stopper.add('the desk', () => void live.close());
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG;
  if (!explicit) process.stderr.write(`${CONNECT_HINT}\n\n`);
  const loading = live.start();
  // Watched from the start, as the bot does (serveLiveDesk): a save during the first load is rebuilt once it is in.
  if (interactive) void live.watch();
  const statusLine = interactive && process.stderr.isTTY === true ? showLoadingStatus(live, process.stderr, messagesFor(locale)) : undefined;
  await loading
    .finally(() => statusLine?.())
    .catch((error: unknown) => fail(`Could not load the documents in ${config.seedsDir}: ${describeError(error)}`));
  await runConsole({
    desk: live,
    commands: await loadCommands(),
    input: process.stdin,
    output: process.stdout,
    interactive,
    style: process.stdout.isTTY === true && process.env.NO_COLOR === undefined ? 'ansi' : 'plain',
    locale,
    log,
  });
  await live.close();
}

async function runDiscordBot(live: LiveDesk, config: Config, token: string, log: Logger, stopper: StopOnSignal): Promise<void> {
  await serveLiveDesk({ live, config, log, fail, stopper }, async (state) => {
    let running: RunningBot;
    try {
      running = await startBot({ token, desk: live, commands: await loadCommands(), log, cooldown: config.cooldown, restApi: config.discordRestApi, state, stateDir: config.stateDir });
    } catch (error) {
      fail(isTokenRejection(error) ? TOKEN_REJECTED : `Could not connect to Discord: ${describeError(error)}`);
    }
    return { name: 'the gateway connection', inFlight: () => running.inFlight(), stop: () => running.stop() };
  });
}

/** SHARDS set: this process only manages the shards, each a child process running this script as a bot. */
async function runShards(token: string, shards: ShardCount, config: Config, log: Logger, stopper: StopOnSignal): Promise<void> {
  const running = await runShardManager({ token, shards, log, restApi: config.discordRestApi }).catch((error: unknown) =>
    fail(isTokenRejection(error) ? TOKEN_REJECTED : `Could not start the shards: ${describeError(error)}`),
  );
  stopper.add('the shards', () => running.stop());
}

/** The desk this process serves, reloaded when the seeds folder changes; nothing loads until start(). */
function liveDeskFor(config: Config, log: Logger): LiveDesk {
  const live: LiveDesk = new LiveDesk({
    seedsDir: config.seedsDir,
    // The desk is built and served in a worker thread: the event loop here stays free for Discord.
    open: (seedsDir, onProgress) =>
      openDeskInWorker({
        seedsDir,
        cacheDir: config.indexCacheDir,
        loading: config.documentLoading,
        log: (level, message) => log[level](message),
        onProgress,
        onLost: (reason) => {
          log.error('the desk serving answers stopped; rebuilding it', { reason });
          void live.rebuild();
        },
      }),
    log,
    version: packageVersion(),
    debounceMs: config.reloadDebounceMs,
  });
  return live;
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : describeError(error));
  }
  const wantsConsole = process.argv.slice(2).includes('--console');
  // HTTP mode: Discord POSTs interactions to INTERACTIONS_PORT; no gateway login (src/http/).
  const httpInteractions = wantsConsole ? undefined : config.interactions;
  const consoleMode = httpInteractions === undefined && (wantsConsole || config.discordToken === undefined);
  // In the console, info lines would interleave with the answers: warnings only, unless asked.
  const level = consoleMode && process.env.LOG_LEVEL === undefined ? 'warn' : config.logLevel;
  const log = createLogger({ level, secrets: config.discordToken === undefined ? [] : [config.discordToken] });
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { error: describeError(reason) }));
  // Which folders this run writes (the defaults move when the working directory's .cache cannot be written).
  log.info('run-time folders', {
    indexCache: config.indexCacheDir ?? 'off',
    state: config.stateDir,
    ...(config.runTimeFolderFallback === undefined ? {} : { because: config.runTimeFolderFallback }),
  });
  // Every mode stops the same way, and a stop may come before anything has loaded.
  const stopper = new StopOnSignal({ log }).listen();
  // HTTP mode: one process answering POSTs; replicas share buttons through the state store.
  if (httpInteractions !== undefined) await runHttpMode({ live: liveDeskFor(config, log), config, interactions: httpInteractions, log, fail, stopper });
  // The console: no Discord at all.
  else if (consoleMode || config.discordToken === undefined) await runLocalConsole(liveDeskFor(config, log), config, log, wantsConsole, stopper);
  // Gateway sharding: this process only manages the shard processes and loads no documents.
  else if (config.shards !== undefined) await runShards(config.discordToken, config.shards, config, log, stopper);
  // Gateway mode: one process, one connection.
  else await runDiscordBot(liveDeskFor(config, log), config, config.discordToken, log, stopper);
}

await main();
