/**
 * The Discord client: only the Guilds intent (slash commands, buttons and menus need nothing
 * privileged), every interaction handed to handleInteraction and tracked, so that shutdown can
 * let in-flight replies finish before the client is destroyed.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { describeError, type Logger } from '../logging/log.ts';
import { Cooldown } from '../reply/cooldown.ts';
import type { DeskSource } from '../reply/deskReader.ts';
import type { CooldownConfig } from '../config/config.ts';
import { stateFolderFrom } from '../config/folders.ts';
import type { ComponentStateStore } from '../state/componentStateStore.ts';
import type { BotContext, CommandModule } from './commandModule.ts';
import { CustomIdCodec } from './customId.ts';
import { gatewayCall } from './gatewayAdapter.ts';
import { drainInFlight, handleInteraction } from './handleInteraction.ts';
import { DEFER_AFTER_MS, DRAIN_MS, LOADING_WAIT, type LoadingWait } from './limits.ts';
import { parkedReplyStore } from './replyStateStore.ts';
import { deskNamingShard, shardOf } from './sharding.ts';
import { loadStateSecret } from './stateSecret.ts';

export interface BotClientOptions {
  /** Base URL of the REST API (default https://discord.com/api); the emulator's URL in tests. */
  restApi?: string;
}

/** The test seam: the real client, pointed at another REST API (and thus another gateway) if asked. */
export function createBotClient(options: BotClientOptions = {}): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // Belt and braces: every reply sets allowed_mentions itself, this covers anything else.
    allowedMentions: { parse: [], repliedUser: false },
    ...(options.restApi === undefined ? {} : { rest: { api: options.restApi } }),
  });
}

export interface StartBotOptions extends BotClientOptions {
  token: string;
  desk: DeskSource;
  commands: ReadonlyMap<string, CommandModule>;
  log: Logger;
  cooldown: CooldownConfig;
  deferAfterMs?: number;
  /** How commands wait for the first documents: LOADING_WAIT, with what tests shorten. */
  loadingWait?: Partial<LoadingWait>;
  /** How long shutdown waits for in-flight replies. */
  drainMs?: number;
  /** Signs button custom_ids; by default STATE_SECRET, else the secret kept in the state folder. */
  stateSecret?: Uint8Array;
  /** The state folder (STATE_DIR) where the secret is kept; by default .cache/state (src/config/folders.ts). */
  stateDir?: string;
  /** Where button state and cooldowns live: shared with every replica, shard and later run. */
  state: ComponentStateStore;
}

export interface RunningBot {
  client: Client;
  bot: BotContext;
  /** Interactions being handled right now. */
  inFlight(): number;
  /** Turns new interactions away, waits for in-flight ones, destroys the client. */
  stop(): Promise<void>;
}

export type BotContextOptions = Pick<StartBotOptions, 'desk' | 'log' | 'cooldown' | 'deferAfterMs' | 'loadingWait' | 'stateSecret' | 'stateDir' | 'state'>;

/** What every handler gets, whichever transport brings the interactions (gateway or HTTP). */
export function createBotContext(options: BotContextOptions): BotContext {
  const stateDir = options.stateDir ?? stateFolderFrom(process.env, process.cwd());
  let beginStop: () => void = () => undefined;
  const stopping = new Promise<void>((resolve) => (beginStop = resolve));
  return {
    stopping,
    beginStop: () => beginStop(),
    desk: options.desk,
    store: parkedReplyStore(options.state),
    customIds: new CustomIdCodec(options.stateSecret ?? loadStateSecret({ env: process.env, folder: stateDir, log: options.log })),
    cooldown: new Cooldown(options.cooldown, options.state),
    log: options.log,
    deferAfterMs: options.deferAfterMs ?? DEFER_AFTER_MS,
    loadingWait: { ...LOADING_WAIT, ...options.loadingWait },
  };
}

/** Logs in and resolves once the client is ready; rejects when Discord refuses the token. */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const client = createBotClient(options);
  // Only a gateway client knows its shard; HTTP mode has none to name.
  const bot = createBotContext({ ...options, desk: deskNamingShard(options.desk, client) });
  const pending = new Set<Promise<void>>();
  let closing = false;
  const router = { commands: options.commands, closing: () => closing };

  client.on(Events.InteractionCreate, (interaction) => {
    const handling: Promise<void> = handleInteraction(gatewayCall(interaction), bot, router).then(
      () => undefined,
      () => undefined,
    ).finally(() => pending.delete(handling));
    pending.add(handling);
  });
  client.on(Events.Error, (error) => options.log.error('discord client error', { error: describeError(error) }));
  client.on(Events.ShardError, (error, shard) => options.log.warn('gateway connection error', { shard, error: describeError(error) }));
  client.on(Events.ShardReconnecting, (shard) => options.log.debug('gateway reconnecting', { shard }));
  client.on(Events.ShardResume, (shard, replayed) => options.log.info('gateway resumed', { shard, replayed }));
  client.on(Events.ShardDisconnect, (event, shard) => options.log.warn('gateway disconnected for good', { shard, code: event.code }));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(options.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  const shard = shardOf(client);
  options.log.info('connected to discord', { user: client.user?.tag, guilds: client.guilds.cache.size, shard: shard?.id, shards: shard?.count });

  return {
    client,
    bot,
    inFlight: () => pending.size,
    async stop() {
      closing = true;
      bot.beginStop();
      await drainInFlight(pending, options.drainMs ?? DRAIN_MS, options.log);
      await client.destroy();
      options.log.info('disconnected from discord');
    },
  };
}
