import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDocuments } from '../../src/corpus/loadDocuments.ts';
import { buildInWorkers } from '../../src/desk/buildInWorkers.ts';

/** The Chinese documents of the mixed corpus: 848 files, 1.3 MB, enough to be split. */
const CMRC = join(import.meta.dirname, '../../../shared/benchmarks/mixed/docs/cmrc2018');

describe('reading, cleaning and tokenizing on several threads', () => {
  it('gives the documents, problems and term ids one thread gives, in file order', async () => {
    const { files } = await listDocuments(CMRC);
    // A file that vanished after the listing: reported at its place, every other one served.
    files.splice(100, 0, { path: 'gone.md', absolutePath: join(CMRC, 'gone.md'), size: 10, modifiedMs: 0 });
    const progress: number[] = [];
    const parallel = await buildInWorkers(files, 2, (done) => progress.push(done));
    const serial = await buildInWorkers(files, 1);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(files.length);
    expect(parallel.problems.map((p) => p.path)).toEqual(['gone.md']);
    expect(parallel.problems).toEqual(serial.problems);
    // Compared as JSON: a deep equality walk over 848 cleaned documents takes seconds.
    expect(JSON.stringify(parallel.documents)).toBe(JSON.stringify(serial.documents));
    const { terms, headingTexts, ...arrays } = parallel.tokenized;
    expect(terms).toEqual(serial.tokenized.terms);
    expect(headingTexts).toEqual(serial.tokenized.headingTexts);
    for (const [name, values] of Object.entries(arrays)) {
      const expected = serial.tokenized[name as keyof typeof arrays];
      expect(Buffer.from(values.buffer, values.byteOffset, values.byteLength).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength)), name).toBe(true);
    }
  });
});
