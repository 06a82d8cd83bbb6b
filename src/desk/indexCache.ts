/**
 * The on-disk index cache: a restart on an unchanged corpus loads the cleaned documents and the
 * FlexSearch index instead of cleaning and indexing again.
 *
 * A snapshot lives in `<cacheDir>/<key>/`. The key is the SHA-256 of its parts: this program's
 * shape (SNAPSHOT_FORMAT, the index configuration and the installed versions of the packages that
 * shape tokens and the index: programFingerprint.ts) and the documents — every file's path and the
 * SHA-256 of its raw bytes. Hashing the bytes means a restart reads every document (but neither
 * decodes nor cleans it): an edit that keeps size and modification time is still seen.
 *
 * The manifest records the key's parts, every document's hash, the seeds folder, and each snapshot
 * file's size and CRC-32. A stale, truncated, corrupt or inconsistent snapshot — a manifest or an
 * array of the wrong shape included — is detected and rebuilt, never served, and the log says why;
 * when the key changed, it says which part (comparing with the previous snapshot of the same seeds
 * folder). Snapshots are written to a temporary folder and renamed into place, so a reader never
 * sees half of one.
 *
 * Bulk data is stored as UTF-16 text blobs and typed arrays rather than JSON: passage texts, terms
 * and FlexSearch's export decode with one native copy each instead of a JSON parse of every string
 * (UTF-16, not UTF-8: decoding is a copy, and Chinese text is smaller in it).
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import type { DocumentFile } from '../corpus/loadDocuments.ts';
import type { CleanDocument, LoadProblem } from '../corpus/types.ts';
import type { PassageIndex, PassageIndexParts } from '../search/passageIndex.ts';
import { programShape, shapeChanges, SNAPSHOT_FORMAT, type ProgramShape } from './programFingerprint.ts';
import { indexPartsProblem, manifestProblem, storedDocumentsProblem } from './validateSnapshot.ts';

/** Snapshots kept per cache folder (several seeds folders may share one). */
const KEEP = 4;
const SNAPSHOT_NAME = /^[0-9a-f]{64}$/;
const HASH_CHUNK = 1 << 20;
/** Longest stretch of synchronous hashing before the event loop gets a turn. */
const YIELD_EVERY_MS = 10;

const INDEX_ARRAYS = ['documentFrequencies', 'firstPassage', 'sequence', 'starts', 'headingTerms', 'headingStarts', 'headingOf'] as const;
type IndexArrayName = (typeof INDEX_ARRAYS)[number];
/** The arrays of arrays.bin, in the order they are stored. */
const STORED_ARRAYS = [...INDEX_ARRAYS, 'textLengths'] as const;
const SNAPSHOT_FILES = ['texts.utf16', 'flexsearch.utf16', 'documents.json', 'terms.utf16', 'arrays.bin'] as const;

export interface DeskSnapshot {
  documents: CleanDocument[];
  /** Files of the corpus that could not be served, and why: they are not read again on a restart. */
  problems: LoadProblem[];
  index: PassageIndexParts;
}

/** The key of a snapshot, with the parts it was computed from (kept in the manifest to explain a miss). */
export interface SnapshotKey {
  key: string;
  /** The seeds folder, absolute: a miss is explained against this folder's previous snapshot. */
  seedsDir: string;
  program: ProgramShape;
  /** Document path → SHA-256 of its bytes (or what kept it from being read), in listing order. */
  documents: Record<string, string>;
}

interface Manifest {
  format: number;
  key: string;
  seedsDir: string;
  program: ProgramShape;
  documents: Record<string, string>;
  /** Hash of the cleaned corpus the snapshot holds (what the key's inputs produced), for the record. */
  cleanedCorpus: string;
  createdAt: string;
  /** Lengths of the typed arrays in arrays.bin, in INDEX_ARRAYS order, then the passage text lengths. */
  arrays: Record<string, number>;
  /** FlexSearch export keys and the UTF-16 length of each one's data in flexsearch.utf16. */
  flexsearch: Array<[string, number]>;
  files: Record<string, { bytes: number; crc32: number }>;
}

