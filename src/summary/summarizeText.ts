/**
 * Extractive summaries: the most central sentences of a body of text, in source order.
 *
 * A sentence is central when it shares many terms with the other sentences (a degree-centrality
 * variant of TextRank over the search tokenizer's terms, so it works for Chinese and English alike).
 * Sentences are taken best first while they fit the length budget, never twice, then put back in
 * the order they were written.
 */
import { matchingKey } from '../corpus/nearDuplicates.ts';
import { codePointLength, takeCodePoints } from '../text/codePoints.ts';
import { foldForMatching } from '../text/foldText.ts';
import { clauseSpans, sentenceSpans } from '../text/sentences.ts';
import { tokenize } from '../search/tokenize.ts';

export const MAX_SUMMARY = 600;

/** Q/A labels (A1：, 答：) point at a question a summary does not show: the answer reads as a statement. */
const ANSWER_LABEL = /^\s*(?:A\s*\d*|答案?\s*\d*|Answer\s*\d*)\s*[：:]\s*/iu;

/** Markdown and labels that read as noise in a summary sentence: list bullets, emphasis markers, A1：. */
function plainSentence(text: string): string {
  return text
    .replace(/^\s*(?:[-*+•]|\d{1,3}[.)、])\s+/, '')
    .replace(ANSWER_LABEL, '')
    .replace(/\*\*|__/g, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

export function splitIntoSentences(texts: readonly string[]): string[] {
  const sentences: string[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    for (const span of sentenceSpans(text)) {
      const sentence = plainSentence(text.slice(span.start, span.end));
      const key = matchingKey(sentence);
      if (key.length === 0 || seen.has(key)) continue;
      seen.add(key);
      sentences.push(sentence);
    }
  }
  return sentences;
}

/** Lead-ins ("…包括：") and questions say little on their own: they are taken only when nothing else fits. */
function weakSentence(sentence: string): boolean {
  return /[：:]$/.test(sentence) || /[?？]$/.test(sentence);
}

/** Cosine-like overlap of two term sets. */
function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

/** Redundancy weight: a sentence too close to one already chosen loses this share of its similarity. */
const REDUNDANCY = 0.7;
/** Sentences less central than this share of the most central one are left out. */
const OFF_TOPIC = 0.25;

/** The chosen sentences, in source order, together at most maxLength code points. */
export function summarizeText(texts: readonly string[], maxLength = MAX_SUMMARY): string[] {
  const sentences = splitIntoSentences(texts);
  if (sentences.length === 0) return [];
  const termSets = sentences.map((s) => new Set(tokenize(foldForMatching(s)).map((t) => t.term)));
  const centrality = sentences.map((sentence, i) => {
    let sum = 0;
    for (let j = 0; j < sentences.length; j++) if (i !== j) sum += similarity(termSets[i], termSets[j]);
    const average = sentences.length > 1 ? sum / (sentences.length - 1) : 1;
    // The first sentence of a text usually states its topic: a small head start.
    return average + (i === 0 ? 0.1 : 0) - (weakSentence(sentence) ? 1 : 0);
  });

  // Maximal marginal relevance: central, but not saying again what a chosen sentence said. A sentence
  // that shares almost nothing with the rest is off topic, not "diverse": it is not a candidate.
  const floor = Math.max(...centrality) * OFF_TOPIC;
  const chosen: number[] = [];
  const remaining = new Set(sentences.map((_, i) => i).filter((i) => sentences.length <= 2 || centrality[i] >= floor));
  let used = 0;
  while (remaining.size > 0) {
    let best = -1;
    let bestValue = -Infinity;
    for (const i of remaining) {
      const overlap = chosen.reduce((max, j) => Math.max(max, similarity(termSets[i], termSets[j])), 0);
      const value = centrality[i] - REDUNDANCY * overlap;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    remaining.delete(best);
    const length = codePointLength(sentences[best]) + (chosen.length > 0 ? 1 : 0);
    if (used + length > maxLength) continue;
    chosen.push(best);
    used += length;
  }
  if (chosen.length === 0) {
    const first = centrality.indexOf(Math.max(...centrality));
    return [shortenSentence(sentences[first], maxLength)];
  }
  return chosen.sort((a, b) => a - b).map((i) => sentences[i]);
}

/** A sentence longer than the whole budget: keep its leading clauses that fit. */
function shortenSentence(sentence: string, maxLength: number): string {
  let end = 0;
  for (const clause of clauseSpans(sentence)) {
    if (codePointLength(sentence.slice(0, clause.end)) > maxLength) break;
    end = clause.end;
  }
  return end > 0 ? sentence.slice(0, end) : takeCodePoints(sentence, maxLength);
}

/** Joins summary sentences: no space after Chinese punctuation, one after Latin. */
export function joinSentences(sentences: readonly string[]): string {
  let out = '';
  for (const sentence of sentences) {
    if (out !== '' && !/[。！？；：」』”）]$/.test(out)) out += ' ';
    out += sentence;
  }
  return out;
}
