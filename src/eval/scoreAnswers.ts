/**
 * The eval metrics, as pure functions over questions and the answers `search --jsonl` gave.
 *
 * - A result is a hit when it cites the gold document at a line inside the gold paragraph's span
 *   (the title line is outside every span, so citing it is not a hit).
 * - hit@1, hit@k, MRR@k: rank of the first hit among the top k results (k = --top).
 * - answer-in-excerpt@1 / @k: a gold answer occurs in the top-1 / any top-k excerpt, both sides
 *   NFKC + lower case + all whitespace removed, counting only the first 200 code points of the
 *   excerpt — what a reader sees. Questions without answers are left out of these two rates.
 */
import { queryLineOf, type EvalQuestion } from './questionSet.ts';

/** How much of an excerpt counts for answer-in-excerpt: the bot quotes at most 200 code points. */
export const EXCERPT_CODE_POINTS = 200;

/** The fields of one result of the search contract that the metrics use. */
export interface CitedResult {
  doc: string;
  line: number;
  excerpt: string;
}

/** One JSON line of `search --jsonl`, reduced to what the metrics use. */
export interface SearchAnswerLine {
  query: string;
  results: CitedResult[];
  /** In-process time the search took, as the CLI reports it. */
  ms: number;
}

/** A line of search output that breaks the contract. */
export class SearchContractError extends Error {
  override name = 'SearchContractError';
}

export function parseSearchAnswerLine(text: string): SearchAnswerLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SearchContractError(`search wrote a line that is not JSON (${(error as Error).message}): ${text.slice(0, 120)}`);
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { query, results, ms } = record;
  if (typeof query !== 'string' || !Array.isArray(results) || typeof ms !== 'number') {
    throw new SearchContractError(`search wrote a line without "query", "results" and "ms": ${text.slice(0, 120)}`);
  }
  return { query, results: results.map((result, i) => citedResultFrom(result, i, text)), ms };
}

function citedResultFrom(value: unknown, index: number, text: string): CitedResult {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { doc, line, excerpt } = record;
  if (typeof doc !== 'string' || typeof line !== 'number' || !Number.isInteger(line) || typeof excerpt !== 'string') {
    throw new SearchContractError(`search result ${index + 1} lacks a string "doc", an integer "line" or a string "excerpt": ${text.slice(0, 120)}`);
  }
  return { doc, line, excerpt };
}

/** NFKC, lower case, no whitespace: the form both answers and excerpts are compared in. */
export function normalizeForAnswerMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** The part of an excerpt a reader sees: its first 200 code points (never half a surrogate pair). */
export function visibleExcerpt(excerpt: string): string {
  return Array.from(excerpt).slice(0, EXCERPT_CODE_POINTS).join('');
}

/** Normalized answers, without those that normalize to nothing (they would match every excerpt). */
export function normalizedAnswers(answers: readonly string[]): string[] {
  return answers.map(normalizeForAnswerMatch).filter((answer) => answer !== '');
}

export function excerptContainsAnswer(excerpt: string, normalized: readonly string[]): boolean {
  const seen = normalizeForAnswerMatch(visibleExcerpt(excerpt));
  return normalized.some((answer) => seen.includes(answer));
}

export function isCitationHit(result: CitedResult, question: EvalQuestion): boolean {
  return result.doc === question.doc && result.line >= question.line && result.line <= question.endLine;
}

/** How one question fared; ranks are 1-based within the top k, null when nothing in the top k qualified. */
export interface QuestionOutcome {
  id: string;
  question: string;
  hitRank: number | null;
  /** null also when the question has no answers to look for (see hasAnswers). */
  answerRank: number | null;
  hasAnswers: boolean;
  resultCount: number;
  /** Where the answer is, and the top result's citation: what was found instead. */
  gold: { doc: string; line: number; endLine: number };
  top: { doc: string; line: number } | null;
}

export function scoreQuestion(question: EvalQuestion, answer: SearchAnswerLine, k: number): QuestionOutcome {
  const results = answer.results.slice(0, k);
  const answers = normalizedAnswers(question.answers);
  const hitIndex = results.findIndex((result) => isCitationHit(result, question));
  const answerIndex = answers.length === 0 ? -1 : results.findIndex((result) => excerptContainsAnswer(result.excerpt, answers));
  return {
    id: question.id,
    question: question.question,
    hitRank: hitIndex < 0 ? null : hitIndex + 1,
    answerRank: answerIndex < 0 ? null : answerIndex + 1,
    hasAnswers: answers.length > 0,
    resultCount: answer.results.length,
    gold: { doc: question.doc, line: question.line, endLine: question.endLine },
    top: results[0] ? { doc: results[0].doc, line: results[0].line } : null,
  };
}

export interface QualityMetrics {
  questions: number;
  k: number;
  /** Fractions from 0 to 1. */
  hitAt1: number;
  hitAtK: number;
  mrrAtK: number;
  /** How many questions carry answers: the denominator of the answer-in-excerpt rates. */
  withAnswers: number;
  /** null when no question carries answers. */
  answerInExcerptAt1: number | null;
  answerInExcerptAtK: number | null;
  /** Questions that got no result at all. */
  noResults: number;
  counts: { hitAt1: number; hitAtK: number; answerInExcerptAt1: number; answerInExcerptAtK: number };
}

export function summarizeQuality(outcomes: readonly QuestionOutcome[], k: number): QualityMetrics {
  const n = outcomes.length;
  const count = (test: (outcome: QuestionOutcome) => boolean): number => outcomes.filter(test).length;
  const counts = {
    hitAt1: count((o) => o.hitRank === 1),
    hitAtK: count((o) => o.hitRank !== null),
    answerInExcerptAt1: count((o) => o.answerRank === 1),
    answerInExcerptAtK: count((o) => o.answerRank !== null),
  };
  const withAnswers = count((o) => o.hasAnswers);
  const reciprocalRanks = outcomes.reduce((sum, o) => sum + (o.hitRank === null ? 0 : 1 / o.hitRank), 0);
  return {
    questions: n,
    k,
    hitAt1: n === 0 ? 0 : counts.hitAt1 / n,
    hitAtK: n === 0 ? 0 : counts.hitAtK / n,
    mrrAtK: n === 0 ? 0 : reciprocalRanks / n,
    withAnswers,
    answerInExcerptAt1: withAnswers === 0 ? null : counts.answerInExcerptAt1 / withAnswers,
    answerInExcerptAtK: withAnswers === 0 ? null : counts.answerInExcerptAtK / withAnswers,
    noResults: count((o) => o.resultCount === 0),
    counts,
  };
}

/**
 * Scores every question against the answer given for it, in order. The answer's query must be the
 * line that was sent: a mismatch means the pipe lost or reordered a line, and scoring on would lie.
 */
export function scoreAnswers(questions: readonly EvalQuestion[], answers: readonly SearchAnswerLine[], k: number): QuestionOutcome[] {
  if (answers.length !== questions.length) {
    throw new SearchContractError(`search answered ${answers.length} of ${questions.length} questions`);
  }
  return questions.map((question, i) => {
    const sent = queryLineOf(question);
    if (answers[i].query !== sent) {
      throw new SearchContractError(`answer ${i + 1} is for "${answers[i].query}", but the question sent was "${sent}"`);
    }
    return scoreQuestion(question, answers[i], k);
  });
}

/** Nearest-rank percentile (p from 0 to 100) of the values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
