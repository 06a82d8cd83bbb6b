/**
 * The question set over the seeds (copied from ../shared/eval/seeds-dev.jsonl), scored by the rules
 * of its README: `any`/`all` within the top k excerpts, `none` means no results, `absent` strings are
 * never quoted; and no answer has a defect (excerpt over 300 characters, U+FFFD, a repeated excerpt,
 * a result without doc and integer line). Every question must pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openAnswerDesk, type AnswerDesk } from '../src/desk/answerDesk.ts';
import { answerAsJsonLine } from '../src/cli/searchCommand.ts';

interface QuestionCase {
  id: string;
  q: string;
  any?: string[];
  all?: string[];
  none?: boolean;
  absent?: string[];
  k?: number;
}

const root = join(import.meta.dirname, '..');
const cases: QuestionCase[] = readFileSync(join(root, 'test', 'fixtures', 'seeds-dev.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
const norm = (s: string) => s.normalize('NFKC').replace(/\*\*|__|`/g, '').replace(/\s+/g, '').toLowerCase();

let desk: AnswerDesk;
beforeAll(async () => {
  desk = await openAnswerDesk({ seedsDir: join(root, 'seeds') });
});

describe('the seeds question set', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s passes', (_id, c) => {
    // Through the same JSON the CLI contract writes.
    const answer = JSON.parse(answerAsJsonLine(desk.search(c.q, { top: 5 }))) as {
      results: Array<{ doc: string; line: number; excerpt: string }>;
    };
    const excerpts = answer.results.map((r) => norm(r.excerpt));
    for (const r of answer.results) {
      expect([...r.excerpt].length).toBeLessThanOrEqual(300);
      expect(r.excerpt).not.toContain('\uFFFD');
      expect(r.doc).toBeTruthy();
      expect(Number.isInteger(r.line)).toBe(true);
    }
    expect(new Set(excerpts).size).toBe(excerpts.length);
    const top = excerpts.slice(0, c.k ?? 3);
    if (c.none) expect(answer.results).toEqual([]);
    if (c.absent) for (const a of c.absent) for (const e of excerpts) expect(e).not.toContain(norm(a));
    if (c.any) expect(top.some((e) => c.any!.some((a) => e.includes(norm(a))))).toBe(true);
    if (c.all) expect(top.some((e) => c.all!.every((a) => e.includes(norm(a))))).toBe(true);
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
