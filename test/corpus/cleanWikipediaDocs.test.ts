/**
 * Legitimate text must survive cleaning: the clean Wikipedia paragraphs of the public QA sets
 * (../shared/benchmarks/mixed/docs, beside the repository when present) lose essentially nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/corpus/cleanDocument.ts';
import { sentenceSpans } from '../../src/text/sentences.ts';

const docsDir = join(import.meta.dirname, '..', '..', '..', 'shared', 'benchmarks', 'mixed', 'docs');

describe.skipIf(!existsSync(docsDir))('cleaning clean Wikipedia documents', () => {
  const files = existsSync(docsDir) ? readdirSync(docsDir, { recursive: true }).map(String).filter((f) => f.endsWith('.md')) : [];
  const sources = files.map((f) => ({ path: f, text: readFileSync(join(docsDir, f), 'utf8') }));
  const reports = sources.map((s) => cleanDocument(s).report);

  it('keeps every paragraph', () => {
    const dropped = reports.filter((r) => r.paragraphsKept !== r.paragraphsIn).map((r) => r.doc);
    expect(dropped).toEqual([]);
  });

  it('drops fewer than one sentence in a thousand, and only real repeats', () => {
    const sentences = sources.reduce((n, s) => n + sentenceSpans(s.text).length, 0);
    const removals = reports.flatMap((r) => r.removals);
    expect(removals.length).toBeLessThan(sentences / 1000);
    expect(new Set(removals.map((r) => r.reason))).toEqual(new Set(['duplicate', 'nearDuplicate']));
  });
});
