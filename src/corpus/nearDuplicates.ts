/**
 * Finds text seen before in the same document, exactly or with small edits (图像处处理 for
 * 图像处理, 成功 for 成果). Text is compared by its matching key: folded, without white space and
 * punctuation. Near means an edit distance of at most 6% of the length; differences in numbers
 * never count as near (two sentences that differ only in a year state two different facts; runs
 * of those are the template rule's business).
 */
import { CharacterTable } from '../text/characterTable.ts';
import { foldForMatching } from '../text/foldText.ts';

const NOT_KEY = /[\s\p{P}\p{S}]/u;
const DIGITS = /\d+/g;
/** Shorter keys are compared exactly only: a few characters differing in a short line is a different line. */
const MIN_NEAR_LENGTH = 16;
const NEAR_RATIO = 0.06;

/** Whether a character belongs in a key: not white space, punctuation or a symbol. */
const keyCharacters = new CharacterTable((char) => (NOT_KEY.test(char) ? 0 : 1));

function isKeyCharacterAt(folded: string, at: number, width: number): boolean {
  return keyCharacters.at(folded, at, width) === 1;
}

/** The matching key of text that is already folded. */
export function keyOfFolded(folded: string): string {
  let key = '';
  let runStart = 0;
  for (let i = 0; i < folded.length; i++) {
    const code = folded.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < folded.length ? 2 : 1;
    if (!isKeyCharacterAt(folded, i, width)) {
      key += folded.slice(runStart, i);
      runStart = i + width;
    }
    i += width - 1;
  }
  return runStart === 0 ? folded : key + folded.slice(runStart);
}

/** Folded text without white space, punctuation or symbols. */
export function matchingKey(text: string): string {
  return keyOfFolded(foldForMatching(text));
}

/** Edits allowed between two keys of this length for them to count as near-duplicates. */
export function allowedEdits(length: number): number {
  return length < MIN_NEAR_LENGTH ? 0 : Math.max(1, Math.floor(length * NEAR_RATIO));
}

/** Levenshtein distance if it is at most maxEdits, else maxEdits + 1 (banded, O(n·k)). */
export function boundedEditDistance(a: string, b: string, maxEdits: number): number {
  if (Math.abs(a.length - b.length) > maxEdits) return maxEdits + 1;
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  const INF = maxEdits + 1;
  let previous = new Array<number>(m + 1);
  let current = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) previous[j] = j <= maxEdits ? j : INF;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - maxEdits);
    const to = Math.min(m, i + maxEdits);
    current.fill(INF);
    current[0] = i <= maxEdits ? i : INF;
    let rowMin = current[0];
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

/**
 * Keys seen so far in one document. Near-duplicate candidates are the keys sharing the first or the
 * last 8 characters: a repeat with a few small edits (图像处处理, 成功 for 成果, a prefix added) keeps
 * one of its two ends intact. Edits at both ends at once go unnoticed; in exchange the check is O(1)
 * per sentence, which matters for long documents.
 */
export class SeenText {
  private readonly exact = new Set<string>();
  private readonly byPrefix = new Map<string, string[]>();
  private readonly bySuffix = new Map<string, string[]>();

  /** 'duplicate', 'nearDuplicate', or undefined for new text (which is then remembered). */
  check(key: string): 'duplicate' | 'nearDuplicate' | undefined {
    if (this.exact.has(key)) return 'duplicate';
    if (this.findNear(key) !== undefined) return 'nearDuplicate';
    this.remember(key);
    return undefined;
  }

  private remember(key: string): void {
    this.exact.add(key);
    if (key.length < MIN_NEAR_LENGTH) return;
    append(this.byPrefix, key.slice(0, ANCHOR), key);
    append(this.bySuffix, key.slice(-ANCHOR), key);
  }

  private findNear(key: string): string | undefined {
    if (allowedEdits(key.length) === 0) return undefined;
    const numbers = numbersOf(key);
    const candidates = [...(this.byPrefix.get(key.slice(0, ANCHOR)) ?? []), ...(this.bySuffix.get(key.slice(-ANCHOR)) ?? [])];
    return candidates.find((candidate) => {
      const allowed = allowedEdits(Math.max(candidate.length, key.length));
      if (Math.abs(candidate.length - key.length) > allowed) return false;
      return numbersOf(candidate) === numbers && boundedEditDistance(candidate, key, allowed) <= allowed;
    });
  }
}

function append(map: Map<string, string[]>, anchor: string, key: string): void {
  const list = map.get(anchor);
  if (list) list.push(key);
  else map.set(anchor, [key]);
}
