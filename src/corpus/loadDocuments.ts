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
import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { decodeDocument } from './decodeDocument.ts';
import type { LoadProblem, SourceDocument } from './types.ts';

export { decodeDocument };

const DOCUMENT_EXTENSIONS = /\.(md|markdown|txt)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules']);
const READ_BATCH = 64;

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
}

/** A document file found in the seeds folder, before it is read: a regular file within the size limit. */
export interface DocumentFile {
  /** Path relative to the seeds folder, with `/` (a link's own name, not its target's). */
  path: string;
  /** Where the bytes are read from: the file itself, or a link's checked target. */
  absolutePath: string;
  size: number;
  modifiedMs: number;
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

/** Every servable .md and .txt file under the seeds folder, with size and modification time, without reading them. */
export async function listDocuments(seedsDir: string, options: LoadOptions = {}): Promise<CorpusListing> {
  const walk: Walk = {
    seedsDir,
    realRoot: seedsDir,
    followSymlinks: options.followSymlinks === true,
    maxBytes: maxBytesOf(options),
    files: [],
    problems: [],
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

/** Reads and decodes listed files; a file that cannot be served becomes a problem naming it and why. */
export async function readDocuments(files: readonly DocumentFile[], options: LoadOptions = {}): Promise<LoadedCorpus> {
  const maxBytes = maxBytesOf(options);
  // Read in parallel batches: one await per file makes a folder of a thousand small files slow.
  const outcomes: Array<SourceDocument | LoadProblem> = [];
  for (let i = 0; i < files.length; i += READ_BATCH) {
    outcomes.push(...(await Promise.all(files.slice(i, i + READ_BATCH).map((file) => readDocument(file, maxBytes)))));
  }
  const documents: SourceDocument[] = [];
  const problems: LoadProblem[] = [];
  for (const outcome of outcomes) {
    if ('reason' in outcome) problems.push(outcome);
    else documents.push(outcome);
  }
  return { documents, problems };
}

export async function loadDocuments(seedsDir: string, options: LoadOptions = {}): Promise<LoadedCorpus> {
  const listing = await listDocuments(seedsDir, options);
  const read = await readDocuments(listing.files, options);
  return { documents: read.documents, problems: [...listing.problems, ...read.problems] };
}

async function readDocument(file: DocumentFile, maxBytes: number): Promise<SourceDocument | LoadProblem> {
  const bytes = await readRegularFile(file.absolutePath, maxBytes);
  if ('problem' in bytes) return { path: file.path, reason: bytes.problem };
  const decoded = decodeDocument(bytes.data);
  return 'problem' in decoded ? { path: file.path, reason: decoded.problem } : { path: file.path, text: decoded.text };
}

/**
 * The bytes of a regular file, at most maxBytes of them. The file is opened non-blocking (a FIFO
 * swapped in after listing cannot hang the read), the opened descriptor is checked to be a regular
 * file, and never more than maxBytes + 1 bytes are read (a file that grows cannot fill memory).
 * The path is a checked real path, so a link swapped in for it is refused too (O_NOFOLLOW).
 */
export async function readRegularFile(absolutePath: string, maxBytes: number): Promise<{ data: Buffer } | { problem: string }> {
  let handle;
  try {
    handle = await open(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    return { problem: fileErrorReason(error) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { problem: notRegularReason(info) };
    if (info.size > maxBytes) return { problem: tooLargeReason(info.size, maxBytes) };
    const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return { problem: `${tooLargeReason(length, maxBytes)} (it grew while being read)` };
      if (length === buffer.length) break;
    }
    return { data: buffer.subarray(0, length) };
  } catch (error) {
    return { problem: fileErrorReason(error) };
  } finally {
    await handle.close();
  }
}

/** Lists one folder and, recursively, the folders in it. */
async function collectFiles(walk: Walk, folder: Folder): Promise<void> {
  // Hidden files and folders (.env, .git, .ssh …) are never served, whatever they point at.
  const entries = (await readdir(folder.dir, { withFileTypes: true })).filter((entry) => !isSkippedEntryName(entry.name));
  // Entries are looked at in parallel batches: one stat at a time makes listing a big folder slow.
  for (let i = 0; i < entries.length; i += READ_BATCH) {
    await Promise.all(entries.slice(i, i + READ_BATCH).map((entry) => collectEntry(walk, folder, entry)));
  }
}

async function collectEntry(walk: Walk, folder: Folder, entry: Dirent): Promise<void> {
  const full = join(folder.dir, entry.name);
  const path = relative(walk.seedsDir, full).split(sep).join('/');
  const isDocumentName = DOCUMENT_EXTENSIONS.test(entry.name);
  const real = join(folder.real, entry.name);
  if (entry.isSymbolicLink()) await followLink(walk, folder, full, path, isDocumentName);
  else if (entry.isDirectory()) await walkFolder(walk, folder, full, path, real);
  else if (isDocumentName) await addFile(walk, path, real);
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
async function addFile(walk: Walk, path: string, real: string, known?: Stats): Promise<void> {
  let info: Stats;
  try {
    info = known ?? (await stat(real));
  } catch (error) {
    walk.problems.push({ path, reason: fileErrorReason(error) });
    return;
  }
  if (!info.isFile()) walk.problems.push({ path, reason: notRegularReason(info) });
  else if (info.size > walk.maxBytes) walk.problems.push({ path, reason: tooLargeReason(info.size, walk.maxBytes) });
  else walk.files.push({ path, absolutePath: real, size: info.size, modifiedMs: info.mtimeMs });
}

/** A symbolic link is followed only to a non-hidden target inside the seeds folder, or anywhere non-hidden when allowed. */
async function followLink(walk: Walk, folder: Folder, full: string, path: string, isDocumentName: boolean): Promise<void> {
  let real: string;
  let info: Stats;
  try {
    real = await realpath(full);
    info = await stat(real);
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
  } else await addFile(walk, path, real, info);
}

function notRegularReason(info: Stats): string {
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
