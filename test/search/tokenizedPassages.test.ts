import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanSources, indexEntriesOf } from '../../src/desk/answerDesk.ts';
import { STOP_WORDS } from '../../src/search/analyzeQuery.ts';
import { createFlexSearchIndex, PassageIndex } from '../../src/search/passageIndex.ts';
import { expectedTermsIn, mergeTokenized, TermDictionary, tokenizePassages, type IndexEntry } from '../../src/search/tokenizedPassages.ts';

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

  it('leaves the slices it merges as they were, the first one (whose term table it takes over) too', () => {
    const half = Math.floor(entries.length / 2);
    const slices = [tokenizePassages(entries.slice(0, half)), tokenizePassages(entries.slice(half))];
    const before = structuredClone(slices);
    const merged = mergeTokenized(slices);
    expect(slices).toEqual(before);
    expect(merged).toEqual(tokenizePassages(entries));
    expect(PassageIndex.fromTokenized(entries.slice(0, half), slices[0]).parts()).toEqual(PassageIndex.build(entries.slice(0, half)).parts());
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
