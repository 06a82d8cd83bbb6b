/**
 * The FlexSearch Document index over passages, plus what FlexSearch does not keep and ranking
 * needs: a term dictionary with document frequencies, and every passage as a sequence of term ids.
 *
 * FlexSearch receives text already tokenized by our tokenizer (terms joined by spaces) and splits it
 * on spaces: its default encoder cannot segment Chinese, splits years into digit triplets and
 * collapses repeated characters (../shared/notes/flexsearch-cjk.md). It answers "which passages
 * contain most of these terms" fast; rankPassages then scores those candidates on the term-id
 * sequences, without tokenizing any text at query time.
 */
import { Document } from 'flexsearch';
import { foldForMatching } from '../text/foldText.ts';
import { STOP_WORDS } from './analyzeQuery.ts';
import { TermDictionary, termIdsOf, tokenizePassages, type IndexEntry, type TokenizedPassages } from './tokenizedPassages.ts';

export type { IndexEntry } from './tokenizedPassages.ts';

export type IndexedFields = { id: number; text: string; heading: string };

const splitTerms = (content: string): string[] => (content === '' ? [] : content.split(' '));

/** Everything an index is made of besides the passages themselves: what a cache stores. */
export interface PassageIndexParts {
  /** Terms in id order. */
  terms: string[];
  documentFrequencies: Uint32Array;
  /** The first passage holding each term: all of them, for a term held by one passage only. */
  firstPassage: Uint32Array;
  sequence: Uint32Array;
  starts: Uint32Array;
  /** Distinct heading term ids, heading after heading; heading h is headingTerms[headingStarts[h] .. headingStarts[h+1]). */
  headingTerms: Uint32Array;
  headingStarts: Uint32Array;
  headingOf: Uint32Array;
  /** FlexSearch's own export: key → data. */
  flexsearch: Record<string, string>;
}

/** The FlexSearch index as this program configures it (tests build a reference with `add` on it). */
export function createFlexSearchIndex(): Document<IndexedFields> {
  return new Document<IndexedFields>({
    document: {
      id: 'id',
      index: [
        { field: 'text', tokenize: 'strict', encode: splitTerms, resolution: 1 },
        { field: 'heading', tokenize: 'strict', encode: splitTerms, resolution: 1 },
      ],
    },
  });
}

/** Passages holding each term, in passage order, and the order in which terms first got one. */
class PostingLists {
  private readonly lists: Array<number[] | undefined>;
  private readonly order: number[] = [];

  constructor(termCount: number) {
    this.lists = new Array<number[] | undefined>(termCount);
  }

  add(id: number, passage: number): void {
    const list = this.lists[id];
    if (list === undefined) {
      this.lists[id] = [passage];
      this.order.push(id);
    } else list.push(passage);
  }

  /** FlexSearch's map layout at resolution 1: [term, [passages]] in insertion order. */
  entries(terms: readonly string[]): Array<[string, number[][]]> {
    return this.order.map((id) => [terms[id], [this.lists[id]!]]);
  }
}

/**
 * FlexSearch's text map at resolution 1, [term, [passages]] in the order terms first got a
 * passage: each term held by two or more passages' text (and no stop word) with those passages.
 * A term's list has exactly frequencies[id] passages, so the lists are filled into one typed array
 * at known places, then copied out once each, where growing an array per term went through the
 * garbage collector at every doubling.
 */
function textPostingsOf(passages: number, tokenized: TokenizedPassages): Array<[string, number[][]]> {
  const { terms, frequencies, sequence, starts } = tokenized;
  // Where each term's next passage goes; the last passage it was posted for, a term kept out of
  // FlexSearch marked as posted for every passage (one comparison per token instead of two).
  const next = new Uint32Array(terms.length);
  const lastPosted = new Int32Array(terms.length);
  let total = 0;
  for (let id = 0; id < terms.length; id++) {
    if (frequencies[id] >= 2 && !STOP_WORDS.has(terms[id])) {
      next[id] = total;
      total += frequencies[id];
      lastPosted[id] = -1;
    } else lastPosted[id] = passages;
  }
  const posted = new Uint32Array(total);
  const order: number[] = [];
  for (let passage = 0; passage < passages; passage++) {
    for (let i = starts[passage]; i < starts[passage + 1]; i++) {
      const id = sequence[i];
      if (lastPosted[id] >= passage) continue;
      if (lastPosted[id] < 0) order.push(id);
      lastPosted[id] = passage;
      posted[next[id]++] = passage;
    }
  }
  return order.map((id) => {
    const list: number[] = [];
    for (let at = next[id] - frequencies[id]; at < next[id]; at++) list.push(posted[at]);
    return [terms[id], [list]];
  });
}

