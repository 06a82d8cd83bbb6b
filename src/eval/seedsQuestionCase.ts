/**
 * The seeds question sets (../shared/eval/seeds-dev.jsonl, seeds-colloquial-dev.jsonl), scored by
 * the rules of their README, the rules of ../shared/eval/seeds-eval.mjs: `any` / `all` within the
 * top k excerpts, `none` means no results, `absent` strings are never quoted; and no answer has a
 * defect (an excerpt over 300 characters, U+FFFD, a repeated excerpt, a result without doc and
 * integer line). One place for these rules: the tests and `npm run bench:questions` use it.
 */
import { readFileSync } from 'node:fs';
import type { CitedResult } from './scoreAnswers.ts';

export interface SeedsQuestionCase {
  id: string;
  q: string;
  any?: string[];
  all?: string[];
  none?: boolean;
  absent?: string[];
  k?: number;
  /** The colloquial set's category: colloquial, synonym, traditional, typo, english, none, chat. */
  cat?: string;
}

export function readSeedsQuestionCases(path: string): SeedsQuestionCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SeedsQuestionCase);
}

/** Whitespace, `**` / `__` / backticks, case and width ignored. */
const normalized = (text: string): string => text.normalize('NFKC').replace(/\*\*|__|`/g, '').replace(/\s+/g, '').toLowerCase();

const MAX_EXCERPT = 300;

/** What is wrong with an answer whatever the question: empty when nothing. */
export function answerDefects(results: readonly CitedResult[]): string[] {
  const defects: string[] = [];
  for (const r of results) {
    if (r.excerpt.includes('\uFFFD')) defects.push('replacement character in an excerpt');
    if ([...r.excerpt].length > MAX_EXCERPT) defects.push(`excerpt of ${[...r.excerpt].length} characters`);
    if (!r.doc || !Number.isInteger(r.line)) defects.push('result without doc and integer line');
  }
  const excerpts = results.map((r) => normalized(r.excerpt));
  if (new Set(excerpts).size !== excerpts.length) defects.push('two identical excerpts in one answer');
  return defects;
}

/** True when the answer is what the case asks for (defects aside). */
export function passesCase(c: SeedsQuestionCase, results: readonly CitedResult[]): boolean {
  const excerpts = results.map((r) => normalized(r.excerpt));
  const top = excerpts.slice(0, c.k ?? 3);
  let ok = true;
  if (c.none) ok = results.length === 0;
  if (c.absent) ok = !excerpts.some((e) => c.absent!.some((a) => e.includes(normalized(a))));
  if (c.any) ok = ok && top.some((e) => c.any!.some((a) => e.includes(normalized(a))));
  if (c.all) ok = ok && top.some((e) => c.all!.every((a) => e.includes(normalized(a))));
  return ok;
}
