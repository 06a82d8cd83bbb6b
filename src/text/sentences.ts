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

/** Whether the mark at text[i] is followed by white space or ends the text: where an ASCII , or : ends a clause (not in 1,000 or 12:30). */
function endsBeforeSpace(text: string, i: number): boolean {
  return i + 1 === text.length || isSpaceUnit(text.charCodeAt(i + 1));
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
  if (unit === 0x2c || unit === 0x3a) return endsBeforeSpace(text, i);
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

/**
 * Where a span with no sentence end inside it may be cut, best first, looked for from the end of
 * the window back to its middle (so that no piece is shorter than half of maxUnits, but the last):
 * 1. after a clause mark (，、：；, ; : — the ASCII ones before white space, not in 1,000 or 12:30),
 *    with the closing quotes that follow it;
 * 2. at white space (a regular or an ideographic space, not a no-break one);
 * 3. between two characters that are not both letters of a spaced script (深度|学习, 学习|lorem,
 *    not lo|rem);
 * 4. anywhere.
 * Every cut is between two grapheme clusters: never inside a surrogate pair, a letter and its
 * combining marks, an emoji sequence or a flag.
 */
const CUT_CLAUSE_MARKS = new Set([...CJK_CLAUSE_MARKS, '；']);
const CUT_CLAUSE_MARK = 16;
mark(CUT_CLAUSE_MARKS, CUT_CLAUSE_MARK);

/**
 * The span cut into pieces of at most maxUnits UTF-16 units each, the first of at most firstUnits
 * (what is left of a chunk it will join). Prose pieces are trimmed of the white space at a cut (as
 * sentences are); verbatim pieces (code) keep every character, so that they join back into the
 * span as it was.
 */
export function cutLongSpan(text: string, span: TextSpan, maxUnits: number, verbatim: boolean, firstUnits = maxUnits): TextSpan[] {
  const pieces: TextSpan[] = [];
  let start = span.start;
  for (let units = firstUnits; span.end - start > units; units = maxUnits) {
    const cut = cutWithin(text, start, start + units, start + Math.max(1, units >> 1), verbatim);
    if (verbatim) pieces.push({ start, end: cut });
    else pushTrimmed(text, start, cut, pieces);
    start = cut;
    if (!verbatim) while (start < span.end && isSpaceUnit(text.charCodeAt(start))) start++;
  }
  if (verbatim) pieces.push({ start, end: span.end });
  else pushTrimmed(text, start, span.end, pieces);
  return pieces;
}

/** The best cut in (start, limit], at or after floor when there is one (see cutLongSpan). */
function cutWithin(text: string, start: number, limit: number, floor: number, verbatim: boolean): number {
  const boundaries = new GraphemeBoundaries(text, start, limit);
  for (let i = limit - 1; i >= floor; i--) {
    const unit = text.charCodeAt(i);
    if ((UNIT_MARKS[unit] & CUT_CLAUSE_MARK) === 0 && !isSpacedClauseMark(text, unit, i)) continue;
    let end = i + 1;
    while (end < limit && (UNIT_MARKS[text.charCodeAt(end)] & CLOSER) !== 0) end++;
    if (boundaries.has(end)) return end;
  }
  // White space, then a place outside a word, near the end of the window first, then nearer its
  // start: a short piece is better than a word cut in two.
  return (
    cutAtSpace(text, limit, floor, verbatim, boundaries) ??
    cutOutsideWord(text, limit, floor, boundaries) ??
    cutAtSpace(text, floor - 1, start + 1, verbatim, boundaries) ??
    cutOutsideWord(text, floor - 1, start + 1, boundaries) ??
    boundaries.lastAtOrBefore(limit)
  );
}

/**
 * The last cut at white space from `from` down to `to`: prose at the space (the pieces are trimmed
 * of it, which must then be a cluster of its own, not a space carrying a combining mark), code
 * after it (a piece of code ends at most at its window's end).
 */
function cutAtSpace(text: string, from: number, to: number, verbatim: boolean, boundaries: GraphemeBoundaries): number | undefined {
  for (let i = verbatim ? from - 1 : from; i >= to; i--) {
    const unit = text.charCodeAt(i);
    if (unit !== 0x20 && unit !== 0x09 && unit !== 0x3000) continue;
    if (verbatim ? boundaries.has(i + 1) : boundaries.has(i) && boundaries.has(i + 1)) return verbatim ? i + 1 : i;
  }
  return undefined;
}

/** The last offset from `from` down to `to` that is not between two letters of a spaced script (see isSpacedLetter). */
function cutOutsideWord(text: string, from: number, to: number, boundaries: GraphemeBoundaries): number | undefined {
  for (let i = from; i >= to; i--) {
    if (!(isSpacedLetter(text.charCodeAt(i - 1)) && isSpacedLetter(text.charCodeAt(i))) && boundaries.has(i)) return i;
  }
  return undefined;
}

/** , ; : followed by white space (or ending the text). */
function isSpacedClauseMark(text: string, unit: number, i: number): boolean {
  return (unit === 0x2c || unit === 0x3b || unit === 0x3a) && endsBeforeSpace(text, i);
}

/**
 * A letter or digit of a script written with spaces between words (Latin, Greek, Cyrillic, the
 * scripts of India, Hangul…), by its UTF-16 unit: one test per position, as the fallback of step 3
 * may try hundreds of them per cut. Chinese and Japanese characters are not: any place between
 * two of them is a fine cut.
 */
function isSpacedLetter(unit: number): boolean {
  if (unit < 0x80) return (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a);
  if (unit < 0xc0) return false;
  if (unit < 0x2000) return unit !== 0xd7 && unit !== 0xf7;
  return unit >= 0xac00 && unit <= 0xd7a3;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * Units that always stand alone as grapheme clusters, whatever is around them: printable ASCII
 * and the CJK ideographs and their punctuation (no combining marks among them: the kana voicing
 * marks U+3099 and U+309A, and U+302A–U+302F, are left out). Between two of them is a grapheme
 * boundary without asking Intl.Segmenter.
 */
function standsAlone(unit: number): boolean {
  return (
    (unit >= 0x20 && unit <= 0x7e) ||
    (unit >= 0x4e00 && unit <= 0x9fff) ||
    (unit >= 0x3400 && unit <= 0x4dbf) ||
    (unit >= 0x3000 && unit <= 0x3029) ||
    (unit >= 0xff01 && unit <= 0xff5e)
  );
}

/** Made on first use: making one loads ICU's break rules (about 20 ms), in every thread that cleans, and most corpora never need it. */
let graphemes: Intl.Segmenter | undefined;

/**
 * The grapheme boundaries of the window (start, limit + 1] of one cut. Where both units around an
 * offset stand alone the answer is known at once; otherwise Intl.Segmenter is asked about the
 * window's text from start, which is a boundary (the start of a span or the previous cut):
 * segmenting from anywhere else could misread a run of flags (regional indicators pair from the
 * start of the run). It is asked for the one cluster holding an offset (`containing`, about a
 * microsecond), never to list them all (about a microsecond per cluster: 1 ms a window).
 */
class GraphemeBoundaries {
  private segments: Intl.Segments | undefined;

  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly limit: number,
  ) {}

  has(i: number): boolean {
    const { text } = this;
    if (i <= this.start || i >= text.length) return true;
    if (standsAlone(text.charCodeAt(i - 1)) && standsAlone(text.charCodeAt(i))) return true;
    // Two code points past the window: whether limit + 1 is a boundary depends on what follows it.
    this.segments ??= (graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text.slice(this.start, Math.min(text.length, this.limit + 5)));
    return this.segments.containing(i - this.start)?.index === i - this.start;
  }

  /**
   * The last boundary in (start, i]; when there is none, one cluster is longer than the window (a
   * letter under thousands of combining marks) and is cut between code points.
   */
  lastAtOrBefore(i: number): number {
    for (let j = i; j > this.start; j--) if (this.has(j)) return j;
    return isLowSurrogate(this.text.charCodeAt(i)) && isHighSurrogate(this.text.charCodeAt(i - 1)) ? i - 1 : i;
  }
}
