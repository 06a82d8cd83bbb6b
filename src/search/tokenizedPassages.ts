/**
 * The first half of building a passage index: every passage as a sequence of term ids, with the
 * term dictionary, document frequencies and the distinct terms of each heading. It is a pure
 * function of the passages, so a large corpus is tokenized in slices on several threads and the
 * slices merged in passage order; the merge gives exactly the ids one pass over all passages would
 * (a term's id is its rank by first occurrence), so the index does not depend on how it was split.
 */
import { foldForMatching } from '../text/foldText.ts';
import { runTerm, scanIndexTerms, shortTermKey, shortTermOf, type IndexTermVisitor } from './tokenize.ts';

/** What the index needs to know about one passage. */
export interface IndexEntry {
  /** Passage text as quoted. */
  text: string;
  /** Document title and section heading path, searched with a lower weight. */
  heading: string;
}

/** Passages as term ids. Plain data and typed arrays: it crosses threads cheaply. */
export interface TokenizedPassages {
  /** Terms in id order (ids are ranks by first occurrence, text before heading within a passage). */
  terms: string[];
  /** In how many passages' text each term occurs. */
  frequencies: Uint32Array;
  /** The first passage whose text or heading holds each term. */
  firstPassage: Uint32Array;
  /** Term ids of all passages' text, one after the other; passage i is sequence[starts[i] .. starts[i+1]). */
  sequence: Uint32Array;
  starts: Uint32Array;
  /** Distinct heading texts, in order of first use; heading h's distinct term ids are headingTerms[headingStarts[h] .. headingStarts[h+1]). */
  headingTexts: string[];
  headingTerms: Uint32Array;
  headingStarts: Uint32Array;
  /** The heading of each passage. */
  headingOf: Uint32Array;
}

/** A Uint32Array that grows by doubling: term sequences of a large corpus do not fit a JS array cheaply. */
export class GrowingUint32 {
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

/**
 * Term → id. Short terms (see shortTermKey: nearly every Chinese term) live in an open-addressing
 * table of numbers, so the tokens of a passage are looked up without making a string each; the
 * others in a Map.
 */
export class TermDictionary {
  /**
   * Slot s holds its key at 2s (0: empty; no short term has key 0) and its id at 2s + 1: one
   * memory read finds both, where two arrays of several megabytes cost two cache misses a token.
   */
  private slots: Int32Array;
  /** Slots - 1 (their number is a power of two). */
  private mask: number;
  private shift: number;
  private shortTerms = 0;
  private readonly longTerms = new Map<string, number>();

