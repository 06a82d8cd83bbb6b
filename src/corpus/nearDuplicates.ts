/**
 * Finds text seen before in the same document, exactly or with small edits (图像处处理 for
 * 图像处理, 成功 for 成果). Text is compared by its matching key: folded, without white space and
 * punctuation. Near means an edit distance of at most 6% of the length; differences in numbers
 * never count as near (two sentences that differ only in a year state two different facts; runs
 * of those are the template rule's business).
 */
import { CharacterTable, UNKNOWN_PROPERTY } from '../text/characterTable.ts';
import { foldForMatching } from '../text/foldText.ts';
import type { TextSpan } from '../text/sentences.ts';
import { UnitScratch } from '../text/unitScratch.ts';

const NOT_KEY = /[\s\p{P}\p{S}]/u;
/** A high surrogate not followed by a low one: there walkKey reads the unit after it as its pair. */
const LONE_HIGH_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])/;
const DIGITS = /\d+/g;
/** Shorter keys are compared exactly only: a few characters differing in a short line is a different line. */
const MIN_NEAR_LENGTH = 16;
const NEAR_RATIO = 0.06;

/** Whether a character belongs in a key: not white space, punctuation or a symbol. */
const keyCharacters = new CharacterTable((char) => (NOT_KEY.test(char) ? 0 : 1));
/** The same for each BMP unit, read directly in the loops that make keys (see CharacterTable.bmp). */
const bmpKeyCharacters = keyCharacters.bmp;

/** The matching key of text that is already folded. */
export function keyOfFolded(folded: string): string {
  return walkKey(folded, 0, folded.length);
}

/**
 * keyOfFolded(folded.slice(from, to)), without the slice: the characters of that span kept in a
 * key, one code point at a time (a lone high surrogate is read with the unit after it).
 */
function walkKey(folded: string, from: number, to: number): string {
  let key = '';
  let runStart = from;
  for (let i = from; i < to; i++) {
    const code = folded.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < to ? 2 : 1;
    let inKey = width === 1 ? bmpKeyCharacters[code] : keyCharacters.at(folded, i, width);
    if (inKey === UNKNOWN_PROPERTY) inKey = keyCharacters.unit(code);
    if (inKey !== 1) {
      if (i > runStart) key += folded.slice(runStart, i);
      runStart = i + width;
    }
    i += width - 1;
  }
  return runStart === from ? folded.slice(from, to) : key + folded.slice(runStart, to);
}

/** The matching key of a text and of each of its spans. */
export interface SpanKeys {
  key: string;
  spanKeys: string[];
}

/** Where keysOfSpans writes a paragraph's key. */
const keyScratch = new UnitScratch();

/**
 * The matching keys of spans of folded text (keyOfFolded of each), and the key of the whole text,
 * for spans, in text order, outside which the text holds nothing a key keeps (sentenceSpans: only
 * white space is left out). Cleaning needs the key of a paragraph and of each of its sentences:
 * the paragraph's is written once, unit by unit, and each sentence's is a slice of it, unless a
 * lone high surrogate (read with the unit after it, which may lie in the next span) makes the two
 * differ.
 */
export function keysOfSpans(folded: string, spans: readonly TextSpan[]): SpanKeys {
  const spanKeys: string[] = [];
  if (LONE_HIGH_SURROGATE.test(folded)) {
    for (let s = 0; s < spans.length; s++) spanKeys.push(walkKey(folded, spans[s].start, spans[s].end));
    return { key: keyOfFolded(folded), spanKeys };
  }
  const units = keyScratch.reserve(folded.length);
  // Where each span's key starts and ends in the paragraph's, two entries per span.
  const bounds: number[] = [];
  let length = 0;
  for (let s = 0; s < spans.length; s++) {
    bounds.push(length);
    const end = spans[s].end;
    for (let i = spans[s].start; i < end; i++) {
      const code = folded.charCodeAt(i);
      // Without a lone high surrogate (0xd800–0xdbff, one test), one starts a pair, the pair a character.
      if ((code & 0xfc00) === 0xd800 && i + 1 < end) {
        if (keyCharacters.at(folded, i, 2) === 1) {
          units[length++] = code;
          units[length++] = folded.charCodeAt(i + 1);
        }
        i++;
        continue;
      }
      let inKey = bmpKeyCharacters[code];
      if (inKey === UNKNOWN_PROPERTY) inKey = keyCharacters.unit(code);
      if (inKey === 1) units[length++] = code;
    }
    bounds.push(length);
  }
  const key = keyScratch.stringOf(length);
  for (let s = 0; s < spans.length; s++) spanKeys.push(key.slice(bounds[2 * s], bounds[2 * s + 1]));
  return { key, spanKeys };
}

