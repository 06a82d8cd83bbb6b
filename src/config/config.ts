/**
 * Configuration from the environment (.env through dotenv), validated once at start.
 * Every problem is reported in one line that names the variable but never echoes a secret.
 */
import { statSync } from 'node:fs';
import { documentLoadingFrom, type DocumentLoading } from './documentLoading.ts';
import { present, readInteger, type Env } from './envValues.ts';
import { describePassedOver, indexCacheFolderFrom, runTimeBaseFrom, seedsFolderFrom, stateFolderFrom, usesDefaultRunTimeFolder } from './folders.ts';
import { isLogLevel, LOG_LEVELS, type LogLevel } from '../logging/log.ts';

export interface CooldownConfig {
  /** How many commands or button presses one user may make per window. */
  uses: number;
  windowMs: number;
}

export interface Config {
  /** Absent: the bot cannot connect and `npm start` opens the local console instead. */
  discordToken?: string;
  discordClientId?: string;
  discordGuildId?: string;
  /** Absolute path of the documents folder. */
  seedsDir: string;
  logLevel: LogLevel;
  cooldown: CooldownConfig;
  /** Quiet time after the last change in the seeds folder before the index is rebuilt. */
  reloadDebounceMs: number;
  /** Base URL of Discord's REST API; only tests and local emulators change it. */
  discordRestApi?: string;
  /** Where the desk keeps its on-disk index cache; undefined turns the cache off. */
  indexCacheDir?: string;
  /** How documents are read: links out of the seeds folder (FOLLOW_SYMLINKS) and the size limit (MAX_DOCUMENT_BYTES). */
  documentLoading: DocumentLoading;
  /** Absolute path of the state folder (STATE_DIR): the button secret, and the component state without Redis. */
  stateDir: string;
  /** Why a default run-time folder is not under the working directory's .cache (it could not be written), if so. */
  runTimeFolderFallback?: string;
  /** Redis for the component state and cooldowns (REDIS_URL); unset: the state folder. */
  redisUrl?: string;
  /** SHARDS: run through discord.js's ShardingManager, one process per shard; unset: one process. */
  shards?: ShardCount;
  /** HTTP interactions mode: set when DISCORD_PUBLIC_KEY, DISCORD_CLIENT_ID and INTERACTIONS_PORT all are. */
  interactions?: InteractionsConfig;
}

export interface InteractionsConfig {
  /** The application's Ed25519 public key, 64 hex characters (Developer Portal, General Information). */
  publicKey: string;
  applicationId: string;
  port: number;
}

/** "auto" asks Discord how many shards it recommends. */
export type ShardCount = number | 'auto';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const SNOWFLAKE = /^\d{17,20}$/;
// A bot token is three base64url parts: the bot's id, a timestamp and an HMAC.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}$/;

