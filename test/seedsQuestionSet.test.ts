/**
 * The question set over the seeds (copied from ../shared/eval/seeds-dev.jsonl), scored by the rules
 * of its README: `any`/`all` within the top k excerpts, `none` means no results, `absent` strings are
 * never quoted; and no answer has a defect (excerpt over 300 characters, U+FFFD, a repeated excerpt,
 * a result without doc and integer line). Every question must pass.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openAnswerDesk, type AnswerDesk } from '../src/desk/answerDesk.ts';
import { answerAsJsonLine } from '../src/cli/searchCommand.ts';
import { answerDefects, passesCase, readSeedsQuestionCases } from '../src/eval/seedsQuestionCase.ts';
import type { CitedResult } from '../src/eval/scoreAnswers.ts';

const root = join(import.meta.dirname, '..');
const cases = readSeedsQuestionCases(join(root, 'test', 'fixtures', 'seeds-dev.jsonl'));

let desk: AnswerDesk;
beforeAll(async () => {
  desk = await openAnswerDesk({ seedsDir: join(root, 'seeds') });
});

/** An answer through the same JSON the CLI contract writes. */
function answerOf(deskToAsk: AnswerDesk, question: string): CitedResult[] {
  return (JSON.parse(answerAsJsonLine(deskToAsk.search(question, { top: 5 }))) as { results: CitedResult[] }).results;
}

describe('the seeds question set', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s passes', (_id, c) => {
    const results = answerOf(desk, c.q);
    expect(answerDefects(results)).toEqual([]);
    expect(passesCase(c, results)).toBe(true);
  });
});

/** Questions the seeds know nothing about, beyond the set's one: each must get no results, not noise. */
const unrelated = [
  '明天会下雨吗',
  '推荐一部电影',
  '附近有什么好吃的餐厅',
  'how to bake bread',
  '最新的iPhone价格',
  '今天天气怎么样',
  '如何烤披萨',
  '股票会涨吗',
  '世界杯冠军是谁',
  '北京有什么好玩的',
  '猫为什么喜欢睡觉',
];

describe('unrelated questions over the seeds', () => {
  it.each(unrelated)('%s gets no results', (question) => {
    expect(desk.search(question).results).toEqual([]);
  });
});
