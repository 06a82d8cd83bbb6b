/**
 * Which folder the documents come from: --seeds DIR, else SEEDS_DIR (from the environment or
 * .env), else seeds/ — relative paths resolved against the current directory.
 */
import { config as loadDotenv } from 'dotenv';
import { resolve } from 'node:path';

export function resolveSeedsFolder(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  // quiet: dotenv would otherwise announce itself on stdout, breaking the JSON lines contract.
  loadDotenv({ quiet: true });
  return resolve(flag ?? env.SEEDS_DIR ?? 'seeds');
}
