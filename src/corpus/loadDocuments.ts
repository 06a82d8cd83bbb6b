/**
 * Reads every .md and .txt file under the seeds folder, recursively, in a stable order.
 * A file that cannot be served (a link out of the folder, not a regular file, too large,
 * unreadable, binary, not valid UTF-8 or UTF-16, empty) becomes a LoadProblem naming the file and
 * the reason; every other file is still read.
 *
 * The seeds folder may come from someone else (a cloned repository keeps its symbolic links), so
 * nothing outside it is read unless allowed, hidden files are never read, and no read can block
 * or grow without bound: only regular files, opened non-blocking, at most the size limit.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import type { BigIntStats, Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { decodeDocument } from './decodeDocument.ts';
import type { LoadProblem, SourceDocument } from './types.ts';

export { decodeDocument };

const DOCUMENT_EXTENSIONS = /\.(md|markdown|txt)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules']);

/** Hidden entries (.git, .env, …) and dependency folders are never listed, served or watched. */
export function isSkippedEntryName(name: string): boolean {
  return name.startsWith('.') || SKIPPED_FOLDERS.has(name);
}

export const DEFAULT_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** How documents are found and read; the settings behind them are FOLLOW_SYMLINKS and MAX_DOCUMENT_BYTES. */
export interface LoadOptions {
  /** Follow symbolic links whose target is outside the seeds folder (never to a hidden file or folder). */
  followSymlinks?: boolean;
  /** Largest document read, in bytes. */
  maxDocumentBytes?: number;
}

export interface LoadedCorpus {
  documents: SourceDocument[];
  problems: LoadProblem[];
  /** What was read of each file, in the order given: the index cache keys its snapshot on these. */
  digests: FileDigest[];
}

/**
 * What a file's stat says about its contents: size, modification and status-change times (in
 * nanoseconds) and inode. Any write changes the status-change time (ctime), which, unlike the
 * modification time, cannot be set back (`touch -r` restores only the latter), so a file whose
 * stamp is unchanged has not been written since — see settledBefore for the one exception.
 */
export interface FileVersion {
  stamp: string;
  /** The later of the modification and status-change times, in ms since the epoch. */
  changedMs: number;
}

/** The bytes a read of a document file found, hashed, with the file's stat when it was opened. */
export interface FileDigest {
  path: string;
  absolutePath: string;
  /** SHA-256 (hex) of the bytes read, or, when none could be, why (the reason a LoadProblem gives). */
  digest: string;
  /** The opened file's stat: absent when it could not be opened. */
  version?: FileVersion;
}

/** A document file found in the seeds folder, before it is read: a regular file within the size limit. */
export interface DocumentFile {
  /** Path relative to the seeds folder, with `/` (a link's own name, not its target's). */
  path: string;
  /** Where the bytes are read from: the file itself, or a link's checked target. */
  absolutePath: string;
  size: number;
  modifiedMs: number;
  /** The file's stat when it was listed (absent for a file made up by a caller: it is then always read). */
  version?: FileVersion;
}

export interface CorpusListing {
  files: DocumentFile[];
  /** Problems with the folder itself (missing, unreadable, empty) and the files skipped while listing. */
  problems: LoadProblem[];
}

interface Walk {
  seedsDir: string;
  /** The seeds folder with every link resolved: "inside" is measured against it. */
  realRoot: string;
  followSymlinks: boolean;
  maxBytes: number;
  files: DocumentFile[];
  problems: LoadProblem[];
  turns: EventLoopTurns;
  onListed?: (file: DocumentFile) => void;
}

/** A folder being listed: its path as seen from the seeds folder, its real path, and the real paths of the folders above it. */
interface Folder {
  dir: string;
  real: string;
  /** A link back to one of these would loop forever. */
  ancestors: readonly string[];
}

function maxBytesOf(options: LoadOptions): number {
  return options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
}

/**
 * Every servable .md and .txt file under the seeds folder, with size and modification time, without
 * reading them. `onListed` hears of each file as it is found (in walk order, not yet sorted).
 */