/**
 * Reads and checks the configuration. Throws a ConfigError whose message lists every problem
 * found, on one line.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];

  const discordToken = present(env.DISCORD_TOKEN)?.replace(/^Bot\s+/i, '');
  if (discordToken !== undefined && !TOKEN_SHAPE.test(discordToken)) {
    problems.push('DISCORD_TOKEN does not look like a bot token (three parts separated by dots); copy it again from the Developer Portal, Bot page');
  }
  const discordClientId = present(env.DISCORD_CLIENT_ID);
  if (discordClientId !== undefined && !SNOWFLAKE.test(discordClientId)) {
    problems.push(`DISCORD_CLIENT_ID must be the application id, 17 to 20 digits (got "${discordClientId}")`);
  }
  const discordGuildId = present(env.DISCORD_GUILD_ID);
  if (discordGuildId !== undefined && !SNOWFLAKE.test(discordGuildId)) {
    problems.push(`DISCORD_GUILD_ID must be a server id, 17 to 20 digits (got "${discordGuildId}")`);
  }

  const seedsDir = seedsFolderFrom(env, cwd);
  try {
    if (!statSync(seedsDir).isDirectory()) problems.push(`SEEDS_DIR ${seedsDir} is not a folder`);
  } catch {
    problems.push(`SEEDS_DIR ${seedsDir} does not exist`);
  }

  const rawLevel = present(env.LOG_LEVEL)?.toLowerCase() ?? 'info';
  let logLevel: LogLevel = 'info';
  if (isLogLevel(rawLevel)) logLevel = rawLevel;
  else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${rawLevel}")`);

  const cooldown: CooldownConfig = {
    uses: readInteger(env, 'COOLDOWN_USES', 5, 1, 1_000, problems),
    windowMs: readInteger(env, 'COOLDOWN_SECONDS', 10, 0, 3_600, problems) * 1_000,
  };
  const reloadDebounceMs = readInteger(env, 'RELOAD_DEBOUNCE_MS', 500, 0, 60_000, problems);

  const discordRestApi = present(env.DISCORD_REST_API);
  if (discordRestApi !== undefined && !/^https?:\/\/[^\s]+$/.test(discordRestApi)) {
    problems.push(`DISCORD_REST_API must be an http(s) URL (got "${discordRestApi}")`);
  }

  // Probed once, and only when a default is used: a set INDEX_CACHE_DIR and STATE_DIR touch nothing else.
  const runTimeBase = usesDefaultRunTimeFolder(env) ? runTimeBaseFrom(env, cwd) : undefined;
  const runTimeFolderFallback = runTimeBase === undefined ? undefined : describePassedOver(runTimeBase);
  const indexCacheDir = indexCacheFolderFrom(env, cwd, runTimeBase);
  const documentLoading = documentLoadingFrom(env, problems);

  const stateDir = stateFolderFrom(env, cwd, runTimeBase);
  const redisUrl = present(env.REDIS_URL);
  // Never echoed: a Redis URL may carry a password.
  if (redisUrl !== undefined && !isRedisUrl(redisUrl)) problems.push('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://localhost:6379');
  const shards = readShards(env, problems);
  const interactions = interactionsFrom(env, discordClientId, problems);

  if (problems.length > 0) throw new ConfigError(`Configuration problem: ${problems.join('; ')}.`);
  return { discordToken, discordClientId, discordGuildId, seedsDir, logLevel, cooldown, reloadDebounceMs, discordRestApi, indexCacheDir, documentLoading, stateDir, runTimeFolderFallback, redisUrl, shards, interactions };
}

function isRedisUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Most shards one bot is run with here; Discord's own maximum depends on the bot's size. */
const MAX_SHARDS = 1_000;

function readShards(env: Env, problems: string[]): ShardCount | undefined {
  // In a process the ShardingManager spawned, discord.js sets SHARDS to that process's shard id:
  // it is not the setting any more, and the process is one shard, not a manager.
  if (env.SHARDING_MANAGER === 'true') return undefined;
  const raw = present(env.SHARDS)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (raw === 'auto') return 'auto';
  const count = Number(raw);
  if (Number.isInteger(count) && count >= 1 && count <= MAX_SHARDS) return count;
  problems.push(`SHARDS must be "auto" or a whole number of shards from 1 to ${MAX_SHARDS} (got "${raw}")`);
  return undefined;
}

const PUBLIC_KEY_HEX = /^[0-9a-fA-F]{64}$/;

/** HTTP mode needs its three settings together; one without the others is a mistake worth naming. */
function interactionsFrom(env: Env, applicationId: string | undefined, problems: string[]): InteractionsConfig | undefined {
  const publicKey = present(env.DISCORD_PUBLIC_KEY);
  const rawPort = present(env.INTERACTIONS_PORT);
  if (publicKey === undefined && rawPort === undefined) return undefined;
  const before = problems.length;
  if (publicKey !== undefined && !PUBLIC_KEY_HEX.test(publicKey)) {
    problems.push('DISCORD_PUBLIC_KEY must be the application\'s public key, 64 hex characters (Developer Portal, General Information)');
  }
  const port = readInteger(env, 'INTERACTIONS_PORT', 0, 1, 65_535, problems);
  const missing = [
    publicKey === undefined ? 'DISCORD_PUBLIC_KEY' : undefined,
    applicationId === undefined ? 'DISCORD_CLIENT_ID' : undefined,
    rawPort === undefined ? 'INTERACTIONS_PORT' : undefined,
  ].filter((name) => name !== undefined);
  if (missing.length > 0) problems.push(`HTTP interactions mode needs DISCORD_PUBLIC_KEY, DISCORD_CLIENT_ID and INTERACTIONS_PORT together; set ${missing.join(' and ')} too, or unset the others`);
  if (problems.length > before || publicKey === undefined || applicationId === undefined) return undefined;
  return { publicKey: publicKey.toLowerCase(), applicationId, port };
}
