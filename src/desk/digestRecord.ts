/**
 * The digest record: next to the snapshots, for each seeds folder, every document file's stat
 * stamp (size, modification and status-change times, inode: FileVersion) and the SHA-256 of its
 * bytes when it had that stamp. A restart re-reads only the files whose stamp moved, as git does
 * with its index, instead of hashing the whole corpus (0.8–1.9 s at 100 MB) to compute the key.
 *
 * A stamp is recorded only once it is settled (settledBefore): a file written in the same clock
 * tick as it was read could keep its stamp with other bytes. The record is data on disk that
 * anything may have written: a missing, unreadable or malformed record is no record (every file is
 * hashed again, without a warning: nothing is served wrongly), and an entry is only a claim about
 * a stamp — a file whose stamp differs is always read.
 */
import { createHash } from 'node:crypto';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { settledBefore, type DocumentFile, type FileDigest } from '../corpus/loadDocuments.ts';
import { readCacheFile } from './readCacheFile.ts';
import { digestRecordProblem } from './validateSnapshot.ts';

/** Bump when the record's layout changes. */
export const DIGEST_RECORD_FORMAT = 1;
const RECORD_NAME = /^digests-[0-9a-f]{16}\.json$/;
/** A record bigger than this was not written by this program (a million files' entries fit). */
const MAX_RECORD_BYTES = 512 * 2 ** 20;

/** Absolute path of a file → its stamp and the SHA-256 of its bytes at that stamp. */
export type DigestEntries = Map<string, { stamp: string; digest: string }>;

interface RecordFile {
  format: number;
  seedsDir: string;
  /** Absolute path → [stamp, SHA-256]. */
  files: Record<string, [string, string]>;
}

/** The record file of a seeds folder in a cache folder (several seeds folders may share one). */
export function digestRecordName(seedsDir: string): string {
  return `digests-${createHash('sha256').update(resolve(seedsDir)).digest('hex').slice(0, 16)}.json`;
}

/** The recorded entries of a seeds folder; none when there is no valid record. */
export async function readDigestRecord(cacheFolder: string, seedsDir: string): Promise<DigestEntries> {
  const entries: DigestEntries = new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readCacheFile(join(cacheFolder, digestRecordName(seedsDir)), MAX_RECORD_BYTES)).toString('utf8'));
  } catch {
    return entries;
  }
  if (digestRecordProblem(parsed, DIGEST_RECORD_FORMAT, resolve(seedsDir)) !== undefined) return entries;
  for (const [path, [stamp, digest]] of Object.entries((parsed as RecordFile).files)) entries.set(path, { stamp, digest });
  return entries;
}

/** The recorded digest of a listed file, when the file's stamp is still the recorded one. */
export function recordedDigest(entries: DigestEntries, file: DocumentFile): string | undefined {
  const entry = entries.get(file.absolutePath);
  return entry !== undefined && file.version !== undefined && entry.stamp === file.version.stamp ? entry.digest : undefined;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Adds the digests of files read from readFromMs on (a build or a restart's hashing) whose stamps
 * are settled; a file that could not be read is left out (it is read again each time).
 */
export function recordDigests(entries: DigestEntries, digests: readonly FileDigest[], readFromMs: number): void {
  for (const { absolutePath, digest, version } of digests) {
    if (version !== undefined && SHA256_HEX.test(digest) && settledBefore(version, readFromMs)) entries.set(absolutePath, { stamp: version.stamp, digest });
    else entries.delete(absolutePath);
  }
}

/** Writes a seeds folder's record, holding only the entries of the files listed now, atomically. */
export async function writeDigestRecord(cacheFolder: string, seedsDir: string, entries: DigestEntries, listed: readonly DocumentFile[]): Promise<void> {
  const files: RecordFile['files'] = {};
  for (const { absolutePath } of listed) {
    const entry = entries.get(absolutePath);
    if (entry !== undefined) files[absolutePath] = [entry.stamp, entry.digest];
  }
  const record: RecordFile = { format: DIGEST_RECORD_FORMAT, seedsDir: resolve(seedsDir), files };
  const target = join(cacheFolder, digestRecordName(seedsDir));
  const temporary = `${target}.${process.pid}-${Date.now()}.writing`;
  try {
    await writeFile(temporary, JSON.stringify(record));
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Removes the records of seeds folders other than these (their snapshots were pruned). */
export async function pruneDigestRecords(cacheFolder: string, seedsDirs: Iterable<string>): Promise<void> {
  const keep = new Set([...seedsDirs].map(digestRecordName));
  for (const name of await readdir(cacheFolder)) {
    if (RECORD_NAME.test(name) && !keep.has(name)) await rm(join(cacheFolder, name), { force: true });
  }
}