  /** Sized for about `expected` short terms: growing rehashes every key. */
  constructor(expected = 0) {
    const bits = slotBitsFor(expected);
    this.slots = new Int32Array(2 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  /** Makes room for about `expected` short terms in one rehash, where growing to it would rehash at every doubling. */
  reserve(expected: number): void {
    const bits = slotBitsFor(expected);
    if (bits > 32 - this.shift) this.rehash(bits);
  }

  /** The dictionary of terms listed in id order. */
  static of(terms: readonly string[]): TermDictionary {
    const dictionary = new TermDictionary(terms.length);
    terms.forEach((term, id) => dictionary.set(term, id));
    return dictionary;
  }

  get(term: string): number | undefined {
    const key = shortTermKey(term);
    if (key === 0) return this.longTerms.get(term);
    const id = this.getKey(key);
    return id < 0 ? undefined : id;
  }

  /** The id of the short term with this key, or -1. */
  getKey(key: number): number {
    const { slots, mask } = this;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.shift; ; slot = (slot + 1) & mask) {
      const held = slots[2 * slot];
      if (held === key) return slots[2 * slot + 1];
      if (held === 0) return -1;
    }
  }

  set(term: string, id: number): void {
    const key = shortTermKey(term);
    if (key === 0) this.longTerms.set(term, id);
    else this.setKey(key, id);
  }

  setKey(key: number, id: number): void {
    const { slots, mask } = this;
    let slot = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (slots[2 * slot] !== 0 && slots[2 * slot] !== key) slot = (slot + 1) & mask;
    if (slots[2 * slot] === 0) this.shortTerms++;
    slots[2 * slot] = key;
    slots[2 * slot + 1] = id;
    if (this.shortTerms * 2 > mask + 1) this.grow();
  }

  private grow(): void {
    this.rehash(33 - this.shift);
  }

  /** Moves every key into a table of 2^bits slots. */
  private rehash(bits: number): void {
    const old = this.slots;
    this.slots = new Int32Array(2 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
    this.shortTerms = 0;
    for (let at = 0; at < old.length; at += 2) if (old[at] !== 0) this.setKey(old[at], old[at + 1]);
  }
}

/** log2 of the slots a dictionary of about `expected` short terms starts with: at most half of them filled. */
function slotBitsFor(expected: number): number {
  return Math.max(10, Math.min(26, Math.ceil(Math.log2(expected * 2 + 1))));
}

/** Assigns term ids in order of first occurrence and counts frequencies, passage after passage. */
class TermTable {
  readonly ids: TermDictionary;
  readonly terms: string[];
  readonly frequencies: number[];
  readonly firstPassage: number[];
  private readonly lastCounted: number[] = [];
  /** Id of each run of letters or digits met, as written (see idOfRun). */
  private readonly runIds = new Map<string, number>();

  /** A new table sized for about `expectedTerms` terms, or one continuing `from` (see takeOver). */
  constructor(expectedTerms: number, from?: TermTable) {
    this.ids = from?.ids ?? new TermDictionary(expectedTerms);
    this.terms = from ? [...from.terms] : [];
    this.frequencies = from?.frequencies ?? [];
    this.firstPassage = from?.firstPassage ?? [];
  }

  /**
   * The table a first slice was tokenized with on this thread, taken over to merge the next ones
   * into: its ids are already those of one pass. The slice keeps its own term list; the dictionary
   * and counts move to the new table (and the slice is no longer listed as known, see termIdsOf).
   */
  static takeOver(slice: TokenizedPassages): TermTable | undefined {
    const table = knownTables.get(slice);
    if (table === undefined) return undefined;
    knownTables.delete(slice);
    return new TermTable(0, table);
  }

  /** The id of term, made now (first seen in passage) if it is new. */
  idOf(term: string, passage: number): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.add(term, passage);
      this.ids.set(term, id);
    }
    return id;
  }

  /** idOf for a short term given by its key. */
  idOfKey(key: number, passage: number): number {
    let id = this.ids.getKey(key);
    if (id < 0) {
      id = this.add(shortTermOf(key), passage);
      this.ids.setKey(key, id);
    }
    return id;
  }

  /** idOf(runTerm(run, letters)): a run met before costs one lookup, without stemming it again. */
  idOfRun(run: string, letters: boolean, passage: number): number {
    let id = this.runIds.get(run);
    if (id === undefined) {
      id = this.idOf(runTerm(run, letters), passage);
      this.runIds.set(run, id);
    }
    return id;
  }

  private add(term: string, passage: number): number {
    const id = this.terms.length;
    this.terms.push(term);
    this.frequencies.push(0);
    this.firstPassage.push(passage);
    this.lastCounted.push(-1);
    return id;
  }

  /** Counts passage once among the passages holding id. */
  count(id: number, passage: number, times = 1): void {
    if (this.lastCounted[id] === passage) return;
    this.lastCounted[id] = passage;
    this.frequencies[id] += times;
  }
}

/** Headings deduplicated by text, each with its distinct term ids. */
class HeadingTable {
  private readonly index = new Map<string, number>();
  readonly texts: string[] = [];
  readonly terms = new GrowingUint32();
  readonly starts: number[] = [];

  /** The heading's number, and whether it is new (then add its term ids with addTerm, at once). */
  numberOf(text: string): { heading: number; isNew: boolean } {
    const known = this.index.get(text);
    if (known !== undefined) return { heading: known, isNew: false };
    const heading = this.texts.length;
    this.index.set(text, heading);
    this.texts.push(text);
    this.starts.push(this.terms.length);
    return { heading, isNew: true };
  }

