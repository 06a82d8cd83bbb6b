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

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\u3000' || char === '\u00a0';
}

/** True when the period at index i ends an English sentence (not a decimal point, initial or abbreviation). */
function isSentencePeriod(text: string, i: number): boolean {
  const next = text[i + 1];
  if (next === undefined) return true;
  if (!isSpace(next)) return false;
  let j = i + 1;
  while (j < text.length && isSpace(text[j])) j++;
  const following = text[j];
  if (following === undefined) return true;
  if (/[a-z0-9]/.test(following)) return false;
  // "J. Smith", "e.g. Foo": a single letter before the period is an initial, not a sentence end.
  const before = text.slice(Math.max(0, i - 2), i);
  if (/(^|[^A-Za-z])[A-Za-z]$/.test(before)) return false;
  return true;
}

function boundaryAt(text: string, i: number, clauses: boolean): boolean {
  const char = text[i];
  if (char === '\n') return true;
  if (CJK_TERMINATORS.has(char)) return true;
  if (char === '.') return isSentencePeriod(text, i);
  if (!clauses) return false;
  if (CJK_CLAUSE_MARKS.has(char)) return true;
  if (char === ',' || char === ':') return isSpace(text[i + 1]) || i + 1 === text.length;
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
    while (end < to && (CJK_TERMINATORS.has(text[end]) || CLOSERS.has(text[end]) || text[end] === '.')) end++;
    pushTrimmed(text, start, end, result);
    start = end;
    i = end - 1;
  }
  pushTrimmed(text, start, to, result);
  return result;
}

function pushTrimmed(text: string, start: number, end: number, into: TextSpan[]): void {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
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

const SENTENCE_END_UNITS = new Set(Array.from('。！？!?.…｡;；', (char) => char.charCodeAt(0)));
const CLOSER_UNITS = new Set(Array.from(CLOSERS, (char) => char.charCodeAt(0)));
const WHITE_SPACE = /\s/;

/**
 * True when text ends like a finished sentence (terminal punctuation, maybe closing quotes), white
 * space aside. Read from the end: a regular expression anchored at the end ($) tries every
 * position of the text from its start, and this is asked of every paragraph.
 */
export function endsWithSentenceTerminator(text: string): boolean {
  let end = text.length;
  while (end > 0 && WHITE_SPACE.test(text[end - 1])) end--;
  while (end > 0 && CLOSER_UNITS.has(text.charCodeAt(end - 1))) end--;
  return end > 0 && SENTENCE_END_UNITS.has(text.charCodeAt(end - 1));
}