export async function listDocuments(seedsDir: string, options: LoadOptions = {}, onListed?: (file: DocumentFile) => void): Promise<CorpusListing> {
  const walk: Walk = {
    onListed,
    seedsDir,
    realRoot: seedsDir,
    followSymlinks: options.followSymlinks === true,
    maxBytes: maxBytesOf(options),
    files: [],
    problems: [],
    turns: new EventLoopTurns(),
  };
  try {
    walk.realRoot = await realpath(seedsDir);
    await collectFiles(walk, { dir: seedsDir, real: walk.realRoot, ancestors: [] });
  } catch (error) {
    return { files: [], problems: [{ path: seedsDir, reason: folderProblem(error) }] };
  }
  walk.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  walk.problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (walk.files.length === 0 && walk.problems.length === 0) {
    walk.problems.push({ path: seedsDir, reason: 'holds no .md or .txt files: add documents there, or point --seeds / SEEDS_DIR at the folder that has them' });
  }
  return { files: walk.files, problems: walk.problems };
}

/**
 * Lets a long synchronous job give the event loop a turn every few milliseconds: a thread that
 * reads 100 MB of documents keeps answering whatever else it serves.
 */
export class EventLoopTurns {
  private since = performance.now();

  constructor(private readonly everyMs = 10) {}

  async take(): Promise<void> {
    if (performance.now() - this.since < this.everyMs) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}

/**
 * Reads, hashes and decodes listed files, each read once; a file that cannot be served becomes a
 * problem naming it and why. The reads are synchronous, with turns given to the event loop in
 * between: for thousands of small files several times faster than a promise per call (measured at
 * 100 MB: 0.8 s against 6 s in batches of 64 promises).
 */
export async function readDocuments(files: readonly DocumentFile[], options: LoadOptions = {}): Promise<LoadedCorpus> {
  const maxBytes = maxBytesOf(options);
  const turns = new EventLoopTurns();
  const corpus: LoadedCorpus = { documents: [], problems: [], digests: [] };
  for (const file of files) {
    const read = readRegularFile(file.absolutePath, maxBytes);
    corpus.digests.push(digestOf(file, read));
    const decoded = 'problem' in read ? read : decodeDocument(read.data);
    if ('problem' in decoded) corpus.problems.push({ path: file.path, reason: decoded.problem });
    else corpus.documents.push({ path: file.path, text: decoded.text });
    await turns.take();
  }
  return corpus;
}

/**
 * Hashes listed files as readDocuments does, without decoding them: for a restart that must tell
 * whether they still hold what a snapshot was built from.
 */
export async function digestDocuments(files: readonly DocumentFile[], options: LoadOptions = {}): Promise<FileDigest[]> {
  const maxBytes = maxBytesOf(options);
  const turns = new EventLoopTurns();
  const digests: FileDigest[] = [];
  for (const file of files) {
    digests.push(digestOf(file, readRegularFile(file.absolutePath, maxBytes)));
    await turns.take();
  }
  return digests;
}

/** One rule for what a read of a file says about it, whichever reader made it. */
function digestOf(file: DocumentFile, read: FileRead): FileDigest {
  const digest = 'data' in read ? createHash('sha256').update(read.data).digest('hex') : read.problem;
  return { path: file.path, absolutePath: file.absolutePath, digest, version: read.version };
}

export async function loadDocuments(seedsDir: string, options: LoadOptions = {}): Promise<LoadedCorpus> {
  const listing = await listDocuments(seedsDir, options);
  const read = await readDocuments(listing.files, options);
  return { ...read, problems: [...listing.problems, ...read.problems] };
}

/** What the file's stat says, as FileVersion records it. */
export function versionOf(info: BigIntStats): FileVersion {
  const changedNs = info.ctimeNs > info.mtimeNs ? info.ctimeNs : info.mtimeNs;
  return { stamp: `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}:${info.dev}`, changedMs: Number(changedNs / 1_000_000n) };
}

/** The version of a file now, or undefined when it cannot be stat'ed. */
export function currentVersion(absolutePath: string): FileVersion | undefined {
  try {
    return versionOf(statSync(absolutePath, { bigint: true }));
  } catch {
    return undefined;
  }
}

/**
 * Margin by which a file must have been last changed before it was read for an unchanged stamp to
 * prove it unchanged since. A write in the same clock tick as the read (Linux stamps files with a
 * coarse clock, 1–10 ms a tick; FAT keeps 2 s) can leave the stamp as it was: the "racy" case of
 * git's index, settled the same way, by not trusting a stamp that recent.
 */
export const SETTLE_MS = 2_000;

/** Whether a file of this version, read at readAtMs, is known unchanged for as long as its stamp stays the same. */
export function settledBefore(version: FileVersion, readAtMs: number): boolean {
  return version.changedMs < readAtMs - SETTLE_MS;
}

type FileRead = { data: Buffer; version: FileVersion } | { problem: string; version?: FileVersion };

/**
 * The bytes of a regular file, at most maxBytes of them, with its stat when opened. The file is
 * opened non-blocking (a FIFO swapped in after listing cannot hang the read), the opened
 * descriptor is checked to be a regular file, and never more than maxBytes + 1 bytes are read (a
 * file that grows cannot fill memory). The path is a checked real path, so a link swapped in for
 * it is refused too (O_NOFOLLOW).
 */
export function readRegularFile(absolutePath: string, maxBytes: number): FileRead {
  let fd: number;
  try {
    fd = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    return { problem: fileErrorReason(error) };
  }
  let version: FileVersion | undefined;
  try {
    const info = fstatSync(fd, { bigint: true });
    version = versionOf(info);
    if (!info.isFile()) return { problem: notRegularReason(info), version };
    const size = Number(info.size);
    if (size > maxBytes) return { problem: tooLargeReason(size, maxBytes), version };
    const buffer = Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return { problem: `${tooLargeReason(length, maxBytes)} (it grew while being read)`, version };
      if (length === buffer.length) break;
    }
    return { data: buffer.subarray(0, length), version };
  } catch (error) {
    return { problem: fileErrorReason(error), version };
  } finally {
    closeSync(fd);
  }
}