  finishStarts(): Uint32Array {
    return Uint32Array.from([...this.starts, this.terms.length]);
  }
}

/**
 * Takes the terms of one passage after another into the table: a text's into the sequence, each
 * passage counted once per term; a heading's as its distinct ids (distinctIds).
 */
class TermCollector implements IndexTermVisitor {
  /** The passage being read. */
  passage = 0;
  /** Where a heading's ids go while distinctIds reads it; undefined while a text is read. */
  private headingIds: Set<number> | undefined;

  constructor(
    private readonly table: TermTable,
    private readonly sequence: GrowingUint32,
  ) {}

  /** The ids of the distinct terms of folded heading text, in order of first occurrence (new terms get their ids in that order). */
  distinctIds(folded: string): Set<number> {
    const ids = new Set<number>();
    this.headingIds = ids;
    scanIndexTerms(folded, this);
    this.headingIds = undefined;
    return ids;
  }

  visitKey(key: number): void {
    this.take(this.table.idOfKey(key, this.passage));
  }

  visitRun(run: string, letters: boolean): void {
    this.take(this.table.idOfRun(run, letters, this.passage));
  }

  visitTerm(term: string): void {
    this.take(this.table.idOf(term, this.passage));
  }

  private take(id: number): void {
    if (this.headingIds !== undefined) this.headingIds.add(id);
    else {
      this.sequence.push(id);
      this.table.count(id, this.passage);
    }
  }
}

/**
 * About how many distinct terms text of this many characters holds, to size a term table: they grow
 * slower than the text (Heaps' law). The mixed corpus has one per 3 characters in a build slice of
 * Chinese (50,000–150,000 characters) and one per 13 in all of it; a table sized for one per 8, as
 * before, doubled and rehashed twice in every slice.
 */
export function expectedTermsIn(characters: number): number {
  return Math.min(1 << 20, 3 * characters ** 0.8);
}

/** Tokenizes passages (their folded text and heading) into term ids. */
export function tokenizePassages(entries: readonly IndexEntry[]): TokenizedPassages {
  const table = new TermTable(expectedTermsIn(entries.reduce((n, entry) => n + entry.text.length, 0)));
  const headings = new HeadingTable();
  const starts = new Uint32Array(entries.length + 1);
  const headingOf = new Uint32Array(entries.length);
  const sequence = new GrowingUint32();
  const collector = new TermCollector(table, sequence);
  for (let passage = 0; passage < entries.length; passage++) {
    const entry = entries[passage];
    starts[passage] = sequence.length;
    collector.passage = passage;
    scanIndexTerms(foldForMatching(entry.text), collector);
    const { heading, isNew } = headings.numberOf(entry.heading);
    if (isNew) for (const id of collector.distinctIds(foldForMatching(entry.heading))) headings.terms.push(id);
    headingOf[passage] = heading;
  }
  starts[entries.length] = sequence.length;
  const tokenized: TokenizedPassages = {
    terms: table.terms,
    frequencies: Uint32Array.from(table.frequencies),
    firstPassage: Uint32Array.from(table.firstPassage),
    sequence: sequence.finish(),
    starts,
    headingTexts: headings.texts,
    headingTerms: headings.terms.finish(),
    headingStarts: headings.finishStarts(),
    headingOf,
  };
  knownTables.set(tokenized, table);
  return tokenized;
}

/**
 * Joins slices tokenized apart (consecutive runs of passages, added in order) into what tokenizing
 * all passages at once gives: ids renumbered by first occurrence, frequencies summed, headings
 * shared. Slices are added as they come, so the joining overlaps the tokenizing of later ones.
 */
export class TokenizedMerger {
  private table: TermTable;
  private readonly headings = new HeadingTable();
  private readonly sequences: Uint32Array[] = [];
  private readonly starts: number[] = [];
  private readonly headingOf: number[] = [];
  private tokens = 0;

