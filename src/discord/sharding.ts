/**
 * Gateway sharding (SHARDS=auto or a number): this process becomes discord.js's ShardingManager
 * and runs the bot once per shard, each in a child process started from the same entry script with
 * the same Node options (dist/main.js in production; src/main.ts through tsx in development). A
 * child knows it is a shard from the environment the manager gives it (SHARDING_MANAGER, SHARDS,
 * SHARD_COUNT), which discord.js's client reads by itself; it then runs as the plain bot does.
 * A shard that dies is started again by the manager.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { REST, Routes, ShardingManager, type Client, type RESTGetAPIGatewayBotResult } from 'discord.js';
import type { ShardCount } from '../config/config.ts';
import { describeError, type Logger } from '../logging/log.ts';
import type { DeskSource } from '../reply/deskReader.ts';

/** Discord allows one IDENTIFY per 5 s in each concurrency bucket; the margin is discord.js's own. */
const IDENTIFY_SPACING_MS = 5_500;

export interface ShardId {
  id: number;
  count: number;
}

/** The shard this client is, when it runs under a ShardingManager. */
export function shardOf(client: Client): ShardId | undefined {
  const util = client.shard;
  const id = util?.ids[0];
  return util === null || util === undefined || id === undefined ? undefined : { id, count: util.count };
}

/** The desk as a shard sees it: the facts name the shard, so /about can say which one answered. */
export function deskNamingShard(desk: DeskSource, client: Client): DeskSource {
  return {
    current: () => desk.current(),
    ready: () => desk.ready(),
    facts: () => {
      const shard = shardOf(client);
      return shard === undefined ? desk.facts() : { ...desk.facts(), shard };
    },
  };
}

export interface ShardManagerOptions {
  token: string;
  shards: ShardCount;
  log: Logger;
  /** DISCORD_REST_API: where /gateway/bot is asked (the emulator in tests). */
  restApi?: string;
  /** The entry script each shard runs; by default the one this process runs. */
  script?: string;
  /** How long a stop waits for the shards to finish their replies. */
  drainMs?: number;
}

export interface RunningShards {
  count: number;
  /** Sends SIGTERM to every shard (each drains as a lone bot does) and waits for them to exit. */
  stop(): Promise<void>;
}

interface GatewayAdvice {
  shards: number;
  maxConcurrency: number;
}

/** Discord's recommendation for this bot, from DISCORD_REST_API (discord.js's own helper only asks discord.com). */
async function askGateway(token: string, restApi: string | undefined): Promise<GatewayAdvice> {
  const rest = new REST(restApi === undefined ? {} : { api: restApi }).setToken(token);
  const answer = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return { shards: answer.shards, maxConcurrency: answer.session_start_limit.max_concurrency };
}

/** Spawns every shard and resolves once all are connected; rejects (after stopping them) when one cannot start. */
export async function runShardManager(options: ShardManagerOptions): Promise<RunningShards> {
  const { log } = options;
  let advice: GatewayAdvice | undefined;
  try {
    advice = await askGateway(options.token, options.restApi);
  } catch (error) {
    if (options.shards === 'auto') throw error;
    log.warn('could not ask Discord for the gateway limits; shards start 5.5 s apart', { error: describeError(error) });
  }
  const count = options.shards === 'auto' ? (advice?.shards ?? 1) : options.shards;
  // Shards in different buckets may identify at once; with one bucket each shard waits its turn.
  const delay = advice !== undefined && advice.maxConcurrency >= count ? 0 : IDENTIFY_SPACING_MS;
  const script = options.script ?? process.argv[1];
  if (script === undefined) throw new Error('cannot tell which script to run for each shard');

  const manager = new ShardingManager(script, {
    token: options.token,
    totalShards: count,
    mode: 'process',
    respawn: true,
    // The same loader options as this process (tsx in development), none for the compiled start.
    execArgv: process.execArgv,
  });
  manager.on('shardCreate', (shard) => {
    log.info('shard starting', { shard: shard.id, shards: count });
    shard.on('death', () => {
      if (manager.respawn) log.warn('shard process exited; starting it again', { shard: shard.id });
    });
  });

  const stop = async (): Promise<void> => {
    manager.respawn = false;
    const exits = [...manager.shards.values()].map(
      (shard) =>
        new Promise<void>((resolve) => {
          const child = shard.process;
          if (child === null || child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    );
    const done = await Promise.race([Promise.all(exits).then(() => true), sleep(options.drainMs ?? 15_000).then(() => false)]);
    if (!done) {
      log.warn('some shards did not stop in time; ending them');
      for (const shard of manager.shards.values()) shard.process?.kill('SIGKILL');
    }
  };

  log.info('starting shards', { shards: count, recommended: advice?.shards, spacingMs: delay });
  try {
    await manager.spawn({ amount: count, delay, timeout: 60_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  log.info('all shards connected', { shards: count });
  return { count, stop };
}
