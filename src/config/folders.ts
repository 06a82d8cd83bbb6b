/**
 * The two folders every entry point needs, one rule each: where the documents are and where the
 * index cache goes. The bot's configuration and the CLI both read them from here.
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