/** Lists one folder and, recursively, the folders in it. */
async function collectFiles(walk: Walk, folder: Folder): Promise<void> {
  // Hidden files and folders (.env, .git, .ssh …) are never served, whatever they point at.
  const entries = readdirSync(folder.dir, { withFileTypes: true }).filter((entry) => !isSkippedEntryName(entry.name));
  // Synchronous calls, with turns given to the event loop: a promise per stat made listing 31,241
  // files take 2 s; this takes a tenth of that.
  for (const entry of entries) {
    await collectEntry(walk, folder, entry);
    await walk.turns.take();
  }
}

async function collectEntry(walk: Walk, folder: Folder, entry: Dirent): Promise<void> {
  const full = join(folder.dir, entry.name);
  const path = relative(walk.seedsDir, full).split(sep).join('/');
  const isDocumentName = DOCUMENT_EXTENSIONS.test(entry.name);
  const real = join(folder.real, entry.name);
  if (entry.isSymbolicLink()) await followLink(walk, folder, full, path, isDocumentName);
  else if (entry.isDirectory()) await walkFolder(walk, folder, full, path, real);
  else if (isDocumentName) addFile(walk, path, real);
}

async function walkFolder(walk: Walk, parent: Folder, full: string, path: string, real: string): Promise<void> {
  if (real === parent.real || parent.ancestors.includes(real)) return;
  try {
    await collectFiles(walk, { dir: full, real, ancestors: [...parent.ancestors, parent.real] });
  } catch (error) {
    walk.problems.push({ path, reason: folderProblem(error) });
  }
}

/** A regular file with a document name: listed when within the size limit. */
function addFile(walk: Walk, path: string, real: string, known?: BigIntStats): void {
  let info: BigIntStats;
  try {
    info = known ?? statSync(real, { bigint: true });
  } catch (error) {
    walk.problems.push({ path, reason: fileErrorReason(error) });
    return;
  }
  const size = Number(info.size);
  if (!info.isFile()) walk.problems.push({ path, reason: notRegularReason(info) });
  else if (size > walk.maxBytes) walk.problems.push({ path, reason: tooLargeReason(size, walk.maxBytes) });
  else {
    const file: DocumentFile = { path, absolutePath: real, size, modifiedMs: Number(info.mtimeNs) / 1e6, version: versionOf(info) };
    walk.files.push(file);
    walk.onListed?.(file);
  }
}

