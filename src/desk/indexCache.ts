/**
 * The on-disk index cache: a restart on an unchanged corpus loads the cleaned documents and the
 * FlexSearch index instead of cleaning and indexing again.
 *
 * A snapshot lives in `<cacheDir>/<key>/`. The key is the SHA-256 of its parts: this program's
 * shape (SNAPSHOT_FORMAT, the index configuration and the installed versions of the packages that
 * shape tokens and the index: programFingerprint.ts) and the documents — every file's path and the
 * SHA-256 of its raw bytes, so an edit that keeps size and modification time is still seen. A
 * restart reads only the files whose stat stamp moved since their digest was recorded
 * (digestRecord.ts); a build hashes the very bytes it cleans, so the key always says what the
 * snapshot holds, and no document is read twice for it.
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
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { currentVersion, digestDocuments, EventLoopTurns, type DocumentFile, type FileDigest, type LoadOptions } from '../corpus/loadDocuments.ts';
import type { CleanDocument, LoadProblem } from '../corpus/types.ts';
import type { PassageIndex, PassageIndexParts } from '../search/passageIndex.ts';
import { readCacheFile } from './readCacheFile.ts';
import { pruneDigestRecords, readDigestRecord, recordDigests, recordedDigest, writeDigestRecord } from './digestRecord.ts';
import { programShape, shapeChanges, SNAPSHOT_FORMAT, type ProgramShape } from './programFingerprint.ts';
import { indexPartsProblem, manifestProblem, storedDocumentsProblem } from './validateSnapshot.ts';

/** Snapshots kept per cache folder (several seeds folders may share one). */
const KEEP = 4;
const SNAPSHOT_NAME = /^[0-9a-f]{64}$/;

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

/** A manifest bigger than this is not a manifest this program wrote (a million documents' hashes fit). */
const MAX_MANIFEST_BYTES = 256 * 2 ** 20;

/** The key of a snapshot of these documents (path → SHA-256 of its bytes, or why it was not read, in listing order). */
export function snapshotKeyOf(seedsDir: string, program: ProgramShape, documents: Record<string, string>): SnapshotKey {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(program));
  for (const [path, contents] of Object.entries(documents)) hash.update(`\0${path}\0${contents}`);
  return { key: hash.digest('hex'), seedsDir: resolve(seedsDir), program, documents };
}

/** The key of the snapshot that serves these document files with this program, every file read and hashed. */
export async function snapshotKey(seedsDir: string, files: readonly DocumentFile[], program: ProgramShape = programShape(), loading: LoadOptions = {}): Promise<SnapshotKey> {
  return snapshotKeyOf(seedsDir, program, digestMap(await digestDocuments(files, loading)));
}

function digestMap(digests: readonly FileDigest[]): Record<string, string> {
  return Object.fromEntries(digests.map((d) => [d.path, d.digest]));
}

/** How a seeds folder is looked up in the cache. */
export interface LookupOptions {
  /** What the key holds besides the documents (the installed program when absent). */
  program?: ProgramShape;
  /** The document size limit: a file read for the key is read as the build reads it. */
  loading?: LoadOptions;
}

/** Why a build's snapshot was not written: a document changed after the build read it. */
export interface SaveOutcome {
  written: boolean;
  /** Documents whose stat moved while the corpus was read and indexed. */
  changed: string[];
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

  /**
   * The snapshot that serves these listed files, or why there is none. The digest of a file whose
   * stamp is the recorded one is taken from the record; the others are read and hashed, unless no
   * snapshot in the cache could serve this listing whatever they hold (then the build hashes them
   * as it reads them: no document is read twice).
   */
  async lookup(seedsDir: string, files: readonly DocumentFile[], options: LookupOptions = {}): Promise<LoadResult> {
    const program = options.program ?? programShape();
    const entries = await readDigestRecord(this.folder, seedsDir);
    const known = new Map<string, string>();
    const unread: DocumentFile[] = [];
    for (const file of files) {
      const digest = recordedDigest(entries, file);
      if (digest === undefined) unread.push(file);
      else known.set(file.path, digest);
    }
    if (unread.length > 0) {
      const { manifests, unreadable } = await this.snapshots();
      // A snapshot whose manifest cannot be read might be this one: it is looked up, to say why it is not served.
      if (unreadable === 0 && !manifests.some((manifest) => servesListing(manifest, program, files))) {
        return { missing: explainMiss(manifests, resolve(seedsDir), program, files, known) };
      }
      const readFrom = Date.now();
      const fresh = await digestDocuments(unread, options.loading);
      for (const { path, digest } of fresh) known.set(path, digest);
      recordDigests(entries, fresh, readFrom);
      // A record that cannot be written only costs hashing these files again next time.
      await writeDigestRecord(this.folder, seedsDir, entries, files).catch(() => {});
    }
    return this.load(snapshotKeyOf(seedsDir, program, Object.fromEntries(files.map((f) => [f.path, known.get(f.path)!]))));
  }