/** Folded text without white space, punctuation or symbols. */
export function matchingKey(text: string): string {
  return keyOfFolded(foldForMatching(text));
}

/** Edits allowed between two keys of this length for them to count as near-duplicates. */
export function allowedEdits(length: number): number {
  return length < MIN_NEAR_LENGTH ? 0 : Math.max(1, Math.floor(length * NEAR_RATIO));
}

/**
 * Keys longer than this are compared exactly only. An edit distance costs length × allowed edits,
 * and allowed edits grow with the length: a 50 MB paragraph compared "nearly" would take hours.
 * Real near-duplicates are paragraphs and sentences, far shorter.
 */
export const MAX_NEAR_LENGTH = 2000;

/** Whether b is within `allowed` edits of a: equal, or both short enough to compare and close enough. */
export function withinEdits(a: string, b: string, allowed: number): boolean {
  if (a === b) return true;
  if (allowed <= 0 || a.length > MAX_NEAR_LENGTH || b.length > MAX_NEAR_LENGTH) return false;
  return boundedEditDistance(a, b, allowed) <= allowed;
}

/**
 * Levenshtein distance if it is at most maxEdits, else maxEdits + 1 (banded: O(n·k) time, O(m)
 * memory). The prefix and suffix the two share are set aside first: they do not change the
 * distance, and the keys compared share at least one of them (a near-duplicate candidate its first
 * or last 8 characters, a template run all but its numbers), so the band runs over what differs.
 */
export function boundedEditDistance(a: string, b: string, maxEdits: number): number {
  if (Math.abs(a.length - b.length) > maxEdits) return maxEdits + 1;
  if (a === b) return 0;
  let from = 0;
  while (from < a.length && from < b.length && a.charCodeAt(from) === b.charCodeAt(from)) from++;
  let aEnd = a.length;
  let bEnd = b.length;
  while (aEnd > from && bEnd > from && a.charCodeAt(aEnd - 1) === b.charCodeAt(bEnd - 1)) {
    aEnd--;
    bEnd--;
  }
  const n = aEnd - from;
  const m = bEnd - from;
  const INF = maxEdits + 1;
  // Only the band |i - j| <= maxEdits is computed; the cells just outside it are set to INF as the
  // band moves, so no row is ever cleared whole (that would make every comparison O(n·m)).
  let previous = new Uint32Array(m + 2);
  let current = new Uint32Array(m + 2);
  for (let j = 0; j <= m + 1; j++) previous[j] = j <= maxEdits ? j : INF;
  for (let i = 1; i <= n; i++) {
    const low = Math.max(1, i - maxEdits);
    const high = Math.min(m, i + maxEdits);
    current[0] = i <= maxEdits ? i : INF;
    current[low - 1] = low === 1 ? current[0] : INF;
    current[high + 1] = INF;
    let rowMin = low === 1 ? current[0] : INF;
    const unit = a.charCodeAt(from + i - 1);
    for (let j = low; j <= high; j++) {
      const cost = unit === b.charCodeAt(from + j - 1) ? 0 : 1;
      const value = Math.min(previous[j - 1] + cost, previous[j] + 1, current[j - 1] + 1);
      current[j] = value > INF ? INF : value;
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin > maxEdits) return INF;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[m], INF);
}

/** The numbers a key holds, in order: near-duplicates must agree on them, template runs differ only in them. */
export function numbersOf(key: string): string {
  return (key.match(DIGITS) ?? []).join(',');
}

