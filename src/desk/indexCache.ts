/**
 * The on-disk index cache: a restart on an unchanged corpus loads the cleaned documents and the
 * FlexSearch index instead of reading, cleaning and indexing again.
 *
 * A snapshot lives in `<cacheDir>/<key>/`. The key hashes the index configuration, this program
 * (its version and the source of the modules that shape a snapshot) and the document files (path,
 * size, modification time): the cleaned corpus is a pure function of those, and a restart need not
 * read a hundred megabytes of documents to find its snapshot. The manifest records the hash of the
 * cleaned corpus and every file's size and CRC-32: a stale, truncated or corrupt snapshot is
 * detected and rebuilt, never served. Snapshots are written to a temporary
 * folder and renamed into place, so a reader never sees half of one.
 *
 * Bulk data is stored as UTF-16 text blobs and typed arrays rather than JSON: passage texts, terms
 * and FlexSearch's export decode with one native copy each instead of a JSON parse of every string
 * (UTF-16, not UTF-8: decoding is a copy, and Chinese text is smaller in it).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { DocumentFile } from '../corpus/loadDocuments.ts';
import type { CleanDocument, LoadProblem } from '../corpus/types.ts';
import { INDEX_CONFIG_VERSION, type PassageIndex, type PassageIndexParts } from '../search/passageIndex.ts';
import { programFingerprint } from './programFingerprint.ts';

const FORMAT = 3;
/** Snapshots kept per cache folder (several seeds folders may share one). */
const KEEP = 4;
const SNAPSHOT_NAME = /^[0-9a-f]{64}$/;

const INDEX_ARRAYS = ['documentFrequencies', 'firstPassage', 'sequence', 'starts', 'headingTerms', 'headingStarts', 'headingOf'] as const;
type IndexArrayName = (typeof INDEX_ARRAYS)[number];

export interface DeskSnapshot {
  documents: CleanDocument[];
  /** Files of the corpus that could not be served, and why: they are not read again on a restart. */
  problems: LoadProblem[];
  index: PassageIndexParts;
}

interface Manifest {
  format: number;
  key: string;
  /** Hash of the cleaned corpus the snapshot holds (what the key's inputs produced), for the record. */
  cleanedCorpus: string;
  createdAt: string;
  /** Lengths of the typed arrays in arrays.bin, in INDEX_ARRAYS order, then the passage text lengths. */
  arrays: Record<string, number>;
  /** FlexSearch export keys and the UTF-16 length of each one's data in flexsearch.utf16. */
  flexsearch: Array<[string, number]>;
  files: Record<string, { bytes: number; crc32: number }>;
}

export type LoadResult = { snapshot: DeskSnapshot } | { reason: string };

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

