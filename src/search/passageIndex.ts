/**
 * The FlexSearch Document index over passages, plus the statistics FlexSearch does not keep
 * (document frequencies, passage lengths) that ranking needs.
 *
 * FlexSearch receives text already tokenized by our tokenizer (terms joined by spaces) and splits it
 * on spaces: its default encoder cannot segment Chinese, splits years into digit triplets and
 * collapses repeated characters (../shared/notes/flexsearch-cjk.md). It then answers "which
 * passages contain most of these terms" fast; ranking happens in rankPassages.
 */
import { Document } from 'flexsearch';
import { foldForMatching } from '../text/foldText.ts';
import { STOP_WORDS } from './analyzeQuery.ts';
import { termsOf } from './tokenize.ts';

/** What the index needs to know about one passage. */
export interface IndexEntry {
  /** Passage text as quoted. */
  text: string;
  /** Document title and section heading path, searched with a lower weight. */
  heading: string;
}

type IndexedFields = { id: number; text: string; heading: string };

const splitTerms = (content: string): string[] => (content === '' ? [] : content.split(' '));

export const INDEX_CONFIG_VERSION = 'bigram-v1';

export class PassageIndex {
  readonly size: number;
  readonly averageLength: number;
  private readonly documentFrequency = new Map<string, number>();
  private readonly headingFrequency = new Map<string, number>();
  private readonly lengths: Uint32Array;
  private readonly folded: string[];
  private readonly foldedHeadings: string[];
  private readonly index: Document<IndexedFields>;

  constructor(entries: readonly IndexEntry[]) {
    this.size = entries.length;
    this.lengths = new Uint32Array(entries.length);
    this.folded = new Array<string>(entries.length);
    this.foldedHeadings = new Array<string>(entries.length);
    this.index = new Document<IndexedFields>({
      document: {
        id: 'id',
        index: [
          { field: 'text', tokenize: 'strict', encode: splitTerms },
          { field: 'heading', tokenize: 'strict', encode: splitTerms },
        ],
      },
    });
    let totalLength = 0;
    const headingTerms = new Map<string, string>();
    entries.forEach((entry, id) => {
      const folded = foldForMatching(entry.text);
      this.folded[id] = folded;
      const terms = uniqueTerms(folded);
      this.lengths[id] = terms.count;
      totalLength += terms.count;
      for (const term of terms.distinct) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      const foldedHeading = foldForMatching(entry.heading);
      this.foldedHeadings[id] = foldedHeading;
      let heading = headingTerms.get(foldedHeading);
      if (heading === undefined) {
        heading = uniqueTerms(foldedHeading).distinct.join(' ');
        headingTerms.set(foldedHeading, heading);
      }
      for (const term of splitTerms(heading)) this.headingFrequency.set(term, (this.headingFrequency.get(term) ?? 0) + 1);
      this.index.add({ id, text: terms.distinct.filter((t) => !STOP_WORDS.has(t)).join(' '), heading });
    });
    this.averageLength = entries.length > 0 ? totalLength / entries.length : 0;
  }

  /** Passages holding the most of these terms (in text or heading), best first, at most limit. */
  candidates(terms: readonly string[], limit: number): number[] {
    if (terms.length === 0) return [];
    const found = this.index.search(terms.join(' '), { suggest: true, limit, merge: true }) as unknown as Array<{ id: number }>;
    return found.map((hit) => hit.id);
  }

  /** In how many passages a term occurs. */
  documentFrequencyOf(term: string): number {
    return this.documentFrequency.get(term) ?? 0;
  }

  headingFrequencyOf(term: string): number {
    return this.headingFrequency.get(term) ?? 0;
  }

  /** Number of tokens of a passage. */
  lengthOf(id: number): number {
    return this.lengths[id];
  }

  /** The folded (matching) form of a passage's text. */
  foldedText(id: number): string {
    return this.folded[id];
  }

  foldedHeading(id: number): string {
    return this.foldedHeadings[id];
  }

  /** Ids of passages whose folded text contains a substring; for one-character queries bigrams cannot answer. */
  scan(substring: string, limit: number): number[] {
    const found: number[] = [];
    for (let id = 0; id < this.size && found.length < limit; id++) if (this.folded[id].includes(substring)) found.push(id);
    return found;
  }
}

function uniqueTerms(folded: string): { distinct: string[]; count: number } {
  const terms = termsOf(folded);
  return { distinct: [...new Set(terms)], count: terms.length };
}
