/**
 * Reads every .md and .txt file under the seeds folder, recursively, in a stable order.
 * A file that cannot be served (unreadable, binary, not valid UTF-8 or UTF-16, empty) becomes a
 * LoadProblem naming the file and the reason; every other file is still read.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { LoadProblem, SourceDocument } from './types.ts';

const DOCUMENT_EXTENSIONS = /\.(md|markdown|txt)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
const READ_BATCH = 64;

export interface LoadedCorpus {
  documents: SourceDocument[];
  problems: LoadProblem[];
}

/** A document file found in the seeds folder, before it is read. */
export interface DocumentFile {
  /** Path relative to the seeds folder, with `/`. */
  path: string;
  absolutePath: string;
  size: number;
  modifiedMs: number;
}

export interface CorpusListing {
  files: DocumentFile[];
  /** Problems with the folder itself (missing, unreadable, empty). */
  problems: LoadProblem[];
}

/** Every .md and .txt file under the seeds folder, with size and modification time, without reading them. */
export async function listDocuments(seedsDir: string): Promise<CorpusListing> {
  const problems: LoadProblem[] = [];
  const paths: string[] = [];
  try {
    await collectFiles(seedsDir, paths, problems, seedsDir);
  } catch (error) {
    problems.push({ path: seedsDir, reason: folderProblem(error) });
    return { files: [], problems };
  }
  paths.sort();
  if (paths.length === 0) {
    problems.push({ path: seedsDir, reason: 'holds no .md or .txt files: add documents there, or point --seeds / SEEDS_DIR at the folder that has them' });
  }
  const files: DocumentFile[] = [];
  for (let i = 0; i < paths.length; i += READ_BATCH) {
    const batch = await Promise.all(
      paths.slice(i, i + READ_BATCH).map(async (absolutePath) => {
        const path = relative(seedsDir, absolutePath).split(sep).join('/');
        try {
          const info = await stat(absolutePath);
          return { path, absolutePath, size: info.size, modifiedMs: info.mtimeMs };
        } catch {
          return { path, absolutePath, size: -1, modifiedMs: -1 };
        }
      }),
    );
    files.push(...batch);
  }
  return { files, problems };
}

/** Reads and decodes listed files; a file that cannot be served becomes a problem naming it and why. */
export async function readDocuments(files: readonly DocumentFile[]): Promise<LoadedCorpus> {
  // Read in parallel batches: one await per file makes a folder of a thousand small files slow.
  const outcomes: Array<SourceDocument | LoadProblem> = [];
  for (let i = 0; i < files.length; i += READ_BATCH) {
    outcomes.push(...(await Promise.all(files.slice(i, i + READ_BATCH).map((file) => readDocument(file)))));
  }
  const documents: SourceDocument[] = [];
  const problems: LoadProblem[] = [];
  for (const outcome of outcomes) {
    if ('reason' in outcome) problems.push(outcome);
    else documents.push(outcome);
  }
  return { documents, problems };
}

export async function loadDocuments(seedsDir: string): Promise<LoadedCorpus> {
  const listing = await listDocuments(seedsDir);
  const read = await readDocuments(listing.files);
  return { documents: read.documents, problems: [...listing.problems, ...read.problems] };
}

async function readDocument({ path, absolutePath }: DocumentFile): Promise<SourceDocument | LoadProblem> {
  try {
    const decoded = decodeDocument(await readFile(absolutePath));
    return 'problem' in decoded ? { path, reason: decoded.problem } : { path, text: decoded.text };
  } catch (error) {
    return { path, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): check its permissions` };
  }
}

async function collectFiles(dir: string, into: string[], problems: LoadProblem[], root: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      try {
        await collectFiles(full, into, problems, root);
      } catch (error) {
        problems.push({ path: relative(root, full).split(sep).join('/'), reason: folderProblem(error) });
      }
    } else if ((entry.isFile() || entry.isSymbolicLink()) && DOCUMENT_EXTENSIONS.test(entry.name)) {
      into.push(full);
    }
  }
}

function folderProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'folder does not exist: create it and put .md or .txt documents in it, or pass --seeds DIR';
  if (code === 'ENOTDIR') return 'is not a folder: pass the folder that holds the documents';
  if (code === 'EACCES') return 'folder cannot be read (permission denied)';
  return `folder cannot be read (${code ?? String(error)})`;
}

/** Decodes a document's bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM. */
export function decodeDocument(bytes: Uint8Array): { text: string } | { problem: string } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return nonEmpty(new TextDecoder(encoding, { fatal: true }).decode(bytes));
    } catch {
      return { problem: `is not valid ${encoding.toUpperCase()} text: re-save it as UTF-8` };
    }
  }
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return { problem: 'looks binary (it contains NUL bytes), not a text document: remove it or convert it to .md/.txt' };
  try {
    return nonEmpty(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { problem: 'is not valid UTF-8 text: re-save it as UTF-8 (for example with iconv -f GB18030 -t UTF-8)' };
  }
}

function nonEmpty(text: string): { text: string } | { problem: string } {
  return text.trim().replace(/^\uFEFF/, '') === '' ? { problem: 'is empty: nothing to serve' } : { text };
}
