/**
 * The CLI's folders and document-loading settings, from --seeds and the environment (or .env): the
 * rules are in src/config/folders.ts and src/config/documentLoading.ts.
 */
import { config as loadDotenv } from 'dotenv';
import { documentLoadingFrom, type DocumentLoading } from '../config/documentLoading.ts';
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

/** FOLLOW_SYMLINKS and MAX_DOCUMENT_BYTES; problems name a malformed variable. */
export function resolveDocumentLoading(): { loading: DocumentLoading; problems: string[] } {
  const problems: string[] = [];
  const loading = documentLoadingFrom(loadEnvironment(), problems);
  return { loading, problems };
}
