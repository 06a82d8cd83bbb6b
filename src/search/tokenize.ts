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
const ASCII_WORD = /^[a-z]+$/;

function classify(char: string): CharClass {
  const code = char.charCodeAt(0);
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return CharClass.Letter;
    if (code >= 0x30 && code <= 0x39) return CharClass.Digit;
    return CharClass.Other;
  }
  if (CJK.test(char)) return CharClass.Cjk;
  if (LETTER.test(char)) return CharClass.Letter;
  if (DIGIT.test(char)) return CharClass.Digit;
  return CharClass.Other;
}

const stems = new Map<string, string>();

/** The index form of a Latin word: Porter stem for plain English words, the word itself otherwise. */
export function wordTerm(word: string): string {
  if (!ASCII_WORD.test(word) || word.length < 3) return word;
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (stems.size < 200_000) stems.set(word, stem);
  }
  return stem;
}

/** Tokens of folded text, in order of position. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const cls = classify(String.fromCodePoint(cp));
    if (cls === CharClass.Other) {
      i += width;
      continue;
    }
    let end = i + width;
    const starts = [i];
    while (end < text.length) {
      const next = text.codePointAt(end)!;
      const nextWidth = next > 0xffff ? 2 : 1;
      const nextChar = String.fromCodePoint(next);
      const nextCls = classify(nextChar);
      // Combining marks continue a word; otherwise a run is one class.
      if (nextCls !== cls && !(cls === CharClass.Letter && /\p{M}/u.test(nextChar))) break;
      starts.push(end);
      end += nextWidth;
    }
    if (cls === CharClass.Cjk) {
      if (starts.length === 1) tokens.push({ term: text.slice(i, end), start: i, end });
      for (let k = 0; k + 1 < starts.length; k++) {
        const tokenEnd = k + 2 < starts.length ? starts[k + 2] : end;
        tokens.push({ term: text.slice(starts[k], tokenEnd), start: starts[k], end: tokenEnd });
      }
    } else if (cls === CharClass.Letter) {
      tokens.push({ term: wordTerm(text.slice(i, end)), start: i, end });
    } else {
      tokens.push({ term: text.slice(i, end), start: i, end });
    }
    i = end;
  }
  return tokens;
}

/** True for terms made of Han characters or kana (bigrams and unigrams). */
export function isCjkTerm(term: string): boolean {
  return CJK.test(term);
}
