/**
 * Where the documents come from and where the index cache goes.
 * Which folder the documents come from: --seeds DIR, else SEEDS_DIR (from the environment or
 * .env), else seeds/ — relative paths resolved against the current directory.
 */
import { config as loadDotenv } from 'dotenv';
import { join, resolve } from 'node:path';

export function resolveSeedsFolder(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  // quiet: dotenv would otherwise announce itself on stdout, breaking the JSON lines contract.
  loadDotenv({ quiet: true });
  return resolve(flag ?? env.SEEDS_DIR ?? 'seeds');
}

/**
 * The index cache folder: INDEX_CACHE_DIR, else .cache/index; "off" (or an empty value) turns the
 * cache off. The cache only ever speeds up a start: a stale or damaged one is rebuilt.
 */
export function resolveCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.INDEX_CACHE_DIR;
  if (configured !== undefined && (configured.trim() === '' || configured.trim().toLowerCase() === 'off')) return undefined;
  return resolve(configured ?? join('.cache', 'index'));
}