/** FlexSearch's import takes parsed data as well as its JSON text; its typings only admit the text. */
function importFlexSearch(index: Document<IndexedFields>, key: string, data: unknown): void {
  (index.import as (key: string, data: unknown) => void).call(index, key, data);
}

/** Bump when the tokenizer, the index layout or the FlexSearch configuration changes: caches keyed by it go stale. */
export const INDEX_CONFIG_VERSION = 'bigram-v3;flexsearch-strict-resolution-1-2-fields;df>=2';

export class PassageIndex {
  readonly size: number;
  readonly averageLength: number;
  private readonly terms: readonly string[];
  private readonly termIds: TermDictionary;
  private readonly documentFrequencies: Uint32Array;
  private readonly firstPassage: Uint32Array;
  /** Term ids of all passages, one after the other; passage i is sequence[starts[i] .. starts[i+1]). */
  private readonly sequence: Uint32Array;
  private readonly starts: Uint32Array;
  private readonly headingTermIds: Uint32Array;
  private readonly headingStarts: Uint32Array;
  private readonly headingOf: Uint32Array;
  private readonly index: Document<IndexedFields>;

  private constructor(
    private readonly entries: readonly IndexEntry[],
    parts: Omit<PassageIndexParts, 'flexsearch'> & { termIds: TermDictionary },
    index: Document<IndexedFields>,
  ) {
    this.size = entries.length;
    this.terms = parts.terms;
    this.termIds = parts.termIds;
    this.documentFrequencies = parts.documentFrequencies;
    this.firstPassage = parts.firstPassage;
    this.sequence = parts.sequence;
    this.starts = parts.starts;
    this.headingTermIds = parts.headingTerms;
    this.headingStarts = parts.headingStarts;
    this.headingOf = parts.headingOf;
    this.index = index;
    this.averageLength = entries.length > 0 ? this.sequence.length / entries.length : 0;
  }

  /**
   * Tokenizes every passage and builds the index, in two passes: the first counts in how many
   * passages each term occurs (tokenizePassages), the second gives FlexSearch the terms that occur
   * in two or more (fromTokenized).
   */
  static build(entries: readonly IndexEntry[]): PassageIndex {
    return PassageIndex.fromTokenized(entries, tokenizePassages(entries));
  }

  /**
   * The index of passages already tokenized (on this thread or on several: see mergeTokenized).
   * A term found in one passage only (most of a growing vocabulary: names, numbers, typos) is kept
   * out of FlexSearch, where each term costs a map entry at build, export and import, and is looked
   * up through `firstPassage` instead.
   *
   * FlexSearch is not fed passage by passage (`add`: 0.5 s of the 1.3 s build of the mixed corpus):
   * its posting lists are computed here from the term ids and imported, in the layout of its own
   * export — what a restart from the cache imports too. A test holds the export of an index built
   * this way equal to one built with `add`.
   */
  static fromTokenized(entries: readonly IndexEntry[], tokenized: TokenizedPassages): PassageIndex {
    if (tokenized.starts.length !== entries.length + 1) {
      throw new Error(`tokenized passages describe ${tokenized.starts.length - 1} passages, not ${entries.length}`);
    }
    const { terms, frequencies, sequence, starts, headingTerms, headingStarts, headingOf } = tokenized;
    const headingPostings = new PostingLists(terms.length);
    for (let passage = 0; passage < entries.length; passage++) {
      const heading = headingOf[passage];
      for (let i = headingStarts[heading]; i < headingStarts[heading + 1]; i++) headingPostings.add(headingTerms[i], passage);
    }
    const index = createFlexSearchIndex();
    importFlexSearch(index, 'text.1.map', textPostingsOf(entries.length, tokenized));
    importFlexSearch(index, 'heading.1.map', headingPostings.entries(terms));
    importFlexSearch(index, '1.reg', Array.from({ length: entries.length }, (_, passage) => passage));
    const parts = {
      terms,
      termIds: termIdsOf(tokenized),
      documentFrequencies: frequencies,
      firstPassage: tokenized.firstPassage,
      sequence,
      starts,
      headingTerms,
      headingStarts,
      headingOf,
    };
    return new PassageIndex(entries, parts, index);
  }

