/**
 * How the documents folder is read (src/corpus/loadDocuments.ts), from the environment: the bot's
 * configuration and the CLI both read it from here.
 *   FOLLOW_SYMLINKS     follow symbolic links out of the seeds folder (default off)
 *   MAX_DOCUMENT_BYTES  largest document read, in bytes (default 20 MiB)
 */
import { DEFAULT_MAX_DOCUMENT_BYTES, type LoadOptions } from '../corpus/loadDocuments.ts';
import { readFlag, readInteger, type Env } from './envValues.ts';

/** A JavaScript string holds at most about 2^29 UTF-16 units; a document near that cannot be decoded. */
const LARGEST_DOCUMENT_BYTES = 512 * 1024 * 1024;

export interface DocumentLoading extends LoadOptions {
  followSymlinks: boolean;
  maxDocumentBytes: number;
}

/** The loading settings; a malformed value adds a problem naming the variable (and its default is used). */
export function documentLoadingFrom(env: Env, problems: string[]): DocumentLoading {
  return {
    followSymlinks: readFlag(env, 'FOLLOW_SYMLINKS', false, problems),
    maxDocumentBytes: readInteger(env, 'MAX_DOCUMENT_BYTES', DEFAULT_MAX_DOCUMENT_BYTES, 1, LARGEST_DOCUMENT_BYTES, problems),
  };
}
