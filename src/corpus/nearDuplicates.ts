/**
 * Finds text seen before in the same document, exactly or with small edits (图像处处理 for
 * 图像处理, 成功 for 成果). Text is compared by its matching key: folded, without white space and
 * punctuation. Near means an edit distance of at most 6% of the length; differences in numbers
 * never count as near (two sentences that differ only in a year state two different facts; runs
 * of those are the template rule's business).
 */
import { CharacterTable, UNKNOWN_PROPERTY } from '../text/characterTable.ts';
import { foldForMatching } from '../text/foldText.ts';

const NOT_KEY = /[\s\p{P}\p{S}]/u;
const DIGITS = /\d+/g;
/** Shorter keys are compared exactly only: a few characters differing in a short line is a different line. */
const MIN_NEAR_LENGTH = 16;
const NEAR_RATIO = 0.06;

/** Whether a character belongs in a key: not white space, punctuation or a symbol. */
const keyCharacters = new CharacterTable((char) => (NOT_KEY.test(char) ? 0 : 1));
/** The same for each BMP unit, read directly in walkKey's loop (see CharacterTable.bmp). */
const bmpKeyCharacters = keyCharacters.bmp;

/** The matching key of text that is already folded. */
export function keyOfFolded(folded: string): string {
  return walkKey(folded, undefined);
}

/** The key of folded text; with `before` (length + 1 entries), also how many key units precede each offset. */
function walkKey(folded: string, before: Uint32Array | undefined): string {
  let key = '';
  let runStart = 0;
  for (let i = 0; i < folded.length; i++) {
    const code = folded.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < folded.length ? 2 : 1;
    if (before !== undefined) {
      const kept = key.length + i - runStart;
      before[i] = kept;
      if (width === 2) before[i + 1] = kept;
    }
    let inKey = width === 1 ? bmpKeyCharacters[code] : keyCharacters.at(folded, i, width);
    if (inKey === UNKNOWN_PROPERTY) inKey = keyCharacters.unit(code);
    if (inKey !== 1) {
      key += folded.slice(runStart, i);
      runStart = i + width;
    }
    i += width - 1;
  }
  if (before !== undefined) before[folded.length] = key.length + folded.length - runStart;
  return runStart === 0 ? folded : key + folded.slice(runStart);
}

/**
 * The matching key of folded text, and a way to cut the key of any of its spans from it without
 * walking the span again: cleaning needs the key of a paragraph and of each of its sentences.
 */
export class FoldedKey {
  readonly key: string;
  /** Key units before each offset of the text (offsets 0 … length). */
  private readonly before: Uint32Array;

  constructor(private readonly folded: string) {
    this.before = new Uint32Array(folded.length + 1);
    this.key = walkKey(folded, this.before);
  }

  /** keyOfFolded(folded.slice(start, end)), the same string. */
  keyOf(start: number, end: number): string {
    // A bound right after a high surrogate is read differently in the span than in the whole text.
    if (this.afterHighSurrogate(start) || this.afterHighSurrogate(end)) return keyOfFolded(this.folded.slice(start, end));
    return this.key.slice(this.before[start], this.before[end]);
  }

  private afterHighSurrogate(offset: number): boolean {
    if (offset <= 0 || offset >= this.folded.length) return false;
    const code = this.folded.charCodeAt(offset - 1);
    return code >= 0xd800 && code <= 0xdbff;
  }
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

/** Levenshtein distance if it is at most maxEdits, else maxEdits + 1 (banded: O(n·k) time, O(m) memory). */
export function boundedEditDistance(a: string, b: string, maxEdits: number): number {
  if (Math.abs(a.length - b.length) > maxEdits) return maxEdits + 1;
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  const INF = maxEdits + 1;
  // Only the band |i - j| <= maxEdits is computed; the cells just outside it are set to INF as the
  // band moves, so no row is ever cleared whole (that would make every comparison O(n·m)).
  let previous = new Uint32Array(m + 2);
  let current = new Uint32Array(m + 2);
  for (let j = 0; j <= m + 1; j++) previous[j] = j <= maxEdits ? j : INF;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - maxEdits);
    const to = Math.min(m, i + maxEdits);
    current[0] = i <= maxEdits ? i : INF;
    current[from - 1] = from === 1 ? current[0] : INF;
    current[to + 1] = INF;
    let rowMin = from === 1 ? current[0] : INF;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
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
  private readonly byPrefix = new Map<string, NearCandidate[]>();
  private readonly bySuffix = new Map<string, NearCandidate[]>();

  /** 'duplicate', 'nearDuplicate', or undefined for new text (which is then remembered). */
  check(key: string): 'duplicate' | 'nearDuplicate' | undefined {
    if (this.exact.has(key)) return 'duplicate';
    const candidate: NearCandidate = { key, numbers: undefined };
    if (this.isNear(candidate)) return 'nearDuplicate';
    this.remember(candidate);
    return undefined;
  }

  private remember(candidate: NearCandidate): void {
    this.exact.add(candidate.key);
    if (candidate.key.length < MIN_NEAR_LENGTH || candidate.key.length > MAX_NEAR_LENGTH) return;
    append(this.byPrefix, candidate.key.slice(0, ANCHOR), candidate);
    append(this.bySuffix, candidate.key.slice(-ANCHOR), candidate);
  }

  private isNear(text: NearCandidate): boolean {
    const { key } = text;
    if (allowedEdits(key.length) === 0 || key.length > MAX_NEAR_LENGTH) return false;
    const near = (candidate: NearCandidate): boolean => {
      const allowed = allowedEdits(Math.max(candidate.key.length, key.length));
      return (
        Math.abs(candidate.key.length - key.length) <= allowed &&
        numbersOfCandidate(candidate) === numbersOfCandidate(text) &&
        withinEdits(candidate.key, key, allowed)
      );
    };
    return (this.byPrefix.get(key.slice(0, ANCHOR)) ?? []).some(near) || (this.bySuffix.get(key.slice(-ANCHOR)) ?? []).some(near);
  }
}

function append(map: Map<string, NearCandidate[]>, anchor: string, candidate: NearCandidate): void {
  const list = map.get(anchor);
  if (list === undefined) map.set(anchor, [candidate]);
  else {
    if (list.length === CANDIDATES_PER_ANCHOR) list.shift();
    list.push(candidate);
  }
}