  /** An index from parts saved by `parts()`, for the same entries: no tokenizing, no FlexSearch build. */
  static restore(entries: readonly IndexEntry[], parts: PassageIndexParts): PassageIndex {
    if (parts.starts.length !== entries.length + 1 || parts.headingOf.length !== entries.length) {
      throw new Error(`index parts describe ${parts.starts.length - 1} passages, not ${entries.length}`);
    }
    const index = createFlexSearchIndex();
    for (const [key, data] of Object.entries(parts.flexsearch)) index.import(key, data);
    return new PassageIndex(entries, { ...parts, termIds: TermDictionary.of(parts.terms) }, index);
  }

  /** What `restore` needs to rebuild this index, FlexSearch's export aside (see exportFlexSearch). */
  parts(): Omit<PassageIndexParts, 'flexsearch'> {
    return {
      terms: [...this.terms],
      documentFrequencies: this.documentFrequencies,
      firstPassage: this.firstPassage,
      sequence: this.sequence,
      starts: this.starts,
      headingTerms: this.headingTermIds,
      headingStarts: this.headingStarts,
      headingOf: this.headingOf,
    };
  }

  /** Hands FlexSearch's export to `write` one chunk at a time: at 100 MB of text it is hundreds of megabytes. */
  exportFlexSearch(write: (key: string, data: string) => void): void {
    void this.index.export((key, data) => write(String(key), String(data)));
  }

  /** Passages holding the most of these terms (in text or heading), best first, at most limit. */
  candidates(terms: readonly string[], limit: number): number[] {
    if (terms.length === 0) return [];
    // Passages holding a term no other passage holds come first: such a rare match says the most.
    const candidates = new Set<number>();
    for (const term of terms) {
      const id = this.termIds.get(term);
      if (id !== undefined && this.documentFrequencies[id] === 1) candidates.add(this.firstPassage[id]);
    }
    const found = this.index.search(terms.join(' '), { suggest: true, limit, merge: true }) as unknown as Array<{ id: number }>;
    for (const hit of found) candidates.add(hit.id);
    return [...candidates];
  }

  /** Number of distinct terms: term ids run from 0 to this. */
  get termCount(): number {
    return this.documentFrequencies.length;
  }

  /** The id of a term, or undefined when no passage holds it. */
  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  /** In how many passages a term occurs. */
  documentFrequencyOf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.documentFrequencies[id];
  }

  /**
   * All passages' term ids one after the other, and where passage id's run starts and ends: for
   * scoring loops that visit many candidates per query without making a view of each.
   */
  get allTermSequences(): Uint32Array {
    return this.sequence;
  }

  sequenceStart(id: number): number {
    return this.starts[id];
  }

  sequenceEnd(id: number): number {
    return this.starts[id + 1];
  }

  /** Distinct term ids of the passage's document title and headings. */
  headingTerms(id: number): Uint32Array {
    const heading = this.headingOf[id];
    return this.headingTermIds.subarray(this.headingStarts[heading], this.headingStarts[heading + 1]);
  }

  /** Which of these terms occur in the passage's document title or headings. */
  termsInHeading(id: number, terms: ReadonlySet<string>): Set<string> {
    const heading = new Set(this.headingTerms(id));
    const found = new Set<string>();
    for (const term of terms) {
      const termId = this.termIds.get(term);
      if (termId !== undefined && heading.has(termId)) found.add(term);
    }
    return found;
  }

  /** Number of tokens of a passage. */
  lengthOf(id: number): number {
    return this.starts[id + 1] - this.starts[id];
  }

  /** A passage's text as written. */
  text(id: number): string {
    return this.entries[id].text;
  }

  /** The folded (matching) form of a passage's text. */
  foldedText(id: number): string {
    return foldForMatching(this.entries[id].text);
  }

  /** Ids of passages whose folded text contains a substring; for one-character queries bigrams cannot answer. */
  scan(substring: string, limit: number): number[] {
    const found: number[] = [];
    for (let id = 0; id < this.size && found.length < limit; id++) if (this.foldedText(id).includes(substring)) found.push(id);
    return found;
  }
}