/** A symbolic link is followed only to a non-hidden target inside the seeds folder, or anywhere non-hidden when allowed. */
async function followLink(walk: Walk, folder: Folder, full: string, path: string, isDocumentName: boolean): Promise<void> {
  let real: string;
  let info: BigIntStats;
  try {
    real = realpathSync.native(full);
    info = statSync(real, { bigint: true });
  } catch (error) {
    // A broken link is worth a word only when it was meant to be a document.
    if (isDocumentName) walk.problems.push({ path, reason: brokenLinkReason(error) });
    return;
  }
  if (!info.isDirectory() && !isDocumentName) return;
  const what = info.isDirectory() ? 'folder' : 'file';
  const inside = real === walk.realRoot || real.startsWith(walk.realRoot + sep);
  const shownTarget = inside ? relative(walk.realRoot, real) : real;
  if (shownTarget.split(sep).some((part) => part.startsWith('.'))) {
    walk.problems.push({ path, reason: `is a symbolic link to a hidden ${what}: hidden files and folders (.env, .git …) are never served, whatever the link is called` });
    return;
  }
  if (!inside && !walk.followSymlinks) {
    walk.problems.push({ path, reason: `is a symbolic link to a ${what} outside the seeds folder: skipped (set FOLLOW_SYMLINKS=1 to follow links out of the folder)` });
    return;
  }
  // A link to a folder inside the seeds folder is not walked: its documents are listed where they
  // really are, under one stable path each (walking it too would serve them twice, or loop).
  if (info.isDirectory()) {
    if (!inside) await walkFolder(walk, folder, full, path, real);
  } else addFile(walk, path, real, info);
}

function notRegularReason(info: BigIntStats): string {
  const kind = info.isFIFO()
    ? 'a named pipe (FIFO)'
    : info.isSocket()
      ? 'a socket'
      : info.isCharacterDevice()
        ? 'a character device (such as /dev/zero)'
        : info.isBlockDevice()
          ? 'a block device'
          : info.isDirectory()
            ? 'a folder'
            : 'not a regular file';
  return `is ${kind}, not a regular file: only regular files are read; remove it or replace it with the document itself`;
}

function tooLargeReason(size: number, maxBytes: number): string {
  return `is ${formatBytes(size)}, over the document size limit of ${formatBytes(maxBytes)}: split it, or raise MAX_DOCUMENT_BYTES (now ${maxBytes} bytes)`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** What went wrong opening or reading a document, and what to do about it: one message per cause. */
export function fileErrorReason(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOENT':
      return 'no longer exists (it was removed or renamed while the folder was being read): nothing to do if that was meant, else put it back';
    case 'ELOOP':
      return 'is a symbolic link where a file was expected (it changed while the folder was being read): replace the link with the document itself';
    case 'EISDIR':
      return 'is a folder, not a file (it was replaced while the folder was being read): nothing to do, the next reload lists what it holds';
    case 'EACCES':
    case 'EPERM':
      return `cannot be read (permission denied, ${code}): check its permissions, e.g. chmod a+r`;
    case 'EMFILE':
    case 'ENFILE':
      return `cannot be opened now (${code}: too many open files): raise the open-file limit (ulimit -n) and reload`;
    default:
      return `cannot be read (${code})`;
  }
}

function brokenLinkReason(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ELOOP') return 'is a symbolic link that loops back on itself (ELOOP): fix the link or remove it';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'is a symbolic link to nothing (its target does not exist): fix the link or remove it';
  if (code === 'EACCES' || code === 'EPERM') return `is a symbolic link whose target cannot be reached (permission denied, ${code}): check the permissions of the target and its folders`;
  return `is a symbolic link that cannot be followed (${code})`;
}

function folderProblem(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ENOENT') return 'folder does not exist: create it and put .md or .txt documents in it, or pass --seeds DIR';
  if (code === 'ENOTDIR') return 'is not a folder: pass the folder that holds the documents';
  if (code === 'EACCES' || code === 'EPERM') return `folder cannot be read (permission denied, ${code}): check its permissions, e.g. chmod a+rx`;
  if (code === 'ELOOP') return 'is a symbolic link that loops back on itself (ELOOP): fix the link or point at the real folder';
  return `folder cannot be read (${code})`;
}