/** The key of the snapshot that serves these document files with this program. */
export async function snapshotKey(files: readonly DocumentFile[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`format ${FORMAT}\0${INDEX_CONFIG_VERSION}\0${await programFingerprint()}\0`);
  for (const file of files) hash.update(`${file.path}\0${file.size}\0${file.modifiedMs}\0`);
  return hash.digest('hex');
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

export class IndexCache {
  constructor(readonly folder: string) {}

  /** The snapshot stored under key, or why there is none to serve ('none' when simply absent). */
  async load(key: string): Promise<LoadResult> {
    const dir = join(this.folder, key);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { reason: code === 'ENOENT' ? 'none' : `manifest in ${dir} is unreadable (${(error as Error).message})` };
    }
    if (manifest.format !== FORMAT || manifest.key !== key) return { reason: `snapshot in ${dir} is stale (format or key differs)` };
    const contents = new Map<string, Buffer>();
    for (const [name, expected] of Object.entries(manifest.files ?? {})) {
      let data: Buffer;
      try {
        data = await readFile(join(dir, name));
      } catch {
        return { reason: `snapshot file ${name} is missing` };
      }
      if (data.length !== expected.bytes) return { reason: `snapshot file ${name} is truncated (${data.length} of ${expected.bytes} bytes)` };
      if (crc32(data) !== expected.crc32) return { reason: `snapshot file ${name} is corrupt (checksum mismatch)` };
      contents.set(name, data);
    }
    try {
      const { documents, problems } = JSON.parse(contents.get('documents.json')!.toString('utf8')) as Pick<DeskSnapshot, 'documents' | 'problems'>;
      const arrays = readArrays(contents.get('arrays.bin')!, manifest.arrays);
      fillPassageTexts(documents, contents.get('texts.utf16')!.toString('utf16le'), arrays.textLengths);
      const terms = contents.get('terms.utf16')!.toString('utf16le');
      const index: PassageIndexParts = {
        terms: terms === '' ? [] : terms.split('\n'),
        flexsearch: splitFlexSearch(contents.get('flexsearch.utf16')!.toString('utf16le'), manifest.flexsearch),
        ...(Object.fromEntries(INDEX_ARRAYS.map((name) => [name, arrays[name]])) as Record<IndexArrayName, Uint32Array>),
      };
      return { snapshot: { documents, problems, index } };
    } catch (error) {
      return { reason: `snapshot in ${dir} cannot be read (${(error as Error).message})` };
    }
  }

  /**
   * Writes a snapshot under key, atomically, and prunes old snapshots. The big parts are streamed
   * chunk by chunk: holding a 100 MB corpus's serialized index next to the index itself would
   * double the memory a first start needs.
   */
  async save(key: string, snapshot: SnapshotSource): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const temporary = join(this.folder, `.writing-${key}-${process.pid}-${Date.now()}`);
    await mkdir(temporary, { recursive: true });
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
      const arrays: Record<string, Uint32Array> = { ...pickIndexArrays(parts), textLengths };
      await write('arrays.bin', writeArrays(arrays));
      const manifest: Manifest = {
        format: FORMAT,
        key,
        cleanedCorpus: cleanedCorpusHash(snapshot.documents),
        createdAt: new Date().toISOString(),
        arrays: Object.fromEntries(Object.entries(arrays).map(([name, values]) => [name, values.length])),
        flexsearch,
        files,
      };
      await writeFile(join(temporary, 'manifest.json'), JSON.stringify(manifest, null, 2));
      const target = join(this.folder, key);
      await rm(target, { recursive: true, force: true });
      await rename(temporary, target);
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
    await this.prune(key);
  }

  private async prune(keep: string): Promise<void> {
    const names = (await readdir(this.folder)).filter((name) => SNAPSHOT_NAME.test(name) && name !== keep);
    const dated = await Promise.all(names.map(async (name) => ({ name, time: (await stat(join(this.folder, name))).mtimeMs })));
    dated.sort((a, b) => b.time - a.time);
    for (const { name } of dated.slice(KEEP - 1)) await rm(join(this.folder, name), { recursive: true, force: true });
  }
}

function pickIndexArrays(parts: Omit<PassageIndexParts, 'flexsearch'>): Record<IndexArrayName, Uint32Array> {
  return Object.fromEntries(INDEX_ARRAYS.map((name) => [name, parts[name]])) as Record<IndexArrayName, Uint32Array>;
}

function withoutPassageTexts(documents: readonly CleanDocument[]): CleanDocument[] {
  return documents.map((doc) => ({ ...doc, passages: doc.passages.map((passage) => ({ ...passage, text: '' })) }));
}

function fillPassageTexts(documents: CleanDocument[], texts: string, lengths: Uint32Array | undefined): void {
  const passages = documents.reduce((n, d) => n + d.passages.length, 0);
  if (lengths === undefined || lengths.length !== passages) throw new Error(`texts describe ${lengths?.length ?? 0} passages, documents ${passages}`);
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

function writeArrays(arrays: Record<string, Uint32Array>): Buffer {
  const total = Object.values(arrays).reduce((n, values) => n + values.length, 0);
  const all = new Uint32Array(total);
  let at = 0;
  for (const values of Object.values(arrays)) {
    all.set(values, at);
    at += values.length;
  }
  return Buffer.from(all.buffer, all.byteOffset, all.byteLength);
}

function readArrays(data: Buffer, lengths: Record<string, number>): Record<string, Uint32Array> {
  // Copy into an aligned buffer: a Buffer's byteOffset need not be a multiple of 4.
  const words = new Uint32Array(data.length / 4);
  new Uint8Array(words.buffer).set(data);
  const total = Object.values(lengths).reduce((n, length) => n + length, 0);
  if (total !== words.length) throw new Error(`arrays hold ${words.length} values, the manifest says ${total}`);
  const arrays: Record<string, Uint32Array> = {};
  let at = 0;
  for (const [name, length] of Object.entries(lengths)) {
    arrays[name] = words.subarray(at, at + length);
    at += length;
  }
  for (const name of INDEX_ARRAYS) if (arrays[name] === undefined) throw new Error(`arrays.bin lacks ${name}`);
  return arrays;
}
