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

/** A Uint32Array that grows by doubling: term sequences of a large corpus do not fit a JS array cheaply. */
class GrowingUint32 {
  private buffer = new Uint32Array(1 << 16);
  length = 0;

  push(value: number): void {
    if (this.length === this.buffer.length) {
      const bigger = new Uint32Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = value;
  }

  /** The filled part, trimmed to size. */
  finish(): Uint32Array {
    return this.buffer.slice(0, this.length);
  }
}

export class PassageIndex {
  readonly size: number;
  readonly averageLength: number;
  private readonly termIds = new Map<string, number>();
  private readonly documentFrequencies: number[] = [];
  /** Term ids of all passages, one after the other; passage i is sequence[starts[i] .. starts[i+1]). */
  private readonly sequence: Uint32Array;
  private readonly starts: Uint32Array;
  /** Distinct term ids of each distinct heading, and which heading each passage has. */
  private readonly headings: Uint32Array[] = [];
  private readonly headingOf: Uint32Array;
  private readonly index: Document<IndexedFields>;

  constructor(private readonly entries: readonly IndexEntry[]) {
    this.size = entries.length;
    this.starts = new Uint32Array(entries.length + 1);
    this.headingOf = new Uint32Array(entries.length);
    this.index = new Document<IndexedFields>({
      document: {
        id: 'id',
        index: [
          { field: 'text', tokenize: 'strict', encode: splitTerms },
          { field: 'heading', tokenize: 'strict', encode: splitTerms },
        ],
      },
    });
    const sequence = new GrowingUint32();
    const headingIndex = new Map<string, { index: number; terms: string }>();
    entries.forEach((entry, id) => {
      this.starts[id] = sequence.length;
      const distinct = new Set<string>();
      for (const term of termsOf(foldForMatching(entry.text))) {
        sequence.push(this.idOf(term));
        distinct.add(term);
      }
      for (const term of distinct) this.documentFrequencies[this.termIds.get(term)!]++;
      let heading = headingIndex.get(entry.heading);
      if (heading === undefined) {
        const terms = [...new Set(termsOf(foldForMatching(entry.heading)))];
        heading = { index: this.headings.length, terms: terms.join(' ') };
        this.headings.push(Uint32Array.from(terms, (term) => this.idOf(term)));
        headingIndex.set(entry.heading, heading);
      }
      this.headingOf[id] = heading.index;
      const indexed: string[] = [];
      for (const term of distinct) if (!STOP_WORDS.has(term)) indexed.push(term);
      this.index.add({ id, text: indexed.join(' '), heading: heading.terms });
    });
    this.starts[entries.length] = sequence.length;
    this.sequence = sequence.finish();
    this.averageLength = entries.length > 0 ? sequence.length / entries.length : 0;
  }

  private idOf(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.documentFrequencies.length;
      this.termIds.set(term, id);
      this.documentFrequencies.push(0);
    }
    return id;
  }

  /** Passages holding the most of these terms (in text or heading), best first, at most limit. */
  candidates(terms: readonly string[], limit: number): number[] {
    if (terms.length === 0) return [];
    const found = this.index.search(terms.join(' '), { suggest: true, limit, merge: true }) as unknown as Array<{ id: number }>;
    return found.map((hit) => hit.id);
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

  /** The passage's terms, as ids, in order. */
  termSequence(id: number): Uint32Array {
    return this.sequence.subarray(this.starts[id], this.starts[id + 1]);
  }

  /** Distinct term ids of the passage's document title and headings. */
  headingTerms(id: number): Uint32Array {
    return this.headings[this.headingOf[id]];
  }

  /** Number of tokens of a passage. */
  lengthOf(id: number): number {
    return this.starts[id + 1] - this.starts[id];
  }

  /** The folded (matching) form of a passage's text. */
  foldedText(id: number): string {
    return foldForMatching(this.entries[id].text);
  }

  foldedHeading(id: number): string {
    return foldForMatching(this.entries[id].heading);
  }

  /** Ids of passages whose folded text contains a substring; for one-character queries bigrams cannot answer. */
  scan(substring: string, limit: number): number[] {
    const found: number[] = [];
    for (let id = 0; id < this.size && found.length < limit; id++) if (this.foldedText(id).includes(substring)) found.push(id);
    return found;
  }
}
