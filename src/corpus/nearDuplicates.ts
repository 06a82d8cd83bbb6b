/**
 * Finds text seen before in the same document, exactly or with small edits (图像处处理 for
 * 图像处理, 成功 for 成果). Text is compared by its matching key: folded, without white space and
 * punctuation. Near means an edit distance of at most 6% of the length; differences in numbers
 * never count as near (two sentences that differ only in a year state two different facts; runs
 * of those are the template rule's business).
 */
import { foldForMatching } from '../text/foldText.ts';

const NOT_KEY = /[\s\p{P}\p{S}]+/gu;
const DIGITS = /\d+/g;
/** Shorter keys are compared exactly only: a few characters differing in a short line is a different line. */
const MIN_NEAR_LENGTH = 16;
const NEAR_RATIO = 0.06;
const GRAM = 3;

/** Folded text without white space, punctuation or symbols. */
export function matchingKey(text: string): string {
  return foldForMatching(text).replace(NOT_KEY, '');
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

function numbersOf(key: string): string {
  return (key.match(DIGITS) ?? []).join(',');
}

/** True when two keys are within the allowed edits of each other. */
export function isNearKey(a: string, b: string): boolean {
  const edits = allowedEdits(Math.max(a.length, b.length));
  return edits > 0 && boundedEditDistance(a, b, edits) <= edits;
}

/**
 * Keys seen so far in one document. Candidates for a near match are found through shared
 * 3-grams: k edits destroy at most 3k of them, so a near-duplicate shares most of its grams.
 */
export class SeenText {
  private readonly exact = new Set<string>();
  private readonly keys: string[] = [];
  private readonly gramIndex = new Map<string, number[]>();

  /** 'duplicate', 'nearDuplicate', or undefined for new text (which is then remembered). */
  check(key: string): 'duplicate' | 'nearDuplicate' | undefined {
    if (this.exact.has(key)) return 'duplicate';
    if (this.findNear(key) !== undefined) return 'nearDuplicate';
    this.remember(key);
    return undefined;
  }

  /** True when key was seen exactly, without remembering it. */
  hasExact(key: string): boolean {
    return this.exact.has(key);
  }

  private remember(key: string): void {
    this.exact.add(key);
    if (key.length < MIN_NEAR_LENGTH) return;
    const id = this.keys.length;
    this.keys.push(key);
    for (const gram of new Set(grams(key))) {
      const list = this.gramIndex.get(gram);
      if (list) list.push(id);
      else this.gramIndex.set(gram, [id]);
    }
  }

  private findNear(key: string): string | undefined {
    const edits = allowedEdits(key.length);
    if (edits === 0 || this.keys.length === 0) return undefined;
    const keyGrams = [...new Set(grams(key))];
    const needed = keyGrams.length - GRAM * edits;
    if (needed <= 0) return undefined;
    const shared = new Map<number, number>();
    for (const gram of keyGrams) {
      for (const id of this.gramIndex.get(gram) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    const numbers = numbersOf(key);
    for (const [id, count] of shared) {
      if (count < needed) continue;
      const candidate = this.keys[id];
      if (numbersOf(candidate) !== numbers) continue;
      const allowed = allowedEdits(Math.max(candidate.length, key.length));
      if (boundedEditDistance(candidate, key, allowed) <= allowed) return candidate;
    }
    return undefined;
  }
}

function grams(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + GRAM <= key.length; i++) out.push(key.slice(i, i + GRAM));
  return out;
}
