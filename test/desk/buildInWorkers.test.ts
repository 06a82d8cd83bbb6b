import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listDocuments } from '../../src/corpus/loadDocuments.ts';
import { buildInWorkers, BuildWorkers, WorkersWhileListing, type CleanedCorpus } from '../../src/desk/buildInWorkers.ts';
import { writeSeedCopies } from './seedCopies.ts';

/** 16 marked copies of the seeds: 80 files, about 1.6 MB, enough to be split among threads. */
const corpus = mkdtempSync(join(tmpdir(), 'answer-desk-copies-'));
writeSeedCopies(corpus, 16);
afterAll(() => rmSync(corpus, { recursive: true, force: true }));

/** The same documents, problems and term ids, byte for byte. */
function expectSameBuild(parallel: CleanedCorpus, serial: CleanedCorpus): void {
  expect(parallel.problems).toEqual(serial.problems);
  // Compared as JSON: a deep equality walk over many cleaned documents takes seconds.
  expect(JSON.stringify(parallel.documents)).toBe(JSON.stringify(serial.documents));
  expect(parallel.digests).toEqual(serial.digests);
  const { terms, headingTexts, ...arrays } = parallel.tokenized;
  expect(terms).toEqual(serial.tokenized.terms);
  expect(headingTexts).toEqual(serial.tokenized.headingTexts);
  for (const [name, values] of Object.entries(arrays)) {
    const expected = serial.tokenized[name as keyof typeof arrays];
    expect(Buffer.from(values.buffer, values.byteOffset, values.byteLength).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength)), name).toBe(true);
  }
}

describe('reading, cleaning and tokenizing on several threads', () => {
  it('gives the documents, problems and term ids one thread gives, in file order', async () => {
    const { files } = await listDocuments(corpus);
    // A file that vanished after the listing: reported at its place, every other one served.
    files.splice(30, 0, { path: 'gone.md', absolutePath: join(corpus, 'gone.md'), size: 10, modifiedMs: 0 });
    const progress: number[] = [];
    const parallel = await buildInWorkers(files, 2, (done) => progress.push(done));
    const serial = await buildInWorkers(files, 1);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(files.length);
    expect(parallel.problems.map((p) => p.path)).toEqual(['gone.md']);
    expect(parallel.documents).toHaveLength(80);
    expect(serial.slicesBuilt).toEqual({ here: 1, inWorkers: 0 });
    expectSameBuild(parallel, serial);
  });

  it('shares the slices out among threads that claim them themselves, and still joins them in file order', async () => {
    const { files } = await listDocuments(corpus);
    // Two workers started ahead and loaded: they claim slices while this thread builds its own.
    const workers = BuildWorkers.start(2);
    await workers.ready();
    const parallel = await buildInWorkers(files, 3, undefined, {}, workers);
    expect(parallel.slicesBuilt.here).toBeGreaterThan(0);
    expect(parallel.slicesBuilt.inWorkers).toBeGreaterThan(0);
    expectSameBuild(parallel, await buildInWorkers(files, 1));
    await expect(workers.ended()).resolves.toBeUndefined();
  });

  it('starts the workers while listing only once enough has been listed to build in parallel', async () => {
    const small = new WorkersWhileListing(2);
    await listDocuments(join(corpus, 'copy-000'), {}, small.listed);
    expect(small.started).toBeUndefined();
    const large = new WorkersWhileListing(2);
    const { files } = await listDocuments(corpus, {}, large.listed);
    expect(large.started).toBeDefined();
    const built = await buildInWorkers(files, 2, undefined, {}, large.started);
    expect(built.documents).toHaveLength(80);
    await expect(large.started!.ended()).resolves.toBeUndefined();
  });

  it('builds a small corpus on this thread alone, ending the workers started for it unused', async () => {
    const { files } = await listDocuments(corpus);
    const small = files.filter((f) => f.path.startsWith('copy-000/'));
    const workers = BuildWorkers.start(1);
    const built = await buildInWorkers(small, 2, undefined, {}, workers);
    expect(built.slicesBuilt).toEqual({ here: 1, inWorkers: 0 });
    expect(built.documents.map((d) => d.path)).toEqual(small.map((f) => f.path));
    await expect(workers.ended()).resolves.toBeUndefined();
  });
});
