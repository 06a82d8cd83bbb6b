/**
 * Excerpts: the short quote shown for a result.
 *
 * At most 200 code points, cut at sentence boundaries (。！？；. ! ?) and, inside a sentence too long
 * to quote whole, at clause boundaries (，、, :). Of all windows of consecutive sentences that fit,
 * the one covering the most IDF-weighted query terms wins; for questions asking when / who / how
 * many, a window holding a year / name / number is preferred; for a Q/A pair, one holding the answer.
 * Never splits a surrogate pair; match offsets are code points into the excerpt.
 */
import type { AnswerKind } from './analyzeQuery.ts';
import { clauseSpans, sentenceSpans, type TextSpan } from '../text/sentences.ts';
import { codePointPrefix, splitsSurrogatePair, toCodePointOffset } from '../text/codePoints.ts';
import type { Token } from './tokenize.ts';

export const MAX_EXCERPT = 200;
const JOINER = /[-‐‑–·. _]/;
const SURROGATE = /[\ud800-\udfff]/;

export interface ExcerptRequest {
  text: string;
  /** Tokens of text matching query terms (UTF-16 offsets into text). */
  matches: Token[];
  /** Weight of each query term (IDF). */
  weights: ReadonlyMap<string, number>;
  answerKind?: AnswerKind;
  /** For Q/A pairs, where the answer starts. */
  answerOffset?: number;
  /** Query terms found in the passage's title or headings: what the whole passage is about. */
  topicTerms?: ReadonlySet<string>;
  /** Folded text of the passage, to look for the query's single characters. */
  folded?: string;
  /** The query's Han characters outside topic terms: a paraphrase often shares characters, not words. */
  queryCharacters?: ReadonlySet<string>;
  /** For each query term, the term right after it in the query: the same pair in the text is a phrase. */
  nextInQuery?: ReadonlyMap<string, string>;
  maxLength?: number;
}

export interface Excerpt {
  text: string;
  /** UTF-16 offset of the excerpt in the passage text. */
  start: number;
  end: number;
  /** [start, end) code point offsets into the excerpt text. */
  matches: Array<[number, number]>;
}

