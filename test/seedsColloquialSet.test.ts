/**
 * The colloquial question set over the seeds (copied from ../shared/eval/seeds-colloquial-dev.jsonl):
 * questions typed the way people chat (chat wording, synonyms, Taiwan words, pinyin typos, English,
 * questions the seeds do not answer, whole chat messages), scored by the rules of the seeds sets.
 * No answer may have a defect, and the set as a whole must pass at least THRESHOLD:
 * `npm run bench:questions` gives the numbers by category.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerAsJsonLine } from '../src/cli/searchCommand.ts';
import { openAnswerDesk, type AnswerDesk } from '../src/desk/answerDesk.ts';
import type { CitedResult } from '../src/eval/scoreAnswers.ts';
import { answerDefects, passesCase, readSeedsQuestionCases } from '../src/eval/seedsQuestionCase.ts';

/** The share of the set that passes today, rounded down: a change that loses questions fails here. */
const THRESHOLD = 0.9;

const root = join(import.meta.dirname, '..');
const cases = readSeedsQuestionCases(join(root, 'test', 'fixtures', 'seeds-colloquial-dev.jsonl'));

let desk: AnswerDesk;
beforeAll(async () => {
  desk = await openAnswerDesk({ seedsDir: join(root, 'seeds') });
});

const answerOf = (question: string): CitedResult[] =>
  (JSON.parse(answerAsJsonLine(desk.search(question, { top: 5 }))) as { results: CitedResult[] }).results;

describe('the colloquial seeds question set', () => {
  it('has no defect in any answer', () => {
    for (const c of cases) expect(answerDefects(answerOf(c.q)), c.id).toEqual([]);
  });

  it(`passes at least ${THRESHOLD * 100} % of the set`, () => {
    const passed = cases.filter((c) => passesCase(c, answerOf(c.q))).length;
    expect(passed / cases.length).toBeGreaterThanOrEqual(THRESHOLD);
  });
});
