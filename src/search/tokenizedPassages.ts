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

/** Passages as term ids, text and headings. Plain data and typed arrays: it crosses threads cheaply. */
interface PassageTermIds {
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

/** Passages as term ids, with the terms and their counts. */
export interface TokenizedPassages extends PassageTermIds {
  /** Terms in id order (ids are ranks by first occurrence, text before heading within a passage). */
  terms: string[];
  /** In how many passages' text each term occurs. */
  frequencies: Uint32Array;
  /** The first passage whose text or heading holds each term. */
  firstPassage: Uint32Array;
}

/** A Uint32Array that grows by doubling: term sequences of a large corpus do not fit a JS array cheaply. */
export class GrowingUint32 {
  private buffer: Uint32Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.buffer = new Uint32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.buffer.length) {
      const bigger = new Uint32Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = value;
  }

  /** Adds one to the value at `at` (below length). */
  increment(at: number): void {
    this.buffer[at]++;
  }

  /** The filled part, as a view (valid until the next push). */
  view(): Uint32Array {
    return this.buffer.subarray(0, this.length);
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

  /** An independent copy. */
  copy(): TermDictionary {
    const copy = new TermDictionary(0);
    copy.slots = this.slots.slice();
    copy.mask = this.mask;
    copy.shift = this.shift;
    copy.shortTerms = this.shortTerms;
    for (const [term, id] of this.longTerms) copy.longTerms.set(term, id);
    return copy;
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

/**
 * Assigns term ids in order of first occurrence: on a build thread over every slice it tokenizes
 * (see SliceTokenizer), in a merge over all passages (see TokenizedMerger).
 */
class TermTable {
  readonly ids: TermDictionary;
  readonly terms: string[];
  /**
   * Per term (typed arrays, grown by doubling: a thread's table lives through the whole build, and
   * arrays of numbers as long would be moved and scanned by every garbage collection): the passage
   * it was first met in (numbered on this thread, across its slices), the last passage it was
   * counted for, and its place in that passage's slice's counts (see TermCollector).
   */
  firstPassage: Uint32Array;
  lastCounted: Int32Array;
  place: Uint32Array;
  /** Id of each run of letters or digits met, as written (see idOfRun). */
  private readonly runIds: Map<string, number>;

  /** A new table sized for about `expectedTerms` terms, or a copy of `from` for a merge (which looks up no runs). */
  constructor(expectedTerms: number, from?: TermTable) {
    this.ids = from ? from.ids.copy() : new TermDictionary(expectedTerms);
    this.terms = from ? [...from.terms] : [];
    const capacity = from ? from.firstPassage.length : Math.max(1 << 10, Math.ceil(expectedTerms));
    this.firstPassage = from ? from.firstPassage.slice() : new Uint32Array(capacity);
    this.lastCounted = from ? from.lastCounted.slice() : new Int32Array(capacity);
    this.place = from ? from.place.slice() : new Uint32Array(capacity);
    this.runIds = new Map();
  }

  /** The id of term, made now (first met in passage) if it is new. */
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

  /** Pushes onto `ids` the id of each of the terms new to a slice's thread (made now when new here, first met in passage offset + its first passage there). */
  idsOfNew(slice: TokenizedSlice, offset: number, ids: GrowingUint32): void {
    const { newTermKeys: keys, newLongTerms: longTerms, newTermFirstPassage: firstPassage } = slice;
    for (let i = 0, long = 0; i < keys.length; i++) {
      ids.push(keys[i] !== 0 ? this.idOfKey(keys[i], offset + firstPassage[i]) : this.idOf(longTerms[long++], offset + firstPassage[i]));
    }
  }

  private add(term: string, passage: number): number {
    const id = this.terms.length;
    if (id === this.firstPassage.length) this.grow();
    this.terms.push(term);
    this.firstPassage[id] = passage;
    this.lastCounted[id] = -1;
    return id;
  }

  private grow(): void {
    const bigger = <T extends Uint32Array | Int32Array>(array: T, make: (length: number) => T): T => {
      const copy = make(array.length * 2);
      copy.set(array);
      return copy;
    };
    this.firstPassage = bigger(this.firstPassage, (n) => new Uint32Array(n));
    this.lastCounted = bigger(this.lastCounted, (n) => new Int32Array(n));
    this.place = bigger(this.place, (n) => new Uint32Array(n));
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
 * Takes the terms of one passage after another into the table: a text's into the sequence, and
 * counted once per passage among the slice's text terms; a heading's as its distinct ids (distinctIds).
 */
class TermCollector implements IndexTermVisitor {
  /** The passage being read (numbered on this thread, across its slices). */
  passage = 0;
  /** Where a heading's ids go while distinctIds reads it; undefined while a text is read. */
  private headingIds: Set<number> | undefined;

  /** `sliceStart`: the number of the slice's first passage; `textTerms` and `counts` are the slice's. */
  constructor(
    private readonly table: TermTable,
    private readonly sequence: GrowingUint32,
    private readonly sliceStart: number,
    private readonly textTerms: GrowingUint32,
    private readonly counts: GrowingUint32,
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
    if (this.headingIds !== undefined) {
      this.headingIds.add(id);
      return;
    }
    this.sequence.push(id);
    const { table, passage } = this;
    const last = table.lastCounted[id];
    if (last === passage) return;
    table.lastCounted[id] = passage;
    if (last < this.sliceStart) {
      table.place[id] = this.textTerms.length;
      this.textTerms.push(id);
      this.counts.push(1);
    } else this.counts.increment(table.place[id]);
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

/**
 * A slice of consecutive passages as term ids of the thread that tokenized it (see SliceTokenizer):
 * plain data and typed arrays, it crosses threads cheaply.
 */
export interface TokenizedSlice extends PassageTermIds {
  /**
   * The terms this thread met first in this slice, in id order (first occurrence): their ids run
   * on from firstNewTerm. A short term as its shortTermKey, any other as 0 and its text in
   * newLongTerms: a merge looks the keys up without a string made on either thread (see newTermsOf).
   */
  newTermKeys: Int32Array;
  newLongTerms: string[];
  firstNewTerm: number;
  /** The slice's passage each new term was first met in. */
  newTermFirstPassage: Uint32Array;
  /** The distinct terms of the slice's passages' text, and in how many of them each occurs. */
  textTerms: Uint32Array;
  textCounts: Uint32Array;
}

/**
 * Tokenizes the slices one build thread is given, one after the other, into one term table: a term
 * costs one dictionary entry per thread, not one per slice, and each slice names only the terms
 * new since the thread's last slice, so that a merge looks each term up once per thread.
 */
export class SliceTokenizer {
  private readonly table: TermTable;
  /** Passages tokenized so far, over every slice. */
  private passages = 0;
  /** Whether a merge took the table itself (see tableOnlyAfter): then this tokenizer is done. */
  private handedOver = false;

  /** `oneSlice`: this tokenizer makes one slice only, so a merge may take its table without a copy. */
  constructor(
    expectedTerms: number,
    private readonly oneSlice = false,
  ) {
    this.table = new TermTable(expectedTerms);
  }

  tokenize(entries: readonly IndexEntry[]): TokenizedSlice {
    if (this.handedOver) throw new Error('this tokenizer made its one slice, and its term table belongs to a merge now');
    const { table } = this;
    const firstNewTerm = table.terms.length;
    const sliceStart = this.passages;
    const headings = new HeadingTable();
    const starts = new Uint32Array(entries.length + 1);
    const headingOf = new Uint32Array(entries.length);
    const sequence = new GrowingUint32();
    const textTerms = new GrowingUint32();
    const textCounts = new GrowingUint32();
    const collector = new TermCollector(table, sequence, sliceStart, textTerms, textCounts);
    for (let passage = 0; passage < entries.length; passage++) {
      const entry = entries[passage];
      starts[passage] = sequence.length;
      collector.passage = sliceStart + passage;
      scanIndexTerms(foldForMatching(entry.text), collector);
      const { heading, isNew } = headings.numberOf(entry.heading);
      if (isNew) for (const id of collector.distinctIds(foldForMatching(entry.heading))) headings.terms.push(id);
      headingOf[passage] = heading;
    }
    starts[entries.length] = sequence.length;
    this.passages += entries.length;
    const newTermFirstPassage = new Uint32Array(table.terms.length - firstNewTerm);
    for (let i = 0; i < newTermFirstPassage.length; i++) newTermFirstPassage[i] = table.firstPassage[firstNewTerm + i] - sliceStart;
    const slice: TokenizedSlice = {
      ...newTermsAsKeys(table.terms, firstNewTerm),
      firstNewTerm,
      newTermFirstPassage,
      textTerms: textTerms.finish(),
      textCounts: textCounts.finish(),
      sequence: sequence.finish(),
      starts,
      headingTexts: headings.texts,
      headingTerms: headings.terms.finish(),
      headingStarts: headings.finishStarts(),
      headingOf,
    };
    lastSliceOf.set(this, slice);
    return slice;
  }

  /**
   * The term table (a copy, unless this tokenizer makes one slice only), when `slice` is the only
   * one it has tokenized: a merge starting with it takes it as its own (the ids of a first slice
   * are those of one pass) instead of looking up each of its terms.
   */
  tableOnlyAfter(slice: TokenizedSlice): TermTable | undefined {
    if (slice.firstNewTerm !== 0 || lastSliceOf.get(this) !== slice || this.passages !== slice.headingOf.length) return undefined;
    if (!this.oneSlice) return new TermTable(0, this.table);
    this.handedOver = true;
    return this.table;
  }
}

/** The last slice each tokenizer made (see tableOnlyAfter). */
const lastSliceOf = new WeakMap<SliceTokenizer, TokenizedSlice>();

/** Tokenizes passages (their folded text and heading) into term ids. */
export function tokenizePassages(entries: readonly IndexEntry[]): TokenizedPassages {
  const tokenizer = new SliceTokenizer(expectedTermsIn(entries.reduce((n, entry) => n + entry.text.length, 0)), true);
  const merger = new TokenizedMerger();
  merger.add(tokenizer.tokenize(entries), tokenizer);
  return merger.finish();
}

/**
 * Joins slices tokenized apart (consecutive runs of passages, added in order) into what tokenizing
 * all passages at once gives: ids renumbered by first occurrence, frequencies summed, headings
 * shared. Slices are added as they come, so the joining overlaps the tokenizing of later ones.
 *
 * Each thread's ids are mapped to the merge's through an array, filled from the terms each slice
 * names as new to its thread, looked up by their text: once per term and thread. The merge's ids
 * come out as ranks by first occurrence because a term new to the merge is new to its thread too
 * (the thread's earlier slices came before and are merged), and a thread's new terms are listed
 * in the order the slice meets them.
 */
export class TokenizedMerger {
  private table: TermTable;
  /** The merge's id of each id of a thread, per thread (or slice tokenized alone). */
  private readonly idsOf = new Map<object, GrowingUint32>();
  private readonly frequencies = new GrowingUint32();
  private readonly headings = new HeadingTable();
  private readonly sequences: Uint32Array[] = [];
  private readonly starts: number[] = [];
  private readonly headingOf: number[] = [];
  private tokens = 0;

  /** `expectedTerms`: about how many distinct terms all slices hold, to size the term table. */
  constructor(private readonly expectedTerms = 0) {
    this.table = new TermTable(expectedTerms);
  }

  /**
   * Adds the next slice. `from` stands for the thread whose ids it holds: its SliceTokenizer (or
   * any one object per thread: a worker), or the slice itself when it was tokenized alone.
   */
  add(slice: TokenizedSlice, from: object): void {
    const passageOffset = this.headingOf.length;
    let ids = this.idsOf.get(from);
    if (ids === undefined) {
      ids = new GrowingUint32(1 << 10);
      this.idsOf.set(from, ids);
    }
    if (ids.length !== slice.firstNewTerm) throw new Error(`a slice's new terms start at id ${slice.firstNewTerm}, but ${ids.length} terms of its thread are known`);
    const takenOver = passageOffset === 0 && from instanceof SliceTokenizer ? from.tableOnlyAfter(slice) : undefined;
    if (takenOver !== undefined) {
      // The first slice: its ids are the merge's already.
      this.table = takenOver;
      takenOver.ids.reserve(this.expectedTerms);
      for (let id = 0; id < slice.newTermKeys.length; id++) ids.push(id);
    } else this.table.idsOfNew(slice, passageOffset, ids);
    const toMerged = ids.view();
    while (this.frequencies.length < this.table.terms.length) this.frequencies.push(0);
    addCounts(this.frequencies.view(), toMerged, slice.textTerms, slice.textCounts);
    this.sequences.push(takenOver !== undefined ? slice.sequence : mapIds(slice.sequence, toMerged));
    const headingRemap = new Uint32Array(slice.headingTexts.length);
    slice.headingTexts.forEach((text, local) => {
      const { heading, isNew } = this.headings.numberOf(text);
      headingRemap[local] = heading;
      if (!isNew) return;
      for (let i = slice.headingStarts[local]; i < slice.headingStarts[local + 1]; i++) this.headings.terms.push(toMerged[slice.headingTerms[i]]);
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
    // What only the merge needed (the threads' tokenizers among it) need not outlive it.
    this.sequences.length = 0;
    this.idsOf.clear();
    const tokenized: TokenizedPassages = {
      terms: this.table.terms,
      frequencies: this.frequencies.finish(),
      firstPassage: this.table.firstPassage.slice(0, this.table.terms.length),
      sequence,
      starts: Uint32Array.from([...this.starts, this.tokens]),
      headingTexts: this.headings.texts,
      headingTerms: this.headings.terms.finish(),
      headingStarts: this.headings.finishStarts(),
      headingOf: Uint32Array.from(this.headingOf),
    };
    knownDictionaries.set(tokenized, this.table.ids);
    return tokenized;
  }
}

/** Adds each count to the frequency of its term (given in a thread's ids). */
function addCounts(frequencies: Uint32Array, toMerged: Uint32Array, terms: Uint32Array, counts: Uint32Array): void {
  for (let i = 0; i < terms.length; i++) frequencies[toMerged[terms[i]]] += counts[i];
}

/** The ids of a thread, as the merge's. */
function mapIds(ids: Uint32Array, toMerged: Uint32Array): Uint32Array {
  const mapped = new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) mapped[i] = toMerged[ids[i]];
  return mapped;
}

/** The terms from `from` on, as a slice names them (TokenizedSlice.newTermKeys). */
function newTermsAsKeys(terms: readonly string[], from: number): { newTermKeys: Int32Array; newLongTerms: string[] } {
  const newTermKeys = new Int32Array(terms.length - from);
  const newLongTerms: string[] = [];
  for (let i = 0; i < newTermKeys.length; i++) {
    newTermKeys[i] = shortTermKey(terms[from + i]);
    if (newTermKeys[i] === 0) newLongTerms.push(terms[from + i]);
  }
  return { newTermKeys, newLongTerms };
}

/** The terms new to a slice's thread, in id order, as text. */
export function newTermsOf(slice: TokenizedSlice): string[] {
  let long = 0;
  return Array.from(slice.newTermKeys, (key) => (key !== 0 ? shortTermOf(key) : slice.newLongTerms[long++]));
}

/** Passages tokenized alone, as a slice whose terms are all new: what mergeTokenized adds. */
function asSlice(tokenized: TokenizedPassages): TokenizedSlice {
  return {
    ...tokenized,
    ...newTermsAsKeys(tokenized.terms, 0),
    firstNewTerm: 0,
    newTermFirstPassage: tokenized.firstPassage,
    textTerms: Uint32Array.from(tokenized.terms, (_, id) => id),
    textCounts: tokenized.frequencies,
  };
}

/** Slices tokenized apart (each with tokenizePassages), joined in order. */
export function mergeTokenized(slices: readonly TokenizedPassages[]): TokenizedPassages {
  if (slices.length === 1) return slices[0];
  const merger = new TokenizedMerger();
  for (const slice of slices) merger.add(asSlice(slice), slice);
  return merger.finish();
}

/** The term dictionaries made while tokenizing or merging on this thread, so the index need not make them again. */
const knownDictionaries = new WeakMap<TokenizedPassages, TermDictionary>();

/** Term → id of tokenized passages. */
export function termIdsOf(tokenized: TokenizedPassages): TermDictionary {
  return knownDictionaries.get(tokenized) ?? TermDictionary.of(tokenized.terms);
}

/** The typed arrays of a slice, for a worker's transfer list. */
export function buffersOf(slice: TokenizedSlice): ArrayBuffer[] {
  const arrays = [slice.newTermKeys, slice.newTermFirstPassage, slice.textTerms, slice.textCounts, slice.sequence, slice.starts, slice.headingTerms, slice.headingStarts, slice.headingOf];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}