const ANSWER_PATTERNS: Record<AnswerKind, RegExp | undefined> = {
  time: /\d{1,4}\s*年|\d{1,2}\s*月|\d{1,2}\s*日|世纪|年代|\b(1[0-9]{3}|20[0-9]{2})\b|\b(january|february|march|april|may|june|july|august|september|october|november|december)\b/i,
  person: /[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+|[\u4e00-\u9fff]{2,4}(?:先生|女士|教授|博士)|(?:^|[，。、])[\u4e00-\u9fff]{2,3}(?:等人|提出|发明|创立|建立)/,
  number: /\d/,
  place: /[A-Z][a-z]+|[\u4e00-\u9fff]{1,6}(?:省|市|县|国|州|岛|山|河|湖|区|镇|村)/,
  definition: /是指|指的是|是一种|是一类|定义为|\bis an?\b|\brefers to\b/,
  any: undefined,
};

/** Units a window is built from: sentences, or clauses / hard slices of a sentence too long to fit. */
function excerptUnits(text: string, maxLength: number, length: (start: number, end: number) => number): TextSpan[] {
  const units: TextSpan[] = [];
  for (const sentence of sentenceSpans(text)) {
    if (length(sentence.start, sentence.end) <= maxLength) {
      units.push(sentence);
      continue;
    }
    for (const clause of clauseSpans(text, sentence.start, sentence.end)) {
      if (length(clause.start, clause.end) <= maxLength) units.push(clause);
      // A loop, not push(...slices): millions of slices as arguments overflow the stack.
      else for (const slice of hardSlices(text, clause, maxLength)) units.push(slice);
    }
  }
  return units;
}

/** Slices of at most maxLength code points, preferring to end at a space. */
function hardSlices(text: string, span: TextSpan, maxLength: number): TextSpan[] {
  const slices: TextSpan[] = [];
  let start = span.start;
  while (start < span.end) {
    let end = start;
    let count = 0;
    while (end < span.end && count < maxLength) {
      end += splitsSurrogatePair(text, end + 1) ? 2 : 1;
      count++;
    }
    if (end < span.end) {
      // The last space in the slice's second half; looking further back (lastIndexOf) would scan
      // the whole text before the slice, for each slice, where a long text has no space.
      for (let at = end; at > start + maxLength / 2; at--) {
        if (text[at] === ' ') {
          end = at;
          break;
        }
      }
    }
    slices.push({ start, end });
    start = end;
    while (start < span.end && text[start] === ' ') start++;
  }
  return slices;
}

export function cutExcerpt(request: ExcerptRequest): Excerpt {
  const { text, matches, weights } = request;
  const maxLength = request.maxLength ?? MAX_EXCERPT;
  // Text without surrogate pairs (nearly all) measures code points as UTF-16 units, with no table.
  const prefix = SURROGATE.test(text) ? codePointPrefix(text) : undefined;
  const length = (start: number, end: number): number => (prefix ? prefix[end] - prefix[start] : end - start);
  const units = excerptUnits(text, maxLength, length);
  if (units.length === 0) return { text: '', start: 0, end: 0, matches: [] };
  const answerPattern = ANSWER_PATTERNS[request.answerKind ?? 'any'];

  // What does not depend on the window is worked out once per unit: windows overlap a lot.
  const characters = [...(request.queryCharacters ?? [])].slice(0, 31);
  const folded = request.folded;
  const unitCharacters = units.map((u) => {
    let mask = 0;
    if (folded === undefined) return mask;
    characters.forEach((char, bit) => {
      const at = folded.indexOf(char, u.start);
      if (at >= 0 && at < u.end) mask |= 1 << bit;
    });
    return mask;
  });
  const unitAnswers = units.map((u) => answerPattern !== undefined && answerPattern.test(text.slice(u.start, u.end)));
  const termIndex = new Map([...weights.keys()].map((term, i) => [term, i]));
  const window: WindowScoring = {
    matches,
    weights,
    termIndex,
    covered: new Uint8Array(termIndex.size),
    answerOffset: request.answerOffset,
    topicTerms: request.topicTerms ?? new Set(),
    nextInQuery: request.nextInQuery ?? new Map(),
  };
  let best = { score: -Infinity, start: units[0].start, end: units[0].end };
  for (let i = 0; i < units.length; i++) {
    let j = i;
    let characterMask = unitCharacters[i];
    let answers = unitAnswers[i];
    while (j + 1 < units.length && length(units[i].start, units[j + 1].end) <= maxLength) {
      j++;
      characterMask |= unitCharacters[j];
      answers ||= unitAnswers[j];
    }
    const start = units[i].start;
    const end = units[j].end;
    const score =
      scoreWindow(window, start, end) + CHARACTER_WEIGHT * bitCount(characterMask) + (answers ? ANSWER_KIND_BONUS : 0) - i * 1e-6;
    if (score > best.score) best = { score, start, end };
  }

  const excerptText = text.slice(best.start, best.end);
  return { text: excerptText, start: best.start, end: best.end, matches: matchOffsets(excerptText, best.start, matches) };
}

interface WindowScoring {
  matches: Token[];
  weights: ReadonlyMap<string, number>;
  /** Position of each query term, for `covered`. */
  termIndex: ReadonlyMap<string, number>;
  /** Scratch: which query terms the window being scored holds. */
  covered: Uint8Array;
  answerOffset: number | undefined;
  topicTerms: ReadonlySet<string>;
  nextInQuery: ReadonlyMap<string, string>;
}

function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

/** Topic terms are everywhere in a passage about the topic: they count for little when choosing where to cut. */
const TOPIC_SHARE = 0.1;
const CHARACTER_WEIGHT = 0.6;
const ANSWER_KIND_BONUS = 0.8;
const QA_ANSWER_BONUS = 2;
const QA_QUESTION_BONUS = 0.05;
const PHRASE_SHARE = 0.5;

/** The window's score from the query terms it holds, their order, and a Q/A pair's answer. */
function scoreWindow(w: WindowScoring, start: number, end: number): number {
  w.covered.fill(0);
  let score = 0;
  let occurrences = 0;
  let firstMatch = end;
  let previous: Token | undefined;
  for (const token of w.matches) {
    if (token.start < start || token.end > end) continue;
    occurrences++;
    const topic = w.topicTerms.has(token.term);
    if (!topic && token.start < firstMatch) firstMatch = token.start;
    const index = w.termIndex.get(token.term);
    if (index !== undefined && w.covered[index] === 0) {
      w.covered[index] = 1;
      score += (w.weights.get(token.term) ?? 0) * (topic ? TOPIC_SHARE : 1);
    }
    // The question's words in the question's order ("2013年3月") point at the sentence that answers it.
    if (previous && token.start <= previous.end && w.nextInQuery.get(previous.term) === token.term && !topic) {
      score += (w.weights.get(token.term) ?? 0) * PHRASE_SHARE;
    }
    previous = token;
  }
  score += occurrences * 0.01;
  if (w.answerOffset !== undefined && w.answerOffset >= start && w.answerOffset < end) {
    score += QA_ANSWER_BONUS;
    // A Q/A pair quoted from its question reads as question and answer, not an answer out of context.
    if (start === 0) score += QA_QUESTION_BONUS;
  }
  // Among equal windows, the one that starts nearer the match keeps more of what follows it.
  return score - (firstMatch - start) * 1e-4;
}

/** Match spans inside the excerpt, merged where they touch or overlap, as code point offsets. */
function matchOffsets(excerpt: string, excerptStart: number, matches: Token[]): Array<[number, number]> {
  const spans = matches
    .filter((m) => m.start >= excerptStart && m.end <= excerptStart + excerpt.length)
    .map((m) => [m.start - excerptStart, m.end - excerptStart] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    // Touching spans, or spans one joiner apart (GPT-3, BERT base), read as one match.
    if (last && (span[0] <= last[1] || (span[0] - last[1] === 1 && JOINER.test(excerpt[last[1]])))) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged.map(([s, e]) => [toCodePointOffset(excerpt, s), toCodePointOffset(excerpt, e)]);
}