/** A snapshot; or why none was used: `missing` when there is none for the key (with what changed, when known), `broken` when one could not be served. */
export type LoadResult = { snapshot: DeskSnapshot } | { missing: string | undefined } | { broken: string };

/** What a save is given: the live index, whose bulk is streamed to disk rather than copied. */
export interface SnapshotSource {
  documents: CleanDocument[];
  problems: LoadProblem[];
  index: PassageIndex;
}

/** A snapshot file written in chunks, with its size and CRC-32 kept as it grows. */
class ChunkedFile {
  private readonly fd: number;
  bytes = 0;
  crc = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(data: Buffer): void {
    writeSync(this.fd, data);
    this.bytes += data.length;
    this.crc = crc32(data, this.crc);
  }

  close(): { bytes: number; crc32: number } {
    closeSync(this.fd);
    return { bytes: this.bytes, crc32: this.crc };
  }
}

/**
 * Lets a long synchronous job give the event loop a turn every few milliseconds: the bot keeps
 * answering while a restart hashes 100 MB of documents.
 */
class EventLoopTurns {
  private since = performance.now();

  async take(): Promise<void> {
    if (performance.now() - this.since < YIELD_EVERY_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}

/**
 * SHA-256 of a document file's raw bytes, read in chunks into one shared buffer (memory stays flat
 * on a huge file). Opened without blocking and checked to be a regular file first: a FIFO or a
 * device in the listing is not read here (the loader says what is wrong with it); its key part
 * says what it is instead. The reads are synchronous — for thousands of small files, several
 * times faster than a promise per read — with turns given to the event loop in between.
 */
async function hashDocumentFile(file: DocumentFile, chunk: Buffer, turns: EventLoopTurns): Promise<string> {
  let fd: number;
  try {
    fd = openSync(file.absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  try {
    if (!fstatSync(fd).isFile()) return 'not a regular file';
    const hash = createHash('sha256');
    for (;;) {
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      hash.update(chunk.subarray(0, bytesRead));
      await turns.take();
    }
    return hash.digest('hex');
  } catch (error) {
    return `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  } finally {
    closeSync(fd);
  }
}

/** A manifest bigger than this is not a manifest this program wrote (a million documents' hashes fit). */
const MAX_MANIFEST_BYTES = 256 * 2 ** 20;

/**
 * Reads a file of a snapshot folder, which anything may have written: only a regular file, opened
 * without blocking, of at most maxBytes (a link to /dev/zero or a FIFO there is refused, not read).
 */
async function readSnapshotFile(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`${path} is not a regular file`);
    if (info.size > maxBytes) throw new Error(`${path} holds ${info.size} bytes, more than the ${maxBytes} expected`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** The key of the snapshot that serves these document files with this program. */
export async function snapshotKey(seedsDir: string, files: readonly DocumentFile[], program: ProgramShape = programShape()): Promise<SnapshotKey> {
  const documents: Record<string, string> = {};
  const chunk = Buffer.allocUnsafe(HASH_CHUNK);
  const turns = new EventLoopTurns();
  for (const file of files) documents[file.path] = await hashDocumentFile(file, chunk, turns);
  const hash = createHash('sha256');
  hash.update(JSON.stringify(program));
  for (const [path, contents] of Object.entries(documents)) hash.update(`\0${path}\0${contents}`);
  return { key: hash.digest('hex'), seedsDir: resolve(seedsDir), program, documents };
}

/** Hash of what cleaning produced: every document's passages and outline. */
export function cleanedCorpusHash(documents: readonly CleanDocument[]): string {
  const hash = createHash('sha256');
  for (const doc of documents) {
    hash.update(`${doc.path}\0${doc.title}\0`);
    for (const section of doc.sections) hash.update(`${section.level}\0${section.line}\0${section.title}\0`);
    for (const passage of doc.passages) hash.update(`${passage.line}\0${passage.section}\0${passage.text}\0`);
  }
  return hash.digest('hex');
}

/**
 * Creates a folder and its missing parents one level at a time. `mkdir(…, { recursive: true })`
 * loops forever under /proc on Node 20; this gives up with the error of the level that failed.
 */
export async function makeFolder(path: string): Promise<void> {
  try {
    await mkdir(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await stat(path)).isDirectory()) return;
      throw new Error(`${path} exists and is not a folder`);
    }
    if (code !== 'ENOENT' || dirname(path) === path) throw error;
    await makeFolder(dirname(path));
    await mkdir(path).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again;
    });
  }
}

export class IndexCache {
  constructor(readonly folder: string) {}

  /** The snapshot stored under key, or why there is none to serve. */
  async load(key: SnapshotKey): Promise<LoadResult> {
    const dir = join(this.folder, key.key);
    let manifest: Manifest;
    try {
      const parsed: unknown = JSON.parse((await readSnapshotFile(join(dir, 'manifest.json'), MAX_MANIFEST_BYTES)).toString('utf8'));
      const problem = manifestProblem(parsed, SNAPSHOT_FILES, STORED_ARRAYS);
      if (problem !== undefined) return { broken: `manifest in ${dir} ${problem}` };
      manifest = parsed as Manifest;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { missing: await this.whatChanged(key) };
      return { broken: `manifest in ${dir} is unreadable (${(error as Error).message})` };
    }
    if (manifest.format !== SNAPSHOT_FORMAT || manifest.key !== key.key) return { broken: `snapshot in ${dir} is stale (format or key differs)` };
    const contents = new Map<string, Buffer>();
    for (const name of SNAPSHOT_FILES) {
      const expected = manifest.files[name];
      let data: Buffer;
      try {
        // One byte more than expected, so that a longer file reads as "not that size" below.
        data = await readSnapshotFile(join(dir, name), expected.bytes + 1);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { broken: code === 'ENOENT' ? `snapshot file ${name} is missing` : `snapshot file ${name} cannot be read (${(error as Error).message})` };
      }
      if (data.length !== expected.bytes) return { broken: `snapshot file ${name} is truncated (${data.length} of ${expected.bytes} bytes)` };
      if (crc32(data) !== expected.crc32) return { broken: `snapshot file ${name} is corrupt (checksum mismatch)` };
      contents.set(name, data);
    }
    try {
      const stored: unknown = JSON.parse(contents.get('documents.json')!.toString('utf8'));
      const storedProblem = storedDocumentsProblem(stored);
      if (storedProblem !== undefined) return { broken: `snapshot in ${dir} is inconsistent (documents.json: ${storedProblem})` };
      const { documents, problems } = stored as Pick<DeskSnapshot, 'documents' | 'problems'>;
      const arrays = readArrays(contents.get('arrays.bin')!, manifest.arrays);
      fillPassageTexts(documents, contents.get('texts.utf16')!.toString('utf16le'), arrays.textLengths);
      const terms = contents.get('terms.utf16')!.toString('utf16le');
      const index: PassageIndexParts = {
        terms: terms === '' ? [] : terms.split('\n'),
        flexsearch: splitFlexSearch(contents.get('flexsearch.utf16')!.toString('utf16le'), manifest.flexsearch),
        ...pickIndexArrays(arrays),
      };
      const indexProblem = indexPartsProblem(index, documents.reduce((n, d) => n + d.passages.length, 0));
      if (indexProblem !== undefined) return { broken: `snapshot in ${dir} is inconsistent (${indexProblem})` };
      return { snapshot: { documents, problems, index } };
    } catch (error) {
      return { broken: `snapshot in ${dir} cannot be read (${(error as Error).message})` };
    }
  }

  /**
   * Why no snapshot has this key: what differs from the newest snapshot of the same seeds folder
   * (undefined when there is none, as on a first start).
   */
  private async whatChanged(key: SnapshotKey): Promise<string | undefined> {
    let names: string[];
    try {
      names = (await readdir(this.folder)).filter((name) => SNAPSHOT_NAME.test(name) && name !== key.key);
    } catch {
      return undefined;
    }
    let previous: Manifest | undefined;
    for (const name of names) {
      try {
        const parsed: unknown = JSON.parse((await readSnapshotFile(join(this.folder, name, 'manifest.json'), MAX_MANIFEST_BYTES)).toString('utf8'));
        if (manifestProblem(parsed, SNAPSHOT_FILES, STORED_ARRAYS) !== undefined) continue;
        const manifest = parsed as Manifest;
        if (manifest.seedsDir === key.seedsDir && (previous === undefined || manifest.createdAt > previous.createdAt)) previous = manifest;
      } catch {
        // Unreadable or half-written: it explains nothing.
      }
    }
    if (previous === undefined) return undefined;
    const changes = [...shapeChanges(previous.program, key.program), ...documentChanges(previous.documents, key.documents)];
    return changes.length > 0 ? changes.join('; ') : 'the key was computed differently';
  }

  /**
   * Writes a snapshot under key, atomically, and prunes old snapshots. The big parts are streamed
   * chunk by chunk: holding a 100 MB corpus's serialized index next to the index itself would
   * double the memory a first start needs.
   */
  async save(key: SnapshotKey, snapshot: SnapshotSource): Promise<void> {
    await makeFolder(this.folder);
    const temporary = join(this.folder, `.writing-${key.key}-${process.pid}-${Date.now()}`);
    await mkdir(temporary);
    const files: Manifest['files'] = {};
    try {
      const textLengths = new Uint32Array(snapshot.documents.reduce((n, d) => n + d.passages.length, 0));
      const texts = new ChunkedFile(join(temporary, 'texts.utf16'));
      let passage = 0;
      for (const doc of snapshot.documents) {
        for (const p of doc.passages) textLengths[passage++] = p.text.length;
        texts.write(Buffer.from(doc.passages.map((p) => p.text).join(''), 'utf16le'));
      }
      files['texts.utf16'] = texts.close();

      const flexsearch: Manifest['flexsearch'] = [];
      const exported = new ChunkedFile(join(temporary, 'flexsearch.utf16'));
      snapshot.index.exportFlexSearch((name, data) => {
        flexsearch.push([name, data.length]);
        exported.write(Buffer.from(data, 'utf16le'));
      });
      files['flexsearch.utf16'] = exported.close();

      const parts = snapshot.index.parts();
      const write = async (name: string, data: Buffer): Promise<void> => {
        files[name] = { bytes: data.length, crc32: crc32(data) };
        await writeFile(join(temporary, name), data);
      };
      await write('documents.json', Buffer.from(JSON.stringify({ documents: withoutPassageTexts(snapshot.documents), problems: snapshot.problems })));
      await write('terms.utf16', Buffer.from(parts.terms.join('\n'), 'utf16le'));
      const arrays: Record<(typeof STORED_ARRAYS)[number], Uint32Array> = { ...pickIndexArrays(parts), textLengths };
      await write('arrays.bin', writeArrays(STORED_ARRAYS.map((name) => arrays[name])));
      const manifest: Manifest = {
        format: SNAPSHOT_FORMAT,
        key: key.key,
        seedsDir: key.seedsDir,
        program: key.program,
        documents: key.documents,
        cleanedCorpus: cleanedCorpusHash(snapshot.documents),
        createdAt: new Date().toISOString(),
        arrays: Object.fromEntries(Object.entries(arrays).map(([name, values]) => [name, values.length])),
        flexsearch,
        files,
      };
      await writeFile(join(temporary, 'manifest.json'), JSON.stringify(manifest, null, 2));
      const target = join(this.folder, key.key);
      await rm(target, { recursive: true, force: true });
      await rename(temporary, target);
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
    await this.prune(key.key);
  }

  private async prune(keep: string): Promise<void> {
    const names = (await readdir(this.folder)).filter((name) => SNAPSHOT_NAME.test(name) && name !== keep);
    const dated = await Promise.all(names.map(async (name) => ({ name, time: (await stat(join(this.folder, name))).mtimeMs })));
    dated.sort((a, b) => b.time - a.time);
    for (const { name } of dated.slice(KEEP - 1)) await rm(join(this.folder, name), { recursive: true, force: true });
  }
}

/** Which documents were added, removed or edited, in words (the first few of each by name). */
function documentChanges(before: Record<string, string>, now: Record<string, string>): string[] {
  const named = (what: string, paths: string[]): string[] => {
    if (paths.length === 0) return [];
    const shown = paths.slice(0, 3).join(', ');
    return [`${what}: ${shown}${paths.length > 3 ? ` and ${paths.length - 3} more` : ''}`];
  };
  return [
    ...named('documents edited', Object.keys(now).filter((path) => path in before && before[path] !== now[path])),
    ...named('documents added', Object.keys(now).filter((path) => !(path in before))),
    ...named('documents removed', Object.keys(before).filter((path) => !(path in now))),
  ];
}

function pickIndexArrays(parts: Record<IndexArrayName, Uint32Array>): Record<IndexArrayName, Uint32Array> {
  return Object.fromEntries(INDEX_ARRAYS.map((name) => [name, parts[name]])) as Record<IndexArrayName, Uint32Array>;
}

function withoutPassageTexts(documents: readonly CleanDocument[]): CleanDocument[] {
  return documents.map((doc) => ({ ...doc, passages: doc.passages.map((passage) => ({ ...passage, text: '' })) }));
}

function fillPassageTexts(documents: CleanDocument[], texts: string, lengths: Uint32Array): void {
  const passages = documents.reduce((n, d) => n + d.passages.length, 0);
  if (lengths.length !== passages) throw new Error(`texts describe ${lengths.length} passages, documents ${passages}`);
  let at = 0;
  let i = 0;
  for (const doc of documents) {
    for (const passage of doc.passages) {
      passage.text = texts.slice(at, at + lengths[i]);
      at += lengths[i++];
    }
  }
  if (at !== texts.length) throw new Error('passage texts do not add up');
}

function splitFlexSearch(data: string, keys: ReadonlyArray<readonly [string, number]>): Record<string, string> {
  const parts: Record<string, string> = {};
  let at = 0;
  for (const [key, length] of keys) {
    parts[key] = data.slice(at, at + length);
    at += length;
  }
  if (at !== data.length) throw new Error('FlexSearch export does not add up');
  return parts;
}

function writeArrays(arrays: readonly Uint32Array[]): Buffer {
  const total = arrays.reduce((n, values) => n + values.length, 0);
  const all = new Uint32Array(total);
  let at = 0;
  for (const values of arrays) {
    all.set(values, at);
    at += values.length;
  }
  return Buffer.from(all.buffer, all.byteOffset, all.byteLength);
}

function readArrays(data: Buffer, lengths: Record<string, number>): Record<(typeof STORED_ARRAYS)[number], Uint32Array> {
  if (data.length % 4 !== 0) throw new Error(`arrays.bin holds ${data.length} bytes, not a whole number of 32-bit values`);
  // Copy into an aligned buffer: a Buffer's byteOffset need not be a multiple of 4.
  const words = new Uint32Array(data.length / 4);
  new Uint8Array(words.buffer).set(data);
  const total = STORED_ARRAYS.reduce((n, name) => n + lengths[name], 0);
  if (total !== words.length) throw new Error(`arrays hold ${words.length} values, the manifest says ${total}`);
  const arrays = {} as Record<(typeof STORED_ARRAYS)[number], Uint32Array>;
  let at = 0;
  for (const name of STORED_ARRAYS) {
    arrays[name] = words.subarray(at, at + lengths[name]);
    at += lengths[name];
  }
  return arrays;
}
