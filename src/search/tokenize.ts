/**
 * The one tokenizer, shared by the index, the query and the excerpt marker.
 *
 * Input is folded text (see foldForMatching). Runs of Han characters (and kana) become overlapping
 * character bigrams, a lone character a unigram: Chinese has no spaces, and bigrams were measured
 * to beat word segmenters for this kind of search (../shared/notes/flexsearch-cjk.md). Other letters
 * form words, English ones Porter-stemmed; digit runs are numbers, whole (2012 stays 2012). Letters
 * and digits split apart, so gpt3, GPT 3 and GPT-3 all give "gpt" "3".
 */
import { stemmer } from 'stemmer';
import { CharacterTable, UNKNOWN_PROPERTY } from '../text/characterTable.ts';
import { IGNORABLE_UNIT } from '../text/foldText.ts';

export interface Token {
  term: string;
  /** UTF-16 offsets into the text that was tokenized (and, folding being length-preserving, into the original). */
  start: number;
  end: number;
}

const enum CharClass {
  Other,
  Cjk,
  Letter,
  Digit,
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
const LETTER = /[\p{L}\p{M}]/u;
const DIGIT = /\p{Nd}/u;
const COMBINING = /\p{M}/u;
const ASCII_WORD = /^[a-z]+$/;

function classifyByPattern(char: string): CharClass {
  if (CJK.test(char)) return CharClass.Cjk;
  if (LETTER.test(char)) return CharClass.Letter;
  if (DIGIT.test(char)) return CharClass.Digit;
  return CharClass.Other;
}

const classes = new CharacterTable(classifyByPattern);
/** The class of each BMP unit, read directly in the hottest loops (see CharacterTable.bmp). */
const bmpClasses = classes.bmp;
const combining = new CharacterTable((char) => (COMBINING.test(char) ? 1 : 0));

function classAt(text: string, at: number, width: number): CharClass {
  return classes.at(text, at, width);
}

function combiningAt(text: string, at: number, width: number): boolean {
  return combining.at(text, at, width) === 1;
}

const stems = new Map<string, string>();

/** The index form of a Latin word: Porter stem for plain English words, the word itself otherwise. */
export function wordTerm(word: string): string {
  if (word.length < 3) return word;
  // Every word met is remembered, stemmed or not: a repeated word costs one lookup.
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = ASCII_WORD.test(word) ? stemmer(word) : word;
    if (stems.size < 200_000) stems.set(word, stem);
  }
  return stem;
}

type TermVisitor = (term: string, start: number, end: number) => void;

/**
 * What indexing is given for the terms of a text, in order (see scanIndexTerms). One object with
 * methods rather than three callbacks: a build calls it from one class, so the calls stay the
 * same and V8 does not have to optimize the scanner again for every new set of callbacks.
 */
export interface IndexTermVisitor {
  /** A Chinese unigram or bigram of plain units, as its shortTermKey. */
  visitKey(key: number): void;
  /** A run of plain letters or digits as written, before stemming: its term is runTerm(run, letters). */
  visitRun(run: string, letters: boolean): void;
  /** Any other term. */
  visitTerm(term: string): void;
}

/** The term of a whole run of letters (its wordTerm) or of digits (the digits themselves). */
export function runTerm(run: string, letters: boolean): string {
  return letters ? wordTerm(run) : run;
}

/**
 * The key of a short term — one or two UTF-16 units, neither a surrogate — as one 32-bit integer,
 * else 0: the unit itself, or the first unit in the high 16 bits and the second in the low ones (a
 * term never starts with U+0000, so the two kinds cannot meet). Chinese terms are nearly all
 * bigrams: indexing looks them up by this key, without making or hashing a string per token.
 */
export function shortTermKey(term: string): number {
  if (term.length === 1) return isSurrogate(term.charCodeAt(0)) ? 0 : term.charCodeAt(0);
  if (term.length !== 2) return 0;
  const first = term.charCodeAt(0);
  const second = term.charCodeAt(1);
  return first === 0 || isSurrogate(first) || isSurrogate(second) ? 0 : (first << 16) | second;
}

/** The term a short-term key stands for. */
export function shortTermOf(key: number): string {
  return key >>> 16 === 0 ? String.fromCharCode(key) : String.fromCharCode(key >>> 16, key & 0xffff);
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/**
 * Calls visit for every term of folded text, in order of position. With `firstCharacters` (char
 * codes), only for terms starting with one of them (a term starts with its text's first character,
 * stemmed or not): marking matches then builds no string for the other tokens. With `index`, every
 * term goes to it instead of to visit, short Chinese ones by key and runs before stemming (see
 * IndexTermVisitor; firstCharacters is not used with it).
 */
function scanTerms(text: string, visit: TermVisitor, firstCharacters?: ReadonlySet<number>, index?: IndexTermVisitor): void {
  const wanted = (at: number): boolean => firstCharacters === undefined || firstCharacters.has(text.charCodeAt(at));
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    // Not a surrogate (0xd800–0xdfff), in one test that runs for every unit (see plainRunEnd).
    if ((code & 0xf800) !== 0xd800) {
      let cls: number = bmpClasses[code];
      if (cls === UNKNOWN_PROPERTY) cls = classes.unit(code);
      if (cls === CharClass.Other) {
        i++;
        continue;
      }
      const end = plainRunEnd(text, i, cls);
      if (end > i) {
        if (cls !== CharClass.Cjk) {
          if (index !== undefined) index.visitRun(text.slice(i, end), cls === CharClass.Letter);
          else if (wanted(i)) visit(runTerm(text.slice(i, end), cls === CharClass.Letter), i, end);
        } else if (index !== undefined) {
          // The unigram or bigrams by key.
          if (end === i + 1) index.visitKey(code);
          let first = code;
          for (let k = i + 1; k < end; k++) {
            const second = text.charCodeAt(k);
            index.visitKey((first << 16) | second);
            first = second;
          }
        } else {
          if (end === i + 1 && wanted(i)) visit(text.slice(i, end), i, end);
          for (let k = i; k + 1 < end; k++) if (wanted(k)) visit(text.slice(k, k + 2), k, k + 2);
        }
        i = end;
        continue;
      }
    }
    i = scanCharacterByCharacter(text, i, visit, wanted, index);
  }
}

