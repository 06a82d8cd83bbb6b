/**
 * Sentence and clause boundaries for Chinese, English and mixed text.
 *
 * Chinese sentences end at 。！？； (and …), English ones at . ! ? followed by a space and a capital
 * or the end of the text. Closing quotes and brackets stay with the sentence they close. Clauses
 * additionally end at ，、：, and , : — excerpts are cut there when a sentence is too long.
 */

export interface TextSpan {
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
}

const CJK_TERMINATORS = new Set(['。', '！', '？', '；', '…', '!', '?', '｡']);
const CJK_CLAUSE_MARKS = new Set(['，', '、', '：', '﹐', '､']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '"', "'", '】', '》', ']', '〕']);

/**
 * What each BMP unit is among those marks, as bits (every mark is one unit): read by char code,
 * as reading text[i] makes a new string of every character outside Latin-1, and a typed array
 * read costs less than a set lookup, to run and to optimize.
 */
const TERMINATOR = 1;
const CLAUSE_MARK = 2;
const CLOSER = 4;
/** What endsWithSentenceTerminator accepts as the end of a sentence: the terminators, . ; and ；. */
const SENTENCE_END = 8;
const UNIT_MARKS = new Uint8Array(0x10000);
const mark = (chars: Iterable<string>, bit: number): void => {
  for (const char of chars) UNIT_MARKS[char.charCodeAt(0)] |= bit;
};
mark(CJK_TERMINATORS, TERMINATOR);
mark(CJK_CLAUSE_MARKS, CLAUSE_MARK);
mark(CLOSERS, CLOSER);
mark('。！？!?.…｡;；', SENTENCE_END);
const PERIOD = 0x2e;

/** Whether the unit at text[i] is white space that trims a sentence (NaN, past the end, is not). */
function isSpaceUnit(unit: number): boolean {
  return unit === 0x20 || unit === 0x09 || unit === 0x0a || unit === 0x3000 || unit === 0xa0;
}

/** True when the period at index i ends an English sentence (not a decimal point, initial or abbreviation). */
function isSentencePeriod(text: string, i: number): boolean {
  if (i + 1 >= text.length) return true;
  if (!isSpaceUnit(text.charCodeAt(i + 1))) return false;
  let j = i + 1;
  while (j < text.length && isSpaceUnit(text.charCodeAt(j))) j++;
  if (j >= text.length) return true;
  const following = text[j];
  if (/[a-z0-9]/.test(following)) return false;
  // "J. Smith", "e.g. Foo": a single letter before the period is an initial, not a sentence end.
  const before = text.slice(Math.max(0, i - 2), i);
  if (/(^|[^A-Za-z])[A-Za-z]$/.test(before)) return false;
  return true;
}

function boundaryAt(text: string, i: number, clauses: boolean): boolean {
  const unit = text.charCodeAt(i);
  if (unit === 0x0a) return true;
  if ((UNIT_MARKS[unit] & TERMINATOR) !== 0) return true;
  if (unit === PERIOD) return isSentencePeriod(text, i);
  if (!clauses) return false;
  if ((UNIT_MARKS[unit] & CLAUSE_MARK) !== 0) return true;
  if (unit === 0x2c || unit === 0x3a) return isSpaceUnit(text.charCodeAt(i + 1)) || i + 1 === text.length;
  return false;
}

const SENTENCE_MARKS = /[\n。！？；…!?｡.]/g;
const CLAUSE_MARKS = /[\n。！？；…!?｡.，、：﹐､,:]/g;

function spans(text: string, from: number, to: number, clauses: boolean): TextSpan[] {
  const result: TextSpan[] = [];
  let start = from;
  // Jump from one possible boundary to the next instead of testing every character.
  const marks = clauses ? CLAUSE_MARKS : SENTENCE_MARKS;
  for (let i = from; i < to; i++) {
    marks.lastIndex = i;
    const next = marks.exec(text);
    if (next === null || next.index >= to) break;
    i = next.index;
    if (!boundaryAt(text, i, clauses)) continue;
    let end = i + 1;
    // Runs of terminators (？！, ……) and closing quotes belong to the sentence they end.
    while (end < to && endsWith(text.charCodeAt(end))) end++;
    pushTrimmed(text, start, end, result);
    start = end;
    i = end - 1;
  }
  pushTrimmed(text, start, to, result);
  return result;
}

/** Whether a unit right after a sentence's end still belongs to it: a terminator, a closer or a period. */
function endsWith(unit: number): boolean {
  return (UNIT_MARKS[unit] & (TERMINATOR | CLOSER)) !== 0 || unit === PERIOD;
}

function pushTrimmed(text: string, start: number, end: number, into: TextSpan[]): void {
  while (start < end && isSpaceUnit(text.charCodeAt(start))) start++;
  while (end > start && isSpaceUnit(text.charCodeAt(end - 1))) end--;
  if (end > start) into.push({ start, end });
}

/** The sentences of text, trimmed of surrounding white space. */
export function sentenceSpans(text: string, from = 0, to = text.length): TextSpan[] {
  return spans(text, from, to, false);
}

/** The clauses of text: sentences further cut at commas, enumeration commas and colons. */
export function clauseSpans(text: string, from = 0, to = text.length): TextSpan[] {
  return spans(text, from, to, true);
}

const WHITE_SPACE = /\s/;

/**
 * True when text ends like a finished sentence (terminal punctuation, maybe closing quotes), white
 * space aside. Read from the end: a regular expression anchored at the end ($) tries every
 * position of the text from its start, and this is asked of every paragraph.
 */
export function endsWithSentenceTerminator(text: string): boolean {
  let end = text.length;
  while (end > 0 && WHITE_SPACE.test(text[end - 1])) end--;
  while (end > 0 && (UNIT_MARKS[text.charCodeAt(end - 1)] & CLOSER) !== 0) end--;
  return end > 0 && (UNIT_MARKS[text.charCodeAt(end - 1)] & SENTENCE_END) !== 0;
}
