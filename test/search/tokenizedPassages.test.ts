import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanSources, indexEntriesOf } from '../../src/desk/answerDesk.ts';
import { STOP_WORDS } from '../../src/search/analyzeQuery.ts';
import { createFlexSearchIndex, PassageIndex } from '../../src/search/passageIndex.ts';
import { expectedTermsIn, mergeTokenized, newTermsOf, SliceTokenizer, TermDictionary, TokenizedMerger, tokenizePassages, type IndexEntry, type TokenizedSlice } from '../../src/search/tokenizedPassages.ts';

const MIXED = join(import.meta.dirname, '../../../shared/benchmarks/mixed/docs');
const SEEDS = join(import.meta.dirname, '../../seeds');

function entriesOf(dir: string, limit: number): IndexEntry[] {
  const names = readdirSync(dir).filter((name) => /\.(md|txt)$/.test(name)).sort().slice(0, limit);
  return indexEntriesOf(cleanSources(names.map((name) => ({ path: name, text: readFileSync(join(dir, name), 'utf8') })), []));
}

function exportOf(index: { exportFlexSearch(write: (key: string, data: string) => void): void }): Array<[string, string]> {
  const exported: Array<[string, string]> = [];
  index.exportFlexSearch((key, data) => exported.push([key, data]));
  return exported;
}

/** FlexSearch fed passage by passage with `add`, the way the index was built before it imported posting lists. */
function exportByAdding(index: PassageIndex): Array<[string, string]> {
  const { terms, documentFrequencies, sequence, starts } = index.parts();
  const flexsearch = createFlexSearchIndex();
  for (let passage = 0; passage < index.size; passage++) {
    const text = new Set<string>();
    for (let i = starts[passage]; i < starts[passage + 1]; i++) {
      const term = terms[sequence[i]];
      if (documentFrequencies[sequence[i]] >= 2 && !STOP_WORDS.has(term)) text.add(term);
    }
    const heading = Array.from(index.headingTerms(passage), (id) => terms[id]);
    flexsearch.add({ id: passage, text: [...text].join(' '), heading: heading.join(' ') });
  }
  const exported: Array<[string, string]> = [];
  void flexsearch.export((key, data) => exported.push([String(key), String(data)]));
  return exported;
}

const corpora = [
  { name: 'the seeds', entries: () => entriesOf(SEEDS, 5) },
  // Beside the repository when present (../shared), as the other tests over it.
  ...(existsSync(MIXED) ? [{ name: '300 documents of the mixed corpus', entries: () => entriesOf(join(MIXED, 'cmrc2018'), 300) }] : []),
];

describe.each(corpora)('the passage index of $name', ({ entries: load }) => {
  const entries = load();
  const whole = PassageIndex.build(entries);

  it('holds in FlexSearch exactly what adding passage by passage would', () => {
    expect(exportOf(whole)).toEqual(exportByAdding(whole));
  });

  it('comes out the same when its passages are tokenized in slices and merged', () => {
    const cuts = [0, 1, Math.floor(entries.length / 3), Math.floor(entries.length / 2), entries.length];
    const slices = cuts.slice(1).map((end, i) => tokenizePassages(entries.slice(cuts[i], end)));
    const merged = PassageIndex.fromTokenized(entries, mergeTokenized(slices));
    expect(merged.parts()).toEqual(whole.parts());
    expect(exportOf(merged)).toEqual(exportOf(whole));
    expect(mergeTokenized(slices)).toEqual(tokenizePassages(entries));
  });

  it('leaves the slices it merges as they were', () => {
    const half = Math.floor(entries.length / 2);
    const slices = [tokenizePassages(entries.slice(0, half)), tokenizePassages(entries.slice(half))];
    const before = structuredClone(slices);
    const merged = mergeTokenized(slices);
    expect(slices).toEqual(before);
    expect(merged).toEqual(tokenizePassages(entries));
    expect(PassageIndex.fromTokenized(entries.slice(0, half), slices[0]).parts()).toEqual(PassageIndex.build(entries.slice(0, half)).parts());
  });
});

/** Passages cut at `cuts` (ascending, inside the entries), each slice tokenized by the thread `threadOf` names, in passage order. */
function slicesByThread(entries: readonly IndexEntry[], cuts: readonly number[], threadOf: (slice: number) => number, threads: SliceTokenizer[]): Array<{ slice: TokenizedSlice; from: SliceTokenizer }> {
  const bounds = [0, ...cuts, entries.length];
  return bounds.slice(1).map((end, i) => {
    const from = threads[threadOf(i)];
    return { slice: from.tokenize(entries.slice(bounds[i], end)), from };
  });
}

function mergeInOrder(slices: ReadonlyArray<{ slice: TokenizedSlice; from: object }>): ReturnType<TokenizedMerger['finish']> {
  const merger = new TokenizedMerger();
  for (const { slice, from } of slices) merger.add(slice, from);
  return merger.finish();
}