/**
 * The general path of scanTerms, for a run holding (or stopping at) a surrogate, a format
 * character or a combining mark, read character by character: visits its terms and returns where
 * it ends. A function of its own, as it runs rarely: V8 optimizes scanTerms again each time it
 * meets code it has not run before, and a smaller scanTerms costs less to compile each time.
 */
function scanCharacterByCharacter(text: string, i: number, visit: TermVisitor, wanted: (at: number) => boolean, index: IndexTermVisitor | undefined): number {
  const width = text.codePointAt(i)! > 0xffff ? 2 : 1;
  const cls = classAt(text, i, width);
  if (cls === CharClass.Other) return i + width;
  let end = i + width;
  const starts = [i];
  // Folded format characters (zero-width space, soft hyphen …) inside a run do not break it.
  let hasIgnorable = false;
  while (end < text.length) {
    let next = end;
    while (next < text.length && text.charCodeAt(next) === IGNORABLE_UNIT) next++;
    if (next === text.length) break;
    const nextWidth = text.codePointAt(next)! > 0xffff ? 2 : 1;
    const nextCls = classAt(text, next, nextWidth);
    // Combining marks continue a word; otherwise a run is one class.
    if (nextCls !== cls && !(cls === CharClass.Letter && combiningAt(text, next, nextWidth))) break;
    if (next !== end) hasIgnorable = true;
    starts.push(next);
    end = next + nextWidth;
  }
  if (cls === CharClass.Cjk) {
    if (starts.length === 1 && wanted(i)) {
      if (index !== undefined) index.visitTerm(text.slice(i, end));
      else visit(text.slice(i, end), i, end);
    }
    for (let k = 0; k + 1 < starts.length; k++) {
      if (!wanted(starts[k])) continue;
      // The bigram ends where its second character ends (before any format character after it).
      const second = starts[k + 1];
      const tokenEnd = hasIgnorable ? second + (text.codePointAt(second)! > 0xffff ? 2 : 1) : k + 2 < starts.length ? starts[k + 2] : end;
      const slice = text.slice(starts[k], tokenEnd);
      const term = hasIgnorable ? withoutIgnorable(slice) : slice;
      if (index !== undefined) index.visitTerm(term);
      else visit(term, starts[k], tokenEnd);
    }
  } else if (!wanted(i)) {
    // Not a term anyone asked for.
  } else {
    const word = hasIgnorable ? withoutIgnorable(text.slice(i, end)) : text.slice(i, end);
    const term = runTerm(word, cls === CharClass.Letter);
    if (index !== undefined) index.visitTerm(term);
    else visit(term, i, end);
  }
  return end;
}

/**
 * Where the run of class `cls` starting at `at` ends, when every character of it is one UTF-16
 * unit and it stops at a plain character of another class (the end of a run as the general path
 * in scanTerms finds it); else `at`, for runs holding or stopping at a surrogate, a format
 * character, or a combining mark after a letter, which that path reads on across.
 */
function plainRunEnd(text: string, at: number, cls: CharClass): number {
  let end = at + 1;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    // A surrogate (0xd800–0xdfff) in one test, whose operations all run on every unit: V8 optimizes
    // this loop long before it meets a surrogate, and an operation that had never run when the
    // loop was optimized throws the optimized code away the first time it runs.
    if ((code & 0xf800) === 0xd800 || code === IGNORABLE_UNIT) return at;
    let next: number = bmpClasses[code];
    if (next === UNKNOWN_PROPERTY) next = classes.unit(code);
    if (next !== cls) return cls === CharClass.Letter && combiningAt(text, end, 1) ? at : end;
    end++;
  }
  return end;
}

const IGNORABLE_RUN = new RegExp(String.fromCharCode(IGNORABLE_UNIT), 'g');

function withoutIgnorable(text: string): string {
  return text.replace(IGNORABLE_RUN, '');
}

/** Tokens of folded text, in order of position. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  scanTerms(text, (term, start, end) => tokens.push({ term, start, end }));
  return tokens;
}

/** The tokens of folded text whose term is in a set: what marking matches needs, without building the rest. */
export function tokenizeMatching(text: string, terms: ReadonlySet<string>): Token[] {
  const tokens: Token[] = [];
  const firstCharacters = new Set([...terms].map((term) => term.charCodeAt(0)));
  scanTerms(
    text,
    (term, start, end) => {
      if (terms.has(term)) tokens.push({ term, start, end });
    },
    firstCharacters,
  );
  return tokens;
}

/** Just the terms of folded text, in order, without the offsets. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  scanTerms(text, (term) => terms.push(term));
  return terms;
}

/** The visit of a scan with an IndexTermVisitor, which gets every term instead. */
const NOT_CALLED: TermVisitor = () => {};

/** The terms of folded text in order, as indexing takes them (see IndexTermVisitor): the same terms as termsOf. */
export function scanIndexTerms(text: string, visitor: IndexTermVisitor): void {
  scanTerms(text, NOT_CALLED, undefined, visitor);
}

/** True for terms made of Han characters or kana (bigrams and unigrams). */
export function isCjkTerm(term: string): boolean {
  return CJK.test(term);
}