  /** `expectedTerms`: about how many distinct terms all slices hold, to size the term table. */
  constructor(private readonly expectedTerms = 0) {
    this.table = new TermTable(expectedTerms);
  }

  add(slice: TokenizedPassages): void {
    const passageOffset = this.headingOf.length;
    const remap = new Uint32Array(slice.terms.length);
    const takenOver = passageOffset === 0 && this.table.terms.length === 0 ? TermTable.takeOver(slice) : undefined;
    if (takenOver !== undefined) {
      // The first slice, tokenized on this thread: its ids and counts are the merge's already.
      this.table = takenOver;
      // Sized for the first slice: made room for all of them at once.
      takenOver.ids.reserve(this.expectedTerms);
      for (let local = 0; local < remap.length; local++) remap[local] = local;
      this.sequences.push(slice.sequence);
    } else {
      // A slice's ids are its own ranks by first occurrence, so visiting them in id order meets the
      // terms new to the merge in the order one pass would have: their new ids come out the same.
      const { terms, firstPassage, frequencies } = slice;
      for (let local = 0; local < terms.length; local++) {
        const id = this.table.idOf(terms[local], passageOffset + firstPassage[local]);
        remap[local] = id;
        this.table.frequencies[id] += frequencies[local];
      }
      const sequence = new Uint32Array(slice.sequence.length);
      for (let i = 0; i < sequence.length; i++) sequence[i] = remap[slice.sequence[i]];
      this.sequences.push(sequence);
    }
    const headingRemap = new Uint32Array(slice.headingTexts.length);
    slice.headingTexts.forEach((text, local) => {
      const { heading, isNew } = this.headings.numberOf(text);
      headingRemap[local] = heading;
      if (!isNew) return;
      for (let i = slice.headingStarts[local]; i < slice.headingStarts[local + 1]; i++) this.headings.terms.push(remap[slice.headingTerms[i]]);
    });
    for (let p = 0; p < slice.headingOf.length; p++) {
      this.starts.push(this.tokens + slice.starts[p]);
      this.headingOf.push(headingRemap[slice.headingOf[p]]);
    }
    this.tokens += slice.sequence.length;
  }

  finish(): TokenizedPassages {
    const sequence = new Uint32Array(this.tokens);
    let at = 0;
    for (const part of this.sequences) {
      sequence.set(part, at);
      at += part.length;
    }
    const tokenized: TokenizedPassages = {
      terms: this.table.terms,
      frequencies: Uint32Array.from(this.table.frequencies),
      firstPassage: Uint32Array.from(this.table.firstPassage),
      sequence,
      starts: Uint32Array.from([...this.starts, this.tokens]),
      headingTexts: this.headings.texts,
      headingTerms: this.headings.terms.finish(),
      headingStarts: this.headings.finishStarts(),
      headingOf: Uint32Array.from(this.headingOf),
    };
    knownTables.set(tokenized, this.table);
    return tokenized;
  }
}

export function mergeTokenized(slices: readonly TokenizedPassages[]): TokenizedPassages {
  if (slices.length === 1) return slices[0];
  const merger = new TokenizedMerger();
  for (const slice of slices) merger.add(slice);
  return merger.finish();
}

/** The term tables made while tokenizing or merging on this thread, so the index need not make their dictionaries again. */
const knownTables = new WeakMap<TokenizedPassages, TermTable>();

/** Term → id of tokenized passages. */
export function termIdsOf(tokenized: TokenizedPassages): TermDictionary {
  return knownTables.get(tokenized)?.ids ?? TermDictionary.of(tokenized.terms);
}

/** The typed arrays of a slice, for a worker's transfer list. */
export function buffersOf(tokenized: TokenizedPassages): ArrayBuffer[] {
  const arrays = [tokenized.frequencies, tokenized.firstPassage, tokenized.sequence, tokenized.starts, tokenized.headingTerms, tokenized.headingStarts, tokenized.headingOf];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}
