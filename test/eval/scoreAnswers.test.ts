import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQuestionLines, type EvalQuestion } from '../../src/eval/questionSet.ts';
import {
  excerptContainsAnswer,
  normalizeForAnswerMatch,
  normalizedAnswers,
  parseSearchAnswerLine,
  percentile,
  scoreAnswers,
  SearchContractError,
  summarizeQuality,
  visibleExcerpt,
} from '../../src/eval/scoreAnswers.ts';

const fixture = new URL('../fixtures/eval/', import.meta.url);
const questionsPath = new URL('questions.jsonl', fixture);
const questions = parseQuestionLines(readFileSync(questionsPath, 'utf8'), 'questions.jsonl');
const answers = readFileSync(new URL('answers.jsonl', fixture), 'utf8').trim().split('\n').map(parseSearchAnswerLine);

describe('scoring the hand-checked fixture (see test/fixtures/eval/README.md)', () => {
  it('ranks the first cited hit and the first excerpt holding an answer, per question', () => {
    const outcomes = scoreAnswers(questions, answers, 5);
    expect(outcomes.map((o) => [o.id, o.hitRank, o.answerRank])).toEqual([
      ['q1', 1, 1],
      ['q2', 2, 3],
      ['q3', null, null],
      ['q4', null, 1],
      ['q5', null, null],
      ['q6', 1, 1],
    ]);
  });

  it('gives the hand-computed metrics at k = 5', () => {
    const metrics = summarizeQuality(scoreAnswers(questions, answers, 5), 5);
    expect(metrics).toEqual({
      questions: 6,
      k: 5,
      hitAt1: 2 / 6,
      hitAtK: 3 / 6,
      mrrAtK: 5 / 12,
      withAnswers: 6,
      answerInExcerptAt1: 3 / 6,
      answerInExcerptAtK: 4 / 6,
      noResults: 1,
      counts: { hitAt1: 2, hitAtK: 3, answerInExcerptAt1: 3, answerInExcerptAtK: 4 },
    });
  });

  it('only counts the top k results', () => {
    const metrics = summarizeQuality(scoreAnswers(questions, answers, 1), 1);
    expect([metrics.hitAt1, metrics.hitAtK, metrics.mrrAtK]).toEqual([2 / 6, 2 / 6, 2 / 6]);
    expect([metrics.answerInExcerptAt1, metrics.answerInExcerptAtK]).toEqual([3 / 6, 3 / 6]);
  });

  it('refuses answers that do not belong to the questions sent, in order', () => {
    expect(() => scoreAnswers(questions, answers.slice(1), 5)).toThrow(SearchContractError);
    expect(() => scoreAnswers(questions, [answers[1], answers[0], ...answers.slice(2)], 5)).toThrow(/answer 1 is for "明前茶/);
  });
});

describe('answer in excerpt', () => {
  it('compares in NFKC, lower case, without any whitespace', () => {
    expect(normalizeForAnswerMatch('Ｇ Ｐ Ｕ\u3000Cluster\n')).toBe('gpucluster');
    expect(excerptContainsAnswer('painted INTERNATIONAL\nORANGE.', normalizedAnswers(['International  Orange']))).toBe(true);
  });

  it('sees only the first 200 code points, counting a surrogate pair as one', () => {
    const padded = `${'😀'.repeat(195)}508公尺。`;
    expect(Array.from(visibleExcerpt(padded))).toHaveLength(200);
    expect(excerptContainsAnswer(padded, normalizedAnswers(['５０８公尺']))).toBe(true);
    expect(excerptContainsAnswer(`😀${padded}`, normalizedAnswers(['508公尺']))).toBe(false);
  });

  it('ignores answers that normalize to nothing, which would otherwise match every excerpt', () => {
    expect(normalizedAnswers([' ', '\u3000', 'ok'])).toEqual(['ok']);
    expect(excerptContainsAnswer('anything', normalizedAnswers([' ']))).toBe(false);
  });

  it('leaves questions without answers out of the answer-in-excerpt rates', () => {
    const unanswered: EvalQuestion = { ...questions[0], id: 'no-answers', answers: [] };
    const outcomes = scoreAnswers([questions[0], unanswered], [answers[0], answers[0]], 5);
    const metrics = summarizeQuality(outcomes, 5);
    expect(metrics.withAnswers).toBe(1);
    expect(metrics.answerInExcerptAt1).toBe(1);
    expect(metrics.hitAt1).toBe(1);
    expect(summarizeQuality([outcomes[1]], 5).answerInExcerptAtK).toBeNull();
  });
});

describe('reading search output', () => {
  it('rejects lines that break the JSON lines contract', () => {
    expect(() => parseSearchAnswerLine('not json')).toThrow(SearchContractError);
    expect(() => parseSearchAnswerLine('{"query":"q","results":[]}')).toThrow(/"ms"/);
    expect(() => parseSearchAnswerLine('{"query":"q","results":[{"doc":"a.md","line":"3","excerpt":""}],"ms":1}')).toThrow(/integer "line"/);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 99)).toBe(5);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 99)).toBe(99);
    expect(percentile([], 50)).toBe(0);
  });
});