  /**
   * After a build of these listed files: records the digests the build took of the bytes it read,
   * and writes the snapshot under the key they make — unless a document's stat moved after it was
   * read (checked by a stat of each, not a second read), when the snapshot would hold text the
   * folder no longer has. readFromMs is when the build started reading.
   */
  async saveBuilt(seedsDir: string, files: readonly DocumentFile[], digests: readonly FileDigest[], readFromMs: number, snapshot: SnapshotSource, program: ProgramShape = programShape()): Promise<SaveOutcome> {
    const turns = new EventLoopTurns();
    const changed: FileDigest[] = [];
    for (const digest of digests) {
      // A file that could not be opened is keyed by why: reading it again next time tells whether that changed.
      if (digest.version !== undefined && currentVersion(digest.absolutePath)?.stamp !== digest.version.stamp) changed.push(digest);
      await turns.take();
    }
    await makeFolder(this.folder);
    const entries = await readDigestRecord(this.folder, seedsDir);
    recordDigests(entries, digests, readFromMs);
    for (const { absolutePath } of changed) entries.delete(absolutePath);
    await writeDigestRecord(this.folder, seedsDir, entries, files);
    if (changed.length > 0) return { written: false, changed: changed.map((d) => d.path) };
    await this.save(snapshotKeyOf(seedsDir, program, digestMap(digests)), snapshot);
    return { written: true, changed: [] };
  }

  /** The snapshot stored under key, or why there is none to serve. */
  async load(key: SnapshotKey): Promise<LoadResult> {
    const dir = join(this.folder, key.key);
    let manifest: Manifest;
    try {
      const parsed: unknown = JSON.parse((await readCacheFile(join(dir, 'manifest.json'), MAX_MANIFEST_BYTES)).toString('utf8'));
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
        data = await readCacheFile(join(dir, name), expected.bytes + 1);
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
    const manifests = (await this.snapshots()).manifests.filter((manifest) => manifest.key !== key.key);
    const files = Object.keys(key.documents).map((path) => ({ path }));
    return explainMiss(manifests, key.seedsDir, key.program, files, new Map(Object.entries(key.documents)));
  }

  /** The valid manifests of the snapshots in the cache folder, and how many snapshots have none. */
  private async snapshots(): Promise<{ manifests: Manifest[]; unreadable: number }> {
    let names: string[];
    try {
      names = (await readdir(this.folder)).filter((name) => SNAPSHOT_NAME.test(name));
    } catch {
      return { manifests: [], unreadable: 0 };
    }
    const manifests: Manifest[] = [];
    for (const name of names) {
      try {
        const parsed: unknown = JSON.parse((await readCacheFile(join(this.folder, name, 'manifest.json'), MAX_MANIFEST_BYTES)).toString('utf8'));
        if (manifestProblem(parsed, SNAPSHOT_FILES, STORED_ARRAYS) === undefined) manifests.push(parsed as Manifest);
      } catch {
        // Unreadable or half-written: counted below.
      }
    }
    return { manifests, unreadable: names.length - manifests.length };
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
    await this.prune(key);
  }

  /** Keeps the newest snapshots, and the digest records of the seeds folders they serve. */
  private async prune(keep: SnapshotKey): Promise<void> {
    const names = (await readdir(this.folder)).filter((name) => SNAPSHOT_NAME.test(name) && name !== keep.key);
    const dated = await Promise.all(names.map(async (name) => ({ name, time: (await stat(join(this.folder, name))).mtimeMs })));
    dated.sort((a, b) => b.time - a.time);
    for (const { name } of dated.slice(KEEP - 1)) await rm(join(this.folder, name), { recursive: true, force: true });
    await pruneDigestRecords(this.folder, [keep.seedsDir, ...(await this.snapshots()).manifests.map((manifest) => manifest.seedsDir)]);
  }
}

/** Whether a snapshot of this manifest could serve this listing with this program, whatever the files hold. */
function servesListing(manifest: Manifest, program: ProgramShape, files: readonly DocumentFile[]): boolean {
  if (manifest.format !== SNAPSHOT_FORMAT || shapeChanges(manifest.program, program).length > 0) return false;
  return Object.keys(manifest.documents).length === files.length && files.every((file) => Object.hasOwn(manifest.documents, file.path));
}

/**
 * Why no snapshot serves these files: what differs from the newest snapshot of the same seeds
 * folder — the program, the documents added or removed, and those of known digest edited
 * (undefined when there is no such snapshot, as on a first start).
 */
function explainMiss(
  manifests: readonly Manifest[],
  seedsDir: string,
  program: ProgramShape,
  files: ReadonlyArray<{ path: string }>,
  known: ReadonlyMap<string, string>,
): string | undefined {
  let previous: Manifest | undefined;
  for (const manifest of manifests) {
    if (manifest.seedsDir === seedsDir && (previous === undefined || manifest.createdAt > previous.createdAt)) previous = manifest;
  }
  if (previous === undefined) return undefined;
  const before = previous.documents;
  const now = new Set(files.map((f) => f.path));
  const named = (what: string, paths: string[]): string[] => {
    if (paths.length === 0) return [];
    const shown = paths.slice(0, 3).join(', ');
    return [`${what}: ${shown}${paths.length > 3 ? ` and ${paths.length - 3} more` : ''}`];
  };
  const paths = [...now];
  const changes = [
    ...shapeChanges(previous.program, program),
    ...named('documents edited', paths.filter((path) => Object.hasOwn(before, path) && known.has(path) && known.get(path) !== before[path])),
    ...named('documents added', paths.filter((path) => !Object.hasOwn(before, path))),
    ...named('documents removed', Object.keys(before).filter((path) => !now.has(path))),
  ];
  return changes.length > 0 ? changes.join('; ') : 'the key was computed differently';
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
