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
  it('answers a search as the desk in this thread does', async () => {
    const answer = await inWorker.search('大模型需要多少计算资源', { top: 3 });
    const expected = inProcess.search('大模型需要多少计算资源', { top: 3 });
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results).toEqual(expected.results);
    expect(answer.total).toBe(expected.total);
  });

  it('answers outlines, summaries, documents, questions and statistics alike', async () => {
    expect(await inWorker.outline()).toEqual(inProcess.outline());
    const sectionId = inProcess.outline()[1].sectionId;
    expect(await inWorker.summaryById(sectionId)).toEqual(inProcess.summaryById(sectionId));
    expect(await inWorker.summaryById('no-such-section')).toBeUndefined();
    expect(await inWorker.documents()).toEqual(inProcess.documents());
    expect(await inWorker.faq()).toEqual(inProcess.faq());
    expect(await inWorker.suggestSections('背景', 5)).toEqual(inProcess.suggestSections('背景', 5));
    expect((await inWorker.stats()).documents).toBe(5);
    expect((await inWorker.stats()).builtAt).toBeInstanceOf(Date);
    expect(inWorker.problems).toEqual(inProcess.problems);
  });

  it('hands out copies: a caller sorting a list does not change the next answer', async () => {
    const first = await inWorker.documents();
    first.reverse();
    expect(await inWorker.documents()).toEqual(inProcess.documents());
  });

  it('fails with a lookup error of the same kind for an unknown document', async () => {
    await expect(inWorker.outline('no-such-document.md')).rejects.toThrow(DeskLookupError);
    await expect(inWorker.outline('no-such-document.md')).rejects.toThrow(/No document "no-such-document.md"/);
  });

  it('refuses calls plainly once closed', async () => {
    const desk = await openDeskInWorker({ seedsDir: SEEDS });
    await desk.close();
    await expect(desk.search('大模型')).rejects.toThrow(/closed/);
  });
});