describe.each(corpora)('slices of $name tokenized by build threads that keep one term table each', ({ entries: load }) => {
  const entries = load();
  const onePass = tokenizePassages(entries);
  const cutsOf = (count: number, seed: number): number[] => {
    const cuts = new Set<number>();
    for (let i = 1; cuts.size < count; i++) cuts.add(1 + ((seed * 7919 * i) % (entries.length - 1)));
    return [...cuts].sort((a, b) => a - b);
  };

  it.each([
    { split: 'two slices, one per thread', cuts: () => [Math.floor(entries.length / 2)], threads: 2, threadOf: (i: number) => i },
    { split: 'slices taken in turn by two threads', cuts: () => cutsOf(6, 3), threads: 2, threadOf: (i: number) => i % 2 },
    { split: 'slices claimed unevenly by three threads', cuts: () => cutsOf(9, 5), threads: 3, threadOf: (i: number) => [0, 2, 2, 1, 0, 0, 2, 1, 1, 0][i] },
    { split: 'every slice on one thread', cuts: () => cutsOf(4, 11), threads: 1, threadOf: () => 0 },
  ])('give the ids, frequencies, first passages and headings of one pass: $split', ({ cuts, threads, threadOf }) => {
    const tokenizers = Array.from({ length: threads }, () => new SliceTokenizer(0));
    // Tokenized and merged as they come (the first slice's table is taken over)...
    const merger = new TokenizedMerger();
    const bounds = [0, ...cuts(), entries.length];
    bounds.slice(1).forEach((end, i) => merger.add(tokenizers[threadOf(i)].tokenize(entries.slice(bounds[i], end)), tokenizers[threadOf(i)]));
    expect(merger.finish()).toEqual(onePass);
    // ...or all tokenized first, then merged (no table can be taken over).
    const later = Array.from({ length: threads }, () => new SliceTokenizer(0));
    expect(mergeInOrder(slicesByThread(entries, cuts(), threadOf, later))).toEqual(onePass);
  });

  it('names in each slice only the terms its thread had not met in its earlier slices', () => {
    const tokenizer = new SliceTokenizer(0);
    const [first, second] = slicesByThread(entries, [Math.floor(entries.length / 2)], () => 0, [tokenizer]).map(({ slice }) => slice);
    expect(first.firstNewTerm).toBe(0);
    const [metFirst, metSecond] = [newTermsOf(first), newTermsOf(second)];
    expect(second.firstNewTerm).toBe(metFirst.length);
    const known = new Set(metFirst);
    expect(metSecond.filter((term) => known.has(term))).toEqual([]);
    // Short terms travel as numbers, the others as text.
    expect(first.newLongTerms.length).toBeLessThan(metFirst.length);
    // The second slice's own ids run over the terms of both.
    expect(Math.max(...second.sequence)).toBeLessThan(metFirst.length + metSecond.length);
    expect(Math.max(...second.sequence)).toBeGreaterThanOrEqual(metFirst.length);
  });

  it('refuses a slice whose thread has slices not merged yet, instead of giving wrong ids', () => {
    const tokenizer = new SliceTokenizer(0);
    const half = Math.floor(entries.length / 2);
    const first = tokenizer.tokenize(entries.slice(0, half));
    const second = tokenizer.tokenize(entries.slice(half));
    const merger = new TokenizedMerger();
    expect(() => merger.add(second, tokenizer)).toThrow(/new terms start at id/);
    void first;
  });
});

describe('the expected number of distinct terms', () => {
  it('is a share of the text that shrinks as the text grows, and bounded', () => {
    expect(expectedTermsIn(70_000)).toBeGreaterThan(70_000 / 4);
    expect(expectedTermsIn(2_500_000)).toBeLessThan(2_500_000 / 6);
    expect(expectedTermsIn(1e12)).toBe(1 << 20);
    expect(expectedTermsIn(0)).toBe(0);
  });
});

describe('a term dictionary', () => {
  it('finds every term it was given, short or long, and no other', () => {
    const terms = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? `word${i}` : String.fromCharCode(0x4e00 + (i % 97), 0x4e00 + Math.floor(i / 97))));
    const unique = [...new Set(terms)];
    const dictionary = TermDictionary.of(unique);
    unique.forEach((term, id) => expect(dictionary.get(term)).toBe(id));
    expect(dictionary.get('学习者')).toBeUndefined();
    expect(dictionary.get('丁')).toBeUndefined();
  });

  it('keeps every term and id when it makes room for more, and takes new ones after', () => {
    const dictionary = new TermDictionary(4);
    const bigrams = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + (i % 61), 0x4e00 + Math.floor(i / 61)));
    bigrams.slice(0, 1000).forEach((term, id) => dictionary.set(term, id));
    dictionary.reserve(100_000);
    dictionary.reserve(10);
    bigrams.slice(1000).forEach((term, i) => dictionary.set(term, 1000 + i));
    bigrams.forEach((term, id) => expect(dictionary.get(term)).toBe(id));
    expect(dictionary.get('丁丁丁')).toBeUndefined();
  });
});
