/**
 * The on-disk index cache: a restart on an unchanged corpus loads the cleaned documents and the
 * FlexSearch index instead of cleaning and indexing again.
 *
 * A snapshot lives in `<cacheDir>/<key>/`, where the key hashes the raw documents, the index
 * configuration and this program (its version and the source of the modules that shape a snapshot).
 * The cleaned corpus is a pure function of those, so the key names it; the manifest also records the
 * hash of the cleaned corpus itself, checked again after loading. Every file carries its size and
 * SHA-256 in the manifest: a stale, truncated or corrupt snapshot is detected and rebuilt, never served.
 * Snapshots are written to a temporary folder and renamed into place, so a reader never sees half of one.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CleanDocument, SourceDocument } from '../corpus/types.ts';
import { INDEX_CONFIG_VERSION, type PassageIndexParts } from '../search/passageIndex.ts';
import { programFingerprint } from './programFingerprint.ts';

const FORMAT = 1;
/** Snapshots kept per cache folder (several seeds folders may share one). */
const KEEP = 4;
const SNAPSHOT_NAME = /^[0-9a-f]{64}$/;

const ARRAY_NAMES = ['documentFrequencies', 'firstPassage', 'sequence', 'starts', 'headingTerms', 'headingStarts', 'headingOf'] as const;
type ArrayName = (typeof ARRAY_NAMES)[number];

export interface DeskSnapshot {
  documents: CleanDocument[];
  index: PassageIndexParts;
}

interface Manifest {
  format: number;
  key: string;
  cleanedCorpus: string;
  createdAt: string;
  arrays: Record<ArrayName, number>;
  files: Record<string, { bytes: number; sha256: string }>;
}

export type LoadResult = { snapshot: DeskSnapshot } | { reason: string };

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The key of the snapshot that serves these raw documents with this program. */
export async function snapshotKey(sources: readonly SourceDocument[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`format ${FORMAT}\0${INDEX_CONFIG_VERSION}\0${await programFingerprint()}\0`);
  for (const source of sources) hash.update(`${source.path}\0${source.text.length}\0${source.text}\0`);
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
      if (sha256(data) !== expected.sha256) return { reason: `snapshot file ${name} is corrupt (checksum mismatch)` };
      contents.set(name, data);
    }
    try {
      const documents = JSON.parse(contents.get('documents.json')!.toString('utf8')) as CleanDocument[];
      if (cleanedCorpusHash(documents) !== manifest.cleanedCorpus) return { reason: 'snapshot documents do not match their recorded hash' };
      const arrays = readArrays(contents.get('arrays.bin')!, manifest.arrays);
      const index: PassageIndexParts = {
        terms: JSON.parse(contents.get('terms.json')!.toString('utf8')) as string[],
        flexsearch: JSON.parse(contents.get('flexsearch.json')!.toString('utf8')) as Record<string, string>,
        ...arrays,
      };
      return { snapshot: { documents, index } };
    } catch (error) {
      return { reason: `snapshot in ${dir} cannot be read (${(error as Error).message})` };
    }
  }

  /** Writes a snapshot under key, atomically, and prunes old snapshots. */
  async save(key: string, snapshot: DeskSnapshot): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const files: Record<string, Buffer> = {
      'documents.json': Buffer.from(JSON.stringify(snapshot.documents)),
      'terms.json': Buffer.from(JSON.stringify(snapshot.index.terms)),
      'flexsearch.json': Buffer.from(JSON.stringify(snapshot.index.flexsearch)),
      'arrays.bin': writeArrays(snapshot.index),
    };
    const manifest: Manifest = {
      format: FORMAT,
      key,
      cleanedCorpus: cleanedCorpusHash(snapshot.documents),
      createdAt: new Date().toISOString(),
      arrays: Object.fromEntries(ARRAY_NAMES.map((name) => [name, snapshot.index[name].length])) as Record<ArrayName, number>,
      files: Object.fromEntries(Object.entries(files).map(([name, data]) => [name, { bytes: data.length, sha256: sha256(data) }])),
    };
    const temporary = join(this.folder, `.writing-${key}-${process.pid}-${Date.now()}`);
    await mkdir(temporary, { recursive: true });
    try {
      for (const [name, data] of Object.entries(files)) await writeFile(join(temporary, name), data);
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

function writeArrays(parts: PassageIndexParts): Buffer {
  const total = ARRAY_NAMES.reduce((n, name) => n + parts[name].length, 0);
  const all = new Uint32Array(total);
  let at = 0;
  for (const name of ARRAY_NAMES) {
    all.set(parts[name], at);
    at += parts[name].length;
  }
  return Buffer.from(all.buffer, all.byteOffset, all.byteLength);
}

function readArrays(data: Buffer, lengths: Record<ArrayName, number>): Record<ArrayName, Uint32Array> {
  // Copy into an aligned buffer: a Buffer's byteOffset need not be a multiple of 4.
  const words = new Uint32Array(data.length / 4);
  new Uint8Array(words.buffer).set(data);
  const total = ARRAY_NAMES.reduce((n, name) => n + lengths[name], 0);
  if (total !== words.length) throw new Error(`arrays hold ${words.length} values, the manifest says ${total}`);
  const arrays = {} as Record<ArrayName, Uint32Array>;
  let at = 0;
  for (const name of ARRAY_NAMES) {
    arrays[name] = words.subarray(at, at + lengths[name]);
    at += lengths[name];
  }
  return arrays;
}
