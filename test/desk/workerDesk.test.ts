import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskLookupError, openAnswerDesk, type AnswerDesk } from '../../src/desk/answerDesk.ts';
import { openDeskInWorker, type WorkerDesk } from '../../src/desk/workerDesk.ts';

const SEEDS = join(import.meta.dirname, '../../seeds');

let inWorker: WorkerDesk;
let inProcess: AnswerDesk;
beforeAll(async () => {
  [inWorker, inProcess] = await Promise.all([openDeskInWorker({ seedsDir: SEEDS }), openAnswerDesk({ seedsDir: SEEDS })]);
});
afterAll(async () => {
  await inWorker.close();
});

describe('a desk served from a worker thread', () => {
  it('answers a search, synchronously, as the desk in this thread does', () => {
    const answer = inWorker.search('大模型需要多少计算资源', { top: 3 });
    const expected = inProcess.search('大模型需要多少计算资源', { top: 3 });
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results).toEqual(expected.results);
    expect(answer.total).toBe(expected.total);
  });

  it('answers outlines, summaries, documents, questions and statistics alike', () => {
    expect(inWorker.outline()).toEqual(inProcess.outline());
    const sectionId = inProcess.outline()[1].sectionId;
    expect(inWorker.summaryById(sectionId)).toEqual(inProcess.summaryById(sectionId));
    expect(inWorker.summaryById('no-such-section')).toBeUndefined();
    expect(inWorker.documents()).toEqual(inProcess.documents());
    expect(inWorker.faq()).toEqual(inProcess.faq());
    expect(inWorker.suggestSections('背景', 5)).toEqual(inProcess.suggestSections('背景', 5));
    expect(inWorker.stats().documents).toBe(5);
    expect(inWorker.stats().builtAt).toBeInstanceOf(Date);
    expect(inWorker.problems).toEqual(inProcess.problems);
  });

  it('hands out copies: a caller sorting a list does not change the next answer', () => {
    const first = inWorker.documents();
    first.reverse();
    expect(inWorker.documents()).toEqual(inProcess.documents());
  });

  it('raises a lookup error of the same kind for an unknown document', () => {
    expect(() => inWorker.outline('no-such-document.md')).toThrow(DeskLookupError);
    expect(() => inWorker.outline('no-such-document.md')).toThrow(/No document "no-such-document.md"/);
  });

  it('refuses calls plainly once closed', async () => {
    const desk = await openDeskInWorker({ seedsDir: SEEDS });
    await desk.close();
    expect(() => desk.search('大模型')).toThrow(/closed/);
  });
});