/** Length of the prefix and suffix a near-duplicate is looked up by. */
const ANCHOR = 8;
/** Keys kept per prefix and per suffix, the most recent: a lookup compares at most twice this many. */
const CANDIDATES_PER_ANCHOR = 16;

interface NearCandidate {
  key: string;
  /** numbersOf(key), made the first time a comparison needs it: most keys are never compared. */
  numbers: string | undefined;
}

function numbersOfCandidate(candidate: NearCandidate): string {
  candidate.numbers ??= numbersOf(candidate.key);
  return candidate.numbers;
}

/**
 * Keys seen so far in one document. A repeat is first looked up exactly, in a hash set of every
 * key. Near-duplicate candidates are the most recent keys sharing the first or the last 8
 * characters: a repeat with a few small edits (图像处处理, 成功 for 成果, a prefix added) keeps one
 * of its two ends intact. Edits at both ends at once go unnoticed, and so does a near repeat of a
 * key pushed out of its bucket by 16 newer ones; in exchange a check costs a bounded number of
 * comparisons, so 100,000 lines sharing a prefix stay linear.
 */
export class SeenText {
  private readonly exact = new Set<string>();
  private readonly byPrefix = new Map<string, NearBucket>();
  private readonly bySuffix = new Map<string, NearBucket>();

  /** 'duplicate', 'nearDuplicate', or undefined for new text (which is then remembered). */
  check(key: string): 'duplicate' | 'nearDuplicate' | undefined {
    if (this.exact.has(key)) return 'duplicate';
    if (key.length < MIN_NEAR_LENGTH || key.length > MAX_NEAR_LENGTH) {
      this.exact.add(key);
      return undefined;
    }
    // Each anchor cut and looked up once, for the comparison and then for remembering the key.
    const prefix = key.slice(0, ANCHOR);
    const suffix = key.slice(-ANCHOR);
    const samePrefix = this.byPrefix.get(prefix);
    const sameSuffix = this.bySuffix.get(suffix);
    const candidate: NearCandidate = { key, numbers: undefined };
    // A near-duplicate is not remembered: only text found new is.
    if (isNearAny(candidate, samePrefix) || isNearAny(candidate, sameSuffix)) return 'nearDuplicate';
    this.exact.add(key);
    remember(this.byPrefix, prefix, samePrefix, candidate);
    remember(this.bySuffix, suffix, sameSuffix, candidate);
    return undefined;
  }
}

/**
 * The most recent candidates sharing one anchor, at most CANDIDATES_PER_ANCHOR: a ring, each new
 * one taking the place of the oldest once it is full. Whether a key is near one of them does not
 * depend on their order, and one store per candidate, full or not, leaves no operation that runs
 * only once a bucket fills (V8 throws optimized code away when such an operation first runs).
 */
interface NearBucket {
  candidates: NearCandidate[];
  /** Candidates ever added: the next goes to index added % CANDIDATES_PER_ANCHOR. */
  added: number;
}

/** Whether text is near one of the candidates of a bucket. */
function isNearAny(text: NearCandidate, bucket: NearBucket | undefined): boolean {
  if (bucket === undefined) return false;
  const length = text.key.length;
  const { candidates } = bucket;
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c];
    const allowed = allowedEdits(Math.max(candidate.key.length, length));
    if (
      Math.abs(candidate.key.length - length) <= allowed &&
      numbersOfCandidate(candidate) === numbersOfCandidate(text) &&
      withinEdits(candidate.key, text.key, allowed)
    ) return true;
  }
  return false;
}

/** Adds a candidate to the bucket of its anchor (`bucket`, that anchor's if it has one). */
function remember(map: Map<string, NearBucket>, anchor: string, bucket: NearBucket | undefined, candidate: NearCandidate): void {
  if (bucket === undefined) map.set(anchor, { candidates: [candidate], added: 1 });
  else {
    bucket.candidates[bucket.added % CANDIDATES_PER_ANCHOR] = candidate;
    bucket.added++;
  }
}
