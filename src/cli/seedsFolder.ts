/** The CLI's folders, from --seeds and the environment (or .env): the rules are in src/config/folders.ts. */
import { config as loadDotenv } from 'dotenv';
import { indexCacheFolderFrom, seedsFolderFrom } from '../config/folders.ts';

let environmentLoaded = false;

function loadEnvironment(): NodeJS.ProcessEnv {
  // Once per process; quiet: dotenv would otherwise announce itself on stdout, breaking the JSON lines contract.
  if (!environmentLoaded) loadDotenv({ quiet: true });
  environmentLoaded = true;
  return process.env;
}

export function resolveSeedsFolder(flag: string | undefined): string {
  return seedsFolderFrom(loadEnvironment(), process.cwd(), flag);
}

export function resolveCacheFolder(): string | undefined {
  return indexCacheFolderFrom(loadEnvironment(), process.cwd());
}
