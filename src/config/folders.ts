/**
 * The folders every entry point needs, one rule each: where the documents are, where the index
 * cache goes and where the bot keeps its state. The bot's configuration and the CLI read them here.
 */
import { join, resolve } from 'node:path';
import { present, type Env } from './envValues.ts';

/** The documents folder: an explicit flag, else SEEDS_DIR, else seeds/ — relative to cwd. */
export function seedsFolderFrom(env: Env, cwd: string, flag?: string): string {
  return resolve(cwd, present(flag) ?? present(env.SEEDS_DIR) ?? 'seeds');
}

/**
 * The index cache folder: INDEX_CACHE_DIR, else .cache/index; "off" (or an empty value) turns the
 * cache off. The cache only ever speeds up a start: a stale or damaged one is rebuilt.
 */
export function indexCacheFolderFrom(env: Env, cwd: string): string | undefined {
  const configured = env.INDEX_CACHE_DIR;
  if (configured !== undefined && (configured.trim() === '' || configured.trim().toLowerCase() === 'off')) return undefined;
  return resolve(cwd, configured?.trim() ?? join('.cache', 'index'));
}

/**
 * The state folder: STATE_DIR, else .cache/state. The button secret lives here, and without
 * REDIS_URL the state behind buttons and the cooldowns too; replicas on one machine or volume share it.
 */
export function stateFolderFrom(env: Env, cwd: string): string {
  return resolve(cwd, present(env.STATE_DIR) ?? join('.cache', 'state'));
}
